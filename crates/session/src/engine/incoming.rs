//! Receiving: decryption, the security checks on every message (session, msg_id parity, time
//! window, duplicates), and unwrapping of containers, `gzip_packed` and `msg_copy`.

use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_tl_types::Deserializable;
use pyro_tl_types::mtproto::enums;

use super::error::{PacketError, PayloadError};
use super::requests::Target;
use super::wire::{self, GZIP_PACKED, MSG_CONTAINER, MSG_COPY};
use super::{Engine, Now};

/// How deeply `gzip_packed` and `msg_copy` may wrap each other.
const MAX_WRAP_DEPTH: u8 = 3;

impl Engine {
    /// Decrypts and processes one packet from the server (`packet` is decrypted in place).
    ///
    /// A packet that fails a check is dropped whole and the error says why; the engine stays
    /// usable. Messages inside a container are checked one by one: a bad one is skipped, the
    /// others processed, and the first error is returned.
    pub fn handle_incoming(&mut self, now: Now, packet: &mut [u8]) -> Result<(), PacketError> {
        let plain = packet::decrypt_in_place(&self.key, Sender::Server, packet)?;
        self.handle_plaintext(now, plain)
    }

    /// Processes a decrypted plaintext (header included, padding removed) as
    /// [`handle_incoming`](Self::handle_incoming) does after decryption. For tests and fuzzing;
    /// every check after decryption still applies.
    pub fn handle_plaintext(&mut self, now: Now, plain: &[u8]) -> Result<(), PacketError> {
        let h = wire::parse_plaintext(plain)?;
        if h.session_id != self.session_id {
            return Err(PacketError::WrongSession {
                expected: self.session_id,
                got: h.session_id,
            });
        }
        if h.msg_id & 1 == 0 {
            return Err(PacketError::BadMsgIdParity(h.msg_id));
        }
        if !self.clock.in_window(
            now,
            h.msg_id,
            self.config.window_past,
            self.config.window_future,
        ) {
            // A server that says our clock is wrong (bad_msg_notification 16/17 about a message
            // we sent) is the one authority on the time: adopt its clock, then check again.
            if self.corrects_our_clock(h.body) {
                self.clock.sync_to(now, h.msg_id);
            } else {
                return Err(PacketError::OutOfWindow {
                    msg_id: h.msg_id,
                    skew_secs: (self.clock.skew(now, h.msg_id) / 1_000_000_000) as i64,
                });
            }
        }
        if !self.seen.insert(h.msg_id) {
            return Err(PacketError::Duplicate(h.msg_id));
        }
        self.process(now, h.msg_id, h.seqno, h.body, true)
    }

    /// Whether `body` is, or contains, a `bad_msg_notification` 16/17 about one of our messages.
    fn corrects_our_clock(&self, body: &[u8]) -> bool {
        let is_fix = |b: &[u8]| match enums::BadMsgNotification::from_bytes(b) {
            Ok(enums::BadMsgNotification::BadMsgNotification(n)) => {
                matches!(n.error_code, 16 | 17) && self.ledger.target(n.bad_msg_id).is_some()
            }
            _ => false,
        };
        if wire::constructor(body) == Some(MSG_CONTAINER) {
            body.get(4..)
                .and_then(|b| wire::parse_container(b).ok())
                .is_some_and(|msgs| msgs.iter().any(|m| is_fix(m.body)))
        } else {
            is_fix(body)
        }
    }

