//! Issue 8's hard test: the test DC loses a random 20 % of live updates and pushes the rest in
//! random order over two connections of the same account; the handler must see every message
//! exactly once, in order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;
mod updates_support;

use std::sync::Arc;
use std::time::Duration;

use client_support::bot_login;
use pyro_client::updates::UpdatesConfig;
use pyro_client::updates::gap::SequencerConfig;
use pyro_session::{MemoryStore, SessionStore};
use pyro_test_dc::{Faults, NetFaults, TestDc, UpdateShuffle};
use updates_support::{alice, client_on, expect, merge, numbered, recorder, seed, send};

const MESSAGES: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_update_once_in_order_despite_drops_and_shuffles() {
    let dc = TestDc::builder()
        .seed(seed())
        .rng_seed(8)
        .faults(Faults {
            drop_updates: 0.2,
            ..Faults::default()
        })
        .net_faults(NetFaults {
            seed: 20,
            shuffle_updates: Some(UpdateShuffle {
                window: 8,
                flush_after: Duration::from_millis(20),
            }),
            ..NetFaults::default()
        })
        .start()
        .await
        .unwrap();

    // The bot: two clients on one stored auth key, so two connections get its pushes.
    let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
    let bot = client_on(&dc, &store).await;
    bot_login(&bot).await;
    let twin = client_on(&dc, &store).await;
    let feed = merge(
        bot.take_raw_updates().unwrap(),
        twin.take_raw_updates().unwrap(),
    );
    let (router, mut texts) = recorder();
    let config = UpdatesConfig {
        // The last pushes may be lost with no later one to reveal the gap: poll when quiet.
        // A short gap wait makes for many rounds of waiting and fetching while messages flow.
        sequencer: SequencerConfig {
            gap_wait: Duration::from_millis(50),
            idle_poll: Some(Duration::from_millis(700)),
            ..SequencerConfig::default()
        },
        ..UpdatesConfig::default()
    };
    let updates = bot.start_updates_from(feed, router, config).unwrap();

    let (alice, to_bot) = alice(&dc).await;
    for (i, text) in numbered("m", 0..MESSAGES).iter().enumerate() {
        send(&alice, &to_bot, text, i as i64 + 1).await;
    }

    let seen = expect(&mut texts, MESSAGES).await;
    let stats = updates.stats();
    updates.stop().await.unwrap();
    assert_eq!(seen, numbered("m", 0..MESSAGES), "once each, in order");
    assert!(texts.try_recv().is_err(), "nothing twice");
    assert!(
        stats.duplicates > 0,
        "two connections deliver copies: {stats:?}"
    );
    assert!(
        stats.gaps > 0 && stats.differences > 0,
        "drops were recovered: {stats:?}"
    );
    let state = store.update_state().unwrap().expect("the state is saved");
    assert!(state.pts >= MESSAGES as i32, "{state:?}");
    dc.shutdown().await;
}
