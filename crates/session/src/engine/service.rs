//! Every service message the server sends, and what the engine does with it.

use pyro_tl_types::mtproto::{enums, types};
use pyro_tl_types::primitives::write_bytes;
use pyro_tl_types::{Deserializable, Identifiable, Serializable};

use super::error::{RequestError, RpcError};
use super::requests::{Internal, Target};
use super::wire::{self, GZIP_PACKED, MSGS_ACK, RPC_ERROR, RPC_RESULT};
use super::{Engine, Event, Now};

/// Content-related seq_nos skipped after `bad_msg_notification` 32 (seq_no too low).
const SEQNO_SKIP: i32 = 16;

/// Reads a boxed value, or `None` if the bytes are not one.
fn decode<T: Deserializable>(body: &[u8]) -> Option<T> {
    T::from_bytes(body).ok()
}

impl Engine {
    /// Handles one unwrapped message from the server.
    pub(crate) fn dispatch(&mut self, now: Now, msg_id: i64, body: &[u8]) {
        let Some(id) = wire::constructor(body) else {
            return;
        };
        match id {
            RPC_RESULT => self.on_rpc_result(now, body),
            MSGS_ACK => self.on_acks(now, body),
            types::MsgsStateInfo::CONSTRUCTOR_ID => self.on_state_info(now, body),
            // msgs_all_info only follows msg_resend_req-style exchanges the engine does not start.
            types::MsgsAllInfo::CONSTRUCTOR_ID => {}
            types::BadServerSalt::CONSTRUCTOR_ID | types::BadMsgNotification::CONSTRUCTOR_ID => {
                if let Some(n) = decode::<enums::BadMsgNotification>(body) {
                    self.on_bad_msg(now, msg_id, n);
                }
            }
            types::NewSessionCreated::CONSTRUCTOR_ID => {
                if let Some(enums::NewSession::Created(n)) = decode(body) {
                    self.on_new_session(now, &n);
                }
            }
            types::MsgDetailedInfo::CONSTRUCTOR_ID | types::MsgNewDetailedInfo::CONSTRUCTOR_ID => {
                match decode::<enums::MsgDetailedInfo>(body) {
                    Some(enums::MsgDetailedInfo::MsgDetailedInfo(i)) => {
                        self.on_detailed_info(now, i.answer_msg_id);
                    }
                    Some(enums::MsgDetailedInfo::MsgNewDetailedInfo(i)) => {
                        self.on_detailed_info(now, i.answer_msg_id);
                    }
                    None => {}
                }
            }
            types::MsgsStateReq::CONSTRUCTOR_ID => {
                if let Some(enums::MsgsStateReq::MsgsStateReq(r)) = decode(body) {
                    self.on_state_req(msg_id, &r.msg_ids);
                }
            }
            types::MsgResendReq::CONSTRUCTOR_ID | types::MsgResendAnsReq::CONSTRUCTOR_ID => {
                let ids = match decode::<enums::MsgResendReq>(body) {
                    Some(enums::MsgResendReq::MsgResendReq(r)) => r.msg_ids,
                    Some(enums::MsgResendReq::MsgResendAnsReq(r)) => r.msg_ids,
                    None => return,
                };
                for id in ids {
                    self.resend(id, true);
                }
            }
            types::Pong::CONSTRUCTOR_ID => {
                if let Some(enums::Pong::Pong(p)) = decode(body) {
                    self.on_bare_answer(now, p.msg_id, body);
                }
            }
            types::FutureSalts::CONSTRUCTOR_ID => {
                if let Some(enums::FutureSalts::FutureSalts(f)) = decode(body) {
                    self.on_bare_answer(now, f.req_msg_id, body);
                }
            }
            _ => self.events.push_back(Event::Update {
                msg_id,
                body: body.to_vec(),
            }),
        }
    }

    /// `rpc_result`: the answer to a request (or to one of our service messages).
    fn on_rpc_result(&mut self, now: Now, body: &[u8]) {
        let Some(rest) = body.get(4..) else { return };
        let Some(req) = rest.first_chunk::<8>().map(|b| i64::from_le_bytes(*b)) else {
            return;
        };
        let result = &rest[8..];
        match self.ledger.target(req).cloned() {
            Some(Target::Request(id)) => {
                let outcome = self.decode_result(result);
                self.complete(id, outcome);
            }
            Some(Target::Internal(_)) => {
                if let Ok(inner) = self.decode_result(result) {
                    self.on_internal_answer(now, req, &inner);
                } else {
                    self.ledger.forget(req);
                }
            }
            // A late or repeated answer (the request already ended): acked, otherwise ignored.
            _ => {}
        }
    }