    /// Acks a content-related message and unwraps it; `outer` allows a container. (The order of
    /// ids inside a server's container is not checked: the rule binds clients' containers.)
    fn process(
        &mut self,
        now: Now,
        msg_id: i64,
        seqno: i32,
        body: &[u8],
        outer: bool,
    ) -> Result<(), PacketError> {
        if seqno & 1 == 1 {
            self.ack(now, msg_id);
        }
        if wire::constructor(body) != Some(MSG_CONTAINER) {
            return self.unwrap(now, msg_id, body, 0);
        }
        if !outer {
            return Err(PayloadError::UnexpectedConstructor(MSG_CONTAINER).into());
        }
        let msgs = wire::parse_container(body.get(4..).unwrap_or_default())?;
        let mut first_error = None;
        for m in msgs {
            let result = if m.msg_id & 1 == 0 {
                Err(PacketError::BadMsgIdParity(m.msg_id))
            } else if !self.seen.insert(m.msg_id) {
                Err(PacketError::Duplicate(m.msg_id))
            } else {
                self.process(now, m.msg_id, m.seqno, m.body, false)
            };
            if let Err(e) = result {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Removes `gzip_packed` and `msg_copy` wrappers, then dispatches the message.
    fn unwrap(&mut self, now: Now, msg_id: i64, body: &[u8], depth: u8) -> Result<(), PacketError> {
        match wire::constructor(body) {
            Some(GZIP_PACKED) if depth < MAX_WRAP_DEPTH => {
                let inner =
                    wire::gunzip(body.get(4..).unwrap_or_default(), self.config.max_inflate)?;
                self.unwrap(now, msg_id, &inner, depth + 1)
            }
            Some(MSG_COPY) if depth < MAX_WRAP_DEPTH => {
                let m = wire::parse_msg_copy(body.get(4..).unwrap_or_default())?;
                if m.msg_id & 1 == 0 {
                    return Err(PacketError::BadMsgIdParity(m.msg_id));
                }
                if !self.seen.insert(m.msg_id) {
                    return Err(PacketError::Duplicate(m.msg_id));
                }
                self.unwrap(now, m.msg_id, m.body, depth + 1)
            }
            Some(GZIP_PACKED | MSG_COPY | MSG_CONTAINER) => Err(
                PayloadError::UnexpectedConstructor(wire::constructor(body).unwrap_or(0)).into(),
            ),
            _ => {
                self.dispatch(now, msg_id, body);
                Ok(())
            }
        }
    }

    /// Resends whatever `msg_id` carried (a request, a service message, a container's
    /// contents, acks). `counted` resends count towards [`EngineConfig::max_resends`](super::EngineConfig::max_resends).
    pub(crate) fn resend(&mut self, msg_id: i64, counted: bool) {
        let Some(target) = self.ledger.target(msg_id).cloned() else {
            return;
        };
        match target {
            Target::Request(id) => self.requeue(id, counted),
            Target::Internal(internal) => {
                self.ledger.forget(msg_id);
                self.queue_internal(internal);
            }
            Target::Container(children) => {
                self.ledger.forget(msg_id);
                for child in children {
                    self.resend(child, counted);
                }
            }
            Target::Acks(ids) => {
                self.ledger.forget(msg_id);
                self.acks.extend(ids);
            }
        }
    }

    /// Puts a request back into the send queue (unless it is there already).
    fn requeue(&mut self, id: super::RequestId, counted: bool) {
        if self.ledger.pending.get(&id).is_none_or(|p| p.queued) {
            return;
        }
        if counted && !self.count_resend(id) {
            return;
        }
        let Some(p) = self.ledger.pending.get_mut(&id) else {
            return;
        };
        p.queued = true;
        if self.gate == Some(id) {
            self.queue.push_front(super::Queued::Request(id));
        } else {
            self.queue.push_back(super::Queued::Request(id));
        }
    }

    /// Counts one more resend of request `id` (of the request or of its answer); past
    /// [`EngineConfig::max_resends`](super::EngineConfig::max_resends) the request ends with
    /// [`RequestError::TooManyResends`](super::RequestError::TooManyResends) and this is false.
    pub(crate) fn count_resend(&mut self, id: super::RequestId) -> bool {
        let max = self.config.max_resends;
        let Some(p) = self.ledger.pending.get_mut(&id) else {
            return false;
        };
        p.resends += 1;
        if p.resends > max {
            let n = p.resends - 1;
            self.complete(id, Err(super::RequestError::TooManyResends(n)));
            return false;
        }
        true
    }

    /// Ends whatever `msg_id` carried with a refusal (`bad_msg_notification` codes that
    /// resending cannot fix).
    pub(crate) fn refuse(&mut self, msg_id: i64, code: i32) {
        match self.ledger.target(msg_id).cloned() {
            Some(Target::Request(id)) => {
                self.complete(id, Err(super::RequestError::BadMessage { code }));
            }
            Some(Target::Container(children)) => {
                self.ledger.forget(msg_id);
                for child in children {
                    self.refuse(child, code);
                }
            }
            Some(_) => {
                self.ledger.forget(msg_id);
            }
            None => {}
        }
    }
}
