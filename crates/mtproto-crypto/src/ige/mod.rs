//! AES-256-IGE, the block mode of MTProto packets and of the auth-key exchange.
//!
//! IGE ("infinite garble extension") chains both ways: `c_i = E(p_i ^ c_{i-1}) ^ p_{i-1}`. The
//! 32-byte IV follows Telegram's (and OpenSSL's) convention: `iv[0..16]` is the previous ciphertext
//! block `c_0`, `iv[16..32]` the previous plaintext block `p_0`. After a call the IV holds the last
//! (ciphertext, plaintext) pair, so feeding a long message in several calls gives the same bytes as
//! one call (the streaming form).
//!
//! On x86-64 CPUs with AES-NI (detected at runtime) a register-resident loop runs one AES chain per
//! block, the hardware limit of this sequential mode; elsewhere the portable `aes` crate path runs.
//!
//! ```
//! use pyro_mtproto_crypto::ige::Aes256Ige;
//!
//! let cipher = Aes256Ige::new(&[1; 32]);
//! let mut data = *b"thirty-two bytes, two AES blocks";
//! let mut iv = [2; 32];
//! cipher.encrypt(&mut iv, &mut data)?;
//! let mut iv = [2; 32];
//! cipher.decrypt(&mut iv, &mut data)?;
//! assert_eq!(&data, b"thirty-two bytes, two AES blocks");
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

#[cfg(target_arch = "x86_64")]
mod ni;
mod portable;
#[cfg(test)]
mod tests;

use aes::Aes256;
use aes::cipher::{Array, KeyInit};

use crate::CryptoError;

/// An AES-256 key expanded for IGE, on the fastest path this CPU offers.
#[derive(Clone)]
pub struct Aes256Ige {
    keys: Keys,
}

#[derive(Clone)]
#[allow(clippy::large_enum_variant)] // boxing the AES-NI keys would allocate once per packet
enum Keys {
    #[cfg(target_arch = "x86_64")]
    Ni(ni::RoundKeys),
    Portable(Aes256),
}

impl core::fmt::Debug for Aes256Ige {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Aes256Ige")
            .field("aes_ni", &self.uses_aes_ni())
            .finish_non_exhaustive()
    }
}

impl Aes256Ige {
    /// Expands `key`, choosing AES-NI when the CPU has it.
    pub fn new(key: &[u8; 32]) -> Self {
        #[cfg(target_arch = "x86_64")]
        if let Some(keys) = ni::RoundKeys::new(key) {
            return Self {
                keys: Keys::Ni(keys),
            };
        }
        Self::portable(key)
    }

    /// Expands `key` for the portable path even where AES-NI exists (tests compare the two).
    pub(crate) fn portable(key: &[u8; 32]) -> Self {
        Self {
            keys: Keys::Portable(Aes256::new(&Array::from(*key))),
        }
    }

    /// Whether this key runs on the AES-NI path.
    pub fn uses_aes_ni(&self) -> bool {
        !matches!(self.keys, Keys::Portable(_))
    }

    /// Encrypts `data` in place; `iv` is updated so the next call continues the stream.
    ///
    /// Fails with [`CryptoError::NotBlockAligned`] (leaving `data` and `iv` untouched) when
    /// `data.len()` is not a multiple of 16.
    pub fn encrypt(&self, iv: &mut [u8; 32], data: &mut [u8]) -> Result<(), CryptoError> {
        check_len(data)?;
        match &self.keys {
            #[cfg(target_arch = "x86_64")]
            Keys::Ni(keys) => keys.ige_encrypt(iv, data),
            Keys::Portable(cipher) => portable::encrypt(cipher, iv, data),
        }
        Ok(())
    }

    /// Decrypts `data` in place; `iv` is updated so the next call continues the stream.
    ///
    /// Fails with [`CryptoError::NotBlockAligned`] (leaving `data` and `iv` untouched) when
    /// `data.len()` is not a multiple of 16.
    pub fn decrypt(&self, iv: &mut [u8; 32], data: &mut [u8]) -> Result<(), CryptoError> {
        check_len(data)?;
        match &self.keys {
            #[cfg(target_arch = "x86_64")]
            Keys::Ni(keys) => keys.ige_decrypt(iv, data),
            Keys::Portable(cipher) => portable::decrypt(cipher, iv, data),
        }
        Ok(())
    }

    /// Encrypts `block` with plain AES-256 `count` times, each encryption taking the previous
    /// output: a dependent chain, the latency limit that bounds IGE. Benchmarks use it as the
    /// baseline IGE is measured against.
    pub fn encrypt_chain(&self, block: &mut [u8; 16], count: usize) {
        match &self.keys {
            #[cfg(target_arch = "x86_64")]
            Keys::Ni(keys) => keys.chain(block, count),
            Keys::Portable(cipher) => portable::chain(cipher, block, count),
        }
    }
}

fn check_len(data: &[u8]) -> Result<(), CryptoError> {
    if data.len().is_multiple_of(16) {
        Ok(())
    } else {
        Err(CryptoError::NotBlockAligned { len: data.len() })
    }
}

/// One-shot AES-256-IGE encryption of `data` in place with Telegram's 32-byte IV.
pub fn encrypt(key: &[u8; 32], iv: &[u8; 32], data: &mut [u8]) -> Result<(), CryptoError> {
    Aes256Ige::new(key).encrypt(&mut iv.clone(), data)
}

/// One-shot AES-256-IGE decryption of `data` in place with Telegram's 32-byte IV.
pub fn decrypt(key: &[u8; 32], iv: &[u8; 32], data: &mut [u8]) -> Result<(), CryptoError> {
    Aes256Ige::new(key).decrypt(&mut iv.clone(), data)
}
