//! `messages.updatePinnedMessage` and `messages.unpinAllMessages`: pinning in private chats
//! (both sides, or one with `pm_oneside`), basic groups (every member's copy) and channels
//! (`pin_messages`, or `edit_messages` in broadcast channels), with the
//! `messageActionPinMessage` service message and `updatePinnedMessages` /
//! `updatePinnedChannelMessages`.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::chats::records::Right;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::Origin;
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, peer};
use crate::telegram::state::{MessageRecord, PeerKey};

/// The right that pins in a channel: posts are edited, group messages pinned.
fn pin_right(broadcast: bool) -> Right {
    if broadcast {
        Right::EditMessages
    } else {
        Right::PinMessages
    }
}

impl Model {
    /// The copies of message `id` of `me`'s box in `chat` that a pin reaches: (owner, id, the
    /// chat as the owner sees it). `MESSAGE_ID_INVALID` for unknown and service messages.
    fn pin_targets(
        &self,
        me: i64,
        chat: PeerKey,
        id: i32,
        one_side: bool,
    ) -> Result<Vec<(i64, i32, PeerKey)>, RpcError> {
        let message = self
            .user(me)?
            .mailbox
            .messages
            .get(&id)
            .filter(|m| m.peer == Some(chat) && m.action.is_none())
            .ok_or_else(|| RpcError::bad_request("MESSAGE_ID_INVALID"))?;
        let mut targets = vec![(me, id, chat)];
        match chat {
            PeerKey::User(_) if !one_side => {
                if let Some((owner, twin)) = message.twin {
                    targets.push((owner, twin, PeerKey::User(me)));
                }
            }
            PeerKey::Chat(chat_id) => {
                let copies = self.chat(chat_id)?.copies_of(me, id);
                targets = copies
                    .into_iter()
                    .filter(|(owner, _)| self.chat(chat_id).is_ok_and(|c| c.is_member(*owner)))
                    .map(|(owner, copy)| (owner, copy, chat))
                    .collect();
            }
            _ => {}
        }
        Ok(targets)
    }

    /// Sets the `pinned` flag of messages in one owner's box and logs `updatePinnedMessages`.
    fn pin_in_box(
        &mut self,
        owner: i64,
        chat: PeerKey,
        ids: Vec<i32>,
        pinned: bool,
    ) -> Result<enums::Update, RpcError> {
        let mailbox = &mut self.user_mut(owner)?.mailbox;
        for id in &ids {
            if let Some(message) = mailbox.messages.get_mut(id) {
                message.pinned = pinned;
            }
        }
        self.log_common(owner, 1, |pts| {
            enums::Update::PinnedMessages(Box::new(types::UpdatePinnedMessages {
                pinned,
                peer: peer(chat),
                messages: ids,
                pts,
                pts_count: 1,
            }))
        })?;
        self.last_update(owner)
    }

    /// Pins or unpins in a private chat or basic group; returns the caller's answer.
    fn pin_common(
        &mut self,
        me: i64,
        chat: PeerKey,
        request: &functions::messages::UpdatePinnedMessage,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        let pin = !request.unpin;
        let mut targets = self.pin_targets(me, chat, request.id, request.pm_oneside)?;
        // Unpinning skips the copies that are not pinned (a one-sided pin's other side).
        targets.retain(|&(owner, id, _)| {
            pin || self
                .users
                .get(&owner)
                .and_then(|u| u.mailbox.messages.get(&id))
                .is_some_and(|m| m.pinned)
        });
        let mut shares = Vec::new();
        let mut copies = Vec::new();
        for &(owner, id, seen_as) in &targets {
            let update = self.pin_in_box(owner, seen_as, vec![id], pin)?;
            shares.push((owner, vec![update]));
            if pin && !request.pm_oneside {
                let service = MessageRecord {
                    from: Some(me),
                    peer: Some(seen_as),
                    out: owner == me,
                    date: self.now(),
                    action: Some(enums::MessageAction::PinMessage),
                    reply_to: Some(id),
                    ..MessageRecord::default()
                };
                copies.push((owner, service));
            }
        }
        let chat_id = match chat {
            PeerKey::Chat(id) => Some(id),
            _ => None,
        };
        for (owner, mut posted) in self.store_copies(chat_id, copies)? {
            if let Some(share) = shares.iter_mut().find(|(o, _)| *o == owner) {
                share.1.append(&mut posted);
            }
        }
        let mut mentions = Mentions::default();
        mentions.add(chat);
        mentions.add(PeerKey::User(me));
        for &(owner, _, _) in &targets {
            mentions.add(PeerKey::User(owner));
        }
        Ok(self.fan_out(me, shares, &mentions, origin))
    }

