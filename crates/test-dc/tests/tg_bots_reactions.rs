//! Reactions and online status at the raw TL level: `messages.sendReaction` with its limits,
//! `updateMessageReactions` to the others, reactions rendered on messages,
//! `messages.getMessagesReactions`; `account.updateStatus` reaching contacts as
//! `updateUserStatus` and carried by `User` objects.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod common;

use bots_support::{BOT_TOKEN, live, new_message, seed, updates_of};
use common::{Client, START, World, only};
use pyro_tl_types::api::{enums, functions, types};

fn react(
    client: &Client,
    chat: &str,
    msg_id: i32,
    emoji: &[&str],
) -> Result<enums::Updates, pyro_test_dc::RpcError> {
    client.call(&functions::messages::SendReaction {
        peer: client.resolve(chat),
        msg_id,
        reaction: Some(
            emoji
                .iter()
                .map(|e| {
                    enums::Reaction::Emoji(types::ReactionEmoji {
                        emoticon: (*e).into(),
                    })
                })
                .collect(),
        ),
        ..Default::default()
    })
}

/// (emoticon, count, chosen by the viewer) of a `messageReactions`.
fn counts(reactions: &enums::MessageReactions) -> Vec<(String, i32, bool)> {
    let enums::MessageReactions::MessageReactions(r) = reactions;
    r.results
        .iter()
        .map(|enums::ReactionCount::ReactionCount(c)| {
            let enums::Reaction::Emoji(e) = &c.reaction else {
                panic!()
            };
            (e.emoticon.clone(), c.count, c.chosen_order.is_some())
        })
        .collect()
}

fn reactions_update(updates: Vec<enums::Update>) -> types::UpdateMessageReactions {
    match only(updates) {
        enums::Update::MessageReactions(u) => *u,
        other => panic!("{other:?}"),
    }
}

fn owned(list: &[(&str, i32, bool)]) -> Vec<(String, i32, bool)> {
    list.iter()
        .map(|(e, n, c)| ((*e).to_owned(), *n, *c))
        .collect()
}

#[test]
fn a_reaction_in_a_private_chat_reaches_the_other_side() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    alice.send(&alice.resolve("bob"), "hi", 1).unwrap();
    bob.updates();
    // Message 1 in both boxes (each side's first message).
    let reply = react(&bob, "alice", 1, &["👍"]).unwrap();
    let mine = reactions_update(updates_of(reply));
    assert_eq!(counts(&mine.reactions), owned(&[("👍", 1, true)]));
    let theirs = reactions_update(live(&alice));
    assert_eq!(theirs.msg_id, 1);
    assert_eq!(
        theirs.peer,
        enums::Peer::User(types::PeerUser { user_id: bob.me() })
    );
    assert_eq!(counts(&theirs.reactions), owned(&[("👍", 1, false)]));

    react(&alice, "bob", 1, &["🔥"]).unwrap();
    let history = alice.call(&functions::messages::GetMessages {
        id: vec![enums::InputMessage::Id(types::InputMessageId { id: 1 })],
    });
    let enums::messages::Messages::Messages(history) = history.unwrap() else {
        panic!()
    };
    let enums::Message::Message(message) = &history.messages[0] else {
        panic!()
    };
    let rendered = message.reactions.as_ref().expect("reactions rendered");
    assert_eq!(counts(rendered).len(), 2);
    assert!(counts(rendered).contains(&("🔥".to_owned(), 1, true)));
    assert!(counts(rendered).contains(&("👍".to_owned(), 1, false)));

    // Changing one's reaction replaces it; an empty list clears it.
    react(&bob, "alice", 1, &["🔥"]).unwrap();
    let after = reactions_update(live(&alice));
    assert_eq!(counts(&after.reactions), owned(&[("🔥", 2, true)]));
    let cleared = reactions_update(updates_of(react(&bob, "alice", 1, &[]).unwrap()));
    assert_eq!(counts(&cleared.reactions), owned(&[("🔥", 1, false)]));

    let asked = alice
        .call(&functions::messages::GetMessagesReactions {
            peer: alice.resolve("bob"),
            id: vec![1, 99],
        })
        .unwrap();
    let update = reactions_update(updates_of(asked));
    assert_eq!(
        (update.msg_id, counts(&update.reactions)),
        (1, owned(&[("🔥", 1, true)]))
    );
}

