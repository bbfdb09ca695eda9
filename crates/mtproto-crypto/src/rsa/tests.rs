//! RSA tests: fingerprints (C3/H), RSA_PAD vectors (C3), server-side decryption, legacy scheme.

use super::*;
use crate::test_util::hex;

const SERVER_KEY: &str = include_str!("../../tests/data/test_server_key.pem");

/// Vector C3/H: production and test-DC fingerprints (Telethon v2 `rsa_test.py`, recomputed).
#[test]
fn vector_c3_fingerprints() {
    assert_eq!(
        RsaPublicKey::production().fingerprint(),
        -3_414_540_481_677_951_611
    );
    assert_eq!(
        RsaPublicKey::test_dc().fingerprint(),
        -5_595_554_452_916_591_101
    );
    assert_eq!(
        RsaPublicKey::production()
            .fingerprint()
            .to_le_bytes()
            .to_vec(),
        hex("85fd64de851d9dd0")
    );
    // The test key's modulus starts 25342889... and ends ...32949 in decimal (VECTORS.md C2).
    let n = BigUint::from_bytes_be(&RsaPublicKey::test_dc().modulus()).to_string();
    assert!(n.starts_with("25342889") && n.ends_with("32949"));
}

/// The SPKI form of the production key parses to the same key as the PKCS#1 form.
#[test]
fn spki_and_pkcs1_agree() {
    let spki = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA6LszBcC1LGzyr992NzE0
ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9k
rM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO62cECs5HKhT5DZ98K33vmWiLowc621dQ
uwKWSQKjWf50XYFw42h21P2KXUGyp2y/+aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5
gpYc397aYp438fsJoHIgJ2lgMv5h7WY9t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRU
hebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP
8wIDAQAB
-----END PUBLIC KEY-----";
    assert_eq!(
        RsaPublicKey::from_pem(spki).unwrap(),
        RsaPublicKey::production()
    );
    assert_eq!(
        RsaPublicKey::production().to_pkcs1_pem().unwrap(),
        PRODUCTION_KEY_PEM
    );
    assert!(matches!(
        RsaPublicKey::from_pem("junk"),
        Err(CryptoError::RsaKey(_))
    ));
}

const C3_DATA: &str = concat!(
    "955ff5a9081a8e635f5743de9b00000004453dc27100000004622f1fcb000000f7a81627bbf511fa4afef71e94a0937474586c1add9198dda81a5df8393871c8",
    "293623c5fb968894af1be7dfe9c7be813f9307789242fd0cb0c16a5cb39a8d3e"
);
const C3_RANDOM: &str = concat!(
    "12270000635593b03fee033d0672f9afddf9124de9e77df6251806cba93482e4c9e6e06e7d44e4c4baae821aff91af44789689faaee9bdfc7b2df8c08709afe5",
    "7396c4638ceaa0dc30114f82447e81d3b53edc423b32660c43a5b8ad057b64500000000000000000000000000000000000000000000000000000000000000000",
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "7dada0920c4973913229e0f881aec7b9db0c392d34f52fb0995ea493ecb4c09d"
);

/// Vector C3, grammers `rsa.rs` `test_rsa_encryption` (retry = temp_key + 1, big-endian).
#[test]
fn vector_c3_grammers_rsa_pad() {
    let random: [u8; 224] = hex(C3_RANDOM).try_into().unwrap();
    let out = RsaPublicKey::test_dc()
        .encrypt_pad_seeded(&hex(C3_DATA), &random)
        .unwrap();
    let expected = hex(concat!(
        "b610642a828b4a61fe32931815cae318d311660580f1e0df768f3140f4d37dfcfcac0c2870318de4ff2d2e0e9669bcfdc0bad06cadb1b59d9726b427368a9c7b",
        "4fc0d5e7b2e99fc571968705c03acf5341fd7021bef653fa77b3776ae430e366fc46d232459ebe128b08d80e049ae579a48b56ca93b520709468587c81af9666",
        "6046e9ea85091d729e921e8d8a36f57b27644052dae7387c7f4131701d59cda75251dac66c94276280ef950d3c44c21e5a2454f7da7a6818cf23ae9c490b72b2",
        "170d7cbc24f8a93db739d76f2d241c78b80123faaff3e664f074d6375d794dbf2800a0b5bb48d54eceafedfb355bfbebd287d9023264e3b53627888250787a9e"
    ));
    assert_eq!(out.to_vec(), expected);
}

