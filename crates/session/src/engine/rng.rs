//! The engine's only source of randomness: a deterministic generator seeded by the caller.
//!
//! It is the AES-256-CTR keystream of the seed (a standard CTR-DRBG construction without
//! reseeding): the driver seeds it from the OS, tests from a constant, so every packet a test
//! produces is reproducible.

use pyro_mtproto_crypto::ctr::Aes256Ctr;

/// A seeded deterministic random byte generator (AES-256-CTR keystream).
#[derive(Clone)]
pub struct Drbg {
    ctr: Aes256Ctr,
}

impl Drbg {
    /// A generator whose whole output is determined by `seed`.
    pub fn new(seed: [u8; 32]) -> Self {
        Self {
            ctr: Aes256Ctr::new(&seed, &[0; 16]),
        }
    }

    /// Fills `out` with the next random bytes.
    pub fn fill(&mut self, out: &mut [u8]) {
        out.fill(0);
        self.ctr.apply_keystream(out);
    }

    /// The next random 64-bit integer.
    pub fn next_i64(&mut self) -> i64 {
        let mut b = [0u8; 8];
        self.fill(&mut b);
        i64::from_le_bytes(b)
    }
}

impl core::fmt::Debug for Drbg {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Drbg(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::Drbg;

    #[test]
    fn same_seed_same_bytes_any_split() {
        let mut a = Drbg::new([1; 32]);
        let mut b = Drbg::new([1; 32]);
        let mut whole = [0u8; 40];
        a.fill(&mut whole);
        let mut parts = [0u8; 40];
        let (x, y) = parts.split_at_mut(13);
        b.fill(x);
        b.fill(y);
        assert_eq!(whole, parts);
        assert_ne!(Drbg::new([2; 32]).next_i64(), Drbg::new([1; 32]).next_i64());
    }
}
