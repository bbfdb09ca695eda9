//! The server side of SOCKS5 ([RFC 1928]) with the username/password method ([RFC 1929]):
//! method selection, the optional sub-negotiation, then one `CONNECT` request.
//!
//! [RFC 1928]: https://www.rfc-editor.org/rfc/rfc1928
//! [RFC 1929]: https://www.rfc-editor.org/rfc/rfc1929

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use pyro_transport::Credentials;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Counters, Refused, allowed, connect, resolve};

/// The protocol version, first byte of every SOCKS5 message (RFC 1928 §3).
const VERSION: u8 = 0x05;
/// Method "no authentication required" (§3).
const NO_AUTH: u8 = 0x00;
/// Method "username/password" (§3, RFC 1929).
const USER_PASS: u8 = 0x02;
/// "No acceptable methods" (§3).
const NO_ACCEPTABLE: u8 = 0xff;
/// The version of the username/password sub-negotiation (RFC 1929 §2).
const AUTH_VERSION: u8 = 0x01;
/// The `CONNECT` command (§4).
const CONNECT: u8 = 0x01;
/// Address types (§5).
const IPV4: u8 = 0x01;
const DOMAIN: u8 = 0x03;
const IPV6: u8 = 0x04;

/// Reply codes (§6).
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
enum Reply {
    Succeeded = 0x00,
    NotAllowed = 0x02,
    HostUnreachable = 0x04,
    ConnectionRefused = 0x05,
    CommandNotSupported = 0x07,
    AddressTypeNotSupported = 0x08,
}

/// Runs the server's half of the handshake on `client`; returns it with the connected upstream.
pub(crate) async fn handshake(
    mut client: TcpStream,
    auth: Option<&Credentials>,
    counters: &Counters,
) -> Result<(TcpStream, TcpStream), Refused> {
    // Method selection: VER NMETHODS METHODS.
    let [version, count] = read_array(&mut client).await?;
    if version != VERSION {
        return Err(Refused::Broken);
    }
    let mut methods = vec![0u8; usize::from(count)];
    client.read_exact(&mut methods).await?;
    let wanted = if auth.is_some() { USER_PASS } else { NO_AUTH };
    if !methods.contains(&wanted) {
        let refused = counters.refused();
        client.write_all(&[VERSION, NO_ACCEPTABLE]).await?;
        return Err(refused);
    }
    client.write_all(&[VERSION, wanted]).await?;
    if let Some(expected) = auth {
        login(&mut client, expected, counters).await?;
    }
    // The request: VER CMD RSV ATYP DST.ADDR DST.PORT.
    let [version, command, _reserved, address_type] = read_array(&mut client).await?;
    if version != VERSION {
        return Err(Refused::Broken);
    }
    let target = match read_target(&mut client, address_type).await? {
        Ok(target) => target,
        Err(reply) => return refuse(&mut client, reply, counters).await,
    };
    if command != CONNECT {
        return refuse(&mut client, Reply::CommandNotSupported, counters).await;
    }
    let Some(target) = target else {
        return refuse(&mut client, Reply::HostUnreachable, counters).await;
    };
    if !allowed(target) {
        return refuse(&mut client, Reply::NotAllowed, counters).await;
    }
    let Ok(upstream) = connect(target).await else {
        return refuse(&mut client, Reply::ConnectionRefused, counters).await;
    };
    let bound = upstream.local_addr()?;
    counters.tunnel();
    client.write_all(&reply(Reply::Succeeded, bound)).await?;
    Ok((client, upstream))
}

/// The username/password sub-negotiation: VER ULEN UNAME PLEN PASSWD, answered VER STATUS
/// (0 is success; on failure the server closes the connection, RFC 1929 §2).
async fn login(
    client: &mut TcpStream,
    expected: &Credentials,
    counters: &Counters,
) -> Result<(), Refused> {
    let [version, user_len] = read_array(client).await?;
    if version != AUTH_VERSION {
        return Err(Refused::Broken);
    }
    let mut user = vec![0u8; usize::from(user_len)];
    client.read_exact(&mut user).await?;
    let mut password = vec![0u8; usize::from(client.read_u8().await?)];
    client.read_exact(&mut password).await?;
    let accepted = user == expected.username.as_bytes() && password == expected.password.as_bytes();
    let verdict = if accepted {
        Ok(())
    } else {
        Err(counters.refused())
    };
    client
        .write_all(&[AUTH_VERSION, u8::from(!accepted)])
        .await?;
    verdict
}

/// DST.ADDR and DST.PORT: `Ok(None)` for a name with no loopback address, `Err` with the reply
/// for an unknown address type.
async fn read_target(
    client: &mut TcpStream,
    address_type: u8,
) -> Result<Result<Option<SocketAddr>, Reply>, Refused> {
    let ip = match address_type {
        IPV4 => IpAddr::V4(Ipv4Addr::from(read_array::<4>(client).await?)),
        IPV6 => IpAddr::V6(Ipv6Addr::from(read_array::<16>(client).await?)),
        DOMAIN => {
            let mut name = vec![0u8; usize::from(client.read_u8().await?)];
            client.read_exact(&mut name).await?;
            let port = client.read_u16().await?;
            let name = String::from_utf8(name).map_err(|_| Refused::Broken)?;
            return Ok(Ok(resolve(&name, port).await));
        }
        _ => return Ok(Err(Reply::AddressTypeNotSupported)),
    };
    let port = client.read_u16().await?;
    Ok(Ok(Some(SocketAddr::new(ip, port))))
}

/// Counts and sends a failure reply; the connection then closes (§6).
async fn refuse<T>(client: &mut TcpStream, code: Reply, counters: &Counters) -> Result<T, Refused> {
    let refused = counters.refused();
    let unspecified = SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0));
    let _ = client.write_all(&reply(code, unspecified)).await;
    Err(refused)
}

/// A reply: VER REP RSV ATYP BND.ADDR BND.PORT.
fn reply(code: Reply, bound: SocketAddr) -> Vec<u8> {
    let mut out = vec![VERSION, code as u8, 0x00];
    match bound.ip() {
        IpAddr::V4(ip) => {
            out.push(IPV4);
            out.extend_from_slice(&ip.octets());
        }
        IpAddr::V6(ip) => {
            out.push(IPV6);
            out.extend_from_slice(&ip.octets());
        }
    }
    out.extend_from_slice(&bound.port().to_be_bytes());
    out
}

async fn read_array<const N: usize>(client: &mut TcpStream) -> std::io::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    client.read_exact(&mut bytes).await?;
    Ok(bytes)
}
