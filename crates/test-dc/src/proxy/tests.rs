//! The proxies' refusals, byte by byte as the RFCs spell them, and tunnels to a local echo
//! server (the client crates test the successful paths end to end against the test DC).

use std::net::SocketAddr;

use pyro_transport::Credentials;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::ProxyServer;

/// A listener on 127.0.0.1 that echoes what each connection sends.
async fn echo() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (mut r, mut w) = stream.split();
                let _ = tokio::io::copy(&mut r, &mut w).await;
            });
        }
    });
    addr
}

/// A port on 127.0.0.1 nobody listens on (bound, then released).
async fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

async fn read_n(stream: &mut TcpStream, n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    stream.read_exact(&mut buf).await.unwrap();
    buf
}

/// Reads until the peer closes.
async fn read_all(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// A SOCKS5 greeting offering `methods`, and the proxy's choice.
async fn socks_greet(proxy: &ProxyServer, methods: &[u8]) -> (TcpStream, Vec<u8>) {
    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    let mut hello = vec![5, u8::try_from(methods.len()).unwrap()];
    hello.extend_from_slice(methods);
    stream.write_all(&hello).await.unwrap();
    let choice = read_n(&mut stream, 2).await;
    (stream, choice)
}

/// The reply code to a SOCKS5 request `cmd` for an IPv4 target.
async fn socks_reply(cmd: u8, ip: [u8; 4], port: u16) -> u8 {
    let proxy = ProxyServer::socks5(None).await.unwrap();
    let (mut stream, choice) = socks_greet(&proxy, &[0]).await;
    assert_eq!(choice, [5, 0]);
    let mut request = vec![5, cmd, 0, 1];
    request.extend_from_slice(&ip);
    request.extend_from_slice(&port.to_be_bytes());
    stream.write_all(&request).await.unwrap();
    let reply = read_n(&mut stream, 10).await;
    assert_eq!((reply[0], reply[3]), (5, 1), "{reply:?}");
    reply[1]
}

#[tokio::test]
async fn socks5_replies_as_rfc_1928_says() {
    let port = echo().await.port();
    // CONNECT to a loopback target: succeeded; anything else is refused with its code.
    assert_eq!(socks_reply(1, [127, 0, 0, 1], port).await, 0);
    assert_eq!(socks_reply(1, [10, 0, 0, 1], port).await, 2, "not loopback");
    assert_eq!(socks_reply(2, [127, 0, 0, 1], port).await, 7, "BIND");
    assert_eq!(socks_reply(1, [127, 0, 0, 1], closed_port().await).await, 5);

    // An unknown address type: 8.
    let proxy = ProxyServer::socks5(None).await.unwrap();
    let (mut stream, _) = socks_greet(&proxy, &[0]).await;
    stream.write_all(&[5, 1, 0, 9]).await.unwrap();
    assert_eq!(read_n(&mut stream, 2).await, [5, 8]);
}

#[tokio::test]
async fn socks5_login_and_a_named_target() {
    let creds = Credentials {
        username: "u".into(),
        password: "p".into(),
    };
    let proxy = ProxyServer::socks5(Some(creds)).await.unwrap();
    // Offering only "no authentication" to a guarded proxy: no acceptable method.
    let (_, choice) = socks_greet(&proxy, &[0]).await;
    assert_eq!(choice, [5, 0xff]);
    // A wrong password: status 1, then the proxy closes.
    let (mut stream, choice) = socks_greet(&proxy, &[0, 2]).await;
    assert_eq!(choice, [5, 2]);
    stream.write_all(&[1, 1, b'u', 1, b'x']).await.unwrap();
    assert_eq!(read_n(&mut stream, 2).await, [1, 1]);
    assert_eq!(read_all(&mut stream).await, "");
    // The right one, then CONNECT to "localhost" by name, then bytes through the tunnel.
    let (mut stream, _) = socks_greet(&proxy, &[2]).await;
    stream.write_all(&[1, 1, b'u', 1, b'p']).await.unwrap();
    assert_eq!(read_n(&mut stream, 2).await, [1, 0]);
    let mut request = vec![5, 1, 0, 3, 9];
    request.extend_from_slice(b"localhost");
    request.extend_from_slice(&echo().await.port().to_be_bytes());
    stream.write_all(&request).await.unwrap();
    let head = read_n(&mut stream, 4).await;
    assert_eq!(&head[..2], [5, 0]);
    let rest = if head[3] == 1 { 6 } else { 18 };
    read_n(&mut stream, rest).await;
    stream.write_all(b"ping").await.unwrap();
    assert_eq!(read_n(&mut stream, 4).await, b"ping");
    assert_eq!((proxy.tunnels(), proxy.refused()), (1, 2));
}

/// The proxy's answer to an HTTP request head (`\r\n\r\n` added), up to its close or, for a
/// tunnel, the status line.
async fn http_status(proxy: &ProxyServer, head: &str) -> String {
    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    stream
        .write_all(format!("{head}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let answer = read_all(&mut stream).await;
    answer.lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn http_connect_statuses() {
    let echo = echo().await;
    let creds = Credentials {
        username: "u".into(),
        password: "p".into(),
    };
    let proxy = ProxyServer::http(Some(creds)).await.unwrap();
    let connect = format!("CONNECT {echo} HTTP/1.1\r\nHost: {echo}");
    let status = http_status(&proxy, &format!("GET http://{echo}/ HTTP/1.1")).await;
    assert_eq!(status, "HTTP/1.1 405 Method Not Allowed");
    let status = http_status(&proxy, &connect).await;
    assert_eq!(status, "HTTP/1.1 407 Proxy Authentication Required");
    // "u:x" and "u:p" in base64.
    let wrong = format!("{connect}\r\nProxy-Authorization: Basic dTp4");
    let status = http_status(&proxy, &wrong).await;
    assert_eq!(status, "HTTP/1.1 407 Proxy Authentication Required");
    let auth = "\r\nproxy-authorization: basic dTpw";
    let status = http_status(&proxy, &format!("CONNECT 10.0.0.1:80 HTTP/1.1{auth}")).await;
    assert_eq!(status, "HTTP/1.1 403 Forbidden");
    let closed = closed_port().await;
    let status = http_status(
        &proxy,
        &format!("CONNECT 127.0.0.1:{closed} HTTP/1.1{auth}"),
    )
    .await;
    assert_eq!(status, "HTTP/1.1 502 Bad Gateway");
    assert_eq!(proxy.refused(), 5);

    // A tunnel: bytes sent right behind the head are not lost.
    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    let request = format!("{connect}{auth}\r\n\r\nearly");
    stream.write_all(request.as_bytes()).await.unwrap();
    let established = b"HTTP/1.1 200 Connection Established\r\n\r\n";
    assert_eq!(read_n(&mut stream, established.len()).await, established);
    assert_eq!(read_n(&mut stream, 5).await, b"early");
    assert_eq!(proxy.tunnels(), 1);
}