#[test]
fn reactions_in_a_supergroup_reach_every_member() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let bot = world.bot(BOT_TOKEN, 10);
    let sent = alice.send(&alice.resolve("club"), "poll", 1).unwrap();
    let msg_id = new_message(&updates_of(sent)).id;
    bob.updates();
    bot.updates();
    react(&bob, "club", msg_id, &["❤"]).unwrap();
    for other in [&alice, &bot] {
        let update = reactions_update(live(other));
        assert_eq!(update.msg_id, msg_id);
        assert_eq!(counts(&update.reactions), owned(&[("❤", 1, false)]));
    }
}

#[test]
fn reactions_are_checked() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let carol = world.login("15550003", 3);
    alice.send(&alice.resolve("bob"), "hi", 1).unwrap();
    let refused = |emoji: &[&str], msg_id| react(&alice, "bob", msg_id, emoji).unwrap_err().message;
    assert_eq!(refused(&["🦖"], 1), "REACTION_INVALID");
    assert_eq!(refused(&["👍", "🔥"], 1), "REACTIONS_TOO_MANY");
    assert_eq!(refused(&["👍"], 7), "MESSAGE_ID_INVALID");
    let custom = alice.call(&functions::messages::SendReaction {
        peer: alice.resolve("bob"),
        msg_id: 1,
        reaction: Some(vec![enums::Reaction::CustomEmoji(
            types::ReactionCustomEmoji { document_id: 5 },
        )]),
        ..Default::default()
    });
    assert_eq!(custom.unwrap_err().message, "REACTION_INVALID");
    let outsider = react(&carol, "club", 1, &["👍"]).unwrap_err();
    assert_eq!(outsider.message, "CHANNEL_PRIVATE");
}

#[test]
fn status_reaches_contacts_and_is_carried_by_users() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 3);
    let bot = world.bot(BOT_TOKEN, 10);
    assert!(
        alice
            .call(&functions::account::UpdateStatus { offline: false })
            .unwrap()
    );
    let enums::Update::UserStatus(update) = only(live(&bob)) else {
        panic!()
    };
    assert_eq!(update.user_id, alice.me());
    let online = enums::UserStatus::Online(types::UserStatusOnline {
        expires: START + 300,
    });
    assert_eq!(update.status, online);
    assert!(live(&carol).is_empty(), "not Carol's contact");

    let status_seen_by = |client: &Client| {
        let enums::InputPeer::User(peer) = client.resolve("alice") else {
            panic!()
        };
        let users = client
            .call(&functions::users::GetUsers {
                id: vec![enums::InputUser::InputUser(types::InputUser {
                    user_id: peer.user_id,
                    access_hash: peer.access_hash,
                })],
            })
            .unwrap();
        let enums::User::User(user) = &users[0] else {
            panic!()
        };
        user.status.clone()
    };
    assert_eq!(status_seen_by(&carol), Some(online));
    world.clock.advance(301);
    let lapsed = enums::UserStatus::Offline(types::UserStatusOffline {
        was_online: START + 300,
    });
    assert_eq!(
        status_seen_by(&carol),
        Some(lapsed),
        "online lapses at its expiry"
    );

    alice
        .call(&functions::account::UpdateStatus { offline: true })
        .unwrap();
    let enums::Update::UserStatus(update) = only(live(&bob)) else {
        panic!()
    };
    let offline = enums::UserStatus::Offline(types::UserStatusOffline {
        was_online: START + 301,
    });
    assert_eq!(update.status, offline);

    let by_bot = bot.call(&functions::account::UpdateStatus { offline: false });
    assert_eq!(by_bot.unwrap_err().message, "BOT_METHOD_INVALID");
}
