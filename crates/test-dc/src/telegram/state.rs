//! The records the in-memory Telegram keeps: accounts with their message boxes, channels,
//! authorizations, login attempts and files.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use pyro_tl_types::api::enums;

use crate::telegram::api::Outcome;
pub(crate) use crate::telegram::chats::records::{
    AdminRecord, BanRecord, ChatRecord, InviteRecord,
};
use crate::telegram::reactions::Reaction;

/// A chat as the model keys it: user and channel ids are separate namespaces, as in Telegram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PeerKey {
    /// A private chat with this user.
    User(i64),
    /// A channel or supergroup.
    Channel(i64),
    /// A basic group (its messages live in each member's common box, as private ones do).
    Chat(i64),
}

/// An account: a person or a bot.
#[derive(Debug, Clone)]
pub(crate) struct UserRecord {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) username: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) bot: bool,
    pub(crate) about: Option<String>,
    /// The home DC.
    pub(crate) dc_id: i32,
    pub(crate) password: Option<PasswordRecord>,
    /// A login code every `auth.sendCode` delivers instead of a random one.
    pub(crate) fixed_code: Option<String>,
    pub(crate) contacts: Vec<i64>,
    /// The names this account saved its contacts under (`contacts.addContact`,
    /// `contacts.importContacts`), shown to it instead of the contacts' own.
    pub(crate) contact_names: HashMap<i64, (String, String)>,
    /// The peers this account blocked, each with the date, oldest first.
    pub(crate) blocked: Vec<(PeerKey, i32)>,
    pub(crate) mailbox: Mailbox,
}

/// A stored 2FA password: the SRP verifier, never the password.
#[derive(Debug, Clone)]
pub(crate) struct PasswordRecord {
    pub(crate) salt1: Vec<u8>,
    pub(crate) salt2: Vec<u8>,
    /// `v = g^x mod p`, 256 bytes big-endian (empty until first needed).
    pub(crate) verifier: Vec<u8>,
    /// A seeded password not hashed yet: PBKDF2's 100 000 rounds run on first use, so seeds
    /// with passwords cost nothing to tests that never log in with 2FA.
    pub(crate) unhashed: Option<String>,
    pub(crate) hint: Option<String>,
}

/// One account's common message box: its private messages (ids of its own sequence), the
/// common `pts`/`seq` and the log that `updates.getDifference` replays.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mailbox {
    pub(crate) messages: BTreeMap<i32, MessageRecord>,
    pub(crate) last_id: i32,
    pub(crate) pts: i32,
    pub(crate) seq: i32,
    pub(crate) log: Vec<LogEntry>,
    /// Highest incoming message id read, per private chat.
    pub(crate) read_inbox: HashMap<PeerKey, i32>,
    /// Highest outgoing message id the other side has read, per private chat.
    pub(crate) read_outbox: HashMap<PeerKey, i32>,
    /// Channels and supergroups the account is in.
    pub(crate) channels: Vec<i64>,
    /// The secondary box (`qts`): bot events such as `updateChannelParticipant`.
    pub(crate) qts: i32,
    /// The `qts` events, replayed by `updates.getDifference`.
    pub(crate) qts_log: Vec<LogEntry>,
    /// The `random_id`s of the account's sends: a repeat is refused (`RANDOM_ID_DUPLICATE`).
    pub(crate) random_ids: HashSet<i64>,
}

/// A pts-bearing event of a box (common or channel), as `getDifference` returns it.
#[derive(Debug, Clone)]
pub(crate) struct LogEntry {
    /// The box's pts after the event.
    pub(crate) pts: i32,
    pub(crate) date: i32,
    pub(crate) update: enums::Update,
}

/// A message as one box holds it.
#[derive(Debug, Clone, Default)]
pub(crate) struct MessageRecord {
    pub(crate) id: i32,
    /// The sender; `None` for a broadcast channel's posts.
    pub(crate) from: Option<i64>,
    /// The chat: for private boxes, the other party.
    pub(crate) peer: Option<PeerKey>,
    /// Whether the box's owner sent it (private boxes only; channels compare `from`).
    pub(crate) out: bool,
    pub(crate) date: i32,
    pub(crate) text: String,
    pub(crate) media: Option<i64>,
    /// Whether the media is hidden behind a spoiler.
    pub(crate) spoiler: bool,
    /// The album the message belongs to (`messages.sendMultiMedia`).
    pub(crate) grouped_id: Option<i64>,
    pub(crate) edit_date: Option<i32>,
    pub(crate) fwd_from: Option<(i64, i32)>,
    /// A service message's action (channel created, member added, message pinned...).
    pub(crate) action: Option<enums::MessageAction>,
    /// The message this one answers (for a pin's service message: the pinned one).
    pub(crate) reply_to: Option<i32>,
    /// Whether the message is pinned in its box.
    pub(crate) pinned: bool,
    /// The same message in the other party's box (private chats).
    pub(crate) twin: Option<(i64, i32)>,
    /// A bot's keyboard (inline or reply) sent with the message.
    pub(crate) reply_markup: Option<enums::ReplyMarkup>,
    /// The bot whose inline result this message is.
    pub(crate) via_bot: Option<i64>,
    /// Reactions, in the order they were set.
    pub(crate) reactions: Vec<Reaction>,
}

