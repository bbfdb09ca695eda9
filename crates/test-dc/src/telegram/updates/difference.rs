//! `updates.getState`, `updates.getDifference` and `updates.getChannelDifference`: replaying a
//! box's log from the client's pts (core.telegram.org/api/updates).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, peer};
use crate::telegram::state::{LogEntry, PeerKey};

/// Seconds a client should wait before polling a channel again (`timeout` of the answers).
const CHANNEL_POLL_TIMEOUT: i32 = 30;

/// Notes the peers a rendered update mentions.
fn mention_update(mentions: &mut Mentions, update: &enums::Update) {
    let mut add_peer = |p: &enums::Peer| match p {
        enums::Peer::User(u) => mentions.add(PeerKey::User(u.user_id)),
        enums::Peer::Channel(c) => mentions.add(PeerKey::Channel(c.channel_id)),
        enums::Peer::Chat(c) => mentions.add(PeerKey::Chat(c.chat_id)),
    };
    let message = match update {
        enums::Update::NewMessage(u) => Some(&u.message),
        enums::Update::NewChannelMessage(u) => Some(&u.message),
        enums::Update::EditMessage(u) => Some(&u.message),
        enums::Update::EditChannelMessage(u) => Some(&u.message),
        enums::Update::ReadHistoryInbox(u) => {
            add_peer(&u.peer);
            None
        }
        enums::Update::ReadHistoryOutbox(u) => {
            add_peer(&u.peer);
            None
        }
        enums::Update::ChannelParticipant(u) => {
            add_peer(&peer(PeerKey::Channel(u.channel_id)));
            add_peer(&peer(PeerKey::User(u.user_id)));
            add_peer(&peer(PeerKey::User(u.actor_id)));
            None
        }
        enums::Update::ChatParticipant(u) => {
            add_peer(&peer(PeerKey::Chat(u.chat_id)));
            add_peer(&peer(PeerKey::User(u.user_id)));
            add_peer(&peer(PeerKey::User(u.actor_id)));
            None
        }
        _ => None,
    };
    match message {
        Some(enums::Message::Message(m)) => {
            add_peer(&m.peer_id);
            m.from_id.iter().for_each(&mut add_peer);
        }
        Some(enums::Message::Service(m)) => {
            add_peer(&m.peer_id);
            m.from_id.iter().for_each(&mut add_peer);
        }
        _ => {}
    }
}

/// Splits log entries into `new_messages` and `other_updates`, as the difference answers do.
fn split(
    entries: &[LogEntry],
    viewer: i64,
    mentions: &mut Mentions,
) -> (Vec<enums::Message>, Vec<enums::Update>) {
    let mut new_messages = Vec::new();
    let mut other = Vec::new();
    for entry in entries {
        mention_update(mentions, &entry.update);
        match &entry.update {
            enums::Update::NewMessage(u) => new_messages.push(u.message.clone()),
            enums::Update::NewChannelMessage(u) => {
                new_messages.push(with_out_for(viewer, u.message.clone()));
            }
            update => other.push(update.clone()),
        }
    }
    (new_messages, other)
}

/// A channel message's `out` flag as `viewer` sees it (channel logs are stored viewer-free).
fn with_out_for(viewer: i64, mut message: enums::Message) -> enums::Message {
    let me = Some(peer(PeerKey::User(viewer)));
    match &mut message {
        enums::Message::Message(m) => m.out = m.from_id == me,
        enums::Message::Service(m) => m.out = m.from_id == me,
        enums::Message::Empty(_) => {}
    }
    message
}

impl Model {
    /// The account's common-box state.
    fn state_of(&self, me: i64) -> Result<types::updates::State, RpcError> {
        let user = self.user(me)?;
        Ok(types::updates::State {
            pts: user.mailbox.pts,
            qts: user.mailbox.qts,
            date: self.now(),
            seq: user.mailbox.seq,
            unread_count: self.unread_total(me),
        })
    }
}

pub(super) fn get_state(model: &mut Model, caller: &Caller) -> Result<Vec<u8>, RpcError> {
    let state = model.state_of(caller.me()?)?;
    answer(&enums::updates::State::State(state))
}

