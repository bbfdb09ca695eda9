//! The demo's conversation, shared by the example and its test (`tests/demo.rs`): the log
//! with timings, the embedded run, and the user and the bot talking over raw updates.

use std::collections::HashMap;
use std::error::Error;
use std::fmt::Display;
use std::time::{Duration, Instant};

use pyro_client::auth::SignIn;
use pyro_client::tl::{enums, functions, types};
use pyro_client::{Client, RawUpdate, RawUpdates};
use pyro_test_dc::{Seed, SeedUser, TestDc};

/// What the demo's functions return on failure.
pub(crate) type DemoResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// The embedded deployment's accounts.
const USER_PHONE: &str = "15550100";
const USER_PASSWORD: &str = "pyro-demo-password";
const BOT_TOKEN: &str = "100:pyro-demo-bot";
const BOT_USERNAME: &str = "pyro_demo_bot";

/// What the user writes to the bot.
const MESSAGES: [&str; 3] = ["hello from pyro", "how fast is this?", "bye"];

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

/// One message of the conversation and the bot's answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Exchange {
    /// What the user sent.
    pub(crate) sent: String,
    /// What came back.
    pub(crate) reply: String,
    /// From sending to receiving the answer.
    pub(crate) round_trip: Duration,
}

/// The demo against an embedded test DC: returns the conversation.
pub(crate) async fn run_embedded(log: &mut Log) -> DemoResult<Vec<Exchange>> {
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
    converse(log, &user, &bot).await
}

/// The user writes [`MESSAGES`] to the bot; the bot answers each (from its raw updates).
pub(crate) async fn converse(
    log: &mut Log,
    user: &Client,
    bot: &Client,
) -> DemoResult<Vec<Exchange>> {
    let mut bot_updates = bot
        .take_raw_updates()
        .ok_or("the bot's update feed was taken")?;
    let mut user_updates = user
        .take_raw_updates()
        .ok_or("the user's update feed was taken")?;
    let bot_me = bot.get_me().await?;
    let username = bot_me
        .username()
        .ok_or("the bot has no username")?
        .to_owned();
    let answering = {
        let bot = bot.clone();
        tokio::spawn(async move { answer_messages(&bot, &mut bot_updates, MESSAGES.len()).await })
    };
    let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = user
        .invoke(&functions::contacts::ResolveUsername {
            username: username.clone(),
            referer: None,
        })
        .await?;
    let access_hash = access_hashes(&resolved.users)
        .remove(&bot_me.id())
        .ok_or("the bot did not resolve")?;
    let peer = enums::InputPeer::User(types::InputPeerUser {
        user_id: bot_me.id(),
        access_hash,
    });
    let mut exchanges = Vec::new();
    for text in MESSAGES {
        let t = Instant::now();
        user.invoke(&send_text(peer.clone(), text)?).await?;
        let reply = loop {
            let item = user_updates
                .recv()
                .await
                .ok_or("the user's update feed closed")?;
            let RawUpdate::Updates { updates, .. } = item else {
                continue;
            };
            if let Some(m) = incoming(&updates)
                .into_iter()
                .find(|m| m.from == bot_me.id())
            {
                break m.text;
            }
        };
        let round_trip = t.elapsed();
        log.step(format_args!(
            "user -> @{username}: {text:?}; bot answered {reply:?} in {:.1} ms",
            millis(round_trip)
        ));
        exchanges.push(Exchange {
            sent: text.to_owned(),
            reply,
            round_trip,
        });
    }
    let answered = answering.await??;
    log.step(format_args!("the bot answered {answered} messages"));
    Ok(exchanges)
}

/// An incoming private text message.
struct Incoming {
    from: i64,
    id: i32,
    text: String,
}

/// The incoming private text messages of an `Updates`.
fn incoming(updates: &enums::Updates) -> Vec<Incoming> {
    let from_update = |u: &enums::Update| match u {
        enums::Update::NewMessage(new) => match &new.message {
            enums::Message::Message(m) if !m.out => match (&m.peer_id, &m.from_id) {
                (enums::Peer::User(p), None | Some(enums::Peer::User(_))) => Some(Incoming {
                    from: p.user_id,
                    id: m.id,
                    text: m.message.clone(),
                }),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    match updates {
        enums::Updates::UpdateShortMessage(m) if !m.out => {
            vec![Incoming {
                from: m.user_id,
                id: m.id,
                text: m.message.clone(),
            }]
        }
        enums::Updates::UpdateShort(short) => from_update(&short.update).into_iter().collect(),
        enums::Updates::Updates(all) => all.updates.iter().filter_map(from_update).collect(),
        enums::Updates::Combined(all) => all.updates.iter().filter_map(from_update).collect(),
        _ => Vec::new(),
    }
}

/// User id -> access hash, from a list of users.
fn access_hashes(users: &[enums::User]) -> HashMap<i64, i64> {
    users
        .iter()
        .filter_map(|u| match u {
            enums::User::User(u) => Some((u.id, u.access_hash?)),
            enums::User::Empty(_) => None,
        })
        .collect()
}

/// `messages.sendMessage` of `text` to `peer`, with a random id.
pub(crate) fn send_text(
    peer: enums::InputPeer,
    text: &str,
) -> DemoResult<functions::messages::SendMessage> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|e| e.to_string())?;
    Ok(functions::messages::SendMessage {
        peer,
        message: text.to_owned(),
        random_id: i64::from_le_bytes(random),
        ..Default::default()
    })
}

/// The bot: answers `limit` incoming private messages with an echo, reading raw updates.
/// A short message carries no access hash; the bot looks the sender up with
/// `messages.getMessages`, as Telegram lets bots do.
pub(crate) async fn answer_messages(
    bot: &Client,
    updates: &mut RawUpdates,
    limit: usize,
) -> DemoResult<usize> {
    let mut hashes = HashMap::new();
    let mut answered = 0;
    while answered < limit {
        let Some(item) = updates.recv().await else {
            break;
        };
        let RawUpdate::Updates { updates, .. } = item else {
            continue;
        };
        if let enums::Updates::Updates(all) = &updates {
            hashes.extend(access_hashes(&all.users));
        }
        for message in incoming(&updates) {
            if !hashes.contains_key(&message.from) {
                let request = functions::messages::GetMessages {
                    id: vec![enums::InputMessage::Id(types::InputMessageId {
                        id: message.id,
                    })],
                };
                let users = match bot.invoke(&request).await? {
                    enums::messages::Messages::Messages(found) => found.users,
                    enums::messages::Messages::Slice(found) => found.users,
                    enums::messages::Messages::ChannelMessages(found) => found.users,
                    enums::messages::Messages::NotModified(_) => Vec::new(),
                };
                hashes.extend(access_hashes(&users));
            }
            let access_hash = *hashes
                .get(&message.from)
                .ok_or("the sender's access hash is unknown")?;
            let peer = enums::InputPeer::User(types::InputPeerUser {
                user_id: message.from,
                access_hash,
            });
            bot.invoke(&send_text(peer, &format!("echo: {}", message.text))?)
                .await?;
            answered += 1;
        }
    }
    Ok(answered)
}
