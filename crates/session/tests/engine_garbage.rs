//! A deterministic stand-in for the `session_payload` fuzz target that runs with the test suite:
//! seeded random payloads, biased towards real constructor ids and containers, go to both ends
//! through `handle_plaintext`. Nothing may panic, and afterwards a request still gets exactly one
//! answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine_harness;

use engine_harness::{Harness, body, echo};
use pyro_session::engine::{Event, RequestOptions};

/// Constructor ids the engine and the server look at.
const IDS: [u32; 22] = [
    0x73f1_f8dc,
    0x3072_cfa1,
    0xe060_46b2,
    0x5bb8_e511,
    0xf35c_6d01,
    0x2144_ca19,
    0x62d6_b459,
    0xa7ef_f811,
    0xedab_447b,
    0x9ec2_0908,
    0x276d_3ec6,
    0x809d_b6df,
    0xda69_fb52,
    0x7d86_1a08,
    0x8610_baeb,
    0x0478_b57d,
    0x3477_73c5,
    0xae50_0895,
    0xe220_45fc,
    0x62d3_50c9,
    0x7abe_77ec,
    0xb921_bd04,
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A payload: a known or random constructor, then words that are often small lengths or
    /// counts, sometimes a nested message.
    fn payload(&mut self, depth: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let id = if self.below(4) == 0 {
            self.next() as u32
        } else {
            IDS[self.below(IDS.len() as u64) as usize]
        };
        out.extend_from_slice(&id.to_le_bytes());
        for _ in 0..self.below(12) {
            let word = match self.below(4) {
                0 => self.below(40) as u32,
                1 => 0x1cb5_c415,
                _ => self.next() as u32,
            };
            out.extend_from_slice(&word.to_le_bytes());
        }
        if depth < 2 && self.below(3) == 0 {
            let inner = self.payload(depth + 1);
            out.extend_from_slice(&(self.next() | 1).to_le_bytes());
            out.extend_from_slice(&(self.below(8) as i32).to_le_bytes());
            out.extend_from_slice(&(inner.len() as u32).to_le_bytes());
            out.extend_from_slice(&inner);
        }
        out
    }
}

fn plaintext(salt: i64, session_id: i64, msg_id: i64, seqno: i32, body: &[u8]) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&salt.to_le_bytes());
    p.extend_from_slice(&session_id.to_le_bytes());
    p.extend_from_slice(&msg_id.to_le_bytes());
    p.extend_from_slice(&seqno.to_le_bytes());
    p.extend_from_slice(&(body.len() as u32).to_le_bytes());
    p.extend_from_slice(body);
    p
}

#[test]
fn random_payloads_never_break_either_end() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut updates, mut calls) = (0, 0);
    for round in 0..40u32 {
        let mut h = Harness::new(round as u8);
        h.request(body(round, 2), RequestOptions::default());
        h.settle();
        let now = h.client_now();
        let session = h.client.session_id();
        let salt = h.server.salt_at(h.server_now());
        // Ids a minute in the past: inside the window, below every real id, so the garbage
        // cannot make the real messages that follow look out of order.
        let base = (now.unix.as_secs() as i64 - 60) << 32;
        for i in 0..250i64 {
            let payload = rng.payload(0);
            let seqno = rng.below(4) as i32;
            let server_id = base + 0x1_0000 + i * 8 + 1;
            let _ = h
                .client
                .handle_plaintext(now, &plaintext(0, session, server_id, seqno, &payload));
            let client_id = base + 0x1_0000 + i * 8;
            let _ = h.server.handle_plaintext(
                h.server_now(),
                &plaintext(salt, session, client_id, seqno, &payload),
            );
        }
        h.drain_events();
        updates += h
            .events
            .iter()
            .filter(|e| matches!(e, Event::Update { .. }))
            .count();
        while h.server.poll_request().is_some() {
            calls += 1;
        }
        let id = h.request(body(round + 1000, 3), RequestOptions::default());
        h.settle();
        h.advance(std::time::Duration::from_secs(2));
        assert_eq!(
            h.outcome(id),
            &Ok(echo(&body(round + 1000, 3))),
            "round {round}"
        );
        h.assert_exactly_once();
    }
    // The garbage got past the checks often enough to reach the dispatchers.
    assert!(
        updates > 500 && calls > 500,
        "{updates} updates, {calls} calls"
    );
}
