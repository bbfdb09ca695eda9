//! The Montgomery paths against `num-bigint`'s `modpow`: random 2048- and 1024-bit numbers
//! (proptest, fixed seed), the DH prime and the test RSA modulus, and the edge cases (base 0, 1,
//! m - 1, bases at or above m, exponents 0 and 1, leading zero bytes, moduli that take the
//! fallback).

use num_bigint::BigUint;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use super::{Kind, Modulus};
use crate::CryptoError;
use crate::dh::TELEGRAM_DH_PRIME;

/// What `num-bigint` says, padded to the modulus's length like [`Modulus::pow`].
fn reference(base: &[u8], exponent: &[u8], modulus: &[u8]) -> Vec<u8> {
    let m = BigUint::from_bytes_be(modulus);
    let r = BigUint::from_bytes_be(base).modpow(&BigUint::from_bytes_be(exponent), &m);
    let bytes = r.to_bytes_be();
    let len = usize::try_from(m.bits().div_ceil(8)).unwrap();
    let mut out = vec![0; len - bytes.len()];
    out.extend_from_slice(&bytes);
    out
}

/// Both exponentiation forms agree with `num-bigint`.
fn assert_agrees(base: &[u8], exponent: &[u8], modulus: &[u8]) {
    let m = Modulus::new(modulus).unwrap();
    let want = reference(base, exponent, modulus);
    assert_eq!(m.pow(base, exponent), want, "pow");
    assert_eq!(m.pow_public(base, exponent), want, "pow_public");
}

/// A modulus of exactly `bits` bits (top bit set) that is odd.
fn odd_modulus(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes[0] |= 0x80;
    let last = bytes.len() - 1;
    bytes[last] |= 1;
    bytes
}

