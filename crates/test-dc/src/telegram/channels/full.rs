//! `channels.getFullChannel`: the counters (members, admins, banned), the pinned message, the
//! caller's permanent invite link and the box's `pts`.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, notify_settings};
use crate::telegram::state::PeerKey;

/// The full channel for readers (members, or anyone for a public channel).
pub(super) fn get_full_channel(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::GetFullChannel = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.readable_channel(me, channel_id)?;
    let channel = model.channel(channel_id)?;
    let now = model.now();
    let admin = channel.admin_rights_of(me).is_some();
    let kicked = channel.banned.values().filter(|b| b.kicked(now)).count() as i32;
    let restricted = channel.banned.values().filter(|b| b.active(now)).count() as i32 - kicked;
    let full = types::ChannelFull {
        can_view_participants: true,
        id: channel_id,
        about: String::new(),
        participants_count: Some(channel.members.len() as i32),
        admins_count: Some(channel.admins.len() as i32 + 1),
        kicked_count: admin.then_some(kicked),
        banned_count: admin.then_some(restricted),
        read_inbox_max_id: channel.read_inbox.get(&me).copied().unwrap_or(0),
        read_outbox_max_id: 0,
        unread_count: 0,
        chat_photo: enums::Photo::Empty(types::PhotoEmpty { id: 0 }),
        notify_settings: notify_settings(),
        exported_invite: model.permanent_invite(me, PeerKey::Channel(channel_id)),
        bot_info: Vec::new(),
        pinned_msg_id: model.top_pinned(me, PeerKey::Channel(channel_id)),
        pts: channel.pts,
        ..types::ChannelFull::default()
    };
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::Channel(channel_id));
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::messages::ChatFull::ChatFull(Box::new(
        types::messages::ChatFull {
            full_chat: enums::ChatFull::ChannelFull(Box::new(full)),
            chats,
            users,
        },
    )))
}
