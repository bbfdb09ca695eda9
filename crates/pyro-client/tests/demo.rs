//! The demo's embedded run (the README's main command without credentials), so it cannot rot:
//! a user logs in with a code and a 2FA password, a bot with its token, and the bot answers
//! `/start`, `/help` and every other message through its handlers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../examples/demo/main.rs"]
#[allow(dead_code, unreachable_pub)]
mod demo;

use demo::{bot, chat};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_logs_in_and_the_bot_answers_through_handlers() {
    let mut log = chat::Log::default();
    let exchanges = chat::run_embedded(&mut log).await.unwrap();
    let sent: Vec<&str> = exchanges.iter().map(|e| e.sent.as_str()).collect();
    let mut script = vec!["/start", "/help"];
    script.extend(chat::MESSAGES);
    assert_eq!(sent, script);

    assert_eq!(exchanges[0].reply.text(), bot::WELCOME);
    assert_eq!(exchanges[1].reply.text(), bot::HELP);
    for exchange in &exchanges[2..] {
        assert_eq!(
            exchange.reply.text(),
            format!("{}{}", bot::ECHO, exchange.sent)
        );
    }
    for exchange in &exchanges {
        assert!(exchange.round_trip.as_secs() < 10);
    }

    let text = log.lines.join("\n");
    for step in [
        "login code",
        "2FA password",
        "logged in as Demo User",
        "bot @pyro_demo_bot",
        "answered 5 messages through its handlers",
    ] {
        assert!(text.contains(step), "no {step:?} in:\n{text}");
    }
}
