//! Requests whose body names their own msg_id (`request_bound`, rebuilt on every resend), a
//! request every other one waits behind (`send_first`), and a session moved to another auth key
//! with its unanswered requests (`switch_key`): the three things `auth.bindTempAuthKey` needs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine_harness;

use std::time::Duration;

use engine_harness::{Harness, body, echo};
use pyro_mtproto_crypto::AuthKey;
use pyro_session::engine::{EngineError, Event, Now, RequestError, RequestOptions};
use pyro_session::server::{ServerConfig, ServerSession};

/// A body `0x12345678 msg_id:long` naming the msg_id it is built for.
fn naming(msg_id: i64) -> Vec<u8> {
    let mut b = 0x1234_5678u32.to_le_bytes().to_vec();
    b.extend_from_slice(&msg_id.to_le_bytes());
    b
}

fn named_id(body: &[u8]) -> i64 {
    i64::from_le_bytes(body[4..12].try_into().unwrap())
}

#[test]
fn a_bound_body_carries_its_msg_id_across_resends() {
    let mut h = Harness::new(81);
    h.hold_answers = true;
    let now = h.client_now();
    let id = h
        .client
        .request_bound(now, Box::new(naming), RequestOptions::default());
    h.outcomes.entry(id).or_default();
    h.settle();
    let first = h.held[0].clone();
    assert_eq!(named_id(&first.body), first.msg_id);
    // A reconnect resends it under a new msg_id, with a body rebuilt for that id.
    h.held.clear();
    h.reconnect();
    h.settle();
    let second = h.held[0].clone();
    assert_ne!(second.msg_id, first.msg_id);
    assert_eq!(named_id(&second.body), second.msg_id);
    h.release();
    h.settle();
    assert_eq!(h.outcome(id), &Ok(echo(&second.body)));
    h.assert_exactly_once();
}

#[test]
fn a_builder_making_a_bad_body_ends_its_request() {
    let mut h = Harness::new(82);
    let now = h.client_now();
    let id = h
        .client
        .request_bound(now, Box::new(|_| vec![1, 2, 3]), RequestOptions::default());
    h.outcomes.entry(id).or_default();
    let ok = h.request(body(1, 2), RequestOptions::default());
    h.settle();
    assert_eq!(
        h.outcome(id),
        &Err(RequestError::InvalidBody(EngineError::NotTl(3)))
    );
    assert!(h.outcome(ok).is_ok(), "the others are not affected");
}

#[test]
fn every_request_waits_behind_the_one_sent_first() {
    let mut h = Harness::new(83);
    h.hold_answers = true;
    let early: Vec<_> = (0..3)
        .map(|n| h.request(body(n, 2), RequestOptions::default()))
        .collect();
    let now = h.client_now();
    let first = h
        .client
        .request_bound(now, Box::new(naming), RequestOptions::default());
    h.outcomes.entry(first).or_default();
    assert!(h.client.send_first(first));
    let late = h.request(body(9, 2), RequestOptions::default());
    h.advance(Duration::from_secs(5));
    // Only the first request went out, although three were queued before it.
    assert_eq!(h.seen_by_server.len(), 1);
    assert_eq!(named_id(&h.seen_by_server[0].body), h.held[0].msg_id);
    h.hold_answers = false;
    h.release();
    h.settle();
    assert!(h.outcome(first).is_ok());
    for id in early.iter().chain([&late]) {
        assert!(h.outcome(*id).is_ok());
    }
    assert_eq!(h.seen_by_server.len(), 5);
    assert!(!h.client.send_first(first), "it has ended");
    h.assert_exactly_once();
}

#[test]
fn a_cancelled_first_request_lets_the_others_go() {
    let mut h = Harness::new(84);
    h.hold_answers = true;
    let first = h.request(body(1, 2), RequestOptions::default());
    h.client.send_first(first);
    let other = h.request(body(2, 2), RequestOptions::default());
    h.settle();
    assert_eq!(h.seen_by_server.len(), 1);
    h.client.cancel(first);
    h.hold_answers = false;
    h.settle();
    assert_eq!(h.outcome(first), &Err(RequestError::Cancelled));
    assert!(h.outcome(other).is_ok());
}

#[test]
fn switching_keys_moves_unanswered_requests_to_the_new_session() {
    let mut h = Harness::new(85);
    h.hold_answers = true;
    let id = h.request(body(5, 3), RequestOptions::default());
    h.settle();
    let old_session = h.client.session_id();
    assert_eq!(h.held.len(), 1);
    // A new key, and the server side of its session.
    let key = [0x5a; 256];
    let now: Now = h.server_now();
    let mut server = ServerSession::new(AuthKey::from_bytes(key), [9; 32], ServerConfig::default());
    let salt = server.salt_at(now);
    std::mem::swap(&mut h.server, &mut server);
    h.held.clear();
    h.hold_answers = false;
    h.to_server.clear();
    h.to_client.clear();
    h.client
        .switch_key(AuthKey::from_bytes(key), salt, [10; 32]);
    assert!(!h.client.is_connected());
    assert_ne!(h.client.session_id(), old_session);
    h.client.connected(h.client_now());
    h.settle();
    assert_eq!(h.outcome(id), &Ok(echo(&body(5, 3))));
    assert_eq!(h.server.stats().bad_salts, 0, "the new salt is used");
    assert_eq!(h.server.stats().new_sessions, 1);
    h.assert_exactly_once();
}

#[test]
fn service_messages_pass_the_held_requests() {
    let mut h = Harness::new(86);
    h.hold_answers = true;
    let first = h.request(body(1, 2), RequestOptions::default());
    h.client.send_first(first);
    let other = h.request(body(2, 2), RequestOptions::default());
    // The first request runs for minutes: keepalive pings and state requests still go out and
    // are answered, so the connection is not reported stale; the other request stays queued.
    h.advance(Duration::from_secs(200));
    assert!(!h.events.contains(&Event::ConnectionStale));
    assert_eq!(h.seen_by_server.len(), 1);
    h.hold_answers = false;
    h.release();
    h.settle();
    assert!(h.outcome(first).is_ok());
    assert!(h.outcome(other).is_ok());
    h.assert_exactly_once();
}
