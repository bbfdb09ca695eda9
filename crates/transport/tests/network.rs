//! The tokio drivers end to end on loopback: direct TCP (IPv4 and IPv6), obfuscated2, MTProxy
//! with plain, `dd` and `ee` secrets against our own acceptor, quick acks, transport errors and
//! timeouts.

// Test helpers below unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{ALL_KINDS, OBFUSCATABLE, check_echo, echo_server};
use pyro_transport::{
    AcceptConfig, CodecKind, ConnectOptions, Frame, MtProxySecret, Proxy, TransportError, connect,
};
use std::time::Duration;

#[tokio::test]
async fn direct_tcp_every_codec_ipv4() {
    let addr = echo_server("127.0.0.1:0", AcceptConfig::default()).await;
    for kind in ALL_KINDS {
        let mut conn = connect(&ConnectOptions::new(addr, 2, kind)).await.unwrap();
        check_echo(&mut conn, kind).await;
    }
}

#[tokio::test]
async fn direct_tcp_ipv6_loopback() {
    let Ok(probe) = std::net::TcpListener::bind("[::1]:0") else {
        println!("SKIPPED: this machine has no IPv6 loopback");
        return;
    };
    drop(probe);
    let addr = echo_server("[::1]:0", AcceptConfig::default()).await;
    let mut conn = connect(&ConnectOptions::new(addr, 2, CodecKind::Intermediate))
        .await
        .unwrap();
    check_echo(&mut conn, CodecKind::Intermediate).await;
}

#[tokio::test]
async fn obfuscated_every_codec() {
    let addr = echo_server("127.0.0.1:0", AcceptConfig::default()).await;
    for kind in OBFUSCATABLE {
        let mut options = ConnectOptions::new(addr, 2, kind);
        options.obfuscated = true;
        let mut conn = connect(&options).await.unwrap();
        check_echo(&mut conn, kind).await;
    }
}

#[tokio::test]
async fn quick_ack_and_transport_error_over_tcp() {
    let addr = echo_server("127.0.0.1:0", AcceptConfig::default()).await;
    let mut conn = connect(&ConnectOptions::new(addr, 2, CodecKind::Abridged))
        .await
        .unwrap();
    conn.send_with_quick_ack(&[1; 24]).await.unwrap();
    assert_eq!(conn.recv().await.unwrap(), Frame::QuickAck(0x8bad_cafe));
    assert!(matches!(conn.recv().await.unwrap(), Frame::Packet { .. }));
    conn.send(&[0xff; 8]).await.unwrap();
    assert!(matches!(
        conn.recv().await,
        Err(TransportError::ErrorCode { code: -404 })
    ));
}

async fn mtproxy_round_trip(secret_hex: &str, expected: CodecKind) {
    let secret = MtProxySecret::from_hex(secret_hex).unwrap();
    let addr = echo_server("127.0.0.1:0", AcceptConfig::mtproxy(&secret)).await;
    let mut options = ConnectOptions::new("127.0.0.1:1".parse().unwrap(), -2, CodecKind::Abridged);
    options.proxy = Some(Proxy::MtProxy { addr, secret });
    let mut conn = connect(&options).await.unwrap();
    check_echo(&mut conn, expected).await;
}

const KEY: &str = "00112233445566778899aabbccddeeff";

#[tokio::test]
async fn mtproxy_plain_secret() {
    mtproxy_round_trip(KEY, CodecKind::Abridged).await;
}

#[tokio::test]
async fn mtproxy_dd_secret_forces_padded_intermediate() {
    mtproxy_round_trip(&format!("dd{KEY}"), CodecKind::PaddedIntermediate).await;
}

#[tokio::test]
async fn mtproxy_ee_secret_fake_tls() {
    // "example.com" as the fake-TLS domain.
    mtproxy_round_trip(
        &format!("ee{KEY}6578616d706c652e636f6d"),
        CodecKind::PaddedIntermediate,
    )
    .await;
}

#[tokio::test]
async fn mtproxy_refuses_a_wrong_secret() {
    let secret = MtProxySecret::from_hex(KEY).unwrap();
    let addr = echo_server("127.0.0.1:0", AcceptConfig::mtproxy(&secret)).await;
    let wrong = MtProxySecret::from_hex(&format!("ff{}", &KEY[2..])).unwrap();
    let mut options = ConnectOptions::new("127.0.0.1:1".parse().unwrap(), 2, CodecKind::Abridged);
    options.proxy = Some(Proxy::MtProxy {
        addr,
        secret: wrong,
    });
    let mut conn = connect(&options).await.unwrap();
    conn.send(&[0; 24]).await.unwrap();
    assert!(matches!(conn.recv().await, Err(TransportError::Closed)));
}

/// A peer that accepts but never answers: the proxy handshake runs into the connect timeout.
#[tokio::test]
async fn silent_proxy_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut options = ConnectOptions::new(addr, 2, CodecKind::Intermediate);
    options.proxy = Some(Proxy::Socks5 { addr, auth: None });
    options.timeout = Duration::from_millis(200);
    let result = connect(&options).await;
    assert!(
        matches!(result, Err(TransportError::Timeout(_))),
        "{result:?}"
    );
    drop(listener);
}

/// A server that sends half a frame and closes: the client's `recv` is `Truncated`, not a hang
/// or a panic. A client that sends garbage instead of an obfuscated init: `accept` is `BadInit`.
#[tokio::test]
async fn truncated_stream_and_garbage_init_over_tcp() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        // Read everything the client sends (tag, length, 24 bytes) so closing sends FIN, not RST.
        let mut request = [0u8; 32];
        stream.read_exact(&mut request).await.unwrap();
        // Intermediate: a 64-byte frame announced, 10 bytes delivered, then EOF.
        stream.write_all(&[64, 0, 0, 0]).await.unwrap();
        stream.write_all(&[7; 10]).await.unwrap();
        drop(stream);
        let (stream, _) = listener.accept().await.unwrap();
        pyro_transport::accept(stream, &AcceptConfig::default())
            .await
            .err()
    });
    let mut conn = connect(&ConnectOptions::new(addr, 2, CodecKind::Intermediate))
        .await
        .unwrap();
    conn.send(&[0; 24]).await.unwrap();
    let err = conn.recv().await.unwrap_err();
    assert!(
        matches!(err, TransportError::Truncated { pending: 14 }),
        "{err:?}"
    );

    let mut raw = tokio::net::TcpStream::connect(addr).await.unwrap();
    let garbage: Vec<u8> = (0u8..64)
        .map(|i| i.wrapping_mul(37).wrapping_add(1))
        .collect();
    raw.write_all(&garbage).await.unwrap();
    let err = server.await.unwrap();
    assert!(matches!(err, Some(TransportError::BadInit(_))), "{err:?}");
}
