//! pyro's demo: a user and a bot log in, the user writes to the bot, the bot answers through
//! its handlers (`/start` with an inline keyboard, `/help`, an echo of anything else); every
//! step is printed with its time.
//!
//!     cargo run --release -p pyro-client --example demo
//!
//! With no credentials it starts an embedded test DC on 127.0.0.1 (pyro-test-dc) and logs in
//! a user with a 2FA password (code, then password) and a bot there. With `TG_API_ID` and
//! `TG_API_HASH` (from my.telegram.org) it runs against Telegram itself (DC 2, Telegram's RSA
//! keys), with `TG_PHONE` (the code is read from the terminal; the 2FA password from
//! `TG_PASSWORD` or the terminal) and/or `TG_BOT_TOKEN`: both, and the user talks to the bot;
//! a user alone writes to its Saved Messages; a bot alone answers whoever writes to it, with the
//! same handlers, for `TG_DEMO_SECONDS` (60). Sessions are kept in `demo-user.session` / `demo-bot.session`.
//! The embedded run then sends a 64 MiB file up and down through the test DC with a progress bar
//! and checks its SHA-256 (`files.rs`).

pub(crate) mod bot;
pub(crate) mod chat;
#[path = "../common/mod.rs"]
pub(crate) mod common;
pub(crate) mod files;

use std::time::{Duration, Instant};

use chat::{Log, converse, millis, run_embedded};
use common::AppResult;
use pyro_client::Client;
use pyro_client::updates::UpdatesConfig;

/// The demo against Telegram: `TG_API_ID`, `TG_API_HASH` and `TG_PHONE` and/or `TG_BOT_TOKEN`.
async fn run_telegram(log: &mut Log) -> AppResult<()> {
    let user = match std::env::var("TG_PHONE") {
        Ok(phone) => Some(login_user(log, &phone).await?),
        Err(_) => None,
    };
    let bot = match std::env::var("TG_BOT_TOKEN") {
        Ok(token) => {
            let t = Instant::now();
            let bot = common::connect("demo-bot.session").await?;
            let me = if bot.is_authorized().await? {
                bot.get_me().await?
            } else {
                bot.sign_in_bot(&token).await?
            };
            log.step(format_args!(
                "bot @{} ready in {:.1} ms",
                me.username().unwrap_or("?"),
                millis(t.elapsed())
            ));
            Some(bot)
        }
        Err(_) => None,
    };
    match (user, bot) {
        (Some(user), Some(bot)) => {
            converse(log, &user, &bot).await?;
        }
        (Some(user), None) => {
            let t = Instant::now();
            user.send_message("me", "hello from pyro").await?;
            log.step(format_args!(
                "wrote to Saved Messages in {:.1} ms",
                millis(t.elapsed())
            ));
        }
        (None, Some(bot)) => {
            let seconds = std::env::var("TG_DEMO_SECONDS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(60);
            let updates = bot.start_updates(bot::router(), UpdatesConfig::default())?;
            log.step(format_args!(
                "answering messages for {seconds} s: write /start to the bot"
            ));
            tokio::time::sleep(Duration::from_secs(seconds)).await;
            updates.stop().await?;
            log.step("time is up");
        }
        (None, None) => {
            return Err("set TG_PHONE and/or TG_BOT_TOKEN besides TG_API_ID / TG_API_HASH".into());
        }
    }
    Ok(())
}

/// Logs the user in on Telegram (code from the terminal), or reuses `demo-user.session`.
async fn login_user(log: &mut Log, phone: &str) -> AppResult<Client> {
    let t = Instant::now();
    let user = common::connect("demo-user.session").await?;
    log.step(format_args!(
        "user connected in {:.1} ms",
        millis(t.elapsed())
    ));
    if user.is_authorized().await? {
        log.step(format_args!(
            "session reused: logged in as {}",
            user.get_me().await?.full_name()
        ));
        return Ok(user);
    }
    let me = common::login_user(&user, phone).await?;
    log.step(format_args!("logged in as {}", me.full_name()));
    Ok(user)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mut log = Log::default();
    let credentials = std::env::var("TG_API_ID").is_ok() && std::env::var("TG_API_HASH").is_ok();
    let result = if credentials {
        log.step("running against Telegram (TG_API_ID / TG_API_HASH are set)");
        run_telegram(&mut log).await
    } else {
        log.step("no TG_API_ID / TG_API_HASH: running against an embedded test DC");
        match run_embedded(&mut log).await {
            Ok(_) => files::run_embedded(files::DEMO_FILE_SIZE, true, |line| log.step(line))
                .await
                .map(|_| ()),
            Err(e) => Err(e),
        }
    };
    if result.is_ok() {
        log.step("done");
    }
    common::exit_code(result)
}
