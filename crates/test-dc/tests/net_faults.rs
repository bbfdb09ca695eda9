//! The network fault switches, each against pyro-session's driver (which must ride them out)
//! or a raw connection, and the model's RPC faults through the server's config.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use std::time::{Duration, Instant};

use net_support::*;
use pyro_session::driver::DriverError;
use pyro_session::engine::RequestError;
use pyro_test_dc::{Faults, FloodWaitRule, NetFaults, TestDc, TransportFault};
use pyro_transport::{CodecKind, TransportError};

async fn start_with(faults: NetFaults) -> TestDc {
    TestDc::builder()
        .seed(seed())
        .net_faults(faults)
        .start()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_are_survived_by_reconnecting() {
    let dc = start(1).await;
    let key = new_key(&dc, 1, CodecKind::Abridged).await;
    let client = session(&dc, 1, CodecKind::Abridged, &key);
    client.invoke(get_config()).await.unwrap();
    let before = dc.connections_accepted();
    dc.set_net_faults(NetFaults {
        drop_after_packets: Some(3),
        ..NetFaults::default()
    });
    for _ in 0..8 {
        client.invoke(get_config()).await.unwrap();
    }
    let reconnects = dc.connections_accepted() - before;
    assert!(
        reconnects >= 2,
        "only {reconnects} reconnects: the drop switch did not fire"
    );
    client.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_drops_are_seeded_and_survived() {
    let dc = start_with(NetFaults {
        seed: 9,
        drop_probability: 0.3,
        ..NetFaults::default()
    })
    .await;
    let key = new_key(&dc, 1, CodecKind::Intermediate).await;
    let client = session(&dc, 1, CodecKind::Intermediate, &key);
    for _ in 0..10 {
        client.invoke(get_config()).await.unwrap();
    }
    assert!(dc.connections_accepted() > 2);
    client.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_errors_are_sent_then_the_connection_closes() {
    for code in [-404, -429] {
        let dc = start(1).await;
        let info = &dc.dcs()[0];
        let mut conn = connect(info.addr, 1, CodecKind::Intermediate).await;
        let options = pyro_mtproto_crypto::handshake::ClientOptions::permanent(1);
        let key = exchange(&mut conn, &info.public_pem, options).await;
        dc.set_net_faults(NetFaults {
            transport_error: Some(TransportFault {
                code,
                probability: 1.0,
            }),
            ..NetFaults::default()
        });
        let mut packet = key.auth_key.id_bytes().to_vec();
        packet.extend_from_slice(&[0x11; 88]);
        conn.send(&packet).await.unwrap();
        let err = conn.recv().await.unwrap_err();
        assert!(
            matches!(err, TransportError::ErrorCode { code: c } if c == code),
            "{err}"
        );
        dc.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delayed_and_reordered_answers_still_arrive() {
    let delay = Duration::from_millis(150);
    let dc = start_with(NetFaults {
        seed: 3,
        delay,
        reorder_probability: 0.5,
        ..NetFaults::default()
    })
    .await;
    let key = new_key(&dc, 1, CodecKind::Full).await;
    let client = session(&dc, 1, CodecKind::Full, &key);
    let started = Instant::now();
    let calls = (0..16).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.invoke(get_config()).await })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await.unwrap().unwrap();
    }
    assert!(started.elapsed() >= delay, "answers came before the delay");
    client.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salt_storms_and_a_skewed_clock_are_ridden_out() {
    for faults in [
        NetFaults {
            salt_lifetime: Some(Duration::from_secs(1)),
            ..NetFaults::default()
        },
        NetFaults {
            clock_offset_secs: 3600,
            ..NetFaults::default()
        },
        NetFaults {
            clock_offset_secs: -3600,
            ..NetFaults::default()
        },
    ] {
        let dc = start_with(faults.clone()).await;
        let key = new_key(&dc, 1, CodecKind::Abridged).await;
        let client = session(&dc, 1, CodecKind::Abridged, &key);
        for _ in 0..3 {
            client
                .invoke(get_config())
                .await
                .unwrap_or_else(|e| panic!("{faults:?}: {e}"));
        }
        client.shutdown();
        dc.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rpc_faults_come_from_the_server_config() {
    let faults = Faults {
        flood_wait: vec![FloodWaitRule {
            method: "help.getConfig".into(),
            seconds: 7,
            probability: 1.0,
        }],
        ..Faults::default()
    };
    let dc = TestDc::builder()
        .seed(seed())
        .faults(faults)
        .start()
        .await
        .unwrap();
    let key = new_key(&dc, 1, CodecKind::Intermediate).await;
    let client = session(&dc, 1, CodecKind::Intermediate, &key);
    let err = client.invoke(get_config()).await.unwrap_err();
    let DriverError::Request(RequestError::Rpc(rpc)) = err else {
        panic!("expected an rpc_error, got {err}");
    };
    assert_eq!((rpc.code, rpc.value), (420, Some(7)), "{rpc:?}");
    dc.set_faults(Faults::default());
    client.invoke(get_config()).await.unwrap();
    client.shutdown();
    dc.shutdown().await;
}
