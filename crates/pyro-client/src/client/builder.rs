//! [`ClientBuilder`]: every setting of a client, then [`ClientBuilder::connect`].

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_session::{MemoryStore, SessionStore, SqliteStore};
use pyro_transport::Proxy;

use super::Client;
use super::config::{Config, DcEndpoint, DeviceInfo, RetryPolicy, Sleeper, Transport};
use super::error::Error;
use super::proxy_link::ProxyLink;

/// Where the session lives.
#[derive(Clone)]
enum StoreChoice {
    File(PathBuf),
    Memory,
    Custom(Arc<dyn SessionStore>),
}

/// The proxy, as given.
#[derive(Debug, Clone)]
enum ProxyChoice {
    Direct,
    Proxy(Proxy),
    Link(String),
}

/// Builds a [`Client`]: `Client::builder(api_id, api_hash)`, settings, then
/// [`connect`](Self::connect). Every setting has a default suited to Telegram's production
/// servers; tests point the client at a local test DC with [`dc`](Self::dc) and
/// [`rsa_key_pem`](Self::rsa_key_pem).
#[must_use]
pub struct ClientBuilder {
    api_id: i32,
    api_hash: String,
    store: StoreChoice,
    proxy: ProxyChoice,
    rsa_pems: Vec<String>,
    config: Config,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_id", &self.api_id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub(crate) fn new(api_id: i32, api_hash: String) -> Self {
        Self {
            api_id,
            api_hash,
            store: StoreChoice::File(PathBuf::from("pyro.session")),
            proxy: ProxyChoice::Direct,
            rsa_pems: Vec::new(),
            config: Config::defaults(api_id),
        }
    }

    // ----- Storage -----

    /// Keeps the session in this SQLite file (the default is `pyro.session` in the working
    /// directory). Opening a file another client has open fails with
    /// [`Error::SessionInUse`].
    pub fn session_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.store = StoreChoice::File(path.into());
        self
    }

    /// Keeps the session in memory only (gone when the client is dropped).
    pub fn in_memory(mut self) -> Self {
        self.store = StoreChoice::Memory;
        self
    }

    /// Keeps the session in any store.
    pub fn store(mut self, store: Arc<dyn SessionStore>) -> Self {
        self.store = StoreChoice::Custom(store);
        self
    }

    // ----- Network -----

    /// The framing (abridged by default; obfuscated variants hide the protocol).
    pub fn transport(mut self, transport: Transport) -> Self {
        self.config.transport = transport;
        self
    }

    /// Connects through a SOCKS5, HTTP CONNECT or MTProxy proxy.
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = ProxyChoice::Proxy(proxy);
        self
    }

    /// Connects through the proxy of a `tg://proxy?...`, `https://t.me/proxy?...` (MTProxy) or
    /// `tg://socks?...` link; a bad link fails [`connect`](Self::connect) with
    /// [`Error::Config`].
    pub fn proxy_link(mut self, link: impl Into<String>) -> Self {
        self.proxy = ProxyChoice::Link(link.into());
        self
    }

    /// Uses IPv6 addresses from `help.getConfig` too (off by default).
    pub fn ipv6(mut self, enabled: bool) -> Self {
        self.config.ipv6 = enabled;
        self
    }

    /// Talks to Telegram's test servers (their addresses and RSA key) instead of production.
    pub fn test_mode(mut self, enabled: bool) -> Self {
        self.config.test_mode = enabled;
        self
    }

    /// The address of DC `id`, overriding every other source (the first DC given becomes the
    /// default home DC). This is how a client reaches a local test DC.
    pub fn dc(mut self, id: i32, addr: SocketAddr) -> Self {
        if self.config.dcs.is_empty() {
            self.config.default_dc = id;
        }
        self.config.dcs.retain(|d| d.id != id);
        self.config.dcs.push(DcEndpoint { id, addr });
        self
    }

    /// The DC a fresh session starts on (2 by default, or the first [`dc`](Self::dc) given).
    pub fn home_dc(mut self, id: i32) -> Self {
        self.config.default_dc = id;
        self
    }

    /// Trusts this server RSA public key (PKCS#1 or SPKI PEM) for key exchanges, instead of
    /// Telegram's built-in production (or test) key. May be given several times.
    pub fn rsa_key_pem(mut self, pem: impl Into<String>) -> Self {
        self.rsa_pems.push(pem.into());
        self
    }

    /// Bounds connecting plus the transport handshakes (10 s by default; the key exchange gets
    /// twice as long).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    // ----- Requests -----

    /// How the client describes itself in `initConnection` (defaults from the OS).
    pub fn device(mut self, device: DeviceInfo) -> Self {
        self.config.device = device;
        self
    }

    /// Flood waits at or below this are slept through and the request sent again; longer ones
    /// return [`Error::FloodWait`]. 10 s by default; zero never sleeps.
    pub fn flood_sleep_threshold(mut self, threshold: Duration) -> Self {
        self.config.flood_sleep_threshold = threshold;
        self
    }

    /// How long one attempt of a request may wait for its answer (60 s by default; `None`
    /// waits for ever).
    pub fn request_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.config.request_timeout = timeout;
        self
    }

    /// Retries of internal errors and the migration and flood-sleep limits.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.config.retry = policy;
        self
    }

    /// Media sessions per DC for file parts (2 by default, at least 1), started lazily.
    pub fn media_connections(mut self, n: usize) -> Self {
        self.config.media_connections = n.max(1);
        self
    }

    /// Capacity of the raw update feed (1024 by default).
    pub fn updates_capacity(mut self, n: usize) -> Self {
        self.config.updates_capacity = n.max(1);
        self
    }

    /// Where flood waits and backoffs sleep (tokio's timer by default; tests inject a recorder).
    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.config.sleeper = sleeper;
        self
    }

    /// Perfect forward secrecy: every session runs over a temporary auth key (24 h) bound to
    /// the permanent one with `auth.bindTempAuthKey` and renewed before it expires; the
    /// permanent key never carries traffic. Off by default.
    pub fn pfs(mut self, enabled: bool) -> Self {
        self.config.pfs = enabled;
        self
    }

    /// Opens the session store, connects to the home DC (creating and storing an auth key if
    /// there is none), sends `help.getConfig` wrapped in `initConnection` and stores the DC
    /// list it returns.
    pub async fn connect(mut self) -> Result<Client, Error> {
        self.config.proxy = match &self.proxy {
            ProxyChoice::Direct => None,
            ProxyChoice::Proxy(proxy) => Some(proxy.clone()),
            ProxyChoice::Link(link) => Some(ProxyLink::parse(link)?.resolve().await?),
        };
        self.config.rsa_keys = self
            .rsa_pems
            .iter()
            .map(|pem| {
                RsaPublicKey::from_pem(pem).map_err(|e| Error::Config(format!("RSA key: {e}")))
            })
            .collect::<Result<_, _>>()?;
        if self.config.rsa_keys.is_empty() {
            self.config.rsa_keys.push(if self.config.test_mode {
                RsaPublicKey::test_dc()
            } else {
                RsaPublicKey::production()
            });
        }
        let store: Arc<dyn SessionStore> = match self.store {
            StoreChoice::File(path) => {
                let opened = tokio::task::spawn_blocking(move || SqliteStore::open(&path))
                    .await
                    .map_err(|_| Error::Closed)??;
                Arc::new(opened)
            }
            StoreChoice::Memory => Arc::new(MemoryStore::new()),
            StoreChoice::Custom(store) => store,
        };
        Client::start(self.config, self.api_hash, store).await
    }
}
