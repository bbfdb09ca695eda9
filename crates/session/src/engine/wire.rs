//! The byte layout shared by both ends of a session: the encrypted message's inner header,
//! `msg_container` packing and unpacking, `gzip_packed` (with a bounded inflate), and the
//! seq_no rule.
//!
//! Plaintext layout (MTProto description): `salt:long session_id:long msg_id:long seq_no:int
//! message_data_length:int message_data`. A container is `msg_container#73f1f8dc` followed by a
//! count and that many `message msg_id:long seqno:int bytes:int body`.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use pyro_tl_types::primitives::{read_bytes, write_bytes};
use pyro_tl_types::{Cursor, Identifiable, mtproto::types};

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::{self, Sender};

use super::error::PayloadError;
use super::rng::Drbg;

/// `msg_container#73f1f8dc`.
pub(crate) const MSG_CONTAINER: u32 = types::MsgContainer::CONSTRUCTOR_ID;
/// `gzip_packed#3072cfa1`.
pub(crate) const GZIP_PACKED: u32 = types::GzipPacked::CONSTRUCTOR_ID;
/// `msg_copy#e06046b2`.
pub(crate) const MSG_COPY: u32 = types::MsgCopy::CONSTRUCTOR_ID;
/// `message#5bb8e511` (the boxed form inside `msg_copy`).
pub(crate) const MESSAGE: u32 = types::Message::CONSTRUCTOR_ID;
/// `msgs_ack#62d6b459`.
pub(crate) const MSGS_ACK: u32 = types::MsgsAck::CONSTRUCTOR_ID;
/// `rpc_result#f35c6d01`.
pub(crate) const RPC_RESULT: u32 = types::RpcResult::CONSTRUCTOR_ID;
/// `rpc_error#2144ca19`.
pub(crate) const RPC_ERROR: u32 = types::RpcError::CONSTRUCTOR_ID;
/// `http_wait#9299359f` (not content-related).
const HTTP_WAIT: u32 = types::HttpWait::CONSTRUCTOR_ID;

/// Bytes of a message's own header inside a container: msg_id, seqno, bytes.
pub(crate) const MESSAGE_HEADER_LEN: usize = 16;
/// Headroom the crypto layer wants before the plaintext (auth_key_id and msg_key).
pub(crate) const HEADROOM: usize = pyro_mtproto_crypto::packet::HEADER_LEN;

/// The decrypted inner header of a packet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header<'a> {
    pub(crate) salt: i64,
    pub(crate) session_id: i64,
    pub(crate) msg_id: i64,
    pub(crate) seqno: i32,
    pub(crate) body: &'a [u8],
}

/// Splits a decrypted plaintext (without padding) into its header and body.
pub(crate) fn parse_plaintext(plain: &[u8]) -> Result<Header<'_>, PayloadError> {
    let mut cur = Cursor::new(plain);
    let short = |_| PayloadError::Truncated;
    let salt = i64::from_le_bytes(cur.read_array().map_err(short)?);
    let session_id = i64::from_le_bytes(cur.read_array().map_err(short)?);
    let msg_id = i64::from_le_bytes(cur.read_array().map_err(short)?);
    let seqno = i32::from_le_bytes(cur.read_array().map_err(short)?);
    let len = u32::from_le_bytes(cur.read_array().map_err(short)?) as usize;
    let body = cur.read_raw(len).map_err(short)?;
    Ok(Header {
        salt,
        session_id,
        msg_id,
        seqno,
        body,
    })
}

/// The constructor id at the start of a body.
pub(crate) fn constructor(body: &[u8]) -> Option<u32> {
    body.first_chunk::<4>().map(|b| u32::from_le_bytes(*b))
}

/// Whether a message with this body needs an acknowledgment (MTProto's "content-related").
pub(crate) fn is_content_related(body: &[u8]) -> bool {
    !matches!(
        constructor(body),
        Some(MSGS_ACK | MSG_CONTAINER | HTTP_WAIT)
    )
}

/// Counts content-related messages and hands out seq_no values: `2 * count + 1` for a
/// content-related message (which then increments the count), `2 * count` otherwise.
#[derive(Debug, Clone, Default)]
pub(crate) struct SeqNo {
    count: i32,
}

