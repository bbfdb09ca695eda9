//! Diffie-Hellman parameter checks of the security guidelines, for the key exchange and for SRP
//! (features `handshake` or `srp`). Inputs are big-endian byte strings as they come off the wire.
//!
//! - [`check_dh_params`]: `p` is a 2048-bit safe prime and `g` generates the subgroup of prime
//!   order `(p-1)/2`. Telegram's well-known prime ([`TELEGRAM_DH_PRIME`]) takes a fast path;
//!   any other `p` gets Miller-Rabin on `p` and `(p-1)/2`.
//! - [`check_dh_value`]: `g_a`, `g_b` (and the SRP `g_b`) lie in `(1, p-1)` and at least 2^1984
//!   away from both ends, so small-subgroup and degenerate values are refused.
//!
//! ```
//! use pyro_mtproto_crypto::dh::{check_dh_params, TELEGRAM_DH_PRIME};
//! assert!(check_dh_params(&TELEGRAM_DH_PRIME, 3).is_ok());
//! assert!(check_dh_params(&TELEGRAM_DH_PRIME, 2).is_err()); // p mod 8 != 7
//! ```

use num_bigint::BigUint;
use sha2::{Digest, Sha256};

use crate::CryptoError;
use crate::bignum::Modulus;

/// Telegram's 2048-bit safe prime, sent in every `server_DH_inner_data` and `account.password`
/// (VECTORS.md D: gotd `TestServerRNG.DhPrime`, the official auth-key sample, SRP vectors).
pub const TELEGRAM_DH_PRIME: [u8; 256] = *b"\
\xc7\x1c\xae\xb9\xc6\xb1\xc9\x04\x8e\x6c\x52\x2f\x70\xf1\x3f\x73\x98\x0d\x40\x23\x8e\x3e\x21\xc1\x49\x34\xd0\x37\x56\x3d\x93\x0f\
\x48\x19\x8a\x0a\xa7\xc1\x40\x58\x22\x94\x93\xd2\x25\x30\xf4\xdb\xfa\x33\x6f\x6e\x0a\xc9\x25\x13\x95\x43\xae\xd4\x4c\xce\x7c\x37\
\x20\xfd\x51\xf6\x94\x58\x70\x5a\xc6\x8c\xd4\xfe\x6b\x6b\x13\xab\xdc\x97\x46\x51\x29\x69\x32\x84\x54\xf1\x8f\xaf\x8c\x59\x5f\x64\
\x24\x77\xfe\x96\xbb\x2a\x94\x1d\x5b\xcd\x1d\x4a\xc8\xcc\x49\x88\x07\x08\xfa\x9b\x37\x8e\x3c\x4f\x3a\x90\x60\xbe\xe6\x7c\xf9\xa4\
\xa4\xa6\x95\x81\x10\x51\x90\x7e\x16\x27\x53\xb5\x6b\x0f\x6b\x41\x0d\xba\x74\xd8\xa8\x4b\x2a\x14\xb3\x14\x4e\x0e\xf1\x28\x47\x54\
\xfd\x17\xed\x95\x0d\x59\x65\xb4\xb9\xdd\x46\x58\x2d\xb1\x17\x8d\x16\x9c\x6b\xc4\x65\xb0\xd6\xff\x9c\xa3\x92\x8f\xef\x5b\x9a\xe4\
\xe4\x18\xfc\x15\xe8\x3e\xbe\xa0\xf8\x7f\xa9\xff\x5e\xed\x70\x05\x0d\xed\x28\x49\xf4\x7b\xf9\x59\xd9\x56\x85\x0c\xe9\x29\x85\x1f\
\x0d\x81\x15\xf6\x35\xb1\x05\xee\x2e\x4e\x15\xd0\x4b\x24\x54\xbf\x6f\x4f\xad\xf0\x34\xb1\x04\x03\x11\x9c\xd8\xe3\xb9\x2f\xcc\x5b";

