//! Bound methods end to end against the test DC: reply, edit, forward and delete on messages
//! read back from the server, and the errors of unbound objects and unknown chats.
//!
//! Not covered here: `Message::react` (`messages.sendReaction`) and `CallbackQuery::answer`
//! (`messages.setBotCallbackAnswer`), which the test DC does not model yet.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod client_support;

use client_support::{ALICE_PHONE, builder};
use pyro_client::types::ChatKind;
use pyro_client::types::{Chat, Message, PeerId, PeerMap};
use pyro_client::{Client, Error};
use pyro_test_dc::{Seed, SeedChannel, SeedUser, TestDc};
use pyro_tl_types::api::{enums, functions};

/// A test DC with Alice, Bob (who has a username) and Alice's public supergroup with Bob in it.
async fn start() -> TestDc {
    let seed = Seed::new()
        .user(SeedUser::person("alice", ALICE_PHONE, "Alice").login_code("12345"))
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .channel(
            SeedChannel::supergroup("rust", "Rustaceans", "alice")
                .member("bob")
                .username("rustaceans"),
        );
    TestDc::builder().seed(seed).dcs(1).start().await.unwrap()
}

/// Logs the client in as the seed's Alice with the code the test DC issued.
async fn login_alice(client: &Client, dc: &TestDc) {
    let token = client.request_login_code(ALICE_PHONE).await.unwrap();
    let code = dc.telegram().last_login_code(ALICE_PHONE).unwrap();
    let signed = client.sign_in(&token, &code).await.unwrap();
    assert!(
        matches!(signed, pyro_client::auth::SignIn::Done(_)),
        "not signed in: {signed:?}"
    );
}

/// Bob's private chat, resolved by username (with his access hash).
async fn bob(client: &Client) -> Chat {
    resolve(client, "bob").await
}

/// A chat resolved by username.
async fn resolve(client: &Client, username: &str) -> Chat {
    let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = client
        .invoke(&functions::contacts::ResolveUsername {
            username: username.into(),
            referer: None,
        })
        .await
        .unwrap();
    let peers = PeerMap::from_raw(&resolved.users, &resolved.chats);
    peers.chat(PeerId::from_raw(&resolved.peer))
}

