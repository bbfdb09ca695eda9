//! Bad input over raw TCP: garbage, truncated and oversize frames, broken plain envelopes,
//! out-of-order key-exchange steps and unknown auth key ids. Each closes (or answers -404 on)
//! its own connection only; a well-behaved client keeps being served throughout.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use std::time::Duration;

use net_support::*;
use pyro_mtproto_crypto::handshake::ClientOptions;
use pyro_mtproto_crypto::handshake::envelope::wrap_plain;
use pyro_test_dc::TestDc;
use pyro_transport::{CodecKind, TransportError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Writes `bytes` on a raw socket and waits for the server to close it; returns what came back.
async fn raw_exchange(dc: &TestDc, bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(dc.address(1).unwrap()).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    stream.shutdown().await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer));
    // A reset instead of a clean close is as good as a close here.
    let _ = read.await.expect("the server neither answered nor closed");
    answer
}

/// A healthy client still completes an exchange and a call.
async fn still_serving(dc: &TestDc) {
    let key = new_key(dc, 1, CodecKind::Intermediate).await;
    let client = session(dc, 1, CodecKind::Intermediate, &key);
    client.invoke(get_config()).await.unwrap();
    client.shutdown();
}

fn abridged(payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0xef, (payload.len() / 4) as u8];
    out.extend_from_slice(payload);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_truncated_and_oversize_frames_close_only_their_connection() {
    let dc = start(1).await;
    let healthy_key = new_key(&dc, 1, CodecKind::Full).await;
    let healthy = session(&dc, 1, CodecKind::Full, &healthy_key);
    healthy.invoke(get_config()).await.unwrap();

    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "random garbage",
            (0..200u8).map(|b| b.wrapping_mul(37)).collect(),
        ),
        ("truncated abridged frame", vec![0xef, 0x40, 1, 2, 3, 4]),
        (
            "truncated intermediate frame",
            [[0xee; 4], 64u32.to_le_bytes()].concat(),
        ),
        (
            "oversize intermediate frame",
            [[0xee; 4], u32::MAX.to_le_bytes()].concat(),
        ),
        (
            "abridged frame too short for an auth_key_id",
            abridged(&[0; 4]),
        ),
        ("plain envelope with a wrong length", abridged(&[0; 24])),
        (
            "key exchange step out of order",
            abridged(&wrap_plain(plain_msg_id(1), &[7; 40])),
        ),
        (
            "unknown constructor in the envelope",
            abridged(&wrap_plain(plain_msg_id(1), &[9; 20])),
        ),
    ];
    for (what, bytes) in cases {
        let answer = raw_exchange(&dc, &bytes).await;
        assert!(answer.is_empty(), "{what}: the server answered {answer:?}");
        healthy.invoke(get_config()).await.unwrap();
    }
    still_serving(&dc).await;
    healthy.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_auth_keys_get_404_and_bad_packets_of_known_keys_close() {
    let dc = start(1).await;
    // Unknown key id: -404, over each codec.
    for kind in [
        CodecKind::Abridged,
        CodecKind::Intermediate,
        CodecKind::Full,
    ] {
        let mut conn = connect(dc.address(1).unwrap(), 1, kind).await;
        let mut packet = 0x1234_5678_9abc_def0_i64.to_le_bytes().to_vec();
        packet.extend_from_slice(&[0x55; 88]);
        conn.send(&packet).await.unwrap();
        let err = conn.recv().await.unwrap_err();
        assert!(
            matches!(err, TransportError::ErrorCode { code: -404 }),
            "{kind:?}: {err}"
        );
    }
    // A known key with a forged msg_key: the connection closes without an answer.
    let mut conn = connect(dc.address(1).unwrap(), 1, CodecKind::Intermediate).await;
    let info = &dc.dcs()[0];
    let key = exchange(&mut conn, &info.public_pem, ClientOptions::permanent(1)).await;
    let mut packet = key.auth_key.id_bytes().to_vec();
    packet.extend_from_slice(&[0x33; 88]);
    conn.send(&packet).await.unwrap();
    let err = conn.recv().await.unwrap_err();
    assert!(matches!(err, TransportError::Closed), "{err}");
    // The key itself is still good.
    let client = session(&dc, 1, CodecKind::Intermediate, &key);
    client.invoke(get_config()).await.unwrap();
    client.shutdown();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_exchange_can_restart_on_the_same_connection() {
    let dc = start(1).await;
    let info = &dc.dcs()[0];
    let mut conn = connect(info.addr, 1, CodecKind::Abridged).await;
    // Two req_pq_multi in a row: the second restarts the exchange, which then completes.
    let (req_pq, _) = pyro_mtproto_crypto::handshake::ClientStep1::new(ClientOptions::permanent(1))
        .start(random());
    plain_round_trip(&mut conn, 1, &req_pq).await;
    let key = exchange(&mut conn, &info.public_pem, ClientOptions::permanent(1)).await;
    let client = session(&dc, 1, CodecKind::Abridged, &key);
    client.invoke(get_config()).await.unwrap();
    client.shutdown();
    dc.shutdown().await;
}
