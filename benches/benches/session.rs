//! session storage benches: the calls a client makes per response (peer upserts, peer lookups,
//! update state) and per login (auth key), on the SQLite store, with the in-memory store as the
//! baseline measured in the same run. Results: `benches/README.md`, section "session".
//!
//! `cargo bench -p pyro-benches --no-default-features --features session --bench session`
//!
//! The session engine benches (`engine/...`) run request/response round trips through the
//! client engine and the server counterpart in memory, encryption and decryption on both sides
//! included: one small request at a time, and 64 pipelined in one container.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use pyro_session::{
    AuthKey, CachedPeer, MemoryStore, PeerId, PeerKind, SessionStore, SqliteStore, UpdateState,
};
use pyro_session::{engine, server};

/// Peers per upsert batch: a busy `messages.getDialogs` page carries about this many.
const BATCH: i64 = 100;
/// Peers cached before lookups are measured.
const CACHED: i64 = 10_000;

fn peer(id: i64, round: i64) -> CachedPeer {
    CachedPeer {
        id,
        kind: PeerKind::User,
        access_hash: Some(id.wrapping_mul(0x9E37_79B9)),
        username: Some(format!("user_{id}")),
        phone: None,
        last_seen: Some(1_700_000_000 + round),
        updated_at: 1_700_000_000 + round,
    }
}

/// A store and the name its figures are reported under.
type NamedStore = (&'static str, Arc<dyn SessionStore>);

/// Both stores, each pre-filled with `CACHED` peers; the guard keeps the SQLite directory alive.
fn stores() -> (tempfile::TempDir, Vec<NamedStore>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let sqlite =
        SqliteStore::open(dir.path().join("bench.session")).unwrap_or_else(|e| panic!("open: {e}"));
    let stores: Vec<NamedStore> = vec![
        ("memory", Arc::new(MemoryStore::new())),
        ("sqlite", Arc::new(sqlite)),
    ];
    let all: Vec<_> = (0..CACHED).map(|id| peer(id, 0)).collect();
    for (_, store) in &stores {
        store
            .upsert_peers(&all)
            .unwrap_or_else(|e| panic!("fill: {e}"));
    }
    (dir, stores)
}

fn storage(c: &mut Criterion) {
    let (_dir, stores) = stores();
    let mut group = c.benchmark_group("session");
    for (name, store) in &stores {
        group.throughput(Throughput::Elements(BATCH as u64));
        let mut round = 0;
        group.bench_function(BenchmarkId::new("upsert_100_peers", name), |b| {
            b.iter(|| {
                round += 1;
                let start = (round * BATCH) % CACHED;
                let batch: Vec<_> = (start..start + BATCH).map(|id| peer(id, round)).collect();
                store.upsert_peers(black_box(&batch))
            });
        });
        group.throughput(Throughput::Elements(1));
        let mut id = 0;
        group.bench_function(BenchmarkId::new("peer_by_id", name), |b| {
            b.iter(|| {
                id = (id + 7919) % CACHED;
                store.peer(black_box(PeerId::user(id)))
            });
        });
        group.bench_function(BenchmarkId::new("peer_by_username", name), |b| {
            b.iter(|| {
                id = (id + 7919) % CACHED;
                store.peer_by_username(black_box(&format!("USER_{id}")))
            });
        });
        let mut pts = 0;
        group.bench_function(BenchmarkId::new("set_update_state", name), |b| {
            b.iter(|| {
                pts += 1;
                store.set_update_state(black_box(&UpdateState {
                    pts,
                    qts: 0,
                    date: pts,
                    seq: pts,
                }))
            });
        });
        let key = AuthKey::new([0x5a; 256]);
        group.bench_function(BenchmarkId::new("set_auth_key_durable", name), |b| {
            b.iter(|| store.set_auth_key(black_box(2), Some(black_box(&key))));
        });
    }
    group.finish();
}

/// The client engine and the server counterpart over one auth key, clocks fixed.
fn engine_pair() -> (engine::Engine, server::ServerSession, engine::Now) {
    let now = engine::Now::new(
        std::time::Duration::from_secs(1),
        std::time::Duration::from_secs(1_700_000_000),
    );
    let key = [0x3c; 256];
    let server = server::ServerSession::new(
        pyro_mtproto_crypto::AuthKey::from_bytes(key),
        [1; 32],
        server::ServerConfig::default(),
    );
    let salt = server.salt_at(now);
    let mut client = engine::Engine::new(
        engine::EngineConfig::default(),
        pyro_mtproto_crypto::AuthKey::from_bytes(key),
        salt,
        [2; 32],
    );
    client.connected(now);
    (client, server, now)
}

/// Sends `n` small requests, answers them and collects the answers; returns how many came.
fn round_trips(
    client: &mut engine::Engine,
    server: &mut server::ServerSession,
    now: engine::Now,
    n: usize,
    buf: &mut Vec<u8>,
) -> usize {
    // help.getConfig-sized request: a constructor id and one int.
    for i in 0..n {
        let body = [0x12, 0x34, 0x56, 0x78, i as u8, 0, 0, 0].to_vec();
        let _ = client.request(now, body, engine::RequestOptions::default());
    }
    while client.poll_transmit(now, buf) {
        let _ = server.handle_packet(now, buf);
    }
    while let Some(req) = server.poll_request() {
        server.answer(req.msg_id, &[0xb5, 0x75, 0x72, 0x99]); // boolTrue
    }
    while server.poll_transmit(now, buf) {
        let _ = client.handle_incoming(now, buf);
    }
    let mut answers = 0;
    while let Some(event) = client.poll_event() {
        answers += usize::from(matches!(event, engine::Event::Response { .. }));
    }
    answers
}

fn session_engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    let mut buf = Vec::with_capacity(4096);
    for (name, n) in [
        ("round_trip_single", 1usize),
        ("round_trip_pipelined_64", 64),
    ] {
        let (mut client, mut server, now) = engine_pair();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let got = round_trips(&mut client, &mut server, now, n, &mut buf);
                assert_eq!(got, n, "every request answered");
            });
        });
    }
    // Baseline in the same run: the packet crypto alone of one round trip, i.e. the encryption
    // and decryption of a 112-byte client packet and a 112-byte server packet (the plaintext
    // sizes of an ack plus a small request or answer in a container).
    let key = pyro_mtproto_crypto::AuthKey::from_bytes([0x3c; 256]);
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline_packet_crypto_round_trip", |b| {
        use pyro_mtproto_crypto::packet::{self, Sender};
        let mut plain = vec![0u8; 24 + 112];
        plain[24 + 28] = 80; // message_data_length
        let padding = [0x55u8; 16];
        b.iter(|| {
            for sender in [Sender::Client, Sender::Server] {
                buf.clear();
                buf.extend_from_slice(&plain);
                let _ = packet::encrypt_in_place(&key, sender, &mut buf, &padding);
                let _ =
                    black_box(packet::decrypt_in_place(&key, sender, &mut buf).map(|p| p.len()));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, storage, session_engine);
criterion_main!(benches);
