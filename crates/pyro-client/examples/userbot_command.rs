//! A userbot: your own account answers a command you type in any chat, from any of your apps.
//! Type `.ping` anywhere and this program edits your message into `pong` with the time a
//! request to Telegram takes.
//!
//!     TG_API_ID=... TG_API_HASH=... TG_PHONE=+... cargo run -p pyro-client --example userbot_command
//!
//! The handler's filter is `outgoing & command`: only messages the account itself sent, with
//! the `.` prefix. The session is kept in `userbot.session` (the login code is asked once).

mod common;

use std::time::Instant;

use pyro_client::filters::{self, Command};
use pyro_client::tl::functions;
use pyro_client::types::Message;
use pyro_client::updates::{Handler, Router, UpdateEvent};
use pyro_client::{Client, Error};

/// The command, with its prefix.
pub fn ping_command() -> Command {
    Command::new(["ping"]).prefixes(["."])
}

/// The userbot's handlers: `.ping` from this account becomes `pong (… ms)`.
pub fn router() -> Router<Client, UpdateEvent> {
    let ping = Handler::message(|client: Client, message: Message| async move {
        let started = Instant::now();
        client.invoke(&functions::updates::GetState {}).await?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        message.edit(format!("pong ({elapsed:.1} ms)")).await?;
        Ok::<_, Error>(())
    })
    .when(filters::outgoing() & ping_command().filter());
    Router::new("userbot").with(ping)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    common::exit_code(
        async {
            let user = common::user_from_env("userbot.session").await?;
            let me = user.get_me().await?;
            println!("{} is listening: type .ping in any chat", me.full_name());
            user.run(router()).await?;
            Ok(())
        }
        .await,
    )
}