/// A channel or supergroup.
#[derive(Debug, Clone)]
pub(crate) struct ChannelRecord {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) title: String,
    pub(crate) username: Option<String>,
    pub(crate) broadcast: bool,
    pub(crate) creator: i64,
    pub(crate) date: i32,
    /// Members in joining order: (user id, join date, inviter).
    pub(crate) members: Vec<(i64, i32, i64)>,
    pub(crate) member_set: HashSet<i64>,
    pub(crate) messages: BTreeMap<i32, MessageRecord>,
    pub(crate) last_id: i32,
    pub(crate) pts: i32,
    pub(crate) log: Vec<LogEntry>,
    pub(crate) read_inbox: HashMap<i64, i32>,
    /// Administrators other than the creator, by user id.
    pub(crate) admins: BTreeMap<i64, AdminRecord>,
    /// Banned (kicked) and restricted users, by user id.
    pub(crate) banned: BTreeMap<i64, BanRecord>,
}

/// What the model knows of one auth key.
#[derive(Debug, Clone, Default)]
pub(crate) struct AuthRecord {
    pub(crate) dc_id: i32,
    /// The signed-in account.
    pub(crate) user: Option<i64>,
    /// The account whose password `auth.checkPassword` awaits.
    pub(crate) awaiting_password: Option<i64>,
    /// `invokeWithLayer`'s layer, once seen.
    pub(crate) layer: Option<i32>,
    /// `initConnection`'s fields, once seen.
    pub(crate) app: Option<AppInfo>,
    /// Whether a call not wrapped in `invokeWithoutUpdates` has subscribed it to updates.
    pub(crate) subscribed: bool,
    /// Serialized `Updates` waiting to be pushed.
    pub(crate) queue: VecDeque<Vec<u8>>,
    /// Answers of `Outcome::Later` calls that are ready, by ticket.
    pub(crate) answers: VecDeque<(u64, Outcome)>,
}

/// `initConnection`'s description of the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppInfo {
    /// `api_id`.
    pub api_id: i32,
    /// `device_model`.
    pub device_model: String,
    /// `system_version`.
    pub system_version: String,
    /// `app_version`.
    pub app_version: String,
    /// `lang_code`.
    pub lang_code: String,
}

/// A login code sent by `auth.sendCode`.
#[derive(Debug, Clone)]
pub(crate) struct PendingCode {
    pub(crate) phone: String,
    pub(crate) code: String,
    pub(crate) expires: i32,
}

/// A stored file (photo or document).
#[derive(Debug, Clone)]
pub(crate) struct FileRecord {
    pub(crate) id: i64,
    pub(crate) access_hash: i64,
    pub(crate) file_reference: Vec<u8>,
    pub(crate) dc_id: i32,
    pub(crate) date: i32,
    pub(crate) photo: bool,
    pub(crate) name: String,
    pub(crate) mime_type: String,
    pub(crate) bytes: Vec<u8>,
    /// The uploader's document attributes (video, audio, image size...).
    pub(crate) attributes: Vec<enums::DocumentAttribute>,
    /// A document's thumbnail (size type `m`), if one was uploaded with it.
    pub(crate) thumb: Option<Vec<u8>>,
}

/// An upload in progress: the parts saved so far for one `file_id` of one auth key.
#[derive(Debug, Clone, Default)]
pub(crate) struct UploadRecord {
    pub(crate) parts: BTreeMap<i32, Vec<u8>>,
    /// `file_total_parts` of `saveBigFilePart` (and whether the upload is a big one).
    pub(crate) big_total: Option<i32>,
}

/// An SRP round started by `account.getPassword`.
#[derive(Debug, Clone)]
pub(crate) struct SrpRound {
    pub(crate) user: i64,
    /// The server's secret exponent `b`.
    pub(crate) b: Vec<u8>,
    /// `B = k v + g^b mod p`, 256 bytes.
    pub(crate) g_b: Vec<u8>,
}
