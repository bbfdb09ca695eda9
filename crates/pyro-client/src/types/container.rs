//! From a raw `Updates` container (what the server pushes) to typed [`Update`]s, including the
//! short forms that carry a message without its container (`updateShortMessage`,
//! `updateShortChatMessage`).

use std::sync::Arc;

use pyro_tl_types::api::{enums, types};

use super::peer::PeerMap;
use super::update::Update;

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
