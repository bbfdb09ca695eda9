//! [`Chat`]: where messages live — a private chat with a user, a basic group, a supergroup, a
//! gigagroup, a broadcast channel or a community — and its [`ChatKind`].

use std::borrow::Cow;

use pyro_tl_types::api::{enums, types};

use super::peer::PeerId;
use super::user::User;

/// What kind of chat a [`Chat`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChatKind {
    /// A private chat with a user.
    Private,
    /// A private chat with a bot.
    Bot,
    /// A basic group (`chat`).
    Group,
    /// A supergroup (a `channel` with `megagroup`); gigagroups and forums are supergroups with
    /// a flag ([`Chat::is_gigagroup`], [`Chat::is_forum`]).
    Supergroup,
    /// A broadcast channel, or a channel whose kind the server did not say (an unresolved peer).
    Channel,
    /// A community (a group of chats, `community`).
    Community,
}

/// The raw object a [`Chat`] came from.
#[derive(Debug, Clone, PartialEq)]
pub enum RawChat {
    /// A private chat, from its user.
    User(User),
    /// A group, channel or community, from its raw `Chat`.
    Chat(enums::Chat),
    /// A peer that was referenced but not sent: only its id is known.
    Unresolved,
}

/// A chat, built from a raw `Chat` (group, channel) or a `User` (private chat).
#[derive(Debug, Clone, PartialEq)]
pub struct Chat {
    id: PeerId,
    kind: ChatKind,
    raw: RawChat,
}

impl Chat {
    /// A group, channel or community from its raw object.
    pub fn from_raw_chat(raw: enums::Chat) -> Self {
        let (id, kind) = match &raw {
            enums::Chat::Empty(c) => (PeerId::Chat(c.id), ChatKind::Group),
            enums::Chat::Chat(c) => (PeerId::Chat(c.id), ChatKind::Group),
            enums::Chat::Forbidden(c) => (PeerId::Chat(c.id), ChatKind::Group),
            enums::Chat::Channel(c) => (PeerId::Channel(c.id), channel_kind(c.megagroup)),
            enums::Chat::ChannelForbidden(c) => (PeerId::Channel(c.id), channel_kind(c.megagroup)),
            enums::Chat::Community(c) => (PeerId::Channel(c.id), ChatKind::Community),
            enums::Chat::CommunityForbidden(c) => (PeerId::Channel(c.id), ChatKind::Community),
        };
        Self {
            id,
            kind,
            raw: RawChat::Chat(raw),
        }
    }

    /// The private chat with a user.
    pub fn from_user(user: User) -> Self {
        let kind = if user.is_bot() {
            ChatKind::Bot
        } else {
            ChatKind::Private
        };
        Self {
            id: user.peer_id(),
            kind,
            raw: RawChat::User(user),
        }
    }

    /// A placeholder for a peer that was referenced but not sent. Its kind follows the peer:
    /// users are private chats, basic groups groups, channels [`ChatKind::Channel`].
    pub fn unresolved(id: PeerId) -> Self {
        match id {
            PeerId::User(user_id) => Self::from_user(User::unresolved(user_id)),
            PeerId::Chat(_) | PeerId::Channel(_) => Self {
                id,
                kind: if matches!(id, PeerId::Chat(_)) {
                    ChatKind::Group
                } else {
                    ChatKind::Channel
                },
                raw: RawChat::Unresolved,
            },
        }
    }

    /// The raw object this chat came from.
    pub fn raw(&self) -> &RawChat {
        &self.raw
    }

    /// The chat's peer id.
    pub fn id(&self) -> PeerId {
        self.id
    }

    /// The chat's id in the Bot API's single id space (see [`PeerId::bot_api_id`]).
    pub fn bot_api_id(&self) -> i64 {
        self.id.bot_api_id()
    }

    /// What kind of chat this is.
    pub fn kind(&self) -> ChatKind {
        self.kind
    }

    /// Whether the server sent this chat (a placeholder for a missing peer is not resolved).
    pub fn is_resolved(&self) -> bool {
        match &self.raw {
            RawChat::User(user) => user.is_resolved(),
            RawChat::Chat(_) => true,
            RawChat::Unresolved => false,
        }
    }

    /// The user of a private chat.
    pub fn user(&self) -> Option<&User> {
        match &self.raw {
            RawChat::User(user) => Some(user),
            _ => None,
        }
    }

    fn channel(&self) -> Option<&types::Channel> {
        match &self.raw {
            RawChat::Chat(enums::Chat::Channel(c)) => Some(c),
            _ => None,
        }
    }

