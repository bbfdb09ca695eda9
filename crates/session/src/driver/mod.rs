//! The tokio driver: a thin task around the sans-IO [`Engine`] that owns the connection, the
//! timers, the clock and the OS randomness, and reconnects with exponential backoff and jitter.
//!
//! [`spawn`] starts the task and returns a [`Client`] (cheap to clone, usable from any task) and
//! a receiver of the engine's other events (updates, new sessions). The connection is a
//! [`pyro_transport::FramedConnection`] from [`pyro_transport::connect`]. The auth key must
//! exist already: [`create_auth_key`] runs the key exchange on a fresh connection
//! (pyro-mtproto-crypto's client typestates over the unencrypted envelope).
//!
//! # Perfect forward secrecy
//!
//! With [`DriverConfig::pfs`] set, the key given to [`spawn`] is the *permanent* key and never
//! carries traffic. On its first connection the driver makes a temporary key
//! (`p_q_inner_data_temp_dc`, [`PfsConfig::lifetime`]), binds it with `auth.bindTempAuthKey`
//! as the first request of the temporary key's session (every other request waits until the
//! binding is answered), and runs the session over the temporary key, which then acts for the
//! permanent key's authorization. It makes and binds a fresh temporary key
//! [`PfsConfig::renew_before`] its expiry (taking no new requests for a moment so the answers in
//! flight arrive first, then reconnecting), and at once when the server no longer knows the
//! temporary key (transport error -404). Requests queued meanwhile are kept and sent on the new
//! key. A binding the server refuses stops the driver: every call ends with
//! [`DriverError::Bind`].
//!
//! # State
//!
//! [`Client::state`] and [`Client::watch_state`] report the connection (with a counter that
//! grows on every (re)connect), the current salt and clock offset (to store them), the
//! temporary key in use, the last transport error code and, while the driver cannot connect,
//! why ([`ConnectFailure`]).
//!
//! # A forgotten permanent key
//!
//! Without PFS, a server that no longer knows the session's key answers every connection with
//! transport error -404 ([`DriverState::last_transport_error`]); the driver keeps its requests
//! and reconnects with backoff. The owner of the key makes a new one ([`create_auth_key`]),
//! stores it, and hands it over with [`Client::replace_key`]: the queued requests then go out
//! over the new key (which is not logged in: the server answers `AUTH_KEY_UNREGISTERED` to calls
//! that need an authorization).
//!
//! # Connect failures
//!
//! The driver retries a failed connect with backoff and keeps requests queued meanwhile (the
//! engine times requests out only while connected, so a caller bounds its wait itself and can
//! read [`DriverState::connect_failure`] to say why it waited in vain). A failure retrying
//! cannot heal ([`ConnectFailure::is_lasting`]: a proxy refused, the settings cannot work) ends
//! every waiting request at once with [`DriverError::Transport`], and every new one until a
//! connection comes up.

mod clock;
mod failure;
mod handshake;
mod pfs;
mod run;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_mtproto_crypto::{AuthKey, CryptoError};
use pyro_transport::{ConnectOptions, TransportError};
use tokio::sync::{mpsc, oneshot, watch};

use crate::engine::{Engine, EngineConfig, Event, RequestError, RequestOptions};

pub use failure::ConnectFailure;
pub use handshake::create_auth_key;

/// Settings of a driver.
#[derive(Debug, Clone)]
pub struct DriverConfig {
    /// Where and how to connect (address, DC, framing, proxy).
    pub connect: ConnectOptions,
    /// The engine's tuning.
    pub engine: EngineConfig,
    /// First reconnect delay; doubled after every failed attempt.
    pub backoff_min: Duration,
    /// Longest reconnect delay.
    pub backoff_max: Duration,
    /// Server time minus local time in seconds, if known (from the key exchange or storage).
    pub time_offset: i32,
    /// Run the session over bound temporary keys (perfect forward secrecy); `None` (the
    /// default) runs it over the key given to [`spawn`].
    pub pfs: Option<PfsConfig>,
}

impl DriverConfig {
    /// Defaults for `connect`: backoff from 250 ms up to 30 s, no PFS.
    pub fn new(connect: ConnectOptions) -> Self {
        Self {
            connect,
            engine: EngineConfig::default(),
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            time_offset: 0,
            pfs: None,
        }
    }
}

