//! Administrators and bans in channels and supergroups: `channels.editAdmin`,
//! `channels.editBanned` and `channels.getParticipant`, the participant objects, the checks
//! that enforce bans and restrictions on sending, and `updateChannelParticipant` for bots.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::chats::records::{AdminRecord, BanRecord, Right, all_rights, covers};
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::Origin;
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, peer};
use crate::telegram::state::{MessageRecord, PeerKey};

impl Model {
    /// The `ChannelParticipant` of `user` as `viewer` sees it: creator, admin, banned, self
    /// or plain member; `None` for strangers.
    pub(crate) fn channel_participant_tl(
        &self,
        channel_id: i64,
        user: i64,
        viewer: i64,
    ) -> Option<enums::ChannelParticipant> {
        let channel = self.channels.get(&channel_id)?;
        let member = channel.members.iter().find(|m| m.0 == user).copied();
        if user == channel.creator && member.is_some() {
            return Some(enums::ChannelParticipant::Creator(Box::new(
                types::ChannelParticipantCreator {
                    user_id: user,
                    admin_rights: enums::ChatAdminRights::ChatAdminRights(all_rights()),
                    rank: None,
                },
            )));
        }
        if let (Some(admin), Some((_, _, inviter))) = (channel.admins.get(&user), member) {
            return Some(enums::ChannelParticipant::Admin(Box::new(
                types::ChannelParticipantAdmin {
                    can_edit: viewer == channel.creator || viewer == admin.promoted_by,
                    self_: user == viewer,
                    user_id: user,
                    inviter_id: (user == viewer).then_some(inviter),
                    promoted_by: admin.promoted_by,
                    date: admin.date,
                    admin_rights: enums::ChatAdminRights::ChatAdminRights(admin.rights.clone()),
                    rank: admin.rank.clone(),
                },
            )));
        }
        if let Some(ban) = channel.banned.get(&user) {
            return Some(enums::ChannelParticipant::Banned(Box::new(
                types::ChannelParticipantBanned {
                    left: member.is_none(),
                    peer: peer(PeerKey::User(user)),
                    kicked_by: ban.kicked_by,
                    date: ban.date,
                    banned_rights: enums::ChatBannedRights::ChatBannedRights(ban.rights.clone()),
                    rank: None,
                },
            )));
        }
        let (user_id, date, inviter_id) = member?;
        Some(if user == viewer {
            enums::ChannelParticipant::ChannelParticipantSelf(Box::new(
                types::ChannelParticipantSelf {
                    user_id,
                    inviter_id,
                    date,
                    ..types::ChannelParticipantSelf::default()
                },
            ))
        } else {
            enums::ChannelParticipant::ChannelParticipant(Box::new(types::ChannelParticipant {
                user_id,
                date,
                ..types::ChannelParticipant::default()
            }))
        })
    }

    /// Tells the bots concerned that `user`'s membership of a channel changed from `prev` to
    /// its current state (`updateChannelParticipant`).
    pub(crate) fn channel_member_changed(
        &mut self,
        channel_id: i64,
        actor: i64,
        user: i64,
        prev: Option<&enums::ChannelParticipant>,
        invite: Option<&enums::ExportedChatInvite>,
    ) -> Result<(), RpcError> {
        let recipients = self.member_bots(PeerKey::Channel(channel_id), user);
        if recipients.is_empty() {
            return Ok(());
        }
        let new = self.channel_participant_tl(channel_id, user, 0);
        let date = self.now();
        let mentions = Mentions::of(&[
            PeerKey::Channel(channel_id),
            PeerKey::User(user),
            PeerKey::User(actor),
        ]);
        self.notify_qts(&recipients, &mentions, |qts| {
            enums::Update::ChannelParticipant(Box::new(types::UpdateChannelParticipant {
                via_chatlist: false,
                channel_id,
                date,
                actor_id: actor,
                user_id: user,
                prev_participant: prev.cloned(),
                new_participant: new.clone(),
                invite: invite.cloned(),
                qts,
            }))
        })
    }

