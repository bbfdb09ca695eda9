//! The sequencer under a virtual clock: every time is `t0` plus a chosen offset.

use std::time::{Duration, Instant};

use pyro_tl_types::api::{enums, types};

use super::*;

pub(super) const WAIT: Duration = Duration::from_millis(500);

pub(super) fn state(pts: i32, qts: i32, date: i32, seq: i32) -> enums::updates::State {
    enums::updates::State::State(types::updates::State {
        pts,
        qts,
        date,
        seq,
        unread_count: 0,
    })
}

pub(super) fn message(id: i32, peer: enums::Peer) -> enums::Message {
    enums::Message::Message(Box::new(types::Message {
        id,
        peer_id: peer,
        ..types::Message::default()
    }))
}

pub(super) fn user(user_id: i64) -> enums::Peer {
    enums::Peer::User(types::PeerUser { user_id })
}

pub(super) fn channel(channel_id: i64) -> enums::Peer {
    enums::Peer::Channel(types::PeerChannel { channel_id })
}

/// A common-box new message whose id is its pts.
pub(super) fn common(pts: i32) -> enums::Update {
    enums::Update::NewMessage(Box::new(types::UpdateNewMessage {
        message: message(pts, user(1)),
        pts,
        pts_count: 1,
    }))
}

/// A channel message whose id is its pts.
pub(super) fn in_channel(channel_id: i64, pts: i32) -> enums::Update {
    enums::Update::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
        message: message(pts, channel(channel_id)),
        pts,
        pts_count: 1,
    }))
}

pub(super) fn short(update: enums::Update) -> enums::Updates {
    enums::Updates::UpdateShort(Box::new(types::UpdateShort { update, date: 1 }))
}

pub(super) fn container(updates: Vec<enums::Update>, seq: i32) -> enums::Updates {
    enums::Updates::Updates(Box::new(types::Updates {
        updates,
        users: vec![],
        chats: vec![],
        date: 2,
        seq,
    }))
}

/// The ids of the messages handed out (other updates as -1).
pub(super) fn drain(s: &mut Sequencer) -> Vec<i32> {
    std::iter::from_fn(|| s.poll_update())
        .map(|u| match u.update {
            enums::Update::NewMessage(m) => id_of(&m.message),
            enums::Update::NewChannelMessage(m) => id_of(&m.message),
            _ => -1,
        })
        .collect()
}

pub(super) fn id_of(m: &enums::Message) -> i32 {
    match m {
        enums::Message::Message(m) => m.id,
        enums::Message::Service(m) => m.id,
        enums::Message::Empty(m) => m.id,
    }
}

/// The default knobs without the idle poll.
pub(super) fn config() -> SequencerConfig {
    SequencerConfig {
        idle_poll: None,
        ..SequencerConfig::default()
    }
}

/// A sequencer past its `updates.getState` at pts 10, qts 0, seq 0.
pub(super) fn ready(t0: Instant) -> Sequencer {
    let mut s = Sequencer::new(config());
    assert_eq!(s.poll_request(t0), Some(Request::GetState));
    assert_eq!(s.poll_request(t0), None, "asked once");
    s.on_state(state(10, 0, 100, 0));
    s
}

#[test]
fn in_order_updates_apply_and_persist() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    assert_eq!(s.take_changes().common.map(|c| c.pts), Some(10));
    for pts in 11..=13 {
        s.push(short(common(pts)), t0);
    }
    assert_eq!(drain(&mut s), [11, 12, 13]);
    assert_eq!(s.next_deadline(), None);
    let changes = s.take_changes();
    assert_eq!(changes.common.map(|c| c.pts), Some(13));
    assert!(s.take_changes().is_empty());
}

#[test]
fn duplicates_are_dropped() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push(short(common(11)), t0);
    s.push(short(common(11)), t0);
    s.push(short(common(9)), t0);
    assert_eq!(drain(&mut s), [11]);
    assert_eq!(s.stats().duplicates, 2);
}

#[test]
fn gaps_heal_by_waiting() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push(short(common(13)), t0);
    s.push(short(common(12)), t0);
    s.push(short(common(13)), t0); // the same update again, from the other connection
    assert!(drain(&mut s).is_empty(), "11 is missing");
    assert_eq!(s.next_deadline(), Some(t0 + WAIT));
    assert_eq!(s.poll_request(t0 + WAIT / 2), None);
    s.push(short(common(11)), t0 + WAIT / 2);
    assert_eq!(drain(&mut s), [11, 12, 13]);
    assert_eq!(s.next_deadline(), None);
    assert_eq!(s.poll_request(t0 + WAIT * 2), None);
    assert_eq!(s.stats().healed_by_waiting, 1);
    assert_eq!(s.state().map(|st| st.pts), Some(13));
}

