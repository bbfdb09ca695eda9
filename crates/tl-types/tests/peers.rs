//! `CollectPeers`: every `User` and `Chat` inside a response or update is found, at any depth,
//! and decoding a value does not change what is found.

use pyro_tl_types::api::{enums, types};
use pyro_tl_types::{CollectPeers, Deserializable, Serializable};

fn user(id: i64) -> enums::User {
    types::User {
        id,
        access_hash: Some(id * 1000),
        username: Some(format!("user{id}")),
        ..Default::default()
    }
    .into()
}

fn channel(id: i64) -> enums::Chat {
    types::Channel {
        id,
        access_hash: Some(id * 10),
        title: format!("channel {id}"),
        ..Default::default()
    }
    .into()
}

fn basic_chat(id: i64) -> enums::Chat {
    types::Chat {
        id,
        title: format!("group {id}"),
        ..Default::default()
    }
    .into()
}

/// A message whose link preview's instant view embeds a channel: a `Chat` five levels down.
fn message_with_embedded_channel(channel_id: i64) -> enums::Message {
    let page = types::Page {
        blocks: vec![
            types::PageBlockChannel {
                channel: channel(channel_id),
            }
            .into(),
        ],
        ..Default::default()
    };
    let webpage = types::WebPage {
        cached_page: Some(page.into()),
        ..Default::default()
    };
    types::Message {
        id: 1,
        media: Some(
            types::MessageMediaWebPage {
                webpage: webpage.into(),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
    .into()
}

fn ids(found: &pyro_tl_types::PeerRefs<'_>) -> (Vec<i64>, Vec<i64>) {
    let users = found
        .users
        .iter()
        .map(|u| match u {
            enums::User::User(u) => u.id,
            enums::User::Empty(u) => u.id,
        })
        .collect();
    let chats = found
        .chats
        .iter()
        .map(|c| match c {
            enums::Chat::Chat(c) => c.id,
            enums::Chat::Channel(c) => c.id,
            enums::Chat::Forbidden(c) => c.id,
            enums::Chat::ChannelForbidden(c) => c.id,
            enums::Chat::Empty(c) => c.id,
            enums::Chat::Community(c) => c.id,
            enums::Chat::CommunityForbidden(c) => c.id,
        })
        .collect();
    (users, chats)
}

#[test]
fn messages_yield_their_users_and_chats() {
    let value: enums::messages::Messages = types::messages::Messages {
        messages: vec![message_with_embedded_channel(77)],
        topics: Vec::new(),
        chats: vec![basic_chat(5), channel(6)],
        users: vec![user(1), user(2)],
    }
    .into();
    let found = value.peer_refs();
    assert_eq!(ids(&found), (vec![1, 2], vec![77, 5, 6]));
    assert_eq!(found.users[0], &user(1));

    let decoded = enums::messages::Messages::from_bytes(&value.to_bytes()).expect("round trip");
    assert_eq!(ids(&decoded.peer_refs()), (vec![1, 2], vec![77, 5, 6]));
}

#[test]
fn updates_yield_nested_and_top_level_peers() {
    let update: enums::Update = types::UpdateNewMessage {
        message: message_with_embedded_channel(900),
        pts: 1,
        pts_count: 1,
    }
    .into();
    let updates: enums::Updates = types::Updates {
        updates: vec![update, enums::Update::Config],
        users: vec![user(10)],
        chats: vec![basic_chat(20)],
        date: 0,
        seq: 0,
    }
    .into();
    assert_eq!(ids(&updates.peer_refs()), (vec![10], vec![900, 20]));

    let combined: enums::Updates = types::UpdatesCombined {
        updates: Vec::new(),
        users: vec![user(3), user(4)],
        chats: vec![channel(8)],
        ..Default::default()
    }
    .into();
    assert_eq!(ids(&combined.peer_refs()), (vec![3, 4], vec![8]));
}

#[test]
fn values_without_peers_yield_nothing() {
    assert!(enums::Updates::TooLong.peer_refs().is_empty());
    let short: enums::Updates = types::UpdateShortMessage {
        user_id: 42,
        message: "hi".into(),
        ..Default::default()
    }
    .into();
    assert!(short.peer_refs().is_empty());
    assert!(vec![1i64, 2, 3].peer_refs().is_empty());
    assert!(Some(String::from("x")).peer_refs().is_empty());
}

#[test]
fn vectors_of_users_as_function_results_are_walked() {
    // users.getUsers returns Vector<User>.
    type Users =
        <pyro_tl_types::api::functions::users::GetUsers as pyro_tl_types::RemoteCall>::Return;
    let users: Users = vec![
        user(1),
        enums::User::Empty(types::UserEmpty { id: 2 }),
        user(3),
    ];
    assert_eq!(ids(&users.peer_refs()).0, vec![1, 2, 3]);
}
