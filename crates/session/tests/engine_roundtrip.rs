//! The engine against the server counterpart over a clean in-memory link: round trips,
//! containers, gzip both ways, rpc_error, updates, service messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine_harness;

use std::time::Duration;

use engine_harness::{Harness, body, echo};
use pyro_mtproto_crypto::AuthKey;
use pyro_session::engine::{Engine, EngineConfig, Event, RequestError, RequestOptions};

#[test]
fn a_request_gets_its_answer() {
    let mut h = Harness::new(1);
    let id = h.request(body(1, 3), RequestOptions::default());
    h.settle();
    assert_eq!(h.outcome(id), &Ok(echo(&body(1, 3))));
    assert!(
        h.events
            .iter()
            .any(|e| matches!(e, Event::SessionCreated { .. }))
    );
    assert_eq!(h.server.stats().bad_salts, 0);
    assert_eq!(h.server.stats().new_sessions, 1);
}

#[test]
fn queued_requests_share_one_container() {
    let mut h = Harness::new(2);
    let ids: Vec<_> = (0..50)
        .map(|n| h.request(body(n, 4), RequestOptions::default()))
        .collect();
    h.settle();
    assert_eq!(
        h.packets_to_server, 1,
        "one container (the acks of the answers wait for their delay)"
    );
    for (n, id) in ids.iter().enumerate() {
        assert_eq!(h.outcome(*id), &Ok(echo(&body(n as u32, 4))));
    }
    assert_eq!(
        h.server.stats().bad_msgs,
        0,
        "msg_ids and seq_nos follow the rules"
    );
}

#[test]
fn containers_respect_the_message_limit() {
    let mut h = Harness::new(3);
    for n in 0..2100 {
        h.request(body(n, 1), RequestOptions::default());
    }
    let now = h.client_now();
    let mut buf = Vec::new();
    let mut packets = 0;
    while h.client.poll_transmit(now, &mut buf) {
        let plain = engine_harness::open_client_packet(&buf);
        let count = u32::from_le_bytes(plain[36..40].try_into().unwrap());
        assert!(count <= 1020, "{count} messages in one container");
        packets += 1;
    }
    assert_eq!(packets, 3);
}

#[test]
fn large_requests_are_gzipped_unless_they_are_file_parts() {
    let mut h = Harness::new(4);
    let big = body(7, 1000); // 4000 bytes, compressible
    let id = h.request(big.clone(), RequestOptions::default());
    let part = h.request(big.clone(), RequestOptions::file_part());
    let now = h.client_now();
    let mut buf = Vec::new();
    assert!(h.client.poll_transmit(now, &mut buf));
    let plain = engine_harness::open_client_packet(&buf);
    // Container at 32, its first message's body at 56: gzip_packed; the file part follows raw.
    assert_eq!(&plain[32..36], &0x73f1_f8dcu32.to_le_bytes());
    assert_eq!(
        &plain[56..60],
        &0x3072_cfa1u32.to_le_bytes(),
        "the request went gzipped"
    );
    let first_len = u32::from_le_bytes(plain[52..56].try_into().unwrap()) as usize;
    assert!(
        first_len < 2000,
        "and gzip shrank it: {first_len} of 4000 bytes"
    );
    let second = 56 + first_len + 16;
    assert_eq!(
        &plain[second..second + 4],
        &big[..4],
        "the file part went as is"
    );
    h.to_server.push_back(buf);
    h.settle();
    assert_eq!(
        h.seen_by_server[0].body, big,
        "the server inflated the request"
    );
    assert_eq!(h.seen_by_server[1].body, big);
    assert_eq!(h.outcome(id), &Ok(echo(&big)));
    assert_eq!(h.outcome(part), &Ok(echo(&big)));
}

#[test]
fn rpc_errors_are_typed() {
    let mut h = Harness::new(5);
    h.hold_answers = true;
    let id = h.request(body(1, 2), RequestOptions::default());
    h.settle();
    let req = h.held.pop().unwrap();
    h.server.answer_error(req.msg_id, 420, "FLOOD_WAIT_17");
    h.settle();
    let Err(RequestError::Rpc(e)) = h.outcome(id) else {
        panic!("{:?}", h.outcome(id))
    };
    assert_eq!(
        (e.code, e.name.as_str(), e.value),
        (420, "FLOOD_WAIT", Some(17))
    );
}

#[test]
fn gzipped_results_are_inflated_and_bombs_refused() {
    let mut h = Harness::new(6);
    h.hold_answers = true;
    let a = h.request(body(1, 2), RequestOptions::default());
    let b = h.request(body(2, 2), RequestOptions::default());
    h.settle();
    let result = vec![0x15, 0xc4, 0xb5, 0x1c]
        .into_iter()
        .chain(std::iter::repeat_n(0, 20_000))
        .collect::<Vec<u8>>();
    let gz = gzip_packed(&result);
    h.server.answer(h.held[0].msg_id, &gz);
    let bomb = gzip_packed(&vec![0u8; 17 << 20]);
    h.server.answer(h.held[1].msg_id, &bomb);
    h.settle();
    assert_eq!(h.outcome(a), &Ok(result));
    assert!(matches!(
        h.outcome(b),
        Err(RequestError::MalformedAnswer(_))
    ));
}

/// `gzip_packed#3072cfa1 packed_data:bytes` of `data`.
fn gzip_packed(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    let packed = enc.finish().unwrap();
    let mut out = 0x3072_cfa1u32.to_le_bytes().to_vec();
    pyro_tl_types::primitives::write_bytes(&packed, &mut out);
    out
}

