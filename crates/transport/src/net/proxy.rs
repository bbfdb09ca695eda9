//! SOCKS5 (RFC 1928, username/password per RFC 1929) and HTTP CONNECT (RFC 9110 §9.3.6, Basic
//! credentials per RFC 7617) handshakes on an already connected socket.

use crate::error::{Result, TransportError};
use base64::Engine as _;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A user name and password for a proxy.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    /// Keeps the password out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

fn refused(what: impl Into<String>) -> TransportError {
    TransportError::Proxy(what.into())
}

/// Asks a SOCKS5 proxy on `stream` to connect to `target`.
pub(crate) async fn socks5(
    stream: &mut TcpStream,
    target: SocketAddr,
    auth: Option<&Credentials>,
) -> Result<()> {
    let methods: &[u8] = if auth.is_some() {
        &[0x00, 0x02]
    } else {
        &[0x00]
    };
    let mut hello = vec![0x05, methods.len() as u8];
    hello.extend_from_slice(methods);
    stream.write_all(&hello).await?;
    let mut choice = [0u8; 2];
    stream.read_exact(&mut choice).await?;
    match (choice, auth) {
        ([0x05, 0x00], _) => {}
        ([0x05, 0x02], Some(creds)) => socks5_login(stream, creds).await?,
        ([0x05, 0xff], _) => return Err(refused("SOCKS5: no acceptable authentication method")),
        _ => {
            return Err(refused(format!(
                "SOCKS5: unexpected method reply {choice:02x?}"
            )));
        }
    }
    let mut request = vec![0x05, 0x01, 0x00];
    match target {
        SocketAddr::V4(v4) => {
            request.push(0x01);
            request.extend_from_slice(&v4.ip().octets());
        }
        SocketAddr::V6(v6) => {
            request.push(0x04);
            request.extend_from_slice(&v6.ip().octets());
        }
    }
    request.extend_from_slice(&target.port().to_be_bytes());
    stream.write_all(&request).await?;
    let mut reply = [0u8; 4];
    stream.read_exact(&mut reply).await?;
    if reply[0] != 0x05 || reply[1] != 0x00 {
        return Err(refused(format!(
            "SOCKS5: connect refused, reply code {}",
            reply[1]
        )));
    }
    let bound = match reply[3] {
        0x01 => 4,
        0x04 => 16,
        0x03 => usize::from(stream.read_u8().await?),
        other => return Err(refused(format!("SOCKS5: unknown address type {other}"))),
    };
    let mut rest = vec![0u8; bound + 2];
    stream.read_exact(&mut rest).await?;
    Ok(())
}

/// RFC 1929 username/password sub-negotiation.
async fn socks5_login(stream: &mut TcpStream, creds: &Credentials) -> Result<()> {
    let (user, pass) = (creds.username.as_bytes(), creds.password.as_bytes());
    let (Ok(ulen), Ok(plen)) = (u8::try_from(user.len()), u8::try_from(pass.len())) else {
        return Err(TransportError::Config(
            "SOCKS5 credentials are at most 255 bytes each",
        ));
    };
    let mut login = vec![0x01, ulen];
    login.extend_from_slice(user);
    login.push(plen);
    login.extend_from_slice(pass);
    stream.write_all(&login).await?;
    let mut status = [0u8; 2];
    stream.read_exact(&mut status).await?;
    if status[1] != 0x00 {
        return Err(refused("SOCKS5: username/password rejected"));
    }
    Ok(())
}

/// The longest HTTP response head accepted from a proxy.
const MAX_HTTP_HEAD: usize = 16 * 1024;

/// Asks an HTTP proxy on `stream` to open a tunnel to `target` with CONNECT.
pub(crate) async fn http_connect(
    stream: &mut TcpStream,
    target: SocketAddr,
    auth: Option<&Credentials>,
) -> Result<()> {
    let mut request = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(creds) = auth {
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", creds.username, creds.password));
        request = request + "Proxy-Authorization: Basic " + &token + "\r\n";
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await?;
    // Byte by byte: nothing of the tunnelled stream may be read past the head (the client
    // speaks first, so the proxy sends nothing after it, but a reply is not trusted to).
    let mut head = Vec::with_capacity(256);
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() >= MAX_HTTP_HEAD {
            return Err(refused("HTTP proxy: response head too long"));
        }
        head.push(stream.read_u8().await?);
    }
    let status_line = head.split(|&b| b == b'\r').next().unwrap_or_default();
    let status_line = String::from_utf8_lossy(status_line);
    let mut words = status_line.split_whitespace();
    let version_ok = words.next().is_some_and(|v| v.starts_with("HTTP/1."));
    if !version_ok || words.next() != Some("200") {
        return Err(refused(format!("HTTP proxy: {status_line}")));
    }
    Ok(())
}
