//! The public face of the model: [`Telegram`] and the values that go in and out of it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::error::{RpcError, SeedError};
use crate::seed::Seed;
use crate::telegram::env::Clock;
use crate::telegram::faults::Faults;
use crate::telegram::model::Model;
use crate::telegram::state::{AppInfo, PeerKey};

/// One DC of the deployment, as `help.getConfig` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DcAddress {
    /// The DC id (1..=5 on Telegram).
    pub id: i32,
    /// The IPv4 address clients connect to.
    pub ip: String,
    /// The TCP port.
    pub port: i32,
}

/// How the model is built: the DC list, the clock and the generator's seed.
#[derive(Clone)]
pub struct Options {
    /// The DCs this process serves; the first is where new accounts live.
    pub dcs: Vec<DcAddress>,
    /// The source of every `date`.
    pub clock: Arc<dyn Clock>,
    /// Seed of the generator behind ids, hashes, salts, codes and fault dice.
    pub rng_seed: u64,
}

/// Tunable sizes of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most events one `updates.getDifference` returns before answering `differenceSlice`.
    pub difference_slice: usize,
    /// A client more than this many pts behind gets `differenceTooLong` /
    /// `channelDifferenceTooLong`.
    pub too_long_after: i32,
    /// Seconds a login code stays valid (`PHONE_CODE_EXPIRED` after).
    pub code_lifetime: i32,
    /// Lines the log keeps (the oldest are forgotten), so a long-running server stays bounded.
    pub log_lines: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            difference_slice: 100,
            too_long_after: 10_000,
            code_lifetime: 300,
            log_lines: 10_000,
        }
    }
}

/// Where a request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallContext {
    /// The DC the request arrived on.
    pub dc_id: i32,
    /// The id of the auth key the request was encrypted with (what sign-in binds to a user).
    pub auth_key_id: i64,
    /// The MTProto session id (for the log; answers do not depend on it).
    pub session_id: i64,
}

/// The answer to one request: the bytes of the result, an `rpc_error`, or a ticket for an
/// answer that waits on someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The serialized result (the method's return type, boxed).
    Answer(Vec<u8>),
    /// A typed error.
    Error(RpcError),
    /// The answer waits for another party (a bot answering a callback or inline query). It
    /// comes later through [`Telegram::take_answers`] under this ticket, and the update
    /// listener is told the caller's auth key id when it is ready, as for an update.
    Later(u64),
}

/// The name [`Outcome::into_result`] gives a [`Outcome::Later`] (not an error Telegram sends).
pub const ANSWER_LATER: &str = "ANSWER_LATER";

impl Outcome {
    /// The bytes that go inside `rpc_result`: the answer, or the serialized `rpc_error`;
    /// `None` for [`Outcome::Later`], whose bytes come with [`Telegram::take_answers`].
    pub fn into_bytes(self) -> Option<Vec<u8>> {
        match self {
            Self::Answer(bytes) => Some(bytes),
            Self::Error(err) => Some(err.to_bytes()),
            Self::Later(_) => None,
        }
    }

    /// The answer as a `Result`; a [`Outcome::Later`] is `Err` with code 0 and the name
    /// [`ANSWER_LATER`] (callers that expect one match on the outcome instead).
    pub fn into_result(self) -> Result<Vec<u8>, RpcError> {
        match self {
            Self::Answer(bytes) => Ok(bytes),
            Self::Error(err) => Err(err),
            Self::Later(_) => Err(RpcError::new(0, ANSWER_LATER)),
        }
    }
}

/// A login code the model delivered (instead of an SMS): the test hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginCode {
    /// The phone number it was sent to.
    pub phone: String,
    /// The code.
    pub code: String,
    /// The `phone_code_hash` it belongs to.
    pub phone_code_hash: String,
}

/// What the model knows of one auth key ([`Telegram::connection_info`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionInfo {
    /// The DC the key was first seen on.
    pub dc_id: i32,
    /// The account it is signed in to.
    pub user: Option<i64>,
    /// The layer of the last `invokeWithLayer`.
    pub layer: Option<i32>,
    /// The last `initConnection`'s client description.
    pub app: Option<AppInfo>,
}

