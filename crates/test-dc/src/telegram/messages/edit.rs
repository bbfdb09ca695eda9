//! Changing sent messages: `messages.editMessage`, `messages.deleteMessages`,
//! `channels.deleteMessages` and `messages.forwardMessages`.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::{Content, Origin};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::{MessageRecord, PeerKey};

fn affected(pts: i32, pts_count: i32) -> Result<Vec<u8>, RpcError> {
    answer(&enums::messages::AffectedMessages::AffectedMessages(
        types::messages::AffectedMessages { pts, pts_count },
    ))
}

impl Model {
    /// Applies an edit to the copy of a private message in `owner`'s box, logs
    /// `updateEditMessage` and returns the `updates` object for that owner.
    fn edit_private_copy(
        &mut self,
        owner: i64,
        id: i32,
        text: &str,
        markup: Option<&enums::ReplyMarkup>,
        date: i32,
    ) -> Result<enums::Updates, RpcError> {
        let mailbox = &mut self.user_mut(owner)?.mailbox;
        let record = mailbox
            .messages
            .get_mut(&id)
            .ok_or_else(|| RpcError::bad_request("MESSAGE_ID_INVALID"))?;
        text.clone_into(&mut record.text);
        if let Some(markup) = markup {
            record.reply_markup = kept_markup(markup);
        }
        record.edit_date = Some(date);
        let record = record.clone();
        let rendered = self.message_tl(Some(owner), &record);
        self.log_common(owner, 1, |pts| {
            enums::Update::EditMessage(Box::new(types::UpdateEditMessage {
                message: rendered,
                pts,
                pts_count: 1,
            }))
        })?;
        let update = self.last_update(owner)?;
        let mut mentions = Mentions::default();
        mentions.add_message(&record);
        Ok(self.updates_tl(owner, vec![update], &mentions, true))
    }
}

pub(super) fn edit_message(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::EditMessage = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    // A bot's new keyboard (people's markup is dropped, as on sending).
    let markup = model.bot_markup(me, request.reply_markup)?;
    let date = model.now();
    let original = match chat {
        PeerKey::User(_) | PeerKey::Chat(_) => model.user(me)?.mailbox.messages.get(&request.id),
        PeerKey::Channel(id) => {
            model.member_channel(me, id)?;
            model.channel(id)?.messages.get(&request.id)
        }
    }
    .filter(|m| m.peer == Some(chat))
    .ok_or_else(|| RpcError::bad_request("MESSAGE_ID_INVALID"))?
    .clone();
    if original.from != Some(me) || original.action.is_some() {
        return Err(RpcError::new(403, "MESSAGE_AUTHOR_REQUIRED"));
    }
    // Without a text, only the keyboard changes (`editMessageReplyMarkup`).
    let text = match (request.message, &markup) {
        (Some(text), _) => text,
        (None, Some(_)) => original.text.clone(),
        (None, None) => return Err(RpcError::bad_request("MESSAGE_NOT_MODIFIED")),
    };
    if text.is_empty() {
        return Err(RpcError::bad_request("MESSAGE_EMPTY"));
    }
    let same_markup = markup
        .as_ref()
        .is_none_or(|m| kept_markup(m) == original.reply_markup);
    if original.text == text && same_markup {
        return Err(RpcError::bad_request("MESSAGE_NOT_MODIFIED"));
    }
    let result = match chat {
        PeerKey::User(_) | PeerKey::Chat(_) => {
            let mine = model.edit_private_copy(me, request.id, &text, markup.as_ref(), date)?;
            model.push(me, &mine, Some(caller.auth_key_id));
            // The other copies: the private twin, or every other member's in a basic group.
            let others = match chat {
                PeerKey::Chat(chat_id) => model.chat(chat_id)?.copies_of(me, request.id),
                _ => original.twin.into_iter().collect(),
            };
            for (owner, id) in others.into_iter().filter(|&(owner, _)| owner != me) {
                let theirs = model.edit_private_copy(owner, id, &text, markup.as_ref(), date)?;
                model.push(owner, &theirs, None);
            }
            mine
        }
        PeerKey::Channel(channel_id) => {
            let record = model
                .channel_mut(channel_id)?
                .messages
                .get_mut(&request.id)
                .ok_or_else(|| RpcError::bad_request("MESSAGE_ID_INVALID"))?;
            record.text = text;
            if let Some(markup) = &markup {
                record.reply_markup = kept_markup(markup);
            }
            record.edit_date = Some(date);
            let record = record.clone();
            let stored = model.message_tl(None, &record);
            let pts = model.log_channel(channel_id, 1, |pts| {
                enums::Update::EditChannelMessage(Box::new(types::UpdateEditChannelMessage {
                    message: stored,
                    pts,
                    pts_count: 1,
                }))
            })?;
            let mut mentions = Mentions::default();
            mentions.add_message(&record);
            let mut mine = None;
            for user in model.channel_listeners(channel_id, me) {
                let update =
                    enums::Update::EditChannelMessage(Box::new(types::UpdateEditChannelMessage {
                        message: model.message_tl(Some(user), &record),
                        pts,
                        pts_count: 1,
                    }));
                let live = model.updates_tl(user, vec![update], &mentions, false);
                model.push(user, &live, Some(caller.auth_key_id));
                if user == me {
                    mine = Some(live);
                }
            }
            mine.ok_or_else(|| RpcError::new(500, "INTERNAL_NO_AUTHOR"))?
        }
    };
    answer(&result)
}

