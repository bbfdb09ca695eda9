//! Delivering messages: one copy per box (private chats give each side its own id), one pts
//! event per box, live updates to every other session concerned, and the sender's answer in
//! the form Telegram uses (`updateShortSentMessage` for plain text, `updates` otherwise).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::{MessageRecord, PeerKey};

/// Telegram's limit on a message's text (`message_length_max` of `help.getConfig`).
pub(crate) const MESSAGE_LENGTH_MAX: usize = 4096;

/// What a new message carries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Content {
    pub(crate) text: String,
    pub(crate) media: Option<i64>,
    pub(crate) fwd_from: Option<(i64, i32)>,
    /// A bot's keyboard (others' markup is dropped, as Telegram drops it).
    pub(crate) reply_markup: Option<enums::ReplyMarkup>,
    /// The bot of an inline result.
    pub(crate) via_bot: Option<i64>,
    /// Whether the media is hidden behind a spoiler.
    pub(crate) spoiler: bool,
    /// The album the message belongs to.
    pub(crate) grouped_id: Option<i64>,
}

/// How the sender is answered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin {
    /// The auth key that sent the request (it gets the answer, not a live update).
    pub(crate) auth_key_id: Option<i64>,
    /// `random_id` of the request, echoed in `updateMessageID`.
    pub(crate) random_id: Option<i64>,
    /// Whether the short forms may be used (a lone `messages.sendMessage`).
    pub(crate) short: bool,
}

impl Model {
    /// Sends a message from `from` to a private chat or channel; returns the sender's answer.
    pub(crate) fn deliver(
        &mut self,
        from: i64,
        to: PeerKey,
        content: Content,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        if content.text.is_empty() && content.media.is_none() {
            return Err(RpcError::bad_request("MESSAGE_EMPTY"));
        }
        if content.text.chars().count() > MESSAGE_LENGTH_MAX {
            return Err(RpcError::bad_request("MESSAGE_TOO_LONG"));
        }
        // Telegram runs a send once per random_id and account: a repeat (a client that resends
        // a request whose answer it lost) is refused, and no second copy is made.
        if let Some(random_id) = origin.random_id
            && self.user(from)?.mailbox.random_ids.contains(&random_id)
        {
            return Err(RpcError::bad_request("RANDOM_ID_DUPLICATE"));
        }
        let sent = match to {
            PeerKey::User(to) => self.deliver_private(from, to, content, origin),
            PeerKey::Channel(channel) => self.deliver_channel(from, channel, content, origin),
            PeerKey::Chat(chat) => self.deliver_chat(from, chat, content, origin),
        }?;
        if let Some(random_id) = origin.random_id {
            self.user_mut(from)?.mailbox.random_ids.insert(random_id);
        }
        Ok(sent)
    }

    /// Stores a message in `owner`'s box and logs `updateNewMessage`; returns its id and pts.
    pub(crate) fn store_private(
        &mut self,
        owner: i64,
        mut record: MessageRecord,
    ) -> Result<(i32, i32), RpcError> {
        let mailbox = &mut self.user_mut(owner)?.mailbox;
        mailbox.last_id += 1;
        record.id = mailbox.last_id;
        let id = record.id;
        let rendered = self.message_tl(Some(owner), &record);
        self.user_mut(owner)?.mailbox.messages.insert(id, record);
        let pts = self.log_common(owner, 1, |pts| {
            enums::Update::NewMessage(Box::new(types::UpdateNewMessage {
                message: rendered,
                pts,
                pts_count: 1,
            }))
        })?;
        Ok((id, pts))
    }

    fn deliver_private(
        &mut self,
        from: i64,
        to: i64,
        content: Content,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        self.user(to)?;
        self.check_not_blocked(from, to)?;
        let date = self.now();
        let base = MessageRecord {
            from: Some(from),
            date,
            text: content.text,
            media: content.media,
            spoiler: content.spoiler,
            grouped_id: content.grouped_id,
            fwd_from: content.fwd_from,
            reply_markup: content.reply_markup,
            via_bot: content.via_bot,
            ..MessageRecord::default()
        };
        let sent = MessageRecord {
            out: true,
            peer: Some(PeerKey::User(to)),
            ..base.clone()
        };
        let (sent_id, sent_pts) = self.store_private(from, sent.clone())?;
        // The short forms carry neither media nor a keyboard.
        let plain = sent.media.is_none() && sent.reply_markup.is_none();
        let short = plain && origin.short;
        let mut mentions = Mentions::default();
        mentions.add_message(&sent);
        if to != from {
            let received = MessageRecord {
                peer: Some(PeerKey::User(from)),
                twin: Some((from, sent_id)),
                ..base
            };
            let (received_id, received_pts) = self.store_private(to, received.clone())?;
            if let Some(twin) = self.user_mut(from)?.mailbox.messages.get_mut(&sent_id) {
                twin.twin = Some((to, received_id));
            }
            let live = if plain {
                short_message(false, received_id, from, &received, received_pts)
            } else {
                let update = self.new_message_update(to, received_id)?;
                self.updates_tl(to, vec![update], &mentions, true)
            };
            self.push(to, &live, origin.auth_key_id);
        }
        if short {
            let others = short_message(true, sent_id, to, &sent, sent_pts);
            self.push(from, &others, origin.auth_key_id);
            return Ok(enums::Updates::UpdateShortSentMessage(Box::new(
                types::UpdateShortSentMessage {
                    out: true,
                    id: sent_id,
                    pts: sent_pts,
                    pts_count: 1,
                    date,
                    ..types::UpdateShortSentMessage::default()
                },
            )));
        }
        let mut updates = Vec::new();
        if let Some(random_id) = origin.random_id {
            updates.push(enums::Update::MessageId(types::UpdateMessageId {
                id: sent_id,
                random_id,
            }));
        }
        updates.push(self.new_message_update(from, sent_id)?);
        let answer = self.updates_tl(from, updates, &mentions, true);
        self.push(from, &answer, origin.auth_key_id);
        Ok(answer)
    }

