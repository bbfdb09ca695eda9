//! The abridged framing: a 1-byte length in 4-byte units, or `0x7f` and a 3-byte length.
//!
//! The client sends `0xef` once before its first packet. A quick-ack request sets the top bit of
//! the first length byte; the server's quick-ack reply is 4 bytes, big-endian, whose first byte
//! has its top bit set (core.telegram.org/mtproto/mtproto-transports, "Abridged" and "Quick ack").

use super::{check_len, error_code, need};
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};
use crate::frame::{Frame, Limits, Side};

/// Lengths of 127 words and more use the long form.
const LONG: u8 = 0x7f;
/// The quick-ack bit of the first byte.
const ACK_BIT: u8 = 0x80;
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
        let flag = if quick_ack { ACK_BIT } else { 0 };
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
        let quick_ack = first & ACK_BIT != 0;
        if quick_ack && self.side == Side::Client {
            let Some(token) = input.peek::<4>() else {
                return Ok(None);
            };
            input.consume(4);
            return Ok(Some(Frame::QuickAck(u32::from_be_bytes(token))));
        }
        let short = first & !ACK_BIT;
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