    /// Inflates a result and turns `rpc_error` into an error.
    fn decode_result(&self, result: &[u8]) -> Result<Vec<u8>, RequestError> {
        let bytes = if wire::constructor(result) == Some(GZIP_PACKED) {
            wire::gunzip(&result[4..], self.config.max_inflate)
                .map_err(RequestError::MalformedAnswer)?
        } else {
            result.to_vec()
        };
        if wire::constructor(&bytes) == Some(RPC_ERROR) {
            return match decode::<enums::RpcError>(&bytes) {
                Some(enums::RpcError::RpcError(e)) => {
                    Err(RpcError::new(e.error_code, &e.error_message).into())
                }
                None => Err(RequestError::MalformedAnswer(
                    super::PayloadError::Truncated,
                )),
            };
        }
        Ok(bytes)
    }

    /// `pong` and `future_salts` answer by naming the request's msg_id themselves.
    fn on_bare_answer(&mut self, now: Now, req: i64, body: &[u8]) {
        match self.ledger.target(req).cloned() {
            Some(Target::Request(id)) => self.complete(id, Ok(body.to_vec())),
            Some(Target::Internal(_)) => self.on_internal_answer(now, req, body),
            _ => {}
        }
    }

    /// The answer to one of the engine's own messages.
    fn on_internal_answer(&mut self, now: Now, req: i64, body: &[u8]) {
        let Some(Target::Internal(internal)) = self.ledger.forget(req) else {
            return;
        };
        match internal {
            Internal::Ping { ping_id } => {
                if self.pong_deadline.is_some_and(|(_, p)| p == ping_id) {
                    self.pong_deadline = None;
                }
            }
            Internal::FutureSalts => {
                if let Some(enums::FutureSalts::FutureSalts(f)) = decode(body) {
                    let margin = self.config.salt_refresh_margin;
                    self.salts.store(f.salts, f.now, now.mono, margin);
                }
            }
            Internal::DestroySession { session_id } => {
                let existed = match decode::<enums::DestroySessionRes>(body) {
                    Some(enums::DestroySessionRes::DestroySessionOk(_)) => true,
                    Some(enums::DestroySessionRes::DestroySessionNone(_)) => false,
                    None => return,
                };
                self.events.push_back(Event::SessionDestroyed {
                    session_id,
                    existed,
                });
            }
            Internal::DropAnswer { .. } | Internal::StateReq { .. } | Internal::OneShot => {}
        }
    }

    /// `bad_server_salt` and `bad_msg_notification`.
    fn on_bad_msg(&mut self, now: Now, msg_id: i64, n: enums::BadMsgNotification) {
        match n {
            enums::BadMsgNotification::BadServerSalt(s) => {
                self.salts.replace(s.new_server_salt, now.mono);
                self.resend(s.bad_msg_id, true);
            }
            enums::BadMsgNotification::BadMsgNotification(b) => match b.error_code {
                16 | 17 => {
                    self.clock.sync_to(now, msg_id);
                    self.resend(b.bad_msg_id, true);
                }
                32 => {
                    self.seq.skip(SEQNO_SKIP);
                    self.resend(b.bad_msg_id, true);
                }
                33 | 48 | 64 => self.resend(b.bad_msg_id, true),
                code => self.refuse(b.bad_msg_id, code),
            },
        }
    }

    /// `new_session_created`: take the salt, report possibly missed updates, and resend what the
    /// new session never saw.
    fn on_new_session(&mut self, now: Now, n: &types::NewSessionCreated) {
        self.salts.replace(n.server_salt, now.mono);
        self.events.push_back(Event::SessionCreated {
            first_msg_id: n.first_msg_id,
            unique_id: n.unique_id,
        });
        for (msg_id, _) in self.ledger.in_flight() {
            if msg_id < n.first_msg_id {
                self.resend(msg_id, false);
            }
        }
    }

    /// `msg_detailed_info` / `msg_new_detailed_info`: ack an answer we have, ask for one we lack.
    fn on_detailed_info(&mut self, now: Now, answer_msg_id: i64) {
        if self.seen.contains(answer_msg_id) {
            self.ack(now, answer_msg_id);
        } else {
            let body = enums::MsgResendReq::MsgResendReq(types::MsgResendReq {
                msg_ids: vec![answer_msg_id],
            })
            .to_bytes();
            self.queue_one_shot(body);
        }
    }

    /// `msgs_state_req`: one status byte per id (`msgs_state_info`).
    fn on_state_req(&mut self, req_msg_id: i64, ids: &[i64]) {
        let info: Vec<u8> = ids.iter().map(|id| self.seen.state(*id) as u8).collect();
        let mut body = Vec::with_capacity(16 + info.len());
        types::MsgsStateInfo::CONSTRUCTOR_ID.serialize(&mut body);
        req_msg_id.serialize(&mut body);
        write_bytes(&info, &mut body);
        self.queue_one_shot(body);
    }
}
