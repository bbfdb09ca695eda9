//! RSA for the auth-key exchange (feature `handshake`): Telegram's server public keys, their
//! fingerprints, RSA_PAD (the current `req_DH_params` encryption) and the legacy
//! SHA1-and-padding scheme, for clients and for a server (the test DC of `pyro-test-dc`).
//!
//! PEM parsing (PKCS#1 `RSA PUBLIC KEY` and SPKI `PUBLIC KEY`) is done by the `rsa` crate; the
//! raw RSA maths by [`crate::bignum`]: `m^e mod n` by square-and-multiply (e is public), and the
//! private side with the CRT (two 1024-bit fixed-window exponentiations, see [`RsaPrivateKey`]).
//!
//! ```
//! use pyro_mtproto_crypto::rsa::RsaPublicKey;
//!
//! let key = RsaPublicKey::production();
//! assert_eq!(key.fingerprint(), -3414540481677951611);
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

mod crt;
mod keys;
mod pad;
mod private;
#[cfg(test)]
mod tests;

pub use keys::{PRODUCTION_KEY_PEM, TEST_KEY_PEM};
pub use pad::{LEGACY_MAX_DATA, RSA_PAD_MAX_DATA};
pub use private::{LegacyBlock, RsaPrivateKey};

use num_bigint::BigUint;
use rsa::pkcs1::{DecodeRsaPublicKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePublicKey, LineEnding};
use rsa::traits::PublicKeyParts;
use sha1::{Digest, Sha1};

use crate::CryptoError;
use crate::bignum::Modulus;

/// Bytes of a 2048-bit RSA block.
pub const RSA_BLOCK_LEN: usize = 256;

/// An RSA public key `(n, e)` as Telegram uses it.
#[derive(Clone)]
pub struct RsaPublicKey {
    n: BigUint,
    e: BigUint,
    /// `n` with its Montgomery constants.
    modulus: Modulus,
}

impl PartialEq for RsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.n == other.n && self.e == other.e
    }
}

impl Eq for RsaPublicKey {}

impl core::fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("fingerprint", &self.fingerprint())
            .finish()
    }
}

impl RsaPublicKey {
    /// Parses a PEM public key: PKCS#1 (`BEGIN RSA PUBLIC KEY`, the form Telegram publishes) or
    /// SPKI (`BEGIN PUBLIC KEY`). Only 2048-bit moduli are accepted, the size MTProto's schemes use.
    pub fn from_pem(pem: &str) -> Result<Self, CryptoError> {
        let parsed = rsa::RsaPublicKey::from_pkcs1_pem(pem)
            .or_else(|_| rsa::RsaPublicKey::from_public_key_pem(pem))
            .map_err(|e| CryptoError::RsaKey(format!("not a PKCS#1 or SPKI public key: {e}")))?;
        Self::from_parts(&parsed.n().to_bytes_be(), &parsed.e().to_bytes_be())
    }

    /// A key from its big-endian modulus and exponent.
    pub fn from_parts(n: &[u8], e: &[u8]) -> Result<Self, CryptoError> {
        let n = BigUint::from_bytes_be(n);
        if n.bits() != 2048 {
            return Err(CryptoError::RsaKey(format!(
                "modulus of {} bits, need 2048",
                n.bits()
            )));
        }
        Ok(Self {
            modulus: Modulus::from_biguint(n.clone())?,
            n,
            e: BigUint::from_bytes_be(e),
        })
    }

    /// Telegram's current production key (fingerprint -3414540481677951611).
    pub fn production() -> Self {
        Self::builtin(PRODUCTION_KEY_PEM)
    }

    /// The key of Telegram's test DCs (fingerprint -5595554452916591101).
    pub fn test_dc() -> Self {
        Self::builtin(TEST_KEY_PEM)
    }

    fn builtin(pem: &str) -> Self {
        #[allow(clippy::expect_used)]
        // ok: the built-in PEMs are constants checked by the tests.
        Self::from_pem(pem).expect("built-in key parses")
    }

    /// The modulus, big-endian.
    pub fn modulus(&self) -> Vec<u8> {
        self.n.to_bytes_be()
    }

    /// The public exponent, big-endian.
    pub fn exponent(&self) -> Vec<u8> {
        self.e.to_bytes_be()
    }

    /// Telegram's fingerprint: the last 8 bytes of SHA1(TL `bytes` n || TL `bytes` e) read as a
    /// little-endian `long`.
    pub fn fingerprint(&self) -> i64 {
        let mut hasher = Sha1::new();
        hasher.update(tl_bytes(&self.n.to_bytes_be()));
        hasher.update(tl_bytes(&self.e.to_bytes_be()));
        let digest: [u8; 20] = hasher.finalize().into();
        let mut low = [0u8; 8];
        low.copy_from_slice(&digest[12..]);
        i64::from_le_bytes(low)
    }

    /// The key as a PKCS#1 PEM (`BEGIN RSA PUBLIC KEY`), as Telegram publishes keys.
    pub fn to_pkcs1_pem(&self) -> Result<String, CryptoError> {
        let key = rsa::RsaPublicKey::new(
            rsa::BigUint::from_bytes_be(&self.n.to_bytes_be()),
            rsa::BigUint::from_bytes_be(&self.e.to_bytes_be()),
        )
        .map_err(|e| CryptoError::RsaKey(e.to_string()))?;
        key.to_pkcs1_pem(LineEnding::LF)
            .map_err(|e| CryptoError::RsaKey(e.to_string()))
    }

    /// Raw RSA: `block^e mod n` as 256 big-endian bytes. `block` must be below `n`.
    fn raw_encrypt(&self, block: &[u8]) -> Result<[u8; RSA_BLOCK_LEN], CryptoError> {
        let m = BigUint::from_bytes_be(block);
        if m >= self.n {
            return Err(CryptoError::RsaDataTooLong {
                len: block.len(),
                max: RSA_BLOCK_LEN - 1,
            });
        }
        Ok(to_block(
            &self.modulus.pow_public(block, &self.e.to_bytes_be()),
        ))
    }

    /// Whether `block^e mod n` equals `expected` (both big-endian): the private side's check of
    /// its CRT result.
    fn encrypts_to(&self, block: &[u8], expected: &[u8]) -> bool {
        let sealed = to_block(&self.modulus.pow_public(block, &self.e.to_bytes_be()));
        crate::ct_eq(&sealed, &to_block(expected))
    }
}

/// A big-endian number of at most 256 bytes (below a 2048-bit modulus) as exactly 256 bytes.
fn to_block(bytes: &[u8]) -> [u8; RSA_BLOCK_LEN] {
    crate::bignum::left_pad(bytes)
}

/// TL `bytes` serialisation (length prefix, data, zero padding to 4), for the fingerprint.
fn tl_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 8);
    if data.len() < 254 {
        out.push(data.len() as u8);
    } else {
        out.push(254);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}
