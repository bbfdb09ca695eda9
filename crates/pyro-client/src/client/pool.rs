//! The connections of one client: per DC, its auth key (loaded from the store or created by a key
//! exchange and stored), one main session and up to N media sessions, each started lazily.
//!
//! Every DC has its own slot with its own once-cells, so connecting to one DC (a key exchange
//! that takes a while, or a DC that is down) never blocks requests to another; the map of slots
//! is only locked to find or add a slot.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyro_mtproto_crypto::AuthKey as CryptoKey;
use pyro_mtproto_crypto::handshake::ClientOptions;
use pyro_session::driver::{self, DriverConfig, PfsConfig};
use pyro_session::storage::strings::well_known_address;
use pyro_session::{AuthKey, DcFlags, SessionStore};
use pyro_transport::ConnectOptions;
use tokio::sync::OnceCell;

use super::config::Config;
use super::error::Error;
use super::raw_updates::UpdateFeed;
use super::session::{Role, Session};

/// A DC's auth key with what the key exchange (or the store) says about it.
#[derive(Clone)]
struct KeyMaterial {
    key: CryptoKey,
    /// The first salt (0 for a stored key: the server corrects it with `bad_server_salt`).
    salt: i64,
    /// Server time minus local time, from the key exchange.
    time_offset: i32,
}

/// One DC's connections.
pub(crate) struct DcSlot {
    id: i32,
    key: OnceCell<KeyMaterial>,
    main: OnceCell<Arc<Session>>,
    media: Vec<OnceCell<Arc<Session>>>,
    next_media: AtomicUsize,
    /// Set once this client has imported the account's authorization into this DC.
    pub(crate) authorized: OnceCell<()>,
}

/// Every DC's slot, and what creating a session needs.
pub(crate) struct Pool {
    config: Arc<Config>,
    store: Arc<dyn SessionStore>,
    home: Arc<AtomicI32>,
    feed: Arc<UpdateFeed>,
    slots: Mutex<HashMap<i32, Arc<DcSlot>>>,
    /// The last clock offset learned from any DC (applies to sessions on stored keys).
    time_offset: AtomicI32,
}

impl Pool {
    pub(crate) fn new(
        config: Arc<Config>,
        store: Arc<dyn SessionStore>,
        home: Arc<AtomicI32>,
        feed: Arc<UpdateFeed>,
    ) -> Self {
        Self {
            config,
            store,
            home,
            feed,
            slots: Mutex::new(HashMap::new()),
            time_offset: AtomicI32::new(0),
        }
    }

    /// The slot of DC `dc`, created on first use.
    pub(crate) fn slot(&self, dc: i32) -> Arc<DcSlot> {
        let mut slots = match self.slots.lock() {
            Ok(slots) => slots,
            Err(poisoned) => poisoned.into_inner(),
        };
        let media = self.config.media_connections.max(1);
        Arc::clone(slots.entry(dc).or_insert_with(|| {
            Arc::new(DcSlot {
                id: dc,
                key: OnceCell::new(),
                main: OnceCell::new(),
                media: (0..media).map(|_| OnceCell::new()).collect(),
                next_media: AtomicUsize::new(0),
                authorized: OnceCell::new(),
            })
        }))
    }

    /// A session of `role` to DC `dc`, started (and its key created) if needed.
    pub(crate) async fn session(&self, dc: i32, role: Role) -> Result<Arc<Session>, Error> {
        let slot = self.slot(dc);
        let cell = match role {
            Role::Main => &slot.main,
            Role::Media => {
                let i = slot.next_media.fetch_add(1, Ordering::Relaxed) % slot.media.len();
                &slot.media[i]
            }
        };
        let session = cell
            .get_or_try_init(|| async {
                let key = slot
                    .key
                    .get_or_try_init(|| self.load_or_create_key(dc))
                    .await?;
                let mut config = DriverConfig::new(self.connect_options(dc, role)?);
                config.time_offset = key.time_offset;
                if self.config.pfs {
                    let keys = self.config.rsa_keys.clone();
                    config.pfs = Some(PfsConfig::new(self.exchange_dc(dc), keys));
                }
                let session = Session::start(
                    config,
                    key.key.clone(),
                    key.salt,
                    dc,
                    role,
                    Arc::clone(&self.home),
                    Arc::clone(&self.feed),
                )?;
                Ok::<_, Error>(Arc::new(session))
            })
            .await?;
        Ok(Arc::clone(session))
    }

