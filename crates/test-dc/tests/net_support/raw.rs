//! Hand-built encrypted packets over a raw connection, for what a session engine would never
//! send: replays, chosen msg_ids, messages whose msg_id must appear inside them.

use pyro_mtproto_crypto::handshake::ClientFinished;
use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_transport::{Frame, FramedConnection, TransportError};

use super::{random, unix_now};

/// `rpc_result#f35c6d01`, `pong#347773c5`, `bad_server_salt#edab447b`
/// (core.telegram.org/mtproto/service_messages).
pub const RPC_RESULT: u32 = 0xf35c_6d01;
pub const PONG: u32 = 0x3477_73c5;
const BAD_SERVER_SALT: u32 = 0xedab_447b;

/// The plaintext of one message: salt, session_id, msg_id, seq_no, length, body.
pub fn plaintext(salt: i64, session_id: i64, msg_id: i64, seq_no: i32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&salt.to_le_bytes());
    out.extend_from_slice(&session_id.to_le_bytes());
    out.extend_from_slice(&msg_id.to_le_bytes());
    out.extend_from_slice(&seq_no.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    out
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One MTProto session over a raw connection.
pub struct RawSession<'a> {
    pub conn: &'a mut FramedConnection,
    pub key: &'a ClientFinished,
    pub session_id: i64,
    pub salt: i64,
    sent: i64,
}

impl<'a> RawSession<'a> {
    pub fn new(conn: &'a mut FramedConnection, key: &'a ClientFinished) -> Self {
        Self {
            conn,
            key,
            session_id: i64::from_le_bytes(random()),
            salt: key.first_salt,
            sent: 0,
        }
    }

    /// A fresh client msg_id on the server's clock.
    pub fn msg_id(&mut self) -> i64 {
        self.sent += 1;
        ((unix_now() + i64::from(self.key.time_offset)) << 32) + self.sent * 4
    }

    /// The encrypted packet of message `msg_id` with `body` (content-related seq_no).
    pub fn packet(&self, msg_id: i64, body: &[u8]) -> Vec<u8> {
        let seq_no = (self.sent * 2 + 1) as i32;
        let plain = plaintext(self.salt, self.session_id, msg_id, seq_no, body);
        let pad = packet::padding_len(plain.len(), 0);
        packet::encrypt(&self.key.auth_key, Sender::Client, &plain, &vec![0x42; pad]).unwrap()
    }

    /// The next decrypted packet from the server.
    pub async fn recv(&mut self) -> Result<Vec<u8>, TransportError> {
        loop {
            if let Frame::Packet { payload, .. } = self.conn.recv().await? {
                return Ok(packet::decrypt(&self.key.auth_key, Sender::Server, &payload).unwrap());
            }
        }
    }

    /// Sends `body` (built by `make` for its msg_id) until the answer `ctor msg_id ...`
    /// arrives, following `bad_server_salt`; returns the msg_id and the bytes after the match.
    pub async fn call(&mut self, ctor: u32, make: impl Fn(i64) -> Vec<u8>) -> (i64, Vec<u8>) {
        for _ in 0..3 {
            let msg_id = self.msg_id();
            let packet = self.packet(msg_id, &make(msg_id));
            self.conn.send(&packet).await.unwrap();
            let mut wanted = ctor.to_le_bytes().to_vec();
            wanted.extend_from_slice(&msg_id.to_le_bytes());
            loop {
                let answer = self.recv().await.unwrap();
                if let Some(at) = find(&answer, &wanted) {
                    return (msg_id, answer[at + wanted.len()..].to_vec());
                }
                if let Some(at) = find(&answer, &BAD_SERVER_SALT.to_le_bytes()) {
                    let at = at + 4 + 8 + 4 + 4;
                    self.salt = i64::from_le_bytes(answer[at..at + 8].try_into().unwrap());
                    break;
                }
            }
        }
        panic!("no answer after three tries");
    }
}
