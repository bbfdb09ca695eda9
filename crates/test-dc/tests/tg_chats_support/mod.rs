//! Helpers of the group administration tests: a seed with three people and a bot, groups
//! made through the API, and the updates a client was pushed, flattened.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::missing_panics_doc,
    clippy::unwrap_used,
    clippy::expect_used
)]

use pyro_test_dc::{RpcError, Seed, SeedUser};
use pyro_tl_types::api::{enums, functions, types};

use crate::common::{Client, input_channel, input_channel_peer};

/// Alice, Bob and Carol (all with usernames) and the bot `@helper`.
pub fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").username("alice"))
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .user(SeedUser::person("carol", "15550003", "Carol").username("carol"))
        .user(SeedUser::bot("helper", "42:TOKEN", "Helper").username("helper"))
}

/// The bot's token.
pub const BOT_TOKEN: &str = "42:TOKEN";

/// The error name of a failed call.
pub fn error<T: std::fmt::Debug>(result: Result<T, RpcError>) -> String {
    result.expect_err("the call should fail").message
}

/// The `InputUser` of an `inputPeerUser`.
pub fn input_user(peer: &enums::InputPeer) -> enums::InputUser {
    match peer {
        enums::InputPeer::User(u) => enums::InputUser::InputUser(types::InputUser {
            user_id: u.user_id,
            access_hash: u.access_hash,
        }),
        other => panic!("not a user: {other:?}"),
    }
}

/// The updates of an `Updates` object.
pub fn list(updates: enums::Updates) -> Vec<enums::Update> {
    match updates {
        enums::Updates::Updates(u) => u.updates,
        enums::Updates::Combined(u) => u.updates,
        enums::Updates::UpdateShort(u) => vec![u.update],
        other => panic!("unexpected {other:?}"),
    }
}

/// Every update pushed to `client` since the last call, in order.
pub fn pushed(client: &Client) -> Vec<enums::Update> {
    client.updates().into_iter().flat_map(list).collect()
}

/// The messages of `updateNewMessage` / `updateNewChannelMessage` among `updates`.
pub fn new_messages(updates: &[enums::Update]) -> Vec<enums::Message> {
    updates
        .iter()
        .filter_map(|u| match u {
            enums::Update::NewMessage(m) => Some(m.message.clone()),
            enums::Update::NewChannelMessage(m) => Some(m.message.clone()),
            _ => None,
        })
        .collect()
}

/// The action of a service message.
pub fn action(message: &enums::Message) -> Option<enums::MessageAction> {
    match message {
        enums::Message::Service(m) => Some(m.action.clone()),
        _ => None,
    }
}

/// The actions of the service messages among `updates`.
pub fn actions(updates: &[enums::Update]) -> Vec<enums::MessageAction> {
    new_messages(updates).iter().filter_map(action).collect()
}

/// Creates a supergroup (or a broadcast channel) as `owner`; its input peer.
pub fn create_channel(owner: &Client, title: &str, broadcast: bool) -> enums::InputPeer {
    let created = owner
        .call(&functions::channels::CreateChannel {
            broadcast,
            megagroup: !broadcast,
            title: title.into(),
            ..Default::default()
        })
        .unwrap();
    let enums::Updates::Updates(created) = created else {
        panic!("{created:?}")
    };
    input_channel_peer(&created.chats[0])
}

/// Invites `users` (by username) into a channel.
pub fn invite(owner: &Client, channel: &enums::InputPeer, users: &[&str]) {
    let users = users
        .iter()
        .map(|name| input_user(&owner.resolve(name)))
        .collect();
    owner
        .call(&functions::channels::InviteToChannel {
            channel: input_channel(channel),
            users,
        })
        .unwrap();
}

/// Admin rights with the given switches on.
pub fn admin_rights(set: impl Fn(&mut types::ChatAdminRights)) -> enums::ChatAdminRights {
    let mut rights = types::ChatAdminRights::default();
    set(&mut rights);
    enums::ChatAdminRights::ChatAdminRights(rights)
}

/// Banned rights with the given switches on, until `until_date` (0: forever).
pub fn banned_rights(
    until_date: i32,
    set: impl Fn(&mut types::ChatBannedRights),
) -> enums::ChatBannedRights {
    let mut rights = types::ChatBannedRights {
        until_date,
        ..Default::default()
    };
    set(&mut rights);
    enums::ChatBannedRights::ChatBannedRights(rights)
}

/// `channels.editBanned` of `user` (by username).
pub fn edit_banned(
    actor: &Client,
    channel: &enums::InputPeer,
    user: &str,
    rights: enums::ChatBannedRights,
) -> Result<enums::Updates, RpcError> {
    actor.call(&functions::channels::EditBanned {
        channel: input_channel(channel),
        participant: actor.resolve(user),
        banned_rights: rights,
    })
}

/// `channels.editAdmin` of `user` (by username).
pub fn edit_admin(
    actor: &Client,
    channel: &enums::InputPeer,
    user: &str,
    rights: enums::ChatAdminRights,
) -> Result<enums::Updates, RpcError> {
    actor.call(&functions::channels::EditAdmin {
        channel: input_channel(channel),
        user_id: input_user(&actor.resolve(user)),
        admin_rights: rights,
        rank: Some("mod".into()),
    })
}

/// The id of the first message among an answer's updates.
pub fn first_message_id(updates: &[enums::Update]) -> i32 {
    crate::common::message_id(new_messages(updates).first().expect("a new message"))
}
