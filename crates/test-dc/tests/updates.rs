//! The update boxes: pts bookkeeping per account and per channel, `getDifference` returning
//! exactly what a client missed (also when live updates were dropped), slices, "too long", and
//! which sessions receive live updates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicI64, Ordering};

use common::{Client, World, input_channel, message_text};
use pyro_test_dc::{Faults, Limits, Seed, SeedChannel, SeedUser};
use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions};

fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").username("alice"))
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .channel(
            SeedChannel::supergroup("club", "Club", "alice")
                .username("club")
                .member("bob"),
        )
}

fn texts_of(difference: &enums::updates::Difference) -> (Vec<String>, i32) {
    match difference {
        enums::updates::Difference::Difference(d) => {
            let enums::updates::State::State(state) = &d.state;
            (d.new_messages.iter().map(message_text).collect(), state.pts)
        }
        enums::updates::Difference::Slice(d) => {
            let enums::updates::State::State(state) = &d.intermediate_state;
            (d.new_messages.iter().map(message_text).collect(), state.pts)
        }
        other => panic!("{other:?}"),
    }
}

/// The next `random_id` of [`send_numbered`]: each send needs its own (a repeated one is
/// refused as `RANDOM_ID_DUPLICATE`), also across calls.
static NEXT_RANDOM_ID: AtomicI64 = AtomicI64::new(1);

fn send_numbered(alice: &Client, count: i32) {
    let to_bob = alice.resolve("bob");
    for n in 1..=count {
        let random_id = NEXT_RANDOM_ID.fetch_add(1, Ordering::Relaxed);
        alice.send(&to_bob, &format!("m{n}"), random_id).unwrap();
    }
}

#[test]
fn every_event_moves_pts_by_its_count() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    assert_eq!(bob.state().pts, 0);
    send_numbered(&alice, 3);
    assert_eq!(bob.state().pts, 3);
    let edit = functions::messages::EditMessage {
        peer: alice.resolve("bob"),
        id: 1,
        message: Some("m1!".into()),
        ..Default::default()
    };
    alice.call(&edit).unwrap();
    assert_eq!(bob.state().pts, 4);
    alice
        .call(&functions::messages::DeleteMessages {
            revoke: true,
            id: vec![2, 3],
        })
        .unwrap();
    assert_eq!(
        bob.state().pts,
        6,
        "deleting 2 messages is one event of pts_count 2"
    );
    let enums::updates::Difference::Difference(difference) = bob.difference(4) else {
        panic!()
    };
    let [enums::Update::DeleteMessages(deleted)] = difference.other_updates.as_slice() else {
        panic!()
    };
    assert_eq!(
        (deleted.pts, deleted.pts_count, deleted.messages.len()),
        (6, 2, 2)
    );
}

#[test]
fn difference_returns_exactly_what_was_missed() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    send_numbered(&alice, 2);
    let before = bob.state().pts;
    send_numbered(&alice, 5);
    let (texts, pts) = texts_of(&bob.difference(before));
    assert_eq!(texts, ["m1", "m2", "m3", "m4", "m5"]);
    assert_eq!(pts, before + 5);
    assert!(matches!(
        bob.difference(pts),
        enums::updates::Difference::Empty(_)
    ));
}