    /// Whether `user` may post in a channel: broadcast channels take admins with
    /// `post_messages`; restricted members get `CHAT_WRITE_FORBIDDEN` (or the media / plain
    /// text variants).
    pub(crate) fn check_can_post(
        &self,
        user: i64,
        channel_id: i64,
        media: bool,
    ) -> Result<(), RpcError> {
        let channel = self.channel(channel_id)?;
        if channel.broadcast {
            return self
                .require_channel_right(user, channel_id, Right::PostMessages)
                .map_err(|_| RpcError::new(403, "CHAT_WRITE_FORBIDDEN"));
        }
        let Some(ban) = channel.banned.get(&user).filter(|b| b.active(self.now())) else {
            return Ok(());
        };
        let denied = if ban.rights.view_messages || ban.rights.send_messages {
            Some("CHAT_WRITE_FORBIDDEN")
        } else if media && ban.rights.send_media {
            Some("CHAT_SEND_MEDIA_FORBIDDEN")
        } else if !media && ban.rights.send_plain {
            Some("CHAT_SEND_PLAIN_FORBIDDEN")
        } else {
            None
        };
        denied.map_or(Ok(()), |name| Err(RpcError::new(403, name)))
    }

    /// Refuses users banned from a channel (`USER_BANNED_IN_CHANNEL`) when they try to come
    /// back, by username or link.
    pub(crate) fn check_not_kicked(&self, user: i64, channel_id: i64) -> Result<(), RpcError> {
        let kicked = self
            .channel(channel_id)?
            .banned
            .get(&user)
            .is_some_and(|b| b.kicked(self.now()));
        if kicked {
            Err(RpcError::bad_request("USER_BANNED_IN_CHANNEL"))
        } else {
            Ok(())
        }
    }

    /// `updates { updateChannel }` for `user` about a channel, pushed to its sessions (but
    /// `skip`).
    pub(crate) fn channel_update(
        &mut self,
        user: i64,
        channel_id: i64,
        skip: Option<i64>,
    ) -> enums::Updates {
        let mut mentions = Mentions::default();
        mentions.add(PeerKey::Channel(channel_id));
        let update = enums::Update::Channel(types::UpdateChannel { channel_id });
        let updates = self.updates_tl(user, vec![update], &mentions, false);
        self.push(user, &updates, skip);
        updates
    }
}

/// Bans (`view_messages`: removes), restricts or lifts both (all rights `false`). Takes
/// `ban_users`; the creator and admins cannot be banned.
pub(super) fn edit_banned(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::EditBanned = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.require_right(me, PeerKey::Channel(channel_id), Right::BanUsers)?;
    let PeerKey::User(user) = model.resolve_peer(caller, &request.participant)? else {
        return Err(RpcError::bad_request("PARTICIPANT_ID_INVALID"));
    };
    let enums::ChatBannedRights::ChatBannedRights(rights) = request.banned_rights;
    let channel = model.channel(channel_id)?;
    if user == channel.creator || channel.admins.contains_key(&user) || user == me {
        return Err(RpcError::bad_request("USER_ADMIN_INVALID"));
    }
    let member = channel.member_set.contains(&user);
    let lifted = types::ChatBannedRights {
        until_date: rights.until_date,
        ..types::ChatBannedRights::default()
    } == rights;
    if !member && !rights.view_messages && !lifted {
        return Err(RpcError::bad_request("USER_NOT_PARTICIPANT"));
    }
    let megagroup = !channel.broadcast;
    let prev = model.channel_participant_tl(channel_id, user, me);
    let date = model.now();
    let channel = model.channel_mut(channel_id)?;
    if lifted {
        channel.banned.remove(&user);
    } else {
        let kicked = rights.view_messages;
        channel.banned.insert(
            user,
            BanRecord {
                rights,
                kicked_by: me,
                date,
            },
        );
        if kicked && member {
            channel.member_set.remove(&user);
            channel.members.retain(|&(u, _, _)| u != user);
            model
                .user_mut(user)?
                .mailbox
                .channels
                .retain(|&c| c != channel_id);
        }
    }
    let removed = member && !model.channel(channel_id)?.member_set.contains(&user);
    if removed {
        model.channel_update(user, channel_id, None);
    }
    let updates = if removed && megagroup {
        let channel = model.channel_mut(channel_id)?;
        channel.last_id += 1;
        let service = MessageRecord {
            id: channel.last_id,
            from: Some(me),
            peer: Some(PeerKey::Channel(channel_id)),
            date,
            action: Some(enums::MessageAction::ChatDeleteUser(
                types::MessageActionChatDeleteUser { user_id: user },
            )),
            ..MessageRecord::default()
        };
        channel.messages.insert(service.id, service.clone());
        let origin = Origin {
            auth_key_id: Some(caller.auth_key_id),
            random_id: None,
            short: false,
        };
        let mut updates = model.announce_channel_message(me, channel_id, &service, origin)?;
        if let enums::Updates::Updates(u) = &mut updates {
            u.updates.insert(
                0,
                enums::Update::Channel(types::UpdateChannel { channel_id }),
            );
        }
        updates
    } else {
        model.channel_update(me, channel_id, Some(caller.auth_key_id))
    };
    model.channel_member_changed(channel_id, me, user, prev.as_ref(), None)?;
    answer(&updates)
}

