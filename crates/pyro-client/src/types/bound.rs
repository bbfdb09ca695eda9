//! What bound methods share: the client a type is bound to, addressing its chat, fresh
//! `random_id`s, and finding the message an answer carries.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use pyro_tl_types::api::{enums, functions, types};

use super::chat::Chat;
use super::message::Message;
use super::peer::{PeerId, PeerMap};
use crate::client::{Client, Error};

/// The client of a bound object, or the caller's error of using an unbound one.
pub(crate) fn bound(client: Option<&Client>) -> Result<&Client, Error> {
    client.ok_or_else(|| {
        Error::Config(
            "this object was built without a Client (PeerMap::with_client binds it); \
             its methods need one"
                .to_owned(),
        )
    })
}

/// The `InputPeer` of a chat: from the chat itself, or from the session's peer cache when the
/// chat came without an access hash; `PEER_ID_INVALID` when neither knows it.
pub(crate) fn input_peer(client: &Client, chat: &Chat) -> Result<enums::InputPeer, Error> {
    if let Some(peer) = chat.input_peer() {
        return Ok(peer);
    }
    let key = match chat.id() {
        PeerId::User(id) => pyro_session::PeerId::user(id),
        PeerId::Chat(id) => pyro_session::PeerId::chat(id),
        PeerId::Channel(id) => pyro_session::PeerId::channel(id),
    };
    let access_hash = client
        .store()
        .peer(key)?
        .and_then(|cached| cached.access_hash)
        .ok_or(Error::PeerIdInvalid)?;
    Ok(match chat.id() {
        PeerId::User(user_id) => enums::InputPeer::User(types::InputPeerUser {
            user_id,
            access_hash,
        }),
        PeerId::Chat(chat_id) => enums::InputPeer::Chat(types::InputPeerChat { chat_id }),
        PeerId::Channel(channel_id) => enums::InputPeer::Channel(types::InputPeerChannel {
            channel_id,
            access_hash,
        }),
    })
}

/// Deletes messages `ids` of the chat `peer` names: `channels.deleteMessages` in channels and
/// supergroups (always for everyone there), `messages.deleteMessages` elsewhere (`revoke`: for
/// everyone). The number the server deleted. Shared by `Message::delete` and
/// `Client::delete_messages`.
pub(crate) async fn delete_in(
    client: &Client,
    peer: &enums::InputPeer,
    ids: Vec<i32>,
    revoke: bool,
) -> Result<i32, Error> {
    let affected = if let Some(channel) = input_channel(peer) {
        client
            .invoke(&functions::channels::DeleteMessages { channel, id: ids })
            .await?
    } else {
        client
            .invoke(&functions::messages::DeleteMessages { revoke, id: ids })
            .await?
    };
    let enums::messages::AffectedMessages::AffectedMessages(affected) = affected;
    Ok(affected.pts_count)
}

/// The `InputChannel` of a channel's `InputPeer`.
pub(crate) fn input_channel(peer: &enums::InputPeer) -> Option<enums::InputChannel> {
    match peer {
        enums::InputPeer::Channel(c) => {
            Some(enums::InputChannel::InputChannel(types::InputChannel {
                channel_id: c.channel_id,
                access_hash: c.access_hash,
            }))
        }
        _ => None,
    }
}

/// A fresh `random_id` (the server's duplicate-send guard: unique per sent message, nothing
/// secret). Each call hashes a process-wide counter with std's randomly keyed SipHash.
pub(crate) fn random_id() -> i64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    RandomState::new().hash_one(n) as i64
}

/// What a send request said that `updateShortSentMessage` leaves out.
pub(crate) struct Sent<'a> {
    /// The text sent.
    pub(crate) text: &'a str,
    /// The message replied to.
    pub(crate) reply_to: Option<i32>,
}

/// The message an answer to a send, edit or forward carries, bound to `client`.
///
/// `chat` is where it was sent (so the message has a resolved chat even when the answer's
/// peers omit it); `sent` fills in what `updateShortSentMessage` leaves out. `None` when the
/// answer carries no message.
pub(crate) fn message_in_answer(
    answer: enums::Updates,
    client: &Client,
    chat: &Chat,
    sent: Option<&Sent<'_>>,
) -> Option<Message> {
    let mut peers = PeerMap::new().with_client(client.clone());
    peers.insert_chat(chat.clone());
    let updates = match answer {
        enums::Updates::Updates(c) => {
            peers.extend_raw(&c.users, &c.chats);
            c.updates
        }
        enums::Updates::Combined(c) => {
            peers.extend_raw(&c.users, &c.chats);
            c.updates
        }
        enums::Updates::UpdateShort(c) => vec![c.update],
        enums::Updates::UpdateShortSentMessage(c) => {
            let message = types::Message {
                out: c.out,
                id: c.id,
                peer_id: chat.id().to_raw(),
                date: c.date,
                message: sent.map(|s| s.text.to_owned()).unwrap_or_default(),
                reply_to: sent.and_then(|s| s.reply_to).map(|id| {
                    enums::MessageReplyHeader::MessageReplyHeader(Box::new(
                        types::MessageReplyHeader {
                            reply_to_msg_id: Some(id),
                            ..Default::default()
                        },
                    ))
                }),
                from_id: client_self(client),
                media: c.media,
                entities: c.entities,
                ttl_period: c.ttl_period,
                ..types::Message::default()
            };
            return Message::from_raw(enums::Message::Message(Box::new(message)), &peers);
        }
        enums::Updates::UpdateShortMessage(_)
        | enums::Updates::UpdateShortChatMessage(_)
        | enums::Updates::TooLong => return None,
    };
    updates.into_iter().find_map(|update| {
        let message = match update {
            enums::Update::NewMessage(u) => u.message,
            enums::Update::NewChannelMessage(u) => u.message,
            enums::Update::EditMessage(u) => u.message,
            enums::Update::EditChannelMessage(u) => u.message,
            _ => return None,
        };
        Message::from_raw(message, &peers)
    })
}

/// The signed-in user as a peer, from the session store (the sender of what we send).
fn client_self(client: &Client) -> Option<enums::Peer> {
    let user = client.store().user().ok().flatten()?;
    Some(enums::Peer::User(types::PeerUser { user_id: user.id }))
}
