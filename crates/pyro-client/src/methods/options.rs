//! What a sent message may carry besides its text: parse mode, reply, keyboard, flags.

use crate::client::Error;
use crate::text::FormattedText;
use crate::types::ReplyMarkup;

/// How the text of a sent or edited message is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParseMode {
    /// Literal text, no entities.
    #[default]
    Plain,
    /// Pyrogram-style Markdown (`**bold**`, `__italic__`, `[link](url)`...).
    Markdown,
    /// Telegram's HTML subset (`<b>`, `<i>`, `<a href>`...).
    Html,
}

impl ParseMode {
    /// The text and its entities; only HTML can fail (malformed tags, a [`Error::Config`]
    /// saying where).
    pub fn parse(self, text: &str) -> Result<FormattedText, Error> {
        match self {
            Self::Plain => Ok(FormattedText::plain(text)),
            Self::Markdown => Ok(FormattedText::from_markdown(text)),
            Self::Html => FormattedText::from_html(text)
                .map_err(|err| Error::Config(format!("HTML text: {err}"))),
        }
    }
}

/// Options of [`Client::send_message_with`](crate::Client::send_message_with) and
/// [`Client::edit_message_text_with`](crate::Client::edit_message_text_with).
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// How to read the text.
    pub parse_mode: ParseMode,
    /// The message (in the same chat) this one replies to.
    pub reply_to: Option<i32>,
    /// A keyboard under the message ([`crate::types::InlineKeyboard`]) or instead of the
    /// user's keyboard ([`crate::types::ReplyKeyboard`]).
    pub reply_markup: Option<ReplyMarkup>,
    /// Deliver without a notification sound.
    pub silent: bool,
    /// Do not show a preview of the first link.
    pub no_webpage: bool,
}

impl SendOptions {
    /// Options reading the text with `mode`.
    #[must_use]
    pub fn parse_mode(mode: ParseMode) -> Self {
        Self {
            parse_mode: mode,
            ..Self::default()
        }
    }

    /// These options, replying to message `id`.
    #[must_use]
    pub fn reply_to(mut self, id: i32) -> Self {
        self.reply_to = Some(id);
        self
    }

    /// These options, with a keyboard.
    #[must_use]
    pub fn markup(mut self, markup: impl Into<ReplyMarkup>) -> Self {
        self.reply_markup = Some(markup.into());
        self
    }

    /// These options, sent silently.
    #[must_use]
    pub fn silent(mut self) -> Self {
        self.silent = true;
        self
    }
}
