//! Chat members: [`ChatMember`] (someone's place in a group or channel) and
//! [`ChatMemberUpdated`] (that place changed: joined, left, promoted, banned...).

use pyro_tl_types::api::{enums, types};

use super::chat::Chat;
use super::origin::Sender;
use super::peer::{PeerId, PeerMap};
use super::user::User;

/// A member's standing in a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberStatus {
    /// Created the chat.
    Owner,
    /// An administrator.
    Administrator,
    /// A regular member.
    Member,
    /// A member with restricted rights (or a restricted user who left).
    Restricted,
    /// Banned: removed and may not come back until unbanned.
    Banned,
    /// Not a member.
    Left,
}

/// The raw participant a [`ChatMember`] came from.
#[derive(Debug, Clone, PartialEq)]
pub enum RawChatMember {
    /// A basic group's participant.
    Chat(enums::ChatParticipant),
    /// A channel's or supergroup's participant.
    Channel(enums::ChannelParticipant),
}

/// Someone's place in a group or channel.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMember {
    member: Sender,
    status: MemberStatus,
    raw: RawChatMember,
}

impl ChatMember {
    /// A basic group's participant, its user resolved through `peers`.
    pub fn from_chat_raw(raw: enums::ChatParticipant, peers: &PeerMap) -> Self {
        let (user_id, status) = match &raw {
            enums::ChatParticipant::ChatParticipant(p) => (p.user_id, MemberStatus::Member),
            enums::ChatParticipant::Creator(p) => (p.user_id, MemberStatus::Owner),
            enums::ChatParticipant::Admin(p) => (p.user_id, MemberStatus::Administrator),
        };
        Self {
            member: Sender::User(peers.user(user_id)),
            status,
            raw: RawChatMember::Chat(raw),
        }
    }

    /// A channel's or supergroup's participant, its peer resolved through `peers`.
    pub fn from_channel_raw(raw: enums::ChannelParticipant, peers: &PeerMap) -> Self {
        use enums::ChannelParticipant as P;
        let (peer, status) = match &raw {
            P::ChannelParticipant(p) => (PeerId::User(p.user_id), MemberStatus::Member),
            P::ChannelParticipantSelf(p) => (PeerId::User(p.user_id), MemberStatus::Member),
            P::Creator(p) => (PeerId::User(p.user_id), MemberStatus::Owner),
            P::Admin(p) => (PeerId::User(p.user_id), MemberStatus::Administrator),
            P::Banned(p) => {
                let enums::ChatBannedRights::ChatBannedRights(rights) = &p.banned_rights;
                let status = if rights.view_messages {
                    MemberStatus::Banned
                } else {
                    MemberStatus::Restricted
                };
                (PeerId::from_raw(&p.peer), status)
            }
            P::Left(p) => (PeerId::from_raw(&p.peer), MemberStatus::Left),
        };
        Self {
            member: Sender::resolve(peer, peers),
            status,
            raw: RawChatMember::Channel(raw),
        }
    }

    /// The raw participant.
    pub fn raw(&self) -> &RawChatMember {
        &self.raw
    }

    /// The member: a user, or (for bans of channels speaking in groups) a chat.
    pub fn member(&self) -> &Sender {
        &self.member
    }

    /// The member's user, if the member is a user.
    pub fn user(&self) -> Option<&User> {
        self.member.user()
    }

    /// The member's standing.
    pub fn status(&self) -> MemberStatus {
        self.status
    }

    /// When they joined, were promoted or were restricted (Unix), if the server said.
    pub fn date(&self) -> Option<i32> {
        use enums::ChannelParticipant as P;
        match &self.raw {
            RawChatMember::Chat(enums::ChatParticipant::ChatParticipant(p)) => Some(p.date),
            RawChatMember::Chat(enums::ChatParticipant::Admin(p)) => Some(p.date),
            RawChatMember::Channel(P::ChannelParticipant(p)) => Some(p.date),
            RawChatMember::Channel(P::ChannelParticipantSelf(p)) => Some(p.date),
            RawChatMember::Channel(P::Admin(p)) => Some(p.date),
            RawChatMember::Channel(P::Banned(p)) => Some(p.date),
            _ => None,
        }
    }

    /// Who added or invited them, if known.
    pub fn inviter_id(&self) -> Option<i64> {
        use enums::ChannelParticipant as P;
        match &self.raw {
            RawChatMember::Chat(enums::ChatParticipant::ChatParticipant(p)) => Some(p.inviter_id),
            RawChatMember::Chat(enums::ChatParticipant::Admin(p)) => Some(p.inviter_id),
            RawChatMember::Channel(P::ChannelParticipantSelf(p)) => Some(p.inviter_id),
            RawChatMember::Channel(P::Admin(p)) => p.inviter_id,
            _ => None,
        }
    }

