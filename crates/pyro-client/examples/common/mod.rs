//! What every example needs to run against Telegram: the app's credentials from the
//! environment, a bot or user login kept in a session file, and a `main` that prints errors.
//!
//! - `TG_API_ID`, `TG_API_HASH`: the app, from <https://my.telegram.org>.
//! - `TG_BOT_TOKEN`: a bot's token from @BotFather (bot examples).
//! - `TG_PHONE`: a user account's phone number (user examples); the login code is read from
//!   the terminal, the 2FA password from `TG_PASSWORD` or the terminal.
//!
//! The first run logs in; the session file (next to where the example runs) keeps the login,
//! so later runs skip it. The tests (`tests/examples.rs`) call the examples' logic with
//! clients of an embedded test DC instead.
// Each example uses the part it needs: bots the bot login, user accounts the phone login.
#![allow(dead_code)]

use std::error::Error;
use std::process::ExitCode;

use pyro_client::Client;
use pyro_client::auth::SignIn;
use pyro_client::types::User;

/// What the examples' functions return on failure.
pub(crate) type AppResult<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// The environment variable `name`, or an error saying it is needed.
pub(crate) fn env(name: &str) -> AppResult<String> {
    std::env::var(name).map_err(|_| format!("set {name} (see the example's header)").into())
}

/// A client of Telegram for `TG_API_ID` / `TG_API_HASH`, its session in `session_file`.
pub(crate) async fn connect(session_file: &str) -> AppResult<Client> {
    let api_id = env("TG_API_ID")?
        .parse()
        .map_err(|_| "TG_API_ID is not a number")?;
    let client = Client::builder(api_id, env("TG_API_HASH")?)
        .session_file(session_file)
        .connect()
        .await?;
    Ok(client)
}

/// A bot logged in with `TG_BOT_TOKEN` (or already, from `session_file`).
pub(crate) async fn bot_from_env(session_file: &str) -> AppResult<Client> {
    let bot = connect(session_file).await?;
    if !bot.is_authorized().await? {
        bot.sign_in_bot(&env("TG_BOT_TOKEN")?).await?;
    }
    Ok(bot)
}

/// A user account logged in with `TG_PHONE` (or already, from `session_file`).
pub(crate) async fn user_from_env(session_file: &str) -> AppResult<Client> {
    let user = connect(session_file).await?;
    if !user.is_authorized().await? {
        login_user(&user, &env("TG_PHONE")?).await?;
    }
    Ok(user)
}

/// Logs `client` in as the account of `phone`: the code from the terminal, then the 2FA
/// password from `TG_PASSWORD` or the terminal if the account has one.
pub(crate) async fn login_user(client: &Client, phone: &str) -> AppResult<User> {
    let token = client.request_login_code(phone).await?;
    let code = prompt("login code: ").await?;
    match client.sign_in(&token, &code).await? {
        SignIn::Done(me) => Ok(me),
        SignIn::PasswordRequired(password) => {
            let hint = password.hint().unwrap_or("none").to_owned();
            let secret = match std::env::var("TG_PASSWORD") {
                Ok(secret) => secret,
                Err(_) => prompt(&format!("2FA password (hint: {hint}): ")).await?,
            };
            Ok(client.check_password(password, secret).await?)
        }
        _ => Err(format!("{phone} has no account: sign up with an official app first").into()),
    }
}

/// Reads one line from the terminal.
pub(crate) async fn prompt(question: &str) -> AppResult<String> {
    print!("{question}");
    std::io::Write::flush(&mut std::io::stdout())?;
    let line = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await??;
    Ok(line.trim().to_owned())
}

/// The process's exit code for `result`, printing the error if there is one.
pub(crate) fn exit_code(result: AppResult<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
