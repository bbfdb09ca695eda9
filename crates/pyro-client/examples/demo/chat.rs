//! The demo's conversation, shared by the example and its test (`tests/demo.rs`): the log
//! with timings, the embedded run, and the user talking to the bot. The bot answers through
//! its handlers ([`super::bot`]); the user reads the answers through a handler of its own.

use std::fmt::Display;
use std::time::{Duration, Instant};

use pyro_client::auth::SignIn;
use pyro_client::types::{Message, ReplyMarkup, User};
use pyro_client::updates::{Handler, Router, UpdatesConfig};
use pyro_client::{Client, filters};
use pyro_test_dc::{Seed, SeedUser, TestDc};
use tokio::sync::mpsc;

use super::bot;
use super::common::AppResult;

/// The embedded deployment's accounts.
const USER_PHONE: &str = "15550100";
const USER_PASSWORD: &str = "pyro-demo-password";
const BOT_TOKEN: &str = "100:pyro-demo-bot";
const BOT_USERNAME: &str = "pyro_demo_bot";

/// What the user writes to the bot after `/start` and `/help`.
pub(crate) const MESSAGES: [&str; 3] = ["hello from pyro", "how fast is this?", "bye"];

/// How long the user waits for each answer of the bot.
const PATIENCE: Duration = Duration::from_secs(60);

/// The printed log: each line with the time since the start.
pub(crate) struct Log {
    start: Instant,
    /// Every line printed so far.
    pub(crate) lines: Vec<String>,
}

impl Default for Log {
    fn default() -> Self {
        Self {
            start: Instant::now(),
            lines: Vec::new(),
        }
    }
}

impl Log {
    /// Prints one line.
    pub(crate) fn step(&mut self, what: impl Display) {
        let line = format!("[{:>9.1} ms] {what}", millis(self.start.elapsed()));
        println!("{line}");
        self.lines.push(line);
    }
}

/// Milliseconds, for printing.
pub(crate) fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One message of the conversation and the bot's answer (printed as it happens; the fields are
/// for `tests/demo.rs`).
#[derive(Debug, Clone)]
#[allow(dead_code)]
pub(crate) struct Exchange {
    /// What the user sent.
    pub(crate) sent: String,
    /// The bot's answer.
    pub(crate) reply: Message,
    /// From sending to receiving the answer.
    pub(crate) round_trip: Duration,
}

/// The demo against an embedded test DC: returns the conversation.
pub(crate) async fn run_embedded(log: &mut Log) -> AppResult<Vec<Exchange>> {
    let seed = Seed::new()
        .user(SeedUser::person("user", USER_PHONE, "Demo User").password(USER_PASSWORD))
        .user(SeedUser::bot("bot", BOT_TOKEN, "Demo Bot").username(BOT_USERNAME));
    let dc = TestDc::builder().seed(seed).start().await?;
    let info = dc.dcs()[0].clone();
    log.step(format_args!(
        "test DC {} listening on {}",
        info.id, info.addr
    ));
    let connect = || {
        Client::builder(1, "pyro-demo")
            .in_memory()
            .dc(info.id, info.addr)
            .rsa_key_pem(info.public_pem.clone())
            .connect()
    };

    let t = Instant::now();
    let user = connect().await?;
    log.step(format_args!(
        "user connected (key exchange + help.getConfig) in {:.1} ms",
        millis(t.elapsed())
    ));
    let t = Instant::now();
    let token = user.request_login_code(USER_PHONE).await?;
    let code = dc
        .telegram()
        .last_login_code(USER_PHONE)
        .ok_or("the test DC sent no code")?;
    log.step(format_args!(
        "login code {code} sent to +{USER_PHONE} in {:.1} ms",
        millis(t.elapsed())
    ));
    let t = Instant::now();
    let me = match user.sign_in(&token, &code).await? {
        SignIn::PasswordRequired(password) => {
            log.step(format_args!(
                "code accepted in {:.1} ms; 2FA password needed",
                millis(t.elapsed())
            ));
            let t = Instant::now();
            let me = user.check_password(password, USER_PASSWORD).await?;
            log.step(format_args!(
                "2FA password (SRP, 100 000 PBKDF2 rounds) checked in {:.1} ms",
                millis(t.elapsed())
            ));
            me
        }
        SignIn::Done(me) => me,
        other => return Err(format!("unexpected sign-in step {other:?}").into()),
    };
    log.step(format_args!(
        "logged in as {} (id {})",
        me.full_name(),
        me.id()
    ));

    let t = Instant::now();
    let bot = connect().await?;
    let bot_me = bot.sign_in_bot(BOT_TOKEN).await?;
    log.step(format_args!(
        "bot @{} connected and logged in in {:.1} ms",
        bot_me.username().unwrap_or("?"),
        millis(t.elapsed())
    ));
    let exchanges = converse(log, &user, &bot).await?;
    dc.shutdown().await;
    Ok(exchanges)
}

