//! Exponentiation over a [`Mont`] context: a fixed 5-bit window for secret exponents and plain
//! square-and-multiply for public ones.
//!
//! The fixed window reads the exponent from its most significant byte, five bits at a time,
//! including leading zero bits: the number of squarings and multiplications depends only on the
//! exponent's length in bytes. Each window multiplies by a table entry (by one for a zero window)
//! that is gathered by reading all 32 entries and keeping one through a mask, so neither the
//! branches nor the memory addresses depend on the exponent's bits.

use super::mont::{Limb, Mont};

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
        let bits = exponent.len() * 8;
        let windows = bits.div_ceil(WINDOW);
        let mut acc = self.one();
        for w in (0..windows).rev() {
            let low = w * WINDOW;
            let width = WINDOW.min(bits - low);
            if w + 1 != windows {
                for _ in 0..width {
                    acc = self.square(&acc);
                }
            }
            let entry = gather(&table, bits_at(exponent, low, width));
            acc = self.mul(&acc, &entry);
        }
        self.decode(&acc)
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
