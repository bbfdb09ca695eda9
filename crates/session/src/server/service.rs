//! The service messages a server answers itself; everything else goes to the caller.

use pyro_tl_types::mtproto::{enums, functions, types};
use pyro_tl_types::primitives::write_bytes;
use pyro_tl_types::{Deserializable, Identifiable, Serializable};

use super::{IncomingRequest, Out, ServerSession};
use crate::engine::Now;
use crate::engine::wire;

impl ServerSession {
    /// Serves one accepted, unwrapped client message.
    pub(crate) fn serve(&mut self, now: Now, msg_id: i64, body: Vec<u8>) {
        let Some(id) = wire::constructor(&body) else {
            return;
        };
        match id {
            wire::MSGS_ACK
            | types::MsgsStateInfo::CONSTRUCTOR_ID
            | types::MsgsAllInfo::CONSTRUCTOR_ID
            | types::HttpWait::CONSTRUCTOR_ID => {}
            functions::Ping::CONSTRUCTOR_ID => {
                if let Ok(p) = functions::Ping::from_bytes(&body) {
                    self.pong(msg_id, p.ping_id);
                }
            }
            functions::PingDelayDisconnect::CONSTRUCTOR_ID => {
                if let Ok(p) = functions::PingDelayDisconnect::from_bytes(&body) {
                    let delay = u64::try_from(p.disconnect_delay).unwrap_or(0);
                    self.disconnect_at = Some(now.mono + std::time::Duration::from_secs(delay));
                    self.pong(msg_id, p.ping_id);
                }
            }
            functions::GetFutureSalts::CONSTRUCTOR_ID => {
                if let Ok(g) = functions::GetFutureSalts::from_bytes(&body) {
                    let secs = now.unix.as_secs();
                    let n = usize::try_from(g.num).unwrap_or(1);
                    let body = enums::FutureSalts::FutureSalts(types::FutureSalts {
                        req_msg_id: msg_id,
                        now: secs.min(i32::MAX as u64) as i32,
                        salts: self.salts.future(secs, n),
                    })
                    .to_bytes();
                    self.reply(body);
                }
            }
            functions::DestroySession::CONSTRUCTOR_ID => {
                if let Ok(d) = functions::DestroySession::from_bytes(&body) {
                    let result = if self.past_sessions.remove(&d.session_id) {
                        enums::DestroySessionRes::DestroySessionOk(types::DestroySessionOk {
                            session_id: d.session_id,
                        })
                    } else {
                        enums::DestroySessionRes::DestroySessionNone(types::DestroySessionNone {
                            session_id: d.session_id,
                        })
                    };
                    self.answer(msg_id, &result.to_bytes());
                }
            }
            functions::RpcDropAnswer::CONSTRUCTOR_ID => {
                if let Ok(d) = functions::RpcDropAnswer::from_bytes(&body) {
                    let result = self.drop_answer(d.req_msg_id);
                    self.answer(msg_id, &result.to_bytes());
                }
            }
            types::MsgsStateReq::CONSTRUCTOR_ID => {
                if let Ok(enums::MsgsStateReq::MsgsStateReq(r)) =
                    enums::MsgsStateReq::from_bytes(&body)
                {
                    self.state_info(msg_id, &r.msg_ids);
                }
            }
            types::MsgResendReq::CONSTRUCTOR_ID | types::MsgResendAnsReq::CONSTRUCTOR_ID => {
                match enums::MsgResendReq::from_bytes(&body) {
                    Ok(enums::MsgResendReq::MsgResendReq(r)) => self.resend(&r.msg_ids, false),
                    Ok(enums::MsgResendReq::MsgResendAnsReq(r)) => self.resend(&r.msg_ids, true),
                    Err(_) => {}
                }
            }
            _ => {
                self.stats.requests += 1;
                self.running.insert(msg_id);
                self.requests.push_back(IncomingRequest { msg_id, body });
            }
        }
    }

    fn pong(&mut self, msg_id: i64, ping_id: i64) {
        let body = enums::Pong::Pong(types::Pong { msg_id, ping_id }).to_bytes();
        self.reply(body);
    }

    /// `rpc_drop_answer`: drop a running request's answer, or say what became of it.
    fn drop_answer(&mut self, req: i64) -> enums::RpcDropAnswer {
        if self.running.remove(&req) {
            self.stats.dropped_answers += 1;
            self.dropped.insert(req);
            self.requests.retain(|r| r.msg_id != req);
            enums::RpcDropAnswer::RpcAnswerDroppedRunning
        } else if let Some(&(msg_id, seq_no, bytes)) = self.answered.get(&req) {
            enums::RpcDropAnswer::RpcAnswerDropped(types::RpcAnswerDropped {
                msg_id,
                seq_no,
                bytes,
            })
        } else {
            enums::RpcDropAnswer::RpcAnswerUnknown
        }
    }

    /// `msgs_state_info`: what we know of each id (1 unknown, 2 not received, 3 too high,
    /// 4 received; plus 32 when the query is running or done and 64 when its answer exists).
    fn state_info(&mut self, req_msg_id: i64, ids: &[i64]) {
        let info: Vec<u8> = match &self.peer {
            Some(p) => ids
                .iter()
                .map(|id| {
                    let state = p.seen.state(*id) as u8;
                    if self.answered.contains_key(id) {
                        state | 32 | 64
                    } else if self.running.contains(id) {
                        state | 32
                    } else {
                        state
                    }
                })
                .collect(),
            None => vec![1; ids.len()],
        };
        let mut body = Vec::with_capacity(16 + info.len());
        types::MsgsStateInfo::CONSTRUCTOR_ID.serialize(&mut body);
        req_msg_id.serialize(&mut body);
        write_bytes(&info, &mut body);
        self.reply(body);
    }

    /// `msg_resend_req` (ids of our messages) and `msg_resend_ans_req` (`answers`: ids of the
    /// client's requests): sends the kept messages again (under new ids).
    fn resend(&mut self, ids: &[i64], answers: bool) {
        let again: Vec<(Option<i64>, Vec<u8>)> = self
            .sent
            .iter()
            .filter(|(m, req, _)| {
                if answers {
                    req.is_some_and(|r| ids.contains(&r))
                } else {
                    ids.contains(m)
                }
            })
            .map(|(_, req, body)| (*req, body.clone()))
            .collect();
        for (answers, body) in again {
            self.out.push_back(Out {
                body,
                response: true,
                answers,
            });
        }
    }
}
