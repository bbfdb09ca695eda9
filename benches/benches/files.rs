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
/// timed part) so unfinished uploads do not pile up in its memory; the wall time and the CPU
/// time of the uploads alone.
fn upload(
    rt: &tokio::runtime::Runtime,
    bytes: &[u8],
    connections: usize,
    iters: u64,
) -> (Duration, Duration) {
    let (mut wall, mut cpu) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..iters {
        rt.block_on(async {
            let dc = start(seed()).await;
            let client = bot(&dc, connections).await;
            let (started, cpu_before) = (Instant::now(), process_cpu());
            let uploaded = client
                .upload_reader(bytes, SIZE as u64, "up.bin", &options(connections))
                .await
                .unwrap_or_else(|e| panic!("upload: {e}"));
            wall += started.elapsed();
            cpu += process_cpu() - cpu_before;
            assert_eq!(uploaded.size, SIZE as u64);
            drop(client);
            dc.shutdown().await;
        });
    }
    (wall, cpu)
}

/// CPU time of the whole process so far (user + system, every thread: both ends of the
/// transfer), from `/proc/self/stat` (fields 14 and 15, in clock ticks of 10 ms); zero where
/// that file does not exist.
fn process_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Prints the CPU time one transfer cost both ends, and the throughput that cost allows when
/// both cores do nothing else: the figure that does not depend on the machine's other load.
fn report_cpu(name: &str, cpu: Duration, transfers: u64) {
    let per = cpu.as_secs_f64() / transfers.max(1) as f64;
    println!(
        "files/{name}: {:.0} ms of CPU per 256 MiB over {transfers} transfers (both ends); \
         2 idle cores allow {:.0} MB/s",
        per * 1000.0,
        2.0 * SIZE as f64 / 1e6 / per.max(1e-9)
    );
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
        let name = format!("download_256MiB_{connections}_connections");
        let (cpu_before, mut transfers) = (process_cpu(), 0);
        group.bench_function(&name, |b| {
            b.iter(|| {
                let mut sink = tokio::io::sink();
                let got = rt
                    .block_on(client.download(&location, &mut sink, &options(connections)))
                    .unwrap_or_else(|e| panic!("download: {e}"));
                assert_eq!(got, SIZE as u64);
                transfers += 1;
            });
        });
        report_cpu(&name, process_cpu() - cpu_before, transfers);
        let name = format!("upload_256MiB_{connections}_connections");
        let (mut cpu, mut transfers) = (Duration::ZERO, 0);
        group.bench_function(&name, |b| {
            b.iter_custom(|iters| {
                let (elapsed, used) = upload(&rt, &bytes, connections, iters);
                cpu += used;
                transfers += iters;
                elapsed
            });
        });
        report_cpu(&name, cpu, transfers);
    }
    group.finish();
    rt.block_on(dc.shutdown());
}

criterion_group!(benches, files);
criterion_main!(benches);
