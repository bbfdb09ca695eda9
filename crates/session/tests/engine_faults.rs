//! The engine under faults: a skewed clock, lost, duplicated and reordered packets, reconnects,
//! timeouts, cancellation, and the service messages that repair a session. Every test checks
//! that each request got exactly one outcome.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine_harness;

use std::time::Duration;

use engine_harness::{Harness, body, echo};
use pyro_session::engine::{EngineConfig, Event, Now, PacketError, RequestError, RequestOptions};
use pyro_session::server::ServerConfig;
use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, types};

#[test]
fn a_clock_an_hour_off_is_resynced_from_the_server() {
    for skew in [3600, -3600] {
        let mut h = Harness::with(20, EngineConfig::default(), ServerConfig::default(), skew);
        let id = h.request(body(1, 2), RequestOptions::default());
        h.settle();
        assert_eq!(h.outcome(id), &Ok(echo(&body(1, 2))), "skew {skew}");
        assert!(
            h.server.stats().bad_msgs >= 1,
            "the server said 16/17 first"
        );
        let offset = h.client.time_offset().as_secs();
        assert!((3599..=3601).contains(&offset), "offset {offset}");
        assert_eq!(h.client.server_clock_ahead(), skew < 0);
        // Later requests go through without a correction.
        let before = h.server.stats().bad_msgs;
        let id = h.request(body(2, 2), RequestOptions::default());
        h.settle();
        assert!(h.outcome(id).is_ok());
        assert_eq!(h.server.stats().bad_msgs, before);
        h.assert_exactly_once();
    }
}

#[test]
fn reconnect_mid_request_resends_and_answers_once() {
    let mut h = Harness::new(21);
    // The request is lost on the way.
    h.faults.loss = 1000;
    let lost = h.request(body(1, 2), RequestOptions::default());
    h.settle();
    // The answer is lost on the way back (the server did run it).
    h.faults.loss = 0;
    h.hold_answers = true;
    let answered = h.request(body(2, 2), RequestOptions::default());
    h.settle();
    h.faults.loss = 1000;
    h.release();
    h.settle();
    h.faults.loss = 0;
    h.hold_answers = false;
    h.reconnect();
    h.settle();
    assert_eq!(h.outcome(lost), &Ok(echo(&body(1, 2))));
    assert_eq!(h.outcome(answered), &Ok(echo(&body(2, 2))));
    h.assert_exactly_once();
}

#[test]
fn lossy_duplicating_reordering_link_still_answers_each_request_once() {
    for seed in 30..34u8 {
        let mut h = Harness::new(seed);
        h.faults = engine_harness::Faults {
            loss: 150,
            duplicate: 150,
            reorder: 200,
        };
        let mut ids = Vec::new();
        for round in 0..20u32 {
            for n in 0..10 {
                ids.push((
                    round * 10 + n,
                    h.request(body(round * 10 + n, 3), RequestOptions::default()),
                ));
            }
            h.advance(Duration::from_millis(700));
            if round % 3 == 2 {
                h.reconnect();
            }
        }
        // Heal the link and let everything finish.
        h.faults = engine_harness::Faults::default();
        for _ in 0..5 {
            h.reconnect();
            h.advance(Duration::from_secs(1));
        }
        for (n, id) in ids {
            assert_eq!(h.outcome(id), &Ok(echo(&body(n, 3))), "seed {seed}");
        }
        h.assert_exactly_once();
    }
}

#[test]
fn duplicated_and_stale_packets_are_dropped() {
    let mut h = Harness::new(22);
    h.hold_answers = true;
    let id = h.request(body(1, 1), RequestOptions::default());
    h.settle();
    let req = h.held.pop().unwrap();
    h.server.answer(req.msg_id, &echo(&body(1, 1)));
    let mut packet = Vec::new();
    assert!(h.server.poll_transmit(h.server_now(), &mut packet));
    let mut copy = packet.clone();
    let now = h.client_now();
    h.client.handle_incoming(now, &mut packet).unwrap();
    assert!(matches!(
        h.client.handle_incoming(now, &mut copy),
        Err(PacketError::Duplicate(_))
    ));
    // A corrupted packet fails decryption.
    let mut bad = vec![0u8; 96];
    assert!(matches!(
        h.client.handle_incoming(now, &mut bad),
        Err(PacketError::Crypto(_))
    ));
    h.drain_events();
    assert!(h.outcome(id).is_ok());
}

/// A server plaintext for `session_id`: salt 0, the given msg_id and seq_no, and `body`.
fn plaintext(session_id: i64, msg_id: i64, seqno: i32, body: &[u8]) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&0i64.to_le_bytes());
    p.extend_from_slice(&session_id.to_le_bytes());
    p.extend_from_slice(&msg_id.to_le_bytes());
    p.extend_from_slice(&seqno.to_le_bytes());
    p.extend_from_slice(&(body.len() as u32).to_le_bytes());
    p.extend_from_slice(body);
    p
}

