//! Unknown senders: a bot that has never seen Alice gets her first message as an
//! `updateShortMessage` (no access hash for her). The updates task fetches the difference
//! instead of dispatching the short form, so the handler gets the whole message with Alice's
//! user, and its `reply` reaches her. Alice's own sends, fed back to her updates task as
//! answers, reach none of her handlers and leave no gap: her updates task fetches no
//! difference at all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;
mod updates_support;

use std::sync::Arc;

use client_support::{ALICE_PHONE, bot_login};
use pyro_client::Client;
use pyro_client::types::{Message, Sender};
use pyro_client::updates::{Handler, Router, UpdatesConfig};
use pyro_session::{MemoryStore, PeerId, SessionStore};
use pyro_test_dc::{Seed, SeedChannel, SeedUser, TestDc};
use tokio::sync::mpsc;
use updates_support::{PATIENCE, client_on, person_login, recorder, resolve, send};

/// What the handler saw and what its reply did.
#[derive(Debug)]
struct Seen {
    text: String,
    sender_name: Option<String>,
    reply: Result<Option<String>, pyro_client::Error>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_replies_to_the_first_message_of_a_user_it_never_saw() {
    // Alice, Bob and the bot `helper`.
    let dc = TestDc::builder()
        .seed(client_support::seed())
        .start()
        .await
        .unwrap();
    let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
    let bot = client_on(&dc, &store).await;
    bot_login(&bot).await;

    let (tx, mut seen) = mpsc::unbounded_channel();
    let echo = Handler::message(move |_client: Client, message: Message| {
        let tx = tx.clone();
        async move {
            let sender_name = match message.sender() {
                Some(Sender::User(user)) if user.is_resolved() => {
                    Some(user.first_name().to_owned())
                }
                _ => None,
            };
            let reply = message
                .reply(format!("echo: {}", message.text()))
                .await
                .map(|sent| sent.map(|m| m.text().to_owned()));
            let _ = tx.send(Seen {
                text: message.text().to_owned(),
                sender_name,
                reply,
            });
        }
    })
    .when(pyro_client::filters::incoming());
    let updates = bot
        .start_updates(Router::new("echo").with(echo), UpdatesConfig::default())
        .unwrap();
    updates.ready().await;

    // Bob writes first, an unknown sender too; then the counters are read.
    let bob = client_support::builder(&dc).connect().await.unwrap();
    person_login(&bob, &dc, "15550002").await;
    send(&bob, &resolve(&bob, "helper").await, "warm-up", 1).await;
    let warm_up = tokio::time::timeout(PATIENCE, seen.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(warm_up.text, "warm-up");
    let before = updates.stats();

    let alice = client_support::builder(&dc).connect().await.unwrap();
    person_login(&alice, &dc, ALICE_PHONE).await;
    let to_bot = resolve(&alice, "helper").await;
    let alice_id = alice.get_me().await.unwrap().id();
    assert!(
        bot.peers().get(PeerId::user(alice_id)).unwrap().is_none(),
        "the bot has never seen Alice"
    );
    // Alice listens for the bot's answers.
    let (router, mut at_alice) = recorder();
    let alice_updates = alice
        .start_updates(router, UpdatesConfig::default())
        .unwrap();
    alice_updates.ready().await;

    send(&alice, &to_bot, "hello", 1).await;
    let first = tokio::time::timeout(PATIENCE, seen.recv())
        .await
        .expect("the handler ran")
        .unwrap();
    assert_eq!(first.text, "hello");
    assert_eq!(first.sender_name.as_deref(), Some("Alice"), "{first:?}");
    assert_eq!(first.reply.unwrap().as_deref(), Some("echo: hello"));
    let cached = bot.peers().get(PeerId::user(alice_id)).unwrap().unwrap();
    assert!(cached.access_hash.is_some(), "Alice is cached: {cached:?}");

    // The second message: Alice is known now, the short form is dispatched as it comes.
    send(&alice, &to_bot, "again", 2).await;
    let second = tokio::time::timeout(PATIENCE, seen.recv())
        .await
        .expect("the handler ran")
        .unwrap();
    assert_eq!(second.text, "again");
    assert_eq!(second.reply.unwrap().as_deref(), Some("echo: again"));
    let answers = updates_support::expect(&mut at_alice, 2).await;
    assert_eq!(
        answers,
        ["echo: hello", "echo: again"],
        "{:?}",
        alice_updates.stats()
    );

    let stats = updates.stats();
    let alice_stats = alice_updates.stats();
    updates.stop().await.unwrap();
    alice_updates.stop().await.unwrap();
    assert!(seen.try_recv().is_err(), "each message once");
    assert!(
        at_alice.try_recv().is_err(),
        "Alice's handler saw none of her own sends"
    );
    assert_eq!(stats.unknown_peers - before.unknown_peers, 1, "{stats:?}");
    assert_eq!(
        stats.differences - before.differences,
        1,
        "only the unknown sender cost one: {stats:?}"
    );
    assert_eq!(alice_stats.differences, 0, "{alice_stats:?}");
    assert_eq!(alice_stats.unknown_peers, 0, "{alice_stats:?}");
    let fetched = updates_support::differences_fetched(&dc);
    assert_eq!(
        fetched as u64, stats.differences,
        "only the bot fetched differences"
    );
    dc.shutdown().await;
}

/// Every user and chat a pushed `updates` object carries goes into the peer cache: Alice's
/// first message in a supergroup reaches the bot with her user and the group, and both are
/// addressable afterwards without any difference.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peers_of_pushed_updates_are_cached() {
    let seed = Seed::new()
        .user(SeedUser::person("alice", ALICE_PHONE, "Alice").login_code("12345"))
        .user(SeedUser::bot("helper", client_support::BOT_TOKEN, "Helper"))
        .channel(
            SeedChannel::supergroup("club", "Club", "alice")
                .username("club")
                .member("helper"),
        );
    let dc = TestDc::builder().seed(seed).start().await.unwrap();
    let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
    let bot = client_on(&dc, &store).await;
    bot_login(&bot).await;
    let (router, mut texts) = recorder();
    let updates = bot.start_updates(router, UpdatesConfig::default()).unwrap();
    updates.ready().await;

    let alice = client_support::builder(&dc).connect().await.unwrap();
    person_login(&alice, &dc, ALICE_PHONE).await;
    let club = alice.resolve_peer("@club").await.unwrap().input_peer();
    send(&alice, &club, "hi club", 1).await;
    assert_eq!(updates_support::expect(&mut texts, 1).await, ["hi club"]);

    let alice_id = dc.telegram().user_id_by_phone(ALICE_PHONE).unwrap();
    let club_id = dc.telegram().channel_id("club").unwrap();
    for peer in [PeerId::user(alice_id), PeerId::channel(club_id)] {
        let cached = bot.peers().get(peer).unwrap();
        assert!(
            cached.is_some_and(|c| c.access_hash.is_some()),
            "{peer:?} cached from the push"
        );
    }
    let stats = updates.stats();
    updates.stop().await.unwrap();
    assert_eq!(updates_support::differences_fetched(&dc), 0, "{stats:?}");
    dc.shutdown().await;
}
