//! `channels.joinChannel`, `channels.leaveChannel` and `channels.editTitle`: membership and the
//! title of channels and supergroups, with `updateChannel` to the account's sessions.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::chats::records::Right;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::PeerKey;

impl Model {
    /// `updates { updateChannel }` for `user`, mentioning the channel (its new state: title,
    /// `left`), pushed to the user's other sessions and returned as the caller's answer.
    fn channel_changed(&mut self, user: i64, channel_id: i64, caller: &Caller) -> enums::Updates {
        let mut mentions = Mentions::default();
        mentions.add(PeerKey::Channel(channel_id));
        let update = enums::Update::Channel(types::UpdateChannel { channel_id });
        let updates = self.updates_tl(user, vec![update], &mentions, false);
        self.push(user, &updates, Some(caller.auth_key_id));
        updates
    }
}

/// Joins a channel or supergroup the caller can address; `USER_ALREADY_PARTICIPANT` for
/// members.
pub(super) fn join(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::JoinChannel = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.check_not_kicked(me, channel_id)?;
    if !model.add_member(channel_id, me, me)? {
        return Err(RpcError::bad_request("USER_ALREADY_PARTICIPANT"));
    }
    model.channel_member_changed(channel_id, me, me, None, None)?;
    let updates = model.channel_changed(me, channel_id, caller);
    // Layer 229 wraps the answer: `messages.chatInviteJoinResultOk updates:Updates`.
    answer(&enums::messages::ChatInviteJoinResult::Ok(Box::new(
        types::messages::ChatInviteJoinResultOk { updates },
    )))
}

/// Leaves a channel or supergroup; `USER_NOT_PARTICIPANT` for non-members.
pub(super) fn leave(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::LeaveChannel = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    let prev = model.channel_participant_tl(channel_id, me, me);
    let channel = model.channel_mut(channel_id)?;
    if !channel.member_set.remove(&me) {
        return Err(RpcError::bad_request("USER_NOT_PARTICIPANT"));
    }
    channel.admins.remove(&me);
    channel.members.retain(|&(user, _, _)| user != me);
    model
        .user_mut(me)?
        .mailbox
        .channels
        .retain(|&c| c != channel_id);
    model.channel_member_changed(channel_id, me, me, prev.as_ref(), None)?;
    let updates = model.channel_changed(me, channel_id, caller);
    answer(&updates)
}

/// Renames a channel or supergroup: admins with `change_info` (`CHAT_ADMIN_REQUIRED`), a non-empty
/// title (`CHAT_TITLE_EMPTY`), a different one (`CHAT_NOT_MODIFIED`).
pub(super) fn edit_title(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::EditTitle = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.member_channel(me, channel_id)?;
    let title = request.title.trim();
    if title.is_empty() {
        return Err(RpcError::bad_request("CHAT_TITLE_EMPTY"));
    }
    model.require_channel_right(me, channel_id, Right::ChangeInfo)?;
    let channel = model.channel_mut(channel_id)?;
    if channel.title == title {
        return Err(RpcError::bad_request("CHAT_NOT_MODIFIED"));
    }
    title.clone_into(&mut channel.title);
    let updates = model.channel_changed(me, channel_id, caller);
    answer(&updates)
}
