//! Records as TL objects, from one viewer's point of view (`self`, `out`, `creator`, `left`).

use std::collections::BTreeSet;

use pyro_tl_types::api::{enums, types};

use crate::telegram::bots::INLINE_PLACEHOLDER;
use crate::telegram::model::Model;
use crate::telegram::state::{MessageRecord, PeerKey};

/// The `Peer` of a key.
pub(crate) fn peer(key: PeerKey) -> enums::Peer {
    match key {
        PeerKey::User(user_id) => enums::Peer::User(types::PeerUser { user_id }),
        PeerKey::Channel(channel_id) => enums::Peer::Channel(types::PeerChannel { channel_id }),
        PeerKey::Chat(chat_id) => enums::Peer::Chat(types::PeerChat { chat_id }),
    }
}

/// Default notification settings (everything unset: the client's defaults apply).
pub(crate) fn notify_settings() -> enums::PeerNotifySettings {
    enums::PeerNotifySettings::PeerNotifySettings(Box::default())
}

/// The users and channels a set of objects mentions, to send along with them.
#[derive(Debug, Default)]
pub(crate) struct Mentions {
    pub(crate) users: BTreeSet<i64>,
    pub(crate) channels: BTreeSet<i64>,
    /// Basic groups.
    pub(crate) chats: BTreeSet<i64>,
}

impl Mentions {
    /// The mentions of `peers`.
    pub(crate) fn of(peers: &[PeerKey]) -> Self {
        let mut mentions = Self::default();
        for &key in peers {
            mentions.add(key);
        }
        mentions
    }

    /// Notes a peer.
    pub(crate) fn add(&mut self, key: PeerKey) {
        match key {
            PeerKey::User(id) => self.users.insert(id),
            PeerKey::Channel(id) => self.channels.insert(id),
            PeerKey::Chat(id) => self.chats.insert(id),
        };
    }

    /// Notes everyone a message mentions.
    pub(crate) fn add_message(&mut self, message: &MessageRecord) {
        if let Some(from) = message.from {
            self.users.insert(from);
        }
        if let Some(key) = message.peer {
            self.add(key);
        }
        if let Some((from, _)) = message.fwd_from {
            self.users.insert(from);
        }
        if let Some(bot) = message.via_bot {
            self.users.insert(bot);
        }
    }
}

impl Model {
    /// The `User` object of account `id` as `viewer` sees it.
    pub(crate) fn user_tl(&self, viewer: Option<i64>, id: i64) -> enums::User {
        let Some(user) = self.users.get(&id) else {
            return enums::User::Empty(types::UserEmpty { id });
        };
        let is_self = viewer == Some(id);
        let contact = viewer
            .and_then(|v| self.users.get(&v))
            .is_some_and(|v| v.contacts.contains(&id));
        let mutual = contact && user.contacts.iter().any(|c| Some(*c) == viewer);
        let saved = viewer
            .and_then(|v| self.users.get(&v))
            .and_then(|v| v.contact_names.get(&id))
            .filter(|_| contact);
        let (first_name, last_name) =
            saved.map_or((&user.first_name, &user.last_name), |(f, l)| (f, l));
        enums::User::User(Box::new(types::User {
            self_: is_self,
            contact,
            mutual_contact: mutual,
            bot: user.bot,
            id,
            access_hash: Some(user.access_hash),
            first_name: Some(first_name.clone()),
            last_name: (!last_name.is_empty()).then(|| last_name.clone()),
            username: user.username.clone(),
            phone: user.phone.clone().filter(|_| is_self || contact),
            status: (!user.bot).then(|| self.status_tl(id)),
            bot_info_version: user.bot.then_some(1),
            bot_inline_placeholder: user.bot.then(|| INLINE_PLACEHOLDER.to_owned()),
            ..types::User::default()
        }))
    }

    /// The `Chat` object of channel `id` as `viewer` sees it.
    pub(crate) fn channel_tl(&self, viewer: Option<i64>, id: i64) -> enums::Chat {
        let Some(channel) = self.channels.get(&id) else {
            return enums::Chat::Empty(types::ChatEmpty { id });
        };
        let member = viewer.is_some_and(|v| channel.member_set.contains(&v));
        let (admin_rights, banned_rights) = viewer.map_or((None, None), |v| channel.rights_of(v));
        enums::Chat::Channel(Box::new(types::Channel {
            creator: viewer == Some(channel.creator),
            left: !member,
            broadcast: channel.broadcast,
            megagroup: !channel.broadcast,
            id,
            access_hash: Some(channel.access_hash),
            title: channel.title.clone(),
            username: channel.username.clone(),
            photo: enums::ChatPhoto::Empty,
            date: channel.date,
            participants_count: Some(channel.members.len() as i32),
            admin_rights,
            banned_rights,
            ..types::Channel::default()
        }))
    }

    /// `User` and `Chat` objects for everyone in `mentions`.
    pub(crate) fn mentioned(
        &self,
        viewer: Option<i64>,
        mentions: &Mentions,
    ) -> (Vec<enums::User>, Vec<enums::Chat>) {
        let users = mentions
            .users
            .iter()
            .map(|id| self.user_tl(viewer, *id))
            .collect();
        let chats = mentions
            .channels
            .iter()
            .map(|id| self.channel_tl(viewer, *id))
            .chain(mentions.chats.iter().map(|id| self.chat_tl(viewer, *id)))
            .collect();
        (users, chats)
    }

    /// The `Message` object of a record as `viewer` sees it.
    pub(crate) fn message_tl(
        &self,
        viewer: Option<i64>,
        message: &MessageRecord,
    ) -> enums::Message {
        let peer_key = message.peer.unwrap_or(PeerKey::User(0));
        let out = match peer_key {
            PeerKey::User(_) | PeerKey::Chat(_) => message.out,
            PeerKey::Channel(_) => message.from.is_some() && message.from == viewer,
        };
        let post = matches!(peer_key, PeerKey::Channel(id)
            if self.channels.get(&id).is_some_and(|c| c.broadcast));
        // A broadcast channel's posts are signed by the channel, not by their author.
        let from_id = message
            .from
            .filter(|_| !post)
            .map(|id| peer(PeerKey::User(id)));
        let reply_to = message.reply_to.map(|id| {
            enums::MessageReplyHeader::MessageReplyHeader(Box::new(types::MessageReplyHeader {
                reply_to_msg_id: Some(id),
                ..types::MessageReplyHeader::default()
            }))
        });
        if let Some(action) = &message.action {
            return enums::Message::Service(Box::new(types::MessageService {
                out,
                post,
                id: message.id,
                from_id,
                peer_id: peer(peer_key),
                reply_to,
                date: message.date,
                action: action.clone(),
                ..types::MessageService::default()
            }));
        }
        let fwd_from = message.fwd_from.map(|(from, date)| {
            enums::MessageFwdHeader::MessageFwdHeader(Box::new(types::MessageFwdHeader {
                from_id: Some(peer(PeerKey::User(from))),
                date,
                ..types::MessageFwdHeader::default()
            }))
        });
        enums::Message::Message(Box::new(types::Message {
            out,
            post,
            id: message.id,
            from_id,
            peer_id: peer(peer_key),
            fwd_from,
            reply_to,
            pinned: message.pinned,
            date: message.date,
            message: message.text.clone(),
            media: message
                .media
                .map(|file| self.media_tl(file, message.spoiler)),
            grouped_id: message.grouped_id,
            edit_date: message.edit_date,
            reply_markup: message.reply_markup.clone(),
            via_bot_id: message.via_bot,
            reactions: self.reactions_tl(viewer, message),
            ..types::Message::default()
        }))
    }
}
