//! Sending: the queue, acknowledgments, packing into `msg_container`s within Telegram's limits,
//! msg_id and seq_no assignment, and encryption.

use pyro_mtproto_crypto::packet::Sender;
use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, functions, types};

use super::config::{MAX_CONTAINER_BYTES, MAX_CONTAINER_MESSAGES, MAX_MESSAGE_BYTES, RequestId};
use super::error::{EngineError, RequestError};
use super::requests::{Internal, Target};
use super::wire::{self, MESSAGE_HEADER_LEN, OutMessage};
use super::{Engine, Now, Queued};

/// Most ids in one `msgs_ack`.
const ACKS_PER_MESSAGE: usize = 8192;

/// A message chosen for the next packet.
enum Picked {
    Request(RequestId),
    Internal(Internal, Vec<u8>),
    Acks(Vec<i64>, Vec<u8>),
}

impl Engine {
    /// Queues one of the engine's own messages.
    pub(crate) fn queue_internal(&mut self, internal: Internal) {
        let body = match &internal {
            Internal::Ping { ping_id } => functions::PingDelayDisconnect {
                ping_id: *ping_id,
                disconnect_delay: self.config.disconnect_delay.as_secs().min(i32::MAX as u64)
                    as i32,
            }
            .to_bytes(),
            Internal::FutureSalts => functions::GetFutureSalts {
                num: self.config.future_salts,
            }
            .to_bytes(),
            Internal::DropAnswer { req_msg_id } => functions::RpcDropAnswer {
                req_msg_id: *req_msg_id,
            }
            .to_bytes(),
            Internal::DestroySession { session_id } => functions::DestroySession {
                session_id: *session_id,
            }
            .to_bytes(),
            Internal::StateReq { msg_ids } => {
                enums::MsgsStateReq::MsgsStateReq(types::MsgsStateReq {
                    msg_ids: msg_ids.clone(),
                })
                .to_bytes()
            }
            Internal::OneShot => return,
        };
        self.push_internal(Queued::Internal(internal, body));
    }

    /// Queues a one-shot service message (`msg_resend_req`, `msgs_state_info`).
    pub(crate) fn queue_one_shot(&mut self, body: Vec<u8>) {
        self.push_internal(Queued::Internal(Internal::OneShot, body));
    }

    /// Service messages go to the back of the queue, or to the front while requests are held
    /// behind the one sent first (they are never held).
    fn push_internal(&mut self, item: Queued) {
        if self.gate.is_some() {
            self.queue.push_front(item);
        } else {
            self.queue.push_back(item);
        }
    }

    /// Remembers that `msg_id` must be acknowledged.
    pub(crate) fn ack(&mut self, now: Now, msg_id: i64) {
        self.acks.push(msg_id);
        if self.ack_deadline.is_none() {
            self.ack_deadline = Some(now.mono + self.config.ack_delay);
        }
    }

    /// Writes the next packet to send into `buf` (cleared first): `auth_key_id`, `msg_key` and
    /// the encrypted message or container, ready for the transport. False when there is nothing
    /// to send now (or the engine is not [`connected`](Self::connected)).
    ///
    /// Queued requests, service messages and pending acknowledgments are packed together into a
    /// `msg_container` (at most [`MAX_CONTAINER_MESSAGES`] messages and [`MAX_CONTAINER_BYTES`]
    /// bytes); acknowledgments alone go out only once [`EngineConfig::ack_delay`](super::EngineConfig::ack_delay) passed.
    pub fn poll_transmit(&mut self, now: Now, buf: &mut Vec<u8>) -> bool {
        if !self.connected {
            return false;
        }
        let picked = self.pick(now);
        if picked.is_empty() {
            return false;
        }
        self.write_packet(now, picked, buf)
    }