pub(super) fn get_difference(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::updates::GetDifference = decode(body)?;
    let me = caller.me()?;
    let mut state = model.state_of(me)?;
    let current = state.pts;
    let mailbox = &model.user(me)?.mailbox;
    let qts_events: Vec<enums::Update> = mailbox
        .qts_log
        .iter()
        .filter(|e| e.pts > request.qts)
        .map(|e| e.update.clone())
        .collect();
    if request.pts >= current && qts_events.is_empty() {
        return answer(&enums::updates::Difference::Empty(
            types::updates::DifferenceEmpty {
                date: state.date,
                seq: state.seq,
            },
        ));
    }
    let gap = current.saturating_sub(request.pts);
    let too_long = request
        .pts_total_limit
        .unwrap_or(model.limits.too_long_after);
    if gap > too_long.min(model.limits.too_long_after) {
        return answer(&enums::updates::Difference::TooLong(
            types::updates::DifferenceTooLong { pts: current },
        ));
    }
    let log = &model.user(me)?.mailbox.log;
    let start = log.partition_point(|e| e.pts <= request.pts);
    let end = (start + model.limits.difference_slice).min(log.len());
    let entries = log.get(start..end).unwrap_or_default();
    let mut mentions = Mentions::default();
    let (new_messages, mut other_updates) = split(entries, me, &mut mentions);
    if end == log.len() {
        // The secondary box's events come with the last slice, whose state carries its qts.
        for update in &qts_events {
            mention_update(&mut mentions, update);
        }
        other_updates.extend(qts_events);
    } else {
        state.qts = request.qts;
    }
    let (users, chats) = model.mentioned(Some(me), &mentions);
    if end < log.len() {
        if let Some(last) = entries.last() {
            state.pts = last.pts;
            state.date = last.date;
        }
        return answer(&enums::updates::Difference::Slice(Box::new(
            types::updates::DifferenceSlice {
                new_messages,
                new_encrypted_messages: Vec::new(),
                other_updates,
                chats,
                users,
                intermediate_state: enums::updates::State::State(state),
            },
        )));
    }
    answer(&enums::updates::Difference::Difference(Box::new(
        types::updates::Difference {
            new_messages,
            new_encrypted_messages: Vec::new(),
            other_updates,
            chats,
            users,
            state: enums::updates::State::State(state),
        },
    )))
}

pub(super) fn get_channel_difference(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::updates::GetChannelDifference = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.readable_channel(me, channel_id)?;
    if request.limit <= 0 {
        return Err(RpcError::bad_request("LIMIT_INVALID"));
    }
    let channel = model.channel(channel_id)?;
    let current = channel.pts;
    if request.pts >= current {
        return answer(&enums::updates::ChannelDifference::Empty(
            types::updates::ChannelDifferenceEmpty {
                r#final: true,
                pts: current,
                timeout: Some(CHANNEL_POLL_TIMEOUT),
            },
        ));
    }
    let limit = request.limit as usize;
    if request.pts <= 0 || current.saturating_sub(request.pts) > model.limits.too_long_after {
        let (dialog, _) = model.dialog_tl(me, PeerKey::Channel(channel_id))?;
        let mut mentions = Mentions::default();
        mentions.add(PeerKey::Channel(channel_id));
        let messages: Vec<enums::Message> = channel
            .messages
            .values()
            .rev()
            .take(limit)
            .map(|m| {
                mentions.add_message(m);
                model.message_tl(Some(me), m)
            })
            .collect();
        let (users, chats) = model.mentioned(Some(me), &mentions);
        return answer(&enums::updates::ChannelDifference::TooLong(Box::new(
            types::updates::ChannelDifferenceTooLong {
                r#final: true,
                timeout: Some(CHANNEL_POLL_TIMEOUT),
                dialog,
                messages,
                chats,
                users,
            },
        )));
    }
    let start = channel.log.partition_point(|e| e.pts <= request.pts);
    let end = (start + limit).min(channel.log.len());
    let entries = channel.log.get(start..end).unwrap_or_default();
    let is_final = end == channel.log.len();
    let pts = if is_final {
        current
    } else {
        entries.last().map_or(current, |e| e.pts)
    };
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::Channel(channel_id));
    let (new_messages, other_updates) = split(entries, me, &mut mentions);
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::updates::ChannelDifference::ChannelDifference(
        Box::new(types::updates::ChannelDifference {
            r#final: is_final,
            pts,
            timeout: Some(CHANNEL_POLL_TIMEOUT),
            new_messages,
            other_updates,
            chats,
            users,
        }),
    ))
}
