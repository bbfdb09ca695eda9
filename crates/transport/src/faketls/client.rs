//! The client's half of the fake-TLS handshake: building the ClientHello and checking the
//! server's answer.

use super::wire::{Writer, record};
use super::{RANDOM_AT, constant_time_eq, hmac};
use crate::error::{Result, TransportError};

/// The ClientHello size browsers pad to (and TDLib imitates): a 517-byte record.
const HELLO_RECORD_LEN: usize = 517;

/// A ClientHello ready to send, and what checking the answer needs.
#[derive(Debug, Clone)]
pub struct ClientHello {
    /// The whole TLS record to send.
    pub bytes: Vec<u8>,
    /// The random field as sent (the server's HMAC covers it).
    pub client_random: [u8; 32],
}

/// Builds a TLS 1.3-looking ClientHello for `domain` (the SNI), authenticated with `key` and
/// stamped with `now` (unix seconds). `random` supplies the session id (first 32 bytes) and the
/// X25519 key share (last 32 bytes).
pub fn client_hello(key: &[u8; 16], domain: &str, now: u32, random: &[u8; 64]) -> ClientHello {
    let (session_id, key_share) = random.split_at(32);
    let mut w = Writer::new();
    w.bytes(&[0x16, 0x03, 0x01]).nested(2, |w| {
        w.bytes(&[0x01]).nested(3, |w| {
            w.u16(0x0303).bytes(&[0; 32]);
            w.bytes(&[32]).bytes(session_id);
            w.nested(2, |w| {
                for suite in [
                    0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013,
                    0xc014, 0x009c, 0x009d, 0x002f, 0x0035,
                ] {
                    w.u16(suite);
                }
            });
            w.bytes(&[0x01, 0x00]);
            w.nested(2, |w| extensions(w, domain, key_share));
        });
    });
    let mut bytes = w.out;
    let mut digest = hmac(key, &[&bytes]);
    for (d, t) in digest[28..].iter_mut().zip(now.to_le_bytes()) {
        *d ^= t;
    }
    bytes[RANDOM_AT..RANDOM_AT + 32].copy_from_slice(&digest);
    ClientHello {
        bytes,
        client_random: digest,
    }
}

/// The extensions of a current browser's ClientHello, padded (RFC 7685) to the usual size.
fn extensions(w: &mut Writer, domain: &str, key_share: &[u8]) {
    let start = w.out.len();
    w.u16(0x0000).nested(2, |w| {
        w.nested(2, |w| {
            w.bytes(&[0x00]).nested(2, |w| {
                w.bytes(domain.as_bytes());
            });
        });
    });
    w.u16(0x0017).u16(0); // extended_master_secret
    w.u16(0xff01).u16(1).bytes(&[0]); // renegotiation_info
    w.u16(0x000a).nested(2, |w| {
        w.nested(2, |w| {
            w.u16(0x001d).u16(0x0017).u16(0x0018);
        });
    });
    w.u16(0x000b).u16(2).bytes(&[1, 0]); // ec_point_formats: uncompressed
    w.u16(0x0023).u16(0); // session_ticket
    w.u16(0x0010).nested(2, |w| {
        w.nested(2, |w| {
            w.bytes(&[2]).bytes(b"h2").bytes(&[8]).bytes(b"http/1.1");
        });
    });
    w.u16(0x0005).u16(5).bytes(&[1, 0, 0, 0, 0]); // status_request (OCSP)
    w.u16(0x000d).nested(2, |w| {
        w.nested(2, |w| {
            for scheme in [
                0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
            ] {
                w.u16(scheme);
            }
        });
    });
    w.u16(0x0012).u16(0); // signed_certificate_timestamp
    w.u16(0x0033).nested(2, |w| {
        w.nested(2, |w| {
            w.u16(0x001d).u16(32).bytes(key_share);
        });
    });
    w.u16(0x002d).u16(2).bytes(&[1, 1]); // psk_key_exchange_modes: psk_dhe_ke
    w.u16(0x002b).u16(5).bytes(&[4, 3, 4, 3, 3]); // supported_versions: 1.3, 1.2
    // Everything before the extensions: record header 5, handshake header 4, version 2, random
    // 32, session id 33, suites 32, compression 2, extensions length 2.
    let written = 5 + 4 + 2 + 32 + 33 + 32 + 2 + 2 + (w.out.len() - start);
    if let Some(room) = HELLO_RECORD_LEN.checked_sub(written + 4) {
        w.u16(0x0015).nested(2, |w| {
            w.bytes(&vec![0; room]);
        });
    }
}

/// Checks the server's answer at the front of `input`: ServerHello, ChangeCipherSpec and one
/// application-data record, with the server random the secret's HMAC predicts. Returns the
/// number of bytes the answer spans, or `None` while incomplete.
pub fn verify_server_hello(
    input: &[u8],
    key: &[u8; 16],
    client_random: &[u8; 32],
) -> Result<Option<usize>> {
    let mut at = 0;
    for expected in [0x16, 0x14, 0x17] {
        let Some((kind, len)) = record(input.get(at..).unwrap_or_default())? else {
            return Ok(None);
        };
        if kind != expected {
            return Err(TransportError::BadTls(
                "unexpected record in the server's hello",
            ));
        }
        at += 5 + len;
    }
    let mut answer = input[..at].to_vec();
    let Some(random) = answer.get_mut(RANDOM_AT..RANDOM_AT + 32) else {
        return Err(TransportError::BadTls("ServerHello too short"));
    };
    let got = <[u8; 32]>::try_from(&*random).unwrap_or_default();
    random.fill(0);
    let expected = hmac(key, &[client_random, &answer]);
    if !constant_time_eq(&got, &expected) {
        return Err(TransportError::BadTls(
            "server random is not the secret's HMAC",
        ));
    }
    Ok(Some(at))
}
