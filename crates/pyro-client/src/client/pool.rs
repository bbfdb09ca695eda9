//! The connections of one client: per DC, its auth key (loaded from the store or created by a key
//! exchange and stored), one main session and up to N media sessions, each started lazily.
//!
//! Every DC has its own slot with its own once-cells, so connecting to one DC (a key exchange
//! that takes a while, or a DC that is down) never blocks requests to another; the map of slots
//! is only locked to find or add a slot.
//!
//! A task per session follows its driver's state: it stores the server clock offset whenever
//! it changes (so a restarted client's first message ids are right), and when the server has
//! forgotten the DC's permanent key (transport error -404 without PFS) it makes a new key once
//! for the whole DC, stores it, forgets the logged-in user if the DC is the home DC (the new key
//! is not authorized), and moves every session of the DC onto it: their queued requests go out
//! again over the new key instead of timing out.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use pyro_mtproto_crypto::AuthKey as CryptoKey;
use pyro_mtproto_crypto::handshake::ClientOptions;
use pyro_session::driver::{self, DriverConfig, DriverState, PfsConfig};
use pyro_session::storage::strings::well_known_address;
use pyro_session::{AuthKey, DcFlags, SessionStore};
use pyro_transport::ConnectOptions;
use tokio::sync::{OnceCell, watch};

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
    /// Server time minus local time, from the key exchange or the store.
    time_offset: i32,
}

/// One DC's connections.
pub(crate) struct DcSlot {
    id: i32,
    key: OnceCell<KeyMaterial>,
    /// The key that replaced a lost one (the server answered -404): newer than `key`.
    replaced: Mutex<Option<KeyMaterial>>,
    /// Held while a lost key is replaced, so the DC's sessions make one new key between them.
    rekeying: tokio::sync::Mutex<()>,
    main: OnceCell<Arc<Session>>,
    media: Vec<OnceCell<Arc<Session>>>,
    next_media: AtomicUsize,
    /// The id of the key this client imported the account's authorization into this DC on:
    /// a key made after the DC forgot the old one needs a new import. Held during an import.
    pub(crate) authorized: tokio::sync::Mutex<Option<i64>>,
}

impl DcSlot {
    /// The key sessions of this DC use now, once one is loaded or made.
    fn current_key(&self) -> Option<KeyMaterial> {
        lock(&self.replaced)
            .clone()
            .or_else(|| self.key.get().cloned())
    }

    /// The id of the key sessions of this DC use now, once one is loaded or made.
    pub(crate) fn current_key_id(&self) -> Option<i64> {
        self.current_key().map(|k| k.key.id())
    }

    /// The sessions started so far.
    fn sessions(&self) -> impl Iterator<Item = &Arc<Session>> {
        std::iter::once(&self.main)
            .chain(&self.media)
            .filter_map(OnceCell::get)
    }
}

/// A mutex's guard, also after a panic elsewhere (every value guarded here stays consistent).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Every DC's slot, and what creating a session needs; shared with the tasks that follow the
/// sessions' states.
pub(crate) struct Pool(Arc<Shared>);

impl Deref for Pool {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`Pool`] shares.
pub(crate) struct Shared {
    config: Arc<Config>,
    store: Arc<dyn SessionStore>,
    home: Arc<AtomicI32>,
    feed: Arc<UpdateFeed>,
    slots: Mutex<HashMap<i32, Arc<DcSlot>>>,
    /// The last clock offset learned from any DC, for stores that do not keep one.
    time_offset: AtomicI32,
}

