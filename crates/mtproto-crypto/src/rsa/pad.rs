//! Client-side RSA encryption of the `p_q_inner_data` for `req_DH_params`: RSA_PAD (the scheme of
//! core.telegram.org/mtproto/auth_key) and the legacy scheme older clients (Telethon v1) use.

use num_bigint::BigUint;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::{RSA_BLOCK_LEN, RsaPublicKey};
use crate::CryptoError;
use crate::ige::Aes256Ige;

/// Longest data RSA_PAD accepts.
pub const RSA_PAD_MAX_DATA: usize = 144;
/// Data plus random padding inside RSA_PAD.
pub(crate) const PADDED_LEN: usize = 192;
/// Longest data the legacy scheme accepts (255 bytes minus the SHA-1).
pub const LEGACY_MAX_DATA: usize = 235;
/// Bound on RSA_PAD attempts: each one fails with probability below 1/2 for a 2048-bit key.
const MAX_ATTEMPTS: usize = 256;

/// `SHA256(temp_key || data_with_padding)`: the integrity hash inside RSA_PAD.
pub(crate) fn pad_hash(temp_key: &[u8; 32], data_with_padding: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(temp_key);
    hasher.update(data_with_padding);
    hasher.finalize().into()
}

/// XORs `temp_key` with SHA256(`aes_encrypted`), turning temp_key into temp_key_xor and back.
pub(crate) fn xor_key_with_hash(key: &mut [u8], aes_encrypted: &[u8]) {
    let hash = Sha256::digest(aes_encrypted);
    for (k, h) in key.iter_mut().zip(hash) {
        *k ^= h;
    }
}

impl RsaPublicKey {
    /// RSA_PAD encryption of `data` (at most 144 bytes):
    /// `data_with_padding = data || padding` (192 bytes), `data_with_hash = reverse(data_with_padding)
    /// || SHA256(temp_key || data_with_padding)`, `aes_encrypted = AES256-IGE(temp_key, iv 0)`,
    /// `temp_key_xor = temp_key ^ SHA256(aes_encrypted)`, and RSA of `temp_key_xor || aes_encrypted`,
    /// retried with the next `temp_key` while that number is not below `n`.
    ///
    /// `padding` supplies the `192 - data.len()` random bytes; `temp_keys` yields a random 32-byte
    /// key per attempt.
    pub fn encrypt_pad(
        &self,
        data: &[u8],
        padding: &[u8],
        mut temp_keys: impl FnMut() -> [u8; 32],
    ) -> Result<[u8; RSA_BLOCK_LEN], CryptoError> {
        if data.len() > RSA_PAD_MAX_DATA {
            return Err(CryptoError::RsaDataTooLong {
                len: data.len(),
                max: RSA_PAD_MAX_DATA,
            });
        }
        let needed = PADDED_LEN - data.len();
        let Some(padding) = padding.get(..needed) else {
            return Err(CryptoError::NotEnoughRandom {
                got: padding.len(),
                needed,
            });
        };
        let mut data_with_padding = [0u8; PADDED_LEN];
        data_with_padding[..data.len()].copy_from_slice(data);
        data_with_padding[data.len()..].copy_from_slice(padding);
        for _ in 0..MAX_ATTEMPTS {
            let temp_key = temp_keys();
            let mut block = [0u8; RSA_BLOCK_LEN];
            let (key_part, aes_part) = block.split_at_mut(32);
            aes_part[..PADDED_LEN].copy_from_slice(&data_with_padding);
            aes_part[..PADDED_LEN].reverse();
            aes_part[PADDED_LEN..].copy_from_slice(&pad_hash(&temp_key, &data_with_padding));
            Aes256Ige::new(&temp_key).encrypt(&mut [0; 32], aes_part)?;
            key_part.copy_from_slice(&temp_key);
            xor_key_with_hash(key_part, aes_part);
            if BigUint::from_bytes_be(&block) < self.n {
                return self.raw_encrypt(&block);
            }
        }
        Err(CryptoError::RsaKey(format!(
            "no temp_key below n in {MAX_ATTEMPTS} attempts"
        )))
    }

    /// [`encrypt_pad`](Self::encrypt_pad) with grammers' use of 224 random bytes: the padding is
    /// `random[..192 - data.len()]`, the first temp_key `random[192..224]`, and each retry adds
    /// one to the temp_key read as a big-endian number.
    pub fn encrypt_pad_seeded(
        &self,
        data: &[u8],
        random: &[u8; 224],
    ) -> Result<[u8; RSA_BLOCK_LEN], CryptoError> {
        let mut temp_key = [0u8; 32];
        temp_key.copy_from_slice(&random[PADDED_LEN..]);
        let mut first = true;
        let next = move || {
            if !first {
                increment_be(&mut temp_key);
            }
            first = false;
            temp_key
        };
        self.encrypt_pad(data, &random[..PADDED_LEN], next)
    }

    /// The legacy scheme: RSA of `SHA1(data) || data || padding` (255 bytes); `padding` supplies
    /// the `235 - data.len()` random bytes.
    pub fn encrypt_legacy(
        &self,
        data: &[u8],
        padding: &[u8],
    ) -> Result<[u8; RSA_BLOCK_LEN], CryptoError> {
        if data.len() > LEGACY_MAX_DATA {
            return Err(CryptoError::RsaDataTooLong {
                len: data.len(),
                max: LEGACY_MAX_DATA,
            });
        }
        let needed = LEGACY_MAX_DATA - data.len();
        let Some(padding) = padding.get(..needed) else {
            return Err(CryptoError::NotEnoughRandom {
                got: padding.len(),
                needed,
            });
        };
        let mut block = Vec::with_capacity(RSA_BLOCK_LEN - 1);
        block.extend_from_slice(&Sha1::digest(data));
        block.extend_from_slice(data);
        block.extend_from_slice(padding);
        self.raw_encrypt(&block)
    }
}

/// Adds one to a big-endian number, wrapping at the top.
fn increment_be(bytes: &mut [u8]) {
    for byte in bytes.iter_mut().rev() {
        let (next, carry) = byte.overflowing_add(1);
        *byte = next;
        if !carry {
            break;
        }
    }
}