fn server_id(now: Now, offset_secs: i64) -> i64 {
    ((now.unix.as_secs() as i64 + offset_secs) << 32) | 1
}

#[test]
fn incoming_checks_session_parity_and_window() {
    let mut h = Harness::new(23);
    let now = h.client_now();
    let sid = h.client.session_id();
    let update = body(5, 2);
    let wrong = plaintext(sid ^ 1, server_id(now, 0), 1, &update);
    assert!(matches!(
        h.client.handle_plaintext(now, &wrong),
        Err(PacketError::WrongSession { .. })
    ));
    let even = plaintext(sid, server_id(now, 0) + 1, 1, &update);
    assert!(matches!(
        h.client.handle_plaintext(now, &even),
        Err(PacketError::BadMsgIdParity(_))
    ));
    let old = plaintext(sid, server_id(now, -301), 1, &update);
    assert!(matches!(
        h.client.handle_plaintext(now, &old),
        Err(PacketError::OutOfWindow { .. })
    ));
    let future = plaintext(sid, server_id(now, 31), 1, &update);
    assert!(matches!(
        h.client.handle_plaintext(now, &future),
        Err(PacketError::OutOfWindow { .. })
    ));
    let good = plaintext(sid, server_id(now, -299), 1, &update);
    h.client.handle_plaintext(now, &good).unwrap();
    assert!(matches!(
        h.client.handle_plaintext(now, &good),
        Err(PacketError::Duplicate(_))
    ));
    h.drain_events();
    assert_eq!(
        h.events
            .iter()
            .filter(|e| matches!(e, Event::Update { .. }))
            .count(),
        1
    );
}

#[test]
fn msg_copy_and_nested_gzip_are_unwrapped() {
    let mut h = Harness::new(24);
    let now = h.client_now();
    let sid = h.client.session_id();
    let update = body(8, 3);
    let inner_id = server_id(now, -1) | 3;
    let mut copy = 0xe060_46b2u32.to_le_bytes().to_vec();
    copy.extend_from_slice(&0x5bb8_e511u32.to_le_bytes());
    copy.extend_from_slice(&inner_id.to_le_bytes());
    copy.extend_from_slice(&1i32.to_le_bytes());
    copy.extend_from_slice(&(update.len() as u32).to_le_bytes());
    copy.extend_from_slice(&update);
    h.client
        .handle_plaintext(now, &plaintext(sid, server_id(now, 0), 1, &copy))
        .unwrap();
    h.drain_events();
    assert!(h.events.contains(&Event::Update {
        msg_id: inner_id,
        body: update
    }));
}

#[test]
fn timeouts_end_requests_and_drop_their_answers() {
    let mut h = Harness::new(25);
    h.hold_answers = true;
    let id = h.request(
        body(1, 1),
        RequestOptions::default().with_timeout(Duration::from_secs(5)),
    );
    let other = h.request(body(2, 1), RequestOptions::default());
    h.settle();
    h.advance(Duration::from_secs(6));
    assert_eq!(h.outcome(id), &Err(RequestError::Timeout));
    // rpc_drop_answer reached the server: the running answer is dropped there.
    h.release();
    h.settle();
    assert_eq!(h.outcome(other), &Ok(echo(&body(2, 1))));
    h.assert_exactly_once();
}

#[test]
fn cancellation_ends_a_request_once() {
    let mut h = Harness::new(26);
    h.hold_answers = true;
    let sent = h.request(body(1, 1), RequestOptions::default());
    h.settle();
    let queued = h.request(body(2, 1), RequestOptions::default());
    assert!(h.client.cancel(queued));
    assert!(h.client.cancel(sent));
    assert!(!h.client.cancel(sent));
    h.settle();
    h.release();
    h.settle();
    assert_eq!(h.outcome(sent), &Err(RequestError::Cancelled));
    assert_eq!(h.outcome(queued), &Err(RequestError::Cancelled));
    assert_eq!(
        h.seen_by_server.len(),
        1,
        "the cancelled queued request never went out"
    );
    h.assert_exactly_once();
}

/// Holds one request at the server and returns its msg_id.
fn held_request(h: &mut Harness) -> (pyro_session::engine::RequestId, i64) {
    h.hold_answers = true;
    let id = h.request(body(1, 1), RequestOptions::default());
    h.settle();
    (id, h.held.last().unwrap().msg_id)
}

fn bad_msg(bad_msg_id: i64, code: i32) -> Vec<u8> {
    enums::BadMsgNotification::BadMsgNotification(types::BadMsgNotification {
        bad_msg_id,
        bad_msg_seqno: 1,
        error_code: code,
    })
    .to_bytes()
}

