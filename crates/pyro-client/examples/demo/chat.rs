//! The demo's conversation, shared by the example and its test (`tests/demo.rs`): the log
//! with timings, the embedded run, and the user talking to the bot. The bot answers through
//! its handlers ([`super::bot`]); the user reads the answers through a handler of its own.

use std::fmt::Display;
use std::time::{Duration, Instant};

use pyro_client::auth::SignIn;
use pyro_client::peers::PeerRef;
use pyro_client::types::{Message, ReplyMarkup, User};
use pyro_client::updates::{Handler, Router, UpdateEvent, UpdatesConfig};
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

/// The press of a button under the bot's welcome.
#[derive(Debug, Clone)]
#[allow(dead_code)]
pub(crate) struct Press {
    /// The button's callback data.
    pub(crate) data: Vec<u8>,
    /// The text the bot answered the query with.
    pub(crate) toast: Option<String>,
    /// The welcome, as the bot edited it.
    pub(crate) edited: Message,
}

/// What the demo saw: the messages and answers, then the press of a button.
#[derive(Debug, Clone)]
#[allow(dead_code)]
pub(crate) struct Conversation {
    /// `/start`, `/help` and [`MESSAGES`], with the bot's answers.
    pub(crate) exchanges: Vec<Exchange>,
    /// The press of the welcome's first button.
    pub(crate) press: Press,
}

/// The demo against an embedded test DC: returns the conversation.
pub(crate) async fn run_embedded(log: &mut Log) -> AppResult<Conversation> {
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
    let conversation = converse(log, &user, &bot).await?;
    dc.shutdown().await;
    Ok(conversation)
}

/// The bot handles its updates with [`bot::router`]; the user sends `/start`, `/help` and
/// [`MESSAGES`] and waits for each answer, then presses a button under the welcome.
pub(crate) async fn converse(
    log: &mut Log,
    user: &Client,
    bot: &Client,
) -> AppResult<Conversation> {
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
    log.step(format_args!(
        "the bot answered {} messages through its handlers",
        exchanges.len()
    ));
    let welcome = &exchanges.first().ok_or("no exchange")?.reply;
    let press = press_first_button(log, user, to_bot, welcome, &mut answers).await?;
    user_updates.stop().await?;
    bot_updates.stop().await?;
    Ok(Conversation { exchanges, press })
}

/// The user presses the welcome's first callback button ([`Client::request_callback_answer`]:
/// `messages.getBotCallbackAnswer`, which waits for the bot); the bot's handler answers the
/// query, then edits the welcome.
async fn press_first_button(
    log: &mut Log,
    user: &Client,
    to_bot: PeerRef,
    welcome: &Message,
    seen: &mut mpsc::UnboundedReceiver<FromBot>,
) -> AppResult<Press> {
    let Some(ReplyMarkup::Inline(keyboard)) = welcome.reply_markup() else {
        return Err("the welcome came without its inline keyboard".into());
    };
    let (label, data) = keyboard
        .buttons()
        .find_map(|b| Some((b.text.clone(), b.callback_data()?.to_vec())))
        .ok_or("the keyboard has no callback button")?;
    let t = Instant::now();
    let answer = user
        .request_callback_answer(to_bot, welcome.id(), data.clone())
        .await?;
    log.step(format_args!(
        "user pressed {label:?}; the bot answered the callback query with {:?} in {:.1} ms",
        answer.text.as_deref().unwrap_or_default(),
        millis(t.elapsed())
    ));
    let edited = loop {
        if let FromBot::Edited(message) = next_from_bot(seen).await?
            && message.id() == welcome.id()
        {
            break message;
        }
    };
    log.step(format_args!(
        "the bot edited its message into {:?} ({:.1} ms after the press)",
        edited.text(),
        millis(t.elapsed())
    ));
    Ok(Press {
        data,
        toast: answer.text,
        edited,
    })
}

/// What the user's handlers saw from the bot.
#[derive(Debug)]
enum FromBot {
    /// A new message.
    New(Message),
    /// A message edited.
    Edited(Message),
}

/// The user's handlers: every new and edited message from the bot, in order.
fn listener(
    bot: &User,
) -> (
    Router<Client, UpdateEvent>,
    mpsc::UnboundedReceiver<FromBot>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let from_bot = || filters::incoming() & filters::from_users([bot.id()]);
    let new = {
        let tx = tx.clone();
        Handler::message(move |_client: Client, message: Message| {
            let _ = tx.send(FromBot::New(message));
            async {}
        })
    };
    let edited = Handler::edited_message(move |_client: Client, message: Message| {
        let _ = tx.send(FromBot::Edited(message));
        async {}
    });
    let router = Router::new("user")
        .with(new.when(from_bot()))
        .with(edited.when(from_bot()));
    (router, rx)
}

/// What the bot sends or edits next, or an error after [`PATIENCE`].
async fn next_from_bot(seen: &mut mpsc::UnboundedReceiver<FromBot>) -> AppResult<FromBot> {
    match tokio::time::timeout(PATIENCE, seen.recv()).await {
        Ok(Some(message)) => Ok(message),
        Ok(None) => Err("the user's updates stopped".into()),
        Err(_) => Err(format!("the bot did not answer in {} s", PATIENCE.as_secs()).into()),
    }
}

/// The bot's next new message (edits before it are not expected in the script).
async fn next_answer(seen: &mut mpsc::UnboundedReceiver<FromBot>) -> AppResult<Message> {
    match next_from_bot(seen).await? {
        FromBot::New(message) => Ok(message),
        FromBot::Edited(message) => Err(format!("unexpected edit: {:?}", message.text()).into()),
    }
}
