//! The model behind the lock: every record, the injected clock and generator, and the helpers
//! the method handlers share (ids, access hashes, lookups).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;

use crate::error::RpcError;
use crate::telegram::account::Status;
use crate::telegram::auth::LoginTokens;
use crate::telegram::bots::BotState;
use crate::telegram::env::{Clock, Rng};
use crate::telegram::faults::Faults;
use crate::telegram::state::{
    AuthRecord, ChannelRecord, ChatRecord, FileRecord, InviteRecord, PeerKey, PendingCode,
    SrpRound, UploadRecord, UserRecord,
};
use crate::telegram::{DcAddress, Limits, LogLine, LoginCode};

/// Called with an auth key id each time an update is queued for it.
pub(crate) type UpdateListener = Arc<dyn Fn(i64) + Send + Sync>;

/// Everything the in-memory Telegram knows.
pub(crate) struct Model {
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) rng: Rng,
    pub(crate) dcs: Vec<DcAddress>,
    pub(crate) limits: Limits,
    pub(crate) faults: Faults,
    pub(crate) users: BTreeMap<i64, UserRecord>,
    pub(crate) phones: HashMap<String, i64>,
    pub(crate) usernames: HashMap<String, PeerKey>,
    pub(crate) bot_tokens: HashMap<String, i64>,
    pub(crate) channels: BTreeMap<i64, ChannelRecord>,
    /// Basic groups.
    pub(crate) chats: BTreeMap<i64, ChatRecord>,
    /// Invite links by hash (ordered so that listings come out the same every time).
    pub(crate) invites: BTreeMap<String, InviteRecord>,
    /// Ordered so that fan-out (and the drop dice) run in the same order every time.
    pub(crate) auths: BTreeMap<i64, AuthRecord>,
    /// Pending login codes by `phone_code_hash`.
    pub(crate) codes: HashMap<String, PendingCode>,
    pub(crate) delivered_codes: Vec<LoginCode>,
    pub(crate) srp: HashMap<i64, SrpRound>,
    /// `auth.exportAuthorization` tokens by id: (user, bytes, target DC).
    pub(crate) exported: HashMap<i64, (i64, Vec<u8>, i32)>,
    /// QR login tokens (`auth.exportLoginToken`).
    pub(crate) login_tokens: LoginTokens,
    pub(crate) files: HashMap<i64, FileRecord>,
    /// Uploads in progress by (auth key id, file id).
    pub(crate) uploads: HashMap<(i64, i64), UploadRecord>,
    pub(crate) log: VecDeque<LogLine>,
    pub(crate) listener: Option<UpdateListener>,
    pub(crate) next_user_id: i64,
    pub(crate) next_channel_id: i64,
    pub(crate) next_chat_id: i64,
    /// The seed's keys of accounts and channels.
    pub(crate) seed_keys: HashMap<String, PeerKey>,
    /// Bot commands and the callback and inline queries in flight.
    pub(crate) bots: BotState,
    /// Online status by account (`account.updateStatus`); absent: never reported.
    pub(crate) statuses: HashMap<i64, Status>,
}

/// Who is calling: the DC the request arrived on and the auth key it was encrypted with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caller {
    pub(crate) dc_id: i32,
    pub(crate) auth_key_id: i64,
    pub(crate) user: Option<i64>,
}

impl Caller {
    /// The signed-in account, or 401 `AUTH_KEY_UNREGISTERED`.
    pub(crate) fn me(&self) -> Result<i64, RpcError> {
        self.user.ok_or_else(RpcError::unregistered)
    }
}

impl Model {
    /// An empty model.
    pub(crate) fn new(clock: Arc<dyn Clock>, rng_seed: u64, dcs: Vec<DcAddress>) -> Self {
        Self {
            clock,
            rng: Rng::new(rng_seed),
            dcs,
            limits: Limits::default(),
            faults: Faults::default(),
            users: BTreeMap::new(),
            phones: HashMap::new(),
            usernames: HashMap::new(),
            bot_tokens: HashMap::new(),
            channels: BTreeMap::new(),
            chats: BTreeMap::new(),
            invites: BTreeMap::new(),
            auths: BTreeMap::new(),
            codes: HashMap::new(),
            delivered_codes: Vec::new(),
            srp: HashMap::new(),
            exported: HashMap::new(),
            login_tokens: LoginTokens::new(),
            files: HashMap::new(),
            uploads: HashMap::new(),
            log: VecDeque::new(),
            listener: None,
            // Telegram's user ids are small positive numbers; these are recognisable.
            next_user_id: 1_000_001,
            next_channel_id: 2_000_000_001,
            next_chat_id: 3_000_001,
            seed_keys: HashMap::new(),
            bots: BotState::default(),
            statuses: HashMap::new(),
        }
    }

    /// The current time.
    pub(crate) fn now(&self) -> i32 {
        self.clock.now()
    }

    /// The first DC of the list: where new accounts live.
    pub(crate) fn default_dc(&self) -> i32 {
        self.dcs.first().map_or(1, |dc| dc.id)
    }

    /// The account `id`.
    pub(crate) fn user(&self, id: i64) -> Result<&UserRecord, RpcError> {
        self.users
            .get(&id)
            .ok_or_else(|| RpcError::bad_request("USER_ID_INVALID"))
    }

    /// The account `id`, for changing.
    pub(crate) fn user_mut(&mut self, id: i64) -> Result<&mut UserRecord, RpcError> {
        self.users
            .get_mut(&id)
            .ok_or_else(|| RpcError::bad_request("USER_ID_INVALID"))
    }

    /// The channel `id`.
    pub(crate) fn channel(&self, id: i64) -> Result<&ChannelRecord, RpcError> {
        self.channels
            .get(&id)
            .ok_or_else(|| RpcError::bad_request("CHANNEL_INVALID"))
    }

    /// The channel `id`, for changing.
    pub(crate) fn channel_mut(&mut self, id: i64) -> Result<&mut ChannelRecord, RpcError> {
        self.channels
            .get_mut(&id)
            .ok_or_else(|| RpcError::bad_request("CHANNEL_INVALID"))
    }

    /// The auth key's record, created on first sight.
    pub(crate) fn auth_mut(&mut self, auth_key_id: i64, dc_id: i32) -> &mut AuthRecord {
        self.auths.entry(auth_key_id).or_insert_with(|| AuthRecord {
            dc_id,
            ..AuthRecord::default()
        })
    }

    /// Registers a username for a peer (lower-cased, as Telegram compares them).
    pub(crate) fn claim_username(&mut self, username: &str, peer: PeerKey) -> bool {
        let key = username.to_ascii_lowercase();
        if self.usernames.contains_key(&key) {
            return false;
        }
        self.usernames.insert(key, peer);
        true
    }

    /// Notes a line in the log.
    pub(crate) fn note(&mut self, caller: &Caller, method: &str, outcome: String) {
        let line = LogLine {
            date: self.now(),
            dc_id: caller.dc_id,
            auth_key_id: caller.auth_key_id,
            method: method.to_owned(),
            outcome,
        };
        self.log.push_back(line);
        while self.log.len() > self.limits.log_lines {
            self.log.pop_front();
        }
    }
}
