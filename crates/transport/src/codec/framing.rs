//! The three framings' state machines: abridged, intermediate (with its padded variant) and full.
//! [`super::Codec`] dispatches to them and adds obfuscation; each half keeps its own copy.

use super::{check_len, error_code, need};
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};
use crate::frame::{Frame, Limits, Side};

// ---- Abridged ----
//
// The abridged framing: a 1-byte length in 4-byte units, or `0x7f` and a 3-byte length.
//
// The client sends `0xef` once before its first packet. A quick-ack request sets the top bit of
// the first length byte; the server's quick-ack reply is 4 bytes, big-endian, whose first byte
// has its top bit set (core.telegram.org/mtproto/mtproto-transports, "Abridged" and "Quick ack").

/// Lengths of 127 words and more use the long form.
const LONG: u8 = 0x7f;
/// The quick-ack bit of the first byte.
const ABRIDGED_ACK_BIT: u8 = 0x80;
/// The long form carries 24 bits of words.
const MAX_WORDS: usize = 1 << 24;

/// State of one abridged codec half.
#[derive(Debug, Clone)]
pub(crate) struct Abridged {
    pub(crate) side: Side,
    pub(crate) limits: Limits,
    pub(crate) tag_pending: bool,
}

impl Abridged {
    pub(crate) fn encode(
        &mut self,
        packet: &[u8],
        quick_ack: bool,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let len = packet.len();
        if !len.is_multiple_of(4) {
            return Err(TransportError::BadPacket {
                len,
                reason: "abridged packets must be a multiple of 4 bytes",
            });
        }
        let words = len / 4;
        if words >= MAX_WORDS || len > self.limits.max_frame {
            return Err(TransportError::BadPacket {
                len,
                reason: "larger than the frame limit",
            });
        }
        out.reserve(len + 5);
        if std::mem::take(&mut self.tag_pending) {
            out.push(0xef);
        }
        let flag = if quick_ack { ABRIDGED_ACK_BIT } else { 0 };
        if words < usize::from(LONG) {
            out.push(words as u8 | flag);
        } else {
            let w = (words as u32).to_le_bytes();
            out.extend_from_slice(&[LONG | flag, w[0], w[1], w[2]]);
        }
        out.extend_from_slice(packet);
        Ok(())
    }

    /// The server's quick-ack reply: the token, top bit set, big-endian.
    pub(crate) fn encode_quick_ack(token: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&(token | 0x8000_0000).to_be_bytes());
    }

    pub(crate) fn decode(&mut self, input: &mut RecvBuffer) -> Result<Option<Frame>> {
        let Some(&first) = input.as_slice().first() else {
            return Ok(None);
        };
        let quick_ack = first & ABRIDGED_ACK_BIT != 0;
        if quick_ack && self.side == Side::Client {
            let Some(token) = input.peek::<4>() else {
                return Ok(None);
            };
            input.consume(4);
            return Ok(Some(Frame::QuickAck(u32::from_be_bytes(token))));
        }
        let short = first & !ABRIDGED_ACK_BIT;
        let (header, words) = if short < LONG {
            (1, u64::from(short))
        } else {
            let Some([_, a, b, c]) = input.peek::<4>() else {
                return Ok(None);
            };
            (4, u64::from(u32::from_le_bytes([a, b, c, 0])))
        };
        let len = check_len(words * 4, self.limits)?;
        if !need(input, header + len) {
            return Ok(None);
        }
        let payload = input.take_frame(header, len, 0);
        if self.side == Side::Client {
            error_code(&payload, 4)?;
        }
        Ok(Some(Frame::Packet { payload, quick_ack }))
    }
}

// ---- Intermediate ----
//
// The intermediate framing (4-byte little-endian length) and its padded variant (0..15 random
// bytes after each packet, counted in the length).
//
// Tags `0xeeeeeeee` and `0xdddddddd` are sent once by the client. A quick-ack request sets the
// length's top bit; the server's reply is the 4-byte token, little-endian, top bit set
// (core.telegram.org/mtproto/mtproto-transports, "Intermediate", "Padded intermediate").