/// One line of the model's log: every call and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// When.
    pub date: i32,
    /// On which DC.
    pub dc_id: i32,
    /// With which auth key.
    pub auth_key_id: i64,
    /// The TL name of the method (`messages.sendMessage`), or `#xxxxxxxx` for unknown ids.
    pub method: String,
    /// `ok`, or the error's code and name.
    pub outcome: String,
}

/// The in-memory Telegram. See the crate docs for an example.
///
/// # For the network half
/// - Build one per process with [`Telegram::new`] and share it as `Arc<Telegram>`: every method
///   takes `&self` and one internal lock orders all calls.
/// - For each decrypted request (the body of an MTProto message, after containers and
///   `gzip_packed` are undone), call [`Telegram::call`] with the connection's DC, the
///   *permanent* auth key id (a bound temporary key stands for its permanent key) and the
///   session id; put [`Outcome::into_bytes`] into `rpc_result`. Answers are never gzipped.
/// - Live updates: [`Telegram::set_update_listener`] is told the auth key id whenever something
///   is queued; drain with [`Telegram::take_updates`] and send each `Updates` as its own
///   server-initiated message on a session of that key. Keys only receive updates after a call
///   not wrapped in `invokeWithoutUpdates`.
/// - Auth keys need no registration ([`Telegram::register_auth_key`] is optional); forget them
///   with [`Telegram::drop_auth_key`].
/// - Transport faults are the network half's; RPC faults are [`Telegram::set_faults`].
pub struct Telegram {
    model: Mutex<Model>,
}

