//! The server side of one MTProto session ([`ServerSession`]): what a Telegram DC does with the
//! packets of one client session, sans-IO like the client [`Engine`](crate::engine::Engine).
//!
//! It decrypts client packets, checks them as Telegram does (auth key id and msg_key in the crypto
//! layer; then msg_id parity and time window, duplicates, salt, seq_no), answers the MTProto
//! service messages itself (`ping`, `get_future_salts`, `destroy_session`, `rpc_drop_answer`,
//! `msgs_state_req`, `msg_resend_req`, acks) and hands every other message — an RPC call — to its
//! caller through [`ServerSession::poll_request`]. The caller's answers come back through
//! [`ServerSession::answer`] wrapped in `rpc_result`; [`ServerSession::push`] sends
//! server-initiated messages (updates). The test harness uses it now; the in-memory Telegram of
//! the test DC sits behind it later.

mod receive;
mod salts;
mod service;

use std::collections::VecDeque;
use std::time::Duration;

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::Sender;
use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, types};

use crate::engine::window::{IdMap, IdSet, IdWindow};
use crate::engine::wire::{self, MESSAGE_HEADER_LEN, OutMessage, SeqNo};
use crate::engine::{
    Drbg, MAX_CONTAINER_BYTES, MAX_CONTAINER_MESSAGES, MsgIdClock, Now, PacketError,
};

use salts::SaltSchedule;

/// Tuning of a [`ServerSession`].
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// How long each salt is the current one.
    pub salt_lifetime: Duration,
    /// How long the previous salt is still accepted after its period.
    pub salt_grace: Duration,
    /// Accepted age of a client msg_id (older: `bad_msg_notification` 16).
    pub window_past: Duration,
    /// Accepted lead of a client msg_id (newer: `bad_msg_notification` 17).
    pub window_future: Duration,
    /// How many client msg_ids are remembered to drop duplicates.
    pub dedup_window: usize,
    /// Largest output of one `gzip_packed` inflate.
    pub max_inflate: usize,
    /// How many sent messages are kept for `msg_resend_req`.
    pub resend_memory: usize,
    /// How many bytes of sent messages are kept for `msg_resend_req`, at most: file parts are
    /// up to 512 KiB each, so the count alone would let one connection hold 512 MiB.
    pub resend_memory_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            salt_lifetime: Duration::from_secs(3600),
            salt_grace: Duration::from_secs(1800),
            window_past: Duration::from_secs(300),
            window_future: Duration::from_secs(30),
            dedup_window: 2048,
            max_inflate: 16 << 20,
            resend_memory: 1024,
            resend_memory_bytes: 16 << 20,
        }
    }
}

/// An RPC call from the client, for the caller to answer with [`ServerSession::answer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingRequest {
    /// The client's msg_id: the `req_msg_id` of the answer.
    pub msg_id: i64,
    /// The serialized TL function (inflated if it came as `gzip_packed`).
    pub body: Vec<u8>,
}

/// Counts of what the server refused, for tests and monitoring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerStats {
    /// `bad_server_salt` notifications sent.
    pub bad_salts: u64,
    /// `bad_msg_notification`s sent.
    pub bad_msgs: u64,
    /// Duplicate client messages dropped.
    pub duplicates: u64,
    /// `new_session_created` notifications sent.
    pub new_sessions: u64,
    /// RPC calls handed to the caller.
    pub requests: u64,
    /// Running calls whose answers the client dropped (`rpc_drop_answer`).
    pub dropped_answers: u64,
}

/// The client session currently talking to us.
#[derive(Debug)]
struct Peer {
    session_id: i64,
    seen: IdWindow,
    /// The highest msg_id received and its seq_no (for the seq_no checks).
    last: (i64, i32),
}

/// A message waiting to be sent.
#[derive(Debug)]
struct Out {
    body: Vec<u8>,
    /// An answer to a client message (msg_id 1 mod 4) or not (3 mod 4).
    response: bool,
    /// The request an `rpc_result` answers.
    answers: Option<i64>,
}

