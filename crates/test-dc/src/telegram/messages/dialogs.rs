//! `messages.getDialogs` (newest top message first, paginated by date, id and peer) and read
//! receipts (`messages.readHistory`, `channels.readHistory`).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, notify_settings, peer};
use crate::telegram::state::{MessageRecord, PeerKey};

impl Model {
    /// The chats of `me` with their top message, newest first: (date, top id, chat).
    fn dialog_keys(&self, me: i64) -> Result<Vec<(i32, i32, PeerKey)>, RpcError> {
        let mailbox = &self.user(me)?.mailbox;
        let mut tops = std::collections::BTreeMap::<PeerKey, &MessageRecord>::new();
        for message in mailbox.messages.values() {
            if let Some(chat) = message.peer {
                tops.insert(chat, message);
            }
        }
        let mut keys: Vec<(i32, i32, PeerKey)> = tops
            .into_iter()
            .map(|(chat, m)| (m.date, m.id, chat))
            .collect();
        for channel_id in &mailbox.channels {
            if let Some(top) = self
                .channels
                .get(channel_id)
                .and_then(|c| c.messages.values().next_back())
            {
                keys.push((top.date, top.id, PeerKey::Channel(*channel_id)));
            }
        }
        keys.sort_unstable_by(|a, b| b.cmp(a));
        Ok(keys)
    }

    /// Incoming messages of a chat newer than the read mark.
    fn unread_in(&self, me: i64, chat: PeerKey) -> i32 {
        match chat {
            PeerKey::User(_) | PeerKey::Chat(_) => self.users.get(&me).map_or(0, |u| {
                let read = u.mailbox.read_inbox.get(&chat).copied().unwrap_or(0);
                u.mailbox
                    .messages
                    .values()
                    .filter(|m| m.peer == Some(chat) && !m.out && m.id > read)
                    .count() as i32
            }),
            PeerKey::Channel(id) => self.channels.get(&id).map_or(0, |c| {
                let read = c.read_inbox.get(&me).copied().unwrap_or(0);
                c.messages
                    .values()
                    .filter(|m| m.id > read && m.from != Some(me))
                    .count() as i32
            }),
        }
    }

    /// Unread private messages of `me` (`unread_count` of `updates.state`).
    pub(crate) fn unread_total(&self, me: i64) -> i32 {
        self.dialog_keys(me)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, _, chat)| matches!(chat, PeerKey::User(_)))
            .map(|(_, _, chat)| self.unread_in(me, chat))
            .sum()
    }

    /// The `Dialog` of one chat and its top message record.
    pub(crate) fn dialog_tl(
        &self,
        me: i64,
        chat: PeerKey,
    ) -> Result<(enums::Dialog, Option<&MessageRecord>), RpcError> {
        let mailbox = &self.user(me)?.mailbox;
        let (top, read_inbox, read_outbox, pts) = match chat {
            PeerKey::User(_) | PeerKey::Chat(_) => (
                mailbox
                    .messages
                    .values()
                    .rev()
                    .find(|m| m.peer == Some(chat)),
                mailbox.read_inbox.get(&chat).copied().unwrap_or(0),
                mailbox.read_outbox.get(&chat).copied().unwrap_or(0),
                None,
            ),
            PeerKey::Channel(id) => {
                let channel = self.channel(id)?;
                (
                    channel.messages.values().next_back(),
                    channel.read_inbox.get(&me).copied().unwrap_or(0),
                    0,
                    Some(channel.pts),
                )
            }
        };
        let dialog = types::Dialog {
            peer: peer(chat),
            top_message: top.map_or(0, |m| m.id),
            read_inbox_max_id: read_inbox,
            read_outbox_max_id: read_outbox,
            unread_count: self.unread_in(me, chat),
            notify_settings: notify_settings(),
            pts,
            ..types::Dialog::default()
        };
        Ok((enums::Dialog::Dialog(Box::new(dialog)), top))
    }
}

pub(super) fn get_dialogs(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetDialogs = decode(body)?;
    let me = caller.me()?;
    let keys = model.dialog_keys(me)?;
    let total = keys.len();
    let offset_peer = match &request.offset_peer {
        enums::InputPeer::Empty => None,
        input => Some(model.resolve_peer(caller, input)?),
    };
    let paged = request.offset_date > 0 || request.offset_id > 0 || offset_peer.is_some();
    let bound = (
        if request.offset_date > 0 {
            request.offset_date
        } else {
            i32::MAX
        },
        if request.offset_id > 0 {
            request.offset_id
        } else {
            i32::MAX
        },
        offset_peer.unwrap_or(PeerKey::Channel(i64::MAX)),
    );
    let limit = request.limit.clamp(0, 100) as usize;
    let page: Vec<PeerKey> = keys
        .into_iter()
        .filter(|key| !paged || *key < bound)
        .take(limit)
        .map(|(_, _, chat)| chat)
        .collect();
    let mut mentions = Mentions::default();
    let mut dialogs = Vec::with_capacity(page.len());
    let mut messages = Vec::with_capacity(page.len());
    for chat in page {
        mentions.add(chat);
        let (dialog, top) = model.dialog_tl(me, chat)?;
        dialogs.push(dialog);
        if let Some(top) = top {
            mentions.add_message(top);
            messages.push(model.message_tl(Some(me), top));
        }
    }
    let (users, chats) = model.mentioned(Some(me), &mentions);
    if dialogs.len() == total {
        return answer(&enums::messages::Dialogs::Dialogs(Box::new(
            types::messages::Dialogs {
                dialogs,
                messages,
                chats,
                users,
            },
        )));
    }
    answer(&enums::messages::Dialogs::Slice(Box::new(
        types::messages::DialogsSlice {
            count: total as i32,
            dialogs,
            messages,
            chats,
            users,
        },
    )))
}