#[test]
fn gaps_heal_by_difference() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push(short(common(13)), t0);
    let Some(Request::Difference(d)) = s.poll_request(t0 + WAIT) else {
        panic!("a difference after the wait");
    };
    assert_eq!((d.pts, d.date, d.qts), (10, 100, 0));
    // While the difference is fetched, live updates wait (even one that would fit).
    s.push(short(common(11)), t0 + WAIT);
    s.push(short(common(14)), t0 + WAIT);
    assert!(drain(&mut s).is_empty());
    let answer = types::updates::Difference {
        new_messages: vec![
            message(11, user(1)),
            message(12, user(1)),
            message(13, user(1)),
        ],
        new_encrypted_messages: vec![],
        other_updates: vec![],
        chats: vec![],
        users: vec![],
        state: state(13, 0, 150, 4),
    };
    s.on_difference(
        enums::updates::Difference::Difference(Box::new(answer)),
        t0 + WAIT,
    );
    assert_eq!(
        drain(&mut s),
        [11, 12, 13, 14],
        "held 11 and 13 were covered"
    );
    assert_eq!(
        s.state(),
        Some(UpdateState {
            pts: 14,
            qts: 0,
            date: 150,
            seq: 4
        })
    );
    assert_eq!(s.next_deadline(), None);
}

#[test]
fn difference_slices_continue_and_too_long_jumps() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.session_created();
    let Some(Request::Difference(d)) = s.poll_request(t0) else {
        panic!("a new session asks for a difference at once");
    };
    assert_eq!(d.pts, 10);
    let slice = types::updates::DifferenceSlice {
        new_messages: vec![message(11, user(1))],
        new_encrypted_messages: vec![],
        other_updates: vec![],
        chats: vec![],
        users: vec![],
        intermediate_state: state(11, 0, 120, 1),
    };
    s.on_difference(enums::updates::Difference::Slice(Box::new(slice)), t0);
    let Some(Request::Difference(d)) = s.poll_request(t0) else {
        panic!("a slice asks for the rest");
    };
    assert_eq!(d.pts, 11);
    s.on_difference(
        enums::updates::Difference::TooLong(types::updates::DifferenceTooLong { pts: 500 }),
        t0,
    );
    let Some(Request::Difference(d)) = s.poll_request(t0) else {
        panic!("too long fetches again from the new pts");
    };
    assert_eq!(d.pts, 500);
    s.on_difference(
        enums::updates::Difference::Empty(types::updates::DifferenceEmpty { date: 130, seq: 2 }),
        t0,
    );
    assert_eq!(drain(&mut s), [11]);
    assert_eq!(
        s.state(),
        Some(UpdateState {
            pts: 500,
            qts: 0,
            date: 130,
            seq: 2
        })
    );
    assert_eq!(s.stats().too_long, 1);
    s.push(enums::Updates::TooLong, t0);
    assert!(matches!(s.poll_request(t0), Some(Request::Difference(_))));
}

#[test]
fn channels_keep_their_own_order() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.learn_channel(77, 0x77);
    s.push(short(in_channel(77, 5)), t0); // first sight: accepted
    s.push(short(in_channel(77, 7)), t0);
    s.push(short(common(11)), t0);
    assert_eq!(drain(&mut s), [5, 11]);
    assert_eq!(s.channel_pts(77), Some(5));
    let Some(Request::ChannelDifference(c)) = s.poll_request(t0 + WAIT) else {
        panic!("a channel difference");
    };
    assert_eq!(
        (c.channel_id, c.access_hash, c.pts, c.limit),
        (77, Some(0x77), 5, 100)
    );
    let function = c.function(None);
    assert_eq!(function.pts, 5);
    let answer = types::updates::ChannelDifference {
        r#final: true,
        pts: 7,
        timeout: None,
        new_messages: vec![message(6, channel(77)), message(7, channel(77))],
        other_updates: vec![],
        chats: vec![],
        users: vec![],
    };
    s.on_channel_difference(
        77,
        enums::updates::ChannelDifference::ChannelDifference(Box::new(answer)),
        t0 + WAIT,
    );
    assert_eq!(drain(&mut s), [6, 7]);
    assert_eq!(s.take_changes().channels, [(77, 7)]);
    s.push(short(in_channel(77, 8)), t0 + WAIT);
    assert_eq!(drain(&mut s), [8]);
}

