//! Sending: the queue, acknowledgments, packing into `msg_container`s within Telegram's limits,
//! msg_id and seq_no assignment, and encryption.

use pyro_mtproto_crypto::packet::Sender;
use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, functions, types};

use super::config::{MAX_CONTAINER_BYTES, MAX_CONTAINER_MESSAGES, RequestId};
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
            Internal::OneShot => return,
        };
        self.queue.push_back(Queued::Internal(internal, body));
    }

    /// Queues a one-shot service message (`msg_resend_req`, `msgs_state_info`).
    pub(crate) fn queue_one_shot(&mut self, body: Vec<u8>) {
        self.queue
            .push_back(Queued::Internal(Internal::OneShot, body));
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

    /// Chooses the messages of the next packet.
    fn pick(&mut self, now: Now) -> Vec<Picked> {
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
            picked.push(Picked::Acks(ids, body));
            if self.acks.is_empty() {
                self.ack_deadline = None;
            }
        }
        while let Some(front) = self.queue.front() {
            let len = match front {
                Queued::Request(id) => match self.ledger.pending.get(id) {
                    Some(p) if p.queued => p.body.len(),
                    _ => {
                        self.queue.pop_front();
                        continue;
                    }
                },
                Queued::Internal(_, body) => body.len(),
            };
            if !picked.is_empty()
                && (picked.len() >= MAX_CONTAINER_MESSAGES
                    || bytes + MESSAGE_HEADER_LEN + len > MAX_CONTAINER_BYTES)
            {
                break;
            }
            bytes += MESSAGE_HEADER_LEN + len;
            match self.queue.pop_front() {
                Some(Queued::Request(id)) => {
                    if let Some(p) = self.ledger.pending.get_mut(&id) {
                        p.queued = false;
                    }
                    picked.push(Picked::Request(id));
                }
                Some(Queued::Internal(internal, body)) => {
                    picked.push(Picked::Internal(internal, body));
                }
                None => break,
            }
        }
        picked
    }

    /// Assigns ids and seq_nos, writes the plaintext and encrypts it into `buf`.
    fn write_packet(&mut self, now: Now, picked: Vec<Picked>, buf: &mut Vec<u8>) -> bool {
        let salt = self.salt(now);
        let mut ids = Vec::with_capacity(picked.len());
        for p in &picked {
            let body: &[u8] = match p {
                Picked::Request(id) => self
                    .ledger
                    .pending
                    .get(id)
                    .map_or(&[], |p| p.body.as_slice()),
                Picked::Internal(_, body) | Picked::Acks(_, body) => body,
            };
            let msg_id = self.clock.next(now, 0);
            let seqno = self.seq.next(wire::is_content_related(body));
            ids.push((msg_id, seqno));
        }
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
        for (p, &(msg_id, seqno)) in picked.iter().zip(&ids) {
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
                    msg_id,
                    seqno,
                    body,
                },
            );
        }
        if let Some((msg_id, start)) = container {
            wire::end_container(buf, start);
            self.ledger.record(
                msg_id,
                Target::Container(ids.iter().map(|(m, _)| *m).collect()),
            );
        }
        for (p, (msg_id, _)) in picked.into_iter().zip(ids) {
            let target = match p {
                Picked::Request(id) => Target::Request(id),
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
