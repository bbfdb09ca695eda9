//! IGE tests: vectors A1-A3 and the AES-NI path against the portable one.

use super::*;
use crate::test_util::hex;
use proptest::prelude::*;

fn arr<const N: usize>(s: &str) -> [u8; N] {
    hex(s).try_into().unwrap()
}

const SEQ32: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

fn both(key: &[u8; 32]) -> [Aes256Ige; 2] {
    [Aes256Ige::new(key), Aes256Ige::portable(key)]
}

/// Vector A1: grammers `verify_ige_encryption` / `verify_ige_decryption` (also Telethon v2).
#[test]
fn vector_a1_grammers() {
    for cipher in both(&arr(SEQ32)) {
        let mut data = hex(SEQ32);
        cipher.encrypt(&mut arr(SEQ32), &mut data).unwrap();
        assert_eq!(
            data,
            hex("e28112a53e5c89c7b1ea8071c133699fd4e86b26c4bac9fc5af1ab8ce27a44a4")
        );
        let mut data = hex(SEQ32);
        cipher.decrypt(&mut arr(SEQ32), &mut data).unwrap();
        assert_eq!(
            data,
            hex("e5777afacd7b2c16f7ac40cae61ef603fee6098fb8a8860ab9ee672cd7e5bacc")
        );
    }
}

/// Vector A2: Telethon v1 `telethon_tests/test_crypto.py` (read from commit `730cf319^`).
#[test]
fn vector_a2_telethon_v1() {
    let key = arr("d1f44d58790cf82f7a2ce9f9a41704d943c9ab6181f3f8ddcb0c3692011fc279");
    let iv = arr("3a02917890446aa6039043089e4058b545ff7779f31cdedefb6f8d6dd6652e5a");
    let cipher_text = hex("57d1ed2701a663c3cbefaae51d1a5b1bdfcd491f3e5a0a09b9d23dba46d18e27");
    for cipher in both(&key) {
        let mut data = b"My len is more uniform, promise!".to_vec();
        cipher.encrypt(&mut iv.clone(), &mut data).unwrap();
        assert_eq!(data, cipher_text);
        cipher.decrypt(&mut iv.clone(), &mut data).unwrap();
        assert_eq!(data, b"My len is more uniform, promise!");
    }
}

/// Vector A3: OpenSSL `test/igetest.c` AES-128-IGE vectors (Ben Laurie's IGE paper), run through
/// the portable path with AES-128 to check the mode's wiring and IV convention.
#[test]
fn vector_a3_openssl_aes128() {
    use aes::Aes128;
    let cipher = Aes128::new(&Array::from(arr::<16>("000102030405060708090a0b0c0d0e0f")));
    let mut data = vec![0u8; 32];
    portable::encrypt(&cipher, &mut arr(SEQ32), &mut data);
    assert_eq!(
        data,
        hex("1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb")
    );

    let cipher = Aes128::new(&Array::from(*b"This is an imple"));
    let mut data = b"L. Let's hope Ben got it right!\n".to_vec();
    let mut iv = *b"mentation of IGE mode for OpenSS";
    portable::decrypt(&cipher, &mut iv, &mut data);
    assert_eq!(
        data,
        hex("99706487a1cde613bc6de0b6f24b1c7aa448c8b9c3403e3467a8cad89340f53b")
    );
}

#[test]
fn ragged_lengths_are_a_typed_error() {
    let cipher = Aes256Ige::new(&[0; 32]);
    let mut iv = [7; 32];
    let mut data = [1u8; 17];
    assert_eq!(
        cipher.encrypt(&mut iv, &mut data),
        Err(CryptoError::NotBlockAligned { len: 17 })
    );
    assert_eq!(
        cipher.decrypt(&mut iv, &mut data[..15]),
        Err(CryptoError::NotBlockAligned { len: 15 })
    );
    assert_eq!(
        (iv, data),
        ([7; 32], [1; 17]),
        "a rejected call must not touch its inputs"
    );
    assert_eq!(
        encrypt(&[0; 32], &iv, &mut data[..1]),
        Err(CryptoError::NotBlockAligned { len: 1 })
    );
    assert!(decrypt(&[0; 32], &iv, &mut []).is_ok());
}

#[test]
fn chain_matches_between_paths() {
    let key = arr(SEQ32);
    let [fast, slow] = both(&key);
    for count in [0, 1, 2, 17] {
        let mut a = [5u8; 16];
        let mut b = [5u8; 16];
        fast.encrypt_chain(&mut a, count);
        slow.encrypt_chain(&mut b, count);
        assert_eq!(a, b, "count {count}");
    }
}

proptest! {
    #[test]
    fn paths_agree_and_round_trip(key in proptest::array::uniform32(any::<u8>()),
                                  iv in proptest::array::uniform32(any::<u8>()),
                                  blocks in proptest::collection::vec(proptest::array::uniform16(any::<u8>()), 0..40),
                                  cut in 0usize..40) {
        let plain: Vec<u8> = blocks.concat();
        let [fast, slow] = both(&key);
        let (mut a, mut b) = (plain.clone(), plain.clone());
        let (mut iv_a, mut iv_b) = (iv, iv);
        fast.encrypt(&mut iv_a, &mut a).unwrap();
        slow.encrypt(&mut iv_b, &mut b).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(iv_a, iv_b);

        // Streaming: two calls with the carried IV equal one call.
        let cut = (cut.min(blocks.len())) * 16;
        let mut c = plain.clone();
        let mut iv_c = iv;
        let (head, tail) = c.split_at_mut(cut);
        fast.encrypt(&mut iv_c, head).unwrap();
        fast.encrypt(&mut iv_c, tail).unwrap();
        prop_assert_eq!(&c, &a);

        let mut iv_d = iv;
        fast.decrypt(&mut iv_d, &mut a).unwrap();
        let mut iv_e = iv;
        slow.decrypt(&mut iv_e, &mut b).unwrap();
        prop_assert_eq!(&a, &plain);
        prop_assert_eq!(&b, &plain);
        prop_assert_eq!(iv_d, iv_e);
    }
}