/// The server side of one MTProto session. See the [module docs](self).
#[derive(Debug)]
pub struct ServerSession {
    config: ServerConfig,
    key: AuthKey,
    rng: Drbg,
    clock: MsgIdClock,
    seq: SeqNo,
    salts: SaltSchedule,
    peer: Option<Peer>,
    past_sessions: IdSet<i64>,
    out: VecDeque<Out>,
    acks: Vec<i64>,
    requests: VecDeque<IncomingRequest>,
    /// Requests handed to the caller and not answered yet.
    running: IdSet<i64>,
    /// Running requests whose answers the client dropped.
    dropped: IdSet<i64>,
    /// Answers sent: request msg_id -> (answer msg_id, seq_no, bytes).
    answered: IdMap<i64, (i64, i32, i32)>,
    /// Sent messages kept for `msg_resend_req`, oldest first, with the request each answers.
    sent: VecDeque<(i64, Option<i64>, Vec<u8>)>,
    /// The total length of the bodies in `sent`.
    sent_bytes: usize,
    disconnect_at: Option<Duration>,
    stats: ServerStats,
}

impl ServerSession {
    /// A server session over `key`; `seed` drives every random choice (salts, padding, ids).
    pub fn new(key: AuthKey, seed: [u8; 32], config: ServerConfig) -> Self {
        let mut rng = Drbg::new(seed);
        let secret = rng.next_i64() as u64;
        Self {
            salts: SaltSchedule::new(secret, config.salt_lifetime, config.salt_grace),
            config,
            key,
            rng,
            clock: MsgIdClock::default(),
            seq: SeqNo::default(),
            peer: None,
            past_sessions: IdSet::default(),
            out: VecDeque::new(),
            acks: Vec::new(),
            requests: VecDeque::new(),
            running: IdSet::default(),
            dropped: IdSet::default(),
            answered: IdMap::default(),
            sent: VecDeque::new(),
            sent_bytes: 0,
            disconnect_at: None,
            stats: ServerStats::default(),
        }
    }

    /// The salt clients must use at `now`.
    pub fn salt_at(&self, now: Now) -> i64 {
        self.salts.current(now.unix.as_secs())
    }

    /// The client's session id, once it has sent a valid message.
    pub fn session_id(&self) -> Option<i64> {
        self.peer.as_ref().map(|p| p.session_id)
    }

    /// When the connection should be closed because the client's `ping_delay_disconnect` ran
    /// out (a deadline on [`Now::mono`]).
    pub fn disconnect_deadline(&self) -> Option<Duration> {
        self.disconnect_at
    }

    /// What the server refused so far.
    pub fn stats(&self) -> ServerStats {
        self.stats
    }

    /// The msg_id under which the answer to `req_msg_id` went out (while it is remembered).
    pub fn answer_msg_id(&self, req_msg_id: i64) -> Option<i64> {
        self.answered.get(&req_msg_id).map(|(m, _, _)| *m)
    }

    /// The next RPC call to answer.
    pub fn poll_request(&mut self) -> Option<IncomingRequest> {
        self.requests.pop_front()
    }

    /// Answers request `req_msg_id` with `result` (a boxed TL value), inside `rpc_result`. An
    /// answer the client dropped with `rpc_drop_answer` is discarded.
    pub fn answer(&mut self, req_msg_id: i64, result: &[u8]) {
        self.running.remove(&req_msg_id);
        if self.dropped.remove(&req_msg_id) {
            return;
        }
        let mut body = Vec::with_capacity(12 + result.len());
        body.extend_from_slice(&wire::RPC_RESULT.to_le_bytes());
        body.extend_from_slice(&req_msg_id.to_le_bytes());
        body.extend_from_slice(result);
        self.out.push_back(Out {
            body,
            response: true,
            answers: Some(req_msg_id),
        });
    }

    /// Answers request `req_msg_id` with `rpc_error`.
    pub fn answer_error(&mut self, req_msg_id: i64, code: i32, message: &str) {
        let mut result = Vec::with_capacity(16 + message.len());
        result.extend_from_slice(&wire::RPC_ERROR.to_le_bytes());
        result.extend_from_slice(&code.to_le_bytes());
        pyro_tl_types::primitives::write_bytes(message.as_bytes(), &mut result);
        self.answer(req_msg_id, &result);
    }

