//! Packet tests: vectors B3 and B4, every failure path, and round trips.

use super::*;
use crate::test_util::hex;
use proptest::prelude::*;

fn sequential_key() -> AuthKey {
    AuthKey::from_bytes(core::array::from_fn(|i| i as u8))
}

/// An inner plaintext: 32-byte header declaring `declared` bytes, then `body_len` bytes.
fn inner(declared: u32, body_len: usize) -> Vec<u8> {
    let mut p = vec![0x11u8; 32 + body_len];
    p[28..32].copy_from_slice(&declared.to_le_bytes());
    p
}

/// Vector B3: grammers `encrypt_client_data_v2`, Telethon v2 `test_encrypt_client_data_v2`, gotd
/// `TestEncrypt`; the padding is grammers' 19 zero bytes, injected.
#[test]
fn vector_b3_client_encryption() {
    let plaintext = b"Hello, world! This data should remain secure!";
    let out = encrypt(&sequential_key(), Sender::Client, plaintext, &[0; 19]).unwrap();
    let expected = hex(concat!(
        "32d1586ea457dfc8a81729d46db54019a2bfd7f744f9b96c4f716cfdc4477db2a2c15f6ddb85235fb9552f1d8407c6aa",
        "ea00cc844c5a1bf6ac44b79b5edc2a23868b3d6073a590992c0f2975243d563ea180d218ee757c9a"
    ));
    assert_eq!(out, expected);
    let mut padded = plaintext.to_vec();
    padded.extend_from_slice(&[0; 19]);
    assert_eq!(
        msg_key_v2(&sequential_key(), Sender::Client, &padded).to_vec(),
        hex("a81729d46db54019a2bfd7f744f9b96c")
    );
}

const B4_KEY: &str = concat!(
    "5d2e7d65f49ec28bd029a88761ea27b8a4c79f12226525443e7d7c596ef3303530db2107e89aa997c7a0164ab694187adeff156bd6ef7118a1962347753c0e7e",
    "89a0354b8ec364f9997e71bc6923fb86e8e43491e010606a6ce845e2fa01940977ef0aa32adf5a97dbf6d428ec0434d717a2d3ad19622cc05887642113c7965f",
    "fb862a3e3ccb0ab95addda57f89245dbd76b492348f8e94bd5a7c0e0b84808523cfd1ea80b32fe9ad198bc2e103fceb7d52492ecc0273a28674bc923eee59265",
    "ab17a002df1f4aa2c59b819a5e5e1d105ec117336f5c76c6b187037d4b4270cee9cc21071d97e9bca220c6d7b01b998cf2e5cdb9a50ecda1852a36e635690c8e"
);
const B4_PACKET: &str = concat!(
    "7a7183c2c10e4f4df945fa9a9abd35e7c3840b61f045304f39674c19c0e209784f50f6226a073529d675c92cbf0bfa8c99a79b3f39c72a5d9a026d431ab7407c",
    "a04ecc55187d6c45f17871524edd90cea02ed728e14d7cb18aea2a636158f09459a9437710d894c79f368c4e8164b7647ea98612aefe942c5d92121acb8db02d",
    "ccceb66d0f8720ac12a06db0582bfd955be34f365118e3bab8cd080ce6b45b28eac56dcd2a29374e"
);
const B4_PLAIN: &str = concat!(
    "fc826a02248b28fd60f2c4822443ad6801f0c1c2918b305e0200000058000000dcf8f1730200000001a8c1c2918b305e010000001c0000000809c29ec4fd33ad",
    "918b305e18a88ea607ee5816fc826a02248b28fd01ccc1c2918b305e0200000014000000c5737734c4fd33ad918b305e6408300000000000fce66704a3cd8ee9",
    "d0ae6fab672c60c04a3f1fd4490e51f6"
);

fn b4_key() -> AuthKey {
    AuthKey::from_bytes(hex(B4_KEY).try_into().unwrap())
}

/// Vector B4: a real server message recorded on 2020-01-28 (grammers `decrypt_server_data_v2`,
/// Telethon v2, gotd `TestDecrypt`). The returned plaintext stops before the 24 padding bytes.
#[test]
fn vector_b4_real_server_message() {
    let mut packet = hex(B4_PACKET);
    let plain = decrypt_in_place(&b4_key(), Sender::Server, &mut packet).unwrap();
    let expected = hex(B4_PLAIN);
    assert_eq!(plain.len(), 32 + 0x58);
    assert_eq!(plain, &expected[..120]);
    assert_eq!(
        packet[HEADER_LEN..],
        expected[..],
        "the buffer holds the padded plaintext"
    );
    // The same packet read as client-sent uses other key bytes, so msg_key cannot match.
    let mut packet = hex(B4_PACKET);
    assert_eq!(
        decrypt_in_place(&b4_key(), Sender::Client, &mut packet),
        Err(CryptoError::MsgKeyMismatch)
    );
}

