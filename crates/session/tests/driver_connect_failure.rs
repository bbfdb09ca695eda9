//! A driver that cannot connect says why: a DC that refuses TCP leaves its requests waiting with
//! the socket error in the state; an HTTP proxy that refuses ends them at once with its refusal,
//! and once the proxy lets the driver through the failure is cleared and requests are answered.
//! Everything runs on 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyro_mtproto_crypto::AuthKey;
use pyro_session::driver::{Client, DriverConfig, DriverError, DriverState, spawn};
use pyro_session::engine::Now;
use pyro_session::server::{ServerConfig, ServerSession};
use pyro_transport::{
    AcceptConfig, CodecKind, ConnectOptions, Frame, Proxy, TransportError, accept,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KEY: [u8; 256] = [0x29; 256];

/// A request body the echo server answers with its words reversed.
const BODY: [u8; 8] = [1, 0, 0, 0, 2, 0, 0, 0];

fn now() -> Now {
    let unix = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    Now::new(unix, unix)
}

/// Answers every request of every connection with its 4-byte words reversed.
async fn echo(listener: TcpListener, mut session: ServerSession) {
    let mut buf = Vec::new();
    while let Ok((stream, _)) = listener.accept().await {
        let Ok(accepted) = accept(stream, &AcceptConfig::default()).await else {
            continue;
        };
        let mut conn = accepted.connection;
        'conn: while let Ok(Frame::Packet { mut payload, .. }) = conn.recv().await {
            let _ = session.handle_packet(now(), &mut payload);
            while let Some(req) = session.poll_request() {
                let answer: Vec<u8> = req.body.chunks(4).rev().flatten().copied().collect();
                session.answer(req.msg_id, &answer);
            }
            while session.poll_transmit(now(), &mut buf) {
                if conn.send(&buf).await.is_err() {
                    break 'conn;
                }
            }
        }
    }
}

/// An HTTP CONNECT proxy that answers `407` to its first `refusals` tunnels, then opens them
/// to `target`.
async fn proxy(listener: TcpListener, target: SocketAddr, mut refusals: usize) {
    while let Ok((mut stream, _)) = listener.accept().await {
        let mut head = Vec::new();
        while !head.ends_with(b"\r\n\r\n") {
            let Ok(byte) = stream.read_u8().await else {
                break;
            };
            head.push(byte);
        }
        if refusals > 0 {
            refusals -= 1;
            let refusal = b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n";
            let _ = stream.write_all(refusal).await;
            continue;
        }
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n\r\n").await;
        tokio::spawn(async move {
            let mut upstream = TcpStream::connect(target).await.unwrap();
            let _ = tokio::io::copy_bidirectional(&mut stream, &mut upstream).await;
        });
    }
}

/// A driver for `options` against a session keyed with [`KEY`].
fn driver(options: ConnectOptions, session: &ServerSession) -> Client {
    let mut config = DriverConfig::new(options);
    config.backoff_min = Duration::from_millis(5);
    config.backoff_max = Duration::from_millis(20);
    let (client, _events) =
        spawn(config, AuthKey::from_bytes(KEY), session.salt_at(now())).unwrap();
    client
}

/// Waits until the driver's state satisfies `done`.
async fn until(client: &Client, done: impl Fn(&DriverState) -> bool) -> DriverState {
    let mut state = client.watch_state();
    let seen = state.wait_for(done).await.unwrap();
    seen.clone()
}

fn server() -> ServerSession {
    ServerSession::new(AuthKey::from_bytes(KEY), [4; 32], ServerConfig::default())
}

#[tokio::test(flavor = "current_thread")]
async fn a_dc_that_refuses_tcp_keeps_requests_waiting_with_the_reason() {
    // A port nobody listens on: bound, then released.
    let addr = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let client = driver(
        ConnectOptions::new(addr, 2, CodecKind::Intermediate),
        &server(),
    );
    let call = {
        let client = client.clone();
        tokio::spawn(async move { client.invoke(BODY.to_vec()).await })
    };
    let state = until(&client, |s| s.connect_failure.is_some()).await;
    let failure = state.connect_failure.unwrap();
    assert!(!failure.is_lasting());
    assert!(
        matches!(failure.error(), TransportError::Io(e) if e.kind() == ErrorKind::ConnectionRefused),
        "{failure:?}"
    );
    // The failure is not final: the request still waits (the caller bounds its own wait).
    until(&client, |s| s.connect_failure.as_ref() != Some(&failure)).await;
    assert!(!call.is_finished());
    client.shutdown();
    assert!(call.await.unwrap().is_err());
}

#[tokio::test(flavor = "current_thread")]
async fn a_refusing_proxy_ends_requests_at_once_until_it_lets_the_driver_through() {
    let dc = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let target = dc.local_addr().unwrap();
    let session = server();
    let client = {
        let proxy_listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut options = ConnectOptions::new(target, 2, CodecKind::Intermediate);
        options.proxy = Some(Proxy::Http {
            addr: proxy_listener.local_addr().unwrap(),
            auth: None,
        });
        let client = driver(options, &session);
        tokio::spawn(proxy(proxy_listener, target, 3));
        client
    };
    tokio::spawn(echo(dc, session));

    // Queued before the first attempt or sent after it failed: either way the refusal, not
    // a wait until the caller's timeout.
    let refused = tokio::time::timeout(Duration::from_secs(10), client.invoke(BODY.to_vec()))
        .await
        .expect("the request waited instead of failing")
        .unwrap_err();
    assert!(
        matches!(&refused, DriverError::Transport(TransportError::Proxy(why)) if why.contains("407")),
        "{refused:?}"
    );
    // After three refusals the proxy opens the tunnel: the failure is cleared on connecting and
    // the requests are answered.
    let state = until(&client, |s| s.connected).await;
    assert_eq!(state.connect_failure, None);
    let answer = client.invoke(BODY.to_vec()).await.unwrap();
    assert_eq!(answer, [2, 0, 0, 0, 1, 0, 0, 0]);
    client.shutdown();
}