/// [`TELEGRAM_DH_PRIME`] with its Montgomery constants, computed once per process.
#[cfg(feature = "handshake")]
pub(crate) fn telegram_prime() -> &'static Modulus {
    static PRIME: std::sync::LazyLock<Modulus> = std::sync::LazyLock::new(|| {
        #[allow(clippy::expect_used)]
        // ok: the prime is a non-zero constant, the only input `Modulus::new` refuses is zero.
        Modulus::new(&TELEGRAM_DH_PRIME).expect("the DH prime is not zero")
    });
    &PRIME
}

/// Miller-Rabin rounds for a prime that is not Telegram's (error below 4^-32 per number).
const MR_ROUNDS: u32 = 32;

/// Full check of `(p, g)` from the server: `2^2047 < p < 2^2048`, then [`check_p_and_g`].
pub fn check_dh_params(p: &[u8], g: u32) -> Result<(), CryptoError> {
    if BigUint::from_bytes_be(p).bits() != 2048 {
        return Err(CryptoError::UnsafeDhParams(
            "dh_prime is not a 2048-bit number",
        ));
    }
    check_p_and_g(p, g)
}

/// `g` in 2..=7 with its quadratic-residue condition on `p`, and `p` a safe prime (any size:
/// the size rule is [`check_dh_params`]'s). Telegram's prime skips the primality tests.
pub fn check_p_and_g(p: &[u8], g: u32) -> Result<(), CryptoError> {
    let prime = BigUint::from_bytes_be(p);
    let residue_ok = |m: u32| -> u32 { (&prime % m).to_u32_digits().first().copied().unwrap_or(0) };
    let ok = match g {
        2 => residue_ok(8) == 7,
        3 => residue_ok(3) == 2,
        4 => true,
        5 => matches!(residue_ok(5), 1 | 4),
        6 => matches!(residue_ok(24), 19 | 23),
        7 => matches!(residue_ok(7), 3 | 5 | 6),
        _ => return Err(CryptoError::UnsafeDhParams("g is not in 2..=7")),
    };
    if !ok {
        return Err(CryptoError::UnsafeDhParams(
            "g does not generate the prime-order subgroup",
        ));
    }
    if prime == BigUint::from_bytes_be(&TELEGRAM_DH_PRIME) {
        return Ok(());
    }
    let half = (&prime - 1u32) >> 1;
    if is_probable_prime(&prime) && is_probable_prime(&half) {
        Ok(())
    } else {
        Err(CryptoError::UnsafeDhParams("dh_prime is not a safe prime"))
    }
}

/// Checks a DH public value against `p`: `1 < value < p - 1` and
/// `2^(2048-64) <= value <= p - 2^(2048-64)`.
pub fn check_dh_value(value: &[u8], p: &[u8]) -> Result<(), CryptoError> {
    let value = BigUint::from_bytes_be(value);
    let p = BigUint::from_bytes_be(p);
    let one = BigUint::from(1u32);
    if value <= one || value >= &p - &one {
        return Err(CryptoError::DhValueOutOfRange("not in (1, p - 1)"));
    }
    let margin = BigUint::from(1u32) << (2048 - 64);
    if value < margin || p < &margin + &value {
        return Err(CryptoError::DhValueOutOfRange(
            "closer than 2^1984 to 0 or p",
        ));
    }
    Ok(())
}

/// Primes below 1000 for trial division.
fn small_primes() -> impl Iterator<Item = u32> {
    (2u32..1000).filter(|&n| {
        (2..n)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
    })
}

