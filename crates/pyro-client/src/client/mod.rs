//! The [`Client`]: connections per DC, typed `invoke`, migrations, flood waits, retries, and the
//! raw update feed.
//!
//! # Layout
//! - [`builder`]: [`ClientBuilder`], every setting; [`config`]: the setting types
//!   ([`Transport`], [`DeviceInfo`], [`RetryPolicy`], [`Sleeper`]); [`proxy_link`]: MTProxy and
//!   SOCKS5 links.
//! - `pool`: per DC an auth key (stored, or created by a key exchange and stored), one main
//!   session and lazily started media sessions; each DC has its own once-cells, so connecting
//!   to one DC never blocks requests to another.
//! - `session`: one pyro-session driver per session; its first call is wrapped in
//!   `invokeWithLayer(LAYER, initConnection(...))`.
//! - `invoke` and `retry`: the request loop (`*_MIGRATE_X`, flood waits at or below the
//!   threshold slept through the injectable [`Sleeper`], internal errors retried with backoff,
//!   authorization exported/imported once per DC, logins noticed and stored).
//! - [`error`]: the crate's [`Error`].
//! - [`raw_updates`]: the raw update feed.
//!
//! # For the other modules of this crate
//! - Requests: [`Client::invoke`], [`Client::invoke_in_dc`], [`Client::invoke_media`].
//! - Storage: [`Client::store`] (peers, update state, user).
//! - Updates: [`Client::take_raw_updates`] gives, once, a bounded receiver of [`RawUpdate`]:
//!   every `Updates` pushed on the home DC's main session, decoded, and
//!   [`RawUpdate::MaybeMissed`] when the server created a new session (or updates came before
//!   the feed was taken): then fetch the difference. Once the feed is taken, `Updates` answers
//!   to the client's own requests (`messages.sendMessage`'s...) come too, as
//!   [`RawUpdate::Answer`]: they are not news, but they use up `pts`.
//! - Login: after `auth.signIn` / `auth.signUp` / `auth.checkPassword` /
//!   `auth.importBotAuthorization` / `auth.importLoginToken` answer `auth.authorization`,
//!   the client stores the user ([`SessionStore::user`]) and makes the answering DC the home DC;
//!   `auth.logOut` forgets the user. Other DCs then import the authorization by themselves.

pub mod builder;
pub mod config;
pub mod error;
mod invoke;
mod pool;
pub mod proxy_link;
pub mod raw_updates;
mod retry;
mod session;

use std::sync::Arc;
use std::sync::atomic::AtomicI32;

use pyro_session::{DcFlags, DcOption, SessionStore};
use pyro_tl_types::RemoteCall;
use pyro_tl_types::api::{enums, functions};

pub use builder::ClientBuilder;
pub use config::{
    DcEndpoint, DeviceInfo, RetryPolicy, SleepFuture, Sleeper, TokioSleeper, Transport,
};
pub use error::{Error, MigrateKind, RpcError};
pub use proxy_link::{ProxyLink, ProxyLinkKind};
pub use raw_updates::{MissedReason, RawUpdate, RawUpdates};

use config::Config;
use invoke::Target;
use pool::Pool;
use raw_updates::UpdateFeed;
use session::Role;

/// A connected Telegram client. Cheap to clone (an `Arc` inside); every clone shares the
/// connections and the session store. Dropping the last clone closes every connection.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_id", &self.inner.config.api_id)
            .field("home_dc", &self.inner.home())
            .finish_non_exhaustive()
    }
}

/// What every clone of a client shares.
pub(crate) struct Inner {
    config: Arc<Config>,
    api_hash: String,
    store: Arc<dyn SessionStore>,
    home: Arc<AtomicI32>,
    pool: Pool,
    feed: Arc<UpdateFeed>,
    peers: crate::peers::PeerCache,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.pool.shutdown();
    }
}

impl Client {
    /// Starts building a client with the app's `api_id` and `api_hash` (from my.telegram.org).
    pub fn builder(api_id: i32, api_hash: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(api_id, api_hash.into())
    }

    /// Connects with the builder's settings and an opened store.
    async fn start(
        config: Config,
        api_hash: String,
        store: Arc<dyn SessionStore>,
    ) -> Result<Self, Error> {
        let config = Arc::new(config);
        let home = if let Some(dc) = store.home_dc()? {
            dc
        } else {
            store.set_test_mode(config.test_mode)?;
            store.set_home_dc(config.default_dc)?;
            config.default_dc
        };
        let home = Arc::new(AtomicI32::new(home));
        let feed = Arc::new(UpdateFeed::new(config.updates_capacity));
        let pool = Pool::new(
            Arc::clone(&config),
            Arc::clone(&store),
            Arc::clone(&home),
            Arc::clone(&feed),
        );
        let client = Self {
            inner: Arc::new(Inner {
                peers: crate::peers::PeerCache::new(Arc::clone(&store)),
                config,
                api_hash,
                store,
                home,
                pool,
                feed,
            }),
        };
        client.refresh_config().await?;
        Ok(client)
    }

