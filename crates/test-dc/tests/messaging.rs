//! Private chats: sending and receiving on both sides (live updates in Telegram's forms),
//! history pagination, dialogs, search, edits, deletions, forwards, read receipts and bots.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{World, message_text, messages_of};
use pyro_test_dc::{Seed, SeedUser};
use pyro_tl_types::api::{enums, functions};

fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", "15550001", "Alice")
                .username("alice")
                .contact("bob"),
        )
        .user(
            SeedUser::person("bob", "15550002", "Bob")
                .username("bob")
                .contact("alice"),
        )
        .user(SeedUser::person("carol", "15550003", "Carol").username("carol"))
        .user(SeedUser::bot("echo", "1000:echo-token", "Echo").username("echobot"))
}

#[test]
fn messages_reach_both_sides_in_telegrams_forms() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let alice_phone = world.login("15550001", 3);
    let bob = world.login("15550002", 2);
    let to_bob = alice.resolve("bob");
    let answer = alice.send(&to_bob, "hi bob", 77).unwrap();
    let enums::Updates::UpdateShortSentMessage(sent) = answer else {
        panic!("{answer:?}")
    };
    assert!(sent.out);
    assert_eq!((sent.id, sent.pts, sent.pts_count), (1, 1, 1));
    assert!(
        alice.updates().is_empty(),
        "the sender gets the answer, not an update"
    );
    let enums::Updates::UpdateShortMessage(mirror) = common::only(alice_phone.updates()) else {
        panic!()
    };
    assert!(mirror.out);
    assert_eq!(mirror.user_id, bob.me());
    let enums::Updates::UpdateShortMessage(received) = common::only(bob.updates()) else {
        panic!()
    };
    assert!(!received.out);
    assert_eq!(
        (received.user_id, received.message.as_str(), received.pts),
        (alice.me(), "hi bob", 1)
    );
    // Bob answers; each side numbers its own box.
    bob.send(&bob.resolve("alice"), "hi alice", 78).unwrap();
    let (ids, texts, _) = alice.history(&to_bob, 0, 0, 10);
    assert_eq!(ids, vec![2, 1]);
    assert_eq!(texts, vec!["hi alice", "hi bob"]);
    let (ids, _, _) = bob.history(&bob.resolve("alice"), 0, 0, 10);
    assert_eq!(ids, vec![2, 1]);
    assert_eq!(world.telegram.user_pts(alice.me()), Some(2));
}

#[test]
fn history_pagination_follows_the_offset_rules() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let to_bob = alice.resolve("bob");
    for n in 1..=30 {
        alice.send(&to_bob, &format!("m{n}"), n).unwrap();
    }
    let to_alice = bob.resolve("alice");
    let (ids, _, count) = bob.history(&to_alice, 0, 0, 10);
    assert_eq!(ids, (21..=30).rev().collect::<Vec<_>>());
    assert_eq!(count, 30);
    let (ids, _, _) = bob.history(&to_alice, 21, 0, 10);
    assert_eq!(ids, (11..=20).rev().collect::<Vec<_>>());
    // A negative add_offset reaches newer messages, offset_id's included.
    let (ids, _, _) = bob.history(&to_alice, 21, -5, 5);
    assert_eq!(ids, (21..=25).rev().collect::<Vec<_>>());
    let (ids, _, _) = bob.history(&to_alice, 3, 0, 10);
    assert_eq!(ids, vec![2, 1]);
    let bounded = bob
        .call(&functions::messages::GetHistory {
            peer: to_alice.clone(),
            limit: 100,
            max_id: 10,
            min_id: 5,
            ..Default::default()
        })
        .unwrap();
    let (ids, _, count) = messages_of(&bounded);
    assert_eq!(ids, vec![9, 8, 7, 6]);
    assert_eq!(count, 4);
    // Everything in one page is messages.messages, not a slice.
    let all = bob
        .call(&functions::messages::GetHistory {
            peer: to_alice,
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(matches!(all, enums::messages::Messages::Messages(_)));
}

#[test]
fn dialogs_are_newest_first_and_paginate() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    for (n, name) in ["bob", "carol", "echobot"].iter().enumerate() {
        world.clock.advance(10);
        alice
            .send(&alice.resolve(name), &format!("to {name}"), n as i64)
            .unwrap();
    }
    let page = |offset_date, offset_id, offset_peer, limit| {
        let answer = alice
            .call(&functions::messages::GetDialogs {
                offset_date,
                offset_id,
                offset_peer,
                limit,
                ..Default::default()
            })
            .unwrap();
        match answer {
            enums::messages::Dialogs::Dialogs(d) => {
                let count = d.dialogs_len_as_count();
                (d.dialogs, d.messages, d.users, count)
            }
            enums::messages::Dialogs::Slice(d) => (d.dialogs, d.messages, d.users, d.count),
            enums::messages::Dialogs::NotModified(_) => panic!(),
        }
    };
    let (dialogs, messages, users, count) = page(0, 0, enums::InputPeer::Empty, 2);
    assert_eq!(count, 3);
    assert_eq!(dialogs.len(), 2);
    assert_eq!(message_text(&messages[0]), "to echobot");
    assert_eq!(message_text(&messages[1]), "to carol");
    assert!(users.len() >= 2);
    let last = &messages[1];
    let enums::Message::Message(last) = last else {
        panic!()
    };
    let (rest, messages, _, _) = page(last.date, last.id, alice.resolve("carol"), 2);
    assert_eq!(rest.len(), 1);
    assert_eq!(message_text(&messages[0]), "to bob");
}