    /// The stored auth key of `dc`, or a new one from a key exchange on a fresh connection
    /// (stored before it is used).
    async fn load_or_create_key(&self, dc: i32) -> Result<KeyMaterial, Error> {
        if let Some(stored) = self.store.auth_key(dc)? {
            return Ok(KeyMaterial {
                key: CryptoKey::from_bytes(*stored.as_bytes()),
                salt: 0,
                time_offset: self.time_offset.load(Ordering::Relaxed),
            });
        }
        let options = self.connect_options(dc, Role::Main)?;
        let exchange = async {
            let mut conn = pyro_transport::connect(&options).await?;
            let inner_dc = if self.config.test_mode {
                dc + 10_000
            } else {
                dc
            };
            driver::create_auth_key(
                &mut conn,
                ClientOptions::permanent(inner_dc),
                &self.config.rsa_keys,
            )
            .await
            .map_err(|source| match source {
                driver::DriverError::Transport(e) => Error::Transport(e),
                source => Error::KeyExchange { dc, source },
            })
        };
        let finished = tokio::time::timeout(self.config.connect_timeout * 2, exchange)
            .await
            .map_err(|_| Error::Timeout)??;
        self.store
            .set_auth_key(dc, Some(&AuthKey::new(*finished.auth_key.as_bytes())))?;
        self.time_offset
            .store(finished.time_offset, Ordering::Relaxed);
        Ok(KeyMaterial {
            key: finished.auth_key,
            salt: finished.first_salt,
            time_offset: finished.time_offset,
        })
    }

    /// The DC id as key exchanges and obfuscation headers spell it (plus 10 000 on Telegram's
    /// test servers).
    fn exchange_dc(&self, dc: i32) -> i32 {
        if self.config.test_mode {
            dc + 10_000
        } else {
            dc
        }
    }

    /// Where and how to connect to `dc`.
    fn connect_options(&self, dc: i32, role: Role) -> Result<ConnectOptions, Error> {
        let addr = self.address(dc, role)?;
        let (codec, obfuscated) = self.config.transport.codec();
        let mut header_dc = if self.config.test_mode {
            dc + 10_000
        } else {
            dc
        };
        if role == Role::Media {
            header_dc = -header_dc;
        }
        let header_dc = i16::try_from(header_dc).map_err(|_| Error::UnknownDc(dc))?;
        let mut options = ConnectOptions::new(addr, header_dc, codec);
        options.obfuscated = obfuscated;
        options.proxy.clone_from(&self.config.proxy);
        options.timeout = self.config.connect_timeout;
        Ok(options)
    }

    /// The address of `dc`: given by hand, else from the stored `help.getConfig` options
    /// (media-only ones first for media sessions, IPv6 ones only when enabled), else Telegram's
    /// well-known address.
    fn address(&self, dc: i32, role: Role) -> Result<SocketAddr, Error> {
        if let Some(endpoint) = self.config.dcs.iter().find(|d| d.id == dc) {
            return Ok(endpoint.addr);
        }
        let options = self.store.dc_options()?;
        let usable = |media_ok: bool| {
            options.iter().find(|o| {
                o.dc_id == dc
                    && !o.flags.contains(DcFlags::CDN)
                    && !o.flags.contains(DcFlags::TCPO_ONLY)
                    && (self.config.ipv6 || !o.ip.is_ipv6())
                    && (media_ok || !o.flags.contains(DcFlags::MEDIA_ONLY))
                    && (!media_ok || o.flags.contains(DcFlags::MEDIA_ONLY))
            })
        };
        let found = match role {
            Role::Media => usable(true).or_else(|| usable(false)),
            Role::Main => usable(false),
        };
        if let Some(option) = found {
            return Ok(SocketAddr::new(option.ip, option.port));
        }
        well_known_address(dc, self.config.test_mode).ok_or(Error::UnknownDc(dc))
    }

    /// The number of the DC a slot belongs to (for diagnostics).
    pub(crate) fn slot_ids(&self) -> Vec<i32> {
        let slots = match self.slots.lock() {
            Ok(slots) => slots,
            Err(poisoned) => poisoned.into_inner(),
        };
        let mut ids: Vec<i32> = slots.values().map(|s| s.id).collect();
        ids.sort_unstable();
        ids
    }

    /// Stops every session (pending requests end with [`Error::Closed`]) and forgets them.
    pub(crate) fn shutdown(&self) {
        let slots = match self.slots.lock() {
            Ok(mut slots) => std::mem::take(&mut *slots),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        for slot in slots.values() {
            for cell in std::iter::once(&slot.main).chain(&slot.media) {
                if let Some(session) = cell.get() {
                    session.stop();
                }
            }
        }
    }
}
