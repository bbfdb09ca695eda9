//! A minimal Rust client for the network tests: the client key-exchange typestates over a
//! pyro-transport connection, then pyro-session's driver for encrypted calls.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

pub mod raw;

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyro_mtproto_crypto::handshake::envelope::{unwrap_plain, wrap_plain};
use pyro_mtproto_crypto::handshake::{
    ClientDhOutcome, ClientFinished, ClientOptions, ClientStep1, STEP2_RANDOM, STEP3_RANDOM,
};
use pyro_mtproto_crypto::packet::Sender;
use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_session::driver::{self, Client, DriverConfig};
use pyro_test_dc::{Seed, SeedUser, TestDc};
use pyro_tl_types::Serializable;
use pyro_tl_types::api::functions;
use pyro_transport::{CodecKind, ConnectOptions, Frame, FramedConnection};

pub fn random<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).unwrap();
    out
}

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A client msg_id for a plain message (divisible by 4, from the clock).
pub fn plain_msg_id(n: i64) -> i64 {
    (unix_now() << 32) + n * 4
}

/// A seed with two people and a bot.
pub fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").login_code("12345"))
        .user(SeedUser::person("bob", "15550002", "Bob").login_code("22222"))
        .user(SeedUser::bot("helper", "42:TOKEN", "Helper"))
}

pub async fn start(dcs: usize) -> TestDc {
    TestDc::builder()
        .seed(seed())
        .dcs(dcs)
        .start()
        .await
        .unwrap()
}

pub async fn connect(addr: SocketAddr, dc: i16, kind: CodecKind) -> FramedConnection {
    pyro_transport::connect(&ConnectOptions::new(addr, dc, kind))
        .await
        .unwrap()
}

/// Sends one plain message and returns the body of the answer.
pub async fn plain_round_trip(conn: &mut FramedConnection, n: i64, body: &[u8]) -> Vec<u8> {
    conn.send(&wrap_plain(plain_msg_id(n), body)).await.unwrap();
    let Frame::Packet { mut payload, .. } = conn.recv().await.unwrap() else {
        panic!("quick ack instead of an answer");
    };
    // The padded intermediate codec leaves its random tail: the envelope's length says where
    // the message ends.
    let len = u32::from_le_bytes(payload[16..20].try_into().unwrap()) as usize;
    payload.truncate(20 + len);
    unwrap_plain(&payload, Sender::Server)
        .unwrap()
        .body
        .to_vec()
}

/// Runs the whole key exchange on `conn`.
pub async fn exchange(
    conn: &mut FramedConnection,
    pem: &str,
    options: ClientOptions,
) -> ClientFinished {
    let known = [RsaPublicKey::from_pem(pem).unwrap()];
    let (req_pq, client) = ClientStep1::new(options).start(random());
    let res_pq = plain_round_trip(conn, 1, &req_pq).await;
    let (req_dh, client) = client
        .handle(&res_pq, &random::<STEP2_RANDOM>(), &known)
        .unwrap();
    let dh_params = plain_round_trip(conn, 2, &req_dh).await;
    let (set_dh, client) = client
        .handle(&dh_params, &random::<STEP3_RANDOM>(), unix_now())
        .unwrap();
    let dh_gen = plain_round_trip(conn, 3, &set_dh).await;
    match client.handle(&dh_gen).unwrap() {
        ClientDhOutcome::Done(finished) => finished,
        ClientDhOutcome::Retry(_) => panic!("the server asked for a retry"),
    }
}

/// A permanent key for DC `dc_id` of `dc`, made over a fresh connection with `kind`.
pub async fn new_key(dc: &TestDc, dc_id: i32, kind: CodecKind) -> ClientFinished {
    let info = &dc.dcs()[(dc_id - 1) as usize];
    let mut conn = connect(info.addr, dc_id as i16, kind).await;
    exchange(&mut conn, &info.public_pem, ClientOptions::permanent(dc_id)).await
}

/// A session driver over `key` to DC `dc_id`.
pub fn session(dc: &TestDc, dc_id: i32, kind: CodecKind, key: &ClientFinished) -> Client {
    let addr = dc.address(dc_id).unwrap();
    let mut config = DriverConfig::new(ConnectOptions::new(addr, dc_id as i16, kind));
    config.backoff_min = Duration::from_millis(20);
    config.backoff_max = Duration::from_millis(200);
    let (client, _events) = driver::spawn(config, key.auth_key.clone(), key.first_salt).unwrap();
    client
}

/// `help.getConfig` serialized.
pub fn get_config() -> Vec<u8> {
    functions::help::GetConfig {}.to_bytes()
}

/// A connection to DC 1 of `dc` that has just made a permanent key.
pub async fn connect_with_key(dc: &TestDc, kind: CodecKind) -> (FramedConnection, ClientFinished) {
    let info = &dc.dcs()[0];
    let mut conn = connect(info.addr, 1, kind).await;
    let key = exchange(&mut conn, &info.public_pem, ClientOptions::permanent(1)).await;
    (conn, key)
}