/// How the driver makes its temporary keys (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct PfsConfig {
    /// How long each temporary key lives (the `expires_in` of the exchange and the binding's
    /// `expires_at`). Default 24 hours.
    pub lifetime: Duration,
    /// A new temporary key is made this long before the current one expires (at most half the
    /// lifetime). Default 5 minutes.
    pub renew_before: Duration,
    /// The DC id written into `p_q_inner_data_temp_dc` (the DC's id, plus 10 000 for test DCs).
    pub dc_id: i32,
    /// The server RSA keys trusted for the exchanges ([`RsaPublicKey::production`] for Telegram).
    pub server_keys: Vec<RsaPublicKey>,
}

impl PfsConfig {
    /// Temporary keys for DC `dc_id` made with `server_keys`, living 24 hours, renewed 5
    /// minutes before they expire.
    pub fn new(dc_id: i32, server_keys: Vec<RsaPublicKey>) -> Self {
        Self {
            lifetime: Duration::from_secs(24 * 3600),
            renew_before: Duration::from_secs(300),
            dc_id,
            server_keys,
        }
    }
}

/// Why binding a temporary key failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BindError {
    /// The server answered `auth.bindTempAuthKey` with an error (`ENCRYPTED_MESSAGE_INVALID`
    /// for a permanent key it does not know, ...).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The server answered `boolFalse`.
    #[error("the server answered boolFalse")]
    Refused,
    /// The answer was not a `Bool`.
    #[error("the answer to auth.bindTempAuthKey is not a Bool")]
    NotBool,
}

/// Why [`Client::invoke`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    /// The request ended without a result (RPC error, timeout, ...).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The request was refused before it was queued (too large, not TL).
    #[error(transparent)]
    Engine(#[from] crate::engine::EngineError),
    /// The driver task has stopped.
    #[error("the session driver has stopped")]
    Stopped,
    /// The OS random number generator failed.
    #[error("the OS random number generator failed")]
    Random,
    /// The key exchange failed (a check on the server's answers, or bad randomness).
    #[error("key exchange: {0}")]
    Handshake(#[from] CryptoError),
    /// The connection failed during the key exchange.
    #[error("transport: {0}")]
    Transport(#[from] TransportError),
    /// The server refused to bind a temporary key to the permanent one (PFS); the driver has
    /// stopped.
    #[error("binding the temporary key: {0}")]
    Bind(BindError),
}

/// The temporary key a PFS driver currently uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TempKeyInfo {
    /// The key's id.
    pub id: i64,
    /// When it expires, in Unix seconds of the server's clock.
    pub expires_at: i64,
    /// Whether `auth.bindTempAuthKey` has been answered `boolTrue` for it.
    pub bound: bool,
}

/// What a running driver reports ([`Client::state`], [`Client::watch_state`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DriverState {
    /// Whether a connection is up.
    pub connected: bool,
    /// How many connections have come up so far: it grows by one on every (re)connect.
    pub connections: u64,
    /// The salt the session currently uses (store it to start with it next time).
    pub salt: i64,
    /// Server time minus local time in seconds, as the session knows it (store it and pass it
    /// back in [`DriverConfig::time_offset`]).
    pub time_offset: i32,
    /// With PFS: the temporary key in use.
    pub temp_key: Option<TempKeyInfo>,
    /// The last transport error code the server sent (-404: auth key unknown, -429: flood)
    /// since the session's key was last set (cleared by [`Client::replace_key`]).
    pub last_transport_error: Option<i32>,
    /// The id of the key given to [`spawn`] or [`Client::replace_key`] (with PFS, the permanent
    /// key's): a -404 above is about this key.
    pub auth_key_id: i64,
    /// While no connection is up: why the last attempt to connect failed (a proxy's refusal,
    /// the socket error of a DC that is down, ...); `None` once a connection comes up.
    pub connect_failure: Option<ConnectFailure>,
}

type Reply = oneshot::Sender<Result<Vec<u8>, DriverError>>;

enum Command {
    /// A request, with the caller's token for cancelling it.
    Invoke(u64, Vec<u8>, RequestOptions, Reply),
    /// The caller stopped waiting for the request with this token.
    Cancel(u64),
    /// Run the session over this key (with its first salt) from a new connection on (boxed:
    /// the key is large and the command rare).
    ReplaceKey(Box<AuthKey>, i64),
    Shutdown,
}

