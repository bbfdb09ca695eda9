//! `g^e mod n` for a small base `g` (the key exchange's `g_b = g^b` with `g` in 2..=7), on a
//! Montgomery context whose modulus fills its top limb (2048-bit DH primes, 1024-bit RSA
//! halves).
//!
//! The squarings are the usual Montgomery squarings; the multiplication of each window is by
//! `g^d`, a single limb, so it costs one row of `N` products and a reduction by one quotient
//! limb instead of a full Montgomery multiplication (`2 N^2` products), and the 32-entry table
//! of full-size powers is not built at all (1.3-1.6x faster than the general form at 2048 bits,
//! `benches/README.md`).
//!
//! The constant-time shape is the one of `Mont::pow_fixed_window` (the same window walk,
//! `Mont::fixed_windows`): fixed windows over every bit of the exponent (leading zeros
//! included), digits read from the table by touching every entry and masking, and the quotient
//! limb found by multiplication with a precomputed reciprocal (Möller and Granlund, "Improved
//! division by invariant integers", IEEE Trans. Computers 60(2), 2011, Algorithm 4) with its
//! corrections applied through masks, so no `div` instruction (variable-time on common CPUs)
//! and no branch sees the exponent.

use super::mont::{Limb, Mont};

/// Widest window: 4 bits keeps `7^15 < 2^43` in one limb.
const MAX_WINDOW: usize = 4;

/// All ones when `condition` is 1, zero when it is 0.
#[inline(always)]
fn mask(condition: Limb) -> Limb {
    condition.wrapping_neg()
}

/// 1 when `a < b`, else 0, without a comparison branch.
#[inline(always)]
fn lt(a: Limb, b: Limb) -> Limb {
    Limb::from(a.overflowing_sub(b).1)
}

/// `a + b + carry` with the carry out.
#[inline(always)]
fn adc(a: Limb, b: Limb, carry: Limb) -> (Limb, Limb) {
    let t = u128::from(a) + u128::from(b) + u128::from(carry);
    (t as Limb, (t >> 64) as Limb)
}

/// `a - b - borrow` with the borrow out (0 or 1).
#[inline(always)]
fn sbb(a: Limb, b: Limb, borrow: Limb) -> (Limb, Limb) {
    let t = u128::from(a)
        .wrapping_sub(u128::from(b))
        .wrapping_sub(u128::from(borrow));
    (t as Limb, ((t >> 64) as Limb) & 1)
}

/// `floor((2^128 - 1) / d) - 2^64` for a normalized `d` (top bit set): the reciprocal of
/// [`div_2by1`]. `d` is public (the modulus's top limb), so plain division is fine here.
fn reciprocal(d: Limb) -> Limb {
    (u128::MAX / u128::from(d) - (1u128 << 64)) as Limb
}

/// `floor((u1 2^64 + u0) / d)` for a normalized `d` with reciprocal `v` and `u1 < d`, by
/// multiplication and masked corrections (Möller-Granlund, Algorithm 4).
#[inline(always)]
fn div_2by1(u1: Limb, u0: Limb, d: Limb, v: Limb) -> Limb {
    let q = (u128::from(v) * u128::from(u1)).wrapping_add((u128::from(u1) << 64) | u128::from(u0));
    let q0 = q as Limb;
    let mut q1 = ((q >> 64) as Limb).wrapping_add(1);
    let mut r = u0.wrapping_sub(q1.wrapping_mul(d));
    // r > q0: the estimate was one too large.
    let high = mask(lt(q0, r));
    q1 = q1.wrapping_add(high);
    r = r.wrapping_add(d & high);
    // r >= d (rare): one too small.
    let low = mask(lt(r, d) ^ 1);
    q1.wrapping_sub(low)
}

/// The digit table `g^0 ..= g^(2^w - 1)` for the widest `w <= MAX_WINDOW` whose entries all
/// stay below `2^63` (so a product with a reduced number has a top limb below any normalized
/// one); `w` is at least 1 for every `u32` base.
fn digit_table(g: u32) -> (usize, [Limb; 1 << MAX_WINDOW]) {
    let mut table = [0; 1 << MAX_WINDOW];
    let mut width = 0;
    let mut power: Limb = 1;
    for (d, slot) in table.iter_mut().enumerate() {
        *slot = power;
        if d + 1 == 1 << (width + 1) {
            width += 1;
        }
        match power.checked_mul(Limb::from(g)) {
            Some(next) if next < 1 << 63 => power = next,
            _ => break,
        }
    }
    (width.clamp(1, MAX_WINDOW), table)
}

