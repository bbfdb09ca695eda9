//! Peer cache benches (issue 8): what 10 000 cached peers cost an idle client in memory, and what
//! the in-memory front saves per response and per lookup against the SQLite store it sits on
//! (the baseline, measured in the same run). Results: `benches/README.md`, section "peers".
//!
//! `cargo bench -p pyro-benches --no-default-features --features client --bench peers`
//!
//! Memory is counted by this binary's global allocator (live bytes of the Rust heap before and
//! after filling the cache); SQLite's own page cache is allocated by SQLite, outside that count,
//! so the figure is the memory front's cost, which is what grows with the number of peers.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pyro_client::peers::PeerCache;
use pyro_session::{PeerId, SessionStore, SqliteStore};
use pyro_tl_types::api::{enums, types};

/// Counts the bytes currently allocated through it (the system allocator does the work).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

#[allow(unsafe_code)] // A global allocator is an unsafe trait; this one only forwards and counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator, under the caller's contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peers in the idle client's cache.
const CACHED: i64 = 10_000;
/// Users per answer: a busy `messages.getDialogs` page mentions about this many.
const BATCH: i64 = 100;

/// A user as Telegram sends it: id, access hash, names, username, status.
fn user(id: i64) -> enums::User {
    types::User {
        id,
        access_hash: Some(id.wrapping_mul(0x9E37_79B9)),
        first_name: Some(format!("First{id}")),
        last_name: Some("Last".into()),
        username: Some(format!("user_{id}")),
        status: Some(
            types::UserStatusOffline {
                was_online: 1_700_000_000,
            }
            .into(),
        ),
        ..Default::default()
    }
    .into()
}

fn sqlite(dir: &tempfile::TempDir) -> Arc<dyn SessionStore> {
    Arc::new(
        SqliteStore::open(dir.path().join("bench.session")).unwrap_or_else(|e| panic!("open: {e}")),
    )
}

/// Live heap bytes of a cache holding `CACHED` peers (over SQLite, whose memory is not counted),
/// printed once: the figure for the README.
#[allow(clippy::cast_precision_loss)] // a MiB figure for a log line
fn memory_of_cached_peers() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store = sqlite(&dir);
    let answer: Vec<enums::User> = (1..=CACHED).map(user).collect();
    let before = LIVE.load(Ordering::Relaxed);
    let cache = PeerCache::new(Arc::clone(&store));
    cache
        .harvest(&answer, 1_700_000_000)
        .unwrap_or_else(|e| panic!("harvest: {e}"));
    let after = LIVE.load(Ordering::Relaxed);
    let bytes = after.saturating_sub(before);
    eprintln!(
        "peers/memory: {CACHED} cached peers hold {bytes} bytes of Rust heap ({} bytes per peer, \
         {:.2} MiB)",
        bytes / CACHED as usize,
        bytes as f64 / (1024.0 * 1024.0),
    );
    black_box(&cache);
}

fn peers(c: &mut Criterion) {
    memory_of_cached_peers();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let store = sqlite(&dir);
    let cache = PeerCache::new(Arc::clone(&store));
    let all: Vec<enums::User> = (1..=CACHED).map(user).collect();
    cache
        .harvest(&all, 1_700_000_000)
        .unwrap_or_else(|e| panic!("fill: {e}"));
    let answer = enums::messages::Messages::Messages(Box::new(types::messages::Messages {
        users: (1..=BATCH).map(user).collect(),
        ..Default::default()
    }));
    let seen: Vec<_> = (1..=BATCH)
        .filter_map(|id| store.peer(PeerId::user(id)).ok().flatten())
        .collect();

    let mut group = c.benchmark_group("peers");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("harvest 100 known users (front)", |b| {
        b.iter(|| cache.harvest(black_box(&answer), 1_700_000_100));
    });
    group.bench_function("upsert 100 users (sqlite, baseline)", |b| {
        b.iter(|| store.upsert_peers(black_box(&seen)));
    });
    group.throughput(Throughput::Elements(1));
    let mut id = 0;
    group.bench_function("lookup by id (front)", |b| {
        b.iter(|| {
            id = id % CACHED + 1;
            cache.get(PeerId::user(black_box(id)))
        });
    });
    group.bench_function("lookup by id (sqlite, baseline)", |b| {
        b.iter(|| {
            id = id % CACHED + 1;
            store.peer(PeerId::user(black_box(id)))
        });
    });
    group.bench_function("lookup by username (front)", |b| {
        b.iter(|| {
            id = id % CACHED + 1;
            cache.by_username(black_box(&format!("USER_{id}")))
        });
    });
    group.finish();
}

criterion_group!(benches, peers);
criterion_main!(benches);