impl core::fmt::Debug for Command {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Invoke(..) => "Invoke",
            Self::Cancel(_) => "Cancel",
            Self::ReplaceKey(..) => "ReplaceKey",
            Self::Shutdown => "Shutdown",
        })
    }
}

/// A handle to a running driver: clone it freely; every clone talks to the same session.
#[derive(Debug, Clone)]
pub struct Client {
    tx: mpsc::UnboundedSender<Command>,
    tokens: Arc<AtomicU64>,
    state: watch::Receiver<DriverState>,
}

/// Cancels a request whose `invoke` future is dropped before its answer.
struct CancelOnDrop<'a> {
    tx: &'a mpsc::UnboundedSender<Command>,
    token: u64,
    armed: bool,
}

impl Drop for CancelOnDrop<'_> {
    fn drop(&mut self) {
        if self.armed {
            let _ = self.tx.send(Command::Cancel(self.token));
        }
    }
}

impl Client {
    /// Sends a serialized TL function and waits for its result (a boxed TL value).
    pub async fn invoke(&self, body: Vec<u8>) -> Result<Vec<u8>, DriverError> {
        self.invoke_with(body, RequestOptions::default()).await
    }

    /// [`invoke`](Self::invoke) with per-request options (timeout, compression). Dropping the
    /// future before it completes cancels the request (`rpc_drop_answer` if it went out).
    pub async fn invoke_with(
        &self,
        body: Vec<u8>,
        options: RequestOptions,
    ) -> Result<Vec<u8>, DriverError> {
        let (reply, answer) = oneshot::channel();
        let token = self.tokens.fetch_add(1, Ordering::Relaxed);
        self.tx
            .send(Command::Invoke(token, body, options, reply))
            .map_err(|_| DriverError::Stopped)?;
        let mut guard = CancelOnDrop {
            tx: &self.tx,
            token,
            armed: true,
        };
        let result = answer.await;
        guard.armed = false;
        result.map_err(|_| DriverError::Stopped)?
    }

    /// The driver's current state (connection, salt, clock offset, temporary key).
    pub fn state(&self) -> DriverState {
        self.state.borrow().clone()
    }

    /// A receiver that wakes on every change of the state: `changed().await` then `borrow()`.
    /// A new connection shows as a larger [`DriverState::connections`]. It ends (`changed`
    /// fails) when the driver stops.
    pub fn watch_state(&self) -> watch::Receiver<DriverState> {
        self.state.clone()
    }

    /// Moves the session to a new key `key` (with `salt`, its first salt) and reconnects: for
    /// a permanent key the server no longer knows (transport error -404 without PFS, see
    /// [`DriverState::last_transport_error`]), once the caller has made a new one with
    /// [`create_auth_key`]. Pending requests are kept and sent again over the new key; with PFS
    /// the temporary key is bound to the new permanent key instead. Giving the key the session
    /// already uses does nothing.
    pub fn replace_key(&self, key: AuthKey, salt: i64) {
        let _ = self.tx.send(Command::ReplaceKey(Box::new(key), salt));
    }

    /// Stops the driver; pending requests end with [`RequestError::SessionClosed`].
    pub fn shutdown(&self) {
        let _ = self.tx.send(Command::Shutdown);
    }
}

/// Starts a driver for one session over `key` (with `salt` from the key exchange or storage).
/// Returns the request handle and the other events (updates, [`Event::SessionCreated`], ...).
///
/// With [`DriverConfig::pfs`], `key` is the permanent key the temporary keys are bound to and
/// `salt` is not used (each temporary key brings its own).
pub fn spawn(
    config: DriverConfig,
    key: AuthKey,
    salt: i64,
) -> Result<(Client, mpsc::UnboundedReceiver<Event>), DriverError> {
    let seed = handshake::random::<32>()?;
    let mut engine = Engine::new(config.engine.clone(), key.clone(), salt, seed);
    engine.set_time_offset(config.time_offset);
    let (tx, rx) = mpsc::unbounded_channel();
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    let (state_tx, state) = watch::channel(DriverState {
        salt,
        time_offset: config.time_offset,
        auth_key_id: key.id(),
        ..DriverState::default()
    });
    let perm = config.pfs.is_some().then_some(key);
    tokio::spawn(run::run(config, engine, perm, rx, events_tx, state_tx));
    let tokens = Arc::new(AtomicU64::new(0));
    Ok((Client { tx, tokens, state }, events_rx))
}