trait DialogsCount {
    fn dialogs_len_as_count(&self) -> i32;
}

impl DialogsCount for pyro_tl_types::api::types::messages::Dialogs {
    fn dialogs_len_as_count(&self) -> i32 {
        self.dialogs.len() as i32
    }
}

#[test]
fn search_matches_text_and_sender() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let to_bob = alice.resolve("bob");
    // One random_id per send: a repeated one is refused (RANDOM_ID_DUPLICATE).
    for (random_id, text) in (1..).zip(["Apple pie", "banana", "apple juice", "cherry"]) {
        alice.send(&to_bob, text, random_id).unwrap();
    }
    bob.send(&bob.resolve("alice"), "APPLE from bob", 2)
        .unwrap();
    let search = |q: &str, from_id| {
        let answer = alice
            .call(&functions::messages::Search {
                peer: to_bob.clone(),
                q: q.into(),
                from_id,
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        messages_of(&answer).1
    };
    assert_eq!(
        search("apple", None),
        vec!["APPLE from bob", "apple juice", "Apple pie"]
    );
    assert_eq!(
        search("apple", Some(enums::InputPeer::InputPeerSelf)),
        vec!["apple juice", "Apple pie"]
    );
    assert_eq!(search("durian", None), Vec::<String>::new());
}

#[test]
fn edits_deletions_and_forwards() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 4);
    let to_bob = alice.resolve("bob");
    alice.send(&to_bob, "typo", 1).unwrap();
    alice.send(&to_bob, "second", 2).unwrap();
    bob.updates();
    let edit = functions::messages::EditMessage {
        peer: to_bob.clone(),
        id: 1,
        message: Some("fixed".into()),
        ..Default::default()
    };
    alice.call(&edit).unwrap();
    assert_eq!(
        alice.call(&edit).unwrap_err().message,
        "MESSAGE_NOT_MODIFIED"
    );
    let enums::Updates::Updates(live) = common::only(bob.updates()) else {
        panic!()
    };
    let enums::Update::EditMessage(edited) = common::only(live.updates) else {
        panic!()
    };
    assert_eq!(message_text(&edited.message), "fixed");
    // Bob cannot edit Alice's message.
    let bobs = functions::messages::EditMessage {
        peer: bob.resolve("alice"),
        id: 1,
        message: Some("x".into()),
        ..Default::default()
    };
    assert_eq!(
        bob.call(&bobs).unwrap_err().message,
        "MESSAGE_AUTHOR_REQUIRED"
    );
    // Forward both to Carol.
    let forward = functions::messages::ForwardMessages {
        from_peer: to_bob.clone(),
        id: vec![1, 2],
        random_id: vec![10, 11],
        to_peer: alice.resolve("carol"),
        ..Default::default()
    };
    alice.call(&forward).unwrap();
    let (_, texts, _) = carol.history(&carol.resolve("alice"), 0, 0, 10);
    assert_eq!(texts, vec!["second", "fixed"]);
    // Delete for both sides.
    let delete = functions::messages::DeleteMessages {
        revoke: true,
        id: vec![1],
    };
    let enums::messages::AffectedMessages::AffectedMessages(affected) =
        alice.call(&delete).unwrap();
    assert_eq!(affected.pts_count, 1);
    assert_eq!(alice.history(&to_bob, 0, 0, 10).1, vec!["second"]);
    assert_eq!(
        bob.history(&bob.resolve("alice"), 0, 0, 10).1,
        vec!["second"]
    );
}

#[test]
fn read_receipts_reach_the_sender() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    for n in 0..3 {
        alice.send(&alice.resolve("bob"), "unread", n).unwrap();
    }
    assert_eq!(bob.state().unread_count, 3);
    let read = functions::messages::ReadHistory {
        peer: bob.resolve("alice"),
        max_id: 2,
    };
    let enums::messages::AffectedMessages::AffectedMessages(affected) = bob.call(&read).unwrap();
    assert_eq!(affected.pts_count, 1);
    assert_eq!(bob.state().unread_count, 1);
    let outbox = alice.updates();
    let [.., enums::Updates::UpdateShort(short)] = outbox.as_slice() else {
        panic!()
    };
    let enums::Update::ReadHistoryOutbox(read) = &short.update else {
        panic!("{short:?}")
    };
    assert_eq!(read.max_id, 2);
}

#[test]
fn bots_talk_to_people() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bot = world.bot("1000:echo-token", 9);
    alice.send(&alice.resolve("echobot"), "/start", 1).unwrap();
    let enums::Updates::UpdateShortMessage(got) = common::only(bot.updates()) else {
        panic!()
    };
    assert_eq!(got.message, "/start");
    let users = bot
        .call(&functions::users::GetUsers {
            id: vec![enums::InputUser::InputUserSelf],
        })
        .unwrap();
    assert_eq!(common::user_id(&users[0]), bot.me());
    let alice_peer = bot.resolve("alice");
    bot.send(&alice_peer, "echo: /start", 2).unwrap();
    assert_eq!(
        alice.history(&alice.resolve("echobot"), 0, 0, 1).1,
        vec!["echo: /start"]
    );
}
