//! Incoming `Updates` objects flattened into one shape: the updates, the users and chats they
//! mention, the date and the `seq` range. The short forms become the full updates they stand
//! for (`updateShortMessage` -> `updateNewMessage` with a whole `message`), so handlers see one
//! kind of new message whatever form the server chose.

use std::sync::Arc;

use pyro_tl_types::api::{enums, types};

use super::classify::{Position, position};

/// The users and chats an `Updates` object (or a difference) mentions, shared by its updates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Peers {
    /// Users mentioned by the updates.
    pub users: Vec<enums::User>,
    /// Chats and channels mentioned by the updates.
    pub chats: Vec<enums::Chat>,
}

/// One entry of a container: an update and where it stands, or a bare position (the answer to
/// one's own `messages.sendMessage`, `updateShortSentMessage`, moves the box without an update
/// to hand out).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub(crate) position: Option<Position>,
    pub(crate) update: Option<enums::Update>,
}

impl Item {
    pub(crate) fn new(update: enums::Update) -> Self {
        Self {
            position: position(&update),
            update: Some(update),
        }
    }
}

/// An `Updates` object in one shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Container {
    pub(crate) items: Vec<Item>,
    pub(crate) peers: Arc<Peers>,
    pub(crate) date: i32,
    /// The first `seq` the container uses (0: outside the sequence).
    pub(crate) seq_start: i32,
    /// The `seq` after the container (0: outside the sequence).
    pub(crate) seq: i32,
}

/// What arrived.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Incoming {
    /// `updatesTooLong`: too much happened; only `updates.getDifference` can tell what.
    TooLong,
    /// Updates to sequence.
    Container(Container),
}

fn user_peer(user_id: i64) -> enums::Peer {
    enums::Peer::User(types::PeerUser { user_id })
}

/// The whole `message` a short message form stands for (both forms share these fields).
macro_rules! short_message {
    ($m:expr, $from:expr, $peer:expr) => {
        types::Message {
            out: $m.out,
            mentioned: $m.mentioned,
            media_unread: $m.media_unread,
            silent: $m.silent,
            id: $m.id,
            from_id: $from,
            peer_id: $peer,
            fwd_from: $m.fwd_from,
            via_bot_id: $m.via_bot_id,
            reply_to: $m.reply_to,
            date: $m.date,
            message: $m.message,
            entities: $m.entities,
            ttl_period: $m.ttl_period,
            ..types::Message::default()
        }
    };
}

/// Flattens `updates`; `self_id` (the account's user id, when known) fills the sender of
/// outgoing short messages.
pub(crate) fn flatten(updates: enums::Updates, self_id: Option<i64>) -> Incoming {
    use enums::Updates as Us;
    let single = |item: Item, date: i32| {
        Incoming::Container(Container {
            items: vec![item],
            peers: Arc::default(),
            date,
            seq_start: 0,
            seq: 0,
        })
    };
    match updates {
        Us::TooLong => Incoming::TooLong,
        Us::UpdateShortMessage(m) => {
            let m = *m;
            let from = if m.out { self_id } else { Some(m.user_id) };
            let message = short_message!(m, from.map(user_peer), user_peer(m.user_id));
            let update = new_message(message, m.pts, m.pts_count);
            single(Item::new(update), m.date)
        }
        Us::UpdateShortChatMessage(m) => {
            let m = *m;
            let chat = enums::Peer::Chat(types::PeerChat { chat_id: m.chat_id });
            let message = short_message!(m, Some(user_peer(m.from_id)), chat);
            let update = new_message(message, m.pts, m.pts_count);
            single(Item::new(update), m.date)
        }
        Us::UpdateShortSentMessage(m) => {
            let item = Item {
                position: Some(Position {
                    box_id: super::BoxId::Common,
                    pts: m.pts,
                    count: m.pts_count,
                }),
                update: None,
            };
            single(item, m.date)
        }
        Us::UpdateShort(u) => {
            let u = *u;
            single(Item::new(u.update), u.date)
        }
        Us::Combined(u) => {
            let u = *u;
            Incoming::Container(Container {
                items: u.updates.into_iter().map(Item::new).collect(),
                peers: Arc::new(Peers {
                    users: u.users,
                    chats: u.chats,
                }),
                date: u.date,
                seq_start: u.seq_start,
                seq: u.seq,
            })
        }
        Us::Updates(u) => {
            let u = *u;
            Incoming::Container(Container {
                items: u.updates.into_iter().map(Item::new).collect(),
                peers: Arc::new(Peers {
                    users: u.users,
                    chats: u.chats,
                }),
                date: u.date,
                seq_start: u.seq,
                seq: u.seq,
            })
        }
    }
}

/// `updateNewMessage` around `message`.
pub(crate) fn new_message(message: types::Message, pts: i32, pts_count: i32) -> enums::Update {
    enums::Update::NewMessage(Box::new(types::UpdateNewMessage {
        message: enums::Message::Message(Box::new(message)),
        pts,
        pts_count,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::updates::gap::BoxId;

    #[test]
    fn short_messages_become_new_messages() {
        let short = enums::Updates::UpdateShortMessage(Box::new(types::UpdateShortMessage {
            out: true,
            id: 7,
            user_id: 42,
            message: "hi".into(),
            pts: 3,
            pts_count: 1,
            date: 100,
            ..types::UpdateShortMessage::default()
        }));
        let Incoming::Container(c) = flatten(short, Some(1)) else {
            panic!("a container");
        };
        assert_eq!((c.date, c.seq_start, c.seq), (100, 0, 0));
        let item = &c.items[0];
        assert_eq!(
            item.position.map(|p| (p.box_id, p.pts)),
            Some((BoxId::Common, 3))
        );
        let Some(enums::Update::NewMessage(u)) = &item.update else {
            panic!("a new message");
        };
        let enums::Message::Message(m) = &u.message else {
            panic!("a message");
        };
        assert_eq!((m.id, m.message.as_str(), m.out), (7, "hi", true));
        assert_eq!(
            m.from_id,
            Some(user_peer(1)),
            "outgoing: sent by the account"
        );
        assert_eq!(m.peer_id, user_peer(42));
    }

    #[test]
    fn sent_message_answers_move_the_box_without_an_update() {
        let sent =
            enums::Updates::UpdateShortSentMessage(Box::new(types::UpdateShortSentMessage {
                id: 1,
                pts: 9,
                pts_count: 1,
                date: 5,
                ..types::UpdateShortSentMessage::default()
            }));
        let Incoming::Container(c) = flatten(sent, None) else {
            panic!("a container");
        };
        assert!(c.items[0].update.is_none());
        assert_eq!(c.items[0].position.map(|p| p.pts), Some(9));
        assert_eq!(flatten(enums::Updates::TooLong, None), Incoming::TooLong);
    }

    #[test]
    fn combined_updates_keep_their_seq_range() {
        let combined = enums::Updates::Combined(Box::new(types::UpdatesCombined {
            updates: vec![],
            users: vec![],
            chats: vec![],
            date: 1,
            seq_start: 4,
            seq: 6,
        }));
        let Incoming::Container(c) = flatten(combined, None) else {
            panic!("a container");
        };
        assert_eq!((c.seq_start, c.seq), (4, 6));
    }
}