impl Pool {
    pub(crate) fn new(
        config: Arc<Config>,
        store: Arc<dyn SessionStore>,
        home: Arc<AtomicI32>,
        feed: Arc<UpdateFeed>,
    ) -> Self {
        Self(Arc::new(Shared {
            config,
            store,
            home,
            feed,
            slots: Mutex::new(HashMap::new()),
            time_offset: AtomicI32::new(0),
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
                let replaced = lock(&slot.replaced).clone();
                let key = match replaced {
                    Some(key) => key,
                    None => slot
                        .key
                        .get_or_try_init(|| self.load_or_create_key(dc))
                        .await?
                        .clone(),
                };
                let mut config = DriverConfig::new(self.connect_options(dc, role)?);
                config.time_offset = key.time_offset;
                if self.config.pfs {
                    let keys = self.config.rsa_keys.clone();
                    config.pfs = Some(PfsConfig::new(self.exchange_dc(dc), keys));
                }
                let session = Session::start(
                    config,
                    key.key,
                    key.salt,
                    dc,
                    role,
                    Arc::clone(&self.home),
                    Arc::clone(&self.feed),
                )?;
                let state = session.watch_state();
                tokio::spawn(follow_session(Arc::downgrade(&self.0), dc, state));
                Ok::<_, Error>(Arc::new(session))
            })
            .await?;
        Ok(Arc::clone(session))
    }
}

/// Follows one session's driver state until the driver stops: stores the clock offset when it
/// changes, and replaces the DC's key when the server has forgotten it (-404 without PFS; with
/// PFS the driver makes a new temporary key by itself).
async fn follow_session(pool: Weak<Shared>, dc: i32, mut state: watch::Receiver<DriverState>) {
    let mut offset = state.borrow().time_offset;
    while state.changed().await.is_ok() {
        let now = state.borrow_and_update().clone();
        let Some(pool) = pool.upgrade() else {
            return;
        };
        if now.time_offset != offset {
            offset = now.time_offset;
            // A store that fails here costs one bad_msg_notification round on the next start.
            let _ = pool.note_time_offset(offset);
        }
        if now.last_transport_error == Some(-404) && !pool.config.pfs {
            // On failure (the DC unreachable, the store failing) the driver keeps reconnecting,
            // and its next -404 brings the session back here.
            let _ = pool.replace_lost_key(dc, now.auth_key_id).await;
        }
    }
}

impl Shared {
    /// The slot of DC `dc`, created on first use.
    pub(crate) fn slot(&self, dc: i32) -> Arc<DcSlot> {
        let mut slots = lock(&self.slots);
        let media = self.config.media_connections.max(1);
        Arc::clone(slots.entry(dc).or_insert_with(|| {
            Arc::new(DcSlot {
                id: dc,
                key: OnceCell::new(),
                replaced: Mutex::new(None),
                rekeying: tokio::sync::Mutex::new(()),
                main: OnceCell::new(),
                media: (0..media).map(|_| OnceCell::new()).collect(),
                next_media: AtomicUsize::new(0),
                authorized: tokio::sync::Mutex::new(None),
            })
        }))
    }

    /// The stored auth key of `dc` (with the stored clock offset), or a new one from a key
    /// exchange.
    async fn load_or_create_key(&self, dc: i32) -> Result<KeyMaterial, Error> {
        let Some(stored) = self.store.auth_key(dc)? else {
            return self.create_key(dc).await;
        };
        let time_offset = match self.store.time_offset()? {
            Some(offset) => offset,
            None => self.time_offset.load(Ordering::Relaxed),
        };
        Ok(KeyMaterial {
            key: CryptoKey::from_bytes(*stored.as_bytes()),
            salt: 0,
            time_offset,
        })
    }

    /// A new permanent key for `dc` from a key exchange on a fresh connection, stored (with the
    /// clock offset it brings) before it is used.
    async fn create_key(&self, dc: i32) -> Result<KeyMaterial, Error> {
        let options = self.connect_options(dc, Role::Main)?;
        let exchange = async {
            let mut conn = pyro_transport::connect(&options).await?;
            let inner_dc = self.exchange_dc(dc);
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
        self.note_time_offset(finished.time_offset)?;
        Ok(KeyMaterial {
            key: finished.auth_key,
            salt: finished.first_salt,
            time_offset: finished.time_offset,
        })
    }

    /// Keeps a DC's clock offset for the sessions started later and for the next run.
    fn note_time_offset(&self, offset: i32) -> Result<(), Error> {
        self.time_offset.store(offset, Ordering::Relaxed);
        self.store.set_time_offset(offset)?;
        Ok(())
    }

    /// The server no longer knows the key with id `lost` that a session of `dc` uses: unless
    /// another session of the DC has replaced it already, drop it from the store, forget the
    /// user if `dc` is the home DC (a new key is not authorized), make and store a new key;
    /// then move every session of the DC onto the current key.
    async fn replace_lost_key(&self, dc: i32, lost: i64) -> Result<(), Error> {
        let Some(slot) = lock(&self.slots).get(&dc).cloned() else {
            return Ok(());
        };
        let _one_at_a_time = slot.rekeying.lock().await;
        let fresh = match slot.current_key() {
            Some(current) if current.key.id() != lost => current,
            _ => {
                self.store.set_auth_key(dc, None)?;
                if dc == self.home.load(Ordering::Acquire) {
                    self.store.set_user(None)?;
                }
                let fresh = self.create_key(dc).await?;
                *lock(&slot.replaced) = Some(fresh.clone());
                fresh
            }
        };
        for session in slot.sessions() {
            session.replace_key(fresh.key.clone(), fresh.salt);
        }
        Ok(())
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
        let mut header_dc = self.exchange_dc(dc);
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
        let mut ids: Vec<i32> = lock(&self.slots).values().map(|s| s.id).collect();
        ids.sort_unstable();
        ids
    }

    /// Stops every session (pending requests end with [`Error::Closed`]) and forgets them.
    pub(crate) fn shutdown(&self) {
        let slots = std::mem::take(&mut *lock(&self.slots));
        for slot in slots.values() {
            for session in slot.sessions() {
                session.stop();
            }
        }
    }
}
