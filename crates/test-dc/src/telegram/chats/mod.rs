//! Basic groups (`messages.createChat`, `addChatUser`, `deleteChatUser`, `editChatTitle`,
//! `editChatAdmin`, `getChats`, `getFullChat`), with their service messages in every member's
//! box and `updateChatParticipant` for bot administrators; and the records and rights checks
//! that channels, pins and invite links share.

mod fanout;
pub(crate) mod records;
mod render;

use std::collections::{BTreeMap, BTreeSet};

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::{Content, Origin};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::{ChatRecord, PeerKey};

/// Routes the basic-group methods of `messages.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "messages.createChat" => create_chat(model, caller, body),
        "messages.addChatUser" => add_chat_user(model, caller, body),
        "messages.deleteChatUser" => delete_chat_user(model, caller, body),
        "messages.editChatTitle" => edit_chat_title(model, caller, body),
        "messages.editChatAdmin" => edit_chat_admin(model, caller, body),
        "messages.getChats" => get_chats(model, caller, body),
        "messages.getFullChat" => get_full_chat(model, caller, body),
        _ => return None,
    })
}

/// `messages.invitedUsers` with everyone added.
fn invited(updates: enums::Updates) -> enums::messages::InvitedUsers {
    enums::messages::InvitedUsers::InvitedUsers(Box::new(types::messages::InvitedUsers {
        updates,
        missing_invitees: Vec::new(),
    }))
}

/// The caller's answer to a request without a `random_id`.
fn origin_of(caller: &Caller) -> Origin {
    Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: None,
        short: false,
    }
}

