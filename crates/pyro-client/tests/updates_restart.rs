//! Updates across restarts and lost sessions: catch-up from the stored state (or a fresh start
//! without it), and a new server session (`new_session_created`) revealing pushes that were
//! lost with no later update to show the gap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;
mod updates_support;

use std::sync::Arc;

use client_support::{bot_login, builder};
use pyro_client::Client;
use pyro_client::updates::UpdatesConfig;
use pyro_client::updates::gap::SequencerConfig;
use pyro_session::{MemoryStore, SessionStore};
use pyro_test_dc::{Faults, TestDc};
use pyro_tl_types::api::{enums, functions};
use updates_support::{alice, client_on, expect, numbered, recorder, seed, send};

/// No idle poll: only what the test names may reveal a gap.
fn config(catch_up: bool) -> UpdatesConfig {
    UpdatesConfig {
        catch_up,
        sequencer: SequencerConfig {
            idle_poll: None,
            ..SequencerConfig::default()
        },
        ..UpdatesConfig::default()
    }
}

/// A test DC, Alice logged in and her peer for the bot.
async fn alice_and_dc() -> (TestDc, Client, enums::InputPeer) {
    let dc = TestDc::builder().seed(seed()).start().await.unwrap();
    let (alice, to_bot) = alice(&dc).await;
    (dc, alice, to_bot)
}

async fn send_range(alice: &Client, to_bot: &enums::InputPeer, range: std::ops::Range<usize>) {
    for i in range {
        send(alice, to_bot, &format!("m{i}"), i as i64 + 1).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarts_catch_up_from_the_stored_state_or_start_fresh() {
    let (dc, alice, to_bot) = alice_and_dc().await;
    let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());

    let bot = client_on(&dc, &store).await;
    bot_login(&bot).await;
    let (router, mut texts) = recorder();
    let updates = bot.start_updates(router, config(false)).unwrap();
    updates.ready().await;
    send_range(&alice, &to_bot, 0..5).await;
    assert_eq!(expect(&mut texts, 5).await, numbered("m", 0..5));
    updates.stop().await.unwrap();
    bot.disconnect();
    drop(bot);
    let saved = store.update_state().unwrap().expect("the state is saved");

    // While the bot is away.
    send_range(&alice, &to_bot, 5..10).await;
    let bot = client_on(&dc, &store).await;
    let (router, mut texts) = recorder();
    let updates = bot.start_updates(router, config(true)).unwrap();
    assert_eq!(
        expect(&mut texts, 5).await,
        numbered("m", 5..10),
        "caught up"
    );
    send_range(&alice, &to_bot, 10..11).await;
    assert_eq!(expect(&mut texts, 1).await, ["m10"], "then live");
    updates.stop().await.unwrap();
    assert!(texts.try_recv().is_err());
    let after = store.update_state().unwrap().unwrap();
    assert!(after.pts > saved.pts, "{saved:?} -> {after:?}");
    bot.disconnect();
    drop(bot);

    // Without catch-up, what happened while away is skipped.
    send_range(&alice, &to_bot, 11..13).await;
    let bot = client_on(&dc, &store).await;
    let (router, mut texts) = recorder();
    let updates = bot.start_updates(router, config(false)).unwrap();
    updates.ready().await;
    send_range(&alice, &to_bot, 13..14).await;
    assert_eq!(expect(&mut texts, 1).await, ["m13"]);
    updates.stop().await.unwrap();
    assert!(texts.try_recv().is_err(), "m11 and m12 were skipped");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_session_reveals_lost_pushes() {
    let (dc, alice, to_bot) = alice_and_dc().await;
    let bot = builder(&dc).connect().await.unwrap();
    bot_login(&bot).await;
    let (router, mut texts) = recorder();
    let updates = bot.start_updates(router, config(false)).unwrap();
    updates.ready().await;
    send_range(&alice, &to_bot, 0..1).await;
    assert_eq!(expect(&mut texts, 1).await, ["m0"]);

    // Every push is lost; no later update will show the gap.
    dc.set_faults(Faults {
        drop_updates: 1.0,
        ..Faults::default()
    });
    send_range(&alice, &to_bot, 1..4).await;
    dc.set_faults(Faults::default());
    // The server forgets the sessions: the bot's next request opens a new one, and the
    // server's new_session_created tells the client pushes may have been lost.
    dc.disconnect_all();
    bot.invoke(&functions::help::GetNearestDc {}).await.unwrap();
    assert_eq!(expect(&mut texts, 3).await, numbered("m", 1..4));
    let stats = updates.stats();
    updates.stop().await.unwrap();
    assert!(texts.try_recv().is_err());
    assert!(stats.differences >= 1, "{stats:?}");
    dc.shutdown().await;
}
