//! Network faults from the test DC: dropped connections mid-request, a `bad_server_salt` storm,
//! a skewed server clock, a DC that is down, a DC that never answers (which must not hold up
//! requests to another DC), and every transport.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use std::io::ErrorKind;
use std::sync::Arc;
use std::time::{Duration, Instant};

use client_support::{answering_dc, bot_login, builder, me, start};
use pyro_client::{Error, MemoryStore, SessionStore, Transport};
use pyro_test_dc::{Faults, NetFaults};
use pyro_transport::TransportError;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_survive_connections_dropped_mid_request() {
    let dc = start(1, Faults::default()).await;
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    let before = dc.connections_accepted();
    // One incoming packet in four closes its connection instead of being answered.
    dc.set_net_faults(NetFaults {
        seed: 7,
        drop_probability: 0.25,
        ..NetFaults::default()
    });
    for _ in 0..12 {
        assert_eq!(me(&client).await, bot);
    }
    assert!(
        dc.connections_accepted() > before,
        "no connection was dropped"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_salt_storm_is_weathered() {
    let dc = start(1, Faults::default()).await;
    // Salts last one second with no grace: the client keeps hearing bad_server_salt.
    dc.set_net_faults(NetFaults {
        salt_lifetime: Some(Duration::from_secs(1)),
        ..NetFaults::default()
    });
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    let started = Instant::now();
    let mut calls = 0;
    while started.elapsed() < Duration::from_millis(2500) {
        assert_eq!(me(&client).await, bot);
        calls += 1;
    }
    assert!(calls > 10, "{calls}");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_skewed_server_clock_is_followed() {
    let dc = start(1, Faults::default()).await;
    dc.set_net_faults(NetFaults {
        clock_offset_secs: 3 * 3600,
        ..NetFaults::default()
    });
    let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
    // A fresh key: the offset comes from the key exchange.
    let client = builder(&dc)
        .store(Arc::clone(&store))
        .connect()
        .await
        .unwrap();
    assert_eq!(answering_dc(&client).await.unwrap(), 1);
    drop(client);
    // A stored key: the client starts with the offset the store kept (client_rekey.rs checks
    // that no bad_msg_notification round is needed).
    let again = builder(&dc).store(store).connect().await.unwrap();
    assert_eq!(answering_dc(&again).await.unwrap(), 1);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dc_that_is_down() {
    // Nothing listens on a port just released: connect fails with a transport error.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let dc = start(1, Faults::default()).await;
    let pem = dc.dcs()[0].public_pem.clone();
    let err = pyro_client::Client::builder(1, "h")
        .in_memory()
        .dc(1, addr)
        .rsa_key_pem(pem)
        .connect()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");

    // A DC that goes down under a connected client: a request waits out its timeout while the
    // driver retries, then ends with the reason (the refused reconnect), not a bare timeout.
    let client = builder(&dc)
        .request_timeout(Some(Duration::from_secs(3)))
        .connect()
        .await
        .unwrap();
    dc.shutdown().await;
    let err = answering_dc(&client).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(TransportError::Io(e)) if e.kind() == ErrorKind::ConnectionRefused),
        "{err:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_dc_does_not_block_requests_to_another() {
    let dc = start(1, Faults::default()).await;
    // DC 3 accepts connections and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_addr = silent.local_addr().unwrap();
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });
    let client = builder(&dc)
        .dc(3, silent_addr)
        .connect_timeout(Duration::from_secs(30))
        .connect()
        .await
        .unwrap();
    let stuck = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .invoke_in_dc(3, &pyro_client::tl::functions::help::GetNearestDc {})
                .await
        })
    };
    for _ in 0..5 {
        assert_eq!(answering_dc(&client).await.unwrap(), 1);
    }
    assert!(!stuck.is_finished(), "DC 3 cannot have answered");
    stuck.abort();
    holder.abort();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_transport_connects() {
    let dc = start(1, Faults::default()).await;
    for transport in [
        Transport::Abridged,
        Transport::Intermediate,
        Transport::PaddedIntermediate,
        Transport::Full,
        Transport::ObfuscatedAbridged,
        Transport::ObfuscatedIntermediate,
        Transport::ObfuscatedPadded,
    ] {
        let client = builder(&dc).transport(transport).connect().await.unwrap();
        assert_eq!(answering_dc(&client).await.unwrap(), 1, "{transport:?}");
        let media = client
            .invoke_media(1, &pyro_client::tl::functions::help::GetNearestDc {})
            .await;
        assert!(media.is_ok(), "{transport:?}: {media:?}");
    }
    dc.shutdown().await;
}
