//! Montgomery arithmetic over a fixed number of 64-bit limbs (little-endian limb order), and
//! the two exponentiations built on it (fixed window for secret exponents, square-and-multiply
//! for public ones).
//!
//! `Mont<N>` holds an odd modulus `n < 2^(64 N)` with the constants Montgomery multiplication
//! needs: `n' = -n^-1 mod 2^64`, `R mod n` and `R^2 mod n` for `R = 2^(64 N)`. Multiplication
//! and squaring scan the product column by column with the reduction interleaved (finely
//! integrated product scanning): each column's products are summed into one 192-bit accumulator,
//! which keeps the carry chains short: each product costs one multiply and three additions,
//! and consecutive products depend on each other only through the additions. Squaring computes
//! each cross product once and doubles it.
//!
//! Every operation here runs the same instruction sequence whatever the values: loop bounds
//! depend only on `N`, and the final subtraction of `n` is applied through a mask, not a branch.

use num_bigint::BigUint;

/// One limb.
pub(crate) type Limb = u64;

/// `a - b - borrow` with the borrow out (0 or 1).
#[inline(always)]
fn sbb(a: Limb, b: Limb, borrow: Limb) -> (Limb, Limb) {
    let t = u128::from(a)
        .wrapping_sub(u128::from(b))
        .wrapping_sub(u128::from(borrow));
    (t as Limb, ((t >> 64) as Limb) & 1)
}

/// The 192-bit column sum of product scanning. Every product goes into the same two 64-bit
/// adds (and a carry into the third word), so consecutive products depend on each other only
/// through one-cycle additions, not through a multiply-and-carry chain.
#[derive(Clone, Copy)]
struct Column {
    low: u128,
    high: Limb,
}

impl Column {
    const ZERO: Self = Self { low: 0, high: 0 };

    /// Adds `a * b`.
    #[inline(always)]
    fn add_product(&mut self, a: Limb, b: Limb) {
        let (sum, carry) = self.low.overflowing_add(u128::from(a) * u128::from(b));
        self.low = sum;
        self.high += Limb::from(carry);
    }

    /// Adds twice `other` (the cross products of a square, each counted once).
    #[inline(always)]
    fn add_doubled(&mut self, other: Self) {
        let high = (other.high << 1) | (other.low >> 127) as Limb;
        let (sum, carry) = self.low.overflowing_add(other.low << 1);
        self.low = sum;
        self.high += high + Limb::from(carry);
    }

    /// The lowest limb.
    #[inline(always)]
    fn limb(&self) -> Limb {
        self.low as Limb
    }

    /// Drops the lowest limb: the sum carried into the next column.
    #[inline(always)]
    fn shift(&mut self) {
        self.low = (self.low >> 64) | (u128::from(self.high) << 64);
        self.high = 0;
    }
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

    /// The modulus.
    pub(crate) fn modulus(&self) -> &[Limb; N] {
        &self.n
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
        self.reduce_columns(|column, k| {
            let first = k.saturating_sub(N - 1);
            for j in first..=k.min(N - 1) {
                column.add_product(a[j], b[k - j]);
            }
        })
    }

    /// `a^2 R^-1 mod n` for `a < n`: the same result as `mul(a, a)`, with each cross product
    /// computed once and doubled (3/4 of the products of `mul`).
    #[inline]
    pub(crate) fn square(&self, a: &[Limb; N]) -> [Limb; N] {
        self.reduce_columns(|column, k| {
            let mut cross = Column::ZERO;
            // Pairs j < k - j of column k, both indices below N.
            for j in k.saturating_sub(N - 1)..k.div_ceil(2) {
                cross.add_product(a[j], a[k - j]);
            }
            column.add_doubled(cross);
            if k % 2 == 0 {
                column.add_product(a[k / 2], a[k / 2]);
            }
        })
    }

