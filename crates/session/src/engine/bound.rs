//! Requests that need more than a queue slot: a body that names its own msg_id
//! ([`Engine::request_bound`]), a request every other one waits behind ([`Engine::send_first`]),
//! and moving the session to another auth key ([`Engine::switch_key`]).
//!
//! `auth.bindTempAuthKey` needs all three: its inner message, encrypted under the permanent key,
//! carries the msg_id of the call itself; it must be the first request of the temporary key's
//! session; and every new temporary key starts a new session that takes the unanswered requests
//! along.

use pyro_mtproto_crypto::AuthKey;

use super::config::{BodyBuilder, RequestId, RequestOptions};
use super::requests::{Builder, Internal};
use super::salts::Salts;
use super::window::IdWindow;
use super::wire::SeqNo;
use super::{Drbg, Engine, Now, Queued};

impl Engine {
    /// Queues a request whose body depends on the msg_id it goes out under: `build(msg_id)` is
    /// called each time the request is transmitted (first send and every resend), right after
    /// the msg_id is chosen, and its bytes are sent under that msg_id. Bound bodies are never
    /// compressed. A body that is not a TL value or too large ends the request with
    /// [`RequestError::InvalidBody`](super::RequestError::InvalidBody).
    ///
    /// The builder runs inside [`poll_transmit`](Self::poll_transmit); it must not block, and
    /// for a deterministic engine it takes its randomness from a seed of its own.
    pub fn request_bound(
        &mut self,
        now: Now,
        build: BodyBuilder,
        options: RequestOptions,
    ) -> RequestId {
        let id = self
            .ledger
            .add(Vec::new(), Some(Builder(build)), options, now.mono);
        self.queue.push_back(Queued::Request(id));
        id
    }

    /// Makes request `id` go out before every other queued request, and holds every other
    /// request back (queued, not sent) until `id` has ended — with its result, an error, a
    /// timeout or a cancellation. Service messages (acks, pings, salts) are not held. Only one
    /// request can be first: a later call replaces the earlier one. False if `id` has ended.
    pub fn send_first(&mut self, id: RequestId) -> bool {
        if !self.ledger.pending.contains_key(&id) {
            return false;
        }
        self.gate = Some(id);
        self.gate_to_front();
        true
    }

    /// Puts the request sent first (if queued) at the front of the send queue.
    pub(crate) fn gate_to_front(&mut self) {
        let Some(gate) = self.gate else { return };
        if let Some(pos) = self
            .queue
            .iter()
            .position(|q| matches!(q, Queued::Request(id) if *id == gate))
            && let Some(item) = self.queue.remove(pos)
        {
            self.queue.push_front(item);
        }
    }

    /// Moves the session to another auth key (a new temporary key): a new session id from
    /// `seed`, seq_nos from zero, `salt` as the only salt, an empty duplicate window, no pending
    /// acknowledgments. Requests carry over: the ones that went out unanswered are resent in the
    /// new session under new msg_ids once [`connected`](Self::connected) is called (the engine
    /// is disconnected by this call). The message-id clock and its offset carry over too.
    pub fn switch_key(&mut self, key: AuthKey, salt: i64, seed: [u8; 32]) {
        self.disconnected();
        self.key = key;
        self.rng = Drbg::new(seed);
        self.session_id = self.rng.next_i64();
        self.seq = SeqNo::default();
        self.salts = Salts::new(salt);
        self.seen = IdWindow::new(self.config.dedup_window);
        self.acks.clear();
        self.ack_deadline = None;
        // Service messages about the old session mean nothing to the new one.
        self.queue.retain(|q| {
            matches!(
                q,
                Queued::Request(_)
                    | Queued::Internal(Internal::Ping { .. } | Internal::DestroySession { .. }, _)
            )
        });
        for (msg_id, internal) in self.ledger.internal_in_flight() {
            self.ledger.forget(msg_id);
            if let Internal::DestroySession { .. } = internal {
                self.queue_internal(internal);
            }
        }
    }

    /// Server time minus local time in whole seconds (what to store and pass back to
    /// [`set_time_offset`](Self::set_time_offset) after a restart).
    pub fn time_offset_secs(&self) -> i32 {
        let secs = self.clock.offset_nanos() / 1_000_000_000;
        secs.clamp(i128::from(i32::MIN), i128::from(i32::MAX)) as i32
    }
}