    /// The title of a group or channel, or the full name of a private chat's user.
    pub fn title(&self) -> Cow<'_, str> {
        let title = match &self.raw {
            RawChat::User(user) => return Cow::Owned(user.full_name()),
            RawChat::Chat(chat) => match chat {
                enums::Chat::Empty(_) => "",
                enums::Chat::Chat(c) => &c.title,
                enums::Chat::Forbidden(c) => &c.title,
                enums::Chat::Channel(c) => &c.title,
                enums::Chat::ChannelForbidden(c) => &c.title,
                enums::Chat::Community(c) => &c.title,
                enums::Chat::CommunityForbidden(c) => &c.title,
            },
            RawChat::Unresolved => "",
        };
        Cow::Borrowed(title)
    }

    /// The public username (without `@`), if any.
    pub fn username(&self) -> Option<&str> {
        if let RawChat::User(user) = &self.raw {
            return user.username();
        }
        let channel = self.channel()?;
        channel.username.as_deref().or_else(|| {
            channel
                .usernames
                .iter()
                .flatten()
                .find_map(|name| match name {
                    enums::Username::Username(n) if n.active => Some(n.username.as_str()),
                    enums::Username::Username(_) => None,
                })
        })
    }

    /// Whether this is a private chat (with a user or a bot).
    pub fn is_private(&self) -> bool {
        matches!(self.kind, ChatKind::Private | ChatKind::Bot)
    }

    /// Whether this is a group of any size (basic group or supergroup).
    pub fn is_group(&self) -> bool {
        matches!(self.kind, ChatKind::Group | ChatKind::Supergroup)
    }

    /// Whether this is a broadcast channel.
    pub fn is_channel(&self) -> bool {
        self.kind == ChatKind::Channel
    }

    /// Whether this supergroup is a gigagroup (broadcast group: only admins write).
    pub fn is_gigagroup(&self) -> bool {
        self.channel().is_some_and(|c| c.gigagroup)
    }

    /// Whether this supergroup is a forum (messages grouped into topics).
    pub fn is_forum(&self) -> bool {
        self.channel().is_some_and(|c| c.forum)
    }

    /// Whether Telegram verified this chat (or the private chat's user).
    pub fn is_verified(&self) -> bool {
        match &self.raw {
            RawChat::User(user) => user.is_verified(),
            _ => self.channel().is_some_and(|c| c.verified),
        }
    }

    /// Whether we created this group or channel.
    pub fn is_creator(&self) -> bool {
        match &self.raw {
            RawChat::Chat(enums::Chat::Chat(c)) => c.creator,
            RawChat::Chat(enums::Chat::Channel(c)) => c.creator,
            RawChat::Chat(enums::Chat::Community(c)) => c.creator,
            _ => false,
        }
    }

    /// Whether we left this group or channel (or were removed from it).
    pub fn has_left(&self) -> bool {
        match &self.raw {
            RawChat::Chat(enums::Chat::Chat(c)) => c.left,
            RawChat::Chat(enums::Chat::Channel(c)) => c.left,
            RawChat::Chat(enums::Chat::Community(c)) => c.left,
            RawChat::Chat(
                enums::Chat::Forbidden(_)
                | enums::Chat::ChannelForbidden(_)
                | enums::Chat::CommunityForbidden(_),
            ) => true,
            _ => false,
        }
    }

    /// Whether this is a `min` object: partial, its access hash not usable on its own.
    pub fn is_min(&self) -> bool {
        match &self.raw {
            RawChat::User(user) => user.is_min(),
            RawChat::Chat(enums::Chat::Channel(c)) => c.min,
            RawChat::Chat(enums::Chat::Community(c)) => c.min,
            _ => false,
        }
    }

    /// The number of members, if the server sent it.
    pub fn members_count(&self) -> Option<i32> {
        match &self.raw {
            RawChat::Chat(enums::Chat::Chat(c)) => Some(c.participants_count),
            RawChat::Chat(enums::Chat::Channel(c)) => c.participants_count,
            _ => None,
        }
    }

    /// The access hash of a channel or user, needed to address it in requests.
    pub fn access_hash(&self) -> Option<i64> {
        match &self.raw {
            RawChat::User(user) => user.access_hash(),
            RawChat::Chat(enums::Chat::Channel(c)) => c.access_hash,
            RawChat::Chat(enums::Chat::ChannelForbidden(c)) => Some(c.access_hash),
            RawChat::Chat(enums::Chat::Community(c)) => c.access_hash,
            RawChat::Chat(enums::Chat::CommunityForbidden(c)) => c.access_hash,
            _ => None,
        }
    }

    /// The `InputPeer` that addresses this chat, if we can (basic groups need no hash; users and
    /// channels do).
    pub fn input_peer(&self) -> Option<enums::InputPeer> {
        match (&self.raw, self.id) {
            (RawChat::User(user), _) => user.input_peer(),
            (_, PeerId::Chat(chat_id)) => {
                Some(enums::InputPeer::Chat(types::InputPeerChat { chat_id }))
            }
            (_, PeerId::Channel(channel_id)) => {
                Some(enums::InputPeer::Channel(types::InputPeerChannel {
                    channel_id,
                    access_hash: self.access_hash()?,
                }))
            }
            (_, PeerId::User(_)) => None,
        }
    }

    /// The `InputChannel` of a channel or supergroup, if we can address it.
    pub fn input_channel(&self) -> Option<enums::InputChannel> {
        match self.id {
            PeerId::Channel(channel_id) => {
                Some(enums::InputChannel::InputChannel(types::InputChannel {
                    channel_id,
                    access_hash: self.access_hash()?,
                }))
            }
            _ => None,
        }
    }
}

fn channel_kind(megagroup: bool) -> ChatKind {
    if megagroup {
        ChatKind::Supergroup
    } else {
        ChatKind::Channel
    }
}
