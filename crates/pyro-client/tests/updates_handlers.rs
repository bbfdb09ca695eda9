//! Handlers against the test DC: a command filter picks the messages, the message handed to
//! the handler is bound to the client (its `reply` works), groups and plugins compose.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;
mod updates_support;

use std::sync::Arc;

use client_support::bot_login;
use pyro_client::Client;
use pyro_client::filters;
use pyro_client::types::Message;
use pyro_client::updates::{Flow, Handler, Router, UpdatesConfig};
use pyro_session::{MemoryStore, SessionStore};
use pyro_test_dc::TestDc;
use tokio::sync::mpsc;
use updates_support::{alice, client_on, expect, recorder, seed, send};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_plugin_replies_and_the_rest_falls_through() {
    let dc = TestDc::builder().seed(seed()).start().await.unwrap();
    let store: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
    let bot = client_on(&dc, &store).await;
    bot_login(&bot).await;

    // A plugin: /start answers and stops; the recorder (group 1) sees everything else.
    let (replied_tx, mut replied) = mpsc::unbounded_channel();
    let start = Handler::message(move |_client: Client, message: Message| {
        let replied = replied_tx.clone();
        async move {
            let sent = message.reply("welcome").await?;
            let _ = replied.send(sent.map(|m| m.text().to_owned()));
            Ok::<_, pyro_client::Error>(Flow::Stop)
        }
    })
    .when(filters::command(["start"]) & filters::private());
    let commands = Router::new("commands").with(start);
    let (recorder, mut texts) = recorder();
    let mut app = Router::new("app");
    app.include(commands);
    // The bot's own reply comes back too (outgoing): the recorder takes incoming ones only.
    for handler in Router::into_handlers(recorder) {
        app.add(handler.group(1).when(filters::incoming()));
    }
    let updates = bot.start_updates(app, UpdatesConfig::default()).unwrap();
    updates.ready().await;

    let (alice, to_bot) = alice(&dc).await;
    send(&alice, &to_bot, "/start", 1).await;
    send(&alice, &to_bot, "hello", 2).await;
    assert_eq!(expect(&mut texts, 1).await, ["hello"], "/start stopped");
    let reply = tokio::time::timeout(updates_support::PATIENCE, replied.recv())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reply.as_deref(), Some("welcome"));
    updates.stop().await.unwrap();
    assert!(texts.try_recv().is_err());
    dc.shutdown().await;
}
