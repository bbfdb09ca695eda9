//! The server side: an RSA private key (loaded from PKCS#1 PEM) that decrypts what clients send
//! in `req_DH_params`, for both RSA_PAD and the legacy scheme.

use num_bigint::BigUint;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use sha1::{Digest, Sha1};
use zeroize::Zeroize;

use super::crt::CrtKey;
use super::pad::{PADDED_LEN, pad_hash, xor_key_with_hash};
use super::{RSA_BLOCK_LEN, RsaPublicKey};
use crate::ige::Aes256Ige;
use crate::{CryptoError, ct_eq};

/// An RSA private key for a server (such as a local test DC).
///
/// Decryption uses the CRT (two 1024-bit exponentiations instead of one 2048-bit one) and checks
/// every result by re-encrypting it. `num-bigint` offers no way to wipe its limbs, so unlike
/// [`crate::AuthKey`] the primes are not zeroized on drop (`dP` and `dQ` are); test-DC keys are
/// not secrets worth more than that.
#[derive(Clone)]
pub struct RsaPrivateKey {
    public: RsaPublicKey,
    crt: CrtKey,
}

impl core::fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RsaPrivateKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl RsaPrivateKey {
    /// Loads a PKCS#1 PEM private key (`BEGIN RSA PRIVATE KEY`) with a 2048-bit modulus. The
    /// `rsa` crate validates the key (`n = p q`, `d e = 1` modulo `lcm(p - 1, q - 1)`); the CRT
    /// values stored in the key are checked against `n` and `d` as well.
    pub fn from_pkcs1_pem(pem: &str) -> Result<Self, CryptoError> {
        let key = rsa::RsaPrivateKey::from_pkcs1_pem(pem)
            .map_err(|e| CryptoError::RsaKey(format!("not a PKCS#1 private key: {e}")))?;
        let public = RsaPublicKey::from_parts(&key.n().to_bytes_be(), &key.e().to_bytes_be())?;
        Ok(Self {
            public,
            crt: CrtKey::from_pkcs1_pem(pem)?,
        })
    }

    /// The public half (its fingerprint goes into `resPQ`; `to_pkcs1_pem` exports it for clients).
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.public
    }

    /// Raw RSA decryption of a ciphertext of at most 256 bytes into 256 bytes.
    fn raw_decrypt(&self, ciphertext: &[u8]) -> Result<[u8; RSA_BLOCK_LEN], CryptoError> {
        if ciphertext.len() > RSA_BLOCK_LEN {
            return Err(CryptoError::BadRsaCiphertext("longer than 256 bytes"));
        }
        let c = BigUint::from_bytes_be(ciphertext);
        if c >= self.public.n {
            return Err(CryptoError::BadRsaCiphertext("not below the modulus"));
        }
        self.crt.decrypt(ciphertext, &self.public)
    }

    /// Undoes [`RsaPublicKey::encrypt_pad`]: returns the 192 bytes of `data_with_padding` (the TL
    /// inner data followed by random padding; the caller's TL parser knows where the data ends)
    /// after checking the SHA-256 inside in constant time.
    pub fn decrypt_pad(&self, ciphertext: &[u8]) -> Result<[u8; PADDED_LEN], CryptoError> {
        let mut block = self.raw_decrypt(ciphertext)?;
        let (key_part, aes_part) = block.split_at_mut(32);
        xor_key_with_hash(key_part, aes_part);
        let mut temp_key = [0u8; 32];
        temp_key.copy_from_slice(key_part);
        Aes256Ige::new(&temp_key).decrypt(&mut [0; 32], aes_part)?;
        let mut data_with_padding = [0u8; PADDED_LEN];
        data_with_padding.copy_from_slice(&aes_part[..PADDED_LEN]);
        data_with_padding.reverse();
        let ok = ct_eq(
            &pad_hash(&temp_key, &data_with_padding),
            &aes_part[PADDED_LEN..],
        );
        block.zeroize();
        temp_key.zeroize();
        if ok {
            Ok(data_with_padding)
        } else {
            Err(CryptoError::BadRsaCiphertext("hash mismatch"))
        }
    }

    /// Undoes [`RsaPublicKey::encrypt_legacy`] up to the point where the data's length is needed:
    /// the returned block is checked with [`LegacyBlock::verified`] once the TL parser knows it.
    pub fn decrypt_legacy(&self, ciphertext: &[u8]) -> Result<LegacyBlock, CryptoError> {
        let block = self.raw_decrypt(ciphertext)?;
        if block[0] != 0 {
            return Err(CryptoError::BadRsaCiphertext(
                "legacy block wider than 255 bytes",
            ));
        }
        let mut out = [0u8; RSA_BLOCK_LEN - 1];
        out.copy_from_slice(&block[1..]);
        Ok(LegacyBlock(out))
    }
}

/// A decrypted legacy block: `SHA1(data) || data || padding`, 255 bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct LegacyBlock([u8; RSA_BLOCK_LEN - 1]);

impl core::fmt::Debug for LegacyBlock {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("LegacyBlock { .. }")
    }
}

impl LegacyBlock {
    /// Everything after the SHA-1: the data followed by padding (235 bytes).
    pub fn payload(&self) -> &[u8] {
        &self.0[20..]
    }

    /// The first `data_len` payload bytes, once their SHA-1 matches the block's.
    pub fn verified(&self, data_len: usize) -> Result<&[u8], CryptoError> {
        let data = self
            .payload()
            .get(..data_len)
            .ok_or(CryptoError::BadRsaCiphertext(
                "data length beyond the block",
            ))?;
        if ct_eq(&Sha1::digest(data), &self.0[..20]) {
            Ok(data)
        } else {
            Err(CryptoError::BadRsaCiphertext("legacy SHA-1 mismatch"))
        }
    }
}
