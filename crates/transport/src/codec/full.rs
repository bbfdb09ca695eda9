//! The full framing: total length (4 bytes LE, counting itself, the sequence number and the CRC),
//! a per-direction sequence number starting at 0, the payload, and the CRC32 of everything before
//! it (core.telegram.org/mtproto/mtproto-transports, "Full"). No tag, no quick ack; a transport
//! error arrives as a frame whose payload is the 4-byte code.

use super::{check_len, error_code, need};
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};
use crate::frame::{Frame, Limits, Side};

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
