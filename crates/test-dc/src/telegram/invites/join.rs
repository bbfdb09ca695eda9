//! `messages.checkChatInvite` and `messages.importChatInvite`: what a link leads to, and
//! joining through it (counted against its usage limit, with the `messageActionChatJoinedByLink`
//! service message in groups and `updateChannelParticipant` for bot admins).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::Origin;
use crate::telegram::model::{Caller, Model};
use crate::telegram::state::{InviteRecord, MessageRecord, PeerKey};

impl Model {
    /// A link that still lets people in (`INVITE_HASH_EXPIRED` otherwise).
    fn usable_invite(&self, hash: &str) -> Result<InviteRecord, RpcError> {
        let invite = self.invite(hash)?;
        if invite.usable(self.now()) {
            Ok(invite.clone())
        } else {
            Err(RpcError::bad_request("INVITE_HASH_EXPIRED"))
        }
    }

    /// Whether `user` is in the chat a link leads to.
    fn is_in(&self, user: i64, chat: PeerKey) -> bool {
        match chat {
            PeerKey::Channel(id) => self
                .channels
                .get(&id)
                .is_some_and(|c| c.member_set.contains(&user)),
            PeerKey::Chat(id) => self.chats.get(&id).is_some_and(|c| c.is_member(user)),
            PeerKey::User(_) => false,
        }
    }

    /// Joins a channel through a link; returns the joiner's answer.
    fn join_channel_by_link(
        &mut self,
        me: i64,
        channel_id: i64,
        invite: &InviteRecord,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        self.check_not_kicked(me, channel_id)?;
        self.add_member(channel_id, me, invite.admin_id)?;
        let channel = self.channel_mut(channel_id)?;
        let updates = if channel.broadcast {
            self.channel_update(me, channel_id, origin.auth_key_id)
        } else {
            channel.last_id += 1;
            let service = MessageRecord {
                id: channel.last_id,
                from: Some(me),
                peer: Some(PeerKey::Channel(channel_id)),
                date: self.now(),
                action: Some(enums::MessageAction::ChatJoinedByLink(
                    types::MessageActionChatJoinedByLink {
                        inviter_id: invite.admin_id,
                    },
                )),
                ..MessageRecord::default()
            };
            self.channel_mut(channel_id)?
                .messages
                .insert(service.id, service.clone());
            let mut updates = self.announce_channel_message(me, channel_id, &service, origin)?;
            if let enums::Updates::Updates(u) = &mut updates {
                u.updates.insert(
                    0,
                    enums::Update::Channel(types::UpdateChannel { channel_id }),
                );
            }
            updates
        };
        self.channel_member_changed(channel_id, me, me, None, Some(&invite.tl()))?;
        Ok(updates)
    }
}

/// What a link leads to: `chatInviteAlready` for members, `chatInvite` otherwise.
pub(super) fn check(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::CheckChatInvite = decode(body)?;
    let me = caller.me()?;
    // Members are told so even when the link is spent.
    let invite = model.invite(&request.hash)?.clone();
    if model.is_in(me, invite.peer) {
        let chat = match invite.peer {
            PeerKey::Channel(id) => model.channel_tl(Some(me), id),
            PeerKey::Chat(id) => model.chat_tl(Some(me), id),
            PeerKey::User(_) => return Err(RpcError::bad_request("INVITE_HASH_INVALID")),
        };
        return answer(&enums::ChatInvite::Already(Box::new(
            types::ChatInviteAlready { chat },
        )));
    }
    model.usable_invite(&request.hash)?;
    let (title, count, channel, broadcast, public) = match invite.peer {
        PeerKey::Channel(id) => {
            let c = model.channel(id)?;
            let count = c.members.len() as i32;
            (
                c.title.clone(),
                count,
                true,
                c.broadcast,
                c.username.is_some(),
            )
        }
        PeerKey::Chat(id) => {
            let c = model.chat(id)?;
            (c.title.clone(), c.members.len() as i32, false, false, false)
        }
        PeerKey::User(_) => return Err(RpcError::bad_request("INVITE_HASH_INVALID")),
    };
    answer(&enums::ChatInvite::ChatInvite(Box::new(
        types::ChatInvite {
            channel,
            broadcast,
            public,
            megagroup: channel && !broadcast,
            title,
            photo: enums::Photo::Empty(types::PhotoEmpty { id: 0 }),
            participants_count: count,
            ..types::ChatInvite::default()
        },
    )))
}

/// Joins through a link: counts a use, and refuses members (`USER_ALREADY_PARTICIPANT`) and
/// banned users (`USER_BANNED_IN_CHANNEL`).
pub(super) fn import(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::ImportChatInvite = decode(body)?;
    let me = caller.me()?;
    if model.is_in(me, model.invite(&request.hash)?.peer) {
        return Err(RpcError::bad_request("USER_ALREADY_PARTICIPANT"));
    }
    let invite = model.usable_invite(&request.hash)?;
    let origin = Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: None,
        short: false,
    };
    let updates = match invite.peer {
        PeerKey::Channel(id) => model.join_channel_by_link(me, id, &invite, origin)?,
        PeerKey::Chat(id) => {
            let action =
                enums::MessageAction::ChatJoinedByLink(types::MessageActionChatJoinedByLink {
                    inviter_id: invite.admin_id,
                });
            model.join_chat(id, me, invite.admin_id, action, origin)?
        }
        PeerKey::User(_) => return Err(RpcError::bad_request("INVITE_HASH_INVALID")),
    };
    if let Some(record) = model.invites.get_mut(super::hash_of(&request.hash)) {
        record.usage += 1;
    }
    answer(&enums::messages::ChatInviteJoinResult::Ok(Box::new(
        types::messages::ChatInviteJoinResultOk { updates },
    )))
}