    /// Sends a server-initiated message (an update, or any service message a test wants to
    /// send): `body` is one boxed TL value, sent as is.
    pub fn push(&mut self, body: Vec<u8>) {
        self.out.push_back(Out {
            body,
            response: false,
            answers: None,
        });
    }

    /// Writes the next packet for the client into `buf` (cleared first), packing queued
    /// messages and acks into a container. False when there is nothing to send or no session.
    pub fn poll_transmit(&mut self, now: Now, buf: &mut Vec<u8>) -> bool {
        let Some(session_id) = self.peer.as_ref().map(|p| p.session_id) else {
            return false;
        };
        let mut picked: Vec<Out> = Vec::new();
        let mut bytes = 0;
        if !self.acks.is_empty() {
            let msg_ids = std::mem::take(&mut self.acks);
            let body = enums::MsgsAck::MsgsAck(types::MsgsAck { msg_ids }).to_bytes();
            bytes += MESSAGE_HEADER_LEN + body.len();
            picked.push(Out {
                body,
                response: false,
                answers: None,
            });
        }
        while let Some(next) = self.out.front() {
            let len = MESSAGE_HEADER_LEN + next.body.len();
            if !picked.is_empty()
                && (picked.len() >= MAX_CONTAINER_MESSAGES || bytes + len > MAX_CONTAINER_BYTES)
            {
                break;
            }
            bytes += len;
            if let Some(o) = self.out.pop_front() {
                picked.push(o);
            }
        }
        if picked.is_empty() {
            return false;
        }
        let salt = self.salt_at(now);
        let ids: Vec<(i64, i32)> = picked
            .iter()
            .map(|o| {
                let msg_id = self.clock.next(now, if o.response { 1 } else { 3 });
                (msg_id, self.seq.next(wire::is_content_related(&o.body)))
            })
            .collect();
        wire::begin_plaintext(buf, salt, session_id);
        let container = (picked.len() > 1).then(|| {
            let msg_id = self.clock.next(now, 3);
            let seqno = self.seq.next(false);
            wire::begin_container(buf, msg_id, seqno, picked.len())
        });
        for (o, &(msg_id, seqno)) in picked.iter().zip(&ids) {
            wire::write_message(
                buf,
                &OutMessage {
                    msg_id,
                    seqno,
                    body: &o.body,
                },
            );
        }
        if let Some(start) = container {
            wire::end_container(buf, start);
        }
        for (o, (msg_id, seqno)) in picked.into_iter().zip(ids) {
            self.remember(msg_id, seqno, o);
        }
        wire::seal(&self.key, Sender::Server, &mut self.rng, 3, buf)
    }

    /// Keeps a sent message for `msg_resend_req` and `rpc_drop_answer`.
    fn remember(&mut self, msg_id: i64, seqno: i32, o: Out) {
        if let Some(req) = o.answers {
            self.answered
                .insert(req, (msg_id, seqno, o.body.len() as i32));
        }
        if !wire::is_content_related(&o.body) {
            return;
        }
        while !self.sent.is_empty()
            && (self.sent.len() >= self.config.resend_memory
                || self.sent_bytes + o.body.len() > self.config.resend_memory_bytes)
            && let Some((_, answers, body)) = self.sent.pop_front()
        {
            self.sent_bytes -= body.len();
            if let Some(req) = answers {
                self.answered.remove(&req);
            }
        }
        self.sent_bytes += o.body.len();
        self.sent.push_back((msg_id, o.answers, o.body));
    }

    /// Decrypts one client packet (in place) and processes it.
    pub fn handle_packet(&mut self, now: Now, packet: &mut [u8]) -> Result<(), PacketError> {
        let plain =
            pyro_mtproto_crypto::packet::decrypt_in_place(&self.key, Sender::Client, packet)?;
        self.handle_plaintext(now, plain)
    }
}
