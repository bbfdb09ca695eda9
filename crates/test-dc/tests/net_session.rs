//! Encrypted sessions over raw packets: a replayed packet (same msg_id) is dropped and not
//! answered twice, while the session goes on; `ping_delay_disconnect` closes an idle connection
//! when its delay runs out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use std::time::{Duration, Instant};

use net_support::raw::{PONG, RawSession, find};
use net_support::*;
use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::functions;
use pyro_transport::{CodecKind, TransportError};

fn ping(ping_id: i64) -> Vec<u8> {
    functions::Ping { ping_id }.to_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_msg_ids_are_dropped_and_the_session_goes_on() {
    let dc = start(1).await;
    let (mut conn, key) = connect_with_key(&dc, CodecKind::Intermediate).await;
    let mut raw = RawSession::new(&mut conn, &key);
    let (first, _) = raw.call(PONG, |_| ping(1)).await;
    // The same packet again: a replay.
    let replay = raw.packet(first, &ping(1));
    raw.conn.send(&replay).await.unwrap();
    // A new ping is answered, and nothing before its pong answers the replay.
    let next = raw.msg_id();
    let packet = raw.packet(next, &ping(2));
    raw.conn.send(&packet).await.unwrap();
    let mut replayed_pong = PONG.to_le_bytes().to_vec();
    replayed_pong.extend_from_slice(&first.to_le_bytes());
    let mut wanted = PONG.to_le_bytes().to_vec();
    wanted.extend_from_slice(&next.to_le_bytes());
    loop {
        let answer = raw.recv().await.unwrap();
        assert!(
            find(&answer, &replayed_pong).is_none(),
            "the replay was answered"
        );
        if find(&answer, &wanted).is_some() {
            break;
        }
    }
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ping_delay_disconnect_closes_an_idle_connection() {
    let dc = start(1).await;
    let (mut conn, key) = connect_with_key(&dc, CodecKind::Abridged).await;
    let mut raw = RawSession::new(&mut conn, &key);
    let body = |_| {
        functions::PingDelayDisconnect {
            ping_id: 5,
            disconnect_delay: 1,
        }
        .to_bytes()
    };
    raw.call(PONG, body).await;
    let started = Instant::now();
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match raw.recv().await {
                Ok(_) => {}
                Err(e) => return e,
            }
        }
    });
    let err = closed
        .await
        .expect("the server kept the idle connection open");
    assert!(matches!(err, TransportError::Closed), "{err}");
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "closed too early"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_acks_carry_the_msg_key_hash() {
    use pyro_transport::Frame;
    use sha2::{Digest, Sha256};
    let dc = start(1).await;
    for kind in [CodecKind::Abridged, CodecKind::Intermediate] {
        let (mut conn, key) = connect_with_key(&dc, kind).await;
        let mut raw = RawSession::new(&mut conn, &key);
        let msg_id = raw.msg_id();
        let packet = raw.packet(msg_id, &ping(9));
        raw.conn.send_with_quick_ack(&packet).await.unwrap();
        let plain = pyro_mtproto_crypto::packet::decrypt(
            &key.auth_key,
            pyro_mtproto_crypto::packet::Sender::Client,
            &packet,
        )
        .unwrap();
        // RawSession pads with 0x42 bytes: the padded plaintext the hash covers.
        let mut padded = plain.clone();
        padded.resize(packet.len() - 24, 0x42);
        let digest = Sha256::new()
            .chain_update(&key.auth_key.as_bytes()[88..120])
            .chain_update(&padded)
            .finalize();
        let token = u32::from_le_bytes(digest[..4].try_into().unwrap()) | 0x8000_0000;
        let frame = raw.conn.recv().await.unwrap();
        assert_eq!(frame, Frame::QuickAck(token), "{kind:?}");
    }
    dc.shutdown().await;
}
