//! Feeds arbitrary decrypted payloads to the session engine and to the server counterpart
//! through their `handle_plaintext` entry points (decryption skipped). The first byte picks the
//! seq_no parity; the payload is wrapped in a header with the right session id and a message id
//! inside the time window, so every check after decryption and every service-message handler is
//! reached. Asserts: nothing panics, and both sides keep working afterwards (a request still gets
//! exactly one answer).

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use pyro_mtproto_crypto::AuthKey;
use pyro_session::engine::{Engine, EngineConfig, Event, Now, RequestOptions};
use pyro_session::server::{ServerConfig, ServerSession};

fn plaintext(session_id: i64, msg_id: i64, seqno: i32, body: &[u8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(32 + body.len());
    p.extend_from_slice(&0i64.to_le_bytes());
    p.extend_from_slice(&session_id.to_le_bytes());
    p.extend_from_slice(&msg_id.to_le_bytes());
    p.extend_from_slice(&seqno.to_le_bytes());
    p.extend_from_slice(&(body.len() as u32).to_le_bytes());
    p.extend_from_slice(body);
    p
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else { return };
    let now = Now::new(Duration::from_secs(5), Duration::from_secs(1_700_000_000));
    let key = [0x42u8; 256];
    let mut server = ServerSession::new(AuthKey::from_bytes(key), [1; 32], ServerConfig::default());
    let salt = server.salt_at(now);
    let mut client = Engine::new(EngineConfig::default(), AuthKey::from_bytes(key), salt, [2; 32]);
    client.connected(now);

    // The client side: a server message with an odd msg_id.
    let server_msg_id = (1_700_000_000i64 << 32) | 0x1001;
    let seqno = i32::from(flags & 1);
    let _ = client.handle_plaintext(now, &plaintext(client.session_id(), server_msg_id, seqno, body));
    while client.poll_event().is_some() {}

    // The server side: a client message with a msg_id divisible by 4.
    let client_msg_id = (1_700_000_000i64 << 32) | 0x1000;
    let mut salted = plaintext(client.session_id(), client_msg_id, seqno, body);
    salted[..8].copy_from_slice(&salt.to_le_bytes());
    let _ = server.handle_plaintext(now, &salted);
    while server.poll_request().is_some() {}

    // Both still work: a real request round trip completes exactly once.
    let later = now.after(Duration::from_secs(1));
    let id = client.request(later, vec![1, 2, 3, 4], RequestOptions::default()).unwrap();
    let mut buf = Vec::new();
    while client.poll_transmit(later, &mut buf) {
        let _ = server.handle_packet(later, &mut buf);
    }
    while let Some(req) = server.poll_request() {
        server.answer(req.msg_id, &[5, 6, 7, 8]);
    }
    while server.poll_transmit(later, &mut buf) {
        let _ = client.handle_incoming(later, &mut buf);
    }
    let mut answers = 0;
    while let Some(e) = client.poll_event() {
        if let Event::Response { id: got, .. } = e {
            assert_eq!(got, id);
            answers += 1;
        }
    }
    assert!(answers <= 1, "a request answered twice");
});
