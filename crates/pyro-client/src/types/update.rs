//! [`Update`]: what handlers receive — typed kinds for the common updates, the raw update with
//! its peers for everything else — and the conversions from one raw `Update` and from a whole
//! `Updates` container, including the short forms that carry a message without its container
//! (`updateShortMessage`, `updateShortChatMessage`).

use std::sync::Arc;

use pyro_tl_types::api::{enums, types};

use super::bot_query::{CallbackQuery, ChosenInlineResult, InlineQuery};
use super::member::ChatMemberUpdated;
use super::message::Message;
use super::peer::{PeerId, PeerMap};
use super::user::{User, UserStatus};

/// One update, typed by kind.
#[derive(Debug, Clone)]
pub enum Update {
    /// A new message in any chat (`updateNewMessage`, `updateNewChannelMessage`, and the short
    /// forms `updateShortMessage` / `updateShortChatMessage`).
    NewMessage(Message),
    /// A message was edited (`updateEditMessage`, `updateEditChannelMessage`).
    EditedMessage(Message),
    /// Messages were deleted (`updateDeleteMessages`, `updateDeleteChannelMessages`).
    DeletedMessages(DeletedMessages),
    /// An inline button was pressed (`updateBotCallbackQuery`, `updateInlineBotCallbackQuery`).
    CallbackQuery(CallbackQuery),
    /// A user typed an inline query (`updateBotInlineQuery`).
    InlineQuery(InlineQuery),
    /// A user picked an inline result (`updateBotInlineSend`).
    ChosenInlineResult(ChosenInlineResult),
    /// Someone's membership changed (`updateChatParticipant`, `updateChannelParticipant`).
    ChatMemberUpdated(ChatMemberUpdated),
    /// A user came online or went offline (`updateUserStatus`).
    UserStatus(UserStatusUpdate),
    /// Any other update, raw, with the peers that came with it.
    Raw(RawUpdate),
}

/// Messages were deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedMessages {
    /// The channel or supergroup they were in; `None` for private chats and basic groups (whose
    /// message ids are unique per account, so the server does not say which chat).
    pub channel_id: Option<i64>,
    /// The ids of the deleted messages.
    pub message_ids: Vec<i32>,
}

impl DeletedMessages {
    /// The chat, when the server says it (channels and supergroups).
    pub fn chat(&self) -> Option<PeerId> {
        self.channel_id.map(PeerId::Channel)
    }
}

/// A user's online status changed.
#[derive(Debug, Clone, PartialEq)]
pub struct UserStatusUpdate {
    /// The user (unresolved when the server sent only the id, which is usual here).
    pub user: User,
    /// The new status.
    pub status: UserStatus,
}

/// An update without a typed kind, with the users and chats of its container.
#[derive(Debug, Clone)]
pub struct RawUpdate {
    /// The raw update.
    pub update: enums::Update,
    /// The users and chats that came with it.
    pub peers: Arc<PeerMap>,
}

