//! The client side of one MTProto session, as a sans-IO state machine ([`Engine`]).
//!
//! The engine turns requests (serialized TL functions) into encrypted packets and packets from
//! the server into results, updates and events. It never reads a clock or the OS RNG and never
//! touches a socket: the caller passes [`Now`] into every call, seeds the engine's [`Drbg`], and
//! moves the packets. The [`driver`](crate::driver) does that over a real connection; the tests
//! do it over an in-memory pipe with a virtual clock.
//!
//! Modules: `wire` (plaintext layout, containers, gzip, seq_no), `time` (the msg_id clock),
//! `requests` (what was sent), `salts`, `window` (duplicate detection), `outgoing` (packing and
//! encrypting), `incoming` (checks and unwrapping), `service` (every service message), `probe`
//! (`msgs_state_req` about silent requests) and `bound` (msg_id-bound bodies, the request sent
//! first, switching keys).

mod bound;
mod config;
mod error;
mod incoming;
mod outgoing;
mod probe;
mod requests;
mod rng;
mod salts;
mod service;
mod time;
pub(crate) mod window;
pub(crate) mod wire;

use std::collections::VecDeque;
use std::time::Duration;

use pyro_mtproto_crypto::AuthKey;

pub use config::{
    BodyBuilder, EngineConfig, Event, MAX_CONTAINER_BYTES, MAX_CONTAINER_MESSAGES,
    MAX_MESSAGE_BYTES, RequestId, RequestOptions,
};
pub use error::{EngineError, PacketError, PayloadError, RequestError, RpcError};
pub use rng::Drbg;
pub use time::Now;

pub(crate) use time::MsgIdClock;

use requests::{Internal, Ledger};
use salts::Salts;
use window::IdWindow;
use wire::SeqNo;

/// One item of the send queue.
#[derive(Debug)]
enum Queued {
    /// A caller's request (its body lives in the ledger).
    Request(RequestId),
    /// A service message of the engine's own, with its body.
    Internal(Internal, Vec<u8>),
}

/// The client side of one MTProto session over one auth key.
///
/// # Polling order
///
/// After anything happens — a call to [`request`](Self::request), [`cancel`](Self::cancel),
/// [`connected`](Self::connected), a packet given to [`handle_incoming`](Self::handle_incoming)
/// or a timer handed to [`handle_timeout`](Self::handle_timeout) — the caller:
/// 1. calls [`poll_transmit`](Self::poll_transmit) until it returns `false`, sending each packet;
/// 2. calls [`poll_event`](Self::poll_event) until it returns `None`, delivering each event;
/// 3. arms one timer at [`poll_timeout`](Self::poll_timeout) (a deadline on [`Now::mono`]) and,
///    when it fires, calls `handle_timeout` and starts again at 1.
///
/// Every request ends with exactly one [`Event::Response`]: its result, an [`RpcError`], or a
/// [`RequestError`] (timeout, cancellation, a refusal resending cannot fix, closing).
///
/// # Example
///
/// A request travels to the in-crate server counterpart and its answer comes back:
///
/// ```
/// use std::time::Duration;
/// use pyro_mtproto_crypto::AuthKey;
/// use pyro_session::engine::{Engine, EngineConfig, Event, Now, RequestOptions};
/// use pyro_session::server::{ServerConfig, ServerSession};
///
/// let now = Now::new(Duration::ZERO, Duration::from_secs(1_700_000_000));
/// let key = [9u8; 256];
/// let mut server = ServerSession::new(AuthKey::from_bytes(key), [1; 32], ServerConfig::default());
/// let salt = server.salt_at(now);
/// let mut client = Engine::new(EngineConfig::default(), AuthKey::from_bytes(key), salt, [2; 32]);
/// client.connected(now);
///
/// let id = client.request(now, vec![0x78, 0x56, 0x34, 0x12, 1, 0, 0, 0], RequestOptions::default())?;
/// let mut packet = Vec::new();
/// while client.poll_transmit(now, &mut packet) {
///     server.handle_packet(now, &mut packet)?;
/// }
/// let req = server.poll_request().expect("the request arrived");
/// assert_eq!(req.body, [0x78, 0x56, 0x34, 0x12, 1, 0, 0, 0]);
/// server.answer(req.msg_id, b"\x15\xc4\xb5\x1c\0\0\0\0"); // vector#1cb5c415, empty
/// while server.poll_transmit(now, &mut packet) {
///     client.handle_incoming(now, &mut packet)?;
/// }
/// let mut answer = None;
/// while let Some(event) = client.poll_event() {
///     if let Event::Response { id: got, result } = event {
///         assert_eq!(got, id);
///         answer = Some(result);
///     }
/// }
/// assert_eq!(answer, Some(Ok(b"\x15\xc4\xb5\x1c\0\0\0\0".to_vec())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Engine {
    config: EngineConfig,
    key: AuthKey,
    session_id: i64,
    rng: Drbg,
    clock: MsgIdClock,
    seq: SeqNo,
    salts: Salts,
    ledger: Ledger,
    queue: VecDeque<Queued>,
    acks: Vec<i64>,
    ack_deadline: Option<Duration>,
    seen: IdWindow,
    events: VecDeque<Event>,
    connected: bool,
    next_ping: Option<Duration>,
    /// The keepalive ping waiting for its pong, and when to give up on it.
    pong_deadline: Option<(Duration, i64)>,
    /// The request every other one waits behind ([`send_first`](Self::send_first)).
    gate: Option<RequestId>,
    /// When to look for requests to ask about with `msgs_state_req`.
    probe_at: Option<Duration>,
}

