//! pyro's demo: a user and a bot log in, the user writes to the bot, the bot answers; every
//! step is printed with its time.
//!
//!     cargo run --release -p pyro-client --example demo
//!
//! With no credentials it starts an embedded test DC on 127.0.0.1 (pyro-test-dc) and logs in
//! a user with a 2FA password (code, then password) and a bot there. With `TG_API_ID` and
//! `TG_API_HASH` (from my.telegram.org) it runs against Telegram itself (DC 2, Telegram's RSA
//! keys), with `TG_PHONE` (the code is read from the terminal; the 2FA password from
//! `TG_PASSWORD` or the terminal) and/or `TG_BOT_TOKEN`: both, and the user talks to the bot;
//! a user alone writes to its Saved Messages; a bot alone answers whoever writes to it for
//! `TG_DEMO_SECONDS` (60). Sessions are kept in `demo-user.session` / `demo-bot.session`.

mod chat;

use std::time::{Duration, Instant};

use chat::{DemoResult, Log, answer_messages, converse, millis, run_embedded, send_text};
use pyro_client::Client;
use pyro_client::auth::SignIn;
use pyro_client::tl::enums;

/// The demo against Telegram: `TG_API_ID`, `TG_API_HASH` and `TG_PHONE` and/or `TG_BOT_TOKEN`.
async fn run_telegram(log: &mut Log, api_id: i32, api_hash: String) -> DemoResult<()> {
    let phone = std::env::var("TG_PHONE").ok();
    let bot_token = std::env::var("TG_BOT_TOKEN").ok();
    let user = match &phone {
        Some(phone) => Some(login_user(log, api_id, &api_hash, phone).await?),
        None => None,
    };
    let bot = match &bot_token {
        Some(token) => {
            let t = Instant::now();
            let bot = Client::builder(api_id, api_hash.clone())
                .session_file("demo-bot.session")
                .connect()
                .await?;
            let me = if bot.is_authorized().await? {
                bot.get_me().await?
            } else {
                bot.sign_in_bot(token).await?
            };
            log.step(format_args!(
                "bot @{} ready in {:.1} ms",
                me.username().unwrap_or("?"),
                millis(t.elapsed())
            ));
            Some(bot)
        }
        None => None,
    };
    match (user, bot) {
        (Some(user), Some(bot)) => {
            converse(log, &user, &bot).await?;
        }
        (Some(user), None) => {
            let t = Instant::now();
            user.invoke(&send_text(
                enums::InputPeer::InputPeerSelf,
                "hello from pyro",
            )?)
            .await?;
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
            log.step(format_args!("answering messages for {seconds} s"));
            let mut updates = bot.take_raw_updates().ok_or("the update feed was taken")?;
            let answering = answer_messages(&bot, &mut updates, usize::MAX);
            let answered = tokio::time::timeout(Duration::from_secs(seconds), answering).await;
            log.step(format_args!(
                "stopped ({})",
                if answered.is_err() {
                    "time is up"
                } else {
                    "feed closed"
                }
            ));
        }
        (None, None) => {
            return Err("set TG_PHONE and/or TG_BOT_TOKEN besides TG_API_ID / TG_API_HASH".into());
        }
    }
    Ok(())
}

/// Logs the user in on Telegram (code from the terminal), or reuses `demo-user.session`.
async fn login_user(log: &mut Log, api_id: i32, api_hash: &str, phone: &str) -> DemoResult<Client> {
    let t = Instant::now();
    let user = Client::builder(api_id, api_hash)
        .session_file("demo-user.session")
        .connect()
        .await?;
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
    let token = user.request_login_code(phone).await?;
    let code = prompt("login code: ").await?;
    let me = match user.sign_in(&token, &code).await? {
        SignIn::Done(me) => me,
        SignIn::PasswordRequired(password) => {
            let hint = password.hint().unwrap_or("none").to_owned();
            let secret = match std::env::var("TG_PASSWORD") {
                Ok(secret) => secret,
                Err(_) => prompt(&format!("2FA password (hint: {hint}): ")).await?,
            };
            user.check_password(password, secret).await?
        }
        other => return Err(format!("{other:?}: sign up with an official app first").into()),
    };
    log.step(format_args!("logged in as {}", me.full_name()));
    Ok(user)
}

/// Reads one line from the terminal.
async fn prompt(question: &str) -> DemoResult<String> {
    print!("{question}");
    std::io::Write::flush(&mut std::io::stdout())?;
    let line = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await??;
    Ok(line.trim().to_owned())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mut log = Log::default();
    let api_id = std::env::var("TG_API_ID")
        .ok()
        .and_then(|id| id.parse().ok());
    let result = if let (Some(api_id), Ok(api_hash)) = (api_id, std::env::var("TG_API_HASH")) {
        log.step("running against Telegram (TG_API_ID / TG_API_HASH are set)");
        run_telegram(&mut log, api_id, api_hash).await
    } else {
        log.step("no TG_API_ID / TG_API_HASH: running against an embedded test DC");
        run_embedded(&mut log).await.map(|_| ())
    };
    match result {
        Ok(()) => {
            log.step("done");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("demo failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