/// Trial division, then Miller-Rabin with bases derived from SHA-256 of `n` (deterministic, yet
/// not known in advance to whoever picked `n`).
pub(crate) fn is_probable_prime(n: &BigUint) -> bool {
    let two = BigUint::from(2u32);
    if n < &two {
        return false;
    }
    for p in small_primes() {
        if *n == BigUint::from(p) {
            return true;
        }
        if (n % p) == BigUint::ZERO {
            return false;
        }
    }
    if *n < BigUint::from(1_000_000u32) {
        return true;
    }
    let n_minus_1 = n - 1u32;
    let s = n_minus_1.trailing_zeros().unwrap_or(0);
    let d = &n_minus_1 >> s;
    let range = n - 3u32;
    let seed = n.to_bytes_be();
    // n is odd here (2 was handled by trial division), so it takes the Montgomery path; n, the
    // witnesses and d are public, hence the variable-time exponentiation.
    let Ok(modulus) = Modulus::from_biguint(n.clone()) else {
        return false;
    };
    let d = d.to_bytes_be();
    (0..MR_ROUNDS).all(|round| {
        let mut hasher = Sha256::new();
        hasher.update(&seed);
        hasher.update(round.to_be_bytes());
        let a = BigUint::from_bytes_be(&hasher.finalize()) % &range + &two;
        let mut x = modulus.pow_public_big(&a, &d);
        if x == BigUint::from(1u32) || x == n_minus_1 {
            return true;
        }
        (1..s).any(|_| {
            x = modulus.pow_public_big(&x, &[2]);
            x == n_minus_1
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn be(n: u32) -> Vec<u8> {
        n.to_be_bytes().to_vec()
    }

    /// grammers `test_check_p_and_g` pairs (VECTORS.md D): the residue rules of
    /// core.telegram.org/mtproto/auth_key and the safe-prime rule.
    #[test]
    fn vector_d_grammers_p_and_g_pairs() {
        for (p, g) in [(4, 0), (13, 0), (11, 2), (13, 3), (13, 5), (13, 6), (13, 7)] {
            assert!(
                check_p_and_g(&be(p), g).is_err(),
                "({p}, {g}) must be refused"
            );
        }
        for (p, g) in [
            (23, 2),
            (47, 3),
            (11, 4),
            (11, 5),
            (179, 5),
            (383, 6),
            (479, 7),
            (383, 7),
            (503, 7),
        ] {
            assert_eq!(check_p_and_g(&be(p), g), Ok(()), "({p}, {g}) must pass");
        }
    }

    #[test]
    fn telegram_prime_passes_both_paths() {
        assert_eq!(check_dh_params(&TELEGRAM_DH_PRIME, 3), Ok(()));
        let p = BigUint::from_bytes_be(&TELEGRAM_DH_PRIME);
        assert!(
            is_probable_prime(&p),
            "the slow path agrees the prime is prime"
        );
        assert!(is_probable_prime(&((&p - 1u32) >> 1)));
        let mut near = TELEGRAM_DH_PRIME;
        near[255] = near[255].wrapping_add(2);
        assert!(check_dh_params(&near, 3).is_err() || check_dh_params(&near, 4).is_err());
        assert!(matches!(
            check_dh_params(&near, 4),
            Err(CryptoError::UnsafeDhParams(_))
        ));
        assert!(
            check_dh_params(&TELEGRAM_DH_PRIME[1..], 3).is_err(),
            "2040 bits is too small"
        );
        assert!(check_dh_params(&TELEGRAM_DH_PRIME, 8).is_err());
    }

    #[test]
    fn dh_value_bounds() {
        let p = TELEGRAM_DH_PRIME;
        let big = BigUint::from_bytes_be(&p);
        let margin = BigUint::from(1u32) << 1984;
        let ok: [BigUint; 3] = [&margin + 1u32, &big - &margin, &big >> 1];
        for v in ok {
            assert_eq!(check_dh_value(&v.to_bytes_be(), &p), Ok(()));
        }
        let bad: [BigUint; 8] = [
            BigUint::ZERO,
            BigUint::from(1u32),
            BigUint::from(2u32),
            &margin - 1u32,
            &big - &margin + 1u32,
            &big - 1u32,
            big.clone(),
            &big + 5u32,
        ];
        for v in bad {
            assert!(matches!(
                check_dh_value(&v.to_bytes_be(), &p),
                Err(CryptoError::DhValueOutOfRange(_))
            ));
        }
    }
}
