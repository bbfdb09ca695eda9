//! Every way a client's requests can be wrong, as the server sees them: each gives its typed
//! error and none panics.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod handshake_support;

use handshake_support::{
    AtDhParams, CLIENT_NOW, SERVER_TIME, known_keys, run_to_dh_params, seal, seeded, server_keys,
    server_secret,
};
use pyro_mtproto_crypto::CryptoError;
use pyro_mtproto_crypto::handshake::*;
use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_tl_types::mtproto::{enums, functions, types};
use pyro_tl_types::{Deserializable, Serializable};
use sha1::{Digest, Sha1};

fn hs(e: HandshakeError) -> Result<(), CryptoError> {
    Err(CryptoError::Handshake(e))
}

/// A server that has answered `resPQ` for nonce [1; 16], and the client's `req_DH_params`.
fn at_req_dh(options: ClientOptions) -> (ServerAwaitingDhParams, Vec<u8>) {
    let (req_pq, client) = ClientStep1::new(options).start([1; 16]);
    let server = ServerStart::new([2; 16], PqPair::known(3));
    let (res_pq, server) = server.handle(&req_pq, server_keys()).unwrap();
    let (req_dh, _) = client
        .handle(&res_pq, &seeded(3, "step2"), &known_keys())
        .unwrap();
    (server, req_dh)
}

fn on_req_dh(server: &ServerAwaitingDhParams, body: &[u8]) -> Result<(), CryptoError> {
    server
        .clone()
        .handle(body, server_keys(), server_secret(), SERVER_TIME, &[0; 16])
        .map(|_| ())
}

#[test]
fn req_pq_failures_and_the_old_req_pq() {
    let start = ServerStart::new([2; 16], PqPair::known(1));
    let old = functions::ReqPq { nonce: [7; 16] }.to_bytes();
    let (res_pq, _) = start.clone().handle(&old, server_keys()).unwrap();
    let enums::ResPq::ResPq(res) = enums::ResPq::from_bytes(&res_pq).unwrap();
    assert_eq!(res.nonce, [7; 16]);
    assert_eq!(res.pq, PqPair::known(1).pq().to_be_bytes().to_vec());
    let multi = functions::ReqPqMulti { nonce: [7; 16] }.to_bytes();
    for len in 0..multi.len() {
        assert!(start.clone().handle(&multi[..len], server_keys()).is_err());
    }
    assert!(matches!(
        start.handle(&res_pq, server_keys()),
        Err(CryptoError::Handshake(
            HandshakeError::UnexpectedConstructor {
                id: 0x0516_2463,
                ..
            }
        ))
    ));
}

#[test]
fn req_dh_params_outer_failures() {
    let (server, req) = at_req_dh(ClientOptions::permanent(2));
    assert_eq!(on_req_dh(&server, &req), Ok(()));
    let decoded = functions::ReqDhParams::from_bytes(&req).unwrap();
    let with = |f: &dyn Fn(&mut functions::ReqDhParams)| {
        let mut r = decoded.clone();
        f(&mut r);
        on_req_dh(&server, &r.to_bytes())
    };
    assert_eq!(with(&|r| r.nonce[0] ^= 1), hs(HandshakeError::WrongNonce));
    assert_eq!(
        with(&|r| r.server_nonce[0] ^= 1),
        hs(HandshakeError::WrongServerNonce)
    );
    assert_eq!(with(&|r| r.p.push(0)), hs(HandshakeError::WrongFactors));
    assert_eq!(
        with(&|r| std::mem::swap(&mut r.p, &mut r.q)),
        hs(HandshakeError::WrongFactors)
    );
    let production = RsaPublicKey::production().fingerprint();
    assert_eq!(
        with(&|r| r.public_key_fingerprint = production),
        hs(HandshakeError::UnknownFingerprint(vec![production]))
    );
    // Bad RSA padding: any changed bit of the ciphertext, a ciphertext not below n, or a short one.
    for i in [0, 100, 255] {
        assert_eq!(
            with(&|r| r.encrypted_data[i] ^= 4),
            hs(HandshakeError::BadEncryptedData)
        );
    }
    assert_eq!(
        with(&|r| r.encrypted_data = vec![0xff; 256]),
        hs(HandshakeError::BadEncryptedData)
    );
    assert_eq!(
        with(&|r| r.encrypted_data.truncate(10)),
        hs(HandshakeError::BadEncryptedData)
    );
    for len in (0..req.len()).step_by(7) {
        assert!(on_req_dh(&server, &req[..len]).is_err());
    }
}

