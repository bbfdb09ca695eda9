//! The examples (`examples/*.rs`) against the test DC: `cargo test` builds them as programs,
//! and here their logic (the routers, the export) runs with clients of an embedded test DC in
//! place of Telegram, driven by a person writing to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Each example file brings its own `mod common` (its Telegram login, unused here).
#![allow(clippy::duplicate_mod)]

mod client_support;
mod updates_support;

#[path = "../examples/echo_bot.rs"]
#[allow(dead_code, unreachable_pub)]
mod echo_bot;
#[path = "../examples/member_export.rs"]
#[allow(dead_code, unreachable_pub)]
mod member_export;
#[path = "../examples/plugins.rs"]
#[allow(dead_code, unreachable_pub)]
mod plugins;
#[path = "../examples/userbot_command.rs"]
#[allow(dead_code, unreachable_pub)]
mod userbot_command;

use std::collections::HashSet;
use std::sync::Arc;

use pyro_client::filters::Filter;
use pyro_client::types::{Message, Update};
use pyro_client::updates::{Handler, Router, UpdateEvent, Updates, UpdatesConfig};
use pyro_client::{Client, filters};
use pyro_test_dc::{Seed, SeedChannel, SeedUser, TestDc};
use pyro_tl_types::api::enums;
use tokio::sync::mpsc;
use updates_support::{PATIENCE, expect, person_login, recorder, resolve, send};

const ALICE: &str = "15550001";
const BOB: &str = "15550002";
const BOT_TOKEN: &str = "42:TOKEN";
const BOT_USERNAME: &str = "example_bot";
/// Generated members of the `club` supergroup, besides Alice, Bob and Carol.
const GENERATED: usize = 450;

/// Alice, Bob, Carol (a name CSV must quote), a bot, and Alice's supergroup `@club`.
fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", ALICE, "Alice")
                .login_code("12345")
                .username("alice"),
        )
        .user(
            SeedUser::person("bob", BOB, "Bob")
                .login_code("22222")
                .username("bob"),
        )
        .user(SeedUser::person("carol", "15550003", "Carol, \"C\"").username("carol"))
        .user(SeedUser::bot("bot", BOT_TOKEN, "Example Bot").username(BOT_USERNAME))
        .channel(
            SeedChannel::supergroup("club", "Club", "alice")
                .username("club")
                .member("bob")
                .member("carol")
                .generated_members(GENERATED as u32),
        )
}

async fn start() -> TestDc {
    TestDc::builder().seed(seed()).start().await.unwrap()
}

/// A person's client, logged in.
async fn person(dc: &TestDc, phone: &str) -> Client {
    let client = client_support::builder(dc).connect().await.unwrap();
    person_login(&client, dc, phone).await;
    client
}

/// The bot's client, logged in and handling updates with `router`.
async fn bot_running(dc: &TestDc, router: Router<Client, UpdateEvent>) -> (Client, Updates) {
    let bot = client_support::builder(dc).connect().await.unwrap();
    bot.sign_in_bot(BOT_TOKEN).await.unwrap();
    let updates = bot.start_updates(router, UpdatesConfig::default()).unwrap();
    updates.ready().await;
    (bot, updates)
}

/// Alice, receiving the texts of the messages others send her, and her peer for the bot.
async fn alice_listening(
    dc: &TestDc,
) -> (
    Client,
    Updates,
    mpsc::UnboundedReceiver<String>,
    enums::InputPeer,
) {
    let alice = person(dc, ALICE).await;
    let (recorder, texts) = recorder();
    let incoming = only(&filters::incoming(), recorder);
    let updates = alice
        .start_updates(incoming, UpdatesConfig::default())
        .unwrap();
    updates.ready().await;
    let to_bot = resolve(&alice, BOT_USERNAME).await;
    (alice, updates, texts, to_bot)
}

