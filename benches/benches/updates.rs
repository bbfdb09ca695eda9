//! updates benches: how many updates per second reach a no-op handler.
//!
//! `cargo bench -p pyro-benches --no-default-features --features client,tl --bench updates`
//!
//! - `updates/test_dc`: end to end. Alice writes to a bot through the in-memory model of a
//!   running test DC (no network on her side); the model pushes each message to the bot's
//!   client over a real 127.0.0.1 connection (encrypted MTProto), where the client decodes it,
//!   the gap recovery orders it, the typed update is built and the dispatcher's workers run
//!   the handler, which only counts. Issue 8's target: 50 000 updates/s.
//! - `updates/in_process`: the same path from decoded `Updates` objects on (sequencer, typed
//!   update, dispatcher), without the test DC, the network or the crypto: the ceiling of the
//!   client's own share.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pyro_client::Client;
use pyro_client::updates::gap::{Sequencer, SequencerConfig};
use pyro_client::updates::{Dispatcher, Handler, Router, UpdateEvent, UpdatesConfig, WorkerConfig};
use pyro_test_dc::{CallContext, Seed, SeedUser, TestDc};
use pyro_tl_types::api::{enums, functions, types};
use pyro_tl_types::{Deserializable, Serializable};
use tokio::sync::Notify;

const BOT_TOKEN: &str = "42:TOKEN";
const BOT_USERNAME: &str = "bench_bot";
/// How long the end-to-end bench waits for the next update before it gives up.
const STALL: Duration = Duration::from_secs(30);
const ALICE: &str = "15550001";

/// Counts handled updates and wakes whoever waits for a total.
#[derive(Default)]
struct Counter {
    seen: AtomicU64,
    target: AtomicU64,
    reached: Notify,
}

impl Counter {
    fn router(self: &Arc<Self>) -> Router<Client, UpdateEvent> {
        let counter = Arc::clone(self);
        Router::new("count").with(Handler::message(move |_client: Client, _message| {
            let counter = Arc::clone(&counter);
            async move {
                let seen = counter.seen.fetch_add(1, Ordering::AcqRel) + 1;
                if seen == counter.target.load(Ordering::Acquire) {
                    counter.reached.notify_one();
                }
            }
        }))
    }

    /// Expects `n` more updates; returns the total to wait for.
    fn expect(&self, n: u64) -> u64 {
        let target = self.seen.load(Ordering::Acquire) + n;
        self.target.store(target, Ordering::Release);
        target
    }

    /// Waits until `target` updates were handled; panics when none comes for [`STALL`]
    /// (a bench that would otherwise wait forever says why it stopped).
    async fn wait(&self, target: u64) {
        let mut last = (self.seen.load(Ordering::Acquire), Instant::now());
        while last.0 < target {
            let _ = tokio::time::timeout(Duration::from_millis(50), self.reached.notified()).await;
            let seen = self.seen.load(Ordering::Acquire);
            if seen > last.0 {
                last = (seen, Instant::now());
            } else if last.1.elapsed() > STALL {
                panic!("stalled: {seen} of {target} updates handled, none for {STALL:?}");
            }
        }
    }
}

fn call<R: pyro_tl_types::RemoteCall>(dc: &TestDc, ctx: &CallContext, request: &R) -> R::Return {
    let answer = dc
        .telegram()
        .call(ctx, &request.to_bytes())
        .into_result()
        .unwrap_or_else(|e| panic!("{e:?}"));
    R::Return::from_bytes(&answer).unwrap_or_else(|e| panic!("{e}"))
}

/// Logs Alice in through the model itself under a made-up key; returns her context and the
/// bot's input peer.
fn alice(dc: &TestDc, bot_id: i64) -> (CallContext, enums::InputPeer) {
    let ctx = CallContext {
        dc_id: 1,
        auth_key_id: 0x00a1_1ce0,
        session_id: 1,
    };
    let sent = call(
        dc,
        &ctx,
        &functions::auth::SendCode {
            phone_number: ALICE.into(),
            api_id: 1,
            api_hash: "hash".into(),
            settings: enums::CodeSettings::default(),
        },
    );
    let enums::auth::SentCode::SentCode(sent) = sent else {
        panic!("a sent code");
    };
    call(
        dc,
        &ctx,
        &functions::auth::SignIn {
            phone_number: ALICE.into(),
            phone_code_hash: sent.phone_code_hash,
            phone_code: dc.telegram().last_login_code(ALICE),
            email_verification: None,
        },
    );
    let resolved = call(
        dc,
        &ctx,
        &functions::contacts::ResolveUsername {
            username: BOT_USERNAME.into(),
            referer: None,
        },
    );
    let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = resolved;
    let access_hash = resolved
        .users
        .iter()
        .find_map(|u| match u {
            enums::User::User(u) if u.id == bot_id => u.access_hash,
            _ => None,
        })
        .unwrap_or_else(|| panic!("the bot's access hash"));
    let peer = enums::InputPeer::User(types::InputPeerUser {
        user_id: bot_id,
        access_hash,
    });
    (ctx, peer)
}

