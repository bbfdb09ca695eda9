//! Fake TLS, the disguise of MTProxy `ee` secrets: a TLS 1.3-looking handshake whose randoms are
//! HMAC-SHA256 tags keyed with the secret, then obfuscated2 carried in TLS application-data
//! records (`0x17 0x03 0x03 len`).
//!
//! How it works (public descriptions of MTProxy's fake-TLS mode, e.g. the MTProxy projects'
//! notes on TDLib compatibility):
//! - The client's ClientHello carries, in its 32-byte random field,
//!   `HMAC-SHA256(key, hello with a zero random)` with the unix time (little-endian `u32`) XORed
//!   into its last 4 bytes. The server recomputes the HMAC, checks the first 28 bytes and the
//!   time window.
//! - The server answers ServerHello + ChangeCipherSpec + one application-data record; its random
//!   is `HMAC-SHA256(key, client_random || whole answer with a zero random)`, which the client
//!   checks.
//! - Then both directions are application-data records carrying the obfuscated2 stream (the
//!   client first sends one ChangeCipherSpec record, as browsers do).
//!
//! Everything here is sans-IO: randomness and the clock come in as arguments.

mod client;
mod server;
mod wire;

pub use client::{ClientHello, client_hello, verify_server_hello};
pub use server::{AcceptedHello, parse_client_hello, server_hello};
pub use wire::{RecordReader, RecordWriter};

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Offset of the 32-byte random in both hellos: record header (5), handshake type (1),
/// handshake length (3), legacy version (2).
const RANDOM_AT: usize = 11;
/// The largest record payload TLS allows (2^14) plus the 256 bytes of expansion TLS 1.3 permits.
pub const MAX_RECORD: usize = (1 << 14) + 256;
/// The largest payload this crate puts in one record.
const SEND_RECORD: usize = 1 << 14;

/// HMAC-SHA256 keyed with the secret's 16-byte key over the concatenation of `parts`.
fn hmac(key: &[u8; 16], parts: &[&[u8]]) -> [u8; 32] {
    // ok: HMAC accepts keys of any length, so construction cannot fail.
    #[allow(clippy::expect_used)]
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Compares two byte strings in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
