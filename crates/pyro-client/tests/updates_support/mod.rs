//! Shared helpers of the updates tests: a person's login by code, a bot peer to write to, a
//! recording handler, feeds merged from two clients.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use pyro_client::Client;
use pyro_client::client::{RawUpdate, RawUpdates};
use pyro_client::updates::{Handler, Router, UpdateEvent};
use pyro_session::SessionStore;
use pyro_test_dc::{Seed, SeedUser, TestDc};
use pyro_tl_types::api::{enums, functions, types};
use tokio::sync::mpsc;

/// The bot's username in [`seed`].
pub const BOT_USERNAME: &str = "helper_bot";

/// Alice (login code 12345) and a bot with a username (token `42:TOKEN`, as the client tests'
/// `bot_login` uses).
pub fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").login_code("12345"))
        .user(SeedUser::bot("helper", "42:TOKEN", "Helper").username(BOT_USERNAME))
}

/// A client of `dc` on `store` (a second client on one store shares its auth key).
pub async fn client_on(dc: &TestDc, store: &Arc<dyn SessionStore>) -> Client {
    crate::client_support::builder(dc)
        .store(Arc::clone(store))
        .connect()
        .await
        .unwrap()
}

/// Alice logged in on her own client, and her input peer for the bot.
pub async fn alice(dc: &TestDc) -> (Client, enums::InputPeer) {
    let alice = crate::client_support::builder(dc).connect().await.unwrap();
    person_login(&alice, dc, crate::client_support::ALICE_PHONE).await;
    let to_bot = resolve(&alice, BOT_USERNAME).await;
    (alice, to_bot)
}

/// How long a test waits for an expected update before failing.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// Logs `client` in as the person with `phone` (code read from the test DC).
pub async fn person_login(client: &Client, dc: &TestDc, phone: &str) {
    let token = client.request_login_code(phone).await.unwrap();
    let code = dc.telegram().last_login_code(phone).unwrap();
    let signed = client.sign_in(&token, &code).await.unwrap();
    assert!(
        matches!(signed, pyro_client::auth::SignIn::Done(_)),
        "not signed in: {signed:?}"
    );
}

/// The input peer of the user named `username`, as `client` resolves it.
pub async fn resolve(client: &Client, username: &str) -> enums::InputPeer {
    let resolved = client
        .invoke(&functions::contacts::ResolveUsername {
            username: username.to_owned(),
            referer: None,
        })
        .await
        .unwrap();
    let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = resolved;
    let user = resolved
        .users
        .iter()
        .find_map(|u| match u {
            enums::User::User(u) if u.username.as_deref() == Some(username) => Some(u),
            _ => None,
        })
        .expect("the user");
    enums::InputPeer::User(types::InputPeerUser {
        user_id: user.id,
        access_hash: user.access_hash.unwrap_or(0),
    })
}

/// Sends `text` to `peer`; `random_id` must be unique per message.
pub async fn send(client: &Client, peer: &enums::InputPeer, text: &str, random_id: i64) {
    client
        .invoke(&functions::messages::SendMessage {
            peer: peer.clone(),
            message: text.to_owned(),
            random_id,
            ..Default::default()
        })
        .await
        .unwrap();
}

/// A router whose one handler sends the text of every new message to the returned receiver.
pub fn recorder() -> (Router<Client, UpdateEvent>, mpsc::UnboundedReceiver<String>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let handler = Handler::message(move |_client: Client, message| {
        let tx = tx.clone();
        async move {
            let _ = tx.send(pyro_client::types::Message::text(&message).to_owned());
        }
    });
    (Router::new("recorder").with(handler), rx)
}

/// Waits for `n` texts (failing after [`PATIENCE`]).
pub async fn expect(rx: &mut mpsc::UnboundedReceiver<String>, n: usize) -> Vec<String> {
    let mut texts = Vec::with_capacity(n);
    while texts.len() < n {
        match tokio::time::timeout(PATIENCE, rx.recv()).await {
            Ok(Some(text)) => texts.push(text),
            _ => panic!("only {} of {n} updates arrived: {texts:?}", texts.len()),
        }
    }
    texts
}

/// One feed carrying both clients' raw updates (two connections of one account).
pub fn merge(a: RawUpdates, b: RawUpdates) -> RawUpdates {
    let (tx, rx) = mpsc::channel::<RawUpdate>(1024);
    for mut feed in [a, b] {
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Some(item) = feed.recv().await {
                if tx.send(item).await.is_err() {
                    return;
                }
            }
        });
    }
    rx
}

/// `prefix0`, `prefix1`, ... `prefix{n-1}`.
pub fn numbered(prefix: &str, range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("{prefix}{i}")).collect()
}

/// How many `updates.getDifference` calls the test DC has answered (by its call log).
pub fn differences_fetched(dc: &TestDc) -> usize {
    dc.telegram()
        .log()
        .iter()
        .filter(|line| line.method == "updates.getDifference")
        .count()
}
