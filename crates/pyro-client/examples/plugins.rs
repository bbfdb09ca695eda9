//! A bot composed of two plugins (Pyrogram's smart plugins): each module builds a `Router`
//! (in a real project, one file per plugin), the application includes them. Handler groups run in order; inside a group the first
//! matching handler takes the update, and what it returns decides where the update goes next.
//!
//!     TG_API_ID=... TG_API_HASH=... TG_BOT_TOKEN=... cargo run -p pyro-client --example plugins
//!
//! - `commands` (group 0): `/start` and `/stats` answer and stop the update there
//!   (`Flow::Stop`); a text with "please" is thanked and goes on to the group's next handler
//!   (`Flow::Continue`).
//! - `chatter`: group -1 counts every incoming message and lets it through (`Flow::Next`),
//!   group 1 echoes what no command stopped.
//!
//! So `/stats please` is thanked and counted, `hello` is echoed, `/start` is not echoed.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::AppResult;
use pyro_client::updates::{Router, UpdateEvent};
use pyro_client::{Client, filters};

/// What the plugins share: how many messages the bot has seen.
#[derive(Debug, Default)]
pub struct Stats {
    seen: AtomicUsize,
}

impl Stats {
    /// Messages seen so far.
    pub fn seen(&self) -> usize {
        self.seen.load(Ordering::Relaxed)
    }

    fn count(&self) {
        self.seen.fetch_add(1, Ordering::Relaxed);
    }
}

/// The commands plugin: group 0.
pub mod commands {
    use std::sync::Arc;

    use pyro_client::types::Message;
    use pyro_client::updates::{Flow, Handler, Router, UpdateEvent};
    use pyro_client::{Client, Error, filters};

    use super::Stats;
    use super::common::AppResult;

    /// `please` (thanked, then the group's next handler may take it), `/start` and `/stats`
    /// (answered, and no later group sees them).
    pub fn plugin(stats: Arc<Stats>) -> AppResult<Router<Client, UpdateEvent>> {
        let polite = Handler::message(|_client: Client, message: Message| async move {
            message.reply("thank you for asking nicely").await?;
            Ok::<_, Error>(Flow::Continue)
        })
        .when(filters::regex("(?i)\\bplease\\b")?);
        let start = Handler::message(|_client: Client, message: Message| async move {
            message
                .reply("hi! /stats counts the messages I have seen; anything else comes back")
                .await?;
            Ok::<_, Error>(Flow::Stop)
        })
        .when(filters::command(["start"]));
        let count = Handler::message(move |_client: Client, message: Message| {
            let stats = Arc::clone(&stats);
            async move {
                message
                    .reply(format!("{} messages so far", stats.seen()))
                    .await?;
                Ok::<_, Error>(Flow::Stop)
            }
        })
        .when(filters::command(["stats"]));
        Ok(Router::new("commands").with(polite).with(start).with(count))
    }
}

/// The chatter plugin: a counter before everything (group -1), an echo after the commands
/// (group 1).
pub mod chatter {
    use std::sync::Arc;

    use pyro_client::types::Message;
    use pyro_client::updates::{Handler, Router, UpdateEvent};
    use pyro_client::{Client, Error, filters};

    use super::Stats;

    /// Counts every message, echoes the texts no command stopped.
    pub fn plugin(stats: Arc<Stats>) -> Router<Client, UpdateEvent> {
        let counter = Handler::message(move |_client: Client, _message: Message| {
            stats.count();
            async {}
        })
        .group(-1);
        let echo = Handler::message(|_client: Client, message: Message| async move {
            message.reply(message.text()).await?;
            Ok::<_, Error>(())
        })
        .when(filters::text())
        .group(1);
        Router::new("chatter").with(counter).with(echo)
    }
}

/// The application: both plugins, for incoming private messages only (so the bot's own
/// answers, which come back as updates too, are left alone).
pub fn app(stats: &Arc<Stats>) -> AppResult<Router<Client, UpdateEvent>> {
    let mut plugins = Router::new("plugins");
    plugins
        .include(commands::plugin(Arc::clone(stats))?)
        .include(chatter::plugin(Arc::clone(stats)));
    let mut app = Router::new("app");
    for handler in plugins.into_handlers() {
        app.add(handler.when(filters::private() & filters::incoming()));
    }
    Ok(app)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    common::exit_code(
        async {
            let bot = common::bot_from_env("plugins.session").await?;
            let stats = Arc::new(Stats::default());
            println!("running with the commands and chatter plugins; Ctrl+C stops it");
            bot.run(app(&stats)?).await?;
            Ok(())
        }
        .await,
    )
}
