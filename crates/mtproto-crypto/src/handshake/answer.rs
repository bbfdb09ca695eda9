//! The AES-IGE wrapping of `server_DH_inner_data` and `client_DH_inner_data`
//! (core.telegram.org/mtproto/auth_key, steps 5 and 6): `SHA1(data) || data || padding` to a
//! multiple of 16 bytes, encrypted with the temporary key and IV derived from the nonces.

use pyro_tl_types::{Cursor, Deserializable, Serializable};
use sha1::{Digest, Sha1};

use super::HandshakeError;
use crate::exchange::tmp_aes_key_iv;
use crate::ige::Aes256Ige;
use crate::{CryptoError, ct_eq};

/// Bytes of the SHA-1 before the data.
const HASH_LEN: usize = 20;

/// Random bytes a caller supplies for the padding: at most 15 are used.
pub const ANSWER_PADDING_RANDOM: usize = 16;

/// The temporary AES-256-IGE key and IV of one exchange (from `server_nonce` and `new_nonce`).
#[derive(Clone)]
pub(crate) struct TmpAes {
    key: [u8; 32],
    iv: [u8; 32],
}

impl TmpAes {
    /// The pair derived from the nonces, as both sides compute it.
    pub(crate) fn new(server_nonce: &[u8; 16], new_nonce: &[u8; 32]) -> Self {
        let (key, iv) = tmp_aes_key_iv(server_nonce, new_nonce);
        Self { key, iv }
    }

    /// `AES-IGE(SHA1(value) || value || padding)`, the padding (0 to 15 bytes, up to the next
    /// multiple of 16) taken from the start of `random`.
    pub(crate) fn encrypt(
        &self,
        value: &impl Serializable,
        random: &[u8; ANSWER_PADDING_RANDOM],
    ) -> Result<Vec<u8>, CryptoError> {
        let data = value.to_bytes();
        let pad = (16 - (HASH_LEN + data.len()) % 16) % 16;
        let mut out = Vec::with_capacity(HASH_LEN + data.len() + pad);
        out.extend_from_slice(&Sha1::digest(&data));
        out.extend_from_slice(&data);
        out.extend_from_slice(&random[..pad]);
        Aes256Ige::new(&self.key).encrypt(&mut self.iv.clone(), &mut out)?;
        Ok(out)
    }

    /// Decrypts `encrypted`, reads one `T` after the hash, and checks the padding (at most 15
    /// bytes) and the SHA-1 of exactly the bytes `T` was read from.
    pub(crate) fn decrypt<T: Deserializable>(&self, encrypted: &[u8]) -> Result<T, CryptoError> {
        if encrypted.is_empty() || !encrypted.len().is_multiple_of(16) {
            return Err(HandshakeError::BadAnswerLength(encrypted.len()).into());
        }
        let mut plain = encrypted.to_vec();
        Aes256Ige::new(&self.key).decrypt(&mut self.iv.clone(), &mut plain)?;
        let (hash, body) = plain.split_at(HASH_LEN.min(plain.len()));
        let mut cursor = Cursor::new(body);
        let value = T::deserialize(&mut cursor).map_err(HandshakeError::from)?;
        let used = cursor.position();
        if body.len() - used >= 16 {
            return Err(HandshakeError::BadAnswerPadding(body.len() - used).into());
        }
        if !ct_eq(&Sha1::digest(&body[..used]), hash) {
            return Err(HandshakeError::BadAnswerHash.into());
        }
        Ok(value)
    }
}

impl Drop for TmpAes {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.key.zeroize();
        self.iv.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyro_tl_types::mtproto::types::DhGenOk;

    fn sample() -> DhGenOk {
        DhGenOk {
            nonce: [1; 16],
            server_nonce: [2; 16],
            new_nonce_hash1: [3; 16],
        }
    }

    #[test]
    fn round_trip_and_every_corruption_is_typed() {
        let aes = TmpAes::new(&[4; 16], &[5; 32]);
        let sealed = aes.encrypt(&sample(), &[9; 16]).unwrap();
        assert_eq!(sealed.len() % 16, 0);
        assert_eq!(aes.decrypt::<DhGenOk>(&sealed).unwrap(), sample());
        let other = TmpAes::new(&[4; 16], &[6; 32]);
        assert!(other.decrypt::<DhGenOk>(&sealed).is_err());
        for len in [0, 15, 17] {
            assert_eq!(
                aes.decrypt::<DhGenOk>(&vec![0; len]),
                Err(HandshakeError::BadAnswerLength(len).into())
            );
        }
        // 16 more bytes after a valid answer are too much padding.
        let data = sample().to_bytes();
        let mut plain = Sha1::digest(&data).to_vec();
        plain.extend_from_slice(&data);
        plain.resize(plain.len().div_ceil(16) * 16 + 16, 0);
        Aes256Ige::new(&aes.key)
            .encrypt(&mut aes.iv.clone(), &mut plain)
            .unwrap();
        assert!(matches!(
            aes.decrypt::<DhGenOk>(&plain),
            Err(CryptoError::Handshake(HandshakeError::BadAnswerPadding(_)))
        ));
    }
}
