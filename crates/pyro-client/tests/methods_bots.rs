//! The bots' methods end to end against the test DC: a bot answers a button press and the
//! user's call receives the answer (or times out on the DC's clock); a bot answers an inline
//! query and the user sends a result; command menus by scope and language.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod client_support;

use bots_support::{
    BOB_PHONE, bot_running, newest_message, newest_message_id, next, person, start,
};
use client_support::ALICE_PHONE;
use pyro_client::methods::{BotCommand, CommandScope, InlineArticle, SendOptions};
use pyro_client::types::{CallbackQuery, InlineButton, InlineKeyboard, InlineQuery};
use pyro_client::updates::{Handler, Router};
use pyro_client::{Client, Error};
use tokio::sync::mpsc;

fn keyboard() -> InlineKeyboard {
    InlineKeyboard::new()
        .row([InlineButton::callback("Yes", "yes")])
        .row([InlineButton::callback("No", "no")])
}

/// The bot sends Alice a message with [`keyboard`]; Alice's id of it.
async fn ask_alice(bot: &Client, alice: &Client) -> i32 {
    let options = SendOptions {
        reply_markup: Some(keyboard().into()),
        ..SendOptions::default()
    };
    let sent = bot
        .send_message_with("@alice", "Sure?", options)
        .await
        .unwrap();
    assert!(
        sent.unwrap().reply_markup().is_some(),
        "the keyboard came back"
    );
    newest_message_id(alice, "@helper").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_answers_a_press_and_the_user_receives_the_answer() {
    let (dc, _clock) = start().await;
    // The bot answers, then replaces the message's text and removes its keyboard.
    let (edited_tx, mut edited) = mpsc::unbounded_channel();
    let answering = Handler::callback_query(move |_client: Client, query: CallbackQuery| {
        let edited = edited_tx.clone();
        async move {
            let data = query.data_str().unwrap_or("?").to_owned();
            query.answer_alert(format!("you said {data}")).await?;
            let removed = Some(InlineKeyboard::new().into());
            let message = query
                .edit_message_text(format!("chose {data}"), removed)
                .await?;
            let _ = edited.send(message.map(|m| m.text().to_owned()));
            Ok::<_, Error>(())
        }
    });
    let (bot, updates) = bot_running(&dc, Router::new("bot").with(answering)).await;
    let alice = person(&dc, ALICE_PHONE).await;
    let msg_id = ask_alice(&bot, &alice).await;

    let answer = alice
        .request_callback_answer("@helper", msg_id, "no")
        .await
        .unwrap();
    assert_eq!(answer.text.as_deref(), Some("you said no"));
    assert!(answer.alert);
    assert_eq!(next(&mut edited).await.as_deref(), Some("chose no"));
    let now = alice.get_messages("@helper", &[msg_id]).await.unwrap();
    assert_eq!(now[0].text(), "chose no");
    assert!(now[0].reply_markup().is_none(), "the keyboard is gone");

    let refused = alice
        .request_callback_answer("@helper", msg_id, "yes")
        .await;
    assert!(refused.unwrap_err().is_rpc("DATA_INVALID"));
    updates.stop().await.unwrap();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unanswered_press_times_out_on_the_dcs_clock() {
    let (dc, clock) = start().await;
    // The bot sees the press but never answers.
    let (seen_tx, mut seen) = mpsc::unbounded_channel();
    let silent = Handler::callback_query(move |_client: Client, query: CallbackQuery| {
        let seen = seen_tx.clone();
        async move {
            let _ = seen.send(query.id());
        }
    });
    let (bot, updates) = bot_running(&dc, Router::new("bot").with(silent)).await;
    let alice = person(&dc, ALICE_PHONE).await;
    let msg_id = ask_alice(&bot, &alice).await;
    let pressing = tokio::spawn({
        let alice = alice.clone();
        async move {
            alice
                .request_callback_answer("@helper", msg_id, "yes")
                .await
        }
    });
    let query_id = next(&mut seen).await;
    clock.advance(15);
    dc.telegram().tick();
    let err = pressing.await.unwrap().unwrap_err();
    assert!(err.is_rpc("BOT_RESPONSE_TIMEOUT"), "{err:?}");
    let late = bot
        .answer_callback_query(query_id, pyro_client::types::CallbackAnswer::default())
        .await;
    assert!(late.unwrap_err().is_rpc("QUERY_ID_INVALID"));
    updates.stop().await.unwrap();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_answers_an_inline_query_and_the_user_sends_a_result() {
    let (dc, _clock) = start().await;
    let answering = Handler::inline_query(|_client: Client, query: InlineQuery| async move {
        let results = vec![
            InlineArticle::new("echo", "Echo", format!("echo: {}", query.query()))
                .description("says it back")
                .keyboard(keyboard())
                .to_raw(),
            InlineArticle::new("shout", "Shout", query.query().to_uppercase()).to_raw(),
        ];
        query.answer(results, 0).await.map(|_| ())
    });
    let (bot, updates) = bot_running(&dc, Router::new("bot").with(answering)).await;
    let bot_id = client_support::me(&bot).await;
    let alice = person(&dc, ALICE_PHONE).await;
    let bob = person(&dc, BOB_PHONE).await;

    let results = alice
        .get_inline_bot_results("@helper", "@bob", "hello", "")
        .await
        .unwrap();
    assert_eq!(results.ids(), ["echo", "shout"]);
    let sent = alice
        .send_inline_bot_result("@bob", results.query_id, "echo")
        .await
        .unwrap()
        .expect("the sent message");
    assert_eq!(sent.text(), "echo: hello");
    assert_eq!(sent.via_bot_id(), Some(bot_id));
    assert!(sent.reply_markup().is_some());

    let received = newest_message(&bob, "@alice").await;
    assert_eq!(received.text(), "echo: hello");
    assert_eq!(received.via_bot_id(), Some(bot_id));

    let unknown = alice
        .send_inline_bot_result("@bob", results.query_id, "nope")
        .await;
    assert!(unknown.unwrap_err().is_rpc("RESULT_ID_INVALID"));
    updates.stop().await.unwrap();
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_menus_by_scope_and_language() {
    let (dc, _clock) = start().await;
    let (bot, updates) = bot_running(&dc, Router::new("bot")).await;
    assert!(
        bot.set_bot_commands(&[("start", "Start"), ("help", "Help")])
            .await
            .unwrap()
    );
    let club = bot.resolve_peer("@club").await.unwrap();
    let in_club = CommandScope::Chat(club);
    let vote = [BotCommand::new("vote", "Abstimmen")];
    assert!(
        bot.set_bot_commands_for(&vote, &in_club, "de")
            .await
            .unwrap()
    );

    let default = bot
        .get_bot_commands(&CommandScope::Default, "")
        .await
        .unwrap();
    assert_eq!(
        default,
        [
            BotCommand::new("start", "Start"),
            BotCommand::new("help", "Help")
        ]
    );
    assert_eq!(bot.get_bot_commands(&in_club, "de").await.unwrap(), vote);
    assert!(bot.get_bot_commands(&in_club, "").await.unwrap().is_empty());
    assert!(bot.delete_bot_commands(&in_club, "de").await.unwrap());
    assert!(
        bot.get_bot_commands(&in_club, "de")
            .await
            .unwrap()
            .is_empty()
    );

    let bad = [BotCommand::new("Bad Command", "x")];
    let refused = bot
        .set_bot_commands_for(&bad, &CommandScope::AllPrivateChats, "")
        .await;
    assert!(refused.unwrap_err().is_rpc("BOT_COMMAND_INVALID"));
    let alice = person(&dc, ALICE_PHONE).await;
    let by_person = alice.set_bot_commands(&[("start", "Start")]).await;
    assert!(matches!(by_person, Err(ref e @ Error::Rpc(_)) if e.is_rpc("USER_BOT_REQUIRED")));
    updates.stop().await.unwrap();
    dc.shutdown().await;
}