#[test]
fn bad_msg_notifications_resend_or_fail() {
    for (code, resent) in [
        (32, true),
        (33, true),
        (64, true),
        (18, false),
        (20, false),
        (35, false),
    ] {
        let mut h = Harness::new(27);
        let (id, msg_id) = held_request(&mut h);
        h.server.push(bad_msg(msg_id, code));
        h.settle();
        let arrivals = h.seen_by_server.len();
        if resent {
            assert_eq!(arrivals, 2, "code {code}: resent under a new msg_id");
            assert_ne!(h.seen_by_server[1].msg_id, msg_id);
            h.release();
            h.settle();
            assert!(h.outcome(id).is_ok(), "code {code}");
        } else {
            assert_eq!(arrivals, 1);
            assert_eq!(h.outcome(id), &Err(RequestError::BadMessage { code }));
        }
        assert_eq!(
            h.server.stats().bad_msgs,
            0,
            "code {code}: the resend broke no rule"
        );
        h.assert_exactly_once();
    }
}

#[test]
fn too_many_resends_fail_the_request() {
    let mut h = Harness::new(28);
    let (id, _) = held_request(&mut h);
    for _ in 0..6 {
        let msg_id = h.held.last().unwrap().msg_id;
        h.server.push(bad_msg(msg_id, 64));
        h.settle();
    }
    assert_eq!(h.outcome(id), &Err(RequestError::TooManyResends(5)));
}

#[test]
fn detailed_info_leads_to_a_resend_of_a_lost_answer() {
    let mut h = Harness::new(29);
    let (id, msg_id) = held_request(&mut h);
    h.faults.loss = 1000;
    h.release();
    h.settle();
    h.faults.loss = 0;
    let answer_msg_id = h.server.answer_msg_id(msg_id).unwrap();
    let info = enums::MsgDetailedInfo::MsgDetailedInfo(types::MsgDetailedInfo {
        msg_id,
        answer_msg_id,
        bytes: 16,
        status: 0,
    })
    .to_bytes();
    h.server.push(info);
    h.settle();
    assert_eq!(h.outcome(id), &Ok(echo(&body(1, 1))));
    // A new_detailed_info about an answer we already have is just acked.
    let info = enums::MsgDetailedInfo::MsgNewDetailedInfo(types::MsgNewDetailedInfo {
        answer_msg_id,
        bytes: 16,
        status: 0,
    })
    .to_bytes();
    h.server.push(info);
    h.settle();
    h.assert_exactly_once();
}

#[test]
fn msgs_state_req_and_msg_resend_req_from_the_server() {
    let mut h = Harness::new(31);
    let (id, msg_id) = held_request(&mut h);
    // The server asks to have the request again: it arrives a second time.
    let resend = enums::MsgResendReq::MsgResendReq(types::MsgResendReq {
        msg_ids: vec![msg_id],
    })
    .to_bytes();
    h.server.push(resend);
    h.settle();
    assert_eq!(h.seen_by_server.len(), 2);
    // The server asks what we know of ids: the reply carries one status byte each.
    h.server.push(body(3, 1));
    h.settle();
    let known = h
        .events
        .iter()
        .find_map(|e| match e {
            Event::Update { msg_id, .. } => Some(*msg_id),
            _ => None,
        })
        .unwrap();
    let ids = vec![known, i64::MAX, 7];
    let state = enums::MsgsStateReq::MsgsStateReq(types::MsgsStateReq { msg_ids: ids }).to_bytes();
    h.server.push(state);
    let snow = h.server_now();
    let mut buf = Vec::new();
    assert!(h.server.poll_transmit(snow, &mut buf));
    let now = h.client_now();
    h.client.handle_incoming(now, &mut buf).unwrap();
    assert!(h.client.poll_transmit(now, &mut buf));
    let plain = engine_harness::open_client_packet(&buf);
    let info_id = 0x04de_b57du32.to_le_bytes();
    let at = plain
        .windows(4)
        .position(|w| w == info_id)
        .expect("msgs_state_info sent");
    // req_msg_id (8 bytes), then a TL string of three status bytes: received (4), higher than
    // anything received (3), within the range but not received (2).
    assert_eq!(&plain[at + 12..at + 16], &[3, 4, 3, 2]);
    h.release();
    h.settle();
    assert!(h.outcome(id).is_ok());
    h.assert_exactly_once();
}

#[test]
fn closing_ends_every_pending_request() {
    let mut h = Harness::new(32);
    h.hold_answers = true;
    let a = h.request(body(1, 1), RequestOptions::default());
    h.settle();
    let b = h.request(body(2, 1), RequestOptions::default());
    h.client.close();
    h.drain_events();
    assert_eq!(h.outcome(a), &Err(RequestError::SessionClosed));
    assert_eq!(h.outcome(b), &Err(RequestError::SessionClosed));
    assert_eq!(h.client.pending_requests(), 0);
}
