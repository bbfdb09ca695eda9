//! What the method groups share: resolving a peer into a chat, reading message lists and
//! the messages an `Updates` answer carries.

use pyro_tl_types::api::enums;

use crate::client::{Client, Error};
use crate::peers::{IntoPeerQuery, PeerRef};
use crate::types::bound::{Sent, message_in_answer};
use crate::types::{Chat, Message, PeerId, PeerMap};

/// A resolved peer with the placeholder chat its messages are attributed to.
pub(crate) struct Target {
    pub(crate) peer: PeerRef,
    pub(crate) chat: Chat,
}

impl Target {
    /// The peer as `InputPeer`.
    pub(crate) fn input_peer(&self) -> enums::InputPeer {
        self.peer.input_peer()
    }
}

/// Resolves a peer (cache first, see [`Client::resolve_peer`]).
pub(crate) async fn target(client: &Client, peer: impl IntoPeerQuery) -> Result<Target, Error> {
    let peer = client.resolve_peer(peer).await?;
    let chat = Chat::unresolved(PeerId::from_raw(&peer.peer()));
    Ok(Target { peer, chat })
}

/// One page of a `messages.Messages` answer.
pub(crate) struct MessageList {
    /// The messages, bound to the client (`messageEmpty` left out).
    pub(crate) messages: Vec<Message>,
    /// How many raw messages the page held (empties included): paging stops below the limit.
    pub(crate) raw_len: usize,
    /// The id of the page's last raw message, the next page's `offset_id`.
    pub(crate) last_id: Option<i32>,
    /// Whether the answer said it holds the whole list (`messages.messages`).
    pub(crate) complete: bool,
}

impl MessageList {
    /// The `offset_id` of the page after this one, when there is one: the page was a slice,
    /// not empty, and moved past `offset_id` (a server repeating a page ends the stream
    /// instead of looping).
    pub(crate) fn next_offset(&self, offset_id: i32) -> Option<i32> {
        let last = self.last_id?;
        let moved = offset_id == 0 || last < offset_id;
        (!self.complete && self.raw_len > 0 && moved).then_some(last)
    }
}

/// The messages of a `messages.Messages` answer, in the answer's order.
pub(crate) fn message_list(answer: enums::messages::Messages, client: &Client) -> MessageList {
    let complete = matches!(answer, enums::messages::Messages::Messages(_));
    let (messages, users, chats) = match answer {
        enums::messages::Messages::Messages(m) => (m.messages, m.users, m.chats),
        enums::messages::Messages::Slice(m) => (m.messages, m.users, m.chats),
        enums::messages::Messages::ChannelMessages(m) => (m.messages, m.users, m.chats),
        enums::messages::Messages::NotModified(_) => (Vec::new(), Vec::new(), Vec::new()),
    };
    let peers = peer_map(client, &users, &chats);
    let raw_len = messages.len();
    let last_id = messages.last().map(raw_message_id);
    MessageList {
        messages: messages
            .into_iter()
            .filter_map(|m| Message::from_raw(m, &peers))
            .collect(),
        raw_len,
        last_id,
        complete,
    }
}

/// A peer map of an answer's users and chats, bound to the client, knowing who we are.
pub(crate) fn peer_map(client: &Client, users: &[enums::User], chats: &[enums::Chat]) -> PeerMap {
    let mut peers = PeerMap::from_raw(users, chats).with_client(client.clone());
    if let Ok(Some(me)) = client.store().user() {
        peers.set_self_id(me.id);
    }
    peers
}

/// A raw message's id (also of `messageEmpty`).
pub(crate) fn raw_message_id(message: &enums::Message) -> i32 {
    match message {
        enums::Message::Empty(m) => m.id,
        enums::Message::Message(m) => m.id,
        enums::Message::Service(m) => m.id,
    }
}

/// Every message an answer to a send or forward carries (forwarding many messages answers
/// with one `updateNewMessage` each), in the answer's order.
pub(crate) fn messages_in_answer(
    answer: enums::Updates,
    client: &Client,
    chat: &Chat,
    sent: Option<&Sent<'_>>,
) -> Vec<Message> {
    let (updates, users, chats) = match answer {
        enums::Updates::Updates(c) => (c.updates, c.users, c.chats),
        enums::Updates::Combined(c) => (c.updates, c.users, c.chats),
        short => {
            return message_in_answer(short, client, chat, sent)
                .into_iter()
                .collect();
        }
    };
    let mut peers = peer_map(client, &[], &[]);
    peers.insert_chat(chat.clone());
    peers.extend_raw(&users, &chats);
    updates
        .into_iter()
        .filter_map(|update| match update {
            enums::Update::NewMessage(u) => Some(u.message),
            enums::Update::NewChannelMessage(u) => Some(u.message),
            _ => None,
        })
        .filter_map(|message| Message::from_raw(message, &peers))
        .collect()
}