#[test]
fn every_decrypt_failure_has_its_error() {
    let key = sequential_key();
    let good = encrypt(&key, Sender::Server, &inner(4, 4), &[7; 12]).unwrap();
    assert_eq!(decrypt(&key, Sender::Server, &good).unwrap(), inner(4, 4));

    assert_eq!(
        decrypt(&key, Sender::Server, &good[..71]),
        Err(CryptoError::PacketTooShort { len: 71, min: 72 })
    );
    let mut ragged = good.clone();
    ragged.push(0);
    assert_eq!(
        decrypt(&key, Sender::Server, &ragged),
        Err(CryptoError::PacketNotBlockAligned { len: 49 })
    );
    let mut wrong_id = good.clone();
    wrong_id[0] ^= 1;
    assert!(matches!(
        decrypt(&key, Sender::Server, &wrong_id),
        Err(CryptoError::AuthKeyIdMismatch { .. })
    ));
    for flip in [8, 30, good.len() - 1] {
        let mut tampered = good.clone();
        tampered[flip] ^= 0x80;
        assert_eq!(
            decrypt(&key, Sender::Server, &tampered),
            Err(CryptoError::MsgKeyMismatch),
            "byte {flip}"
        );
    }
    let cases = [
        (
            inner(6, 4),
            CryptoError::BadMessageLength {
                declared: 6,
                plaintext: 48,
            },
        ),
        (
            inner(20, 4),
            CryptoError::BadMessageLength {
                declared: 20,
                plaintext: 48,
            },
        ),
        (
            inner(u32::MAX - 3, 4),
            CryptoError::BadMessageLength {
                declared: u32::MAX - 3,
                plaintext: 48,
            },
        ),
        (inner(8, 4), CryptoError::BadPadding { len: 8 }),
        (inner(4, 1104), CryptoError::BadPadding { len: 1116 }),
    ];
    for (plain, want) in cases {
        let pad = padding_len(plain.len(), 0);
        let packet = encrypt(&key, Sender::Server, &plain, &vec![0; pad]).unwrap();
        assert_eq!(decrypt(&key, Sender::Server, &packet), Err(want));
    }
    // 16 bytes of padding (more than the minimal 12..=27 choice) is still valid.
    let packet = encrypt(&key, Sender::Server, &inner(0, 0), &[0; 16]).unwrap();
    assert_eq!(decrypt(&key, Sender::Server, &packet).unwrap(), inner(0, 0));
}

#[test]
fn encrypt_rejects_bad_padding_and_missing_headroom() {
    let key = sequential_key();
    for (len, pad) in [(36, 11), (36, 13), (36, 1036), (4, 1036)] {
        assert_eq!(
            encrypt(&key, Sender::Client, &vec![0; len], &vec![0; pad]),
            Err(CryptoError::InvalidPadding {
                plaintext: len,
                padding: pad
            })
        );
    }
    let mut short = vec![0u8; 23];
    assert_eq!(
        encrypt_in_place(&key, Sender::Client, &mut short, &[0; 12]),
        Err(CryptoError::MissingHeadroom {
            len: 23,
            needed: 24
        })
    );
}

#[test]
fn padding_len_rules() {
    for len in 0..200 {
        for extra in [0, 1, 5, 1000] {
            let pad = padding_len(len, extra);
            assert!(
                (MIN_PADDING..=MAX_PADDING).contains(&pad),
                "{len} {extra} -> {pad}"
            );
            assert_eq!((len + pad) % 16, 0);
        }
        assert!(padding_len(len, 0) < 28);
    }
}

#[test]
fn v1_round_trip_and_failures() {
    let key = sequential_key();
    let plain = inner(16, 16);
    let packet = encrypt_v1(&key, Sender::Client, &plain, &[]).unwrap();
    assert_eq!(packet[8..24], msg_key_v1(&plain));
    assert_eq!(decrypt_v1(&key, Sender::Client, &packet).unwrap(), plain);
    let mut tampered = packet.clone();
    tampered[30] ^= 1;
    assert!(decrypt_v1(&key, Sender::Client, &tampered).is_err());
    assert!(
        decrypt_v1(&key, Sender::Server, &packet).is_err(),
        "other direction's keys"
    );
    let mut wrong_id = packet.clone();
    wrong_id[7] ^= 1;
    assert!(matches!(
        decrypt_v1(&key, Sender::Client, &wrong_id),
        Err(CryptoError::AuthKeyIdMismatch { .. })
    ));
    assert!(matches!(
        encrypt_v1(&key, Sender::Client, &plain, &[0; 16]),
        Err(CryptoError::InvalidPadding { .. })
    ));
    let plain = inner(4, 4);
    let packet = encrypt_v1(&key, Sender::Client, &plain, &[9; 12]).unwrap();
    assert_eq!(decrypt_v1(&key, Sender::Client, &packet).unwrap(), plain);
}

proptest! {
    #[test]
    fn round_trip_random(body in proptest::collection::vec(any::<u8>(), 0..2000),
                         extra in 0usize..70, seed in any::<u8>(), server in any::<bool>()) {
        let key = AuthKey::from_bytes([seed; 256]);
        let sender = if server { Sender::Server } else { Sender::Client };
        let body_len = body.len() / 4 * 4;
        let mut plain = inner(body_len as u32, 0);
        plain.extend_from_slice(&body[..body_len]);
        let pad = padding_len(plain.len(), extra);
        let padding: Vec<u8> = (0..pad).map(|i| i as u8 ^ seed).collect();
        let packet = encrypt(&key, sender, &plain, &padding).unwrap();
        prop_assert_eq!(packet.len(), HEADER_LEN + plain.len() + pad);
        prop_assert_eq!(decrypt(&key, sender, &packet).unwrap(), plain);
    }

    #[test]
    fn arbitrary_packets_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let key = sequential_key();
        let mut packet = bytes.clone();
        packet[..8.min(bytes.len())].copy_from_slice(&key.id_bytes()[..8.min(bytes.len())]);
        prop_assert!(decrypt(&key, Sender::Server, &packet).is_err());
        prop_assert!(decrypt_v1(&key, Sender::Server, &packet).is_err());
    }
}
