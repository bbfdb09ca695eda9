//! AES-256-CTR, the stream cipher of the obfuscated2 transport and of CDN file parts.
//!
//! The counter is the whole 16-byte IV read as a big-endian 128-bit integer and incremented by one
//! per block (the OpenSSL `AES_ctr128_encrypt` convention Telegram uses). Keystream is produced
//! eight blocks at a time so the `aes` crate can pipeline them (AES-NI/VAES are picked at runtime),
//! and is buffered, so any split of [`Aes256Ctr::apply_keystream`] calls yields the same bytes.
//!
//! ```
//! use pyro_mtproto_crypto::ctr::Aes256Ctr;
//!
//! let (key, iv) = ([7u8; 32], [9u8; 16]);
//! let mut whole = *b"stream ciphers split anywhere";
//! Aes256Ctr::new(&key, &iv).apply_keystream(&mut whole);
//!
//! let mut parts = *b"stream ciphers split anywhere";
//! let mut ctr = Aes256Ctr::new(&key, &iv);
//! let (a, b) = parts.split_at_mut(5);
//! ctr.apply_keystream(a);
//! ctr.apply_keystream(b);
//! assert_eq!(whole, parts);
//! ```

use aes::Aes256;
use aes::cipher::{Array, BlockCipherEncrypt, KeyInit};
use zeroize::Zeroize;

/// Blocks of keystream computed per refill: enough for the `aes` crate's VAES backend to fill
/// its pipelines (it encrypts up to 30 blocks per batch).
const PAR_BLOCKS: usize = 32;
/// Bytes of keystream computed per refill.
const BUF_LEN: usize = PAR_BLOCKS * 16;

/// AES-256 in counter mode: the counter block and the not-yet-used keystream.
#[derive(Clone)]
pub struct Aes256Ctr {
    cipher: Aes256,
    counter: u128,
    keystream: [u8; BUF_LEN],
    /// Index of the first unused keystream byte (`BUF_LEN` when empty).
    used: usize,
}

impl Aes256Ctr {
    /// A keystream starting at counter block `iv`.
    pub fn new(key: &[u8; 32], iv: &[u8; 16]) -> Self {
        Self {
            cipher: Aes256::new(&Array::from(*key)),
            counter: u128::from_be_bytes(*iv),
            keystream: [0; BUF_LEN],
            used: BUF_LEN,
        }
    }

    /// XORs the next `data.len()` keystream bytes into `data` (encryption and decryption alike).
    pub fn apply_keystream(&mut self, data: &mut [u8]) {
        let mut rest = data;
        while !rest.is_empty() {
            if self.used == BUF_LEN {
                self.refill();
            }
            let take = rest.len().min(BUF_LEN - self.used);
            let (now, later) = rest.split_at_mut(take);
            xor_in(now, &self.keystream[self.used..self.used + take]);
            self.used += take;
            rest = later;
        }
    }

    /// Computes the next `PAR_BLOCKS` keystream blocks.
    fn refill(&mut self) {
        let mut blocks = [Array::from([0u8; 16]); PAR_BLOCKS];
        for block in &mut blocks {
            *block = Array::from(self.counter.to_be_bytes());
            self.counter = self.counter.wrapping_add(1);
        }
        self.cipher.encrypt_blocks(&mut blocks);
        for (dst, block) in self.keystream.chunks_exact_mut(16).zip(&blocks) {
            dst.copy_from_slice(block);
        }
        self.used = 0;
    }
}

/// `data ^= keystream`, eight bytes at a time (the slices have equal lengths).
fn xor_in(data: &mut [u8], keystream: &[u8]) {
    let mut words = data.chunks_exact_mut(8);
    let mut keys = keystream.chunks_exact(8);
    for (d, k) in (&mut words).zip(&mut keys) {
        let mut a = [0u8; 8];
        a.copy_from_slice(d);
        let mut b = [0u8; 8];
        b.copy_from_slice(k);
        d.copy_from_slice(&(u64::from_ne_bytes(a) ^ u64::from_ne_bytes(b)).to_ne_bytes());
    }
    for (d, k) in words.into_remainder().iter_mut().zip(keys.remainder()) {
        *d ^= k;
    }
}

impl Drop for Aes256Ctr {
    fn drop(&mut self) {
        self.keystream.zeroize();
        self.counter.zeroize();
    }
}

impl core::fmt::Debug for Aes256Ctr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Aes256Ctr { .. }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::hex;
    use proptest::prelude::*;

    /// Vector G: NIST SP 800-38A F.5.5 (CTR-AES256.Encrypt), as used by tgcrypto's tests.
    #[test]
    fn vector_g_nist_ctr_aes256() {
        let key: [u8; 32] = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            .try_into()
            .unwrap();
        let iv: [u8; 16] = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff").try_into().unwrap();
        let mut data = hex(concat!(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
            "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
        ));
        let expected = hex(concat!(
            "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5",
            "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6"
        ));
        Aes256Ctr::new(&key, &iv).apply_keystream(&mut data);
        assert_eq!(data, expected);
    }

    #[test]
    fn counter_wraps_at_128_bits() {
        let key = [3u8; 32];
        let mut ctr = Aes256Ctr::new(&key, &[0xff; 16]);
        let mut two = [0u8; 32];
        ctr.apply_keystream(&mut two);
        let mut first_after_wrap = [0u8; 16];
        Aes256Ctr::new(&key, &[0; 16]).apply_keystream(&mut first_after_wrap);
        assert_eq!(two[16..], first_after_wrap);
    }

    proptest! {
        #[test]
        fn any_split_gives_the_same_stream(data in proptest::collection::vec(any::<u8>(), 0..600),
                                           cuts in proptest::collection::vec(0usize..600, 0..6)) {
            let (key, iv) = ([0x42; 32], [0x24; 16]);
            let mut whole = data.clone();
            Aes256Ctr::new(&key, &iv).apply_keystream(&mut whole);
            let mut pieces = data.clone();
            let mut ctr = Aes256Ctr::new(&key, &iv);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(data.len())).collect();
            cuts.sort_unstable();
            let mut start = 0;
            for cut in cuts.into_iter().chain([data.len()]) {
                ctr.apply_keystream(&mut pieces[start..cut]);
                start = cut;
            }
            prop_assert_eq!(&whole, &pieces);
            Aes256Ctr::new(&key, &iv).apply_keystream(&mut whole);
            prop_assert_eq!(whole, data);
        }
    }
}
