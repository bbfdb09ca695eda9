//! A deterministic in-memory pair: the client [`Engine`] and a [`ServerSession`] joined by two
//! packet queues, a virtual clock (the client's wall clock may be skewed), and seeded faults
//! (loss, duplication, reordering). The server's caller answers every request with its body
//! reversed word by word, unless told to hold answers.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::missing_panics_doc
)]

use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_session::engine::{
    Engine, EngineConfig, Event, Now, RequestError, RequestId, RequestOptions,
};
use pyro_session::server::{IncomingRequest, ServerConfig, ServerSession};

pub const KEY: [u8; 256] = {
    let mut k = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        k[i] = (i as u8).wrapping_mul(37).wrapping_add(11);
        i += 1;
    }
    k
};
pub const START_UNIX: u64 = 1_700_000_000;

/// Fault rates in per mille, applied to each packet in each direction.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    pub loss: u32,
    pub duplicate: u32,
    pub reorder: u32,
}

pub struct Harness {
    pub client: Engine,
    pub server: ServerSession,
    pub mono: Duration,
    pub unix: Duration,
    /// Seconds the client's wall clock is ahead of the true time (negative: behind).
    pub client_skew: i64,
    pub to_server: VecDeque<Vec<u8>>,
    pub to_client: VecDeque<Vec<u8>>,
    pub faults: Faults,
    pub hold_answers: bool,
    pub held: Vec<IncomingRequest>,
    pub seen_by_server: Vec<IncomingRequest>,
    pub outcomes: BTreeMap<RequestId, Vec<Result<Vec<u8>, RequestError>>>,
    pub events: Vec<Event>,
    pub client_errors: usize,
    pub packets_to_server: usize,
    /// Drop this many of the next packets to the server (a targeted loss).
    pub drop_to_server: u32,
    /// Drop this many of the next packets to the client.
    pub drop_to_client: u32,
    rng: u64,
}

/// The deterministic answer the harness's server gives: the body's 4-byte words reversed.
pub fn echo(body: &[u8]) -> Vec<u8> {
    body.chunks(4).rev().flatten().copied().collect()
}

/// A TL-shaped request body of `words` words, distinct per `n`.
pub fn body(n: u32, words: usize) -> Vec<u8> {
    let mut b = Vec::with_capacity(words * 4);
    b.extend_from_slice(&0x1234_5678u32.to_le_bytes());
    for i in 1..words {
        b.extend_from_slice(&(n.wrapping_mul(31).wrapping_add(i as u32)).to_le_bytes());
    }
    b
}

impl Harness {
    pub fn new(seed: u8) -> Self {
        Self::with(seed, EngineConfig::default(), ServerConfig::default(), 0)
    }

    pub fn with(
        seed: u8,
        config: EngineConfig,
        server_config: ServerConfig,
        client_skew: i64,
    ) -> Self {
        let mono = Duration::from_secs(1000);
        let unix = Duration::from_secs(START_UNIX);
        let server = ServerSession::new(AuthKey::from_bytes(KEY), [seed ^ 0x55; 32], server_config);
        let salt = server.salt_at(Now::new(mono, unix));
        let mut client = Engine::new(config, AuthKey::from_bytes(KEY), salt, [seed; 32]);
        let mut h = Self {
            client: Engine::new(
                EngineConfig::default(),
                AuthKey::from_bytes(KEY),
                0,
                [0; 32],
            ),
            server,
            mono,
            unix,
            client_skew,
            to_server: VecDeque::new(),
            to_client: VecDeque::new(),
            faults: Faults::default(),
            hold_answers: false,
            held: Vec::new(),
            seen_by_server: Vec::new(),
            outcomes: BTreeMap::new(),
            events: Vec::new(),
            client_errors: 0,
            packets_to_server: 0,
            drop_to_server: 0,
            drop_to_client: 0,
            rng: u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        };
        client.connected(h.client_now());
        h.client = client;
        h
    }

    pub fn client_now(&self) -> Now {
        let unix = if self.client_skew >= 0 {
            self.unix + Duration::from_secs(self.client_skew as u64)
        } else {
            self.unix
                .saturating_sub(Duration::from_secs(self.client_skew.unsigned_abs()))
        };
        Now::new(self.mono, unix)
    }

    pub fn server_now(&self) -> Now {
        Now::new(self.mono, self.unix)
    }

