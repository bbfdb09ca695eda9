//! Bound methods of [`CallbackQuery`]: answering it (a toast, an alert or a URL) and editing
//! the message its button is under.

use pyro_tl_types::api::functions;

use super::bot_query::CallbackQuery;
use super::bound::{bound, input_peer, message_in_answer};
use super::keyboard::ReplyMarkup;
use super::message::Message;
use crate::client::Error;

/// How to answer a callback query (see [`CallbackQuery::answer_with`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallbackAnswer {
    /// Text to show the user (up to 200 characters, a server rule); `None` only stops the
    /// button's progress indicator.
    pub text: Option<String>,
    /// Show the text as an alert the user must dismiss, instead of a toast.
    pub alert: bool,
    /// A URL to open (a game's, or a `t.me/yourbot?start=...` link).
    pub url: Option<String>,
    /// How long (seconds) the app may cache this answer for the same button.
    pub cache_time: i32,
}

impl CallbackQuery {
    /// Answers the query without text: the button's progress indicator stops. Every callback
    /// query should be answered, even when there is nothing to say.
    pub async fn answer(&self) -> Result<bool, Error> {
        self.answer_with(CallbackAnswer::default()).await
    }

    /// Answers the query with a toast.
    pub async fn answer_text(&self, text: impl Into<String>) -> Result<bool, Error> {
        self.answer_with(CallbackAnswer {
            text: Some(text.into()),
            ..CallbackAnswer::default()
        })
        .await
    }

    /// Answers the query with an alert the user must dismiss.
    pub async fn answer_alert(&self, text: impl Into<String>) -> Result<bool, Error> {
        self.answer_with(CallbackAnswer {
            text: Some(text.into()),
            alert: true,
            ..CallbackAnswer::default()
        })
        .await
    }

    /// Answers the query as described; whether the server accepted the answer.
    pub async fn answer_with(&self, answer: CallbackAnswer) -> Result<bool, Error> {
        let client = bound(self.client())?;
        let request = functions::messages::SetBotCallbackAnswer {
            alert: answer.alert,
            query_id: self.id(),
            message: answer.text,
            url: answer.url,
            cache_time: answer.cache_time,
        };
        client.invoke(&request).await
    }

    /// Replaces the text (and, if given, the keyboard) of the message the button is under;
    /// the edited message. Buttons under inline-mode messages are not supported here (they
    /// need the inline message's DC): the call fails with [`Error::PeerIdInvalid`].
    pub async fn edit_message_text(
        &self,
        text: impl Into<String>,
        markup: Option<ReplyMarkup>,
    ) -> Result<Option<Message>, Error> {
        let client = bound(self.client())?;
        let (Some(chat), Some(id)) = (self.chat(), self.message_id()) else {
            return Err(Error::PeerIdInvalid);
        };
        let request = functions::messages::EditMessage {
            peer: input_peer(client, chat)?,
            id,
            message: Some(text.into()),
            reply_markup: markup.as_ref().map(ReplyMarkup::to_raw),
            ..Default::default()
        };
        let answer = client.invoke(&request).await?;
        Ok(message_in_answer(answer, client, chat, None))
    }
}