impl Update {
    /// The typed update of one raw update, peers resolved through `peers` (the container's
    /// users and chats, perhaps with the client's cache).
    ///
    /// Never fails: kinds without a typed view, and typed kinds whose message is
    /// `messageEmpty`, become [`Update::Raw`].
    pub fn from_raw(raw: enums::Update, peers: &Arc<PeerMap>) -> Self {
        use enums::Update as U;
        let raw_update = |update| {
            Self::Raw(RawUpdate {
                update,
                peers: Arc::clone(peers),
            })
        };
        match raw {
            U::NewMessage(u) => {
                let types::UpdateNewMessage {
                    message,
                    pts,
                    pts_count,
                } = *u;
                typed_message(message, peers, Self::NewMessage, |message| {
                    U::NewMessage(Box::new(types::UpdateNewMessage {
                        message,
                        pts,
                        pts_count,
                    }))
                })
            }
            U::NewChannelMessage(u) => {
                let types::UpdateNewChannelMessage {
                    message,
                    pts,
                    pts_count,
                } = *u;
                typed_message(message, peers, Self::NewMessage, |message| {
                    U::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
                        message,
                        pts,
                        pts_count,
                    }))
                })
            }
            U::EditMessage(u) => {
                let types::UpdateEditMessage {
                    message,
                    pts,
                    pts_count,
                } = *u;
                typed_message(message, peers, Self::EditedMessage, |message| {
                    U::EditMessage(Box::new(types::UpdateEditMessage {
                        message,
                        pts,
                        pts_count,
                    }))
                })
            }
            U::EditChannelMessage(u) => {
                let types::UpdateEditChannelMessage {
                    message,
                    pts,
                    pts_count,
                } = *u;
                typed_message(message, peers, Self::EditedMessage, |message| {
                    U::EditChannelMessage(Box::new(types::UpdateEditChannelMessage {
                        message,
                        pts,
                        pts_count,
                    }))
                })
            }
            U::DeleteMessages(u) => Self::DeletedMessages(DeletedMessages {
                channel_id: None,
                message_ids: u.messages,
            }),
            U::DeleteChannelMessages(u) => Self::DeletedMessages(DeletedMessages {
                channel_id: Some(u.channel_id),
                message_ids: u.messages,
            }),
            U::BotCallbackQuery(u) => Self::CallbackQuery(CallbackQuery::from_chat_raw(*u, peers)),
            U::InlineBotCallbackQuery(u) => {
                Self::CallbackQuery(CallbackQuery::from_inline_raw(*u, peers))
            }
            U::BotInlineQuery(u) => Self::InlineQuery(InlineQuery::from_raw(*u, peers)),
            U::BotInlineSend(u) => {
                Self::ChosenInlineResult(ChosenInlineResult::from_raw(*u, peers))
            }
            U::ChatParticipant(u) => {
                Self::ChatMemberUpdated(ChatMemberUpdated::from_chat_raw(*u, peers))
            }
            U::ChannelParticipant(u) => {
                Self::ChatMemberUpdated(ChatMemberUpdated::from_channel_raw(*u, peers))
            }
            U::UserStatus(u) => Self::UserStatus(UserStatusUpdate {
                user: peers.user(u.user_id),
                status: UserStatus::from_raw(&u.status),
            }),
            other => raw_update(other),
        }
    }

    /// The message of a new or edited message update.
    pub fn message(&self) -> Option<&Message> {
        match self {
            Self::NewMessage(m) | Self::EditedMessage(m) => Some(m),
            _ => None,
        }
    }

    /// A short name of the update's kind, for logs (`"new_message"`, `"raw"`...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::NewMessage(_) => "new_message",
            Self::EditedMessage(_) => "edited_message",
            Self::DeletedMessages(_) => "deleted_messages",
            Self::CallbackQuery(_) => "callback_query",
            Self::InlineQuery(_) => "inline_query",
            Self::ChosenInlineResult(_) => "chosen_inline_result",
            Self::ChatMemberUpdated(_) => "chat_member_updated",
            Self::UserStatus(_) => "user_status",
            Self::Raw(_) => "raw",
        }
    }
}

/// A typed message update, or — for `messageEmpty` — the raw update rebuilt around the message.
fn typed_message(
    message: enums::Message,
    peers: &Arc<PeerMap>,
    typed: fn(Message) -> Update,
    rebuild: impl FnOnce(enums::Message) -> enums::Update,
) -> Update {
    match Message::try_from_raw(message, peers) {
        Ok(message) => typed(message),
        Err(message) => Update::Raw(RawUpdate {
            update: rebuild(message),
            peers: Arc::clone(peers),
        }),
    }
}

