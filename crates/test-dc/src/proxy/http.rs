//! The server side of an HTTP `CONNECT` tunnel ([RFC 9110 §9.3.6]) with optional Basic
//! authentication ([RFC 7617], sent as `Proxy-Authorization`, asked for with `407` and
//! `Proxy-Authenticate`, RFC 9110 §11.7).
//!
//! [RFC 9110 §9.3.6]: https://www.rfc-editor.org/rfc/rfc9110#section-9.3.6
//! [RFC 7617]: https://www.rfc-editor.org/rfc/rfc7617

use base64::Engine as _;
use pyro_transport::Credentials;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Counters, Refused, allowed, connect, resolve};

/// The longest request head accepted (request line and headers).
const MAX_HEAD: usize = 8 * 1024;

/// The answer that opens the tunnel.
const ESTABLISHED: &str = "HTTP/1.1 200 Connection Established\r\n\r\n";

/// Runs the proxy's half on `client`: returns it, the connected upstream and any bytes the
/// client sent after its request head (they belong to the tunnel).
pub(crate) async fn handshake(
    mut client: TcpStream,
    auth: Option<&Credentials>,
    counters: &Counters,
) -> Result<(TcpStream, TcpStream, Vec<u8>), Refused> {
    let (head, early) = read_head(&mut client).await?;
    let head = String::from_utf8(head).map_err(|_| Refused::Broken)?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let (method, target, version) = (
        request_line.next().unwrap_or_default(),
        request_line.next().unwrap_or_default(),
        request_line.next().unwrap_or_default(),
    );
    if !version.starts_with("HTTP/1.") {
        return refuse(&mut client, "400 Bad Request", "", counters).await;
    }
    if method != "CONNECT" {
        return refuse(
            &mut client,
            "405 Method Not Allowed",
            "Allow: CONNECT\r\n",
            counters,
        )
        .await;
    }
    if let Some(expected) = auth {
        let given = lines.find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("proxy-authorization")
                .then(|| value.trim())
        });
        if !given.is_some_and(|value| basic_matches(value, expected)) {
            let challenge = "Proxy-Authenticate: Basic realm=\"pyro test proxy\"\r\n";
            return refuse(
                &mut client,
                "407 Proxy Authentication Required",
                challenge,
                counters,
            )
            .await;
        }
    }
    // The CONNECT target is authority-form: host:port, an IPv6 host in brackets.
    let Some((host, port)) = target.rsplit_once(':') else {
        return refuse(&mut client, "400 Bad Request", "", counters).await;
    };
    let Ok(port) = port.parse::<u16>() else {
        return refuse(&mut client, "400 Bad Request", "", counters).await;
    };
    let Some(target) = resolve(host, port).await.filter(|t| allowed(*t)) else {
        return refuse(&mut client, "403 Forbidden", "", counters).await;
    };
    let Ok(upstream) = connect(target).await else {
        return refuse(&mut client, "502 Bad Gateway", "", counters).await;
    };
    counters.tunnel();
    client.write_all(ESTABLISHED.as_bytes()).await?;
    Ok((client, upstream, early))
}

/// Whether `Basic <base64 of user:password>` carries the expected credentials.
fn basic_matches(value: &str, expected: &Credentials) -> bool {
    let Some((scheme, token)) = value.split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(token.trim()) else {
        return false;
    };
    let wanted = format!("{}:{}", expected.username, expected.password);
    decoded == wanted.as_bytes()
}

/// Reads up to the blank line that ends the head; returns the head (without it) and whatever
/// came after it.
async fn read_head(client: &mut TcpStream) -> Result<(Vec<u8>, Vec<u8>), Refused> {
    let mut buf = Vec::with_capacity(512);
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let early = buf.split_off(end + 4);
            buf.truncate(end);
            return Ok((buf, early));
        }
        if buf.len() > MAX_HEAD {
            return Err(Refused::Broken);
        }
        let n = client.read(&mut chunk).await?;
        if n == 0 {
            return Err(Refused::Broken);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Counts and answers an error status (with extra header lines), and ends the connection.
async fn refuse<T>(
    client: &mut TcpStream,
    status: &str,
    headers: &str,
    counters: &Counters,
) -> Result<T, Refused> {
    let refused = counters.refused();
    let answer =
        format!("HTTP/1.1 {status}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n");
    let _ = client.write_all(answer.as_bytes()).await;
    let _ = client.shutdown().await;
    Err(refused)
}
