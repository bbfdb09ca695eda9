//! MTProto 1.0 packets, kept for the one place Telegram still requires them: the
//! `encrypted_message` of `auth.bindTempAuthKey`, encrypted with the permanent key.
//!
//! `msg_key = SHA1(plaintext)[4..20]` over the plaintext *without* padding, the key and IV come
//! from [`kdf_v1`], and the padding is 0..=15 bytes up to a multiple of 16.

use super::{HEADER_LEN, INNER_HEADER_LEN, Sender, kdf_v1, msg_key_v1};
use crate::ige::Aes256Ige;
use crate::{AuthKey, CryptoError, ct_eq};

/// Encrypts `plaintext` (inner header and message) as an MTProto 1.0 packet sent by `sender`,
/// appending `padding` (0..=15 random bytes that make the length a multiple of 16).
pub fn encrypt_v1(
    auth_key: &AuthKey,
    sender: Sender,
    plaintext: &[u8],
    padding: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    if padding.len() >= 16 || !(plaintext.len() + padding.len()).is_multiple_of(16) {
        return Err(CryptoError::InvalidPadding {
            plaintext: plaintext.len(),
            padding: padding.len(),
        });
    }
    let msg_key = msg_key_v1(plaintext);
    let (key, mut iv) = kdf_v1(auth_key, sender, &msg_key);
    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() + padding.len());
    out.extend_from_slice(&auth_key.id_bytes());
    out.extend_from_slice(&msg_key);
    out.extend_from_slice(plaintext);
    out.extend_from_slice(padding);
    Aes256Ige::new(&key).encrypt(&mut iv, &mut out[HEADER_LEN..])?;
    Ok(out)
}

/// Decrypts an MTProto 1.0 packet and returns the plaintext without padding, after checking the
/// auth_key_id, the block alignment, `message_data_length` (a multiple of 4 leaving 0..=15
/// bytes of padding) and, in constant time, the msg_key.
pub fn decrypt_v1(
    auth_key: &AuthKey,
    sender: Sender,
    packet: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let min = HEADER_LEN + INNER_HEADER_LEN;
    if packet.len() < min {
        return Err(CryptoError::PacketTooShort {
            len: packet.len(),
            min,
        });
    }
    let (header, body) = packet.split_at(HEADER_LEN);
    if body.len() % 16 != 0 {
        return Err(CryptoError::PacketNotBlockAligned { len: body.len() });
    }
    if header[..8] != auth_key.id_bytes() {
        let mut got = [0u8; 8];
        got.copy_from_slice(&header[..8]);
        return Err(CryptoError::AuthKeyIdMismatch {
            expected: u64::from_le_bytes(auth_key.id_bytes()),
            got: u64::from_le_bytes(got),
        });
    }
    let mut msg_key = [0u8; 16];
    msg_key.copy_from_slice(&header[8..]);
    let (key, mut iv) = kdf_v1(auth_key, sender, &msg_key);
    let mut plain = body.to_vec();
    Aes256Ige::new(&key).decrypt(&mut iv, &mut plain)?;
    let mut field = [0u8; 4];
    field.copy_from_slice(&plain[28..32]);
    let declared = u32::from_le_bytes(field);
    let bad = CryptoError::BadMessageLength {
        declared,
        plaintext: plain.len(),
    };
    let end = usize::try_from(declared)
        .ok()
        .and_then(|len| len.checked_add(INNER_HEADER_LEN))
        .filter(|&end| declared % 4 == 0 && end <= plain.len())
        .ok_or(bad)?;
    // Check msg_key before reporting on padding, so a forged packet learns nothing more.
    if !ct_eq(&msg_key_v1(&plain[..end]), &msg_key) {
        return Err(CryptoError::MsgKeyMismatch);
    }
    if plain.len() - end >= 16 {
        return Err(CryptoError::BadPadding {
            len: plain.len() - end,
        });
    }
    plain.truncate(end);
    Ok(plain)
}