/// Removes `ids` from `owner`'s box; logs and pushes `updateDeleteMessages`. Returns the new pts
/// and how many were removed.
fn delete_private(
    model: &mut Model,
    owner: i64,
    ids: &[i32],
    skip: Option<i64>,
) -> Result<(i32, i32), RpcError> {
    let mailbox = &mut model.user_mut(owner)?.mailbox;
    let removed: Vec<i32> = ids
        .iter()
        .copied()
        .filter(|id| mailbox.messages.remove(id).is_some())
        .collect();
    if removed.is_empty() {
        return Ok((mailbox.pts, 0));
    }
    let count = removed.len() as i32;
    let pts = model.log_common(owner, count, |pts| {
        enums::Update::DeleteMessages(types::UpdateDeleteMessages {
            messages: removed,
            pts,
            pts_count: count,
        })
    })?;
    let update = model.last_update(owner)?;
    let short = model.update_short(update);
    model.push(owner, &short, skip);
    Ok((pts, count))
}

pub(super) fn delete_messages(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::DeleteMessages = decode(body)?;
    let me = caller.me()?;
    let mailbox = &model.user(me)?.mailbox;
    let mut twins = std::collections::BTreeMap::<i64, Vec<i32>>::new();
    if request.revoke {
        for id in &request.id {
            if let Some((owner, twin)) = mailbox.messages.get(id).and_then(|m| m.twin) {
                twins.entry(owner).or_default().push(twin);
            }
        }
    }
    let (pts, count) = delete_private(model, me, &request.id, Some(caller.auth_key_id))?;
    for (owner, ids) in twins {
        delete_private(model, owner, &ids, None)?;
    }
    affected(pts, count)
}

pub(crate) fn delete_channel_messages(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::DeleteMessages = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.member_channel(me, channel_id)?;
    let channel = model.channel_mut(channel_id)?;
    let creator = channel.creator == me;
    if request.id.iter().any(|id| {
        channel
            .messages
            .get(id)
            .is_some_and(|m| !creator && m.from != Some(me))
    }) {
        return Err(RpcError::new(403, "MESSAGE_DELETE_FORBIDDEN"));
    }
    let removed: Vec<i32> = request
        .id
        .iter()
        .copied()
        .filter(|id| channel.messages.remove(id).is_some())
        .collect();
    if removed.is_empty() {
        return affected(channel.pts, 0);
    }
    let count = removed.len() as i32;
    let update = |pts| {
        enums::Update::DeleteChannelMessages(types::UpdateDeleteChannelMessages {
            channel_id,
            messages: removed.clone(),
            pts,
            pts_count: count,
        })
    };
    let pts = model.log_channel(channel_id, count, update)?;
    let short = model.update_short(update(pts));
    for user in model.channel_listeners(channel_id, me) {
        model.push(user, &short, Some(caller.auth_key_id));
    }
    affected(pts, count)
}

pub(super) fn forward_messages(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::ForwardMessages = decode(body)?;
    let me = caller.me()?;
    let from_chat = model.resolve_peer(caller, &request.from_peer)?;
    let to = model.resolve_peer(caller, &request.to_peer)?;
    if request.id.is_empty() || request.id.len() != request.random_id.len() {
        return Err(RpcError::bad_request("RANDOM_ID_INVALID"));
    }
    let originals: Vec<MessageRecord> = {
        let source = model.chat_messages(me, from_chat)?;
        request
            .id
            .iter()
            .map(|id| source.iter().find(|m| m.id == *id).map(|m| (*m).clone()))
            .collect::<Option<_>>()
            .ok_or_else(|| RpcError::bad_request("MESSAGE_ID_INVALID"))?
    };
    let mut all = Vec::new();
    let mut seqs = Vec::new();
    for (original, random_id) in originals.into_iter().zip(request.random_id) {
        let content = Content {
            text: original.text,
            media: original.media,
            fwd_from: original
                .fwd_from
                .or(original.from.map(|from| (from, original.date))),
            ..Content::default()
        };
        let origin = Origin {
            auth_key_id: Some(caller.auth_key_id),
            random_id: Some(random_id),
            short: false,
        };
        if let enums::Updates::Updates(updates) = model.deliver(me, to, content, origin)? {
            seqs.push(updates.seq);
            all.extend(updates.updates);
        }
    }
    let mut mentions = Mentions::default();
    mentions.add(to);
    let (users, chats) = model.mentioned(Some(me), &mentions);
    let date = model.now();
    let seq = seqs.last().copied().unwrap_or(0);
    let seq_start = seqs.first().copied().unwrap_or(0);
    answer(&enums::Updates::Combined(Box::new(
        types::UpdatesCombined {
            updates: all,
            users,
            chats,
            date,
            seq_start,
            seq,
        },
    )))
}

/// The keyboard a message keeps after an edit sets `markup`: an inline keyboard without rows
/// removes it.
fn kept_markup(markup: &enums::ReplyMarkup) -> Option<enums::ReplyMarkup> {
    match markup {
        enums::ReplyMarkup::ReplyInlineMarkup(m) if m.rows.is_empty() => None,
        other => Some(other.clone()),
    }
}