    /// The last `updateNewMessage` of `owner`'s log for message `id` (just logged).
    fn new_message_update(&self, owner: i64, id: i32) -> Result<enums::Update, RpcError> {
        let log = &self.user(owner)?.mailbox.log;
        log.iter()
            .rev()
            .find(|e| matches!(&e.update, enums::Update::NewMessage(u) if message_id(&u.message) == id))
            .map(|e| e.update.clone())
            .ok_or_else(|| RpcError::new(500, "INTERNAL_LOG_MISSING"))
    }

    fn deliver_channel(
        &mut self,
        from: i64,
        channel_id: i64,
        content: Content,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        self.member_channel(from, channel_id)?;
        self.check_can_post(from, channel_id, content.media.is_some())?;
        let date = self.now();
        let channel = self.channel_mut(channel_id)?;
        channel.last_id += 1;
        let record = MessageRecord {
            id: channel.last_id,
            from: Some(from),
            peer: Some(PeerKey::Channel(channel_id)),
            date,
            text: content.text,
            media: content.media,
            spoiler: content.spoiler,
            grouped_id: content.grouped_id,
            fwd_from: content.fwd_from,
            reply_markup: content.reply_markup,
            via_bot: content.via_bot,
            ..MessageRecord::default()
        };
        let id = record.id;
        channel.messages.insert(id, record.clone());
        self.announce_channel_message(from, channel_id, &record, origin)
    }

    /// Logs a new channel message and pushes it to every member's sessions; returns the
    /// author's answer.
    pub(crate) fn announce_channel_message(
        &mut self,
        author: i64,
        channel_id: i64,
        record: &MessageRecord,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        let stored = self.message_tl(None, record);
        let pts = self.log_channel(channel_id, 1, |pts| {
            enums::Update::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
                message: stored,
                pts,
                pts_count: 1,
            }))
        })?;
        let mut mentions = Mentions::default();
        mentions.add_message(record);
        let mut answer = None;
        for user in self.channel_listeners(channel_id, author) {
            let mut updates = Vec::new();
            if let Some(random_id) = origin.random_id.filter(|_| user == author) {
                updates.push(enums::Update::MessageId(types::UpdateMessageId {
                    id: record.id,
                    random_id,
                }));
            }
            updates.push(enums::Update::NewChannelMessage(Box::new(
                types::UpdateNewChannelMessage {
                    message: self.message_tl(Some(user), record),
                    pts,
                    pts_count: 1,
                },
            )));
            let live = self.updates_tl(user, updates, &mentions, false);
            self.push(user, &live, origin.auth_key_id);
            if user == author {
                answer = Some(live);
            }
        }
        answer.ok_or_else(|| RpcError::new(500, "INTERNAL_NO_AUTHOR"))
    }

    /// The members of a channel that have a signed-in auth key, plus `author` (always first).
    pub(crate) fn channel_listeners(&self, channel_id: i64, author: i64) -> Vec<i64> {
        let mut users = vec![author];
        let Some(channel) = self.channels.get(&channel_id) else {
            return users;
        };
        for auth in self.auths.values() {
            if let Some(user) = auth.user
                && user != author
                && channel.member_set.contains(&user)
                && !users.contains(&user)
            {
                users.push(user);
            }
        }
        users
    }
}

/// `updateShortMessage` for one side of a private text message.
fn short_message(
    out: bool,
    id: i32,
    other: i64,
    record: &MessageRecord,
    pts: i32,
) -> enums::Updates {
    let fwd_from = record.fwd_from.map(|(from, date)| {
        enums::MessageFwdHeader::MessageFwdHeader(Box::new(types::MessageFwdHeader {
            from_id: Some(crate::telegram::render::peer(PeerKey::User(from))),
            date,
            ..types::MessageFwdHeader::default()
        }))
    });
    enums::Updates::UpdateShortMessage(Box::new(types::UpdateShortMessage {
        out,
        id,
        user_id: other,
        message: record.text.clone(),
        pts,
        pts_count: 1,
        date: record.date,
        fwd_from,
        via_bot_id: record.via_bot,
        ..types::UpdateShortMessage::default()
    }))
}

/// The id of a rendered message.
pub(crate) fn message_id(message: &enums::Message) -> i32 {
    match message {
        enums::Message::Message(m) => m.id,
        enums::Message::Service(m) => m.id,
        enums::Message::Empty(m) => m.id,
    }
}

pub(super) fn send_message(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SendMessage = decode(body)?;
    let me = caller.me()?;
    let to = model.resolve_peer(caller, &request.peer)?;
    let content = Content {
        text: request.message,
        reply_markup: model.bot_markup(me, request.reply_markup)?,
        ..Content::default()
    };
    let origin = Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: Some(request.random_id),
        short: true,
    };
    answer(&model.deliver(me, to, content, origin)?)
}

pub(super) fn send_media(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SendMedia = decode(body)?;
    let me = caller.me()?;
    let to = model.resolve_peer(caller, &request.peer)?;
    let media = model.input_media(caller, &request.media)?;
    let content = Content {
        text: request.message,
        media: Some(media),
        reply_markup: model.bot_markup(me, request.reply_markup)?,
        spoiler: crate::telegram::files::spoiler_of(&request.media),
        ..Content::default()
    };
    let origin = Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: Some(request.random_id),
        short: false,
    };
    answer(&model.deliver(me, to, content, origin)?)
}