impl SeqNo {
    pub(crate) fn next(&mut self, content_related: bool) -> i32 {
        if content_related {
            let seq = self.count.wrapping_mul(2).wrapping_add(1);
            self.count = self.count.wrapping_add(1);
            seq
        } else {
            self.count.wrapping_mul(2)
        }
    }

    /// Skips `n` content-related numbers (after `bad_msg_notification` 32: seq_no too low).
    pub(crate) fn skip(&mut self, n: i32) {
        self.count = self.count.wrapping_add(n);
    }
}

/// One message to write: its id, seq_no and body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OutMessage<'a> {
    pub(crate) msg_id: i64,
    pub(crate) seqno: i32,
    pub(crate) body: &'a [u8],
}

/// Writes `msg_id seqno bytes body` at the end of `buf`.
pub(crate) fn write_message(buf: &mut Vec<u8>, msg: &OutMessage<'_>) {
    buf.extend_from_slice(&msg.msg_id.to_le_bytes());
    buf.extend_from_slice(&msg.seqno.to_le_bytes());
    buf.extend_from_slice(&(msg.body.len() as u32).to_le_bytes());
    buf.extend_from_slice(msg.body);
}

/// Starts a plaintext in `buf` (cleared): crypto headroom, salt and session id. Append the
/// message (or container) with [`write_message`] / [`begin_container`].
pub(crate) fn begin_plaintext(buf: &mut Vec<u8>, salt: i64, session_id: i64) {
    buf.clear();
    buf.resize(HEADROOM, 0);
    buf.extend_from_slice(&salt.to_le_bytes());
    buf.extend_from_slice(&session_id.to_le_bytes());
}

/// Writes a container's header (`msg_id seqno bytes msg_container count`); the length field is
/// patched by [`end_container`]. Returns where the container's body starts.
pub(crate) fn begin_container(buf: &mut Vec<u8>, msg_id: i64, seqno: i32, count: usize) -> usize {
    buf.extend_from_slice(&msg_id.to_le_bytes());
    buf.extend_from_slice(&seqno.to_le_bytes());
    buf.extend_from_slice(&0u32.to_le_bytes());
    let start = buf.len();
    buf.extend_from_slice(&MSG_CONTAINER.to_le_bytes());
    buf.extend_from_slice(&(count as u32).to_le_bytes());
    start
}

/// Patches the container's `bytes` field once its messages are written.
pub(crate) fn end_container(buf: &mut [u8], start: usize) {
    let len = (buf.len() - start) as u32;
    if let Some(field) = buf.get_mut(start - 4..start) {
        field.copy_from_slice(&len.to_le_bytes());
    }
}

/// One message found inside a container.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InMessage<'a> {
    pub(crate) msg_id: i64,
    pub(crate) seqno: i32,
    pub(crate) body: &'a [u8],
}

/// The messages of a container body (after its constructor id), every length checked.
pub(crate) fn parse_container(body: &[u8]) -> Result<Vec<InMessage<'_>>, PayloadError> {
    let mut cur = Cursor::new(body);
    let short = |_| PayloadError::Truncated;
    let count = u32::from_le_bytes(cur.read_array().map_err(short)?) as usize;
    // Each message takes at least its 16-byte header: bound the allocation by the input.
    if count > cur.remaining() / MESSAGE_HEADER_LEN {
        return Err(PayloadError::Truncated);
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let msg_id = i64::from_le_bytes(cur.read_array().map_err(short)?);
        let seqno = i32::from_le_bytes(cur.read_array().map_err(short)?);
        let len = u32::from_le_bytes(cur.read_array().map_err(short)?) as usize;
        let body = cur.read_raw(len).map_err(short)?;
        out.push(InMessage {
            msg_id,
            seqno,
            body,
        });
    }
    if !cur.is_empty() {
        return Err(PayloadError::TrailingBytes);
    }
    Ok(out)
}

/// The message inside `msg_copy#e06046b2 orig_message:Message` (body after the constructor id).
pub(crate) fn parse_msg_copy(body: &[u8]) -> Result<InMessage<'_>, PayloadError> {
    let mut cur = Cursor::new(body);
    let short = |_| PayloadError::Truncated;
    let id = cur.read_u32().map_err(short)?;
    if id != MESSAGE {
        return Err(PayloadError::UnexpectedConstructor(id));
    }
    let msg_id = i64::from_le_bytes(cur.read_array().map_err(short)?);
    let seqno = i32::from_le_bytes(cur.read_array().map_err(short)?);
    let len = u32::from_le_bytes(cur.read_array().map_err(short)?) as usize;
    let inner = cur.read_raw(len).map_err(short)?;
    Ok(InMessage {
        msg_id,
        seqno,
        body: inner,
    })
}

