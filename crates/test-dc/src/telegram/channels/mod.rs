//! `channels.*`: creating channels and supergroups (the `about` text is not kept), inviting,
//! listing participants (paginated, thousands of members), administrators and bans, and the
//! channel variants of reading and deleting.

mod full;
mod membership;
mod rights;

use std::collections::HashSet;

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::chats::records::Right;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::Origin;
use crate::telegram::messages::{
    delete_channel_messages, get_channel_messages, read_channel_history,
};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::{ChannelRecord, MessageRecord, PeerKey};

/// Most participants one `channels.getParticipants` page returns (Telegram's cap).
const PARTICIPANTS_PAGE_MAX: i32 = 200;

/// Routes `channels.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "channels.createChannel" => create_channel(model, caller, body),
        "channels.inviteToChannel" => invite(model, caller, body),
        "channels.getParticipants" => get_participants(model, caller, body),
        "channels.getChannels" => get_channels(model, caller, body),
        "channels.getMessages" => get_channel_messages(model, caller, body),
        "channels.deleteMessages" => delete_channel_messages(model, caller, body),
        "channels.readHistory" => read_channel_history(model, caller, body),
        "channels.joinChannel" => membership::join(model, caller, body),
        "channels.leaveChannel" => membership::leave(model, caller, body),
        "channels.editTitle" => membership::edit_title(model, caller, body),
        "channels.editAdmin" => rights::edit_admin(model, caller, body),
        "channels.editBanned" => rights::edit_banned(model, caller, body),
        "channels.getParticipant" => rights::get_participant(model, caller, body),
        "channels.getFullChannel" => full::get_full_channel(model, caller, body),
        _ => return None,
    })
}

impl Model {
    /// Creates a channel with its creator as the only member and posts the
    /// `messageActionChannelCreate` service message; returns the id and the creator's answer.
    pub(crate) fn create_channel(
        &mut self,
        creator: i64,
        title: &str,
        broadcast: bool,
        origin: Origin,
    ) -> Result<(i64, enums::Updates), RpcError> {
        if title.trim().is_empty() {
            return Err(RpcError::bad_request("CHAT_TITLE_EMPTY"));
        }
        self.user(creator)?;
        let id = self.next_channel_id;
        self.next_channel_id += 1;
        let date = self.now();
        let access_hash = self.rng.positive_i64();
        self.channels.insert(
            id,
            ChannelRecord {
                id,
                access_hash,
                title: title.to_owned(),
                username: None,
                broadcast,
                creator,
                date,
                members: Vec::new(),
                member_set: HashSet::new(),
                messages: std::collections::BTreeMap::default(),
                last_id: 0,
                pts: 0,
                log: Vec::new(),
                read_inbox: std::collections::HashMap::default(),
                admins: std::collections::BTreeMap::default(),
                banned: std::collections::BTreeMap::default(),
            },
        );
        self.add_member(id, creator, creator)?;
        let channel = self.channel_mut(id)?;
        channel.last_id = 1;
        let service = MessageRecord {
            id: 1,
            from: Some(creator),
            peer: Some(PeerKey::Channel(id)),
            date,
            action: Some(enums::MessageAction::ChannelCreate(
                types::MessageActionChannelCreate {
                    title: title.to_owned(),
                },
            )),
            ..MessageRecord::default()
        };
        channel.messages.insert(1, service.clone());
        let mut answer = self.announce_channel_message(creator, id, &service, origin)?;
        if let enums::Updates::Updates(updates) = &mut answer {
            updates.updates.insert(
                0,
                enums::Update::Channel(types::UpdateChannel { channel_id: id }),
            );
        }
        Ok((id, answer))
    }

    /// Adds a member (no-op for members).
    pub(crate) fn add_member(
        &mut self,
        channel_id: i64,
        user: i64,
        inviter: i64,
    ) -> Result<bool, RpcError> {
        self.user(user)?;
        let date = self.now();
        let channel = self.channel_mut(channel_id)?;
        if !channel.member_set.insert(user) {
            return Ok(false);
        }
        channel.members.push((user, date, inviter));
        self.user_mut(user)?.mailbox.channels.push(channel_id);
        Ok(true)
    }
}

fn create_channel(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::CreateChannel = decode(body)?;
    let me = caller.me()?;
    let origin = Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: None,
        short: false,
    };
    let (_, updates) = model.create_channel(me, &request.title, request.broadcast, origin)?;
    answer(&updates)
}

