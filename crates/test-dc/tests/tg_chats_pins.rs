//! Pinning at the TL level: private chats (both sides, or one with `pm_oneside`), channels
//! (rights enforced), the `messageActionPinMessage` service message, the pinned-messages
//! updates and `messages.unpinAllMessages`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod tg_chats_support;

use common::{World, input_channel, message_id};
use pyro_tl_types::api::{enums, functions};
use tg_chats_support::{
    actions, admin_rights, create_channel, edit_admin, error, first_message_id, invite, list,
    new_messages, pushed, seed,
};

fn pin(
    client: &common::Client,
    peer: &enums::InputPeer,
    id: i32,
    unpin: bool,
    pm_oneside: bool,
) -> Result<enums::Updates, pyro_test_dc::RpcError> {
    client.call(&functions::messages::UpdatePinnedMessage {
        silent: false,
        unpin,
        pm_oneside,
        peer: peer.clone(),
        id,
    })
}

fn unpin_all(client: &common::Client, peer: &enums::InputPeer) -> (i32, i32) {
    let enums::messages::AffectedHistory::AffectedHistory(affected) = client
        .call(&functions::messages::UnpinAllMessages {
            peer: peer.clone(),
            ..Default::default()
        })
        .unwrap();
    (affected.pts, affected.pts_count)
}

/// (pinned, ids) of the pinned-messages updates among `updates`.
fn pin_events(updates: &[enums::Update]) -> Vec<(bool, Vec<i32>)> {
    updates
        .iter()
        .filter_map(|u| match u {
            enums::Update::PinnedMessages(p) => Some((p.pinned, p.messages.clone())),
            enums::Update::PinnedChannelMessages(p) => Some((p.pinned, p.messages.clone())),
            _ => None,
        })
        .collect()
}

fn is_pinned(message: &enums::Message) -> bool {
    matches!(message, enums::Message::Message(m) if m.pinned)
}

/// The reply target of a service message.
fn reply_to(message: &enums::Message) -> Option<i32> {
    match message {
        enums::Message::Service(m) => match &m.reply_to {
            Some(enums::MessageReplyHeader::MessageReplyHeader(h)) => h.reply_to_msg_id,
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn private_pins_reach_both_sides_unless_one_sided() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let to_bob = alice.resolve("bob");
    let to_alice = bob.resolve("alice");
    alice.send(&to_bob, "first", 1).unwrap();
    alice.send(&to_bob, "second", 2).unwrap();
    bob.updates();
    let (ids, _, _) = alice.history(&to_bob, 0, 0, 10);
    let (theirs, _, _) = bob.history(&to_alice, 0, 0, 10);

    let answer = list(pin(&alice, &to_bob, ids[1], false, false).unwrap());
    assert_eq!(pin_events(&answer), [(true, vec![ids[1]])]);
    let service = new_messages(&answer);
    assert!(matches!(
        actions(&answer).as_slice(),
        [enums::MessageAction::PinMessage]
    ));
    assert_eq!(reply_to(&service[0]), Some(ids[1]));

    // Bob's copy is pinned too, under his own id, with his own service message.
    let live = pushed(&bob);
    assert_eq!(pin_events(&live), [(true, vec![theirs[1]])]);
    assert_eq!(reply_to(&new_messages(&live)[0]), Some(theirs[1]));
    let got = bob.call(&functions::messages::GetHistory {
        peer: to_alice.clone(),
        limit: 10,
        ..Default::default()
    });
    let pinned: Vec<i32> = match got.unwrap() {
        enums::messages::Messages::Messages(m) => m.messages,
        other => panic!("{other:?}"),
    }
    .iter()
    .filter(|m| is_pinned(m))
    .map(message_id)
    .collect();
    assert_eq!(pinned, [theirs[1]]);

    // One-sided: only Alice's box changes, and no service message.
    let answer = list(pin(&alice, &to_bob, ids[0], false, true).unwrap());
    assert_eq!(pin_events(&answer), [(true, vec![ids[0]])]);
    assert!(new_messages(&answer).is_empty());
    assert!(pushed(&bob).is_empty());

    // Unpinning one, then all (both sides).
    let answer = list(pin(&alice, &to_bob, ids[0], true, false).unwrap());
    assert_eq!(pin_events(&answer), [(false, vec![ids[0]])]);
    let before = alice.state().pts;
    assert_eq!(unpin_all(&alice, &to_bob), (before + 1, 1));
    assert_eq!(pin_events(&pushed(&bob)), [(false, vec![theirs[1]])]);
    assert_eq!(unpin_all(&alice, &to_bob), (before + 1, 0), "nothing left");

    assert_eq!(
        error(pin(&alice, &to_bob, 9_999, false, false)),
        "MESSAGE_ID_INVALID"
    );
    let service_id = message_id(&service[0]);
    assert_eq!(
        error(pin(&alice, &to_bob, service_id, false, false)),
        "MESSAGE_ID_INVALID"
    );
}

#[test]
fn channel_pins_take_the_right_and_reach_every_member() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let group = create_channel(&alice, "Club", false);
    invite(&alice, &group, &["bob"]);
    let posted = list(bob.send(&group, "pin me", 1).unwrap());
    let id = first_message_id(&posted);
    alice.updates();

    assert_eq!(
        error(pin(&bob, &group, id, false, false)),
        "CHAT_ADMIN_REQUIRED"
    );
    edit_admin(
        &alice,
        &group,
        "bob",
        admin_rights(|r| r.pin_messages = true),
    )
    .unwrap();
    alice.updates();
    let answer = list(pin(&bob, &group, id, false, true).unwrap());
    assert_eq!(pin_events(&answer), [(true, vec![id])]);
    assert_eq!(reply_to(&new_messages(&answer)[0]), Some(id));
    let live = pushed(&alice);
    assert_eq!(pin_events(&live), [(true, vec![id])]);
    assert!(matches!(
        actions(&live).as_slice(),
        [enums::MessageAction::PinMessage]
    ));

    let full = alice
        .call(&functions::channels::GetFullChannel {
            channel: input_channel(&group),
        })
        .unwrap();
    let enums::messages::ChatFull::ChatFull(full) = full;
    let enums::ChatFull::ChannelFull(full) = full.full_chat else {
        panic!()
    };
    assert_eq!(full.pinned_msg_id, Some(id));
    assert_eq!(
        error(pin(&bob, &group, 9_999, false, false)),
        "MESSAGE_ID_INVALID"
    );

    let pts = world.telegram.channel_pts(full.id).unwrap();
    assert_eq!(unpin_all(&bob, &group), (pts + 1, 1));
    assert_eq!(pin_events(&pushed(&alice)), [(false, vec![id])]);
    let full = alice
        .call(&functions::channels::GetFullChannel {
            channel: input_channel(&group),
        })
        .unwrap();
    let enums::messages::ChatFull::ChatFull(full) = full;
    let enums::ChatFull::ChannelFull(full) = full.full_chat else {
        panic!()
    };
    assert_eq!(full.pinned_msg_id, None);

    // In a broadcast channel, pinning takes edit_messages.
    let news = create_channel(&alice, "News", true);
    invite(&alice, &news, &["bob"]);
    let post = first_message_id(&list(alice.send(&news, "post", 3).unwrap()));
    edit_admin(
        &alice,
        &news,
        "bob",
        admin_rights(|r| r.pin_messages = true),
    )
    .unwrap();
    assert_eq!(
        error(pin(&bob, &news, post, false, false)),
        "CHAT_ADMIN_REQUIRED"
    );
    pin(&alice, &news, post, false, false).unwrap();
}
