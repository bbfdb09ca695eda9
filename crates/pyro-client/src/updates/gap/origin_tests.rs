//! Pushed messages with unknown peers and the client's own answers, under a virtual clock.

use std::time::Instant;

use pyro_session::PeerId;
use pyro_tl_types::api::{enums, types};

use super::super::tests::{WAIT, common, drain, message, ready, short, state, user};
use super::super::{Request, SequencerConfig};
use super::*;

/// The peers the tests' client can address: user 1 (the sender of `common`) is unknown.
fn known(peer: PeerId) -> bool {
    peer != PeerId::user(1)
}

/// A common difference answer listing `ids` (from user 1, with the user) and ending at `pts`.
fn difference(ids: &[i32], pts: i32) -> enums::updates::Difference {
    enums::updates::Difference::Difference(Box::new(types::updates::Difference {
        new_messages: ids.iter().map(|&id| message(id, user(1))).collect(),
        new_encrypted_messages: vec![],
        other_updates: vec![],
        chats: vec![],
        users: vec![enums::User::User(Box::new(types::User {
            id: 1,
            access_hash: Some(77),
            ..types::User::default()
        }))],
        state: state(pts, 0, 200, 0),
    }))
}

#[test]
fn an_unknown_sender_is_fetched_from_before_its_message() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push_checked(short(common(11)), t0, &known);
    assert!(drain(&mut s).is_empty(), "not handed out as it came");
    let Some(Request::Difference(d)) = s.poll_request(t0) else {
        panic!("a difference at once, without the gap wait");
    };
    assert_eq!(d.pts, 10, "from the state before the message");
    // The next message waits behind the fetch.
    s.push_checked(short(common(12)), t0, &|_| true);
    assert!(drain(&mut s).is_empty());
    s.on_difference(difference(&[11, 12], 12), t0);
    assert_eq!(drain(&mut s), [11, 12], "each once");
    let first = s.stats();
    assert_eq!((first.unknown_peers, first.differences), (1, 1));
    assert_eq!(s.poll_request(t0 + WAIT), None);
    // Seen already: nothing to fetch.
    s.push_checked(short(common(11)), t0, &known);
    assert_eq!(s.poll_request(t0 + WAIT), None);
    assert_eq!(s.stats().unknown_peers, 1);
}

#[test]
fn an_unknown_sender_during_a_fetch_is_fetched_again_if_the_fetch_fell_short() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push(short(common(12)), t0);
    assert!(matches!(
        s.poll_request(t0 + WAIT),
        Some(Request::Difference(_))
    ));
    // In flight when message 13 of an unknown sender comes: the answer stops at 12.
    s.push_checked(short(common(13)), t0 + WAIT, &known);
    s.on_difference(difference(&[11, 12], 12), t0 + WAIT);
    assert_eq!(drain(&mut s), [11, 12]);
    let Some(Request::Difference(d)) = s.poll_request(t0 + WAIT) else {
        panic!("a second difference");
    };
    assert_eq!(d.pts, 12);
    s.on_difference(difference(&[13], 13), t0 + WAIT);
    assert_eq!(drain(&mut s), [13]);
    // Had the first answer covered it, no second fetch.
    s.push(short(common(15)), t0 + WAIT);
    assert!(s.poll_request(t0 + WAIT * 2).is_some());
    s.push_checked(short(common(16)), t0 + WAIT * 2, &known);
    s.on_difference(difference(&[14, 15, 16], 16), t0 + WAIT * 2);
    assert_eq!(drain(&mut s), [14, 15, 16]);
    assert_eq!(s.poll_request(t0 + WAIT * 2), None);
}

#[test]
fn the_account_and_basic_groups_are_always_addressable() {
    let t0 = Instant::now();
    let mut s = Sequencer::new(SequencerConfig {
        self_id: Some(1),
        idle_poll: None,
        ..SequencerConfig::default()
    });
    assert_eq!(s.poll_request(t0), Some(Request::GetState));
    s.on_state(state(10, 0, 100, 0));
    s.push_checked(short(common(11)), t0, &known);
    let group = enums::Update::NewMessage(Box::new(types::UpdateNewMessage {
        message: message(12, enums::Peer::Chat(types::PeerChat { chat_id: 5 })),
        pts: 12,
        pts_count: 1,
    }));
    s.push_checked(short(group), t0, &|_| false);
    assert_eq!(drain(&mut s), [11, 12]);
    assert_eq!(s.stats().unknown_peers, 0);
}

#[test]
fn own_answers_move_the_box_and_hand_nothing_out() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    let sent = enums::Updates::UpdateShortSentMessage(Box::new(types::UpdateShortSentMessage {
        out: true,
        id: 11,
        pts: 11,
        pts_count: 1,
        date: 3,
        ..types::UpdateShortSentMessage::default()
    }));
    s.push_own(sent, t0);
    let answer = enums::Updates::Updates(Box::new(types::Updates {
        updates: vec![
            enums::Update::MessageId(types::UpdateMessageId {
                id: 12,
                random_id: 9,
            }),
            common(12),
        ],
        users: vec![],
        chats: vec![],
        date: 4,
        seq: 1,
    }));
    s.push_own(answer, t0);
    assert!(drain(&mut s).is_empty(), "the caller has its answers");
    s.push(short(common(13)), t0);
    assert_eq!(drain(&mut s), [13], "fits without a gap");
    assert_eq!(s.state().map(|st| (st.pts, st.seq)), Some((13, 1)));
    assert_eq!((s.stats().gaps, s.stats().differences), (0, 0));
    // An answer that comes before a push it follows waits for it, then moves the box.
    s.push_own(short(common(15)), t0);
    s.push(short(common(14)), t0);
    s.push(short(common(16)), t0);
    assert_eq!(drain(&mut s), [14, 16]);
    assert_eq!(s.next_deadline(), None);
}
