//! Montgomery arithmetic over a fixed number of 64-bit limbs (little-endian limb order).
//!
//! `Mont<N>` holds an odd modulus `n < 2^(64 N)` with the constants Montgomery multiplication
//! needs: `n' = -n^-1 mod 2^64`, `R mod n` and `R^2 mod n` for `R = 2^(64 N)`. Multiplication is
//! the coarsely integrated operand scanning form (CIOS): per limb of one operand, one pass adds
//! `a * b_i` and `m * n` together (two carry chains, one 64x64->128-bit product each), then the
//! running sum shifts down one limb. Squaring computes the half product once, doubles it and
//! reduces limb by limb (separated operand scanning), which needs about 3/4 of the products.
//!
//! Every operation here runs the same instruction sequence whatever the values: loop bounds
//! depend only on `N`, and the final subtraction of `n` is applied through a mask, not a branch.

use num_bigint::BigUint;

/// One limb.
pub(crate) type Limb = u64;

/// `a * b + c + carry` as (low limb, high limb); it cannot overflow 128 bits.
#[inline(always)]
fn mac(a: Limb, b: Limb, c: Limb, carry: Limb) -> (Limb, Limb) {
    let t = u128::from(a) * u128::from(b) + u128::from(c) + u128::from(carry);
    (t as Limb, (t >> 64) as Limb)
}

/// `a + b + carry` with the carry out (0 or 1).
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

/// An odd modulus of at most `64 N` bits with its Montgomery constants.
#[derive(Clone)]
pub(crate) struct Mont<const N: usize> {
    /// The modulus.
    n: [Limb; N],
    /// `-n^-1 mod 2^64`.
    n_prime: Limb,
    /// `R mod n`: one in Montgomery form.
    one: [Limb; N],
    /// `R^2 mod n`: converts into Montgomery form with one multiplication.
    r2: [Limb; N],
}

impl<const N: usize> Mont<N> {
    /// The context for `modulus`, which must be odd and below `2^(64 N)` (the caller checks).
    pub(crate) fn new(modulus: &BigUint) -> Self {
        let n = limbs_of(modulus);
        // Newton's iteration doubles the correct low bits of an inverse mod 2^64 each step;
        // for odd n0, n0 itself is an inverse mod 2^3, so five steps reach 96 > 64 bits.
        let n0 = n[0];
        let mut inv = n0;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv)));
        }
        let r = BigUint::from(1u32) << (64 * N);
        let one = limbs_of(&(&r % modulus));
        let r2 = limbs_of(&((&r * &r) % modulus));
        Self {
            n,
            n_prime: inv.wrapping_neg(),
            one,
            r2,
        }
    }

    /// One (`R mod n`) in Montgomery form.
    pub(crate) fn one(&self) -> [Limb; N] {
        self.one
    }

    /// `x R mod n` for any `x < 2^(64 N)` (not only `x < n`).
    pub(crate) fn encode(&self, x: &[Limb; N]) -> [Limb; N] {
        self.mul(x, &self.r2)
    }

    /// `x R^-1 mod n`: back from Montgomery form, fully reduced.
    pub(crate) fn decode(&self, x: &[Limb; N]) -> [Limb; N] {
        let mut unit = [0; N];
        unit[0] = 1;
        self.mul(x, &unit)
    }

    /// `a b R^-1 mod n`. Needs `a b < n R`, which holds when one operand is below `n` and the
    /// other below `R`; the result is below `n`.
    #[inline]
    pub(crate) fn mul(&self, a: &[Limb; N], b: &[Limb; N]) -> [Limb; N] {
        let n = &self.n;
        let mut t = [0; N];
        let mut top: Limb = 0;
        for &bi in b {
            // t + a * bi + m * n is divisible by 2^64: add both and drop the low limb at once.
            let (t0, mut carry_ab) = mac(a[0], bi, t[0], 0);
            let m = t0.wrapping_mul(self.n_prime);
            let (_, mut carry_mn) = mac(m, n[0], t0, 0);
            for j in 1..N {
                let (x, c) = mac(a[j], bi, t[j], carry_ab);
                carry_ab = c;
                let (y, c) = mac(m, n[j], x, carry_mn);
                carry_mn = c;
                t[j - 1] = y;
            }
            let (x, c1) = adc(top, carry_ab, 0);
            let (y, c2) = adc(x, carry_mn, 0);
            t[N - 1] = y;
            top = c1 + c2;
        }
        self.subtract_if_not_below(t, top)
    }

    /// `a^2 R^-1 mod n` for `a < n`: the same result as `mul(a, a)` with fewer products.
    #[inline]
    pub(crate) fn square(&self, a: &[Limb; N]) -> [Limb; N] {
        // The 2N-limb square: off-diagonal products once, doubled, then the diagonal added.
        let mut wide = [[0; N]; 2];
        let w = wide.as_flattened_mut();
        for i in 0..N {
            let mut carry = 0;
            for j in i + 1..N {
                (w[i + j], carry) = mac(a[i], a[j], w[i + j], carry);
            }
            w[i + N] = carry;
        }
        let mut shifted_out = 0;
        for limb in w.iter_mut() {
            let next = *limb >> 63;
            *limb = (*limb << 1) | shifted_out;
            shifted_out = next;
        }
        let mut carry = 0;
        for i in 0..N {
            let (lo, hi) = mac(a[i], a[i], 0, 0);
            (w[2 * i], carry) = adc(w[2 * i], lo, carry);
            (w[2 * i + 1], carry) = adc(w[2 * i + 1], hi, carry);
        }
        self.reduce_wide(wide)
    }

    /// Montgomery reduction of a 2N-limb value below `n R`: `wide R^-1 mod n`.
    #[inline]
    fn reduce_wide(&self, mut wide: [[Limb; N]; 2]) -> [Limb; N] {
        let w = wide.as_flattened_mut();
        let mut top: Limb = 0;
        for i in 0..N {
            // Add m n << 64 i to zero limb i; the carry and the previous round's overflow both
            // land on limb i + N, whose own overflow waits for the next round.
            let m = w[i].wrapping_mul(self.n_prime);
            let mut carry = 0;
            for j in 0..N {
                (w[i + j], carry) = mac(m, self.n[j], w[i + j], carry);
            }
            (w[i + N], top) = adc(w[i + N], carry, top);
        }
        let [_, hi] = wide;
        self.subtract_if_not_below(hi, top)
    }

    /// `(top, t) - n` when that is not negative, else `t`, chosen by a mask. Needs
    /// `(top, t) < 2n`.
    #[inline]
    fn subtract_if_not_below(&self, t: [Limb; N], top: Limb) -> [Limb; N] {
        let mut diff = [0; N];
        let mut borrow = 0;
        for j in 0..N {
            (diff[j], borrow) = sbb(t[j], self.n[j], borrow);
        }
        // (top, t) >= n exactly when the top limb is set or the subtraction did not borrow.
        let keep_diff = (top | (borrow ^ 1)) & 1;
        let mask = keep_diff.wrapping_neg();
        let mut out = [0; N];
        for j in 0..N {
            out[j] = (diff[j] & mask) | (t[j] & !mask);
        }
        out
    }
}

/// The low `N` limbs of `x` (the caller has checked that `x` fits).
pub(crate) fn limbs_of<const N: usize>(x: &BigUint) -> [Limb; N] {
    let mut out = [0; N];
    for (slot, digit) in out.iter_mut().zip(x.iter_u64_digits()) {
        *slot = digit;
    }
    out
}
