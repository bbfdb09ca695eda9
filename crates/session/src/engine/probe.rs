//! Asking about requests the server has said nothing about (core.telegram.org/mtproto/
//! service_messages_about_messages): a request that went out and got neither an ack nor an
//! answer for [`EngineConfig::state_request_after`](super::EngineConfig::state_request_after)
//! is named in a `msgs_state_req`. The server's `msgs_state_info` has one byte per id: the low
//! three bits say whether it received the message (1 unknown, 2 and 3 not received, 4
//! received), flag 32 that the query is being or was processed, flag 64 that its answer was
//! already generated.
//!
//! Not received: the request is resent under a new msg_id. Received and answered: the answer
//! was lost on its way, so it is asked for again with `msg_resend_ans_req`. Received and not
//! answered yet: the engine keeps waiting (and asks again after another period of silence).
//! Both kinds of resend count towards
//! [`EngineConfig::max_resends`](super::EngineConfig::max_resends), so every request still ends.

use pyro_tl_types::mtproto::{enums, types};
use pyro_tl_types::primitives::read_bytes;
use pyro_tl_types::{Cursor, Serializable};

use super::requests::{Internal, Target};
use super::{Engine, Now};

/// Most ids named in one `msgs_state_req` (the size of a `msgs_ack`'s batch).
const IDS_PER_REQUEST: usize = 8192;
/// `msgs_state_info` status: received (the low three bits).
const RECEIVED: u8 = 4;
/// `msgs_state_info` flag: the answer to the query was already generated.
const ANSWER_GENERATED: u8 = 64;

impl Engine {
    /// Arms the probe timer after a request went out (if asking is enabled and it is not armed).
    pub(crate) fn schedule_probe(&mut self, now: Now) {
        if let Some(after) = self.config.state_request_after
            && self.probe_at.is_none()
        {
            self.probe_at = Some(now.mono + after);
        }
    }

    /// The probe timer fired: ask about every request silent for the configured time, and arm
    /// the timer for the next one that will be.
    pub(crate) fn probe(&mut self, now: Now) {
        self.probe_at = None;
        let Some(after) = self.config.state_request_after else {
            return;
        };
        let mut ask = Vec::new();
        let mut next: Option<std::time::Duration> = None;
        for p in self.ledger.pending.values_mut() {
            let Some(&msg_id) = p.msg_ids.last() else {
                continue;
            };
            if p.queued {
                continue;
            }
            if p.heard + after <= now.mono {
                ask.push(msg_id);
                p.heard = now.mono;
            }
            let due = p.heard + after;
            next = Some(next.map_or(due, |n| n.min(due)));
        }
        self.probe_at = next;
        ask.sort_unstable();
        for ids in ask.chunks(IDS_PER_REQUEST) {
            self.queue_internal(Internal::StateReq {
                msg_ids: ids.to_vec(),
            });
        }
    }

    /// `msgs_ack`: the server has these messages; silence is counted from now.
    pub(crate) fn on_acks(&mut self, now: Now, body: &[u8]) {
        let Ok(enums::MsgsAck::MsgsAck(acks)) =
            <enums::MsgsAck as pyro_tl_types::Deserializable>::from_bytes(body)
        else {
            return;
        };
        for msg_id in acks.msg_ids {
            if let Some(Target::Request(id)) = self.ledger.target(msg_id)
                && let Some(p) = self.ledger.pending.get_mut(&id.clone())
            {
                p.heard = now.mono;
            }
        }
    }

    /// `msgs_state_info`: resend what the server did not receive, ask again for answers it
    /// generated, wait for the rest.
    pub(crate) fn on_state_info(&mut self, now: Now, body: &[u8]) {
        let mut cur = Cursor::new(body.get(4..).unwrap_or_default());
        let Ok(req) = cur.read_array::<8>().map(i64::from_le_bytes) else {
            return;
        };
        let Ok(info) = read_bytes(&mut cur) else {
            return;
        };
        let Some(Target::Internal(Internal::StateReq { msg_ids })) = self.ledger.target(req) else {
            return;
        };
        let msg_ids = msg_ids.clone();
        self.ledger.forget(req);
        let mut answers = Vec::new();
        for (&msg_id, &state) in msg_ids.iter().zip(info) {
            // Only a request still waiting under this very msg_id (not answered, not resent).
            let Some(Target::Request(id)) = self.ledger.target(msg_id).cloned() else {
                continue;
            };
            let Some(p) = self.ledger.pending.get_mut(&id) else {
                continue;
            };
            if p.queued || p.msg_ids.last() != Some(&msg_id) {
                continue;
            }
            p.heard = now.mono;
            if state & 7 != RECEIVED {
                self.resend(msg_id, true);
            } else if state & ANSWER_GENERATED != 0 && self.count_resend(id) {
                answers.push(msg_id);
            }
        }
        if !answers.is_empty() {
            let body =
                enums::MsgResendReq::MsgResendAnsReq(types::MsgResendAnsReq { msg_ids: answers })
                    .to_bytes();
            self.queue_one_shot(body);
        }
    }
}
