//! Tokio drivers: connecting (directly or through a proxy), accepting, and the framed
//! connection that both yield. They own the sockets, the clock and the OS RNG; all protocol logic
//! is in the sans-IO cores.

mod accept;
mod framed;
mod proxy;

pub use accept::{AcceptConfig, Accepted, accept};
pub use framed::{FramedConnection, FramedReader, FramedWriter};
pub use proxy::Credentials;

use crate::buffer::RecvBuffer;
use crate::codec::{Codec, is_valid_init};
use crate::error::{Result, TransportError};
use crate::faketls::{client_hello, verify_server_hello};
use crate::frame::{CodecKind, Limits, Side};
use crate::secret::{MtProxySecret, SecretMode};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A proxy between us and the DC.
#[derive(Debug, Clone)]
pub enum Proxy {
    /// A SOCKS5 proxy, optionally with username/password authentication.
    Socks5 {
        /// The proxy's address.
        addr: SocketAddr,
        /// Credentials, if the proxy wants them.
        auth: Option<Credentials>,
    },
    /// An HTTP proxy that supports CONNECT, optionally with Basic authentication.
    Http {
        /// The proxy's address.
        addr: SocketAddr,
        /// Credentials, if the proxy wants them.
        auth: Option<Credentials>,
    },
    /// An MTProxy: obfuscated2 (inside fake TLS for `ee` secrets) to the proxy, which picks the
    /// DC from the header's DC id. [`ConnectOptions::addr`] is not used.
    MtProxy {
        /// The proxy's address.
        addr: SocketAddr,
        /// Its secret.
        secret: MtProxySecret,
    },
}

/// Where and how to connect.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// The DC's address (IPv4 or IPv6).
    pub addr: SocketAddr,
    /// The DC id (sent inside obfuscated2 headers; negative for media DCs).
    pub dc: i16,
    /// The framing. With an MTProxy the secret may force another (see
    /// [`MtProxySecret::codec_for`]).
    pub codec: CodecKind,
    /// Wrap the framing in obfuscated2 (always on through an MTProxy).
    pub obfuscated: bool,
    /// An optional proxy.
    pub proxy: Option<Proxy>,
    /// Bound on connecting plus every handshake.
    pub timeout: Duration,
    /// Frame limits.
    pub limits: Limits,
}

impl ConnectOptions {
    /// Direct, plain-framed connection options with a 10-second timeout.
    pub fn new(addr: SocketAddr, dc: i16, codec: CodecKind) -> Self {
        Self {
            addr,
            dc,
            codec,
            obfuscated: false,
            proxy: None,
            timeout: Duration::from_secs(10),
            limits: Limits::default(),
        }
    }
}

/// Connects as a client according to `options`, performing every handshake within its timeout.
pub async fn connect(options: &ConnectOptions) -> Result<FramedConnection> {
    tokio::time::timeout(options.timeout, connect_inner(options))
        .await
        .map_err(|_| TransportError::Timeout(options.timeout))?
}

async fn connect_inner(options: &ConnectOptions) -> Result<FramedConnection> {
    let first_hop = match &options.proxy {
        None => options.addr,
        Some(
            Proxy::Socks5 { addr, .. } | Proxy::Http { addr, .. } | Proxy::MtProxy { addr, .. },
        ) => *addr,
    };
    let mut stream = TcpStream::connect(first_hop).await?;
    stream.set_nodelay(true)?;
    let seed = u64::from_le_bytes(random_array()?);
    match &options.proxy {
        Some(Proxy::Socks5 { auth, .. }) => {
            proxy::socks5(&mut stream, options.addr, auth.as_ref()).await?;
        }
        Some(Proxy::Http { auth, .. }) => {
            proxy::http_connect(&mut stream, options.addr, auth.as_ref()).await?;
        }
        Some(Proxy::MtProxy { secret, .. }) => {
            return mtproxy_connect(stream, secret, options, seed).await;
        }
        None => {}
    }
    let codec = if options.obfuscated {
        let init = random_init()?;
        Codec::obfuscated_client(options.codec, init, options.dc, None, options.limits, seed)?
    } else {
        Codec::new(options.codec, Side::Client, options.limits, seed)
    };
    Ok(FramedConnection::new(
        stream,
        codec,
        RecvBuffer::new(),
        RecvBuffer::new(),
        None,
    ))
}

/// Reads once from `stream` into `buf` (into spare capacity of at least `chunk` bytes, which is
/// not zero-filled first); returns the count, 0 at the end of the stream.
pub(crate) async fn read_into<R: AsyncRead + Unpin>(
    stream: &mut R,
    buf: &mut RecvBuffer,
    chunk: usize,
) -> Result<usize> {
    Ok(stream.read_buf(buf.storage_for_read(chunk)).await?)
}

/// Reads more handshake bytes into `buf`; the end of the stream is an error.
pub(crate) async fn fill(stream: &mut TcpStream, buf: &mut RecvBuffer) -> Result<()> {
    if read_into(stream, buf, 4096).await? == 0 {
        return Err(TransportError::end_of_stream(buf.len()));
    }
    Ok(())
}

/// `N` bytes from the OS RNG.
pub(crate) fn random_array<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| TransportError::Random)?;
    Ok(bytes)
}

/// A random obfuscated2 init, redrawn until it is valid.
pub(crate) fn random_init() -> Result<[u8; 64]> {
    loop {
        let init = random_array::<64>()?;
        if is_valid_init(&init) {
            return Ok(init);
        }
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it), as fake TLS stamps them.
pub(crate) fn unix_now() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as u32)
}

/// The client side of MTProxy on a socket connected to the proxy: obfuscated2 keyed with the
/// secret, inside fake TLS for `ee` secrets.
async fn mtproxy_connect(
    mut stream: TcpStream,
    secret: &MtProxySecret,
    options: &ConnectOptions,
    seed: u64,
) -> Result<FramedConnection> {
    let kind = secret.codec_for(options.codec);
    let init = random_init()?;
    let codec = Codec::obfuscated_client(
        kind,
        init,
        options.dc,
        Some(&secret.key),
        options.limits,
        seed,
    )?;
    let SecretMode::FakeTls { domain } = &secret.mode else {
        return Ok(FramedConnection::new(
            stream,
            codec,
            RecvBuffer::new(),
            RecvBuffer::new(),
            None,
        ));
    };
    let hello = client_hello(&secret.key, domain, unix_now(), &random_array()?);
    stream.write_all(&hello.bytes).await?;
    let mut raw = RecvBuffer::new();
    loop {
        if let Some(used) = verify_server_hello(raw.as_slice(), &secret.key, &hello.client_random)?
        {
            raw.consume(used);
            return Ok(FramedConnection::new(
                stream,
                codec,
                raw,
                RecvBuffer::new(),
                Some(true),
            ));
        }
        fill(&mut stream, &mut raw).await?;
    }
}