/// The latest messages of a chat, newest first, bound to the client.
async fn history(client: &Client, chat: &Chat) -> Vec<Message> {
    let answer = client
        .invoke(&functions::messages::GetHistory {
            peer: chat.input_peer().unwrap(),
            limit: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    let (messages, users, chats) = match answer {
        enums::messages::Messages::Messages(m) => (m.messages, m.users, m.chats),
        enums::messages::Messages::Slice(m) => (m.messages, m.users, m.chats),
        enums::messages::Messages::ChannelMessages(m) => (m.messages, m.users, m.chats),
        enums::messages::Messages::NotModified(_) => panic!("not modified"),
    };
    let peers = PeerMap::from_raw(&users, &chats).with_client(client.clone());
    messages
        .into_iter()
        .filter_map(|m| Message::from_raw(m, &peers))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reply_edit_forward_delete() {
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    login_alice(&client, &dc).await;
    let me = client.store().user().unwrap().expect("logged in").id;
    let bob = bob(&client).await;
    assert_eq!(bob.title(), "Bob");

    client
        .invoke(&functions::messages::SendMessage {
            peer: bob.input_peer().unwrap(),
            message: "hello bob".into(),
            random_id: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    let original = history(&client, &bob).await.remove(0);
    assert_eq!(original.text(), "hello bob");
    assert!(original.is_outgoing());
    assert_eq!(original.chat().id(), bob.id());

    // Reply: the sent message comes back bound, in Bob's chat, replying to the original.
    let reply = original
        .reply("a reply")
        .await
        .unwrap()
        .expect("sent message");
    assert_eq!(reply.text(), "a reply");
    assert_eq!(reply.chat().id(), bob.id());
    assert_eq!(reply.reply_to_message_id(), Some(original.id()));
    assert_eq!(reply.sender_user_id(), Some(me));
    assert!(reply.client().is_some());
    let latest = history(&client, &bob).await;
    assert_eq!(latest[0].id(), reply.id());
    assert_eq!(latest[0].text(), "a reply");

    // Edit through the returned message; the server's copy changes too.
    let edited = reply
        .edit("an edited reply")
        .await
        .unwrap()
        .expect("edited");
    assert_eq!(
        (edited.id(), edited.text()),
        (reply.id(), "an edited reply")
    );
    assert!(edited.edit_date().is_some());
    assert_eq!(history(&client, &bob).await[0].text(), "an edited reply");

    // Forward to Saved Messages (our own chat).
    let saved = Chat::from_user(
        PeerMap::from_raw(
            &client
                .invoke(&functions::users::GetUsers {
                    id: vec![enums::InputUser::InputUserSelf],
                })
                .await
                .unwrap(),
            &[],
        )
        .user(me),
    );
    let copy = edited.forward_to(&saved).await.unwrap().expect("forwarded");
    assert!(copy.is_forwarded());
    assert_eq!(copy.text(), "an edited reply");
    assert_eq!(copy.chat().id(), PeerId::User(me));
    assert_eq!(history(&client, &saved).await[0].id(), copy.id());

    // Delete the reply for everyone: one message goes, the original stays.
    assert_eq!(edited.delete(true).await.unwrap(), 1);
    let left: Vec<i32> = history(&client, &bob)
        .await
        .iter()
        .map(Message::id)
        .collect();
    assert_eq!(left, [original.id()]);
    // Deleting it again deletes nothing.
    assert_eq!(edited.delete(true).await.unwrap(), 0);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_supergroup() {
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    login_alice(&client, &dc).await;
    let group = resolve(&client, "rustaceans").await;
    assert_eq!(group.kind(), ChatKind::Supergroup);
    assert_eq!(group.title(), "Rustaceans");

    client
        .invoke(&functions::messages::SendMessage {
            peer: group.input_peer().unwrap(),
            message: "hello group".into(),
            random_id: 2,
            ..Default::default()
        })
        .await
        .unwrap();
    let original = history(&client, &group).await.remove(0);
    assert_eq!(
        (original.text(), original.chat().kind()),
        ("hello group", ChatKind::Supergroup)
    );

    let reply = original.reply("group reply").await.unwrap().expect("sent");
    assert_eq!(reply.chat().id(), group.id());
    assert_eq!(reply.text(), "group reply");
    let edited = reply.edit("group edit").await.unwrap().expect("edited");
    assert_eq!(edited.text(), "group edit");

    // channels.deleteMessages: always for everyone.
    assert_eq!(edited.delete(false).await.unwrap(), 1);
    let left: Vec<i32> = history(&client, &group)
        .await
        .iter()
        .map(Message::id)
        .collect();
    assert!(left.contains(&original.id()) && !left.contains(&edited.id()));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unbound_and_unaddressable() {
    let raw = enums::Message::Message(Box::new(pyro_tl_types::api::types::Message {
        id: 1,
        peer_id: PeerId::Channel(404).to_raw(),
        message: "x".into(),
        ..Default::default()
    }));
    // Unbound: a caller error, nothing sent.
    let unbound = Message::from_raw(raw.clone(), &PeerMap::new()).unwrap();
    assert!(matches!(unbound.reply("r").await, Err(Error::Config(_))));
    assert!(matches!(unbound.delete(true).await, Err(Error::Config(_))));

    // Bound, but the channel is neither in the message's peers nor in the session's cache.
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    let bound = Message::from_raw(raw, &PeerMap::new().with_client(client.clone())).unwrap();
    assert!(matches!(bound.reply("r").await, Err(Error::PeerIdInvalid)));
    assert!(matches!(bound.edit("e").await, Err(Error::PeerIdInvalid)));
    dc.shutdown().await;
}
