//! The server counterpart on its own: hand-made client plaintexts in, decrypted answers out.
//! Checks each refusal Telegram's servers make (bad_msg_notification codes, bad_server_salt),
//! duplicates, container and gzip unwrapping, and the service messages it answers itself.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::{self, Sender};
use pyro_session::engine::Now;
use pyro_session::server::{ServerConfig, ServerSession};
use pyro_tl_types::mtproto::{enums, functions, types};
use pyro_tl_types::{Deserializable, Serializable};

const KEY: [u8; 256] = [0x29; 256];
const SESSION: i64 = 0x5e55_1011;

fn now() -> Now {
    Now::new(Duration::from_secs(50), Duration::from_secs(1_700_000_000))
}

/// A client msg_id `offset` seconds from now, plus `n` quarters of a tick (divisible by 4).
fn id(offset: i64, n: i64) -> i64 {
    ((1_700_000_000 + offset) << 32) + 4 * n
}

struct Pair {
    server: ServerSession,
    salt: i64,
}

impl Pair {
    fn new() -> Self {
        let server = ServerSession::new(AuthKey::from_bytes(KEY), [5; 32], ServerConfig::default());
        let salt = server.salt_at(now());
        Self { server, salt }
    }

    fn send(&mut self, salt: i64, msg_id: i64, seqno: i32, body: &[u8]) {
        let mut p = Vec::new();
        p.extend_from_slice(&salt.to_le_bytes());
        p.extend_from_slice(&SESSION.to_le_bytes());
        p.extend_from_slice(&msg_id.to_le_bytes());
        p.extend_from_slice(&seqno.to_le_bytes());
        p.extend_from_slice(&(body.len() as u32).to_le_bytes());
        p.extend_from_slice(body);
        let _ = self.server.handle_plaintext(now(), &p);
    }

    /// Every message the server sends now, containers opened: (msg_id, body).
    fn replies(&mut self) -> Vec<(i64, Vec<u8>)> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while self.server.poll_transmit(now(), &mut buf) {
            let plain = packet::decrypt(&AuthKey::from_bytes(KEY), Sender::Server, &buf).unwrap();
            assert_eq!(&plain[8..16], &SESSION.to_le_bytes());
            let body = plain[32..].to_vec();
            let msg_id = i64::from_le_bytes(plain[16..24].try_into().unwrap());
            if body[..4] == 0x73f1_f8dcu32.to_le_bytes() {
                let c = types::MsgContainer::from_bytes(&body[4..]).unwrap();
                out.extend(c.messages.into_iter().map(|m| (m.msg_id, m.body)));
            } else {
                out.push((msg_id, body));
            }
        }
        out
    }

    /// The error codes of the bad_msg_notifications among the replies.
    fn bad_msg_codes(&mut self) -> Vec<i32> {
        self.replies()
            .into_iter()
            .filter_map(|(_, b)| match enums::BadMsgNotification::from_bytes(&b) {
                Ok(enums::BadMsgNotification::BadMsgNotification(n)) => Some(n.error_code),
                Ok(enums::BadMsgNotification::BadServerSalt(s)) => Some(s.error_code),
                Err(_) => None,
            })
            .collect()
    }
}

fn ping(ping_id: i64) -> Vec<u8> {
    functions::Ping { ping_id }.to_bytes()
}

#[test]
fn first_contact_creates_a_session_and_answers_ping() {
    let mut p = Pair::new();
    p.send(p.salt, id(0, 1), 1, &ping(77));
    let replies = p.replies();
    let created = replies
        .iter()
        .find_map(|(_, b)| enums::NewSession::from_bytes(b).ok())
        .unwrap();
    let enums::NewSession::Created(created) = created;
    assert_eq!(created.first_msg_id, id(0, 1));
    assert_eq!(created.server_salt, p.salt);
    let pong = replies
        .iter()
        .find_map(|(_, b)| enums::Pong::from_bytes(b).ok())
        .unwrap();
    let enums::Pong::Pong(pong) = pong;
    assert_eq!((pong.msg_id, pong.ping_id), (id(0, 1), 77));
    assert!(
        replies.iter().all(|(m, _)| m & 1 == 1),
        "server ids are odd"
    );
    assert_eq!(p.server.session_id(), Some(SESSION));
}

#[test]
fn each_refusal_has_its_code() {
    let mut p = Pair::new();
    p.send(p.salt, id(0, 10), 1, &ping(1));
    p.replies();
    p.send(p.salt, id(0, 11) + 1, 3, &ping(2));
    assert_eq!(p.bad_msg_codes(), [18], "msg_id not divisible by 4");
    p.send(p.salt, id(-301, 0), 3, &ping(3));
    assert_eq!(p.bad_msg_codes(), [16], "too old");
    p.send(p.salt, id(31, 0), 3, &ping(4));
    assert_eq!(p.bad_msg_codes(), [17], "too new");
    p.send(p.salt, id(0, 12), 4, &ping(5));
    assert_eq!(
        p.bad_msg_codes(),
        [34],
        "even seq_no on a content-related message"
    );
    let ack = enums::MsgsAck::MsgsAck(types::MsgsAck { msg_ids: vec![1] }).to_bytes();
    p.send(p.salt, id(0, 13), 5, &ack);
    assert_eq!(p.bad_msg_codes(), [35], "odd seq_no on an ack");
    p.send(p.salt, id(0, 14), 0, &ping(6));
    assert_eq!(p.bad_msg_codes(), [34]);
    p.send(p.salt, id(0, 15), 1, &ping(7));
    assert_eq!(p.bad_msg_codes(), [32], "seq_no lower than the last one's");
    p.send(p.salt, id(0, 20), 9, &ping(8));
    p.replies();
    p.send(p.salt, id(0, 19), 11, &ping(9));
    assert_eq!(
        p.bad_msg_codes(),
        [33],
        "seq_no higher than a later message's"
    );
    p.send(p.salt ^ 1, id(0, 21), 13, &ping(10));
    assert_eq!(p.bad_msg_codes(), [48], "bad_server_salt");
}