impl Engine {
    /// A new session (random session id from `seed`) over `key`, starting with `salt` (from the
    /// key exchange or storage; a wrong one is corrected by the server's `bad_server_salt`).
    pub fn new(config: EngineConfig, key: AuthKey, salt: i64, seed: [u8; 32]) -> Self {
        let mut rng = Drbg::new(seed);
        let session_id = rng.next_i64();
        Self {
            seen: IdWindow::new(config.dedup_window),
            config,
            key,
            session_id,
            rng,
            clock: MsgIdClock::default(),
            seq: SeqNo::default(),
            salts: Salts::new(salt),
            ledger: Ledger::default(),
            queue: VecDeque::new(),
            acks: Vec::new(),
            ack_deadline: None,
            events: VecDeque::new(),
            connected: false,
            next_ping: None,
            pong_deadline: None,
            gate: None,
            probe_at: None,
        }
    }

    /// This session's id.
    pub fn session_id(&self) -> i64 {
        self.session_id
    }

    /// The salt the next packet would carry at `now`.
    pub fn salt(&mut self, now: Now) -> i64 {
        let secs = self.clock.server_secs(now);
        self.salts.salt_at(secs)
    }

    /// Server time minus local time, as learnt from the server (zero until a resync).
    pub fn time_offset(&self) -> Duration {
        Duration::from_nanos(
            self.clock
                .offset_nanos()
                .unsigned_abs()
                .min(u128::from(u64::MAX)) as u64,
        )
    }

    /// Adopts a known server-minus-local clock offset in seconds (from the key exchange's
    /// `time_offset` or storage), before the server corrects it.
    pub fn set_time_offset(&mut self, offset_secs: i32) {
        self.clock.set_offset_secs(offset_secs);
    }

    /// Whether the server's clock is ahead of ours (the sign of [`time_offset`](Self::time_offset)).
    pub fn server_clock_ahead(&self) -> bool {
        self.clock.offset_nanos() > 0
    }

    /// How many requests wait for their outcome.
    pub fn pending_requests(&self) -> usize {
        self.ledger.pending.len()
    }

    /// Queues a request: `body` is a serialized TL function (its constructor id first). Bodies
    /// above [`EngineConfig::gzip_threshold`] are sent as `gzip_packed` when `options.compress`
    /// allows it and the compressed form is smaller.
    pub fn request(
        &mut self,
        now: Now,
        body: Vec<u8>,
        options: RequestOptions,
    ) -> Result<RequestId, EngineError> {
        if body.len() < 4 || !body.len().is_multiple_of(4) {
            return Err(EngineError::NotTl(body.len()));
        }
        let body = if options.compress && body.len() > self.config.gzip_threshold {
            wire::gzip_if_smaller(&body).unwrap_or(body)
        } else {
            body
        };
        outgoing::check_body(&body)?;
        let id = self.ledger.add(body, None, options, now.mono);
        self.queue.push_back(Queued::Request(id));
        Ok(id)
    }

    /// Cancels a request: it ends with [`RequestError::Cancelled`], and if it already went out
    /// the server is told with `rpc_drop_answer`. False if the request had already ended.
    pub fn cancel(&mut self, id: RequestId) -> bool {
        self.end_early(id, RequestError::Cancelled)
    }

    /// Asks the server to destroy another session of this auth key (`destroy_session`); the
    /// answer arrives as [`Event::SessionDestroyed`].
    pub fn destroy_session(&mut self, session_id: i64) {
        self.queue_internal(Internal::DestroySession { session_id });
    }

