//! Proxies for tests on 127.0.0.1, written from their specifications, that relay clients to a
//! test DC:
//!
//! - SOCKS5 ([RFC 1928]), without authentication or with username/password ([RFC 1929]);
//! - HTTP `CONNECT` tunnels ([RFC 9110 §9.3.6]), optionally asking for Basic credentials
//!   ([RFC 7617]);
//! - MTProxy: obfuscated2 keyed with the proxy's secret (plain, `dd` padded, `ee` fake TLS, as
//!   [`pyro_transport::MtProxySecret`] reads them), relayed packet by packet to the DC whose id
//!   the client put in its obfuscated2 header.
//!
//! SOCKS5 and HTTP proxies connect only to loopback addresses (anything else is refused as the
//! protocol says: SOCKS5 reply 2, HTTP 403), so a test cannot reach out of the machine through
//! them. Each [`ProxyServer`] counts the tunnels it opened and the handshakes it refused, so a
//! test can check that its traffic really went through the proxy. Dropping the server stops it
//! and closes every tunnel.
//!
//! # Example
//!
//! A SOCKS5 proxy with a password in front of a test DC; the transport's client goes through.
//!
//! ```
//! use pyro_test_dc::{TestDc, proxy::ProxyServer};
//! use pyro_transport::{CodecKind, ConnectOptions, Credentials, Proxy, TransportError};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! tokio::runtime::Runtime::new()?.block_on(async {
//!     let dc = TestDc::builder().start().await?;
//!     let creds = Credentials { username: "pyro".into(), password: "s3cret".into() };
//!     let proxy = ProxyServer::socks5(Some(creds.clone())).await?;
//!     let addr = dc.address(1).ok_or("no DC 1")?;
//!     let mut options = ConnectOptions::new(addr, 1, CodecKind::Intermediate);
//!     options.proxy = Some(Proxy::Socks5 { addr: proxy.addr(), auth: Some(creds) });
//!     let mut conn = pyro_transport::connect(&options).await?;
//!     conn.send(&[0x5a; 96]).await?; // an auth key the DC does not know: -404 through the tunnel
//!     assert!(matches!(conn.recv().await, Err(TransportError::ErrorCode { code: -404 })));
//!     assert_eq!(proxy.tunnels(), 1);
//!     Ok(())
//! })
//! # }
//! ```
//!
//! [RFC 1928]: https://www.rfc-editor.org/rfc/rfc1928
//! [RFC 1929]: https://www.rfc-editor.org/rfc/rfc1929
//! [RFC 9110 §9.3.6]: https://www.rfc-editor.org/rfc/rfc9110#section-9.3.6
//! [RFC 7617]: https://www.rfc-editor.org/rfc/rfc7617

mod http;
mod mtproxy;
mod socks5;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use pyro_transport::{AcceptConfig, Credentials, MtProxySecret};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::net::{DcInfo, NetError};

/// Why a proxy handshake ended without a tunnel; the connection is then closed.
#[derive(Debug)]
pub(crate) enum Refused {
    /// The proxy answered with its protocol's refusal, counted before it was sent (so a client
    /// that reads the refusal sees the count).
    Answered,
    /// The handshake broke off (malformed, cut, wrong secret): counted when the handler ends.
    Broken,
}

impl From<std::io::Error> for Refused {
    fn from(_: std::io::Error) -> Self {
        Self::Broken
    }
}

impl From<pyro_transport::TransportError> for Refused {
    fn from(_: pyro_transport::TransportError) -> Self {
        Self::Broken
    }
}

/// What a proxy speaks.
enum Protocol {
    Socks5(Option<Credentials>),
    Http(Option<Credentials>),
    MtProxy {
        accept: AcceptConfig,
        dcs: HashMap<i32, SocketAddr>,
    },
}

/// Counts shared by a server and its connections.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    tunnels: AtomicU64,
    refused: AtomicU64,
}

impl Counters {
    /// Counts a refusal; call before the refusal is sent.
    pub(crate) fn refused(&self) -> Refused {
        self.refused.fetch_add(1, Ordering::Relaxed);
        Refused::Answered
    }

    /// Counts a tunnel; call before the client learns it is open.
    pub(crate) fn tunnel(&self) {
        self.tunnels.fetch_add(1, Ordering::Relaxed);
    }
}

/// A running test proxy on 127.0.0.1 (see the [module docs](self)).
#[derive(Debug)]
pub struct ProxyServer {
    addr: SocketAddr,
    counters: Arc<Counters>,
    stop: watch::Sender<bool>,
}