/// Inflates a `gzip_packed` body (after its constructor id), refusing output beyond `max`
/// bytes so a small bomb cannot exhaust memory.
pub(crate) fn gunzip(body: &[u8], max: usize) -> Result<Vec<u8>, PayloadError> {
    let mut cur = Cursor::new(body);
    let packed = read_bytes(&mut cur).map_err(|_| PayloadError::Truncated)?;
    let mut out = Vec::with_capacity(packed.len().saturating_mul(4).min(max));
    let mut limited = GzDecoder::new(packed).take(max as u64 + 1);
    limited
        .read_to_end(&mut out)
        .map_err(|_| PayloadError::BadGzip)?;
    if out.len() > max {
        return Err(PayloadError::InflateLimit { max });
    }
    Ok(out)
}

/// `gzip_packed` of `body` if that is smaller than `body` itself, else `None`.
pub(crate) fn gzip_if_smaller(body: &[u8]) -> Option<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::with_capacity(body.len() / 2), Compression::default());
    enc.write_all(body).ok()?;
    let packed = enc.finish().ok()?;
    let mut out = Vec::with_capacity(packed.len() + 12);
    out.extend_from_slice(&GZIP_PACKED.to_le_bytes());
    write_bytes(&packed, &mut out);
    (out.len() < body.len()).then_some(out)
}

/// Pads the plaintext in `buf` (after [`HEADROOM`]) with random bytes, `0..=max_extra_blocks`
/// random extra blocks included, and encrypts it in place into a whole packet.
pub(crate) fn seal(
    key: &AuthKey,
    sender: Sender,
    rng: &mut Drbg,
    max_extra_blocks: u8,
    buf: &mut Vec<u8>,
) -> bool {
    let plaintext_len = buf.len().saturating_sub(HEADROOM);
    let mut extra = [0u8; 1];
    rng.fill(&mut extra);
    let blocks = usize::from(extra[0]) % (usize::from(max_extra_blocks) + 1);
    let pad_len = packet::padding_len(plaintext_len, blocks);
    let mut padding = [0u8; packet::MAX_PADDING];
    let padding = &mut padding[..pad_len];
    rng.fill(padding);
    packet::encrypt_in_place(key, sender, buf, padding).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seqno_rule() {
        let mut s = SeqNo::default();
        assert_eq!(s.next(false), 0);
        assert_eq!(s.next(true), 1);
        assert_eq!(s.next(true), 3);
        assert_eq!(s.next(false), 4);
    }

    #[test]
    fn container_round_trip_and_truncation() {
        let mut buf = Vec::new();
        let start = begin_container(&mut buf, 100, 2, 2);
        write_message(
            &mut buf,
            &OutMessage {
                msg_id: 4,
                seqno: 1,
                body: &[1, 2, 3, 4],
            },
        );
        write_message(
            &mut buf,
            &OutMessage {
                msg_id: 8,
                seqno: 3,
                body: &[],
            },
        );
        end_container(&mut buf, start);
        let body = &buf[start + 4..];
        let msgs = parse_container(body).unwrap();
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0].body, &[1, 2, 3, 4]);
        assert_eq!(msgs[1].msg_id, 8);
        assert!(parse_container(&body[..body.len() - 1]).is_err());
        assert!(parse_container(&[0xff, 0xff, 0xff, 0x7f]).is_err());
    }

    #[test]
    fn gzip_round_trip_and_bomb_limit() {
        let body = vec![7u8; 10_000];
        let packed = gzip_if_smaller(&body).unwrap();
        assert_eq!(constructor(&packed), Some(GZIP_PACKED));
        assert_eq!(gunzip(&packed[4..], 10_000).unwrap(), body);
        assert_eq!(
            gunzip(&packed[4..], 9_999),
            Err(PayloadError::InflateLimit { max: 9_999 })
        );
        assert!(gzip_if_smaller(&[1, 2, 3, 4]).is_none());
    }
}