    /// A new connection is up: every request that went out without an answer is resent (under a
    /// new msg_id), keepalive starts. Call it for the first connection too.
    pub fn connected(&mut self, now: Now) {
        self.connected = true;
        let in_flight = self.ledger.in_flight();
        for (_, id) in in_flight.into_iter().rev() {
            if let Some(p) = self.ledger.pending.get_mut(&id) {
                p.queued = true;
                self.queue.push_front(Queued::Request(id));
            }
        }
        for (msg_id, internal) in self.ledger.internal_in_flight() {
            self.ledger.forget(msg_id);
            match internal {
                Internal::FutureSalts => self.salts.retry_at(now.mono),
                Internal::DropAnswer { .. } | Internal::DestroySession { .. } => {
                    self.queue_internal(internal);
                }
                Internal::Ping { .. } | Internal::StateReq { .. } | Internal::OneShot => {}
            }
        }
        self.gate_to_front();
        self.pong_deadline = None;
        self.next_ping = Some(now.mono + self.config.ping_interval);
    }

    /// The connection is gone: nothing is sent until [`connected`](Self::connected).
    pub fn disconnected(&mut self) {
        self.connected = false;
        self.next_ping = None;
        self.pong_deadline = None;
    }

    /// Whether the engine currently sends (between `connected` and `disconnected`).
    pub fn is_connected(&self) -> bool {
        self.connected
    }

    /// Ends every pending request with [`RequestError::SessionClosed`].
    pub fn close(&mut self) {
        let mut ids: Vec<RequestId> = self.ledger.pending.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            self.complete(id, Err(RequestError::SessionClosed));
        }
        self.queue.clear();
        self.disconnected();
    }

    /// The next event, in the order they happened.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// The earliest deadline (on [`Now::mono`]) at which [`handle_timeout`](Self::handle_timeout)
    /// has work to do.
    pub fn poll_timeout(&self) -> Option<Duration> {
        let mut next = self.ledger.next_deadline();
        let mut consider = |t: Option<Duration>| {
            if let Some(t) = t {
                next = Some(next.map_or(t, |n: Duration| n.min(t)));
            }
        };
        consider(self.pong_deadline.map(|(d, _)| d));
        if self.connected {
            consider(self.ack_deadline);
            consider(self.next_ping);
            consider(self.salts.refresh_at());
            consider(self.probe_at);
        }
        next
    }

    /// Runs every timer due at `now`: request timeouts, keepalive, salt prefetch (acks due are
    /// sent by the next [`poll_transmit`](Self::poll_transmit)).
    pub fn handle_timeout(&mut self, now: Now) {
        while let Some(id) = self.ledger.pop_expired(now.mono) {
            self.end_early(id, RequestError::Timeout);
        }
        if let Some((deadline, _)) = self.pong_deadline
            && deadline <= now.mono
        {
            self.pong_deadline = None;
            self.events.push_back(Event::ConnectionStale);
        }
        if !self.connected {
            return;
        }
        if self.next_ping.is_some_and(|t| t <= now.mono) {
            let ping_id = self.rng.next_i64();
            self.queue_internal(Internal::Ping { ping_id });
            self.pong_deadline = Some((now.mono + self.config.pong_timeout, ping_id));
            self.next_ping = Some(now.mono + self.config.ping_interval);
        }
        if self.salts.refresh_at().is_some_and(|t| t <= now.mono) {
            self.salts.fetching();
            self.queue_internal(Internal::FutureSalts);
        }
        if self.probe_at.is_some_and(|t| t <= now.mono) {
            self.probe(now);
        }
    }

    /// Ends a request before its answer (timeout, cancellation), dropping the answer if sent.
    fn end_early(&mut self, id: RequestId, why: RequestError) -> bool {
        let Some(p) = self.finish(id) else {
            return false;
        };
        if let Some(&req_msg_id) = p.msg_ids.last() {
            self.queue_internal(Internal::DropAnswer { req_msg_id });
        }
        self.events.push_back(Event::Response {
            id,
            result: Err(why),
        });
        true
    }

    /// Delivers a request's outcome (once: the ledger forgets it).
    fn complete(&mut self, id: RequestId, result: Result<Vec<u8>, RequestError>) {
        if self.finish(id).is_some() {
            self.events.push_back(Event::Response { id, result });
        }
    }

    /// Forgets an ended request, opening the gate if it was the one sent first.
    fn finish(&mut self, id: RequestId) -> Option<requests::Pending> {
        if self.gate == Some(id) {
            self.gate = None;
        }
        self.ledger.finish(id)
    }
}
