//! The records of group administration: basic groups, channel administrators and bans, invite
//! links; and the rights checks every handler shares.

use std::collections::{BTreeMap, BTreeSet};

use pyro_tl_types::api::{enums, types};

use crate::error::RpcError;
use crate::telegram::model::Model;
use crate::telegram::state::{ChannelRecord, PeerKey};

/// A basic group (`chat`): members with their inviter, admins, and the copies of each message
/// (every member's box holds its own copy under its own id).
#[derive(Debug, Clone)]
pub(crate) struct ChatRecord {
    pub(crate) title: String,
    pub(crate) creator: i64,
    pub(crate) date: i32,
    /// Bumped on every membership change (`version` of `chat` and `chatParticipants`).
    pub(crate) version: i32,
    /// Members in joining order: (user id, join date, inviter).
    pub(crate) members: Vec<(i64, i32, i64)>,
    /// Administrators besides the creator.
    pub(crate) admins: BTreeSet<i64>,
    /// For each (owner, message id) copy: the index of its message in `copies`.
    pub(crate) copy_of: BTreeMap<(i64, i32), usize>,
    /// Every message's copies: (owner, message id in the owner's box).
    pub(crate) copies: Vec<Vec<(i64, i32)>>,
}

impl ChatRecord {
    /// Whether `user` is a member.
    pub(crate) fn is_member(&self, user: i64) -> bool {
        self.members.iter().any(|&(member, _, _)| member == user)
    }

    /// Whether `user` is the creator or an administrator.
    pub(crate) fn is_admin(&self, user: i64) -> bool {
        user == self.creator || self.admins.contains(&user)
    }

    /// Every copy of the message `(owner, id)` (just itself if it has no recorded copies).
    pub(crate) fn copies_of(&self, owner: i64, id: i32) -> Vec<(i64, i32)> {
        self.copy_of
            .get(&(owner, id))
            .and_then(|index| self.copies.get(*index))
            .cloned()
            .unwrap_or_else(|| vec![(owner, id)])
    }
}

/// A channel administrator (the creator is not one: it has every right).
#[derive(Debug, Clone)]
pub(crate) struct AdminRecord {
    pub(crate) rights: types::ChatAdminRights,
    pub(crate) rank: Option<String>,
    pub(crate) promoted_by: i64,
    pub(crate) date: i32,
}

/// A banned (`view_messages`: removed) or restricted channel member.
#[derive(Debug, Clone)]
pub(crate) struct BanRecord {
    pub(crate) rights: types::ChatBannedRights,
    pub(crate) kicked_by: i64,
    pub(crate) date: i32,
}

impl BanRecord {
    /// Whether the ban still holds at `now` (`until_date` 0 means forever).
    pub(crate) fn active(&self, now: i32) -> bool {
        self.rights.until_date == 0 || now < self.rights.until_date
    }

    /// Whether it removes the user from the channel.
    pub(crate) fn kicked(&self, now: i32) -> bool {
        self.rights.view_messages && self.active(now)
    }
}

/// An invite link of a basic group or channel.
#[derive(Debug, Clone)]
pub(crate) struct InviteRecord {
    pub(crate) link: String,
    pub(crate) peer: PeerKey,
    pub(crate) admin_id: i64,
    pub(crate) date: i32,
    pub(crate) expire_date: Option<i32>,
    pub(crate) usage_limit: Option<i32>,
    pub(crate) usage: i32,
    pub(crate) revoked: bool,
    pub(crate) permanent: bool,
    pub(crate) title: Option<String>,
}

impl InviteRecord {
    /// Whether the link still lets people in at `now`: not revoked, not expired, not used up.
    pub(crate) fn usable(&self, now: i32) -> bool {
        !self.revoked
            && self.expire_date.is_none_or(|at| now < at)
            && self.usage_limit.is_none_or(|limit| self.usage < limit)
    }

    /// The `chatInviteExported` object.
    pub(crate) fn tl(&self) -> enums::ExportedChatInvite {
        enums::ExportedChatInvite::ChatInviteExported(Box::new(types::ChatInviteExported {
            revoked: self.revoked,
            permanent: self.permanent,
            link: self.link.clone(),
            admin_id: self.admin_id,
            date: self.date,
            expire_date: self.expire_date,
            usage_limit: self.usage_limit,
            usage: (self.usage > 0).then_some(self.usage),
            title: self.title.clone(),
            ..types::ChatInviteExported::default()
        }))
    }
}

/// An administrator right a handler needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Right {
    ChangeInfo,
    PostMessages,
    EditMessages,
    BanUsers,
    InviteUsers,
    PinMessages,
    AddAdmins,
}

impl Right {
    /// Whether `rights` grant it.
    pub(crate) fn granted(self, rights: &types::ChatAdminRights) -> bool {
        match self {
            Self::ChangeInfo => rights.change_info,
            Self::PostMessages => rights.post_messages,
            Self::EditMessages => rights.edit_messages,
            Self::BanUsers => rights.ban_users,
            Self::InviteUsers => rights.invite_users,
            Self::PinMessages => rights.pin_messages,
            Self::AddAdmins => rights.add_admins,
        }
    }
}