/// `router`'s handlers, each also filtered by `filter`.
fn only(
    filter: &Filter<Update>,
    router: Router<Client, UpdateEvent>,
) -> Router<Client, UpdateEvent> {
    let mut only = Router::new(router.name().to_owned());
    for handler in router.into_handlers() {
        only.add(handler.when(filter.clone()));
    }
    only
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echo_bot_echoes_texts_and_leaves_commands() {
    let dc = start().await;
    let (_bot, bot_updates) = bot_running(&dc, echo_bot::router()).await;
    let (alice, alice_updates, mut texts, to_bot) = alice_listening(&dc).await;

    send(&alice, &to_bot, "hello", 1).await;
    send(&alice, &to_bot, "/start", 2).await;
    send(&alice, &to_bot, "Grüße 👋", 3).await;
    // The command was filtered out: the next answer is the third message's.
    assert_eq!(expect(&mut texts, 2).await, ["hello", "Grüße 👋"]);
    bot_updates.stop().await.unwrap();
    alice_updates.stop().await.unwrap();
    assert!(texts.try_recv().is_err(), "an extra answer came");
    dc.shutdown().await;
}

/// A handler (for group 1, after the example's) that reports every new message once the
/// earlier groups are done with it: its id and text as they were when it arrived.
fn handled() -> (
    Handler<Client, UpdateEvent>,
    mpsc::UnboundedReceiver<(i32, String)>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handler = Handler::message(move |_client: Client, message: Message| {
        let tx = tx.clone();
        async move {
            let _ = tx.send((message.id(), message.text().to_owned()));
        }
    })
    .group(1);
    (handler, rx)
}

async fn next_handled(rx: &mut mpsc::UnboundedReceiver<(i32, String)>) -> (i32, String) {
    tokio::time::timeout(PATIENCE, rx.recv())
        .await
        .expect("no message handled in time")
        .expect("the handler is gone")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn userbot_answers_its_own_ping_only() {
    let dc = start().await;
    // The userbot is one session of Alice's; she types on another one (her phone).
    let userbot = person(&dc, ALICE).await;
    let (report, mut handled) = handled();
    let router = userbot_command::router().with(report);
    let updates = userbot
        .start_updates(router, UpdatesConfig::default())
        .unwrap();
    updates.ready().await;
    let phone = person(&dc, ALICE).await;
    let bob = person(&dc, BOB).await;
    // The userbot's session has never seen Bob: the short updates of both chats carry no
    // access hash, and the updates task fetches the messages with their users first.

    phone.send_message("@bob", ".ping").await.unwrap();
    bob.send_message("@alice", ".ping").await.unwrap();
    phone.send_message("@bob", "/ping").await.unwrap();
    let mut ids = Vec::new();
    for sent in [".ping", ".ping", "/ping"] {
        let (id, text) = next_handled(&mut handled).await;
        assert_eq!(text, sent);
        ids.push(id);
    }

    // Only Alice's own `.ping` became a pong; Bob's and the wrong prefix are untouched.
    let now = phone.get_messages("@bob", &ids).await.unwrap();
    let texts: Vec<&str> = now.iter().map(Message::text).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(
        texts[0].starts_with("pong (") && texts[0].ends_with(" ms)"),
        "{texts:?}"
    );
    assert_eq!(texts[1..], [".ping", "/ping"]);
    updates.stop().await.unwrap();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plugins_compose_with_groups_stop_and_continue() {
    let dc = start().await;
    let stats = Arc::new(plugins::Stats::default());
    let (_bot, bot_updates) = bot_running(&dc, plugins::app(&stats).unwrap()).await;
    let (alice, alice_updates, mut texts, to_bot) = alice_listening(&dc).await;

    for (i, text) in ["/start", "hello", "/stats please", "please echo"]
        .iter()
        .enumerate()
    {
        send(&alice, &to_bot, text, i as i64 + 1).await;
    }
    let answers = expect(&mut texts, 6).await;
    assert!(answers[0].starts_with("hi!"), "{answers:?}");
    assert_eq!(
        answers[1..],
        [
            // group 1's echo: nothing in group 0 took it
            "hello",
            // group 0: thanked (Continue), then counted (Stop: no echo); group -1 had counted
            // all three messages so far
            "thank you for asking nicely",
            "3 messages so far",
            // thanked (Continue), no command: group 1 echoes it
            "thank you for asking nicely",
            "please echo",
        ]
    );
    bot_updates.stop().await.unwrap();
    alice_updates.stop().await.unwrap();
    assert_eq!(stats.seen(), 4);
    assert!(texts.try_recv().is_err(), "an extra answer came");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_export_writes_every_member_as_csv() {
    let dc = start().await;
    let alice = person(&dc, ALICE).await;
    let mut csv = Vec::new();
    let written = member_export::export(&alice, "@club", &mut csv)
        .await
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(member_export::HEADER));
    let rows: Vec<&str> = lines.collect();
    // Three pages of 200 (the server's cap), every member once.
    assert_eq!(written, GENERATED + 3);
    assert_eq!(rows.len(), written);
    let ids: HashSet<&str> = rows.iter().filter_map(|r| r.split(',').next()).collect();
    assert_eq!(ids.len(), written, "a member twice");

    let alice_id = alice.get_me().await.unwrap().id().to_string();
    let alice_row = rows
        .iter()
        .find(|r| r.starts_with(&format!("{alice_id},")))
        .unwrap();
    assert_eq!(alice_row.split(',').nth(4), Some("owner"), "{alice_row}");
    let carol = rows.iter().find(|r| r.contains(",carol,")).unwrap();
    assert!(carol.contains(",\"Carol, \"\"C\"\"\",,member,"), "{carol}");
    dc.shutdown().await;
}
