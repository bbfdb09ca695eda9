//! The server's half of the fake-TLS handshake: checking a ClientHello and answering it.

use super::wire::{Reader, Writer, record};
use super::{RANDOM_AT, constant_time_eq, hmac};
use crate::error::{Result, TransportError};

/// A ClientHello that carried a valid HMAC and timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedHello {
    /// Bytes of input the ClientHello record spans.
    pub consumed: usize,
    /// The random field (the server's HMAC covers it).
    pub client_random: [u8; 32],
    /// The session id, echoed in the ServerHello.
    pub session_id: Vec<u8>,
    /// The server name the client asked for, if any.
    pub domain: Option<String>,
    /// The unix time the client stamped.
    pub timestamp: u32,
}

/// Parses and authenticates a ClientHello at the front of `input` with `key`, accepting client
/// clocks within `max_skew` seconds of `now`. `Ok(None)` asks for more bytes.
pub fn parse_client_hello(
    input: &[u8],
    key: &[u8; 16],
    now: u32,
    max_skew: u32,
) -> Result<Option<AcceptedHello>> {
    let Some((kind, len)) = record(input)? else {
        return Ok(None);
    };
    if kind != 0x16 {
        return Err(TransportError::BadTls("first record is not a handshake"));
    }
    let hello = &input[..5 + len];
    let mut r = Reader { data: &hello[5..] };
    if r.u8()? != 0x01 {
        return Err(TransportError::BadTls("handshake is not a ClientHello"));
    }
    let body_len = r.take(3)?;
    let announced = usize::from(body_len[0]) << 16 | usize::from(body_len[1]) << 8;
    if len.checked_sub(4) != Some(announced | usize::from(body_len[2])) {
        return Err(TransportError::BadTls("ClientHello length mismatch"));
    }
    r.u16()?;
    let random: [u8; 32] = r.take(32)?.try_into().unwrap_or_default();
    let session_id = r.vec8()?.data.to_vec();
    r.vec16()?; // cipher suites
    r.vec8()?; // compression methods
    let domain = server_name(&mut r.vec16()?)?;

    let mut zeroed = hello.to_vec();
    zeroed[RANDOM_AT..RANDOM_AT + 32].fill(0);
    let mut expected = hmac(key, &[&zeroed]);
    for (e, got) in expected.iter_mut().zip(random) {
        *e ^= got;
    }
    if !constant_time_eq(&expected[..28], &[0; 28]) {
        return Err(TransportError::BadTls(
            "client random is not the secret's HMAC",
        ));
    }
    let timestamp = u32::from_le_bytes([expected[28], expected[29], expected[30], expected[31]]);
    if timestamp.abs_diff(now) > max_skew {
        return Err(TransportError::BadTls(
            "ClientHello timestamp outside the window",
        ));
    }
    Ok(Some(AcceptedHello {
        consumed: 5 + len,
        client_random: random,
        session_id,
        domain,
        timestamp,
    }))
}

/// Finds the host name in the server_name extension (RFC 6066), if present.
fn server_name(extensions: &mut Reader<'_>) -> Result<Option<String>> {
    while !extensions.data.is_empty() {
        let kind = extensions.u16()?;
        let mut body = extensions.vec16()?;
        if kind == 0 {
            let mut list = body.vec16()?;
            while !list.data.is_empty() {
                let name_type = list.u8()?;
                let name = list.vec16()?.data;
                if name_type == 0 {
                    return Ok(Some(String::from_utf8_lossy(name).into_owned()));
                }
            }
        }
    }
    Ok(None)
}

/// The server's answer to `hello`: ServerHello (TLS 1.3, X25519 share `key_share`),
/// ChangeCipherSpec, and one application-data record holding `filler` (random bytes of a
/// plausible certificate size; 1..=16384 of them), with the HMAC'd server random.
pub fn server_hello(
    key: &[u8; 16],
    hello: &AcceptedHello,
    key_share: &[u8; 32],
    filler: &[u8],
) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(&[0x16, 0x03, 0x03]).nested(2, |w| {
        w.bytes(&[0x02]).nested(3, |w| {
            w.u16(0x0303).bytes(&[0; 32]);
            w.nested(1, |w| {
                w.bytes(&hello.session_id);
            });
            w.u16(0x1301).bytes(&[0x00]);
            w.nested(2, |w| {
                w.u16(0x0033).nested(2, |w| {
                    w.u16(0x001d).u16(32).bytes(key_share);
                });
                w.u16(0x002b).u16(2).u16(0x0304);
            });
        });
    });
    w.bytes(&[0x14, 0x03, 0x03, 0x00, 0x01, 0x01]);
    let filler = &filler[..filler.len().min(super::SEND_RECORD)];
    w.bytes(&[0x17, 0x03, 0x03]).nested(2, |w| {
        w.bytes(filler);
    });
    let mut answer = w.out;
    let random = hmac(key, &[&hello.client_random, &answer]);
    answer[RANDOM_AT..RANDOM_AT + 32].copy_from_slice(&random);
    answer
}