/// Vector C3, Telethon v2 `rsa_test.py` (retry takes the next 32 random bytes as temp_key).
#[test]
fn vector_c3_telethon_rsa_pad() {
    let mut random = hex(C3_RANDOM);
    random.extend(hex(
        "aaf68fe9554ec7a59c03e4035952b220b47a8d06aad71134110d8c44948901f8",
    ));
    let mut keys = random[192..]
        .chunks_exact(32)
        .map(|k| <[u8; 32]>::try_from(k).unwrap());
    let out = RsaPublicKey::test_dc()
        .encrypt_pad(&hex(C3_DATA), &random[..192], || {
            keys.next().unwrap_or([0; 32])
        })
        .unwrap();
    let expected = hex(concat!(
        "c6d211349fc10cda6983276250b09f4be9b39f533b5d314b732b51a6dd72234dab4224209992c894e0e4c9f30249f1dbbd1630a27b98f2f92a53c00baabbd46f",
        "380bd35f417e5ec2edb43f7644b5c81af011d736eb369265e848b553ae5e6350dd5695efc72bde0e35f3c3fc827b91eb97cf1efdbff12269b9c33f81645adebc",
        "89ed167edc19d285237a754bf629aa358ed08498863b2aec8b7139001627bbe8bdef239474a5a43e664d278f39e72d694a206d7b838fd40868a71c4bfbffa38b",
        "7679faa502b7795cbe5ae1bd05ca7eb01ff5b05107265fd39bd5b4e19d392b735a3b0b5b21473062981bff86ff9084a7b594775e3127c05fd454e19f794a4ab4"
    ));
    assert_eq!(out.to_vec(), expected);
}

#[test]
fn server_decrypts_rsa_pad_and_rejects_forgeries() {
    let server = RsaPrivateKey::from_pkcs1_pem(SERVER_KEY).unwrap();
    let public = RsaPublicKey::from_pem(&server.public_key().to_pkcs1_pem().unwrap()).unwrap();
    assert_eq!(&public, server.public_key());
    let data = hex(C3_DATA);
    let random: [u8; 224] = core::array::from_fn(|i| (i * 7) as u8);
    let sealed = public.encrypt_pad_seeded(&data, &random).unwrap();
    let opened = server.decrypt_pad(&sealed).unwrap();
    assert_eq!(opened[..96], data[..]);
    assert_eq!(opened[96..], random[..96]);

    let mut forged = sealed;
    forged[200] ^= 1;
    assert!(matches!(
        server.decrypt_pad(&forged),
        Err(CryptoError::BadRsaCiphertext(_))
    ));
    assert!(matches!(
        server.decrypt_pad(&[0xff; 256]),
        Err(CryptoError::BadRsaCiphertext(_))
    ));
    assert!(matches!(
        server.decrypt_pad(&[1; 257]),
        Err(CryptoError::BadRsaCiphertext(_))
    ));
    assert!(matches!(
        public.encrypt_pad(&[0; 145], &[0; 192], || [0; 32]),
        Err(CryptoError::RsaDataTooLong { len: 145, max: 144 })
    ));
    assert!(matches!(
        public.encrypt_pad(&[0; 100], &[0; 91], || [0; 32]),
        Err(CryptoError::NotEnoughRandom {
            got: 91,
            needed: 92
        })
    ));
}

#[test]
fn legacy_scheme_round_trip() {
    let server = RsaPrivateKey::from_pkcs1_pem(SERVER_KEY).unwrap();
    let data = b"p_q_inner_data in the old scheme".to_vec();
    let sealed = server
        .public_key()
        .encrypt_legacy(&data, &[0x42; 235])
        .unwrap();
    let block = server.decrypt_legacy(&sealed).unwrap();
    assert_eq!(block.verified(data.len()).unwrap(), &data[..]);
    assert!(block.verified(data.len() - 1).is_err());
    assert!(block.verified(236).is_err());
    assert_eq!(block.payload().len(), 235);
    assert!(matches!(
        server.public_key().encrypt_legacy(&[0; 236], &[]),
        Err(CryptoError::RsaDataTooLong { len: 236, max: 235 })
    ));
    assert!(RsaPrivateKey::from_pkcs1_pem(PRODUCTION_KEY_PEM).is_err());
}
