//! Factorisation of the server's `pq` (step 2 of the key exchange) with Pollard's rho in Brent's
//! variant. `pq` is a 64-bit product of two primes; products above 2^63 are handled because every
//! product is formed in `u128`. The rho walk runs in Montgomery form (`x -> x^2 / 2^64 + c mod
//! pq`, still a quadratic map modulo each prime, and differences keep their common factors), so
//! a step costs two multiplications and no 128-bit division. The sequence constants are fixed,
//! so the result and the time taken are deterministic.

use crate::CryptoError;

/// Splits `pq` into `(p, q)` with `1 < p <= q` and `p * q == pq`.
///
/// For a product of two primes (what Telegram sends) these are the primes. Numbers below 4 and
/// primes have no such split: [`CryptoError::PqNotFactorable`].
///
/// ```
/// use pyro_mtproto_crypto::factorize::factorize;
/// assert_eq!(factorize(0x17ed48941a08f981)?, (1229739323, 1402015859));
/// # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
/// ```
pub fn factorize(pq: u64) -> Result<(u64, u64), CryptoError> {
    let fail = CryptoError::PqNotFactorable(pq);
    if pq < 4 || is_prime(pq) {
        return Err(fail);
    }
    let p = if pq.is_multiple_of(2) {
        2
    } else {
        (1..=64).find_map(|c| brent(pq, c)).ok_or(fail)?
    };
    let q = pq / p;
    Ok((p.min(q), p.max(q)))
}

fn mul_mod(a: u64, b: u64, n: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(n)) as u64
}

fn pow_mod(mut base: u64, mut exp: u64, n: u64) -> u64 {
    let mut acc = 1 % n;
    base %= n;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul_mod(acc, base, n);
        }
        base = mul_mod(base, base, n);
        exp >>= 1;
    }
    acc
}

/// Arithmetic modulo an odd 64-bit `n` in Montgomery form (`R = 2^64`).
#[derive(Clone, Copy)]
struct Montgomery64 {
    n: u64,
    /// `-n^-1 mod 2^64`.
    n_prime: u64,
}

