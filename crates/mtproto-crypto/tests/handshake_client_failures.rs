//! Every way the server's answers can be wrong, as the client sees them: each gives its typed
//! error and none panics. Crafted answers are sealed with the exchange's temporary AES key,
//! which the test can derive because it injected the client's `new_nonce`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod handshake_support;

use handshake_support::{
    AtDhParams, CLIENT_NOW, reseal, run_to_dh_params, seal, seeded, server_keys, unseal,
};
use num_bigint::BigUint;
use pyro_mtproto_crypto::CryptoError;
use pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME;
use pyro_mtproto_crypto::handshake::*;
use pyro_tl_types::mtproto::{enums, functions, types};
use pyro_tl_types::{Cursor, Deserializable, Serializable};

fn options() -> ClientOptions {
    ClientOptions::permanent(2)
}

fn hs(e: HandshakeError) -> Result<(), CryptoError> {
    Err(CryptoError::Handshake(e))
}

/// The client's verdict on a `server_DH_params` body.
fn on_dh_params(at: &AtDhParams, body: &[u8]) -> Result<(), CryptoError> {
    at.client
        .clone()
        .handle(body, &seeded(1, "step3"), CLIENT_NOW)
        .map(|_| ())
}

/// The genuine `server_DH_inner_data` of `at`.
fn genuine_inner(at: &AtDhParams) -> types::ServerDhInnerData {
    let enums::ServerDhParams::Ok(ok) =
        enums::ServerDhParams::from_bytes(&at.server_dh_params).unwrap()
    else {
        panic!("server_DH_params_ok");
    };
    let plain = unseal(at, &ok.encrypted_answer);
    let enums::ServerDhInnerData::ServerDhInnerData(inner) =
        enums::ServerDhInnerData::deserialize(&mut Cursor::new(&plain[20..])).unwrap();
    *inner
}

/// `server_DH_params_ok` around an encrypted answer.
fn dh_params_ok(at: &AtDhParams, encrypted_answer: Vec<u8>) -> Vec<u8> {
    enums::ServerDhParams::from(types::ServerDhParamsOk {
        nonce: at.nonce,
        server_nonce: at.server_nonce,
        encrypted_answer,
    })
    .to_bytes()
}

/// `server_DH_params_ok` carrying `inner`, properly sealed.
fn crafted(at: &AtDhParams, inner: types::ServerDhInnerData) -> Vec<u8> {
    dh_params_ok(at, seal(at, &enums::ServerDhInnerData::from(inner), 0))
}

#[test]
fn res_pq_failures() {
    let (req_pq, client) = ClientStep1::new(options()).start([1; 16]);
    let server = ServerStart::new([2; 16], PqPair::known(0));
    let (res_pq, _) = server.handle(&req_pq, server_keys()).unwrap();
    let known: Vec<_> = server_keys()
        .iter()
        .map(|k| k.public_key().clone())
        .collect();
    let step = |body: &[u8], keys: &[_]| {
        client
            .clone()
            .handle(body, &[3; STEP2_RANDOM], keys)
            .map(|_| ())
    };
    let mut wrong_nonce = res_pq.clone();
    wrong_nonce[4] ^= 1;
    assert_eq!(step(&wrong_nonce, &known), hs(HandshakeError::WrongNonce));
    let fp = server_keys()[0].public_key().fingerprint();
    assert_eq!(
        step(&res_pq, &[]),
        hs(HandshakeError::UnknownFingerprint(vec![fp]))
    );
    assert!(matches!(
        step(&req_pq, &known),
        Err(CryptoError::Handshake(
            HandshakeError::UnexpectedConstructor {
                id: 0xbe7e_8ef1,
                ..
            }
        ))
    ));
    let with_pq = |pq: Vec<u8>| {
        enums::ResPq::from(types::ResPq {
            nonce: [1; 16],
            server_nonce: [2; 16],
            pq,
            server_public_key_fingerprints: vec![fp],
        })
        .to_bytes()
    };
    assert_eq!(
        step(&with_pq(vec![1; 9]), &known),
        hs(HandshakeError::BadPq(9))
    );
    assert_eq!(
        step(&with_pq(vec![0, 0, 0, 13]), &known),
        Err(CryptoError::PqNotFactorable(13))
    );
    let mut trailing = res_pq.clone();
    trailing.push(0);
    assert!(matches!(
        step(&trailing, &known),
        Err(CryptoError::Handshake(HandshakeError::Decode(_)))
    ));
}

