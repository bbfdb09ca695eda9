//! Where a message comes from and points to: its [`Sender`] (a user, or a chat for channel
//! posts, anonymous admins and users writing as a channel), [`ReplyTo`] (the message or story
//! it answers) and [`ForwardInfo`] (where a forwarded message was first sent).

use pyro_tl_types::api::enums;

use super::chat::Chat;
use super::peer::{PeerId, PeerMap};
use super::user::User;

/// Who sent a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Sender {
    /// A user or bot.
    User(User),
    /// A chat: a channel posting, an anonymous admin writing as the group, or a user writing as
    /// one of their channels.
    Chat(Chat),
}

impl Sender {
    /// The sender behind a peer id, resolved through `peers` (a typed placeholder when the
    /// server did not send the peer).
    pub fn resolve(peer: PeerId, peers: &PeerMap) -> Self {
        match peer {
            PeerId::User(id) => Self::User(peers.user(id)),
            PeerId::Chat(_) | PeerId::Channel(_) => Self::Chat(peers.chat(peer)),
        }
    }

    /// The sender's peer id.
    pub fn id(&self) -> PeerId {
        match self {
            Self::User(user) => user.peer_id(),
            Self::Chat(chat) => chat.id(),
        }
    }

    /// The user, if a user sent it.
    pub fn user(&self) -> Option<&User> {
        match self {
            Self::User(user) => Some(user),
            Self::Chat(_) => None,
        }
    }

    /// The chat, if a chat sent it.
    pub fn chat(&self) -> Option<&Chat> {
        match self {
            Self::Chat(chat) => Some(chat),
            Self::User(_) => None,
        }
    }

    /// The sender's display name: a user's full name or a chat's title.
    pub fn name(&self) -> String {
        match self {
            Self::User(user) => user.full_name(),
            Self::Chat(chat) => chat.title().into_owned(),
        }
    }
}

/// What a message replies to.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyTo {
    /// The id of the message replied to (absent for replies to messages that are gone, and for
    /// story replies).
    pub message_id: Option<i32>,
    /// The chat of the message replied to, when it is another chat than the reply's.
    pub peer: Option<PeerId>,
    /// The forum topic's (or comment thread's) first message id.
    pub top_id: Option<i32>,
    /// Whether the reply is inside a forum topic.
    pub forum_topic: bool,
    /// The quoted part of the message replied to, if the reply quotes it.
    pub quote: Option<String>,
    /// A story replied to: its author and id.
    pub story: Option<(PeerId, i32)>,
    /// The raw header.
    pub raw: enums::MessageReplyHeader,
}

impl ReplyTo {
    /// The typed reply of a raw `MessageReplyHeader`.
    pub fn from_raw(raw: &enums::MessageReplyHeader) -> Self {
        match raw {
            enums::MessageReplyHeader::MessageReplyHeader(h) => Self {
                message_id: h.reply_to_msg_id,
                peer: h.reply_to_peer_id.as_ref().map(PeerId::from_raw),
                top_id: h.reply_to_top_id,
                forum_topic: h.forum_topic,
                quote: h.quote_text.clone(),
                story: None,
                raw: raw.clone(),
            },
            enums::MessageReplyHeader::MessageReplyStoryHeader(h) => Self {
                message_id: None,
                peer: None,
                top_id: None,
                forum_topic: false,
                quote: None,
                story: Some((PeerId::from_raw(&h.peer), h.story_id)),
                raw: raw.clone(),
            },
        }
    }
}

/// Where a forwarded message was first sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ForwardInfo {
    /// The original sender, when visible (hidden senders give only [`ForwardInfo::from_name`]).
    pub from: Option<Sender>,
    /// The name of a sender who hides their account from forwards.
    pub from_name: Option<String>,
    /// When the original message was sent (Unix).
    pub date: i32,
    /// The original message's id in its channel, for channel posts.
    pub channel_post: Option<i32>,
    /// The signature of the original channel post's author.
    pub post_author: Option<String>,
    /// Whether the message was imported from another app.
    pub imported: bool,
    /// For messages saved to Saved Messages: the chat and message they came from.
    pub saved_from: Option<(PeerId, Option<i32>)>,
    /// The raw header.
    pub raw: enums::MessageFwdHeader,
}

impl ForwardInfo {
    /// The typed forward header of a raw `MessageFwdHeader`, senders resolved through `peers`.
    pub fn from_raw(raw: &enums::MessageFwdHeader, peers: &PeerMap) -> Self {
        let enums::MessageFwdHeader::MessageFwdHeader(h) = raw;
        Self {
            from: h
                .from_id
                .as_ref()
                .map(|peer| Sender::resolve(PeerId::from_raw(peer), peers)),
            from_name: h.from_name.clone(),
            date: h.date,
            channel_post: h.channel_post,
            post_author: h.post_author.clone(),
            imported: h.imported,
            saved_from: h
                .saved_from_peer
                .as_ref()
                .map(|peer| (PeerId::from_raw(peer), h.saved_from_msg_id)),
            raw: raw.clone(),
        }
    }
}