    /// Sends `help.getConfig` to the home DC and stores its DC list.
    pub async fn refresh_config(&self) -> Result<(), Error> {
        let enums::Config::Config(config) = self.invoke(&functions::help::GetConfig {}).await?;
        let options: Vec<DcOption> = config
            .dc_options
            .iter()
            .filter_map(|option| {
                let enums::DcOption::DcOption(o) = option;
                let port = u16::try_from(o.port).ok()?;
                let mut flags = DcFlags::empty();
                for (set, flag) in [
                    (o.ipv6, DcFlags::IPV6),
                    (o.media_only, DcFlags::MEDIA_ONLY),
                    (o.tcpo_only, DcFlags::TCPO_ONLY),
                    (o.cdn, DcFlags::CDN),
                    (o.r#static, DcFlags::STATIC),
                    (o.this_port_only, DcFlags::THIS_PORT_ONLY),
                ] {
                    if set {
                        flags = flags | flag;
                    }
                }
                Some(DcOption {
                    dc_id: o.id,
                    ip: o.ip_address.parse().ok()?,
                    port,
                    flags,
                    secret: o.secret.clone(),
                })
            })
            .collect();
        if !options.is_empty() {
            self.inner.store.set_dc_options(&options)?;
        }
        Ok(())
    }

    /// Sends a request to the home DC and decodes its answer, following `*_MIGRATE_X`,
    /// sleeping through flood waits at or below the threshold and retrying internal errors.
    pub async fn invoke<R: RemoteCall>(&self, request: &R) -> Result<R::Return, Error>
    where
        R::Return: pyro_tl_types::CollectPeers,
    {
        self.inner.typed(Target::Home, Role::Main, request).await
    }

    /// [`invoke`](Self::invoke) on DC `dc`'s main session; the account's authorization is
    /// exported from the home DC and imported there the first time.
    pub async fn invoke_in_dc<R: RemoteCall>(
        &self,
        dc: i32,
        request: &R,
    ) -> Result<R::Return, Error>
    where
        R::Return: pyro_tl_types::CollectPeers,
    {
        self.inner.typed(Target::Dc(dc), Role::Main, request).await
    }

    /// [`invoke_in_dc`](Self::invoke_in_dc) on one of DC `dc`'s media sessions, for file parts
    /// (`upload.getFile`, `upload.saveFilePart`, ...): never compressed, and never queued behind
    /// other requests. `FILE_MIGRATE_X` sends the request on to DC X.
    pub async fn invoke_media<R: RemoteCall>(
        &self,
        dc: i32,
        request: &R,
    ) -> Result<R::Return, Error>
    where
        R::Return: pyro_tl_types::CollectPeers,
    {
        self.inner.typed(Target::Dc(dc), Role::Media, request).await
    }

    /// The peer cache: every user, group and channel seen in an answer (see [`crate::peers`]).
    pub fn peers(&self) -> &crate::peers::PeerCache {
        &self.inner.peers
    }

    /// The session store (auth keys, home DC, user, peers, update state).
    pub fn store(&self) -> &Arc<dyn SessionStore> {
        &self.inner.store
    }

    /// The account's home DC.
    pub fn home_dc(&self) -> i32 {
        self.inner.home()
    }

    /// The app's `api_id`.
    pub fn api_id(&self) -> i32 {
        self.inner.config.api_id
    }

    /// The app's `api_hash`.
    pub fn api_hash(&self) -> &str {
        &self.inner.api_hash
    }

    /// The DCs this client has connections (or connection slots) to, ascending.
    pub fn connected_dcs(&self) -> Vec<i32> {
        self.inner.pool.slot_ids()
    }

    /// The raw update feed, the first time it is asked for (`None` afterwards): see
    /// [`raw_updates`].
    pub fn take_raw_updates(&self) -> Option<RawUpdates> {
        self.inner.feed.take()
    }

    /// Closes every connection; requests in flight and later end with [`Error::Closed`] or start
    /// new connections (the client stays usable). The store stays open until the last clone is
    /// dropped.
    pub fn disconnect(&self) {
        self.inner.pool.shutdown();
    }
}