#[test]
fn updates_are_delivered_once_and_acked() {
    let mut h = Harness::new(7);
    h.request(body(1, 1), RequestOptions::default());
    h.advance(Duration::from_secs(2)); // salts fetched, everything acked
    let update = body(99, 5);
    h.server.push(update.clone());
    h.settle();
    let updates: Vec<_> = h
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Update { msg_id, body } => Some((*msg_id, body.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(updates.len(), 1, "{updates:x?}");
    assert_eq!(updates[0].1, update);
    assert_eq!(updates[0].0 & 3, 3, "server-initiated ids are 3 mod 4");
    // The ack goes out once its delay passes.
    let before = h.packets_to_server;
    h.advance(Duration::from_secs(1));
    assert_eq!(h.packets_to_server, before + 1);
}

#[test]
fn keepalive_pings_and_reports_a_dead_link() {
    let mut h = Harness::new(8);
    h.settle();
    h.advance(Duration::from_secs(61));
    assert!(
        h.server.disconnect_deadline().is_some(),
        "ping_delay_disconnect reached the server"
    );
    assert!(!h.events.contains(&Event::ConnectionStale));
    h.faults.loss = 1000;
    h.advance(Duration::from_secs(90));
    assert!(h.events.contains(&Event::ConnectionStale));
}

#[test]
fn future_salts_are_prefetched_so_expiry_costs_nothing() {
    let mut h = Harness::new(9);
    let first = h.request(body(1, 1), RequestOptions::default());
    h.settle();
    for hour in 0..5u32 {
        h.advance(Duration::from_secs(3600));
        let id = h.request(body(hour, 2), RequestOptions::default());
        h.settle();
        assert_eq!(h.outcome(id), &Ok(echo(&body(hour, 2))));
    }
    assert!(h.outcome(first).is_ok());
    assert_eq!(
        h.server.stats().bad_salts,
        0,
        "the client switched salts in time"
    );
}

/// Replaces the harness's client with a fresh engine on the same key starting from `salt`.
fn fresh_client(h: &mut Harness, salt: i64, seed: u8) {
    let now = h.client_now();
    h.client = Engine::new(
        EngineConfig::default(),
        AuthKey::from_bytes(engine_harness::KEY),
        salt,
        [seed; 32],
    );
    h.client.connected(now);
}

#[test]
fn a_wrong_salt_is_corrected_and_the_request_resent() {
    let mut h = Harness::new(10);
    fresh_client(&mut h, 0x0bad_5a17, 10);
    let id = h.request(body(1, 1), RequestOptions::default());
    h.settle();
    assert_eq!(h.outcome(id), &Ok(echo(&body(1, 1))));
    assert_eq!(
        h.server.stats().bad_salts,
        1,
        "one bad_server_salt, then the resend passed"
    );
    assert_eq!(
        h.seen_by_server.len(),
        1,
        "the refused message never reached the caller"
    );
    let salt = h.server.salt_at(h.server_now());
    assert_eq!(h.client.salt(h.client_now()), salt);
}

#[test]
fn destroy_session_reports_whether_it_existed() {
    let mut h = Harness::new(12);
    h.request(body(1, 1), RequestOptions::default());
    h.settle();
    let first = h.client.session_id();
    // A second engine on the same key starts a new session with the same server.
    let salt = h.server.salt_at(h.server_now());
    fresh_client(&mut h, salt, 77);
    h.client.destroy_session(first);
    h.client.destroy_session(12345);
    h.settle();
    assert!(h.events.contains(&Event::SessionDestroyed {
        session_id: first,
        existed: true
    }));
    assert!(h.events.contains(&Event::SessionDestroyed {
        session_id: 12345,
        existed: false
    }));
}

#[test]
fn acks_ride_along_with_the_next_request() {
    let mut h = Harness::new(13);
    h.request(body(1, 1), RequestOptions::default());
    h.settle();
    h.request(body(2, 1), RequestOptions::default());
    let now = h.client_now();
    let mut buf = Vec::new();
    assert!(h.client.poll_transmit(now, &mut buf));
    let plain = engine_harness::open_client_packet(&buf);
    let container = 0x73f1_f8dcu32.to_le_bytes();
    let ack = 0x62d6_b459u32.to_le_bytes();
    assert_eq!(
        &plain[32..36],
        &container,
        "request and ack share a container"
    );
    assert!(plain.windows(4).any(|w| w == ack), "msgs_ack piggy-backed");
    assert!(
        !h.client.poll_transmit(now, &mut buf),
        "no separate ack packet"
    );
}

#[test]
fn gzip_is_used_only_when_it_pays() {
    let mut h = Harness::new(14);
    // 2 KiB of pseudo-random words: gzip would not shrink them.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let noisy: Vec<u8> = std::iter::once(0x1234_5678u32.to_le_bytes())
        .chain((0..511).map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x as u32).to_le_bytes()
        }))
        .flatten()
        .collect();
    let id = h.request(noisy.clone(), RequestOptions::default());
    let now = h.client_now();
    let mut buf = Vec::new();
    assert!(h.client.poll_transmit(now, &mut buf));
    let plain = engine_harness::open_client_packet(&buf);
    assert_eq!(
        &plain[32..36],
        &noisy[..4],
        "sent as is, not as gzip_packed"
    );
    h.to_server.push_back(buf);
    h.settle();
    assert_eq!(h.seen_by_server[0].body, noisy);
    assert_eq!(h.outcome(id), &Ok(echo(&noisy)));
}