    /// The member's custom title (rank), if any.
    pub fn rank(&self) -> Option<&str> {
        use enums::ChannelParticipant as P;
        match &self.raw {
            RawChatMember::Chat(enums::ChatParticipant::ChatParticipant(p)) => p.rank.as_deref(),
            RawChatMember::Chat(enums::ChatParticipant::Creator(p)) => p.rank.as_deref(),
            RawChatMember::Chat(enums::ChatParticipant::Admin(p)) => p.rank.as_deref(),
            RawChatMember::Channel(P::ChannelParticipant(p)) => p.rank.as_deref(),
            RawChatMember::Channel(P::ChannelParticipantSelf(p)) => p.rank.as_deref(),
            RawChatMember::Channel(P::Creator(p)) => p.rank.as_deref(),
            RawChatMember::Channel(P::Admin(p)) => p.rank.as_deref(),
            RawChatMember::Channel(P::Banned(p)) => p.rank.as_deref(),
            RawChatMember::Channel(P::Left(_)) => None,
        }
    }

    /// An administrator's or owner's rights, raw (channels and supergroups only).
    pub fn admin_rights(&self) -> Option<&enums::ChatAdminRights> {
        match &self.raw {
            RawChatMember::Channel(enums::ChannelParticipant::Creator(p)) => Some(&p.admin_rights),
            RawChatMember::Channel(enums::ChannelParticipant::Admin(p)) => Some(&p.admin_rights),
            _ => None,
        }
    }

    /// A restricted or banned member's restrictions, raw (with their `until_date`).
    pub fn banned_rights(&self) -> Option<&enums::ChatBannedRights> {
        match &self.raw {
            RawChatMember::Channel(enums::ChannelParticipant::Banned(p)) => Some(&p.banned_rights),
            _ => None,
        }
    }
}

/// The raw update a [`ChatMemberUpdated`] came from.
#[derive(Debug, Clone, PartialEq)]
pub enum RawChatMemberUpdated {
    /// In a basic group (`updateChatParticipant`).
    Chat(types::UpdateChatParticipant),
    /// In a channel or supergroup (`updateChannelParticipant`).
    Channel(types::UpdateChannelParticipant),
}

/// Someone's place in a chat changed (bots get these for chats they administer).
#[derive(Debug, Clone)]
pub struct ChatMemberUpdated {
    chat: Chat,
    actor: User,
    user: User,
    old: Option<ChatMember>,
    new: Option<ChatMember>,
    raw: RawChatMemberUpdated,
}

impl ChatMemberUpdated {
    /// A change in a basic group.
    pub fn from_chat_raw(raw: types::UpdateChatParticipant, peers: &PeerMap) -> Self {
        Self {
            chat: peers.chat(PeerId::Chat(raw.chat_id)),
            actor: peers.user(raw.actor_id),
            user: peers.user(raw.user_id),
            old: raw
                .prev_participant
                .clone()
                .map(|p| ChatMember::from_chat_raw(p, peers)),
            new: raw
                .new_participant
                .clone()
                .map(|p| ChatMember::from_chat_raw(p, peers)),
            raw: RawChatMemberUpdated::Chat(raw),
        }
    }

    /// A change in a channel or supergroup.
    pub fn from_channel_raw(raw: types::UpdateChannelParticipant, peers: &PeerMap) -> Self {
        Self {
            chat: peers.chat(PeerId::Channel(raw.channel_id)),
            actor: peers.user(raw.actor_id),
            user: peers.user(raw.user_id),
            old: raw
                .prev_participant
                .clone()
                .map(|p| ChatMember::from_channel_raw(p, peers)),
            new: raw
                .new_participant
                .clone()
                .map(|p| ChatMember::from_channel_raw(p, peers)),
            raw: RawChatMemberUpdated::Channel(raw),
        }
    }

    /// The raw update.
    pub fn raw(&self) -> &RawChatMemberUpdated {
        &self.raw
    }

    /// The chat.
    pub fn chat(&self) -> &Chat {
        &self.chat
    }

    /// Who made the change (the user themselves when they joined or left).
    pub fn actor(&self) -> &User {
        &self.actor
    }

    /// Whose place changed.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// Their place before (`None`: not a member).
    pub fn old_member(&self) -> Option<&ChatMember> {
        self.old.as_ref()
    }

    /// Their place now (`None`: not a member).
    pub fn new_member(&self) -> Option<&ChatMember> {
        self.new.as_ref()
    }

    /// When it happened (Unix).
    pub fn date(&self) -> i32 {
        match &self.raw {
            RawChatMemberUpdated::Chat(u) => u.date,
            RawChatMemberUpdated::Channel(u) => u.date,
        }
    }

    /// The invite link they joined through, raw.
    pub fn invite_link(&self) -> Option<&enums::ExportedChatInvite> {
        match &self.raw {
            RawChatMemberUpdated::Chat(u) => u.invite.as_ref(),
            RawChatMemberUpdated::Channel(u) => u.invite.as_ref(),
        }
    }
}