/// Marks a private chat or a basic group read up to `max_id` (0: everything) and tells both sides.
fn read_private(
    model: &mut Model,
    caller: &Caller,
    me: i64,
    chat: PeerKey,
    max_id: i32,
) -> Result<(i32, i32), RpcError> {
    let mailbox = &model.user(me)?.mailbox;
    let previous = mailbox.read_inbox.get(&chat).copied().unwrap_or(0);
    let newest_in = mailbox
        .messages
        .values()
        .rev()
        .find(|m| m.peer == Some(chat) && !m.out && (max_id <= 0 || m.id <= max_id))
        .map(|m| (m.id, m.twin));
    let Some((read_to, twin)) = newest_in.filter(|(id, _)| *id > previous) else {
        return Ok((mailbox.pts, 0));
    };
    model.user_mut(me)?.mailbox.read_inbox.insert(chat, read_to);
    let still_unread = model.unread_in(me, chat);
    let pts = model.log_common(me, 1, |pts| {
        enums::Update::ReadHistoryInbox(Box::new(types::UpdateReadHistoryInbox {
            peer: peer(chat),
            max_id: read_to,
            still_unread_count: still_unread,
            pts,
            pts_count: 1,
            ..types::UpdateReadHistoryInbox::default()
        }))
    })?;
    let mine = model.last_update(me)?;
    let short = model.update_short(mine);
    model.push(me, &short, Some(caller.auth_key_id));
    if let Some((owner, their_id)) = twin {
        model
            .user_mut(owner)?
            .mailbox
            .read_outbox
            .insert(PeerKey::User(me), their_id);
        model.log_common(owner, 1, |pts| {
            enums::Update::ReadHistoryOutbox(Box::new(types::UpdateReadHistoryOutbox {
                peer: peer(PeerKey::User(me)),
                max_id: their_id,
                pts,
                pts_count: 1,
            }))
        })?;
        let theirs = model.last_update(owner)?;
        let short = model.update_short(theirs);
        model.push(owner, &short, None);
    }
    Ok((pts, 1))
}

/// Marks a channel read up to `max_id` for `me`.
fn read_channel(
    model: &mut Model,
    caller: &Caller,
    me: i64,
    channel_id: i64,
    max_id: i32,
) -> Result<(), RpcError> {
    model.member_channel(me, channel_id)?;
    let channel = model.channel_mut(channel_id)?;
    let newest = channel.messages.keys().next_back().copied().unwrap_or(0);
    let read_to = if max_id <= 0 {
        newest
    } else {
        max_id.min(newest)
    };
    let entry = channel.read_inbox.entry(me).or_insert(0);
    *entry = (*entry).max(read_to);
    let read_to = *entry;
    let pts = channel.pts;
    let still_unread = model.unread_in(me, PeerKey::Channel(channel_id));
    let update = enums::Update::ReadChannelInbox(types::UpdateReadChannelInbox {
        channel_id,
        max_id: read_to,
        still_unread_count: still_unread,
        pts,
        ..types::UpdateReadChannelInbox::default()
    });
    let short = model.update_short(update);
    model.push(me, &short, Some(caller.auth_key_id));
    Ok(())
}

impl Model {
    /// The update just logged in `user`'s box.
    pub(crate) fn last_update(&self, user: i64) -> Result<enums::Update, RpcError> {
        self.user(user)?
            .mailbox
            .log
            .last()
            .map(|e| e.update.clone())
            .ok_or_else(|| RpcError::new(500, "INTERNAL_LOG_MISSING"))
    }
}

pub(super) fn read_history(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::ReadHistory = decode(body)?;
    let me = caller.me()?;
    let (pts, pts_count) = match model.resolve_peer(caller, &request.peer)? {
        chat @ (PeerKey::User(_) | PeerKey::Chat(_)) => {
            read_private(model, caller, me, chat, request.max_id)?
        }
        PeerKey::Channel(id) => {
            read_channel(model, caller, me, id, request.max_id)?;
            (model.user(me)?.mailbox.pts, 0)
        }
    };
    answer(&enums::messages::AffectedMessages::AffectedMessages(
        types::messages::AffectedMessages { pts, pts_count },
    ))
}

pub(crate) fn read_channel_history(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::ReadHistory = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    read_channel(model, caller, me, channel_id, request.max_id)?;
    answer(&true)
}