    /// Montgomery multiplication by product scanning with the reduction interleaved (FIPS, Koc,
    /// Acar and Kaliski 1996): column `k` of the 2N-limb product comes from `product(column, k)`
    /// and the reduction terms `m_j n_(k-j)` are added to the same column; for `k < N` the
    /// column's low limb picks `m_k` so that it becomes zero, for `k >= N` it is an output limb.
    #[inline(always)]
    fn reduce_columns(&self, product: impl Fn(&mut Column, usize)) -> [Limb; N] {
        let n = &self.n;
        let mut m = [0; N];
        let mut out = [0; N];
        let mut column = Column::ZERO;
        for k in 0..N {
            product(&mut column, k);
            for j in 0..k {
                column.add_product(m[j], n[k - j]);
            }
            let mk = column.limb().wrapping_mul(self.n_prime);
            m[k] = mk;
            column.add_product(mk, n[0]);
            column.shift();
        }
        for k in N..2 * N {
            product(&mut column, k);
            for j in k + 1 - N..N {
                column.add_product(m[j], n[k - j]);
            }
            out[k - N] = column.limb();
            column.shift();
        }
        self.subtract_if_not_below(out, column.limb())
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

// ----- Exponentiation -----
// Over a `Mont` context: a fixed 5-bit window for secret exponents and plain
// square-and-multiply for public ones.
//
// The fixed window reads the exponent from its most significant byte, five bits at a time,
// including leading zero bits: the number of squarings and multiplications depends only on the
// exponent's length in bytes. Each window multiplies by a table entry (by one for a zero window)
// that is gathered by reading all 32 entries and keeping one through a mask, so neither the
// branches nor the memory addresses depend on the exponent's bits.

/// Bits per window of the fixed-window method.
const WINDOW: usize = 5;
/// Entries of the window table: `base^0 ..= base^31`.
const TABLE: usize = 1 << WINDOW;

/// The value of `width` bits of a big-endian byte string starting `low` bits above its least
/// significant bit (bits past the top read as zero). Positions are public; only values flow.
fn bits_at(exponent: &[u8], low: usize, width: usize) -> usize {
    let mut value = 0;
    for k in (0..width).rev() {
        let bit = low + k;
        let byte = exponent
            .len()
            .checked_sub(1 + bit / 8)
            .and_then(|i| exponent.get(i))
            .copied()
            .unwrap_or(0);
        value = (value << 1) | usize::from((byte >> (bit % 8)) & 1);
    }
    value
}

/// `table[index]`, read by touching every entry and masking: the same loads for every index.
fn gather<const N: usize>(table: &[[Limb; N]; TABLE], index: usize) -> [Limb; N] {
    let mut out = [0; N];
    for (k, entry) in table.iter().enumerate() {
        // All ones when k == index, else zero, without a comparison branch.
        let diff = (k ^ index) as Limb;
        let mask = (diff | diff.wrapping_neg()) >> 63;
        let mask = mask.wrapping_sub(1);
        for (o, e) in out.iter_mut().zip(entry) {
            *o |= e & mask;
        }
    }
    out
}

impl<const N: usize> Mont<N> {
    /// `base^exponent mod n` with `base < 2^(64 N)` in plain form; the exponent is big-endian
    /// bytes whose length (not value) sets the work. The result is in plain form, below `n`.
    pub(crate) fn pow_fixed_window(&self, base: &[Limb; N], exponent: &[u8]) -> [Limb; N] {
        let mut table = [[0; N]; TABLE];
        table[0] = self.one();
        table[1] = self.encode(base);
        for k in 2..TABLE {
            table[k] = if k % 2 == 0 {
                self.square(&table[k / 2])
            } else {
                self.mul(&table[k - 1], &table[1])
            };
        }
        let acc = self.fixed_windows(exponent, WINDOW, |acc, digit| {
            self.mul(acc, &gather(&table, digit))
        });
        self.decode(&acc)
    }

    /// The left-to-right walk of both secret-exponent forms, in Montgomery form: from one, for
    /// each `width`-bit window of the exponent from the top (the top window narrower when
    /// `width` does not divide the exponent's length in bits), a squaring per bit (none before
    /// the first window) and then `multiply(acc, window value)`.
    pub(super) fn fixed_windows(
        &self,
        exponent: &[u8],
        width: usize,
        mut multiply: impl FnMut(&[Limb; N], usize) -> [Limb; N],
    ) -> [Limb; N] {
        let bits = exponent.len() * 8;
        let windows = bits.div_ceil(width);
        let mut acc = self.one();
        for w in (0..windows).rev() {
            let low = w * width;
            let take = width.min(bits - low);
            if w + 1 != windows {
                for _ in 0..take {
                    acc = self.square(&acc);
                }
            }
            acc = multiply(&acc, bits_at(exponent, low, take));
        }
        acc
    }

    /// `base^exponent mod n` by left-to-right square-and-multiply, branching on the exponent's
    /// bits: only for public exponents (RSA's `e`, Miller-Rabin witnesses).
    pub(crate) fn pow_vartime(&self, base: &[Limb; N], exponent: &[u8]) -> [Limb; N] {
        let base = self.encode(base);
        let mut acc = self.one();
        let mut started = false;
        for byte in exponent {
            for shift in (0..8).rev() {
                if started {
                    acc = self.square(&acc);
                }
                if (byte >> shift) & 1 == 1 {
                    acc = if started { self.mul(&acc, &base) } else { base };
                    started = true;
                }
            }
        }
        self.decode(&acc)
    }
}
