//! The server's checks on every client message, in Telegram's order: msg_id parity and time
//! window (`bad_msg_notification` 18, 16, 17), session (`new_session_created`), duplicates,
//! salt (`bad_server_salt`), seq_no (32, 33, 34, 35), containers (64); then unwrapping.

use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, types};

use super::{Out, Peer, ServerSession};
use crate::engine::window::IdWindow;
use crate::engine::wire::{self, GZIP_PACKED, MSG_CONTAINER};
use crate::engine::{Now, PacketError, PayloadError};

impl ServerSession {
    /// Processes a decrypted client plaintext (header included, padding removed), as
    /// [`handle_packet`](Self::handle_packet) does after decryption. For tests and fuzzing.
    pub fn handle_plaintext(&mut self, now: Now, plain: &[u8]) -> Result<(), PacketError> {
        let h = wire::parse_plaintext(plain)?;
        let parsed = (wire::constructor(h.body) == Some(MSG_CONTAINER))
            .then(|| wire::parse_container(h.body.get(4..).unwrap_or_default()));
        if self
            .peer
            .as_ref()
            .is_none_or(|p| p.session_id != h.session_id)
        {
            let first = match &parsed {
                Some(Ok(msgs)) => msgs.iter().map(|m| m.msg_id).fold(h.msg_id, i64::min),
                _ => h.msg_id,
            };
            self.new_session(now, h.session_id, first);
        }
        let inner = match parsed {
            Some(Ok(msgs)) => Some(msgs),
            Some(Err(e)) => {
                self.bad_msg(h.msg_id, h.seqno, 64);
                return Err(e.into());
            }
            None => None,
        };
        if let Some(code) = self.time_error(now, h.msg_id) {
            self.bad_msg(h.msg_id, h.seqno, code);
            return Ok(());
        }
        if !self.peer_mut().seen.insert(h.msg_id) {
            self.stats.duplicates += 1;
            return Err(PacketError::Duplicate(h.msg_id));
        }
        if !self.salts.accepts(h.salt, now.unix.as_secs()) {
            let body = enums::BadMsgNotification::BadServerSalt(types::BadServerSalt {
                bad_msg_id: h.msg_id,
                bad_msg_seqno: h.seqno,
                error_code: 48,
                new_server_salt: self.salt_at(now),
            })
            .to_bytes();
            self.stats.bad_salts += 1;
            self.reply(body);
            return Ok(());
        }
        if let Some(code) = self.seqno_error(h.msg_id, h.seqno, h.body) {
            self.bad_msg(h.msg_id, h.seqno, code);
            return Ok(());
        }
        let Some(msgs) = inner else {
            return self.accept(now, h.msg_id, h.seqno, h.body);
        };
        let mut first_error = None;
        for m in msgs {
            let result = if m.msg_id >= h.msg_id || wire::constructor(m.body) == Some(MSG_CONTAINER)
            {
                self.bad_msg(m.msg_id, m.seqno, 64);
                Err(PayloadError::ContainerOrder {
                    container: h.msg_id,
                    inner: m.msg_id,
                }
                .into())
            } else if let Some(code) = self.time_error(now, m.msg_id) {
                self.bad_msg(m.msg_id, m.seqno, code);
                Ok(())
            } else if !self.peer_mut().seen.insert(m.msg_id) {
                self.stats.duplicates += 1;
                Err(PacketError::Duplicate(m.msg_id))
            } else if let Some(code) = self.seqno_error(m.msg_id, m.seqno, m.body) {
                self.bad_msg(m.msg_id, m.seqno, code);
                Ok(())
            } else {
                self.accept(now, m.msg_id, m.seqno, m.body)
            };
            if let Err(e) = result {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// `bad_msg_notification` code for a msg_id's parity or time, if it is wrong.
    fn time_error(&self, now: Now, msg_id: i64) -> Option<i32> {
        if msg_id & 3 != 0 {
            return Some(18);
        }
        let skew = self.clock.skew(now, msg_id);
        if skew < -(self.config.window_past.as_nanos() as i128) {
            Some(16)
        } else if skew > self.config.window_future.as_nanos() as i128 {
            Some(17)
        } else {
            None
        }
    }

    /// `bad_msg_notification` code for a seq_no that breaks the rules, if it does; records the
    /// message as the latest otherwise.
    fn seqno_error(&mut self, msg_id: i64, seqno: i32, body: &[u8]) -> Option<i32> {
        let content = wire::is_content_related(body);
        if content && seqno & 1 == 0 {
            return Some(34);
        }
        if !content && seqno & 1 == 1 {
            return Some(35);
        }
        let peer = self.peer_mut();
        let (last_id, last_seq) = peer.last;
        if msg_id > last_id {
            if seqno < last_seq || (seqno == last_seq && content) {
                return Some(32);
            }
            peer.last = (msg_id, seqno);
        } else if seqno > last_seq {
            return Some(33);
        }
        None
    }

    /// A new client session: forget the old one's state and greet the new one.
    fn new_session(&mut self, now: Now, session_id: i64, first_msg_id: i64) {
        if let Some(old) = self.peer.take() {
            self.past_sessions.insert(old.session_id);
        }
        self.peer = Some(Peer {
            session_id,
            seen: IdWindow::new(self.config.dedup_window),
            last: (i64::MIN, i32::MIN),
        });
        self.out.clear();
        self.acks.clear();
        self.stats.new_sessions += 1;
        let unique_id = self.rng.next_i64();
        let body = enums::NewSession::Created(types::NewSessionCreated {
            first_msg_id,
            unique_id,
            server_salt: self.salt_at(now),
        })
        .to_bytes();
        self.push(body);
    }

    fn peer_mut(&mut self) -> &mut Peer {
        self.peer.get_or_insert_with(|| Peer {
            session_id: 0,
            seen: IdWindow::new(1),
            last: (i64::MIN, i32::MIN),
        })
    }

    /// Queues `bad_msg_notification` about one of the client's messages.
    fn bad_msg(&mut self, bad_msg_id: i64, bad_msg_seqno: i32, error_code: i32) {
        self.stats.bad_msgs += 1;
        let body = enums::BadMsgNotification::BadMsgNotification(types::BadMsgNotification {
            bad_msg_id,
            bad_msg_seqno,
            error_code,
        })
        .to_bytes();
        self.reply(body);
    }

    /// Queues a response message (msg_id 1 mod 4).
    pub(crate) fn reply(&mut self, body: Vec<u8>) {
        self.out.push_back(Out {
            body,
            response: true,
            answers: None,
        });
    }

    /// A message that passed every check: ack it, unwrap `gzip_packed`, serve or hand it over.
    fn accept(
        &mut self,
        now: Now,
        msg_id: i64,
        seqno: i32,
        body: &[u8],
    ) -> Result<(), PacketError> {
        if seqno & 1 == 1 {
            self.acks.push(msg_id);
        }
        if wire::constructor(body) == Some(GZIP_PACKED) {
            let inner = wire::gunzip(body.get(4..).unwrap_or_default(), self.config.max_inflate)?;
            self.serve(now, msg_id, inner);
        } else {
            self.serve(now, msg_id, body.to_vec());
        }
        Ok(())
    }
}
