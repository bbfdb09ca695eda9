//! Every handler kind fires for a real event from the test DC: callback query, inline query
//! and chosen inline result on a bot; user status and raw updates on a person.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod client_support;

use bots_support::{
    BOB_PHONE, bot_running, newest_message, newest_message_id, next, person, person_running, start,
};
use client_support::ALICE_PHONE;
use pyro_client::Client;
use pyro_client::methods::{InlineArticle, SendOptions};
use pyro_client::tl::{enums, functions};
use pyro_client::types::{
    CallbackQuery, ChosenInlineResult, InlineButton, InlineKeyboard, InlineQuery, UserStatus,
    UserStatusUpdate,
};
use pyro_client::updates::{Handler, Router};
use tokio::sync::mpsc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bots_query_handlers_fire() {
    let (dc, _clock) = start().await;
    let (tx, mut seen) = mpsc::unbounded_channel::<String>();
    let on_press = Handler::callback_query({
        let tx = tx.clone();
        move |_client: Client, query: CallbackQuery| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(format!("press {}", query.data_str().unwrap_or("")));
                query.answer().await.map(|_| ())
            }
        }
    });
    let on_query = Handler::inline_query({
        let tx = tx.clone();
        move |_client: Client, query: InlineQuery| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(format!(
                    "query {} from {}",
                    query.query(),
                    query.from().id()
                ));
                let article = InlineArticle::new("a", "A", "picked").to_raw();
                query.answer(vec![article], 0).await.map(|_| ())
            }
        }
    });
    let on_chosen =
        Handler::chosen_inline_result(move |_client: Client, chosen: ChosenInlineResult| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(format!(
                    "chosen {} for {}",
                    chosen.result_id(),
                    chosen.query()
                ));
            }
        });
    let router = Router::new("bot")
        .with(on_press)
        .with(on_query)
        .with(on_chosen);
    let (bot, updates) = bot_running(&dc, router).await;
    let alice = person(&dc, ALICE_PHONE).await;
    let alice_id = client_support::me(&alice).await;

    let options = SendOptions {
        reply_markup: Some(
            InlineKeyboard::new()
                .row([InlineButton::callback("Go", "go")])
                .into(),
        ),
        ..SendOptions::default()
    };
    bot.send_message_with("@alice", "Press", options)
        .await
        .unwrap();
    let msg_id = newest_message_id(&alice, "@helper").await;
    alice
        .request_callback_answer("@helper", msg_id, "go")
        .await
        .unwrap();
    assert_eq!(next(&mut seen).await, "press go");

    let results = alice
        .get_inline_bot_results("@helper", "@bob", "cats", "")
        .await
        .unwrap();
    assert_eq!(next(&mut seen).await, format!("query cats from {alice_id}"));
    alice
        .send_inline_bot_result("@bob", results.query_id, "a")
        .await
        .unwrap();
    assert_eq!(next(&mut seen).await, "chosen a for cats");
    updates.stop().await.unwrap();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_and_raw_handlers_fire() {
    let (dc, _clock) = start().await;
    let (status_tx, mut statuses) = mpsc::unbounded_channel();
    let on_status = Handler::user_status(move |_client: Client, update: UserStatusUpdate| {
        let tx = status_tx.clone();
        async move {
            let _ = tx.send((update.user.id(), update.status));
        }
    });
    let (raw_tx, mut raws) = mpsc::unbounded_channel();
    let on_raw = Handler::raw(move |_client: Client, (update, _peers)| {
        let tx = raw_tx.clone();
        async move {
            if let enums::Update::MessageReactions(u) = update {
                let _ = tx.send(u.msg_id);
            }
        }
    });
    let router = Router::new("bob").with(on_status).with(on_raw.group(1));
    let (bob, updates) = person_running(&dc, BOB_PHONE, router).await;
    let alice = person(&dc, ALICE_PHONE).await;
    let alice_id = client_support::me(&alice).await;

    alice
        .invoke(&functions::account::UpdateStatus { offline: false })
        .await
        .unwrap();
    let (who, status) = next(&mut statuses).await;
    assert_eq!(who, alice_id);
    assert!(matches!(status, UserStatus::Online { .. }), "{status:?}");
    alice
        .invoke(&functions::account::UpdateStatus { offline: true })
        .await
        .unwrap();
    let (_, status) = next(&mut statuses).await;
    assert!(matches!(status, UserStatus::Offline { .. }), "{status:?}");

    let sent = bob.send_message("@alice", "hi").await.unwrap().unwrap();
    newest_message(&alice, "@bob")
        .await
        .react("👍")
        .await
        .unwrap();
    assert_eq!(next(&mut raws).await, sent.id(), "Bob's id of the message");
    updates.stop().await.unwrap();
    dc.shutdown().await;
}
