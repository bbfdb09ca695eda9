//! MTProto's unencrypted envelope, which carries every key-exchange message
//! (core.telegram.org/mtproto/description, "Unencrypted Message"): `auth_key_id` = 0 (8 bytes),
//! `message_id` (8, little-endian), `message_data_length` (4, little-endian), then the TL body.
//! Transport framing goes around it.
//!
//! ```
//! use pyro_mtproto_crypto::handshake::envelope::{unwrap_plain, wrap_plain};
//! use pyro_mtproto_crypto::packet::Sender;
//!
//! let wire = wrap_plain(0x6500_0000_0000_0004, &[1, 2, 3, 4]);
//! let message = unwrap_plain(&wire, Sender::Client)?;
//! assert_eq!((message.msg_id, message.body), (0x6500_0000_0000_0004, &[1, 2, 3, 4][..]));
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

use super::HandshakeError;
use crate::packet::Sender;

/// Bytes before the body.
pub const PLAIN_HEADER_LEN: usize = 20;

/// An unwrapped unencrypted message: its id and its TL body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainMessage<'a> {
    /// `message_id`.
    pub msg_id: i64,
    /// The TL body (`req_pq_multi`, `resPQ`, ...), to hand to the typestate.
    pub body: &'a [u8],
}

/// `auth_key_id = 0 || msg_id || length || body`. The caller picks `msg_id` from its clock
/// (a client's is divisible by 4; a server's answer is 1 modulo 4).
pub fn wrap_plain(msg_id: i64, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PLAIN_HEADER_LEN + body.len());
    out.extend_from_slice(&0u64.to_le_bytes());
    out.extend_from_slice(&msg_id.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// Checks and strips the envelope of a message sent by `from`: `auth_key_id` is 0, the length
/// covers exactly the rest and is a multiple of 4, and `msg_id` is non-zero with the sender's
/// residue (0 modulo 4 from a client, 1 modulo 4 from a server).
pub fn unwrap_plain(bytes: &[u8], from: Sender) -> Result<PlainMessage<'_>, HandshakeError> {
    let (header, body) =
        bytes
            .split_at_checked(PLAIN_HEADER_LEN)
            .ok_or(HandshakeError::BadEnvelope(
                "shorter than the 20-byte header",
            ))?;
    let word = |at: usize| -> [u8; 8] {
        let mut w = [0u8; 8];
        w.copy_from_slice(&header[at..at + 8]);
        w
    };
    if word(0) != [0; 8] {
        return Err(HandshakeError::BadEnvelope("auth_key_id is not 0"));
    }
    let msg_id = i64::from_le_bytes(word(8));
    let mut len = [0u8; 4];
    len.copy_from_slice(&header[16..]);
    let len = u32::from_le_bytes(len) as usize;
    if len != body.len() || !len.is_multiple_of(4) {
        return Err(HandshakeError::BadEnvelope(
            "message_data_length does not match the body",
        ));
    }
    let residue = match from {
        Sender::Client => 0,
        Sender::Server => 1,
    };
    if msg_id == 0 || msg_id.rem_euclid(4) != residue {
        return Err(HandshakeError::BadEnvelope(
            "msg_id is not one the sender may use",
        ));
    }
    Ok(PlainMessage { msg_id, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_both_directions() {
        let body = [9u8; 20];
        for (id, from) in [(0x10, Sender::Client), (0x11, Sender::Server)] {
            let wire = wrap_plain(id, &body);
            assert_eq!(wire.len(), PLAIN_HEADER_LEN + 20);
            assert_eq!(
                unwrap_plain(&wire, from),
                Ok(PlainMessage {
                    msg_id: id,
                    body: &body
                })
            );
        }
    }

    #[test]
    fn every_broken_envelope_is_refused() {
        let good = wrap_plain(0x10, &[7; 8]);
        let refused = |bytes: &[u8], from| {
            matches!(
                unwrap_plain(bytes, from),
                Err(HandshakeError::BadEnvelope(_))
            )
        };
        for len in 0..good.len() {
            assert!(refused(&good[..len], Sender::Client), "truncated to {len}");
        }
        let mut key = good.clone();
        key[3] = 1;
        assert!(refused(&key, Sender::Client));
        let mut long = good.clone();
        long.extend_from_slice(&[0; 4]);
        assert!(refused(&long, Sender::Client));
        assert!(refused(&wrap_plain(0x10, &[1; 3]), Sender::Client));
        assert!(
            refused(&good, Sender::Server),
            "a client msg_id from the server"
        );
        assert!(refused(&wrap_plain(0, &[]), Sender::Client));
        assert!(refused(&wrap_plain(0x13, &[]), Sender::Server));
    }
}
