//! pyro-client file transfers against an in-process test DC over loopback TCP (`pyro-test-dc`):
//! upload and download of a 256 MiB file in 512 KiB parts, over one media connection and over
//! four. Both ends run on this machine, so every part is encrypted by one side and decrypted by
//! the other. Results: `benches/README.md`, section "files".
//!
//! `cargo bench -p pyro-benches --no-default-features --features client --bench files`

use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use pyro_client::Client;
use pyro_client::files::{FileLocation, TransferOptions};
use pyro_client::tl::{enums, functions, types};
use pyro_test_dc::{Seed, SeedFile, SeedUser, TestDc};

/// The seed's bot token.
const TOKEN: &str = "42:TOKEN";
/// The transferred file's size.
const SIZE: usize = 256 * 1024 * 1024;
/// Parts in flight per media connection.
const PER_CONNECTION: usize = 4;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
}

/// A bot and a user.
fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice"))
        .user(SeedUser::bot("helper", TOKEN, "Helper"))
}

/// [`seed`] plus the 256 MiB file Alice sent the bot in message 1 (`SeedFile`'s `i % 251`).
fn seed_with_file() -> Seed {
    let file = SeedFile {
        name: "big.bin".into(),
        mime_type: "application/octet-stream".into(),
        size: SIZE as u32,
        ..SeedFile::default()
    };
    seed().file_message("alice", "helper", "big", file)
}

async fn start(seed: Seed) -> TestDc {
    TestDc::builder()
        .seed(seed)
        .dh_pool(16)
        .start()
        .await
        .unwrap_or_else(|e| panic!("test DC: {e}"))
}

/// A bot client of `dc` with `connections` media connections.
async fn bot(dc: &TestDc, connections: usize) -> Client {
    let mut b = Client::builder(1, "bench")
        .in_memory()
        .media_connections(connections);
    for info in dc.dcs() {
        b = b
            .dc(info.id, info.addr)
            .rsa_key_pem(info.public_pem.clone());
    }
    let client = b.connect().await.unwrap_or_else(|e| panic!("connect: {e}"));
    client
        .invoke(&functions::auth::ImportBotAuthorization {
            flags: 0,
            api_id: client.api_id(),
            api_hash: client.api_hash().to_owned(),
            bot_auth_token: TOKEN.to_owned(),
        })
        .await
        .unwrap_or_else(|e| panic!("login: {e}"));
    client
}

/// Where the seeded file of message 1 is.
async fn seeded_file(client: &Client) -> FileLocation {
    let answer = client
        .invoke(&functions::messages::GetMessages {
            id: vec![enums::InputMessage::Id(types::InputMessageId { id: 1 })],
        })
        .await
        .unwrap_or_else(|e| panic!("getMessages: {e}"));
    let enums::messages::Messages::Messages(list) = answer else {
        panic!("unexpected answer {answer:?}");
    };
    list.messages
        .iter()
        .find_map(|m| match m {
            enums::Message::Message(m) => m.media.as_ref().and_then(FileLocation::from_media),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no document in message 1"))
}

fn options(connections: usize) -> TransferOptions {
    TransferOptions::default().parallelism(PER_CONNECTION * connections)
}

/// `iters` uploads of `bytes`, each on a fresh test DC (started and logged into outside the
/// timed part) so unfinished uploads do not pile up in its memory.
fn upload(rt: &tokio::runtime::Runtime, bytes: &[u8], connections: usize, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        total += rt.block_on(async {
            let dc = start(seed()).await;
            let client = bot(&dc, connections).await;
            let started = Instant::now();
            let uploaded = client
                .upload_reader(bytes, SIZE as u64, "up.bin", &options(connections))
                .await
                .unwrap_or_else(|e| panic!("upload: {e}"));
            let elapsed = started.elapsed();
            assert_eq!(uploaded.size, SIZE as u64);
            drop(client);
            dc.shutdown().await;
            elapsed
        });
    }
    total
}

fn files(c: &mut Criterion) {
    let rt = runtime();
    let bytes: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
    let dc = rt.block_on(start(seed_with_file()));
    let mut group = c.benchmark_group("files");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Bytes(SIZE as u64));
    for connections in [1, 4] {
        let client = rt.block_on(bot(&dc, connections));
        let location = rt.block_on(seeded_file(&client));
        assert_eq!(location.size, SIZE as u64);
        group.bench_function(format!("download_256MiB_{connections}_connections"), |b| {
            b.iter(|| {
                let mut sink = tokio::io::sink();
                let got = rt
                    .block_on(client.download(&location, &mut sink, &options(connections)))
                    .unwrap_or_else(|e| panic!("download: {e}"));
                assert_eq!(got, SIZE as u64);
            });
        });
        group.bench_function(format!("upload_256MiB_{connections}_connections"), |b| {
            b.iter_custom(|iters| upload(&rt, &bytes, connections, iters));
        });
    }
    group.finish();
    rt.block_on(dc.shutdown());
}

criterion_group!(benches, files);
criterion_main!(benches);