impl Model {
    /// Tells the bots concerned that `user`'s membership of basic group `chat_id` changed from
    /// `prev` to the current state (`updateChatParticipant`).
    pub(crate) fn chat_member_changed(
        &mut self,
        chat_id: i64,
        actor: i64,
        user: i64,
        prev: Option<&enums::ChatParticipant>,
        invite: Option<&enums::ExportedChatInvite>,
    ) -> Result<(), RpcError> {
        let recipients = self.member_bots(PeerKey::Chat(chat_id), user);
        if recipients.is_empty() {
            return Ok(());
        }
        let new = self.chat_participant_tl(chat_id, user);
        let date = self.now();
        let mentions = Mentions::of(&[
            PeerKey::Chat(chat_id),
            PeerKey::User(user),
            PeerKey::User(actor),
        ]);
        self.notify_qts(&recipients, &mentions, |qts| {
            enums::Update::ChatParticipant(Box::new(types::UpdateChatParticipant {
                chat_id,
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

    /// Adds `user` to basic group `chat_id` (invited by `inviter`) and posts `action`.
    pub(crate) fn join_chat(
        &mut self,
        chat_id: i64,
        user: i64,
        inviter: i64,
        action: enums::MessageAction,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        self.user(user)?;
        let date = self.now();
        let chat = self.chat_mut(chat_id)?;
        if chat.is_member(user) {
            return Err(RpcError::bad_request("USER_ALREADY_PARTICIPANT"));
        }
        chat.members.push((user, date, inviter));
        chat.version += 1;
        let author = if matches!(action, enums::MessageAction::ChatJoinedByLink(_)) {
            user
        } else {
            inviter
        };
        let updates =
            self.post_to_chat(author, chat_id, Content::default(), Some(action), origin)?;
        self.chat_member_changed(chat_id, author, user, None, None)?;
        Ok(updates)
    }
}

fn create_chat(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::CreateChat = decode(body)?;
    let me = caller.me()?;
    let title = request.title.trim();
    if title.is_empty() {
        return Err(RpcError::bad_request("CHAT_TITLE_EMPTY"));
    }
    let mut users = vec![me];
    for input in &request.users {
        let user = model.resolve_user(caller, input)?;
        if !users.contains(&user) {
            users.push(user);
        }
    }
    let id = model.next_chat_id;
    model.next_chat_id += 1;
    let date = model.now();
    model.chats.insert(
        id,
        ChatRecord {
            title: title.to_owned(),
            creator: me,
            date,
            version: 1,
            members: users.iter().map(|&user| (user, date, me)).collect(),
            admins: BTreeSet::new(),
            copy_of: BTreeMap::new(),
            copies: Vec::new(),
        },
    );
    let action = enums::MessageAction::ChatCreate(Box::new(types::MessageActionChatCreate {
        title: title.to_owned(),
        users: users.clone(),
    }));
    let updates =
        model.post_to_chat(me, id, Content::default(), Some(action), origin_of(caller))?;
    for &user in users.iter().skip(1) {
        model.chat_member_changed(id, me, user, None, None)?;
    }
    answer(&invited(updates))
}

fn add_chat_user(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::AddChatUser = decode(body)?;
    let me = caller.me()?;
    model.member_chat(me, request.chat_id)?;
    let user = model.resolve_user(caller, &request.user_id)?;
    let action =
        enums::MessageAction::ChatAddUser(types::MessageActionChatAddUser { users: vec![user] });
    let updates = model.join_chat(request.chat_id, user, me, action, origin_of(caller))?;
    answer(&invited(updates))
}

/// Removes a member (or the caller itself: leaving). Removing others takes the creator or an
/// admin, and nobody removes the creator.
fn delete_chat_user(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::DeleteChatUser = decode(body)?;
    let me = caller.me()?;
    let chat_id = request.chat_id;
    let user = model.resolve_user(caller, &request.user_id)?;
    let chat = model.member_chat(me, chat_id)?;
    if user != me && (!chat.is_admin(me) || user == chat.creator) {
        return Err(RpcError::new(403, "CHAT_ADMIN_REQUIRED"));
    }
    if !chat.is_member(user) {
        return Err(RpcError::bad_request("USER_NOT_PARTICIPANT"));
    }
    let prev = model.chat_participant_tl(chat_id, user);
    let action =
        enums::MessageAction::ChatDeleteUser(types::MessageActionChatDeleteUser { user_id: user });
    // Posted while the user is still a member, so that it sees its own removal.
    let updates = model.post_to_chat(
        me,
        chat_id,
        Content::default(),
        Some(action),
        origin_of(caller),
    )?;
    let chat = model.chat_mut(chat_id)?;
    chat.members.retain(|&(member, _, _)| member != user);
    chat.admins.remove(&user);
    chat.version += 1;
    model.chat_member_changed(chat_id, me, user, prev.as_ref(), None)?;
    answer(&updates)
}

fn edit_chat_title(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::EditChatTitle = decode(body)?;
    let me = caller.me()?;
    let chat_id = request.chat_id;
    model.require_right(me, PeerKey::Chat(chat_id), records::Right::ChangeInfo)?;
    let title = request.title.trim();
    if title.is_empty() {
        return Err(RpcError::bad_request("CHAT_TITLE_EMPTY"));
    }
    let chat = model.chat_mut(chat_id)?;
    if chat.title == title {
        return Err(RpcError::bad_request("CHAT_NOT_MODIFIED"));
    }
    title.clone_into(&mut chat.title);
    let action = enums::MessageAction::ChatEditTitle(types::MessageActionChatEditTitle {
        title: title.to_owned(),
    });
    let updates = model.post_to_chat(
        me,
        chat_id,
        Content::default(),
        Some(action),
        origin_of(caller),
    )?;
    answer(&updates)
}

/// Makes a member an admin of a basic group, or not (the creator only).
fn edit_chat_admin(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::EditChatAdmin = decode(body)?;
    let me = caller.me()?;
    let chat_id = request.chat_id;
    let user = model.resolve_user(caller, &request.user_id)?;
    let chat = model.member_chat(me, chat_id)?;
    if chat.creator != me {
        return Err(RpcError::new(403, "CHAT_ADMIN_REQUIRED"));
    }
    if !chat.is_member(user) {
        return Err(RpcError::bad_request("USER_NOT_PARTICIPANT"));
    }
    if user == chat.creator {
        return Err(RpcError::bad_request("USER_CREATOR"));
    }
    let prev = model.chat_participant_tl(chat_id, user);
    let chat = model.chat_mut(chat_id)?;
    let changed = if request.is_admin {
        chat.admins.insert(user)
    } else {
        chat.admins.remove(&user)
    };
    if changed {
        chat.version += 1;
        model.chat_member_changed(chat_id, me, user, prev.as_ref(), None)?;
    }
    answer(&true)
}

fn get_chats(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetChats = decode(body)?;
    let me = caller.me()?;
    let chats = request
        .id
        .iter()
        .map(|&id| model.chat(id).map(|_| model.chat_tl(Some(me), id)))
        .collect::<Result<Vec<_>, _>>()?;
    answer(&enums::messages::Chats::Chats(types::messages::Chats {
        chats,
    }))
}

fn get_full_chat(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetFullChat = decode(body)?;
    let me = caller.me()?;
    answer(&model.full_chat_tl(me, request.chat_id)?)
}
