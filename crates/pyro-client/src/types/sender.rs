//! [`Sender`]: who sent a message — a user, or a chat (channel posts, anonymous group admins,
//! users writing as one of their channels).

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