    /// Chooses the messages of the next packet and gives each its msg_id and seq_no, in order
    /// (a bound request's body is built for its msg_id here).
    fn pick(&mut self, now: Now) -> Vec<(Picked, i64, i32)> {
        let mut picked = Vec::new();
        let mut bytes = 0;
        let acks_due =
            self.ack_deadline.is_some_and(|d| d <= now.mono) || self.acks.len() >= ACKS_PER_MESSAGE;
        let has_work = self.queue.iter().any(|q| match q {
            Queued::Request(id) => self.ledger.pending.get(id).is_some_and(|p| p.queued),
            Queued::Internal(..) => true,
        });
        if !self.acks.is_empty() && (acks_due || has_work) {
            let take = self.acks.len().min(ACKS_PER_MESSAGE);
            let ids: Vec<i64> = self.acks.drain(..take).collect();
            let body = enums::MsgsAck::MsgsAck(types::MsgsAck {
                msg_ids: ids.clone(),
            })
            .to_bytes();
            bytes += MESSAGE_HEADER_LEN + body.len();
            let msg_id = self.clock.next(now, 0);
            let seqno = self.seq.next(false);
            picked.push((Picked::Acks(ids, body), msg_id, seqno));
            if self.acks.is_empty() {
                self.ack_deadline = None;
            }
        }
        while let Some(front) = self.queue.front() {
            if !picked.is_empty() && picked.len() >= MAX_CONTAINER_MESSAGES {
                break;
            }
            let fits = |len: usize| {
                picked.is_empty() || bytes + MESSAGE_HEADER_LEN + len <= MAX_CONTAINER_BYTES
            };
            let (len, msg_id) = match front {
                Queued::Request(id) => {
                    let id = *id;
                    if self.gate.is_some_and(|g| g != id) {
                        // Held back until the request sent first has ended.
                        break;
                    }
                    let Some(p) = self.ledger.pending.get_mut(&id).filter(|p| p.queued) else {
                        self.queue.pop_front();
                        continue;
                    };
                    if let Some(build) = &mut p.build {
                        let msg_id = self.clock.next(now, 0);
                        p.body = (build.0)(msg_id);
                        if let Err(e) = check_body(&p.body) {
                            self.queue.pop_front();
                            self.complete(id, Err(RequestError::InvalidBody(e)));
                            continue;
                        }
                        (p.body.len(), Some(msg_id))
                    } else {
                        (p.body.len(), None)
                    }
                }
                Queued::Internal(_, body) => (body.len(), None),
            };
            if !fits(len) {
                break;
            }
            bytes += MESSAGE_HEADER_LEN + len;
            let msg_id = msg_id.unwrap_or_else(|| self.clock.next(now, 0));
            match self.queue.pop_front() {
                Some(Queued::Request(id)) => {
                    let content = self.ledger.pending.get_mut(&id).is_none_or(|p| {
                        p.queued = false;
                        p.heard = now.mono;
                        wire::is_content_related(&p.body)
                    });
                    let seqno = self.seq.next(content);
                    picked.push((Picked::Request(id), msg_id, seqno));
                }
                Some(Queued::Internal(internal, body)) => {
                    let seqno = self.seq.next(wire::is_content_related(&body));
                    picked.push((Picked::Internal(internal, body), msg_id, seqno));
                }
                None => break,
            }
        }
        picked
    }

    /// Writes the plaintext of the picked messages (in a container if several) and encrypts
    /// it into `buf`.
    fn write_packet(
        &mut self,
        now: Now,
        picked: Vec<(Picked, i64, i32)>,
        buf: &mut Vec<u8>,
    ) -> bool {
        let salt = self.salt(now);
        wire::begin_plaintext(buf, salt, self.session_id);
        let container = if picked.len() > 1 {
            let msg_id = self.clock.next(now, 0);
            let seqno = self.seq.next(false);
            Some((
                msg_id,
                wire::begin_container(buf, msg_id, seqno, picked.len()),
            ))
        } else {
            None
        };
        for (p, msg_id, seqno) in &picked {
            let body: &[u8] = match p {
                Picked::Request(id) => self
                    .ledger
                    .pending
                    .get(id)
                    .map_or(&[], |p| p.body.as_slice()),
                Picked::Internal(_, body) | Picked::Acks(_, body) => body,
            };
            wire::write_message(
                buf,
                &OutMessage {
                    msg_id: *msg_id,
                    seqno: *seqno,
                    body,
                },
            );
        }
        if let Some((msg_id, start)) = container {
            wire::end_container(buf, start);
            self.ledger.record(
                msg_id,
                Target::Container(picked.iter().map(|(_, m, _)| *m).collect()),
            );
        }
        for (p, msg_id, _) in picked {
            let target = match p {
                Picked::Request(id) => {
                    self.schedule_probe(now);
                    Target::Request(id)
                }
                Picked::Internal(internal, _) => Target::Internal(internal),
                Picked::Acks(acked, _) => Target::Acks(acked),
            };
            self.ledger.record(msg_id, target);
        }
        wire::seal(
            &self.key,
            Sender::Client,
            &mut self.rng,
            self.config.max_extra_padding_blocks,
            buf,
        )
    }
}

/// Checks that a request body can be sent: a TL value (whole words, a constructor id at least)
/// that fits one message.
pub(crate) fn check_body(body: &[u8]) -> Result<(), EngineError> {
    if body.len() < 4 || !body.len().is_multiple_of(4) {
        return Err(EngineError::NotTl(body.len()));
    }
    if body.len() > MAX_MESSAGE_BYTES {
        return Err(EngineError::RequestTooLarge {
            len: body.len(),
            max: MAX_MESSAGE_BYTES,
        });
    }
    Ok(())
}