#[test]
fn server_dh_params_nonce_hash_and_padding_failures() {
    let at = run_to_dh_params(11, options());
    assert!(on_dh_params(&at, &at.server_dh_params).is_ok());
    let mut outer = at.server_dh_params.clone();
    outer[4] ^= 1;
    assert_eq!(on_dh_params(&at, &outer), hs(HandshakeError::WrongNonce));
    let mut outer = at.server_dh_params.clone();
    outer[20] ^= 1;
    assert_eq!(
        on_dh_params(&at, &outer),
        hs(HandshakeError::WrongServerNonce)
    );

    let inner = genuine_inner(&at);
    let wrong = types::ServerDhInnerData {
        nonce: [0; 16],
        ..inner.clone()
    };
    assert_eq!(
        on_dh_params(&at, &crafted(&at, wrong)),
        hs(HandshakeError::WrongNonce)
    );
    let wrong = types::ServerDhInnerData {
        server_nonce: [0; 16],
        ..inner.clone()
    };
    assert_eq!(
        on_dh_params(&at, &crafted(&at, wrong)),
        hs(HandshakeError::WrongServerNonce)
    );

    let ok = enums::ServerDhParams::from_bytes(&at.server_dh_params).unwrap();
    let enums::ServerDhParams::Ok(ok) = ok else {
        panic!()
    };
    for flip in [0, 19, 20 + 50] {
        let mut plain = unseal(&at, &ok.encrypted_answer);
        plain[flip] ^= 0x80;
        let body = dh_params_ok(&at, reseal(&at, plain));
        assert_eq!(
            on_dh_params(&at, &body),
            hs(HandshakeError::BadAnswerHash),
            "byte {flip}"
        );
    }
    let padded = seal(&at, &enums::ServerDhInnerData::from(inner), 16);
    assert!(matches!(
        on_dh_params(&at, &dh_params_ok(&at, padded)),
        Err(CryptoError::Handshake(HandshakeError::BadAnswerPadding(n))) if n >= 16
    ));
    for len in [0, 15, 17] {
        let body = dh_params_ok(&at, ok.encrypted_answer[..len].to_vec());
        assert_eq!(
            on_dh_params(&at, &body),
            hs(HandshakeError::BadAnswerLength(len))
        );
    }
}

#[test]
fn server_group_failures() {
    let at = run_to_dh_params(12, options());
    let inner = genuine_inner(&at);
    let check = |inner: types::ServerDhInnerData| on_dh_params(&at, &crafted(&at, inner));
    assert_eq!(check(inner.clone()), Ok(()));
    assert_eq!(
        check(types::ServerDhInnerData {
            g: 2,
            ..inner.clone()
        }),
        hs(HandshakeError::BadG(2))
    );
    assert_eq!(
        check(types::ServerDhInnerData {
            g: 9,
            ..inner.clone()
        }),
        hs(HandshakeError::BadG(9))
    );
    let p = BigUint::from_bytes_be(&TELEGRAM_DH_PRIME);
    // p + 6 keeps the residue g = 3 needs but is not prime; a shorter prime is refused too.
    for dh_prime in [(&p + 6u32).to_bytes_be(), TELEGRAM_DH_PRIME[1..].to_vec()] {
        let bad = types::ServerDhInnerData {
            dh_prime,
            ..inner.clone()
        };
        assert_eq!(check(bad), hs(HandshakeError::BadDhPrime));
    }
    let margin: BigUint = BigUint::from(1u32) << 1984;
    for g_a in [
        vec![1],
        vec![2],
        (&margin - 1u32).to_bytes_be(),
        (&p - &margin + 1u32).to_bytes_be(),
        (&p - 1u32).to_bytes_be(),
        TELEGRAM_DH_PRIME.to_vec(),
    ] {
        let bad = types::ServerDhInnerData {
            g_a,
            ..inner.clone()
        };
        assert_eq!(
            check(bad),
            hs(HandshakeError::DhValueOutOfRange(DhValue::Ga))
        );
    }
}

#[test]
fn server_dh_params_fail_is_checked() {
    let at = run_to_dh_params(13, options());
    let hash = |new_nonce: &[u8]| -> [u8; 16] {
        use sha1::{Digest, Sha1};
        Sha1::digest(new_nonce)[4..].try_into().unwrap()
    };
    let fail = |new_nonce_hash| {
        enums::ServerDhParams::from(types::ServerDhParamsFail {
            nonce: at.nonce,
            server_nonce: at.server_nonce,
            new_nonce_hash,
        })
        .to_bytes()
    };
    let good = fail(hash(&at.step2_random[..32]));
    assert_eq!(on_dh_params(&at, &good), hs(HandshakeError::DhParamsFail));
    assert_eq!(
        on_dh_params(&at, &fail([0; 16])),
        hs(HandshakeError::BadNewNonceHash(0))
    );
}

