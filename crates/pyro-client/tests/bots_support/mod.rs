//! Shared by the bots, reactions and update-kinds tests: a test DC whose model clock the test
//! moves, Alice and Bob (contacts of each other, with usernames), the bot `@helper`, a
//! supergroup `@club`; logged-in clients; a bot running a router.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyro_client::Client;
use pyro_client::types::Message;
use pyro_client::updates::{Router, UpdateEvent, Updates, UpdatesConfig};
use pyro_test_dc::{ManualClock, Seed, SeedChannel, SeedUser, TestDc};
use tokio::sync::mpsc;

use crate::client_support::{ALICE_PHONE, BOT_TOKEN, bot_login, builder, user_login};

/// Bob's phone.
pub const BOB_PHONE: &str = "15550002";

/// How long a test waits for something it expects before failing.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The seed: Alice and Bob (contacts), the bot, and `@club` with all three.
pub fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", ALICE_PHONE, "Alice")
                .username("alice")
                .contact("bob"),
        )
        .user(
            SeedUser::person("bob", BOB_PHONE, "Bob")
                .username("bob")
                .contact("alice"),
        )
        .user(SeedUser::bot("helper", BOT_TOKEN, "Helper").username("helper"))
        .channel(
            SeedChannel::supergroup("club", "Club", "alice")
                .username("club")
                .member("bob")
                .member("helper"),
        )
}

/// A started test DC and the clock of its model (standing at the real time, moved only by
/// the test).
pub async fn start() -> (TestDc, ManualClock) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let clock = ManualClock::new(i32::try_from(now).unwrap());
    let dc = TestDc::builder()
        .seed(seed())
        .clock(Arc::new(clock.clone()))
        .start()
        .await
        .unwrap();
    (dc, clock)
}

/// A client logged in as the person with `phone`.
pub async fn person(dc: &TestDc, phone: &str) -> Client {
    let client = builder(dc).connect().await.unwrap();
    user_login(&client, dc, phone).await;
    client
}

/// A client logged in as the bot, running `router`'s handlers (ready to receive).
pub async fn bot_running(dc: &TestDc, router: Router<Client, UpdateEvent>) -> (Client, Updates) {
    let bot = builder(dc).connect().await.unwrap();
    bot_login(&bot).await;
    let updates = bot.start_updates(router, UpdatesConfig::default()).unwrap();
    updates.ready().await;
    (bot, updates)
}

/// A person's client running `router`'s handlers (ready to receive).
pub async fn person_running(
    dc: &TestDc,
    phone: &str,
    router: Router<Client, UpdateEvent>,
) -> (Client, Updates) {
    let client = person(dc, phone).await;
    let updates = client
        .start_updates(router, UpdatesConfig::default())
        .unwrap();
    updates.ready().await;
    (client, updates)
}

/// The next value of `rx` (failing after [`PATIENCE`]).
pub async fn next<T>(rx: &mut mpsc::UnboundedReceiver<T>) -> T {
    tokio::time::timeout(PATIENCE, rx.recv())
        .await
        .expect("in time")
        .expect("channel open")
}

/// The newest message of `chat` as `client` sees it (bound to the client).
pub async fn newest_message(client: &Client, chat: &str) -> Message {
    let mut history = client.get_chat_history(chat).await.unwrap().limit(1);
    history.next().await.expect("a message").unwrap()
}

/// The id of the newest message of `chat` as `client` sees it.
pub async fn newest_message_id(client: &Client, chat: &str) -> i32 {
    newest_message(client, chat).await.id()
}