fn test_dc(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let counter = Arc::new(Counter::default());
    let (dc, _bot, alice, to_bot, _updates) = runtime.block_on(async {
        let seed = Seed::new()
            .user(SeedUser::person("alice", ALICE, "Alice").login_code("12345"))
            .user(SeedUser::bot("bot", BOT_TOKEN, "Bot").username(BOT_USERNAME));
        let dc = TestDc::builder()
            .seed(seed)
            .start()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let info = &dc.dcs()[0];
        let bot = Client::builder(1, "hash")
            .in_memory()
            .dc(info.id, info.addr)
            .rsa_key_pem(info.public_pem.clone())
            .connect()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let login = bot
            .invoke(&functions::auth::ImportBotAuthorization {
                flags: 0,
                api_id: 1,
                api_hash: "hash".into(),
                bot_auth_token: BOT_TOKEN.into(),
            })
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let enums::auth::Authorization::Authorization(login) = login else {
            panic!("a bot login");
        };
        let enums::User::User(me) = login.user else {
            panic!("the bot's user");
        };
        let (alice, to_bot) = alice(&dc, me.id);
        let config = UpdatesConfig {
            workers: WorkerConfig {
                workers: 4,
                queue: 1024,
            },
            ..UpdatesConfig::default()
        };
        let updates = bot
            .start_updates(counter.router(), config)
            .unwrap_or_else(|e| panic!("{e}"));
        updates.ready().await;
        (dc, bot, alice, to_bot, updates)
    });
    let mut random_id = 0i64;
    let mut group = c.benchmark_group("updates");
    group.throughput(Throughput::Elements(1));
    // Every message stays in the test DC's logs: a bounded run keeps its memory small.
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("test_dc", |b| {
        b.iter_custom(|iters| {
            let target = counter.expect(iters);
            let start = Instant::now();
            for _ in 0..iters {
                random_id += 1;
                let send = functions::messages::SendMessage {
                    peer: to_bot.clone(),
                    message: "ping".into(),
                    random_id,
                    ..Default::default()
                };
                if let Err(e) = dc.telegram().call(&alice, &send.to_bytes()).into_result() {
                    panic!("Alice's send: {e:?}");
                }
            }
            runtime.block_on(counter.wait(target));
            start.elapsed()
        });
    });
    group.finish();
}

/// `n` pushed messages, as the test DC sends them to a bot, numbered from `first`.
fn pushed(first: i32, n: i32) -> Vec<enums::Updates> {
    (first..first + n)
        .map(|pts| {
            enums::Updates::UpdateShortMessage(Box::new(types::UpdateShortMessage {
                id: pts,
                user_id: 1000,
                message: "ping".into(),
                pts,
                pts_count: 1,
                date: 1_700_000_000,
                ..types::UpdateShortMessage::default()
            }))
        })
        .collect()
}

fn in_process(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let mut group = c.benchmark_group("updates");
    group.throughput(Throughput::Elements(1));
    group.bench_function("in_process", |b| {
        b.iter_custom(|iters| {
            let n = i32::try_from(iters).unwrap_or(i32::MAX);
            let batch = pushed(1, n);
            runtime.block_on(async move {
                let mut sequencer = Sequencer::new(SequencerConfig::default());
                let _ = sequencer.poll_request(Instant::now());
                sequencer.on_state(enums::updates::State::State(types::updates::State {
                    pts: 0,
                    qts: 0,
                    date: 0,
                    seq: 0,
                    unread_count: 0,
                }));
                // The dispatcher without a client: the bench's client type is `()`.
                let router = Router::new("count")
                    .with(Handler::<(), UpdateEvent>::message(|(), _message| async {}));
                let workers = Dispatcher::new((), router).spawn(
                    WorkerConfig {
                        workers: 4,
                        queue: 1024,
                    },
                    UpdateEvent::shard,
                );
                let start = Instant::now();
                for updates in batch {
                    sequencer.push(updates, start);
                    while let Some(update) = sequencer.poll_update() {
                        let peers = Arc::new(pyro_client::types::PeerMap::new());
                        let event = UpdateEvent::new(update.update, peers);
                        let _ = workers.send(event).await;
                    }
                }
                // Every queued update handled.
                workers.finish().await;
                start.elapsed()
            })
        });
    });
    group.finish();
}

criterion_group!(benches, in_process, test_dc);
criterion_main!(benches);
