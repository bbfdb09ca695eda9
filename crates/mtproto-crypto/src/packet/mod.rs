//! MTProto 2.0 packet encryption and decryption (and MTProto 1.0 for `auth.bindTempAuthKey`).
//!
//! An encrypted packet is `auth_key_id (8) || msg_key (16) || AES-256-IGE(plaintext || padding)`
//! with `msg_key = SHA-256(auth_key[88+x..120+x] || plaintext || padding)[8..24]` and the AES key
//! and IV from [`kdf_v2`]. The random padding (12..=1024 bytes, making the total a multiple of 16)
//! is supplied by the caller, as every random byte of this crate is.
//!
//! # What [`decrypt_in_place`] checks
//!
//! In this order, each failure a distinct [`CryptoError`]:
//! 1. the packet has at least 24 + 48 bytes ([`PacketTooShort`](CryptoError::PacketTooShort)):
//!    the smallest plaintext is the 32-byte header, a 4-byte constructor and 12 bytes of padding;
//! 2. the encrypted part is a multiple of 16 ([`PacketNotBlockAligned`](CryptoError::PacketNotBlockAligned));
//! 3. `auth_key_id` is ours ([`AuthKeyIdMismatch`](CryptoError::AuthKeyIdMismatch));
//! 4. after decryption, msg_key recomputed over the whole plaintext (padding included) equals the
//!    packet's, compared in constant time ([`MsgKeyMismatch`](CryptoError::MsgKeyMismatch));
//!    nothing inside the plaintext is looked at before this check passes;
//! 5. `message_data_length` (bytes 28..32, little-endian) is a multiple of 4 and fits in the
//!    plaintext ([`BadMessageLength`](CryptoError::BadMessageLength));
//! 6. the padding that remains is 12..=1024 bytes ([`BadPadding`](CryptoError::BadPadding)).
//!
//! The salt, session_id, msg_id and seq_no are returned unparsed: checking them (session match,
//! msg_id time window and parity, duplicates) is the session layer's job.
//!
//! Decryption hashes the plaintext while it decrypts: after each 64 bytes of IGE the SHA-256
//! compression of those bytes is issued, so the CPU's AES and SHA units work side by side.
//!
//! ```
//! use pyro_mtproto_crypto::AuthKey;
//! use pyro_mtproto_crypto::packet::{self, Sender, HEADER_LEN};
//!
//! let key = AuthKey::from_bytes([3; 256]);
//! // 32-byte header (salt, session_id, msg_id, seq_no, length = 4) and a 4-byte body.
//! let mut plaintext = [0u8; 36];
//! plaintext[28] = 4;
//! let mut buf = Vec::with_capacity(HEADER_LEN + 36 + 1024);
//! buf.resize(HEADER_LEN, 0); // headroom for auth_key_id and msg_key
//! buf.extend_from_slice(&plaintext);
//! let padding = [0x55; 1024]; // random bytes in real use
//! let pad = packet::padding_len(plaintext.len(), 0);
//! packet::encrypt_in_place(&key, Sender::Client, &mut buf, &padding[..pad])?;
//!
//! let decrypted = packet::decrypt_in_place(&key, Sender::Client, &mut buf)?;
//! assert_eq!(decrypted, &plaintext[..]);
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

mod kdf;
#[cfg(test)]
mod tests;
mod v1;

pub use kdf::{Sender, kdf_v1, kdf_v2, msg_key_v1, msg_key_v2};
pub use v1::{decrypt_v1, encrypt_v1};

use sha2::{Digest, Sha256};

use crate::ige::Aes256Ige;
use crate::{AuthKey, CryptoError, ct_eq};

/// Bytes before the ciphertext: `auth_key_id` (8) and `msg_key` (16).
pub const HEADER_LEN: usize = 24;
/// Smallest plaintext (padding included) a valid packet can carry: 32-byte inner header,
/// 4-byte constructor, 12 bytes of padding.
pub const MIN_PLAINTEXT_LEN: usize = 48;
/// Smallest padding MTProto 2.0 allows.
pub const MIN_PADDING: usize = 12;
/// Largest padding MTProto 2.0 allows.
pub const MAX_PADDING: usize = 1024;
/// Size of the inner header: salt, session_id, msg_id, seq_no, message_data_length.
const INNER_HEADER_LEN: usize = 32;
/// Plaintext bytes decrypted before their SHA-256 compression is issued.
const INTERLEAVE: usize = 64;

/// The padding length for a plaintext of `plaintext_len` bytes: the smallest in 12..=27 that
/// reaches a multiple of 16, plus `extra_blocks` more 16-byte blocks (random in real use, to
/// hide message sizes), capped so the padding stays at most 1024 bytes.
pub fn padding_len(plaintext_len: usize, extra_blocks: usize) -> usize {
    let minimal = MIN_PADDING + (16 - (plaintext_len + MIN_PADDING) % 16) % 16;
    let room = (MAX_PADDING - minimal) / 16;
    minimal + 16 * extra_blocks.min(room)
}