/// The bot handles its updates with [`bot::router`]; the user sends `/start`, `/help` and
/// [`MESSAGES`] and waits for each answer.
pub(crate) async fn converse(
    log: &mut Log,
    user: &Client,
    bot: &Client,
) -> AppResult<Vec<Exchange>> {
    let bot_me = bot.get_me().await?;
    let username = bot_me.username().ok_or("the bot has no username")?;
    let router = bot::router();
    let handlers = router.len();
    let bot_updates = bot.start_updates(router, UpdatesConfig::default())?;
    let (listener, mut answers) = listener(&bot_me);
    let user_updates = user.start_updates(listener, UpdatesConfig::default())?;
    bot_updates.ready().await;
    user_updates.ready().await;
    log.step(format_args!(
        "the bot handles updates with {handlers} handlers (/start, /help, echo, buttons)"
    ));

    let to_bot = user.resolve_peer(format!("@{username}")).await?;
    let mut exchanges = Vec::new();
    let script = ["/start", "/help"].into_iter().chain(MESSAGES);
    for text in script {
        let t = Instant::now();
        user.send_message(to_bot, text).await?;
        let reply = next_answer(&mut answers).await?;
        let round_trip = t.elapsed();
        let keyboard = match reply.reply_markup() {
            Some(ReplyMarkup::Inline(keyboard)) => {
                let labels: Vec<&str> = keyboard.buttons().map(|b| b.text.as_str()).collect();
                format!(" with the buttons {labels:?}")
            }
            _ => String::new(),
        };
        log.step(format_args!(
            "user -> @{username}: {text:?}; the bot answered {:?}{keyboard} in {:.1} ms",
            reply.text(),
            millis(round_trip)
        ));
        exchanges.push(Exchange {
            sent: text.to_owned(),
            reply,
            round_trip,
        });
    }
    user_updates.stop().await?;
    bot_updates.stop().await?;
    log.step(format_args!(
        "the bot answered {} messages through its handlers",
        exchanges.len()
    ));
    Ok(exchanges)
}

/// The user's handler: every new message from the bot, in order.
fn listener(
    bot: &User,
) -> (
    Router<Client, pyro_client::updates::UpdateEvent>,
    mpsc::UnboundedReceiver<Message>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let from_bot = filters::incoming() & filters::from_users([bot.id()]);
    let answers = Handler::message(move |_client: Client, message: Message| {
        let _ = tx.send(message);
        async {}
    })
    .when(from_bot);
    (Router::new("user").with(answers), rx)
}

/// The bot's next answer, or an error after [`PATIENCE`].
async fn next_answer(answers: &mut mpsc::UnboundedReceiver<Message>) -> AppResult<Message> {
    match tokio::time::timeout(PATIENCE, answers.recv()).await {
        Ok(Some(message)) => Ok(message),
        Ok(None) => Err("the user's updates stopped".into()),
        Err(_) => Err(format!("the bot did not answer in {} s", PATIENCE.as_secs()).into()),
    }
}
