//! pyro-client benches against an in-process test DC over loopback TCP (`pyro-test-dc`): a cold
//! connect (TCP, key exchange, `help.getConfig` wrapped in `initConnection`) with and without a
//! bot login; the latency of one small request (criterion's distribution gives p50 and the
//! tail); and pipelined small requests per second on one connection and spread over four.
//! Results: `benches/README.md`, section "client".
//!
//! `cargo bench -p pyro-benches --no-default-features --features client --bench client`

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pyro_client::Client;
use pyro_client::tl::functions;
use pyro_test_dc::{Seed, SeedUser, TestDc};

/// The seed's bot token.
const TOKEN: &str = "42:TOKEN";
/// Requests in flight at once in the pipelined benches.
const PIPELINE: usize = 256;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
}

/// A builder for `dc` with an in-memory session.
fn builder(dc: &TestDc) -> pyro_client::ClientBuilder {
    let mut b = Client::builder(1, "bench").in_memory();
    for info in dc.dcs() {
        b = b
            .dc(info.id, info.addr)
            .rsa_key_pem(info.public_pem.clone());
    }
    b
}

async fn connect(dc: &TestDc) -> Client {
    builder(dc)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"))
}

async fn login(client: &Client) {
    client
        .invoke(&functions::auth::ImportBotAuthorization {
            flags: 0,
            api_id: client.api_id(),
            api_hash: client.api_hash().to_owned(),
            bot_auth_token: TOKEN.to_owned(),
        })
        .await
        .unwrap_or_else(|e| panic!("login: {e}"));
}

/// `PIPELINE` `help.getNearestDc` calls in flight at once, spread over `clients`.
async fn pipelined(clients: &[Client]) {
    let mut tasks = Vec::with_capacity(PIPELINE);
    for i in 0..PIPELINE {
        let client = clients[i % clients.len()].clone();
        tasks.push(tokio::spawn(async move {
            client.invoke(&functions::help::GetNearestDc {}).await
        }));
    }
    for task in tasks {
        let answer = task.await.unwrap_or_else(|e| panic!("task: {e}"));
        answer.unwrap_or_else(|e| panic!("request: {e}"));
    }
}

fn client(c: &mut Criterion) {
    let rt = runtime();
    let seed = Seed::new().user(SeedUser::bot("helper", TOKEN, "Helper"));
    let dc = rt
        .block_on(TestDc::builder().seed(seed).dh_pool(64).start())
        .unwrap_or_else(|e| panic!("test DC: {e}"));
    let mut group = c.benchmark_group("client");
    group.sample_size(30);
    group.bench_function("cold_connect", |b| {
        b.iter(|| rt.block_on(connect(&dc)));
    });
    group.bench_function("cold_connect_bot_login", |b| {
        b.iter(|| {
            rt.block_on(async {
                let client = connect(&dc).await;
                login(&client).await;
                client
            })
        });
    });
    group.sample_size(100);
    let one = rt.block_on(connect(&dc));
    group.bench_function("request_latency", |b| {
        b.iter(|| {
            rt.block_on(one.invoke(&functions::help::GetNearestDc {}))
                .unwrap_or_else(|e| panic!("request: {e}"))
        });
    });
    let four: Vec<Client> = (0..4).map(|_| rt.block_on(connect(&dc))).collect();
    group.throughput(Throughput::Elements(PIPELINE as u64));
    group.bench_function("pipelined_1_connection", |b| {
        b.iter(|| rt.block_on(pipelined(std::slice::from_ref(&one))));
    });
    group.bench_function("pipelined_4_connections", |b| {
        b.iter(|| rt.block_on(pipelined(&four)));
    });
    group.finish();
    latency_percentiles(&rt, &one);
}

/// p50 and p99 of single requests, printed (criterion reports the mean and its spread).
fn latency_percentiles(rt: &tokio::runtime::Runtime, client: &Client) {
    let mut samples: Vec<Duration> = (0..2000)
        .map(|_| {
            let started = Instant::now();
            rt.block_on(client.invoke(&functions::help::GetNearestDc {}))
                .unwrap_or_else(|e| panic!("request: {e}"));
            started.elapsed()
        })
        .collect();
    samples.sort_unstable();
    let at = |q: usize| samples[(samples.len() * q / 100).min(samples.len() - 1)];
    println!(
        "client/request_latency percentiles over {} requests: p50 {:?}, p99 {:?}",
        samples.len(),
        at(50),
        at(99)
    );
}

criterion_group!(benches, client);
criterion_main!(benches);
