//! The demo's embedded run (the README's main command without credentials), so it cannot rot:
//! a user logs in with a code and a 2FA password, a bot with its token, and the bot answers
//! `/start` (with its inline keyboard, whose button the user presses), `/help` and every other message through its handlers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../examples/demo/main.rs"]
#[allow(dead_code, unreachable_pub)]
mod demo;

use demo::{bot, chat};
use pyro_client::types::ReplyMarkup;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_logs_in_and_the_bot_answers_through_handlers() {
    let mut log = chat::Log::default();
    let conversation = chat::run_embedded(&mut log).await.unwrap();
    let exchanges = &conversation.exchanges;
    let sent: Vec<&str> = exchanges.iter().map(|e| e.sent.as_str()).collect();
    let mut script = vec!["/start", "/help"];
    script.extend(chat::MESSAGES);
    assert_eq!(sent, script);

    // /start: the welcome with the keyboard.
    let welcome = &exchanges[0].reply;
    assert_eq!(welcome.text(), bot::WELCOME);
    match welcome.reply_markup() {
        Some(ReplyMarkup::Inline(keyboard)) => assert_eq!(keyboard, &bot::keyboard()),
        other => panic!("no inline keyboard: {other:?}"),
    }
    assert_eq!(exchanges[1].reply.text(), bot::HELP);
    for exchange in &exchanges[2..] {
        assert_eq!(
            exchange.reply.text(),
            format!("{}{}", bot::ECHO, exchange.sent)
        );
    }
    for exchange in exchanges {
        assert!(exchange.round_trip.as_secs() < 10);
    }

    // The first button pressed: the callback-query handler answered, then edited the welcome.
    let press = &conversation.press;
    assert_eq!(press.data, b"fast");
    assert_eq!(press.toast.as_deref(), Some(bot::TOAST));
    assert_eq!(press.edited.id(), welcome.id());
    assert_eq!(press.edited.text(), bot::pressed_text(b"fast"));

    let text = log.lines.join("\n");
    for step in [
        "login code",
        "2FA password",
        "logged in as Demo User",
        "bot @pyro_demo_bot",
        "with the buttons [\"⚡ How fast?\", \"👋 Bye\"]",
        "answered 5 messages through its handlers",
        "user pressed \"⚡ How fast?\"; the bot answered the callback query with \"pressed!\"",
        "the bot edited its message into \"You pressed ⚡ How fast?:",
    ] {
        assert!(text.contains(step), "no {step:?} in:\n{text}");
    }
}
