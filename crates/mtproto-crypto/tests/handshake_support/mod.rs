//! Helpers shared by the `handshake_*` integration tests: hex, seeded randomness, the test-only
//! server key, and a client and a server walked through the exchange in memory.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

pub mod c2;

use std::sync::OnceLock;

use pyro_mtproto_crypto::exchange::tmp_aes_key_iv;
use pyro_mtproto_crypto::handshake::*;
use pyro_mtproto_crypto::ige;
use pyro_mtproto_crypto::rsa::{RsaPrivateKey, RsaPublicKey};
use pyro_tl_types::Serializable;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Server time used by the in-memory exchanges.
pub const SERVER_TIME: i32 = 1_700_000_000;
/// Client clock used by the in-memory exchanges (7 s behind the server).
pub const CLIENT_NOW: i64 = 1_699_999_993;

/// Decodes hex (whitespace ignored).
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

/// Hex into a fixed-size array.
pub fn arr<const N: usize>(s: &str) -> [u8; N] {
    hex(s).try_into().unwrap()
}

/// `N` deterministic bytes for `(seed, label)`: SHA-256 in counter mode.
pub fn seeded<const N: usize>(seed: u64, label: &str) -> [u8; N] {
    let mut out = [0u8; N];
    for (i, chunk) in out.chunks_mut(32).enumerate() {
        let mut h = Sha256::new();
        h.update(seed.to_le_bytes());
        h.update(label.as_bytes());
        h.update((i as u32).to_le_bytes());
        chunk.copy_from_slice(&h.finalize()[..chunk.len()]);
    }
    out
}

/// The test-only 2048-bit server key of `tests/data/test_server_key.pem` (PKCS#1; generated for
/// these tests, never used by any real server).
pub fn server_keys() -> &'static [RsaPrivateKey] {
    static KEY: OnceLock<Vec<RsaPrivateKey>> = OnceLock::new();
    KEY.get_or_init(|| {
        let pem = include_str!("../data/test_server_key.pem");
        vec![RsaPrivateKey::from_pkcs1_pem(pem).unwrap()]
    })
}

/// The public halves of [`server_keys`], as a client knows them.
pub fn known_keys() -> Vec<RsaPublicKey> {
    server_keys()
        .iter()
        .map(|k| k.public_key().clone())
        .collect()
}

/// One precomputed server DH secret shared by the tests.
pub fn server_secret() -> &'static ServerDhSecret {
    static SECRET: OnceLock<ServerDhSecret> = OnceLock::new();
    SECRET.get_or_init(|| ServerDhSecret::new(&seeded(0, "server a")).unwrap())
}

/// Both sides just before the client handles `server_DH_params`.
#[derive(Clone)]
pub struct AtDhParams {
    pub client: ClientAwaitingDhParams,
    pub server: ServerAwaitingClientDh,
    pub server_dh_params: Vec<u8>,
    /// The client's step-2 randomness (its first 32 bytes are `new_nonce`).
    pub step2_random: [u8; STEP2_RANDOM],
    pub nonce: [u8; 16],
    pub server_nonce: [u8; 16],
}

/// Walks a client with `options` and a server through the first two round trips.
pub fn run_to_dh_params(seed: u64, options: ClientOptions) -> AtDhParams {
    let nonce = seeded(seed, "nonce");
    let server_nonce = seeded(seed, "server nonce");
    let (req_pq, client) = ClientStep1::new(options).start(nonce);
    let server = ServerStart::new(server_nonce, PqPair::known(seeded::<1>(seed, "pq")[0]));
    let (res_pq, server) = server.handle(&req_pq, server_keys()).unwrap();
    let step2_random = seeded(seed, "step2");
    let (req_dh, client) = client
        .handle(&res_pq, &step2_random, &known_keys())
        .unwrap();
    let (server_dh_params, server) = server
        .handle(
            &req_dh,
            server_keys(),
            server_secret(),
            SERVER_TIME,
            &seeded(seed, "pad"),
        )
        .unwrap();
    AtDhParams {
        client,
        server,
        server_dh_params,
        step2_random,
        nonce,
        server_nonce,
    }
}

/// Both sides' results of a complete exchange.
pub struct Finished {
    pub client: ClientFinished,
    pub server: ServerFinished,
}

/// A whole exchange in memory, the server accepting the first key.
pub fn run_exchange(seed: u64, options: ClientOptions) -> Finished {
    let at = run_to_dh_params(seed, options);
    let (set_dh, client) = at
        .client
        .handle(&at.server_dh_params, &seeded(seed, "step3"), CLIENT_NOW)
        .unwrap();
    let (dh_gen, server) = at.server.handle(&set_dh).unwrap().accept();
    let ClientDhOutcome::Done(client) = client.handle(&dh_gen).unwrap() else {
        panic!("expected dh_gen_ok");
    };
    Finished { client, server }
}

/// The temporary AES key and IV of an exchange, as both sides derive them.
pub fn tmp_aes(at: &AtDhParams) -> ([u8; 32], [u8; 32]) {
    let new_nonce: [u8; 32] = at.step2_random[..32].try_into().unwrap();
    tmp_aes_key_iv(&at.server_nonce, &new_nonce)
}

/// `AES-IGE(SHA1(data) || data || extra)` padded with zeros to 16: a test-side sealer for crafted
/// answers (`extra` lets a test add too much padding).
pub fn seal(at: &AtDhParams, value: &impl Serializable, extra: usize) -> Vec<u8> {
    let data = value.to_bytes();
    let mut plain = Sha1::digest(&data).to_vec();
    plain.extend_from_slice(&data);
    plain.resize(plain.len().div_ceil(16) * 16 + extra, 0);
    let (key, iv) = tmp_aes(at);
    ige::encrypt(&key, &iv, &mut plain).unwrap();
    plain
}

/// Undoes [`seal`] without checks: the plaintext (hash, data, padding).
pub fn unseal(at: &AtDhParams, encrypted: &[u8]) -> Vec<u8> {
    let (key, iv) = tmp_aes(at);
    let mut plain = encrypted.to_vec();
    ige::decrypt(&key, &iv, &mut plain).unwrap();
    plain
}

/// Re-encrypts a plaintext made by [`unseal`].
pub fn reseal(at: &AtDhParams, mut plain: Vec<u8>) -> Vec<u8> {
    let (key, iv) = tmp_aes(at);
    ige::encrypt(&key, &iv, &mut plain).unwrap();
    plain
}
