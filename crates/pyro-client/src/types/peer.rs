//! Peer ids and the peer map: the users and chats that came with one container of updates (or
//! one answer), through which raw peer references are turned into typed [`User`]s and
//! [`Chat`]s.

use std::collections::HashMap;

use pyro_tl_types::api::{enums, types};

use super::chat::{Chat, RawChat};
use super::user::User;
use crate::client::Client;

/// The offset of channel ids in the Bot API's single id space (`-100` followed by the id);
/// a convention of Telegram's Bot API (core.telegram.org/api/bots/ids).
const BOT_API_CHANNEL_OFFSET: i64 = -1_000_000_000_000;

/// Which peer something is about: a user, a basic group or a channel (supergroups and gigagroups
/// are channels too), by its bare id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeerId {
    /// A user or bot (`peerUser`).
    User(i64),
    /// A basic group (`peerChat`).
    Chat(i64),
    /// A channel, supergroup or gigagroup (`peerChannel`).
    Channel(i64),
}

impl PeerId {
    /// The typed id of a raw `Peer`.
    pub fn from_raw(peer: &enums::Peer) -> Self {
        match peer {
            enums::Peer::User(p) => Self::User(p.user_id),
            enums::Peer::Chat(p) => Self::Chat(p.chat_id),
            enums::Peer::Channel(p) => Self::Channel(p.channel_id),
        }
    }

    /// The raw `Peer` for this id.
    pub fn to_raw(self) -> enums::Peer {
        match self {
            Self::User(user_id) => enums::Peer::User(types::PeerUser { user_id }),
            Self::Chat(chat_id) => enums::Peer::Chat(types::PeerChat { chat_id }),
            Self::Channel(channel_id) => enums::Peer::Channel(types::PeerChannel { channel_id }),
        }
    }

    /// The bare id, as the server sends it (unique only together with the kind).
    pub fn bare_id(self) -> i64 {
        match self {
            Self::User(id) | Self::Chat(id) | Self::Channel(id) => id,
        }
    }

    /// The id in the Bot API's single id space: users as they are, basic groups negated,
    /// channels as `-100` followed by the id. Saturates instead of overflowing on absurd ids.
    pub fn bot_api_id(self) -> i64 {
        match self {
            Self::User(id) => id,
            Self::Chat(id) => id.saturating_neg(),
            Self::Channel(id) => BOT_API_CHANNEL_OFFSET.saturating_sub(id),
        }
    }
}

impl From<&enums::Peer> for PeerId {
    fn from(peer: &enums::Peer) -> Self {
        Self::from_raw(peer)
    }
}

/// The users and chats that came with a container of updates or an answer, keyed by id.
///
/// Conversions look peers up here; a peer the server did not send (it may omit peers the client
/// is assumed to know) becomes a typed *unresolved* [`User`] or [`Chat`] that still carries its
/// id, never a panic.
///
/// A map may carry the [`Client`] the objects came through ([`PeerMap::with_client`]): the
/// messages and callback queries built through it are then *bound* to it, and their methods
/// (`Message::reply`, `CallbackQuery::answer`...) work.
#[derive(Debug, Clone, Default)]
pub struct PeerMap {
    users: HashMap<i64, User>,
    chats: HashMap<PeerId, Chat>,
    self_id: Option<i64>,
    client: Option<Client>,
}

impl PeerMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// A map of the given raw users and chats (the `users` and `chats` vectors of an `Updates`
    /// container, a `messages.Messages`, a `messages.Dialogs`...).
    pub fn from_raw(users: &[enums::User], chats: &[enums::Chat]) -> Self {
        let mut map = Self::new();
        map.extend_raw(users, chats);
        map
    }

    /// Adds raw users and chats. A later full object replaces an earlier one; a `min` object
    /// (partial, without an access hash the client may use) never replaces a full one.
    pub fn extend_raw(&mut self, users: &[enums::User], chats: &[enums::Chat]) {
        for user in users {
            self.insert_user(User::from_raw(user.clone()));
        }
        for chat in chats {
            self.insert_chat(Chat::from_raw_chat(chat.clone()));
        }
    }

    /// Adds one user (see [`PeerMap::extend_raw`] for which copy wins).
    pub fn insert_user(&mut self, user: User) {
        if user.is_self() {
            self.self_id = Some(user.id());
        }
        match self.users.get(&user.id()) {
            Some(known) if user.is_min() && !known.is_min() => {}
            _ => {
                self.users.insert(user.id(), user);
            }
        }
    }

    /// The map bound to a client: what is built through it can call the client.
    #[must_use]
    pub fn with_client(mut self, client: Client) -> Self {
        self.client = Some(client);
        self
    }

    /// The client this map is bound to, if any.
    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// Adds one chat (see [`PeerMap::extend_raw`] for which copy wins); a private chat adds its
    /// user.
    pub fn insert_chat(&mut self, chat: Chat) {
        if let RawChat::User(user) = chat.raw() {
            self.insert_user(user.clone());
            return;
        }
        match self.chats.get(&chat.id()) {
            Some(known) if chat.is_min() && !known.is_min() => {}
            _ => {
                self.chats.insert(chat.id(), chat);
            }
        }
    }

    /// The user with this id, if the map has it.
    pub fn get_user(&self, id: i64) -> Option<&User> {
        self.users.get(&id)
    }

    /// The user with this id, or an unresolved placeholder that carries only the id.
    pub fn user(&self, id: i64) -> User {
        self.get_user(id)
            .cloned()
            .unwrap_or_else(|| User::unresolved(id))
    }

    /// The chat of a peer: a basic group or channel from the map, a private chat built from the
    /// user, or an unresolved placeholder of the right kind.
    pub fn chat(&self, peer: PeerId) -> Chat {
        match peer {
            PeerId::User(id) => Chat::from_user(self.user(id)),
            _ => self
                .chats
                .get(&peer)
                .cloned()
                .unwrap_or_else(|| Chat::unresolved(peer)),
        }
    }

    /// The id of the signed-in user, if the map has met it (a user with the `self` flag).
    pub fn self_id(&self) -> Option<i64> {
        self.self_id
    }

    /// Records the signed-in user's id (the client knows it after login; it decides the sender
    /// of outgoing messages that carry no `from_id`).
    pub fn set_self_id(&mut self, id: i64) {
        self.self_id = Some(id);
    }

    /// The users in the map.
    pub fn users(&self) -> impl Iterator<Item = &User> {
        self.users.values()
    }

    /// The basic groups and channels in the map.
    pub fn chats(&self) -> impl Iterator<Item = &Chat> {
        self.chats.values()
    }

    /// How many users and chats the map holds.
    pub fn len(&self) -> usize {
        self.users.len() + self.chats.len()
    }

    /// Whether the map holds no peer at all.
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.chats.is_empty()
    }
}
