//! Basic groups as TL objects: `chat`, its participants and `chatFull`.

use pyro_tl_types::api::{enums, types};

use crate::error::RpcError;
use crate::telegram::chats::records::all_rights;
use crate::telegram::model::Model;
use crate::telegram::render::{Mentions, notify_settings};
use crate::telegram::state::PeerKey;

impl Model {
    /// The `Chat` object of basic group `id` as `viewer` sees it (`left` for non-members).
    pub(crate) fn chat_tl(&self, viewer: Option<i64>, id: i64) -> enums::Chat {
        let Some(chat) = self.chats.get(&id) else {
            return enums::Chat::Empty(types::ChatEmpty { id });
        };
        let member = viewer.is_some_and(|v| chat.is_member(v));
        let admin = viewer.is_some_and(|v| member && chat.is_admin(v));
        enums::Chat::Chat(Box::new(types::Chat {
            creator: viewer == Some(chat.creator),
            left: !member,
            id,
            title: chat.title.clone(),
            photo: enums::ChatPhoto::Empty,
            participants_count: chat.members.len() as i32,
            date: chat.date,
            version: chat.version,
            admin_rights: admin.then(|| enums::ChatAdminRights::ChatAdminRights(all_rights())),
            ..types::Chat::default()
        }))
    }

    /// The `ChatParticipant` of a member.
    pub(crate) fn chat_participant_tl(
        &self,
        chat_id: i64,
        user: i64,
    ) -> Option<enums::ChatParticipant> {
        let chat = self.chats.get(&chat_id)?;
        let &(user_id, date, inviter_id) = chat.members.iter().find(|m| m.0 == user)?;
        Some(if user_id == chat.creator {
            enums::ChatParticipant::Creator(types::ChatParticipantCreator {
                user_id,
                rank: None,
            })
        } else if chat.admins.contains(&user_id) {
            enums::ChatParticipant::Admin(Box::new(types::ChatParticipantAdmin {
                user_id,
                inviter_id,
                date,
                rank: None,
            }))
        } else {
            enums::ChatParticipant::ChatParticipant(Box::new(types::ChatParticipant {
                user_id,
                inviter_id,
                date,
                rank: None,
            }))
        })
    }

    /// The highest pinned message of `chat` in `owner`'s view (box or channel), if any.
    pub(crate) fn top_pinned(&self, owner: i64, chat: PeerKey) -> Option<i32> {
        match chat {
            PeerKey::Channel(id) => self
                .channels
                .get(&id)?
                .messages
                .values()
                .rev()
                .find(|m| m.pinned)
                .map(|m| m.id),
            PeerKey::User(_) | PeerKey::Chat(_) => self
                .users
                .get(&owner)?
                .mailbox
                .messages
                .values()
                .rev()
                .find(|m| m.pinned && m.peer == Some(chat))
                .map(|m| m.id),
        }
    }

    /// The permanent link `admin` made for `chat`, still valid.
    pub(crate) fn permanent_invite(
        &self,
        admin: i64,
        chat: PeerKey,
    ) -> Option<enums::ExportedChatInvite> {
        self.invites
            .values()
            .find(|i| i.peer == chat && i.admin_id == admin && i.permanent && !i.revoked)
            .map(super::records::InviteRecord::tl)
    }

    /// `messages.chatFull` of a basic group for `viewer` (members see the participants).
    pub(crate) fn full_chat_tl(
        &self,
        viewer: i64,
        chat_id: i64,
    ) -> Result<enums::messages::ChatFull, RpcError> {
        let chat = self.chat(chat_id)?;
        let mut mentions = Mentions::default();
        mentions.add(PeerKey::Chat(chat_id));
        let participants = if chat.is_member(viewer) {
            let list = chat
                .members
                .iter()
                .filter_map(|&(user, _, _)| {
                    mentions.add(PeerKey::User(user));
                    self.chat_participant_tl(chat_id, user)
                })
                .collect();
            enums::ChatParticipants::ChatParticipants(types::ChatParticipants {
                chat_id,
                participants: list,
                version: chat.version,
            })
        } else {
            enums::ChatParticipants::Forbidden(Box::new(types::ChatParticipantsForbidden {
                chat_id,
                self_participant: None,
            }))
        };
        let full = types::ChatFull {
            id: chat_id,
            about: String::new(),
            participants,
            notify_settings: notify_settings(),
            exported_invite: self.permanent_invite(viewer, PeerKey::Chat(chat_id)),
            pinned_msg_id: self.top_pinned(viewer, PeerKey::Chat(chat_id)),
            ..types::ChatFull::default()
        };
        let (users, chats) = self.mentioned(Some(viewer), &mentions);
        Ok(enums::messages::ChatFull::ChatFull(Box::new(
            types::messages::ChatFull {
                full_chat: enums::ChatFull::ChatFull(Box::new(full)),
                chats,
                users,
            },
        )))
    }
}