/// Every right: the creator's.
pub(crate) fn all_rights() -> types::ChatAdminRights {
    types::ChatAdminRights {
        change_info: true,
        post_messages: true,
        edit_messages: true,
        delete_messages: true,
        ban_users: true,
        invite_users: true,
        pin_messages: true,
        add_admins: true,
        manage_call: true,
        other: true,
        ..types::ChatAdminRights::default()
    }
}

/// Whether `granted` holds every right `wanted` asks for (an admin cannot give more than it
/// has).
pub(crate) fn covers(granted: &types::ChatAdminRights, wanted: &types::ChatAdminRights) -> bool {
    let each = [
        (granted.change_info, wanted.change_info),
        (granted.post_messages, wanted.post_messages),
        (granted.edit_messages, wanted.edit_messages),
        (granted.delete_messages, wanted.delete_messages),
        (granted.ban_users, wanted.ban_users),
        (granted.invite_users, wanted.invite_users),
        (granted.pin_messages, wanted.pin_messages),
        (granted.add_admins, wanted.add_admins),
        (granted.anonymous, wanted.anonymous),
        (granted.manage_call, wanted.manage_call),
        (granted.other, wanted.other),
    ];
    each.iter().all(|&(has, asks)| has || !asks)
}

impl ChannelRecord {
    /// The rights `viewer` holds in the channel (creator: all), if any.
    pub(crate) fn admin_rights_of(&self, viewer: i64) -> Option<types::ChatAdminRights> {
        if viewer == self.creator {
            return Some(all_rights());
        }
        self.admins.get(&viewer).map(|admin| admin.rights.clone())
    }

    /// `admin_rights` and `banned_rights` of the `channel` object `viewer` is shown.
    pub(crate) fn rights_of(
        &self,
        viewer: i64,
    ) -> (
        Option<enums::ChatAdminRights>,
        Option<enums::ChatBannedRights>,
    ) {
        let admin = self
            .admin_rights_of(viewer)
            .map(enums::ChatAdminRights::ChatAdminRights);
        let banned = self
            .banned
            .get(&viewer)
            .map(|ban| enums::ChatBannedRights::ChatBannedRights(ban.rights.clone()));
        (admin, banned)
    }
}

impl Model {
    /// Checks that `user` may act with `right` in a channel (`CHAT_ADMIN_REQUIRED` otherwise).
    pub(crate) fn require_channel_right(
        &self,
        user: i64,
        channel_id: i64,
        right: Right,
    ) -> Result<(), RpcError> {
        let channel = self.channel(channel_id)?;
        match channel.admin_rights_of(user) {
            Some(rights) if right.granted(&rights) => Ok(()),
            _ => Err(RpcError::new(403, "CHAT_ADMIN_REQUIRED")),
        }
    }

    /// The basic group `id` (`CHAT_ID_INVALID` otherwise).
    pub(crate) fn chat(&self, id: i64) -> Result<&ChatRecord, RpcError> {
        self.chats
            .get(&id)
            .ok_or_else(|| RpcError::bad_request("CHAT_ID_INVALID"))
    }

    /// The basic group `id`, for changing.
    pub(crate) fn chat_mut(&mut self, id: i64) -> Result<&mut ChatRecord, RpcError> {
        self.chats
            .get_mut(&id)
            .ok_or_else(|| RpcError::bad_request("CHAT_ID_INVALID"))
    }

    /// A basic group `user` is a member of (`CHAT_FORBIDDEN` otherwise).
    pub(crate) fn member_chat(&self, user: i64, chat_id: i64) -> Result<&ChatRecord, RpcError> {
        let chat = self.chat(chat_id)?;
        if chat.is_member(user) {
            Ok(chat)
        } else {
            Err(RpcError::new(403, "CHAT_FORBIDDEN"))
        }
    }

    /// Checks that `user` may act with `right` in a basic group or channel: in channels the
    /// admin rights decide; in basic groups every member may pin and rename, and the creator
    /// and admins do the rest.
    pub(crate) fn require_right(
        &self,
        user: i64,
        chat: PeerKey,
        right: Right,
    ) -> Result<(), RpcError> {
        match chat {
            PeerKey::Channel(id) => {
                self.member_channel(user, id)?;
                self.require_channel_right(user, id, right)
            }
            PeerKey::Chat(id) => {
                let chat = self.member_chat(user, id)?;
                let open = matches!(right, Right::PinMessages | Right::ChangeInfo);
                if open || chat.is_admin(user) {
                    Ok(())
                } else {
                    Err(RpcError::new(403, "CHAT_ADMIN_REQUIRED"))
                }
            }
            PeerKey::User(_) => Err(RpcError::bad_request("PEER_ID_INVALID")),
        }
    }
}