impl Montgomery64 {
    fn new(n: u64) -> Self {
        // Newton's iteration: n is its own inverse mod 2^3, each step doubles the correct bits.
        let mut inv = n;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n.wrapping_mul(inv)));
        }
        Self {
            n,
            n_prime: inv.wrapping_neg(),
        }
    }

    /// `a b R^-1 mod n` for `a, b < n`.
    fn mul(self, a: u64, b: u64) -> u64 {
        let t = u128::from(a) * u128::from(b);
        let m = (t as u64).wrapping_mul(self.n_prime);
        let (sum, carry) = t.overflowing_add(u128::from(m) * u128::from(self.n));
        // (sum + carry 2^128) / 2^64 is below 2n; one subtraction brings it below n.
        let high = (sum >> 64) as u64;
        if carry || high >= self.n {
            high.wrapping_sub(self.n)
        } else {
            high
        }
    }

    /// `a + c mod n` for `a, c < n`.
    fn add(self, a: u64, c: u64) -> u64 {
        let (sum, overflow) = a.overflowing_add(c);
        if overflow || sum >= self.n {
            sum.wrapping_sub(self.n)
        } else {
            sum
        }
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Deterministic Miller-Rabin for 64-bit numbers (these 12 prime bases suffice below 3.3e24).
pub(crate) fn is_prime(n: u64) -> bool {
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if n < 2 {
        return false;
    }
    for p in BASES {
        if n.is_multiple_of(p) {
            return n == p;
        }
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    BASES.iter().all(|&a| {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            return true;
        }
        (1..s).any(|_| {
            x = mul_mod(x, x, n);
            x == n - 1
        })
    })
}

/// One run of Brent's cycle search with `f(x) = x^2 R^-1 + c mod n` (Montgomery squaring, `n`
/// odd); `None` when this `c` only finds the trivial factor or runs past the step budget.
fn brent(n: u64, c: u64) -> Option<u64> {
    /// Steps between gcd computations.
    const BATCH: u64 = 128;
    /// Give up on this `c` after this many steps (expected: about n^(1/4), at most 2^16 here).
    const MAX_STEPS: u64 = 1 << 24;
    let mont = Montgomery64::new(n);
    let c = c % n;
    let f = |x: u64| mont.add(mont.mul(x, x), c);
    let (mut x, mut y, mut ys) = (2u64, 2u64, 2u64);
    let (mut r, mut q, mut g) = (1u64, 1u64, 1u64);
    while g == 1 {
        x = y;
        for _ in 0..r {
            y = f(y);
        }
        let mut k = 0;
        while k < r && g == 1 {
            ys = y;
            for _ in 0..BATCH.min(r - k) {
                y = f(y);
                q = mont.mul(q, x.abs_diff(y));
            }
            g = gcd(q, n);
            k += BATCH;
        }
        r *= 2;
        if r > MAX_STEPS {
            return None;
        }
    }
    if g == n {
        // The batch overshot: step one at a time from the batch's start.
        g = 1;
        let mut budget = BATCH;
        while g == 1 && budget > 0 {
            ys = f(ys);
            g = gcd(x.abs_diff(ys), n);
            budget -= 1;
        }
    }
    (g > 1 && g < n).then_some(g)
}

#[cfg(test)]
#[allow(clippy::unreadable_literal)] // written as in VECTORS.md, to compare at a glance
mod tests {
    use super::*;

    /// Vector C4 (sources per row in VECTORS.md: Telegram's samples, gotd, grammers, Telethon
    /// v1/v2, TDLib `tdutils/test/pq.cpp`, the recorded flow C2).
    #[test]
    fn vector_c4_every_row() {
        let rows: [(u64, u64, u64); 14] = [
            (0x17ed48941a08f981, 1229739323, 1402015859),
            (0x1468b766abd90e2d, 1206429347, 1218991343),
            (0x20cd3cb0587bdd71, 1518968219, 1556064227),
            (0x26eaca03591bcca1, 1555252417, 1803100129),
            (0x2b48d795fb47fef9, 1719614201, 1813767169),
            (0x256595edb7766797, 1513098571, 1780931429),
            (0x130b7475669feb8b, 1141464581, 1202243663),
            (0x1fc7290424f363b7, 1338315091, 1710990221),
            (0x19546f942a11278d, 1152574733, 1583590529),
            (0x5c56d, 613, 617),
            (0xf, 3, 5),
            (0x1bc16d674ec80006, 2, 1000000000000000003),
            (0x725f8bfabd7243, 179424611, 179424673),
            (0xfff0bea230278ff7, 4294467311, 4294467449),
        ];
        for (pq, p, q) in rows {
            assert_eq!(factorize(pq), Ok((p, q)), "pq = {pq:#x}");
        }
    }

    /// TDLib `tdutils/test/pq.cpp`: 0, 1, 2, 3, 5 have no split; 4 = 2*2; 21 = 3*7.
    #[test]
    fn tdlib_small_cases() {
        for n in [0, 1, 2, 3, 5] {
            assert_eq!(factorize(n), Err(CryptoError::PqNotFactorable(n)));
        }
        assert_eq!(factorize(4), Ok((2, 2)));
        assert_eq!(factorize(21), Ok((3, 7)));
    }

    fn primes_from(start: u64, count: usize) -> Vec<u64> {
        let by_trial = |n: u64| n > 1 && (2..=n.isqrt()).all(|d| !n.is_multiple_of(d));
        (start..).filter(|&n| by_trial(n)).take(count).collect()
    }

    /// TDLib's pair test: every p <= q from the primes below 100 and primes just above
    /// 2^31 - 500000, 2^32 - 500000 and 2^39 - 500000 (products up to 2^64 included).
    #[test]
    fn tdlib_all_pairs() {
        let mut primes = primes_from(2, 25);
        primes.extend(primes_from((1 << 31) - 500_000, 5));
        primes.extend(primes_from((1 << 32) - 500_000, 2));
        primes.extend(primes_from((1 << 39) - 500_000, 1));
        for (i, &p) in primes.iter().enumerate() {
            for &q in &primes[i..] {
                let Some(pq) = p.checked_mul(q) else { continue };
                assert_eq!(factorize(pq), Ok((p, q)), "{p} * {q}");
            }
        }
    }

    #[test]
    fn primes_are_rejected() {
        for p in [7, 1_000_000_007, 18_446_744_073_709_551_557] {
            assert_eq!(factorize(p), Err(CryptoError::PqNotFactorable(p)));
        }
    }
}