impl ProxyServer {
    /// A SOCKS5 proxy: without authentication when `auth` is `None`, else username/password
    /// only (a client offering no acceptable method gets `0xff`).
    pub async fn socks5(auth: Option<Credentials>) -> Result<Self, NetError> {
        Self::start(Protocol::Socks5(auth)).await
    }

    /// An HTTP proxy serving `CONNECT`: open, or asking for these Basic credentials (407
    /// without them).
    pub async fn http(auth: Option<Credentials>) -> Result<Self, NetError> {
        Self::start(Protocol::Http(auth)).await
    }

    /// An MTProxy with `secret` in front of `dcs`: clients that do not open obfuscated2 with
    /// the secret (or, for `dd` and `ee` secrets, do not use the padded intermediate codec and
    /// fake TLS) are disconnected; the others are relayed to the DC their header names (its
    /// absolute value: media connections send the id negated).
    pub async fn mtproxy(secret: &MtProxySecret, dcs: &[DcInfo]) -> Result<Self, NetError> {
        let dcs = dcs.iter().map(|dc| (dc.id, dc.addr)).collect();
        let accept = AcceptConfig::mtproxy(secret);
        Self::start(Protocol::MtProxy { accept, dcs }).await
    }

    async fn start(protocol: Protocol) -> Result<Self, NetError> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(serve(
            listener,
            Arc::new(protocol),
            Arc::clone(&counters),
            stopped,
        ));
        Ok(Self {
            addr,
            counters,
            stop,
        })
    }

    /// Where the proxy listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many tunnels to a DC it has opened.
    pub fn tunnels(&self) -> u64 {
        self.counters.tunnels.load(Ordering::Relaxed)
    }

    /// How many clients it turned away (wrong credentials or secret, a refused target, a
    /// malformed handshake). A refusal the protocol answers (SOCKS5, HTTP) is counted before
    /// the answer goes out; one it cannot answer (MTProxy, a cut handshake) after the proxy
    /// closed the connection.
    pub fn refused(&self) -> u64 {
        self.counters.refused.load(Ordering::Relaxed)
    }
}

impl Drop for ProxyServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Accepts clients until stopped; dropping the set of connections on the way out closes them.
async fn serve(
    listener: TcpListener,
    protocol: Arc<Protocol>,
    counters: Arc<Counters>,
    mut stop: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    let protocol = Arc::clone(&protocol);
                    let counters = Arc::clone(&counters);
                    connections.spawn(async move {
                        let handled = Box::pin(handle(stream, &protocol, &counters)).await;
                        if let Err(Refused::Broken) = handled {
                            counters.refused();
                        }
                    });
                }
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = stop.changed() => return,
        }
    }
}

/// One client: the handshake, then the relay until either side closes.
async fn handle(
    stream: TcpStream,
    protocol: &Protocol,
    counters: &Counters,
) -> Result<(), Refused> {
    stream.set_nodelay(true)?;
    match protocol {
        Protocol::Socks5(auth) => {
            let (client, upstream) = socks5::handshake(stream, auth.as_ref(), counters).await?;
            pipe(client, upstream, &[]).await;
        }
        Protocol::Http(auth) => {
            let (client, upstream, early) =
                http::handshake(stream, auth.as_ref(), counters).await?;
            pipe(client, upstream, &early).await;
        }
        Protocol::MtProxy { accept, dcs } => {
            let (client, upstream) = mtproxy::handshake(stream, accept, dcs).await?;
            // The client hears nothing before the relay starts: counted in time.
            counters.tunnel();
            // Boxed: two framed connections make a large future.
            Box::pin(mtproxy::relay(client, upstream)).await;
        }
    }
    Ok(())
}

/// Copies bytes both ways until either side closes; `early` (bytes the client sent right
/// after its handshake) goes upstream first.
async fn pipe(mut client: TcpStream, mut upstream: TcpStream, early: &[u8]) {
    if upstream.write_all(early).await.is_ok() {
        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
    }
}

/// Whether the proxies may connect to `target`: loopback addresses only.
fn allowed(target: SocketAddr) -> bool {
    target.ip().is_loopback()
}

/// Connects to `target` (already [`allowed`]).
async fn connect(target: SocketAddr) -> std::io::Result<TcpStream> {
    let stream = TcpStream::connect(target).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// The first loopback address `host:port` resolves to (names are looked up, so `localhost`
/// works); `None` when it has none.
async fn resolve(host: &str, port: u16) -> Option<SocketAddr> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    tokio::net::lookup_host((host, port))
        .await
        .ok()?
        .find(|addr| allowed(*addr))
}