const INTERMEDIATE_ACK_BIT: u32 = 0x8000_0000;
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
        if packet.len() > self.limits.max_frame || len >= INTERMEDIATE_ACK_BIT as usize {
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
        let flag = if quick_ack { INTERMEDIATE_ACK_BIT } else { 0 };
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
        out.extend_from_slice(&(token | INTERMEDIATE_ACK_BIT).to_le_bytes());
    }

    pub(crate) fn decode(&mut self, input: &mut RecvBuffer) -> Result<Option<Frame>> {
        let Some(header) = input.peek::<4>() else {
            return Ok(None);
        };
        let word = u32::from_le_bytes(header);
        let quick_ack = word & INTERMEDIATE_ACK_BIT != 0;
        if quick_ack && self.side == Side::Client {
            input.consume(4);
            return Ok(Some(Frame::QuickAck(word)));
        }
        let len = check_len(u64::from(word & !INTERMEDIATE_ACK_BIT), self.limits)?;
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

// ---- Full ----
//
// The full framing: total length (4 bytes LE, counting itself, the sequence number and the CRC),
// a per-direction sequence number starting at 0, the payload, and the CRC32 of everything before
// it (core.telegram.org/mtproto/mtproto-transports, "Full"). No tag, no quick ack; a transport
// error arrives as a frame whose payload is the 4-byte code.

/// Length, sequence number and CRC.
const OVERHEAD: usize = 12;

/// State of one full codec half.
#[derive(Debug, Clone)]
pub(crate) struct Full {
    pub(crate) side: Side,
    pub(crate) limits: Limits,
    pub(crate) send_seq: i32,
    pub(crate) recv_seq: i32,
}

impl Full {
    pub(crate) fn encode(
        &mut self,
        packet: &[u8],
        quick_ack: bool,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        if quick_ack {
            return Err(TransportError::Config(
                "the full transport has no quick acknowledgements",
            ));
        }
        let len = packet.len() + OVERHEAD;
        if packet.len() > self.limits.max_frame || u32::try_from(len).is_err() {
            return Err(TransportError::BadPacket {
                len: packet.len(),
                reason: "larger than the frame limit",
            });
        }
        out.reserve(len);
        let start = out.len();
        out.extend_from_slice(&(len as u32).to_le_bytes());
        out.extend_from_slice(&self.send_seq.to_le_bytes());
        out.extend_from_slice(packet);
        let crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&crc.to_le_bytes());
        self.send_seq = self.send_seq.wrapping_add(1);
        Ok(())
    }

    pub(crate) fn decode(&mut self, input: &mut RecvBuffer) -> Result<Option<Frame>> {
        let Some(header) = input.peek::<8>() else {
            return Ok(None);
        };
        let [l0, l1, l2, l3, s0, s1, s2, s3] = header;
        let total = u32::from_le_bytes([l0, l1, l2, l3]);
        let Some(payload_len) = (total as usize).checked_sub(OVERHEAD) else {
            return Err(TransportError::BadLength {
                len: u64::from(total),
            });
        };
        let len = check_len(payload_len as u64, self.limits)?;
        if !need(input, len + OVERHEAD) {
            return Ok(None);
        }
        let frame = &input.as_slice()[..len + OVERHEAD];
        let (body, crc) = frame.split_at(len + 8);
        let got = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
        let expected = crc32fast::hash(body);
        if got != expected {
            input.consume(len + OVERHEAD);
            return Err(TransportError::BadCrc { expected, got });
        }
        let seq = i32::from_le_bytes([s0, s1, s2, s3]);
        if seq != self.recv_seq {
            input.consume(len + OVERHEAD);
            return Err(TransportError::BadSeq {
                expected: self.recv_seq,
                got: seq,
            });
        }
        self.recv_seq = self.recv_seq.wrapping_add(1);
        let payload = input.take_frame(8, len, 4);
        if self.side == Side::Client {
            error_code(&payload, 4)?;
        }
        Ok(Some(Frame::packet(payload)))
    }
}
