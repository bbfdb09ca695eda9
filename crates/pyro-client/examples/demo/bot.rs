//! The demo's bot, the same against the embedded test DC and Telegram: handlers for `/start`
//! (answered with an inline keyboard), `/help`, any other private text (echoed), and the
//! keyboard's buttons (the query is answered and the message edited).

use pyro_client::types::{CallbackQuery, InlineButton, InlineKeyboard, Message};
use pyro_client::updates::{Flow, Handler, Router, UpdateEvent};
use pyro_client::{Client, Error, filters};

/// The answer to `/start`, above the keyboard.
pub(crate) const WELCOME: &str = "Hi, I am pyro's demo bot. Write me anything and I echo it; \
                                  /help says what I do. Pick a button:";

/// The answer to `/help`.
pub(crate) const HELP: &str = "/start: the keyboard again\n/help: this text\n\
                               anything else: I echo it";

/// What an echo starts with.
pub(crate) const ECHO: &str = "echo: ";

/// The keyboard under the welcome: one row, two callback buttons.
pub(crate) fn keyboard() -> InlineKeyboard {
    InlineKeyboard::new().row([
        InlineButton::callback("⚡ How fast?", "fast"),
        InlineButton::callback("👋 Bye", "bye"),
    ])
}

/// The text the welcome becomes once the button with `data` is pressed.
pub(crate) fn pressed_text(data: &[u8]) -> String {
    let label = keyboard()
        .buttons()
        .find(|b| b.callback_data() == Some(data))
        .map_or_else(|| "an unknown button".to_owned(), |b| b.text.clone());
    format!("You pressed {label}: pyro answered the query and edited this message.")
}

/// The toast the user sees when pressing a button.
pub(crate) const TOAST: &str = "pressed!";

/// The bot's handlers. Only incoming private messages are taken (the bot's own answers come
/// back as updates too).
pub(crate) fn router() -> Router<Client, UpdateEvent> {
    let private_in = || filters::private() & filters::incoming();
    let start = Handler::message(|_client: Client, message: Message| async move {
        message.reply_with_markup(WELCOME, keyboard()).await?;
        Ok::<_, Error>(Flow::Stop)
    })
    .when(private_in() & filters::command(["start"]));
    let help = Handler::message(|_client: Client, message: Message| async move {
        message.reply(HELP).await?;
        Ok::<_, Error>(Flow::Stop)
    })
    .when(private_in() & filters::command(["help"]));
    let echo = Handler::message(|_client: Client, message: Message| async move {
        message.reply(format!("{ECHO}{}", message.text())).await?;
        Ok::<_, Error>(())
    })
    .when(private_in() & filters::text())
    .group(1);
    let button = Handler::callback_query(|_client: Client, query: CallbackQuery| async move {
        query.answer_text(TOAST).await?;
        let text = pressed_text(query.data().unwrap_or_default());
        query.edit_message_text(text, None).await?;
        Ok::<_, Error>(())
    });
    Router::new("demo bot")
        .with(start)
        .with(help)
        .with(echo)
        .with(button)
}