    fn roll(&mut self, per_mille: u32) -> bool {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        per_mille > 0 && (self.rng % 1000) < u64::from(per_mille)
    }

    fn send(&mut self, to_server: bool, packet: Vec<u8>) {
        let targeted = if to_server {
            &mut self.drop_to_server
        } else {
            &mut self.drop_to_client
        };
        if *targeted > 0 {
            *targeted -= 1;
            return;
        }
        let faults = self.faults;
        if self.roll(faults.loss) {
            return;
        }
        let dup = self.roll(faults.duplicate);
        let reorder = self.roll(faults.reorder);
        let queue = if to_server {
            &mut self.to_server
        } else {
            &mut self.to_client
        };
        if dup {
            queue.push_back(packet.clone());
        }
        if reorder {
            queue.push_front(packet);
        } else {
            queue.push_back(packet);
        }
    }

    pub fn request(&mut self, body: Vec<u8>, options: RequestOptions) -> RequestId {
        let now = self.client_now();
        let id = self.client.request(now, body, options).unwrap();
        self.outcomes.entry(id).or_default();
        id
    }

    /// Moves packets until neither side has anything to send.
    pub fn settle(&mut self) {
        for _ in 0..10_000 {
            let mut moved = false;
            let now = self.client_now();
            let mut buf = Vec::new();
            while self.client.poll_transmit(now, &mut buf) {
                self.packets_to_server += 1;
                self.send(true, std::mem::take(&mut buf));
                moved = true;
            }
            let snow = self.server_now();
            while let Some(mut p) = self.to_server.pop_front() {
                let _ = self.server.handle_packet(snow, &mut p);
                moved = true;
            }
            while let Some(req) = self.server.poll_request() {
                self.seen_by_server.push(req.clone());
                if self.hold_answers {
                    self.held.push(req);
                } else {
                    self.server.answer(req.msg_id, &echo(&req.body));
                }
            }
            while self.server.poll_transmit(snow, &mut buf) {
                self.send(false, std::mem::take(&mut buf));
                moved = true;
            }
            while let Some(mut p) = self.to_client.pop_front() {
                if self.client.handle_incoming(now, &mut p).is_err() {
                    self.client_errors += 1;
                }
                moved = true;
            }
            self.drain_events();
            if !moved {
                return;
            }
        }
        panic!("the pair never settled");
    }

    pub fn drain_events(&mut self) {
        while let Some(e) = self.client.poll_event() {
            if let Event::Response { id, result } = &e {
                self.outcomes.entry(*id).or_default().push(result.clone());
            }
            self.events.push(e);
        }
    }

    /// Advances the virtual clock by `by` in steps, running timers and traffic.
    pub fn advance(&mut self, by: Duration) {
        let end = self.mono + by;
        loop {
            self.settle();
            let next = self.client.poll_timeout().filter(|t| *t <= end);
            let step_to = next.unwrap_or(end).max(self.mono);
            let delta = step_to.saturating_sub(self.mono);
            self.mono += delta;
            self.unix += delta;
            self.client.handle_timeout(self.client_now());
            self.settle();
            if next.is_none() || self.mono >= end {
                break;
            }
        }
    }

    /// Answers every held request.
    pub fn release(&mut self) {
        for req in std::mem::take(&mut self.held) {
            self.server.answer(req.msg_id, &echo(&req.body));
        }
    }

    /// A new connection: the client resends what is unanswered.
    pub fn reconnect(&mut self) {
        self.to_server.clear();
        self.to_client.clear();
        self.client.disconnected();
        let now = self.client_now();
        self.client.connected(now);
    }

    /// Asserts that every request got exactly one outcome.
    pub fn assert_exactly_once(&self) {
        for (id, outcomes) in &self.outcomes {
            assert_eq!(
                outcomes.len(),
                1,
                "request {id:?} got {} outcomes: {outcomes:?}",
                outcomes.len()
            );
        }
    }

    pub fn outcome(&self, id: RequestId) -> &Result<Vec<u8>, RequestError> {
        let o = &self.outcomes[&id];
        assert_eq!(o.len(), 1, "{o:?}");
        &o[0]
    }
}

/// Decrypts a client packet to look at its plaintext (header included).
pub fn open_client_packet(packet: &[u8]) -> Vec<u8> {
    packet::decrypt(&AuthKey::from_bytes(KEY), Sender::Client, packet).unwrap()
}
