//! The intermediate framing (4-byte little-endian length) and its padded variant (0..15 random
//! bytes after each packet, counted in the length).
//!
//! Tags `0xeeeeeeee` and `0xdddddddd` are sent once by the client. A quick-ack request sets the
//! length's top bit; the server's reply is the 4-byte token, little-endian, top bit set
//! (core.telegram.org/mtproto/mtproto-transports, "Intermediate", "Padded intermediate").

use super::{check_len, error_code, need};
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};
use crate::frame::{Frame, Limits, Side};

const ACK_BIT: u32 = 0x8000_0000;
/// The smallest MTProto packet (a plain message: auth_key_id, msg_id, length) is 20 bytes, so a
/// padded frame shorter than that can only be a 4-byte error code and its padding.
const MIN_MTPROTO_PACKET: usize = 20;

/// A small deterministic generator (SplitMix64) for padding lengths and bytes. Padding only
/// disguises packet sizes; it needs no cryptographic strength, and drivers seed it from the OS.
#[derive(Debug, Clone)]
pub(crate) struct PaddingRng(u64);

impl PaddingRng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// State of one intermediate or padded-intermediate codec half.
#[derive(Debug, Clone)]
pub(crate) struct Intermediate {
    pub(crate) side: Side,
    pub(crate) limits: Limits,
    pub(crate) tag_pending: bool,
    /// `Some` for the padded variant.
    pub(crate) padding: Option<PaddingRng>,
}

impl Intermediate {
    pub(crate) fn encode(
        &mut self,
        packet: &[u8],
        quick_ack: bool,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let pad = self
            .padding
            .as_mut()
            .map_or(0, |rng| (rng.next() % 16) as usize);
        let len = packet.len() + pad;
        if packet.len() > self.limits.max_frame || len >= ACK_BIT as usize {
            return Err(TransportError::BadPacket {
                len: packet.len(),
                reason: "larger than the frame limit",
            });
        }
        out.reserve(len + 8);
        if std::mem::take(&mut self.tag_pending) {
            let tag = if self.padding.is_some() { 0xdd } else { 0xee };
            out.extend_from_slice(&[tag; 4]);
        }
        let flag = if quick_ack { ACK_BIT } else { 0 };
        out.extend_from_slice(&(len as u32 | flag).to_le_bytes());
        out.extend_from_slice(packet);
        if let Some(rng) = self.padding.as_mut() {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&rng.next().to_le_bytes());
            bytes[8..].copy_from_slice(&rng.next().to_le_bytes());
            out.extend_from_slice(&bytes[..pad]);
        }
        Ok(())
    }

    /// The server's quick-ack reply: the token, top bit set, little-endian.
    pub(crate) fn encode_quick_ack(token: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&(token | ACK_BIT).to_le_bytes());
    }

    pub(crate) fn decode(&mut self, input: &mut RecvBuffer) -> Result<Option<Frame>> {
        let Some(header) = input.peek::<4>() else {
            return Ok(None);
        };
        let word = u32::from_le_bytes(header);
        let quick_ack = word & ACK_BIT != 0;
        if quick_ack && self.side == Side::Client {
            input.consume(4);
            return Ok(Some(Frame::QuickAck(word)));
        }
        let len = check_len(u64::from(word & !ACK_BIT), self.limits)?;
        if !need(input, 4 + len) {
            return Ok(None);
        }
        let payload = input.take_frame(4, len, 0);
        if self.side == Side::Client {
            let longest_error = if self.padding.is_some() {
                MIN_MTPROTO_PACKET - 1
            } else {
                4
            };
            error_code(&payload, longest_error)?;
        }
        Ok(Some(Frame::Packet { payload, quick_ack }))
    }
}