/// Promotes a member with `admin_rights` or demotes it (all `false`). Takes `add_admins`;
/// an admin gives no right it lacks (`RIGHT_FORBIDDEN`) and edits only the admins it
/// promoted.
pub(super) fn edit_admin(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::EditAdmin = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.require_right(me, PeerKey::Channel(channel_id), Right::AddAdmins)?;
    let user = model.resolve_user(caller, &request.user_id)?;
    let enums::ChatAdminRights::ChatAdminRights(rights) = request.admin_rights;
    let channel = model.channel(channel_id)?;
    if user == channel.creator {
        return Err(RpcError::bad_request("USER_CREATOR"));
    }
    if !channel.member_set.contains(&user) {
        return Err(RpcError::bad_request("USER_NOT_PARTICIPANT"));
    }
    if me != channel.creator {
        let mine = channel.admin_rights_of(me).unwrap_or_default();
        if channel
            .admins
            .get(&user)
            .is_some_and(|a| a.promoted_by != me)
        {
            return Err(RpcError::new(403, "CHAT_ADMIN_REQUIRED"));
        }
        if !covers(&mine, &rights) {
            return Err(RpcError::new(403, "RIGHT_FORBIDDEN"));
        }
    }
    let prev = model.channel_participant_tl(channel_id, user, me);
    let date = model.now();
    let channel = model.channel_mut(channel_id)?;
    if rights == types::ChatAdminRights::default() {
        channel.admins.remove(&user);
    } else {
        channel.banned.remove(&user);
        channel.admins.insert(
            user,
            AdminRecord {
                rights,
                rank: request.rank,
                promoted_by: me,
                date,
            },
        );
    }
    model.channel_update(user, channel_id, None);
    let updates = model.channel_update(me, channel_id, Some(caller.auth_key_id));
    model.channel_member_changed(channel_id, me, user, prev.as_ref(), None)?;
    answer(&updates)
}

/// One participant of a channel (members only ask; `USER_NOT_PARTICIPANT` for strangers).
pub(super) fn get_participant(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::GetParticipant = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.member_channel(me, channel_id)?;
    let PeerKey::User(user) = model.resolve_peer(caller, &request.participant)? else {
        return Err(RpcError::bad_request("PARTICIPANT_ID_INVALID"));
    };
    let participant = model
        .channel_participant_tl(channel_id, user, me)
        .ok_or_else(|| RpcError::bad_request("USER_NOT_PARTICIPANT"))?;
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::Channel(channel_id));
    mentions.add(PeerKey::User(user));
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::channels::ChannelParticipant::ChannelParticipant(
        Box::new(types::channels::ChannelParticipant {
            participant,
            chats,
            users,
        }),
    ))
}
