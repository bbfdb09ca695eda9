//! The network half end to end with our own client: key exchange over every codec, encrypted
//! calls through pyro-session's driver, keys kept across connections, -404 for unknown keys,
//! temporary keys bound with `auth.bindTempAuthKey`, live updates pushed to other sessions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use net_support::*;
use pyro_test_dc::TestDc;
use pyro_tl_types::Deserializable;
use pyro_tl_types::api::enums;
use pyro_transport::{CodecKind, TransportError};

const KINDS: [CodecKind; 4] = [
    CodecKind::Abridged,
    CodecKind::Intermediate,
    CodecKind::PaddedIntermediate,
    CodecKind::Full,
];

fn this_dc(answer: &[u8]) -> i32 {
    let enums::Config::Config(config) = enums::Config::from_bytes(answer).unwrap();
    config.this_dc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_exchange_and_calls_over_every_codec() {
    let dc = start(1).await;
    for kind in KINDS {
        let key = new_key(&dc, 1, kind).await;
        let client = session(&dc, 1, kind, &key);
        let answer = client.invoke(get_config()).await.unwrap();
        assert_eq!(this_dc(&answer), 1, "{kind:?}");
        client.shutdown();
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_dc_answers_as_itself_and_keys_stay_on_their_dc() {
    let dc = start(3).await;
    assert_eq!(dc.dcs().len(), 3);
    let key = new_key(&dc, 3, CodecKind::Intermediate).await;
    let client = session(&dc, 3, CodecKind::Intermediate, &key);
    assert_eq!(this_dc(&client.invoke(get_config()).await.unwrap()), 3);
    // The same key on DC 2 is unknown there: -404 and the connection closes.
    let mut conn = connect(dc.address(2).unwrap(), 2, CodecKind::Intermediate).await;
    let mut packet = key.auth_key.id_bytes().to_vec();
    packet.extend_from_slice(&[0u8; 72]);
    conn.send(&packet).await.unwrap();
    let err = conn.recv().await.unwrap_err();
    assert!(
        matches!(err, TransportError::ErrorCode { code: -404 }),
        "{err}"
    );
    // DC 3 still serves the key.
    assert_eq!(this_dc(&client.invoke(get_config()).await.unwrap()), 3);
    client.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_survive_reconnects_and_forgotten_keys_get_404() {
    let dc = start(1).await;
    let key = new_key(&dc, 1, CodecKind::Abridged).await;
    let client = session(&dc, 1, CodecKind::Abridged, &key);
    client.invoke(get_config()).await.unwrap();
    dc.disconnect_all();
    // The driver reconnects by itself and the key is still known.
    client.invoke(get_config()).await.unwrap();
    dc.forget_auth_key(key.auth_key.id());
    let mut conn = connect(dc.address(1).unwrap(), 1, CodecKind::Abridged).await;
    let mut packet = key.auth_key.id_bytes().to_vec();
    packet.extend_from_slice(&[0u8; 72]);
    conn.send(&packet).await.unwrap();
    let err = conn.recv().await.unwrap_err();
    assert!(
        matches!(err, TransportError::ErrorCode { code: -404 }),
        "{err}"
    );
    client.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_keys_differ_per_dc() {
    let dc = TestDc::builder()
        .dcs(2)
        .keys(pyro_test_dc::KeySource::Key(Box::new(
            pyro_test_dc::ServerKey::test_only().unwrap(),
        )))
        .start()
        .await
        .unwrap();
    assert_eq!(dc.dcs()[0].fingerprint, dc.dcs()[1].fingerprint);
    assert!(
        dc.dcs()[0]
            .public_pem
            .starts_with("-----BEGIN RSA PUBLIC KEY-----")
    );
    assert_ne!(dc.address(1), dc.address(2));
    assert!(TestDc::builder().dcs(6).start().await.is_err());
    assert!(TestDc::builder().dcs(0).start().await.is_err());
    dc.shutdown().await;
}