#[test]
fn dropped_live_updates_are_recovered_by_get_difference() {
    let world = World::new(&seed());
    world.telegram.set_faults(Faults {
        drop_updates: 0.5,
        ..Faults::default()
    });
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    send_numbered(&alice, 40);
    let live: Vec<(i32, String)> = bob
        .updates()
        .into_iter()
        .map(|u| match u {
            enums::Updates::UpdateShortMessage(m) => (m.pts, m.message),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(
        live.len() > 5 && live.len() < 35,
        "about half dropped: {}",
        live.len()
    );
    // The client applies updates while pts is contiguous, then fills the first gap.
    let mut pts = 0;
    let mut seen = Vec::new();
    for (update_pts, text) in &live {
        if *update_pts != pts + 1 {
            break;
        }
        pts = *update_pts;
        seen.push(text.clone());
    }
    loop {
        match bob.difference(pts) {
            enums::updates::Difference::Empty(_) => break,
            difference => {
                let (texts, new_pts) = texts_of(&difference);
                seen.extend(texts);
                pts = new_pts;
            }
        }
    }
    let expected: Vec<String> = (1..=40).map(|n| format!("m{n}")).collect();
    assert_eq!(seen, expected);
}

#[test]
fn long_differences_are_sliced_or_too_long() {
    let world = World::new(&seed());
    world.telegram.set_limits(Limits {
        difference_slice: 10,
        too_long_after: 100,
        ..Limits::default()
    });
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    send_numbered(&alice, 25);
    let first = bob.difference(0);
    assert!(matches!(first, enums::updates::Difference::Slice(_)));
    let (texts, pts) = texts_of(&first);
    assert_eq!((texts.len(), pts), (10, 10));
    let (texts, pts) = texts_of(&bob.difference(pts));
    assert_eq!((texts[0].as_str(), pts), ("m11", 20));
    let last = bob.difference(pts);
    assert!(matches!(last, enums::updates::Difference::Difference(_)));
    assert_eq!(texts_of(&last).0.len(), 5);
    world.telegram.set_limits(Limits {
        too_long_after: 20,
        ..Limits::default()
    });
    let enums::updates::Difference::TooLong(too_long) = bob.difference(0) else {
        panic!()
    };
    assert_eq!(too_long.pts, 25);
}

#[test]
fn channel_difference_pages_by_limit() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let club = alice.resolve("club");
    let start = world
        .telegram
        .channel_pts(world.telegram.channel_id("club").unwrap())
        .unwrap();
    for n in 1..=7 {
        alice.send(&club, &format!("c{n}"), n).unwrap();
    }
    let channel = input_channel(&bob.resolve("club"));
    let get = |pts, limit| {
        bob.call(&functions::updates::GetChannelDifference {
            force: false,
            channel: channel.clone(),
            filter: enums::ChannelMessagesFilter::Empty,
            pts,
            limit,
        })
        .unwrap()
    };
    let enums::updates::ChannelDifference::ChannelDifference(page) = get(start, 3) else {
        panic!()
    };
    assert!(!page.r#final);
    assert_eq!(page.pts, start + 3);
    assert_eq!(
        page.new_messages
            .iter()
            .map(message_text)
            .collect::<Vec<_>>(),
        ["c1", "c2", "c3"]
    );
    let enums::updates::ChannelDifference::ChannelDifference(rest) = get(page.pts, 100) else {
        panic!()
    };
    assert!(rest.r#final);
    assert_eq!((rest.new_messages.len(), rest.pts), (4, start + 7));
    assert!(matches!(
        get(rest.pts, 100),
        enums::updates::ChannelDifference::Empty(_)
    ));
    world.telegram.set_limits(Limits {
        too_long_after: 5,
        ..Limits::default()
    });
    assert!(matches!(
        get(start, 100),
        enums::updates::ChannelDifference::TooLong(_)
    ));
}

#[test]
fn sessions_without_updates_get_none_until_they_subscribe() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let enums::auth::ExportedAuthorization::ExportedAuthorization(token) = bob
        .call(&functions::auth::ExportAuthorization { dc_id: 4 })
        .unwrap();
    let quiet = world.client(4, 3);
    let import = functions::InvokeWithoutUpdates {
        query: functions::auth::ImportAuthorization {
            id: token.id,
            bytes: token.bytes,
        },
    };
    quiet.raw(&import.to_bytes()).unwrap();
    alice.send(&alice.resolve("bob"), "one", 1).unwrap();
    assert!(quiet.updates().is_empty());
    assert_eq!(bob.updates().len(), 1);
    quiet.state();
    alice.send(&alice.resolve("bob"), "two", 2).unwrap();
    assert_eq!(quiet.updates().len(), 1);
}
