//! [`Dialog`]: one entry of the chat list, with its chat, last message and unread counters.

use pyro_tl_types::api::enums;

use super::chat::Chat;
use super::message::Message;
use super::peer::{PeerId, PeerMap};

/// One entry of the chat list: a chat (`dialog`), a folder (`dialogFolder`) or a community
/// (`dialogCommunity`).
#[derive(Debug, Clone)]
pub struct Dialog {
    chat: Chat,
    top_message: Option<Message>,
    raw: enums::Dialog,
}

impl Dialog {
    /// A dialog from its raw object, its chat resolved through `peers` and its last message
    /// looked up among `messages` (the answer's `messages` vector) by chat and id.
    pub fn from_raw(raw: enums::Dialog, peers: &PeerMap, messages: &[enums::Message]) -> Self {
        let (peer, top_id) = match &raw {
            enums::Dialog::Dialog(d) => (PeerId::from_raw(&d.peer), Some(d.top_message)),
            enums::Dialog::Folder(d) => (PeerId::from_raw(&d.peer), Some(d.top_message)),
            enums::Dialog::Community(d) => (PeerId::Channel(d.community_id), None),
        };
        let top_message = top_id.and_then(|id| {
            messages
                .iter()
                .find(|m| message_key(m) == Some((peer, id)))
                .and_then(|m| Message::from_raw(m.clone(), peers))
        });
        Self {
            chat: peers.chat(peer),
            top_message,
            raw,
        }
    }

    /// The raw dialog.
    pub fn raw(&self) -> &enums::Dialog {
        &self.raw
    }

    /// The chat.
    pub fn chat(&self) -> &Chat {
        &self.chat
    }

    /// The last message, if the answer carried it.
    pub fn top_message(&self) -> Option<&Message> {
        self.top_message.as_ref()
    }

    /// Whether the dialog is pinned.
    pub fn is_pinned(&self) -> bool {
        match &self.raw {
            enums::Dialog::Dialog(d) => d.pinned,
            enums::Dialog::Folder(d) => d.pinned,
            enums::Dialog::Community(d) => d.pinned,
        }
    }

    /// How many messages are unread (for folders: in unmuted and muted chats together).
    pub fn unread_count(&self) -> i32 {
        match &self.raw {
            enums::Dialog::Dialog(d) => d.unread_count,
            enums::Dialog::Folder(d) => d
                .unread_muted_messages_count
                .saturating_add(d.unread_unmuted_messages_count),
            enums::Dialog::Community(_) => 0,
        }
    }

    /// How many unread messages mention us.
    pub fn unread_mentions_count(&self) -> i32 {
        match &self.raw {
            enums::Dialog::Dialog(d) => d.unread_mentions_count,
            _ => 0,
        }
    }

    /// Whether the user marked the chat as unread.
    pub fn is_marked_unread(&self) -> bool {
        match &self.raw {
            enums::Dialog::Dialog(d) => d.unread_mark,
            _ => false,
        }
    }

    /// The id of the last message we read.
    pub fn read_inbox_max_id(&self) -> Option<i32> {
        match &self.raw {
            enums::Dialog::Dialog(d) => Some(d.read_inbox_max_id),
            _ => None,
        }
    }

    /// The folder the chat is in (0 or `None`: the main list).
    pub fn folder_id(&self) -> Option<i32> {
        match &self.raw {
            enums::Dialog::Dialog(d) => d.folder_id,
            _ => None,
        }
    }

    /// The channel's update box position, for channels.
    pub fn pts(&self) -> Option<i32> {
        match &self.raw {
            enums::Dialog::Dialog(d) => d.pts,
            _ => None,
        }
    }
}

/// The chat and id of a raw message, which together identify it.
fn message_key(message: &enums::Message) -> Option<(PeerId, i32)> {
    match message {
        enums::Message::Message(m) => Some((PeerId::from_raw(&m.peer_id), m.id)),
        enums::Message::Service(m) => Some((PeerId::from_raw(&m.peer_id), m.id)),
        enums::Message::Empty(m) => m.peer_id.as_ref().map(|p| (PeerId::from_raw(p), m.id)),
    }
}
