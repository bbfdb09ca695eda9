//! The tokio driver against the server counterpart over TCP on 127.0.0.1 (intermediate
//! framing): invoke from cloned handles, and a reconnect that resends an unanswered request.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyro_mtproto_crypto::AuthKey;
use pyro_session::driver::{DriverConfig, spawn};
use pyro_session::engine::Now;
use pyro_session::server::{ServerConfig, ServerSession};
use pyro_transport::{AcceptConfig, CodecKind, ConnectOptions, Frame, accept};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const KEY: [u8; 256] = [0x17; 256];

fn now(origin: tokio::time::Instant) -> Now {
    Now::new(
        origin.elapsed(),
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap(),
    )
}

/// Serves connections one after another with one server session; answers each request with its
/// body's words reversed. When `drop_first` is set, the first connection is closed as soon as a
/// request arrives, unanswered; the request count is reported on `seen`.
async fn serve(
    listener: TcpListener,
    mut session: ServerSession,
    drop_first: bool,
    seen: mpsc::UnboundedSender<i64>,
) {
    let origin = tokio::time::Instant::now();
    let mut first = drop_first;
    let mut buf = Vec::new();
    while let Ok((stream, _)) = listener.accept().await {
        let Ok(accepted) = accept(stream, &AcceptConfig::default()).await else {
            continue;
        };
        let mut conn = accepted.connection;
        'conn: while let Ok(frame) = conn.recv().await {
            let Frame::Packet { mut payload, .. } = frame else {
                continue;
            };
            let _ = session.handle_packet(now(origin), &mut payload);
            while let Some(req) = session.poll_request() {
                let _ = seen.send(req.msg_id);
                if first {
                    first = false;
                    break 'conn;
                }
                let answer: Vec<u8> = req.body.chunks(4).rev().flatten().copied().collect();
                session.answer(req.msg_id, &answer);
            }
            while session.poll_transmit(now(origin), &mut buf) {
                if conn.send(&buf).await.is_err() {
                    break 'conn;
                }
            }
        }
    }
}

async fn start(drop_first: bool) -> (pyro_session::driver::Client, mpsc::UnboundedReceiver<i64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let session = ServerSession::new(AuthKey::from_bytes(KEY), [3; 32], ServerConfig::default());
    let salt = session.salt_at(now(tokio::time::Instant::now()));
    let (seen_tx, seen_rx) = mpsc::unbounded_channel();
    tokio::spawn(serve(listener, session, drop_first, seen_tx));
    let mut config = DriverConfig::new(ConnectOptions::new(addr, 2, CodecKind::Intermediate));
    config.backoff_min = Duration::from_millis(5);
    let (client, _events) = spawn(config, AuthKey::from_bytes(KEY), salt).unwrap();
    (client, seen_rx)
}

#[tokio::test(flavor = "current_thread")]
async fn invoke_from_cloned_handles() {
    let (client, _seen) = start(false).await;
    let other = client.clone();
    let a = tokio::spawn(async move { other.invoke(vec![1, 0, 0, 0, 2, 0, 0, 0]).await });
    let b = client.invoke(vec![3, 0, 0, 0, 4, 0, 0, 0]).await.unwrap();
    assert_eq!(b, [4, 0, 0, 0, 3, 0, 0, 0]);
    assert_eq!(a.await.unwrap().unwrap(), [2, 0, 0, 0, 1, 0, 0, 0]);
    client.shutdown();
    assert!(client.invoke(vec![1, 0, 0, 0]).await.is_err());
}

#[tokio::test(flavor = "current_thread")]
async fn a_lost_connection_resends_the_request() {
    let (client, mut seen) = start(true).await;
    let answer = client.invoke(vec![5, 0, 0, 0, 6, 0, 0, 0]).await.unwrap();
    assert_eq!(answer, [6, 0, 0, 0, 5, 0, 0, 0]);
    let first = seen.recv().await.unwrap();
    let second = seen.recv().await.unwrap();
    assert!(second > first, "resent under a new msg_id");
}
