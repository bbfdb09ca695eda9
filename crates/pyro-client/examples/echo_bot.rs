//! An echo bot: every text a user writes to it in private comes back as a reply.
//!
//!     TG_API_ID=... TG_API_HASH=... TG_BOT_TOKEN=... cargo run -p pyro-client --example echo_bot
//!
//! One handler with a filter: private, incoming text messages, commands excluded. The
//! session is kept in `echo_bot.session`.

mod common;

use pyro_client::filters::{self, Filter, Filterable};
use pyro_client::types::{Message, Update};
use pyro_client::updates::{Handler, Router, UpdateEvent};
use pyro_client::{Client, Error};

/// The bot's handlers: echo private texts that are not commands.
pub fn router() -> Router<Client, UpdateEvent> {
    let echo = Handler::message(|_client: Client, message: Message| async move {
        message.reply(message.text()).await?;
        Ok::<_, Error>(())
    })
    .when(filters::private() & filters::incoming() & filters::text() & !is_command());
    Router::new("echo").with(echo)
}

/// Texts starting with `/` (a custom filter: any closure over the update).
fn is_command() -> Filter<Update> {
    filters::custom(|update: &Update| update.text().is_some_and(|text| text.starts_with('/')))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    common::exit_code(
        async {
            let bot = common::bot_from_env("echo_bot.session").await?;
            println!(
                "@{} is echoing; Ctrl+C stops it",
                bot.get_me().await?.username().unwrap_or("?")
            );
            bot.run(router()).await?;
            Ok(())
        }
        .await,
    )
}