fn config() -> Config {
    Config {
        cases: 24,
        rng_seed: RngSeed::Fixed(0x7079_726f),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_2048_bit_values(modulus in proptest::collection::vec(any::<u8>(), 256),
                              base in proptest::collection::vec(any::<u8>(), 0..=260),
                              exponent in proptest::collection::vec(any::<u8>(), 0..=257)) {
        assert_agrees(&base, &exponent, &odd_modulus(modulus));
    }

    #[test]
    fn random_1024_bit_values(modulus in proptest::collection::vec(any::<u8>(), 128),
                              base in proptest::collection::vec(any::<u8>(), 0..=260),
                              exponent in proptest::collection::vec(any::<u8>(), 0..=129)) {
        assert_agrees(&base, &exponent, &odd_modulus(modulus));
    }

    #[test]
    fn random_values_under_telegram_prime(base in proptest::collection::vec(any::<u8>(), 256),
                                          exponent in proptest::collection::vec(any::<u8>(), 256)) {
        assert_agrees(&base, &exponent, &TELEGRAM_DH_PRIME);
    }

    #[test]
    fn odd_moduli_of_any_size_up_to_2048_bits(
        modulus in proptest::collection::vec(any::<u8>(), 1..=256),
        base in proptest::collection::vec(any::<u8>(), 0..=40),
        exponent in proptest::collection::vec(any::<u8>(), 0..=40),
    ) {
        let mut modulus = modulus;
        let last = modulus.len() - 1;
        modulus[last] |= 1;
        assert_agrees(&base, &exponent, &modulus);
    }
}

#[test]
fn edge_bases_and_exponents() {
    let p = BigUint::from_bytes_be(&TELEGRAM_DH_PRIME);
    let p_minus_1 = (&p - 1u32).to_bytes_be();
    let p_plus_1 = (&p + 1u32).to_bytes_be();
    let two_p = (&p << 1u32).to_bytes_be();
    let all_ones = [0xff; 300];
    let bases: [&[u8]; 10] = [
        &[],
        &[0],
        &[1],
        &[0, 0, 2],
        &p_minus_1,
        &TELEGRAM_DH_PRIME,
        &p_plus_1,
        &two_p,
        &all_ones[..256],
        &all_ones,
    ];
    let long = [0x96; 256];
    let exponents: [&[u8]; 8] = [
        &[],
        &[0],
        &[0; 256],
        &[1],
        &[0, 0, 1],
        &[2],
        &[1, 0, 1],
        &long,
    ];
    for base in bases {
        for exponent in exponents {
            assert_agrees(base, exponent, &TELEGRAM_DH_PRIME);
        }
    }
    let m = Modulus::new(&TELEGRAM_DH_PRIME).unwrap();
    let one = reference(&[1], &[], &TELEGRAM_DH_PRIME);
    assert_eq!(m.pow(&p_minus_1, &[2]), one, "(p-1)^2 = 1");
    assert_eq!(m.pow(&[0], &[0]), one, "0^0 = 1, as num-bigint has it");
    assert_eq!(m.pow(&[7], &[0; 3]), one);
    assert_eq!(m.pow(&TELEGRAM_DH_PRIME, &[5]), vec![0; 256], "p = 0 mod p");
}

#[test]
fn moduli_on_each_path() {
    let kind = |m: &[u8]| match Modulus::new(m).unwrap().kind {
        Kind::Limbs1(_) => 1,
        Kind::Limbs16(_) => 16,
        Kind::Limbs32(_) => 32,
        Kind::Fallback => 0,
    };
    assert_eq!(kind(&TELEGRAM_DH_PRIME), 32);
    assert_eq!(kind(&TELEGRAM_DH_PRIME[128..]), 16);
    assert_eq!(kind(&[1]), 1);
    assert_eq!(kind(&[0xff; 8]), 1);
    assert_eq!(kind(&[0x01; 9]), 16);
    assert_eq!(kind(&[0, 0, 0x0d]), 1, "leading zero bytes are ignored");
    assert_eq!(kind(&[0x10; 256]), 0, "even");
    let mut wide = vec![0x01; 257];
    wide[0] = 1;
    assert_eq!(kind(&wide), 0, "wider than 2048 bits");
    for modulus in [
        &[0x10; 256][..],
        &wide,
        &[1],
        &[2],
        &[3],
        &[0xff, 0xff, 0xff, 0xfe],
    ] {
        for base in [&[][..], &[1], &[0xab; 300], &[0x5c; 100]] {
            for exponent in [&[][..], &[1], &[0x33; 64]] {
                assert_agrees(base, exponent, modulus);
            }
        }
    }
    assert_eq!(
        Modulus::new(&[0, 0]).map(|_| ()),
        Err(CryptoError::ZeroModulus)
    );
    assert_eq!(Modulus::new(&[0x81; 256]).unwrap().byte_len(), 256);
    assert_eq!(Modulus::new(&[0, 0x81]).unwrap().byte_len(), 1);
}

/// Moduli just below a limb boundary (all ones) and just above it, where the Montgomery
/// constants and the final subtraction are most often exercised.
#[test]
fn limb_boundary_moduli() {
    for len in [8usize, 9, 120, 128, 129, 248, 255, 256] {
        let all_ones = vec![0xff; len];
        let mut just_above = vec![0; len];
        just_above[0] = 1;
        just_above[len - 1] = 1;
        for modulus in [all_ones, just_above] {
            let m = BigUint::from_bytes_be(&modulus);
            let near_top = (&m - 2u32).to_bytes_be();
            for base in [&near_top[..], &[0xff; 300], &[3]] {
                assert_agrees(base, &[0xc3; 256], &modulus);
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 48, ..config() })]

    /// The small-base form against `num-bigint` on every path: full 2048- and 1024-bit moduli
    /// (the one-limb multiplication), and any other odd size (the general fallback).
    #[test]
    fn small_base_agrees(bytes in prop_oneof![Just(256usize), Just(128), 1usize..=256],
                         modulus in proptest::collection::vec(any::<u8>(), 256),
                         g in prop_oneof![2u32..=7, any::<u32>()],
                         exponent in proptest::collection::vec(any::<u8>(), 0..=257)) {
        let modulus = odd_modulus(modulus[..bytes].to_vec());
        let m = Modulus::new(&modulus).unwrap();
        let want = reference(&g.to_be_bytes(), &exponent, &modulus);
        prop_assert_eq!(m.pow_small_base(g, &exponent), want);
    }
}

#[test]
fn small_base_under_telegram_prime() {
    let p = Modulus::new(&TELEGRAM_DH_PRIME).unwrap();
    let exponents: [&[u8]; 6] = [&[], &[0; 256], &[1], &[0xff; 256], &[0x96; 256], &[7; 255]];
    for g in [0, 1, 2, 3, 4, 5, 6, 7, 1 << 31, u32::MAX] {
        for exponent in exponents {
            let want = reference(&g.to_be_bytes(), exponent, &TELEGRAM_DH_PRIME);
            assert_eq!(p.pow_small_base(g, exponent), want, "g = {g}");
        }
    }
}