    /// Pins or unpins in a channel; returns the caller's answer.
    fn pin_channel(
        &mut self,
        me: i64,
        channel_id: i64,
        request: &functions::messages::UpdatePinnedMessage,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        let broadcast = self.channel(channel_id)?.broadcast;
        self.require_right(me, PeerKey::Channel(channel_id), pin_right(broadcast))?;
        let id = request.id;
        let pin = !request.unpin;
        let message = self
            .channel_mut(channel_id)?
            .messages
            .get_mut(&id)
            .filter(|m| m.action.is_none())
            .ok_or_else(|| RpcError::bad_request("MESSAGE_ID_INVALID"))?;
        message.pinned = pin;
        let update = self.log_pinned_channel(channel_id, vec![id], pin)?;
        let mut mentions = Mentions::default();
        mentions.add(PeerKey::Channel(channel_id));
        for user in self.channel_listeners(channel_id, me) {
            if user != me {
                let live = self.updates_tl(user, vec![update.clone()], &mentions, false);
                self.push(user, &live, None);
            }
        }
        if !pin {
            let answer = self.updates_tl(me, vec![update], &mentions, false);
            self.push(me, &answer, origin.auth_key_id);
            return Ok(answer);
        }
        let channel = self.channel_mut(channel_id)?;
        channel.last_id += 1;
        let service = MessageRecord {
            id: channel.last_id,
            from: Some(me),
            peer: Some(PeerKey::Channel(channel_id)),
            date: self.now(),
            action: Some(enums::MessageAction::PinMessage),
            reply_to: Some(id),
            ..MessageRecord::default()
        };
        self.channel_mut(channel_id)?
            .messages
            .insert(service.id, service.clone());
        let mut answer = self.announce_channel_message(me, channel_id, &service, origin)?;
        if let enums::Updates::Updates(u) = &mut answer {
            u.updates.insert(0, update);
        }
        Ok(answer)
    }

    /// Logs `updatePinnedChannelMessages` in a channel's box and returns it.
    fn log_pinned_channel(
        &mut self,
        channel_id: i64,
        ids: Vec<i32>,
        pinned: bool,
    ) -> Result<enums::Update, RpcError> {
        self.log_channel(channel_id, 1, |pts| {
            enums::Update::PinnedChannelMessages(Box::new(types::UpdatePinnedChannelMessages {
                pinned,
                channel_id,
                messages: ids,
                pts,
                pts_count: 1,
            }))
        })?;
        self.channel(channel_id)?
            .log
            .last()
            .map(|e| e.update.clone())
            .ok_or_else(|| RpcError::new(500, "INTERNAL_LOG_MISSING"))
    }
}

pub(super) fn update_pinned_message(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::UpdatePinnedMessage = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    let origin = Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: None,
        short: false,
    };
    let updates = match chat {
        PeerKey::Channel(id) => model.pin_channel(me, id, &request, origin)?,
        PeerKey::Chat(_) => {
            model.require_right(me, chat, Right::PinMessages)?;
            model.pin_common(me, chat, &request, origin)?
        }
        PeerKey::User(_) => model.pin_common(me, chat, &request, origin)?,
    };
    answer(&updates)
}

/// Unpins every pinned message of a chat (both sides of a private chat, every member's copy
/// in a basic group).
pub(super) fn unpin_all_messages(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::UnpinAllMessages = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    let (pts, pts_count) = match chat {
        PeerKey::Channel(channel_id) => {
            let broadcast = model.channel(channel_id)?.broadcast;
            model.require_right(me, chat, pin_right(broadcast))?;
            let ids: Vec<i32> = model
                .channel(channel_id)?
                .messages
                .values()
                .filter(|m| m.pinned)
                .map(|m| m.id)
                .collect();
            if ids.is_empty() {
                (model.channel(channel_id)?.pts, 0)
            } else {
                for id in &ids {
                    if let Some(m) = model.channel_mut(channel_id)?.messages.get_mut(id) {
                        m.pinned = false;
                    }
                }
                let update = model.log_pinned_channel(channel_id, ids, false)?;
                let mut mentions = Mentions::default();
                mentions.add(chat);
                for user in model.channel_listeners(channel_id, me) {
                    let live = model.updates_tl(user, vec![update.clone()], &mentions, false);
                    model.push(user, &live, Some(caller.auth_key_id));
                }
                (model.channel(channel_id)?.pts, 1)
            }
        }
        PeerKey::Chat(_) | PeerKey::User(_) => {
            if matches!(chat, PeerKey::Chat(_)) {
                model.require_right(me, chat, Right::PinMessages)?;
            }
            let mut owners = vec![(me, chat)];
            match chat {
                PeerKey::User(other) if other != me => owners.push((other, PeerKey::User(me))),
                PeerKey::Chat(id) => {
                    owners = model
                        .chat(id)?
                        .members
                        .iter()
                        .map(|&(user, _, _)| (user, chat))
                        .collect();
                }
                _ => {}
            }
            let mut mine = (model.user(me)?.mailbox.pts, 0);
            for (owner, seen_as) in owners {
                let ids: Vec<i32> = model
                    .user(owner)?
                    .mailbox
                    .messages
                    .values()
                    .filter(|m| m.pinned && m.peer == Some(seen_as))
                    .map(|m| m.id)
                    .collect();
                if ids.is_empty() {
                    continue;
                }
                let update = model.pin_in_box(owner, seen_as, ids, false)?;
                let mut mentions = Mentions::default();
                mentions.add(seen_as);
                let live = model.updates_tl(owner, vec![update], &mentions, true);
                model.push(owner, &live, Some(caller.auth_key_id));
                if owner == me {
                    mine = (model.user(me)?.mailbox.pts, 1);
                }
            }
            mine
        }
    };
    answer(&enums::messages::AffectedHistory::AffectedHistory(
        types::messages::AffectedHistory {
            pts,
            pts_count,
            offset: 0,
        },
    ))
}
