//! Modular exponentiation for the 2048-bit maths of the key exchange, RSA and SRP (features
//! `handshake` or `srp`), in Montgomery form over fixed-width 64-bit limbs.
//!
//! [`Modulus`] precomputes a modulus's Montgomery constants once; [`Modulus::pow`] then raises a
//! base to a secret exponent and [`Modulus::pow_public`] to a public one. Numbers go in and out
//! as big-endian bytes; results are left-padded to the modulus's length in bytes (256 for a
//! 2048-bit modulus), the form MTProto puts on the wire. Bases may be any size, also above the
//! modulus.
//!
//! Odd moduli of up to 1024 bits run on 16 limbs and up to 2048 bits on 32 limbs: every modulus
//! MTProto uses is one of these (DH primes, RSA moduli and their CRT primes); up to 64 bits on
//! one limb (the primality checks of `pq`'s factors). Anything else (an
//! even modulus, or one wider than 2048 bits) falls back to `num-bigint`'s `modpow`, with the same
//! results and none of the timing properties below.
//!
//! ```
//! use pyro_mtproto_crypto::bignum::Modulus;
//! use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;
//!
//! let p = Modulus::new(&TELEGRAM_DH_PRIME)?;
//! let (a, b) = ([0x5a; 256], [0xa5; 256]); // secret exponents: random bytes in real use
//! let (g_a, g_b) = (p.pow(&[3], &a), p.pow(&[3], &b));
//! assert_eq!(g_a.len(), 256);
//! // Both sides of a Diffie-Hellman exchange reach the same key.
//! assert_eq!(p.pow(&g_b, &a), p.pow(&g_a, &b));
//! // The public-exponent form agrees with the fixed-window one.
//! assert_eq!(p.pow_public(&g_a, &[1, 0, 1]), p.pow(&g_a, &[1, 0, 1]));
//! // And the small-base form with the plain one.
//! assert_eq!(p.pow_small_base(3, &a), g_a);
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```
//!
//! # How far the constant-time claim goes
//!
//! For a modulus on the limb path, [`Modulus::pow`] performs a sequence of squarings,
//! multiplications and table reads fixed by the exponent's length in bytes (leading zero bytes
//! included) and the modulus's size: a fixed 5-bit window, a multiplication for every window
//! (by one for a zero window), table entries gathered by reading all 32 and masking, and the
//! final subtraction of Montgomery multiplication selected by a mask. No branch and no memory
//! address depends on the exponent's bits or on the values being multiplied. That is a property
//! of the source: the compiler is not prevented from reintroducing branches (none were seen in
//! practice), and 64x64->128-bit multiplication is constant-time on x86-64 and AArch64 but not
//! on every target. Outside that claim: the conversions in and out (a base wider than the
//! modulus is reduced by `num-bigint`), [`Modulus::new`] (moduli are public), the `num-bigint`
//! fallback, and whatever callers do with the results (the RSA-CRT recombination, for one, uses
//! `num-bigint`). Timing is not measured by the tests.

mod mont;
mod small;
#[cfg(test)]
mod tests;

use num_bigint::BigUint;

use crate::CryptoError;
use mont::{Limb, Mont, limbs_of};

/// A modulus ready for repeated exponentiation: its Montgomery constants computed once.
#[derive(Clone)]
pub struct Modulus {
    /// The arithmetic chosen for this modulus.
    kind: Kind,
    /// The modulus itself (reduces wide bases; the fallback's modulus).
    value: BigUint,
    /// Bytes in the modulus, and so in every result.
    byte_len: usize,
}

#[derive(Clone)]
enum Kind {
    /// Odd, at most 64 bits (Miller-Rabin on the primes of `pq`).
    Limbs1(Box<Mont<1>>),
    /// Odd, 65 to 1024 bits.
    Limbs16(Box<Mont<16>>),
    /// Odd, 1025 to 2048 bits.
    Limbs32(Box<Mont<32>>),
    /// Even or wider than 2048 bits: `num-bigint`.
    Fallback,
}

impl core::fmt::Debug for Modulus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let kind = match self.kind {
            Kind::Limbs1(_) => "1 limb",
            Kind::Limbs16(_) => "16 limbs",
            Kind::Limbs32(_) => "32 limbs",
            Kind::Fallback => "num-bigint",
        };
        f.debug_struct("Modulus")
            .field("bits", &self.value.bits())
            .field("arithmetic", &kind)
            .finish_non_exhaustive()
    }
}

impl Modulus {
    /// The modulus with big-endian bytes `modulus` (leading zeros allowed). Zero is refused.
    pub fn new(modulus: &[u8]) -> Result<Self, CryptoError> {
        Self::from_biguint(BigUint::from_bytes_be(modulus))
    }

    /// The same from a `num-bigint` number.
    pub(crate) fn from_biguint(value: BigUint) -> Result<Self, CryptoError> {
        if value == BigUint::ZERO {
            return Err(CryptoError::ZeroModulus);
        }
        let bits = value.bits();
        let kind = if value.bit(0) && bits <= 64 {
            Kind::Limbs1(Box::new(Mont::new(&value)))
        } else if value.bit(0) && bits <= 1024 {
            Kind::Limbs16(Box::new(Mont::new(&value)))
        } else if value.bit(0) && bits <= 2048 {
            Kind::Limbs32(Box::new(Mont::new(&value)))
        } else {
            Kind::Fallback
        };
        let byte_len = usize::try_from(bits.div_ceil(8)).unwrap_or(usize::MAX);
        Ok(Self {
            kind,
            value,
            byte_len,
        })
    }

    /// Bytes in the modulus (without leading zeros): the length of every result.
    pub fn byte_len(&self) -> usize {
        self.byte_len
    }

    /// `base^exponent mod m` for a secret exponent (big-endian; its length in bytes, not its
    /// value, sets the work, so pass secrets at their full width). See the module docs for how
    /// far the constant-time claim goes.
    pub fn pow(&self, base: &[u8], exponent: &[u8]) -> Vec<u8> {
        match &self.kind {
            Kind::Limbs1(m) => self.on_limbs(m, base, |m, b| m.pow_fixed_window(b, exponent)),
            Kind::Limbs16(m) => self.on_limbs(m, base, |m, b| m.pow_fixed_window(b, exponent)),
            Kind::Limbs32(m) => self.on_limbs(m, base, |m, b| m.pow_fixed_window(b, exponent)),
            Kind::Fallback => self.fallback(base, exponent),
        }
    }

    /// `g^exponent mod m` for a small base `g` and a secret exponent: [`pow`](Self::pow)'s
    /// result with the same constant-time shape, cheaper (1.3-1.6x at 2048 bits) as each window
    /// multiplies by a one-limb power of `g` (the key exchange's `g^b`, `g` in 2..=7).
    /// Moduli that do not fill their top limb (not 64, 1024 or 2048 bits) take `pow`.
    pub fn pow_small_base(&self, g: u32, exponent: &[u8]) -> Vec<u8> {
        let limbs = match &self.kind {
            Kind::Limbs16(m) => m
                .pow_small_base(g, exponent)
                .map(|r| to_be_padded(&r, self.byte_len)),
            Kind::Limbs32(m) => m
                .pow_small_base(g, exponent)
                .map(|r| to_be_padded(&r, self.byte_len)),
            Kind::Limbs1(_) | Kind::Fallback => None,
        };
        limbs.unwrap_or_else(|| self.pow(&g.to_be_bytes(), exponent))
    }

    /// `base^exponent mod m` for a public exponent (RSA's `e`, a Miller-Rabin witness's odd
    /// part): square-and-multiply that branches on the exponent's bits and skips leading zeros.
    pub fn pow_public(&self, base: &[u8], exponent: &[u8]) -> Vec<u8> {
        match &self.kind {
            Kind::Limbs1(m) => self.on_limbs(m, base, |m, b| m.pow_vartime(b, exponent)),
            Kind::Limbs16(m) => self.on_limbs(m, base, |m, b| m.pow_vartime(b, exponent)),
            Kind::Limbs32(m) => self.on_limbs(m, base, |m, b| m.pow_vartime(b, exponent)),
            Kind::Fallback => self.fallback(base, exponent),
        }
    }

    /// [`pow`](Self::pow) with the result as a `num-bigint` number, for callers that keep their
    /// other maths there.
    #[cfg(feature = "srp")]
    pub(crate) fn pow_big(&self, base: &[u8], exponent: &[u8]) -> BigUint {
        BigUint::from_bytes_be(&self.pow(base, exponent))
    }

    /// [`pow_public`](Self::pow_public) on a `num-bigint` base.
    pub(crate) fn pow_public_big(&self, base: &BigUint, exponent: &[u8]) -> BigUint {
        BigUint::from_bytes_be(&self.pow_public(&base.to_bytes_be(), exponent))
    }

    /// The modulus as a `num-bigint` number.
    pub(crate) fn value(&self) -> &BigUint {
        &self.value
    }

    /// Runs `op` on the base as `N` limbs (reduced first if it does not fit) and pads the result.
    fn on_limbs<const N: usize>(
        &self,
        mont: &Mont<N>,
        base: &[u8],
        op: impl FnOnce(&Mont<N>, &[Limb; N]) -> [Limb; N],
    ) -> Vec<u8> {
        let base = limbs_from_be::<N>(base)
            .unwrap_or_else(|| limbs_of(&(BigUint::from_bytes_be(base) % &self.value)));
        to_be_padded(&op(mont, &base), self.byte_len)
    }

    /// `num-bigint`'s `modpow`, padded like the limb paths.
    fn fallback(&self, base: &[u8], exponent: &[u8]) -> Vec<u8> {
        let result =
            BigUint::from_bytes_be(base).modpow(&BigUint::from_bytes_be(exponent), &self.value);
        let bytes = result.to_bytes_be();
        let mut out = vec![0; self.byte_len.saturating_sub(bytes.len())];
        out.extend_from_slice(&bytes);
        out
    }
}

/// A big-endian number as exactly `L` bytes: left-padded with zeros, or its last `L` bytes
/// (callers pass numbers that fit, such as results modulo an `L`-byte modulus).
pub(crate) fn left_pad<const L: usize>(bytes: &[u8]) -> [u8; L] {
    let mut out = [0u8; L];
    let tail = &bytes[bytes.len().saturating_sub(L)..];
    out[L - tail.len()..].copy_from_slice(tail);
    out
}

/// Big-endian bytes as `N` little-endian limbs, or `None` if a non-zero byte lies beyond them.
/// Every byte is read whatever its value.
fn limbs_from_be<const N: usize>(bytes: &[u8]) -> Option<[Limb; N]> {
    let mut out = [0; N];
    let mut overflow = 0u8;
    for (i, &byte) in bytes.iter().rev().enumerate() {
        match out.get_mut(i / 8) {
            Some(limb) => *limb |= Limb::from(byte) << (8 * (i % 8)),
            None => overflow |= byte,
        }
    }
    (overflow == 0).then_some(out)
}

/// `N` little-endian limbs as exactly `len` big-endian bytes (the value fits by construction:
/// it is below a modulus of `len` bytes).
fn to_be_padded<const N: usize>(limbs: &[Limb; N], len: usize) -> Vec<u8> {
    let mut out = vec![0; len];
    for (i, byte) in out.iter_mut().rev().enumerate() {
        let limb = limbs.get(i / 8).copied().unwrap_or(0);
        *byte = (limb >> (8 * (i % 8))) as u8;
    }
    out
}