fn invite(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::InviteToChannel = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.member_channel(me, channel_id)?;
    if model.channel(channel_id)?.broadcast {
        model.require_channel_right(me, channel_id, Right::InviteUsers)?;
    }
    let users = request
        .users
        .iter()
        .map(|u| model.resolve_user(caller, u))
        .collect::<Result<Vec<_>, _>>()?;
    for &user in &users {
        model
            .check_not_kicked(user, channel_id)
            .map_err(|_| RpcError::bad_request("USER_KICKED"))?;
    }
    let mut added = 0;
    for user in users {
        if model.add_member(channel_id, user, me)? {
            added += 1;
            model.channel_member_changed(channel_id, me, user, None, None)?;
            let mut mentions = Mentions::default();
            mentions.add(PeerKey::Channel(channel_id));
            let update = enums::Update::Channel(types::UpdateChannel { channel_id });
            let live = model.updates_tl(user, vec![update], &mentions, false);
            model.push(user, &live, None);
        }
    }
    if added == 0 {
        return Err(RpcError::bad_request("USER_ALREADY_PARTICIPANT"));
    }
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::Channel(channel_id));
    let update = enums::Update::Channel(types::UpdateChannel { channel_id });
    let updates = model.updates_tl(me, vec![update], &mentions, false);
    answer(&enums::messages::InvitedUsers::InvitedUsers(Box::new(
        types::messages::InvitedUsers {
            updates,
            missing_invitees: Vec::new(),
        },
    )))
}

/// Whether a member matches a participants filter.
fn matches(
    model: &Model,
    me: i64,
    channel: &ChannelRecord,
    user: i64,
    filter: &enums::ChannelParticipantsFilter,
) -> bool {
    let record = model.users.get(&user);
    let named = |q: &str| {
        let q = q.to_lowercase();
        record.is_some_and(|u| {
            q.is_empty()
                || format!("{} {}", u.first_name, u.last_name)
                    .to_lowercase()
                    .contains(&q)
                || u.username
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(&q))
        })
    };
    match filter {
        enums::ChannelParticipantsFilter::ChannelParticipantsRecent
        | enums::ChannelParticipantsFilter::ChannelParticipantsMentions(_) => true,
        enums::ChannelParticipantsFilter::ChannelParticipantsAdmins => {
            user == channel.creator || channel.admins.contains_key(&user)
        }
        enums::ChannelParticipantsFilter::ChannelParticipantsBots => record.is_some_and(|u| u.bot),
        enums::ChannelParticipantsFilter::ChannelParticipantsSearch(s) => named(&s.q),
        enums::ChannelParticipantsFilter::ChannelParticipantsContacts(c) => {
            model
                .users
                .get(&me)
                .is_some_and(|m| m.contacts.contains(&user))
                && named(&c.q)
        }
        _ => false,
    }
}

fn get_participants(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::GetParticipants = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.member_channel(me, channel_id)?;
    if request.offset < 0 {
        return Err(RpcError::bad_request("OFFSET_INVALID"));
    }
    let channel = model.channel(channel_id)?;
    let now = model.now();
    // Kicked and restricted users are listed from the ban list, to administrators only.
    let banned_list = |kicked: bool| -> Result<Vec<i64>, RpcError> {
        model.require_channel_right(me, channel_id, Right::BanUsers)?;
        Ok(channel
            .banned
            .iter()
            .filter(|(_, ban)| ban.active(now) && ban.rights.view_messages == kicked)
            .map(|(&user, _)| user)
            .collect())
    };
    let selected: Vec<i64> = match &request.filter {
        enums::ChannelParticipantsFilter::ChannelParticipantsKicked(_) => banned_list(true)?,
        enums::ChannelParticipantsFilter::ChannelParticipantsBanned(_) => banned_list(false)?,
        filter => channel
            .members
            .iter()
            .map(|&(user, _, _)| user)
            .filter(|&user| matches(model, me, channel, user, filter))
            .collect(),
    };
    let count = selected.len() as i32;
    let limit = request.limit.clamp(0, PARTICIPANTS_PAGE_MAX) as usize;
    let mut mentions = Mentions::default();
    let participants = selected
        .into_iter()
        .skip(request.offset as usize)
        .take(limit)
        .filter_map(|user_id| {
            mentions.add(PeerKey::User(user_id));
            model.channel_participant_tl(channel_id, user_id, me)
        })
        .collect();
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::channels::ChannelParticipants::ChannelParticipants(
        Box::new(types::channels::ChannelParticipants {
            count,
            participants,
            chats,
            users,
        }),
    ))
}

fn get_channels(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::GetChannels = decode(body)?;
    let me = caller.me()?;
    let chats = request
        .id
        .iter()
        .map(|input| {
            model
                .resolve_channel(input)
                .map(|id| model.channel_tl(Some(me), id))
        })
        .collect::<Result<Vec<_>, _>>()?;
    answer(&enums::messages::Chats::Chats(types::messages::Chats {
        chats,
    }))
}