impl Update {
    /// Every update of a raw container, typed, in the server's order; peers resolved through
    /// the container's own users and chats on top of a copy of `base`.
    ///
    /// `base` carries what the container cannot: the client to bind the results to
    /// ([`PeerMap::with_client`]), the signed-in user's id ([`PeerMap::set_self_id`], which
    /// decides who sent outgoing short private messages) and perhaps known peers. It is cloned
    /// once per container, so keep it small (a cache of thousands of peers belongs in a lookup
    /// after conversion, not here). Gap handling is not done here (that is the updates
    /// module's job): containers that carry no update of their own — `updatesTooLong`, and
    /// `updateShortSentMessage` (an answer to our own request, without its chat) — give
    /// nothing.
    pub fn from_container(raw: enums::Updates, base: &PeerMap) -> Vec<Self> {
        let self_id = base.self_id();
        let peers_of = |users: &[enums::User], chats: &[enums::Chat]| {
            let mut peers = base.clone();
            peers.extend_raw(users, chats);
            Arc::new(peers)
        };
        match raw {
            enums::Updates::Updates(c) => {
                let peers = peers_of(&c.users, &c.chats);
                c.updates
                    .into_iter()
                    .map(|u| Self::from_raw(u, &peers))
                    .collect()
            }
            enums::Updates::Combined(c) => {
                let peers = peers_of(&c.users, &c.chats);
                c.updates
                    .into_iter()
                    .map(|u| Self::from_raw(u, &peers))
                    .collect()
            }
            enums::Updates::UpdateShort(c) => vec![Self::from_raw(c.update, &peers_of(&[], &[]))],
            enums::Updates::UpdateShortMessage(c) => {
                let update = short_message_update(&c, self_id);
                vec![Self::from_raw(update, &peers_of(&[], &[]))]
            }
            enums::Updates::UpdateShortChatMessage(c) => {
                let update = short_chat_message_update(&c);
                vec![Self::from_raw(update, &peers_of(&[], &[]))]
            }
            enums::Updates::TooLong | enums::Updates::UpdateShortSentMessage(_) => Vec::new(),
        }
    }
}

/// The `updateNewMessage` around a message built from a short update's shared fields, with the
/// sender and chat the caller worked out.
macro_rules! full_message_update {
    ($short:expr, $from_id:expr, $peer_id:expr) => {{
        let short = $short;
        let message = types::Message {
            out: short.out,
            mentioned: short.mentioned,
            media_unread: short.media_unread,
            silent: short.silent,
            id: short.id,
            from_id: $from_id,
            peer_id: $peer_id,
            fwd_from: short.fwd_from.clone(),
            via_bot_id: short.via_bot_id,
            reply_to: short.reply_to.clone(),
            date: short.date,
            message: short.message.clone(),
            entities: short.entities.clone(),
            ttl_period: short.ttl_period,
            ..types::Message::default()
        };
        enums::Update::NewMessage(Box::new(types::UpdateNewMessage {
            message: enums::Message::Message(Box::new(message)),
            pts: short.pts,
            pts_count: short.pts_count,
        }))
    }};
}

/// The full `updateNewMessage` an `updateShortMessage` (a private message) stands for.
///
/// The sender of an outgoing short message is the signed-in user: `self_id`, when known.
pub fn short_message_update(
    short: &types::UpdateShortMessage,
    self_id: Option<i64>,
) -> enums::Update {
    let peer = enums::Peer::User(types::PeerUser {
        user_id: short.user_id,
    });
    let from_id = if short.out {
        self_id.map(|user_id| enums::Peer::User(types::PeerUser { user_id }))
    } else {
        Some(peer.clone())
    };
    full_message_update!(short, from_id, peer)
}

/// The full `updateNewMessage` an `updateShortChatMessage` (a basic group message) stands for.
pub fn short_chat_message_update(short: &types::UpdateShortChatMessage) -> enums::Update {
    let from_id = Some(enums::Peer::User(types::PeerUser {
        user_id: short.from_id,
    }));
    let peer = enums::Peer::Chat(types::PeerChat {
        chat_id: short.chat_id,
    });
    full_message_update!(short, from_id, peer)
}