/// Encrypts in place. `buf` holds [`HEADER_LEN`] bytes of headroom (their value is ignored)
/// followed by the plaintext; `padding` (12..=1024 random bytes making the plaintext a multiple
/// of 16, see [`padding_len`]) is appended, and on return `buf` is the whole packet. Reserve
/// `padding.len()` spare capacity to avoid a reallocation.
///
/// The plaintext is not parsed: any bytes can be encrypted.
pub fn encrypt_in_place(
    auth_key: &AuthKey,
    sender: Sender,
    buf: &mut Vec<u8>,
    padding: &[u8],
) -> Result<(), CryptoError> {
    let Some(plaintext_len) = buf.len().checked_sub(HEADER_LEN) else {
        return Err(CryptoError::MissingHeadroom {
            len: buf.len(),
            needed: HEADER_LEN,
        });
    };
    check_padding(plaintext_len, padding.len())?;
    buf.extend_from_slice(padding);
    let (header, body) = buf.split_at_mut(HEADER_LEN);
    let msg_key = msg_key_v2(auth_key, sender, body);
    let (key, mut iv) = kdf_v2(auth_key, sender, &msg_key);
    Aes256Ige::new(&key).encrypt(&mut iv, body)?;
    header[..8].copy_from_slice(&auth_key.id_bytes());
    header[8..].copy_from_slice(&msg_key);
    Ok(())
}

/// Encrypts `plaintext` into a new packet (allocating form of [`encrypt_in_place`]).
pub fn encrypt(
    auth_key: &AuthKey,
    sender: Sender,
    plaintext: &[u8],
    padding: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let mut buf = Vec::with_capacity(HEADER_LEN + plaintext.len() + padding.len());
    buf.resize(HEADER_LEN, 0);
    buf.extend_from_slice(plaintext);
    encrypt_in_place(auth_key, sender, &mut buf, padding)?;
    Ok(buf)
}

fn check_padding(plaintext: usize, padding: usize) -> Result<(), CryptoError> {
    if (MIN_PADDING..=MAX_PADDING).contains(&padding) && (plaintext + padding).is_multiple_of(16) {
        Ok(())
    } else {
        Err(CryptoError::InvalidPadding { plaintext, padding })
    }
}

/// Decrypts a packet in place and returns the plaintext without its padding: salt, session_id,
/// msg_id, seq_no, message_data_length and the message itself. `sender` is who encrypted it
/// ([`Sender::Server`] for what a client receives). See the module docs for every check made.
pub fn decrypt_in_place<'a>(
    auth_key: &AuthKey,
    sender: Sender,
    packet: &'a mut [u8],
) -> Result<&'a mut [u8], CryptoError> {
    let len = packet.len();
    if len < HEADER_LEN + MIN_PLAINTEXT_LEN {
        return Err(CryptoError::PacketTooShort {
            len,
            min: HEADER_LEN + MIN_PLAINTEXT_LEN,
        });
    }
    let (header, body) = packet.split_at_mut(HEADER_LEN);
    if body.len() % 16 != 0 {
        return Err(CryptoError::PacketNotBlockAligned { len: body.len() });
    }
    let (id, msg_key) = header.split_at(8);
    if id != auth_key.id_bytes() {
        let mut got = [0u8; 8];
        got.copy_from_slice(id);
        return Err(CryptoError::AuthKeyIdMismatch {
            expected: u64::from_le_bytes(auth_key.id_bytes()),
            got: u64::from_le_bytes(got),
        });
    }
    let mut msg_key_arr = [0u8; 16];
    msg_key_arr.copy_from_slice(msg_key);
    let (key, mut iv) = kdf_v2(auth_key, sender, &msg_key_arr);
    let cipher = Aes256Ige::new(&key);
    let mut hasher = Sha256::new();
    hasher.update(kdf::msg_key_prefix(auth_key, sender));
    for chunk in body.chunks_mut(INTERLEAVE) {
        cipher.decrypt(&mut iv, chunk)?;
        hasher.update(&*chunk);
    }
    if !ct_eq(&kdf::middle_16(&hasher.finalize()), &msg_key_arr) {
        return Err(CryptoError::MsgKeyMismatch);
    }
    let message_len = inner_message_len(body)?;
    Ok(&mut body[..INNER_HEADER_LEN + message_len])
}

/// Checks `message_data_length` against the decrypted size and the padding bounds; returns it.
fn inner_message_len(plaintext: &[u8]) -> Result<usize, CryptoError> {
    let mut field = [0u8; 4];
    field.copy_from_slice(&plaintext[28..32]);
    let declared = u32::from_le_bytes(field);
    let room = plaintext.len() - INNER_HEADER_LEN;
    let bad = CryptoError::BadMessageLength {
        declared,
        plaintext: plaintext.len(),
    };
    let Ok(message_len) = usize::try_from(declared) else {
        return Err(bad);
    };
    if declared % 4 != 0 || message_len > room {
        return Err(bad);
    }
    let padding = room - message_len;
    if !(MIN_PADDING..=MAX_PADDING).contains(&padding) {
        return Err(CryptoError::BadPadding { len: padding });
    }
    Ok(message_len)
}

/// Decrypts `packet` into a new vector (allocating form of [`decrypt_in_place`]).
pub fn decrypt(auth_key: &AuthKey, sender: Sender, packet: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let mut copy = packet.to_vec();
    let plaintext = decrypt_in_place(auth_key, sender, &mut copy)?;
    Ok(plaintext.to_vec())
}