#[test]
fn duplicates_are_dropped_and_containers_checked() {
    let mut p = Pair::new();
    p.send(p.salt, id(0, 1), 1, &ping(1));
    p.replies();
    p.send(p.salt, id(0, 1), 1, &ping(1));
    assert!(p.replies().is_empty());
    assert_eq!(p.server.stats().duplicates, 1);
    // A container whose message is not older than the container: 64.
    let mut c = 0x73f1_f8dcu32.to_le_bytes().to_vec();
    c.extend_from_slice(&1u32.to_le_bytes());
    let inner = ping(2);
    c.extend_from_slice(&id(0, 9).to_le_bytes());
    c.extend_from_slice(&3i32.to_le_bytes());
    c.extend_from_slice(&(inner.len() as u32).to_le_bytes());
    c.extend_from_slice(&inner);
    p.send(p.salt, id(0, 5), 4, &c);
    assert_eq!(p.bad_msg_codes(), [64]);
}

#[test]
fn gzipped_requests_reach_the_caller_inflated() {
    use std::io::Write;
    let mut p = Pair::new();
    let call: Vec<u8> = std::iter::repeat_n([1u8, 2, 3, 4], 300).flatten().collect();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&call).unwrap();
    let mut gz = 0x3072_cfa1u32.to_le_bytes().to_vec();
    pyro_tl_types::primitives::write_bytes(&enc.finish().unwrap(), &mut gz);
    p.send(p.salt, id(0, 1), 1, &gz);
    let req = p.server.poll_request().unwrap();
    assert_eq!((req.msg_id, req.body), (id(0, 1), call));
    p.server.answer(id(0, 1), &[9, 9, 9, 9]);
    let replies = p.replies();
    let answer = replies
        .iter()
        .find(|(_, b)| b[..4] == 0xf35c_6d01u32.to_le_bytes())
        .unwrap();
    assert_eq!(answer.0 & 3, 1, "responses are 1 mod 4");
    assert_eq!(&answer.1[4..12], &id(0, 1).to_le_bytes());
    assert_eq!(&answer.1[12..], &[9, 9, 9, 9]);
}

#[test]
fn future_salts_and_state_requests_are_served() {
    let mut p = Pair::new();
    p.send(
        p.salt,
        id(0, 1),
        1,
        &functions::GetFutureSalts { num: 3 }.to_bytes(),
    );
    let replies = p.replies();
    let salts = replies
        .iter()
        .find_map(|(_, b)| enums::FutureSalts::from_bytes(b).ok())
        .unwrap();
    let enums::FutureSalts::FutureSalts(salts) = salts;
    assert_eq!(salts.req_msg_id, id(0, 1));
    assert_eq!(salts.salts.len(), 3);
    assert_eq!(salts.salts[0].salt, p.salt);
    assert!(salts.salts[1].valid_since >= salts.salts[0].valid_until);
    let req = enums::MsgsStateReq::MsgsStateReq(types::MsgsStateReq {
        msg_ids: vec![id(0, 1), id(0, 2)],
    });
    p.send(p.salt, id(0, 3), 3, &req.to_bytes());
    let info = p
        .replies()
        .into_iter()
        .find_map(|(_, b)| enums::MsgsStateInfo::from_bytes(&b).ok())
        .unwrap();
    let enums::MsgsStateInfo::MsgsStateInfo(info) = info;
    assert_eq!(info.req_msg_id, id(0, 3));
    assert_eq!(info.info.as_bytes(), &[4, 2], "received; not received");
}

#[test]
fn kept_answers_are_bounded_by_bytes_as_well_as_count() {
    let config = ServerConfig {
        resend_memory_bytes: 3 * 4096,
        ..ServerConfig::default()
    };
    let server = ServerSession::new(AuthKey::from_bytes(KEY), [5; 32], config);
    let salt = server.salt_at(now());
    let mut p = Pair { server, salt };
    let part = vec![0x5a; 4000];
    for n in 1..=4 {
        let call = [0x1234_5678u32.to_le_bytes(), (n as u32).to_le_bytes()].concat();
        p.send(p.salt, id(0, n), 2 * n as i32 - 1, &call);
        assert_eq!(p.server.poll_request().unwrap().msg_id, id(0, n));
        p.server.answer(id(0, n), &part);
        let _ = p.replies();
    }
    // Four 4 KB answers against a 12 KiB budget (resend requests are content-related too).: the first was let go, the last three kept.
    let resend_answers = |n: i64| {
        enums::MsgResendReq::MsgResendAnsReq(types::MsgResendAnsReq {
            msg_ids: vec![id(0, n)],
        })
        .to_bytes()
    };
    let again = |p: &mut Pair, n: i64, seqno: i32| {
        p.send(p.salt, id(0, 10 + n), seqno, &resend_answers(n));
        p.replies()
            .into_iter()
            .filter(|(_, b)| b[..4] == 0xf35c_6d01u32.to_le_bytes())
            .count()
    };
    assert_eq!(
        again(&mut p, 1, 9),
        0,
        "the oldest answer is no longer kept"
    );
    assert_eq!(again(&mut p, 4, 11), 1, "the newest answer is resent");
}
