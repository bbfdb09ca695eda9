//! Vector C2 of `shared/vectors/VECTORS.md`: the key exchange recorded against Telegram's test
//! DC 2 (grammers `emulate_successful_auth_key_gen_flow`; Telethon v2 `authentication_test.py`),
//! replayed through the client typestate with the recorded randomness. The client sends the old
//! `p_q_inner_data#83c95aec` under RSA_PAD to the test-DC key, as grammers did.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod handshake_support;

use handshake_support::{arr, c2, hex};
use pyro_mtproto_crypto::CryptoError;
use pyro_mtproto_crypto::handshake::*;
use pyro_mtproto_crypto::rsa::RsaPublicKey;

fn legacy_inner_pad() -> ClientOptions {
    ClientOptions {
        inner: InnerDataKind::legacy(),
        scheme: RsaScheme::Pad,
    }
}

#[test]
fn vector_c2_recorded_exchange_is_replayed_byte_for_byte() {
    let keys = [RsaPublicKey::production(), RsaPublicKey::test_dc()];
    let (step1, client) = ClientStep1::new(legacy_inner_pad()).start(arr(c2::STEP1_RANDOM));
    assert_eq!(step1, hex(c2::STEP1_REQUEST), "req_pq_multi");

    let (step2, client) = client
        .handle(&hex(c2::STEP1_RESPONSE), &arr(c2::STEP2_RANDOM), &keys)
        .unwrap();
    assert_eq!(step2, hex(c2::STEP2_REQUEST), "req_DH_params");

    let (step3, client) = client
        .handle(&hex(c2::STEP2_RESPONSE), &arr(c2::STEP3_RANDOM), c2::NOW)
        .unwrap();
    assert_eq!(step3, hex(c2::STEP3_REQUEST), "set_client_DH_params");

    let ClientDhOutcome::Done(done) = client.handle(&hex(c2::STEP3_RESPONSE)).unwrap() else {
        panic!("the recorded answer is dh_gen_ok");
    };
    assert_eq!(
        done.auth_key.as_bytes().to_vec(),
        hex(c2::EXPECTED_AUTH_KEY)
    );
    assert_eq!(done.auth_key.id_bytes().to_vec(), hex(c2::AUTH_KEY_ID));
    assert_eq!(done.first_salt, c2::FIRST_SALT);
    assert_eq!(done.time_offset, 0);
}

/// The same recording with the client's clock 25 s behind: only the offset changes.
#[test]
fn vector_c2_clock_offset_follows_the_injected_clock() {
    let keys = [RsaPublicKey::test_dc()];
    let (_, client) = ClientStep1::new(legacy_inner_pad()).start(arr(c2::STEP1_RANDOM));
    let (_, client) = client
        .handle(&hex(c2::STEP1_RESPONSE), &arr(c2::STEP2_RANDOM), &keys)
        .unwrap();
    let (step3, client) = client
        .handle(
            &hex(c2::STEP2_RESPONSE),
            &arr(c2::STEP3_RANDOM),
            c2::NOW - 25,
        )
        .unwrap();
    assert_eq!(step3, hex(c2::STEP3_REQUEST));
    let ClientDhOutcome::Done(done) = client.handle(&hex(c2::STEP3_RESPONSE)).unwrap() else {
        panic!("dh_gen_ok");
    };
    assert_eq!(done.time_offset, 25);
}

/// Without the test-DC key the client cannot answer the recorded resPQ.
#[test]
fn vector_c2_without_the_test_key_the_fingerprint_is_unknown() {
    let (_, client) = ClientStep1::new(legacy_inner_pad()).start(arr(c2::STEP1_RANDOM));
    let err = client
        .handle(
            &hex(c2::STEP1_RESPONSE),
            &arr(c2::STEP2_RANDOM),
            &[RsaPublicKey::production()],
        )
        .unwrap_err();
    // The recorded resPQ offers three fingerprints, the test-DC key's first.
    let CryptoError::Handshake(HandshakeError::UnknownFingerprint(offered)) = err else {
        panic!("expected UnknownFingerprint, got {err:?}");
    };
    assert_eq!(offered.len(), 3);
    assert_eq!(offered[0], -5_595_554_452_916_591_101);
}
