//! `msgs_state_req` sent by the engine itself: a request that heard nothing back (no ack, no
//! answer) for `state_request_after` is asked about, and the server's `msgs_state_info` decides:
//! not received -> resent; answered -> `msg_resend_ans_req`; running -> keep waiting. The server
//! counterpart loses acks, answers and requests on purpose; every request must still end exactly
//! once and run on the server at most once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine_harness;

use std::collections::BTreeMap;
use std::time::Duration;

use engine_harness::{Faults, Harness, body, echo};
use pyro_session::engine::{EngineConfig, RequestError, RequestOptions};
use pyro_session::server::ServerConfig;

/// How often the server ran each request body.
fn runs(h: &Harness) -> BTreeMap<Vec<u8>, usize> {
    let mut out = BTreeMap::new();
    for r in &h.seen_by_server {
        *out.entry(r.body.clone()).or_default() += 1;
    }
    out
}

#[test]
fn a_lost_answer_is_asked_for_again_not_rerun() {
    let mut h = Harness::new(61);
    let id = h.request(body(1, 4), RequestOptions::default());
    // The request arrives and is answered, but every packet back (ack and answer) is lost.
    h.drop_to_client = u32::MAX;
    h.settle();
    h.drop_to_client = 0;
    assert!(h.outcomes[&id].is_empty());
    // Nothing is heard for `state_request_after`: the engine asks, learns that the answer
    // exists, and asks for the answer itself.
    h.advance(Duration::from_secs(24));
    assert!(h.outcomes[&id].is_empty(), "not asked before the period");
    h.advance(Duration::from_secs(2));
    assert_eq!(h.outcome(id), &Ok(echo(&body(1, 4))));
    assert_eq!(h.seen_by_server.len(), 1, "answered again, not run again");
    h.assert_exactly_once();
}

#[test]
fn a_lost_request_is_resent_after_the_server_says_it_never_came() {
    let mut h = Harness::new(62);
    let id = h.request(body(2, 3), RequestOptions::default());
    h.drop_to_server = 1;
    h.settle();
    assert!(h.seen_by_server.is_empty());
    h.advance(Duration::from_secs(26));
    assert_eq!(h.outcome(id), &Ok(echo(&body(2, 3))));
    assert_eq!(h.seen_by_server.len(), 1);
    h.assert_exactly_once();
}

#[test]
fn a_running_request_whose_ack_was_lost_is_waited_for() {
    let mut h = Harness::new(63);
    h.hold_answers = true;
    let id = h.request(body(3, 2), RequestOptions::default());
    h.drop_to_client = u32::MAX;
    h.settle();
    h.drop_to_client = 0;
    assert_eq!(h.held.len(), 1);
    // Asked twice over two periods: the server says "received, processing" both times, so the
    // engine neither resends the request nor asks for an answer.
    let sent = h.packets_to_server;
    h.advance(Duration::from_secs(55));
    assert!(h.packets_to_server >= sent + 2, "asked about it");
    assert_eq!(h.seen_by_server.len(), 1);
    assert!(h.outcomes[&id].is_empty());
    h.release();
    h.settle();
    assert_eq!(h.outcome(id), &Ok(echo(&body(3, 2))));
    h.assert_exactly_once();
}

#[test]
fn asking_can_be_switched_off() {
    let config = EngineConfig {
        state_request_after: None,
        ..EngineConfig::default()
    };
    let mut h = Harness::with(64, config, ServerConfig::default(), 0);
    let id = h.request(body(4, 2), RequestOptions::default());
    h.drop_to_server = 1;
    h.settle();
    h.advance(Duration::from_secs(50));
    assert!(h.outcomes[&id].is_empty(), "nobody asked");
    h.reconnect();
    h.settle();
    assert!(h.outcome(id).is_ok());
}

#[test]
fn heavy_loss_without_reconnects_ends_every_request_once_and_runs_it_at_most_once() {
    for seed in [71u8, 72, 73] {
        let mut h = Harness::new(seed);
        h.faults = Faults {
            loss: 250,
            ..Faults::default()
        };
        let ids: Vec<_> = (0..40)
            .map(|n| h.request(body(n, 3), RequestOptions::default()))
            .collect();
        h.advance(Duration::from_secs(15 * 60));
        h.assert_exactly_once();
        let mut answered = 0;
        for (n, id) in ids.iter().enumerate() {
            match h.outcome(*id) {
                Ok(got) => {
                    assert_eq!(got, &echo(&body(n as u32, 3)));
                    answered += 1;
                }
                Err(RequestError::TooManyResends(_)) => {}
                Err(e) => panic!("request {n}: {e}"),
            }
        }
        assert!(
            answered >= 36,
            "seed {seed}: only {answered} of 40 answered"
        );
        for (body, count) in runs(&h) {
            assert_eq!(count, 1, "seed {seed}: {body:?} ran {count} times");
        }
    }
}