/// `table[index]` for the first `len` entries, read by touching all of them and masking.
fn gather(table: &[Limb; 1 << MAX_WINDOW], len: usize, index: usize) -> Limb {
    let mut out = 0;
    for (k, &entry) in table.iter().enumerate().take(len) {
        let diff = (k ^ index) as Limb;
        out |= entry & mask(((diff | diff.wrapping_neg()) >> 63) ^ 1);
    }
    out
}

impl<const N: usize> Mont<N> {
    /// `g^exponent mod n` in plain form, or `None` when the modulus does not fill its top limb
    /// (the quotient estimate needs a normalized modulus; callers then use the general path).
    /// The exponent's length in bytes, not its value, sets the work.
    pub(crate) fn pow_small_base(&self, g: u32, exponent: &[u8]) -> Option<[Limb; N]> {
        let n = self.modulus();
        let top = n[N - 1];
        if top >> 63 == 0 {
            return None;
        }
        let v = reciprocal(top);
        let (width, table) = digit_table(g);
        let acc = self.fixed_windows(exponent, width, |acc, digit| {
            self.mul_limb(acc, gather(&table, 1 << width, digit), top, v)
        });
        Some(self.decode(&acc))
    }

    /// `a c mod n` for `a < n` and a single limb `c < 2^63`, with `v` the reciprocal of `n`'s
    /// top limb `top` (normalized). Stays in Montgomery form: `(x R) c = (x c) R`.
    fn mul_limb(&self, a: &[Limb; N], c: Limb, top: Limb, v: Limb) -> [Limb; N] {
        let n = self.modulus();
        // t = a c: N limbs and a top limb below c, so below `top`.
        let mut t = [0; N];
        let mut carry = 0;
        for (t, &a) in t.iter_mut().zip(a) {
            let p = u128::from(a) * u128::from(c) + u128::from(carry);
            *t = p as Limb;
            carry = (p >> 64) as Limb;
        }
        // The estimate from the top two limbs is q, q + 1 or q + 2 for the true quotient q.
        let q = div_2by1(carry, t[N - 1], top, v);
        let (mut borrow, mut product_carry) = (0, 0);
        for (t, &n) in t.iter_mut().zip(n) {
            let p = u128::from(q) * u128::from(n) + u128::from(product_carry);
            product_carry = (p >> 64) as Limb;
            (*t, borrow) = sbb(*t, p as Limb, borrow);
        }
        let (mut high, _) = sbb(carry, product_carry, borrow);
        // t - q n lies in [-2n, n): add n back while it is negative (twice, masked).
        for _ in 0..2 {
            let negative = mask(high >> 63);
            let mut carry = 0;
            for (t, &n) in t.iter_mut().zip(n) {
                (*t, carry) = adc(*t, n & negative, carry);
            }
            high = high.wrapping_add(carry);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    #[test]
    fn digit_tables_stay_in_one_limb() {
        let (w, table) = digit_table(7);
        assert_eq!(w, 4);
        assert_eq!(table[15], 7u64.pow(15));
        assert_eq!(digit_table(3).0, 4);
        // (2^20)^3 = 2^60 fits, (2^20)^4 does not: a 2-bit window.
        assert_eq!(digit_table(1 << 20).0, 2);
        let (w, table) = digit_table(u32::MAX);
        assert_eq!((w, table[0], table[1]), (1, 1, u64::from(u32::MAX)));
        assert_eq!(digit_table(0).1[..2], [1, 0]);
    }

    proptest! {
        #![proptest_config(Config {
            cases: 2000,
            rng_seed: RngSeed::Fixed(0x2b1),
            ..Config::default()
        })]

        /// The division by reciprocal against `u128` division, for normalized divisors.
        #[test]
        fn div_2by1_matches_u128_division(d in (1u64 << 63).., u1 in any::<u64>(), u0 in any::<u64>()) {
            let u1 = u1 % d;
            let want = ((u128::from(u1) << 64) | u128::from(u0)) / u128::from(d);
            prop_assert_eq!(u128::from(div_2by1(u1, u0, d, reciprocal(d))), want);
        }
    }

    #[test]
    fn div_2by1_edges() {
        for d in [1u64 << 63, (1 << 63) + 1, u64::MAX, u64::MAX - 1] {
            let v = reciprocal(d);
            for (u1, u0) in [(0, 0), (0, u64::MAX), (d - 1, u64::MAX), (d - 1, 0), (1, 0)] {
                let want = ((u128::from(u1) << 64) | u128::from(u0)) / u128::from(d);
                assert_eq!(
                    u128::from(div_2by1(u1, u0, d, v)),
                    want,
                    "{d:x} {u1:x} {u0:x}"
                );
            }
        }
    }
}