impl Telegram {
    /// A Telegram holding `seed`'s accounts, channels and messages.
    pub fn new(seed: &Seed, options: Options) -> Result<Self, SeedError> {
        if options.dcs.is_empty() {
            return Err(SeedError::NoDcs);
        }
        let mut model = Model::new(options.clock, options.rng_seed, options.dcs);
        model.apply_seed(seed)?;
        Ok(Self {
            model: Mutex::new(model),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Model> {
        // A panic while holding the lock leaves records consistent enough for tests to go on.
        self.model.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers one request: `request` is the body of an MTProto message (a boxed function,
    /// possibly wrapped in `invokeWithLayer`, `initConnection`, `invokeWithoutUpdates`,
    /// `invokeAfterMsg(s)`).
    ///
    /// Errors of the model's own: `400 INPUT_METHOD_INVALID` (not a method id),
    /// `400 INPUT_FETCH_ERROR` (parameters that do not decode),
    /// `400 METHOD_NOT_IMPLEMENTED_IN_TEST_DC` (a method of the schema this model does not
    /// implement; the log names it). Everything else is named as Telegram names it.
    ///
    /// `messages.getBotCallbackAnswer` and `messages.getInlineBotResults` wait for the bot:
    /// they answer [`Outcome::Later`] (see [`Telegram::take_answers`] and [`Telegram::tick`]).
    pub fn call(&self, ctx: &CallContext, request: &[u8]) -> Outcome {
        self.lock().call(ctx, request)
    }

    /// The answers of [`Outcome::Later`] calls of an auth key that are ready, oldest first,
    /// removed from the queue: (ticket, answer or error; never `Later`).
    pub fn take_answers(&self, auth_key_id: i64) -> Vec<(u64, Outcome)> {
        self.lock()
            .auths
            .get_mut(&auth_key_id)
            .map(|auth| auth.answers.drain(..).collect())
            .unwrap_or_default()
    }

    /// Settles what is due at the clock's current time: queries a bot left unanswered past
    /// their deadline answer `BOT_RESPONSE_TIMEOUT`. Every call does this first; the network
    /// half also ticks once a second, so a quiet server still times out.
    pub fn tick(&self) {
        self.lock().expire_bot_queries();
    }

    /// The serialized `Updates` queued for an auth key, oldest first, removed from the queue.
    pub fn take_updates(&self, auth_key_id: i64) -> Vec<Vec<u8>> {
        self.lock()
            .auths
            .get_mut(&auth_key_id)
            .map(|auth| auth.queue.drain(..).collect())
            .unwrap_or_default()
    }

    /// Calls `listener(auth_key_id)` each time an update is queued for that key (with the lock
    /// held: the listener must only signal, e.g. wake a task that then calls
    /// [`Telegram::take_updates`]).
    pub fn set_update_listener(&self, listener: impl Fn(i64) + Send + Sync + 'static) {
        self.lock().listener = Some(Arc::new(listener));
    }

    /// Registers an auth key created on `dc_id` (optional: keys are registered on first call).
    pub fn register_auth_key(&self, auth_key_id: i64, dc_id: i32) {
        self.lock().auth_mut(auth_key_id, dc_id);
    }

    /// Forgets an auth key (`auth.logOut` does the same from the client's side).
    pub fn drop_auth_key(&self, auth_key_id: i64) {
        self.lock().auths.remove(&auth_key_id);
    }

    /// The account an auth key is signed in to.
    pub fn authorized_user(&self, auth_key_id: i64) -> Option<i64> {
        self.lock().auths.get(&auth_key_id).and_then(|a| a.user)
    }

    /// What the model knows of an auth key: its DC, account, layer and client description.
    pub fn connection_info(&self, auth_key_id: i64) -> Option<ConnectionInfo> {
        let model = self.lock();
        let auth = model.auths.get(&auth_key_id)?;
        Some(ConnectionInfo {
            dc_id: auth.dc_id,
            user: auth.user,
            layer: auth.layer,
            app: auth.app.clone(),
        })
    }

    /// Every login code delivered so far, oldest first.
    pub fn login_codes(&self) -> Vec<LoginCode> {
        self.lock().delivered_codes.clone()
    }

    /// The last login code delivered to `phone`.
    pub fn last_login_code(&self, phone: &str) -> Option<String> {
        let model = self.lock();
        let last = model
            .delivered_codes
            .iter()
            .rev()
            .find(|c| c.phone == phone);
        last.map(|c| c.code.clone())
    }

    /// Replaces the fault switches.
    pub fn set_faults(&self, faults: Faults) {
        self.lock().faults = faults;
    }

    /// Replaces the limits.
    pub fn set_limits(&self, limits: Limits) {
        self.lock().limits = limits;
    }

    /// The log: the last [`Limits::log_lines`] calls, oldest first.
    pub fn log(&self) -> Vec<LogLine> {
        self.lock().log.iter().cloned().collect()
    }

    /// The DC list.
    pub fn dcs(&self) -> Vec<DcAddress> {
        self.lock().dcs.clone()
    }

    /// The id of the account with this username (people, bots).
    pub fn user_id(&self, username: &str) -> Option<i64> {
        match self.lock().usernames.get(&username.to_ascii_lowercase()) {
            Some(PeerKey::User(id)) => Some(*id),
            _ => None,
        }
    }

    /// The id of the account with this phone number.
    pub fn user_id_by_phone(&self, phone: &str) -> Option<i64> {
        self.lock().phones.get(phone).copied()
    }

    /// The id of the channel with this username.
    pub fn channel_id(&self, username: &str) -> Option<i64> {
        match self.lock().usernames.get(&username.to_ascii_lowercase()) {
            Some(PeerKey::Channel(id)) => Some(*id),
            _ => None,
        }
    }

    /// The common-box `pts` of an account.
    pub fn user_pts(&self, user_id: i64) -> Option<i32> {
        self.lock().users.get(&user_id).map(|u| u.mailbox.pts)
    }

    /// A channel's `pts`.
    pub fn channel_pts(&self, channel_id: i64) -> Option<i32> {
        self.lock().channels.get(&channel_id).map(|c| c.pts)
    }

    /// The bytes of a stored file and the DC that keeps it.
    pub fn file_bytes(&self, file_id: i64) -> Option<(i32, Vec<u8>)> {
        let model = self.lock();
        model
            .files
            .get(&file_id)
            .map(|f| (f.dc_id, f.bytes.clone()))
    }
}
