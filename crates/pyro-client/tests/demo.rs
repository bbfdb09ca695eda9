//! The demo's embedded run (the README's main command without credentials), so it cannot rot:
//! a user logs in with a code and a 2FA password, a bot with its token, and the bot answers
//! every message the user writes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../examples/demo/chat.rs"]
#[allow(dead_code, unreachable_pub)]
mod demo;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_logs_in_and_the_bot_answers() {
    let mut log = demo::Log::default();
    let exchanges = demo::run_embedded(&mut log).await.unwrap();
    assert_eq!(exchanges.len(), 3);
    for exchange in &exchanges {
        assert_eq!(exchange.reply, format!("echo: {}", exchange.sent));
        assert!(exchange.round_trip.as_secs() < 10);
    }
    let text = log.lines.join("\n");
    for step in [
        "login code",
        "2FA password",
        "logged in as Demo User",
        "bot @pyro_demo_bot",
        "answered 3 messages",
    ] {
        assert!(text.contains(step), "no {step:?} in:\n{text}");
    }
}