#[test]
fn channel_too_long_and_unreachable_channels() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push(short(in_channel(5, 3)), t0);
    let too_long = enums::Update::ChannelTooLong(types::UpdateChannelTooLong {
        channel_id: 5,
        pts: Some(40),
    });
    s.push(short(too_long), t0);
    assert_eq!(drain(&mut s), [3, -1]);
    let Some(Request::ChannelDifference(c)) = s.poll_request(t0) else {
        panic!("updateChannelTooLong asks at once");
    };
    assert_eq!((c.pts, c.access_hash), (3, None));
    let answer = types::updates::ChannelDifferenceTooLong {
        r#final: true,
        timeout: None,
        dialog: enums::Dialog::Dialog(Box::new(types::Dialog {
            pts: Some(40),
            ..types::Dialog::default()
        })),
        messages: vec![],
        chats: vec![],
        users: vec![],
    };
    s.on_channel_difference(
        5,
        enums::updates::ChannelDifference::TooLong(Box::new(answer)),
        t0,
    );
    assert_eq!(s.channel_pts(5), Some(40));
    // A gap in a channel whose difference cannot be fetched: accepted as it is.
    s.push(short(in_channel(5, 43)), t0);
    s.push(short(in_channel(5, 42)), t0);
    let Some(Request::ChannelDifference(_)) = s.poll_request(t0 + WAIT) else {
        panic!("a channel difference");
    };
    s.channel_unreachable(5);
    assert_eq!(drain(&mut s), [42, 43]);
    assert_eq!(s.channel_pts(5), Some(43));
}

#[test]
fn seq_orders_the_updates_no_box_orders() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    let status = |user_id| {
        enums::Update::UserStatus(Box::new(types::UpdateUserStatus {
            user_id,
            status: enums::UserStatus::Empty,
        }))
    };
    s.push(container(vec![status(2)], 2), t0);
    assert!(drain(&mut s).is_empty(), "seq 1 is missing");
    s.push(container(vec![status(1), common(11)], 1), t0);
    s.push(container(vec![status(1)], 1), t0); // again, from the other connection
    // Within a container, the box-ordered updates go first, then the ones seq orders.
    assert_eq!(drain(&mut s), [11, -1, -1]);
    assert_eq!(s.state().map(|st| st.seq), Some(2));
    assert_eq!(s.stats().duplicates, 1);
    assert_eq!(s.next_deadline(), None);
}

#[test]
fn failed_requests_are_retried_later() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    s.push(short(common(12)), t0);
    let request = s.poll_request(t0 + WAIT).unwrap();
    s.request_failed(&request, t0 + WAIT);
    assert_eq!(s.poll_request(t0 + WAIT), None);
    assert_eq!(s.next_deadline(), Some(t0 + WAIT + Duration::from_secs(1)));
    assert_eq!(s.poll_request(t0 + WAIT * 4), Some(request));
}

#[test]
fn restore_catches_up_or_starts_fresh() {
    let t0 = Instant::now();
    let stored = UpdateState {
        pts: 20,
        qts: 3,
        date: 100,
        seq: 7,
    };
    let mut s = Sequencer::restore(config(), stored, &[(9, 50)], true);
    let Some(Request::Difference(d)) = s.poll_request(t0) else {
        panic!("catch-up starts with the common difference");
    };
    assert_eq!((d.pts, d.qts, d.date), (20, 3, 100));
    let Some(Request::ChannelDifference(c)) = s.poll_request(t0) else {
        panic!("then each stored channel");
    };
    assert_eq!((c.channel_id, c.pts), (9, 50));
    let mut fresh = Sequencer::restore(config(), stored, &[(9, 50)], false);
    assert_eq!(fresh.poll_request(t0), Some(Request::GetState));
    assert_eq!(fresh.channel_pts(9), None);
    // Before the state is known, updates are handed out unchecked.
    fresh.push(short(common(99)), t0);
    assert_eq!(drain(&mut fresh), [99]);
}

#[test]
fn qts_updates_use_the_secondary_box() {
    let t0 = Instant::now();
    let mut s = ready(t0);
    let stopped = |qts| {
        enums::Update::BotStopped(types::UpdateBotStopped {
            user_id: 1,
            date: 0,
            stopped: true,
            qts,
        })
    };
    s.push(short(stopped(1)), t0);
    s.push(short(stopped(3)), t0);
    s.push(short(stopped(2)), t0);
    s.push(short(stopped(2)), t0);
    assert_eq!(drain(&mut s), [-1, -1, -1]);
    assert_eq!(s.state().map(|st| st.qts), Some(3));
}

#[test]
fn idle_sessions_poll_for_a_difference() {
    let t0 = Instant::now();
    let config = SequencerConfig {
        idle_poll: Some(Duration::from_secs(60)),
        ..SequencerConfig::default()
    };
    let mut s = Sequencer::new(config);
    assert_eq!(s.poll_request(t0), Some(Request::GetState));
    s.on_state(state(10, 0, 100, 0));
    assert_eq!(s.next_deadline(), Some(t0 + Duration::from_secs(60)));
    s.push(short(common(11)), t0 + Duration::from_secs(30));
    assert_eq!(s.next_deadline(), Some(t0 + Duration::from_secs(90)));
    assert_eq!(s.poll_request(t0 + Duration::from_secs(89)), None);
    let Some(Request::Difference(d)) = s.poll_request(t0 + Duration::from_secs(90)) else {
        panic!("a quiet minute asks for the difference");
    };
    assert_eq!(d.pts, 11);
    assert_eq!(s.next_deadline(), None, "not while it is fetched");
}