#[test]
fn dh_gen_answers_retry_fail_and_hashes() {
    let at = run_to_dh_params(14, options());
    let (set_dh, client) = at
        .client
        .clone()
        .handle(&at.server_dh_params, &seeded(14, "b"), CLIENT_NOW)
        .unwrap();
    let candidate = at.server.clone().handle(&set_dh).unwrap();

    // dh_gen_ok with a wrong hash, a wrong nonce, garbage.
    let (ok, _) = candidate.clone().accept();
    let mut bad = ok.clone();
    bad[40] ^= 1;
    assert!(
        matches!(client.clone().handle(&bad), Err(e) if e == CryptoError::Handshake(HandshakeError::BadNewNonceHash(1)))
    );
    let mut bad = ok.clone();
    bad[5] ^= 1;
    assert!(
        matches!(client.clone().handle(&bad), Err(e) if e == CryptoError::Handshake(HandshakeError::WrongNonce))
    );
    assert!(client.clone().handle(&ok[..30]).is_err());

    // dh_gen_fail, genuine and forged.
    let fail = candidate.clone().fail();
    assert!(
        matches!(client.clone().handle(&fail), Err(e) if e == CryptoError::Handshake(HandshakeError::DhGenFail))
    );
    let mut forged = fail.clone();
    forged[51] ^= 1;
    assert!(
        matches!(client.clone().handle(&forged), Err(e) if e == CryptoError::Handshake(HandshakeError::BadNewNonceHash(3)))
    );

    // dh_gen_retry, then a second g_b that the server accepts.
    let (retry, server) = candidate.clone().retry();
    let mut forged = retry.clone();
    forged[51] ^= 1;
    assert!(
        matches!(client.clone().handle(&forged), Err(e) if e == CryptoError::Handshake(HandshakeError::BadNewNonceHash(2)))
    );
    let ClientDhOutcome::Retry(again) = client.clone().handle(&retry).unwrap() else {
        panic!("dh_gen_retry");
    };
    // The first attempt's request (retry_id 0) is refused by the retrying server.
    assert!(
        matches!(server.clone().handle(&set_dh), Err(e) if e == CryptoError::Handshake(HandshakeError::BadRetryId(0)))
    );
    let (set_dh2, client2) = again.handle(&seeded(14, "b2")).unwrap();
    let candidate2 = server.handle(&set_dh2).unwrap();
    assert_ne!(candidate2.auth_key(), candidate.auth_key());
    let (ok2, server_done) = candidate2.accept();
    let ClientDhOutcome::Done(done) = client2.handle(&ok2).unwrap() else {
        panic!("dh_gen_ok")
    };
    assert_eq!(done.auth_key, server_done.auth_key);
}

#[test]
fn too_many_retries_end_the_exchange() {
    let at = run_to_dh_params(15, options());
    let (mut set_dh, mut client) = at
        .client
        .clone()
        .handle(&at.server_dh_params, &seeded(15, "b"), CLIENT_NOW)
        .unwrap();
    let mut server = at.server.clone();
    for round in 0..=MAX_RETRIES {
        let (retry, next_server) = server.handle(&set_dh).unwrap().retry();
        match client.handle(&retry) {
            Ok(ClientDhOutcome::Retry(again)) => {
                (set_dh, client) = again.handle(&seeded(u64::from(round), "retry")).unwrap();
                server = next_server;
            }
            Err(e) => {
                assert_eq!(round, MAX_RETRIES);
                assert_eq!(
                    e,
                    CryptoError::Handshake(HandshakeError::TooManyRetries(MAX_RETRIES))
                );
                return;
            }
            Ok(ClientDhOutcome::Done(_)) => panic!("retry answered"),
        }
    }
    panic!("the client kept retrying");
}

#[test]
fn truncated_and_garbage_answers_never_panic() {
    let at = run_to_dh_params(16, options());
    for len in 0..at.server_dh_params.len() {
        assert!(on_dh_params(&at, &at.server_dh_params[..len]).is_err());
    }
    for seed in 0..64 {
        let garbage: [u8; 96] = seeded(seed, "garbage");
        assert!(on_dh_params(&at, &garbage).is_err());
    }
    let (_, client) = ClientStep1::new(options()).start([1; 16]);
    let req = functions::ReqPqMulti { nonce: [1; 16] }.to_bytes();
    for len in 0..req.len() {
        assert!(
            client
                .clone()
                .handle(&req[..len], &[0; STEP2_RANDOM], &[])
                .is_err()
        );
    }
}