/// Inner data the client encrypted correctly but filled wrongly, under either scheme.
#[test]
fn inner_data_failures_under_both_schemes() {
    let (server, req) = at_req_dh(ClientOptions::permanent(2));
    let outer = functions::ReqDhParams::from_bytes(&req).unwrap();
    let key = server_keys()[0].public_key().clone();
    let pair = PqPair::known(3);
    let good = types::PQInnerDataDc {
        pq: pair.pq().to_be_bytes().to_vec(),
        p: pair.p().to_be_bytes().to_vec(),
        q: pair.q().to_be_bytes().to_vec(),
        nonce: [1; 16],
        server_nonce: [2; 16],
        new_nonce: [9; 32],
        dc: 2,
    };
    let send = |inner: types::PQInnerDataDc, legacy: bool| {
        let data = enums::PQInnerData::from(inner).to_bytes();
        let encrypted = if legacy {
            key.encrypt_legacy(&data, &[5; 235]).unwrap()
        } else {
            key.encrypt_pad_seeded(&data, &[5; 224]).unwrap()
        };
        let r = functions::ReqDhParams {
            encrypted_data: encrypted.to_vec(),
            ..outer.clone()
        };
        on_req_dh(&server, &r.to_bytes())
    };
    for legacy in [false, true] {
        assert_eq!(send(good.clone(), legacy), Ok(()));
        let bad = types::PQInnerDataDc {
            nonce: [0; 16],
            ..good.clone()
        };
        assert_eq!(send(bad, legacy), hs(HandshakeError::WrongNonce));
        let bad = types::PQInnerDataDc {
            server_nonce: [0; 16],
            ..good.clone()
        };
        assert_eq!(send(bad, legacy), hs(HandshakeError::WrongServerNonce));
        let bad = types::PQInnerDataDc {
            pq: vec![1; 8],
            ..good.clone()
        };
        assert_eq!(send(bad, legacy), hs(HandshakeError::WrongFactors));
    }
    // A legacy block whose SHA-1 does not cover the data.
    // (The block is valid for data + padding as a whole, so SHA1(data) cannot match.)
    let mut payload = enums::PQInnerData::from(good).to_bytes();
    payload.resize(235, 7);
    let raw = key.encrypt_legacy(&payload, &[]).unwrap();
    assert_ne!(Sha1::digest(&payload), Sha1::digest(&payload[..100]));
    let r = functions::ReqDhParams {
        encrypted_data: raw.to_vec(),
        ..outer.clone()
    };
    assert_eq!(
        on_req_dh(&server, &r.to_bytes()),
        hs(HandshakeError::BadEncryptedData)
    );
}

/// The server's verdict on a `set_client_DH_params` body.
fn on_set_dh(at: &AtDhParams, body: &[u8]) -> Result<(), CryptoError> {
    at.server.clone().handle(body).map(|_| ())
}

fn set_dh(at: &AtDhParams, inner: types::ClientDhInnerData, extra: usize) -> Vec<u8> {
    functions::SetClientDhParams {
        nonce: at.nonce,
        server_nonce: at.server_nonce,
        encrypted_data: seal(at, &enums::ClientDhInnerData::from(inner), extra),
    }
    .to_bytes()
}

#[test]
fn set_client_dh_params_failures() {
    let at = run_to_dh_params(21, ClientOptions::temporary(2, 3600));
    assert_eq!(at.server.request().kind, InnerDataKind::temporary(2, 3600));
    let (genuine, _) = at
        .client
        .clone()
        .handle(&at.server_dh_params, &seeded(21, "b"), CLIENT_NOW)
        .unwrap();
    assert_eq!(on_set_dh(&at, &genuine), Ok(()));
    let mut wrong = genuine.clone();
    wrong[4] ^= 1;
    assert_eq!(on_set_dh(&at, &wrong), hs(HandshakeError::WrongNonce));
    let mut wrong = genuine.clone();
    wrong[20] ^= 1;
    assert_eq!(on_set_dh(&at, &wrong), hs(HandshakeError::WrongServerNonce));
    let mut corrupted = genuine.clone();
    let last = corrupted.len() - 1;
    corrupted[last] ^= 1; // the last AES block: inside the padding or the g_b tail
    assert!(on_set_dh(&at, &corrupted).is_err());

    let g_b = server_secret().g_a().to_vec(); // any value in range will do
    let inner = types::ClientDhInnerData {
        nonce: at.nonce,
        server_nonce: at.server_nonce,
        retry_id: 0,
        g_b,
    };
    assert_eq!(on_set_dh(&at, &set_dh(&at, inner.clone(), 0)), Ok(()));
    let bad = types::ClientDhInnerData {
        retry_id: 5,
        ..inner.clone()
    };
    assert_eq!(
        on_set_dh(&at, &set_dh(&at, bad, 0)),
        hs(HandshakeError::BadRetryId(5))
    );
    let bad = types::ClientDhInnerData {
        nonce: [0; 16],
        ..inner.clone()
    };
    assert_eq!(
        on_set_dh(&at, &set_dh(&at, bad, 0)),
        hs(HandshakeError::WrongNonce)
    );
    for g_b in [
        vec![],
        vec![1],
        vec![2],
        pyro_mtproto_crypto::dh::TELEGRAM_DH_PRIME.to_vec(),
    ] {
        let bad = types::ClientDhInnerData {
            g_b,
            ..inner.clone()
        };
        assert_eq!(
            on_set_dh(&at, &set_dh(&at, bad, 0)),
            hs(HandshakeError::DhValueOutOfRange(DhValue::Gb))
        );
    }
    assert!(matches!(
        on_set_dh(&at, &set_dh(&at, inner, 32)),
        Err(CryptoError::Handshake(HandshakeError::BadAnswerPadding(_)))
    ));
    for len in (0..genuine.len()).step_by(5) {
        assert!(on_set_dh(&at, &genuine[..len]).is_err());
    }
    for seed in 0..32 {
        let garbage: [u8; 64] = seeded(seed, "garbage");
        assert!(on_set_dh(&at, &garbage).is_err());
    }
}
