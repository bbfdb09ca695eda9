//! Bound methods: [`Message`]'s reply, edit, delete, forward, pin and react, and
//! [`CallbackQuery`]'s answers and message edit — each one raw request through the client the
//! object is bound to.

use pyro_tl_types::api::{enums, functions, types};

use super::bot_query::CallbackQuery;
use super::bound::{Sent, bound, delete_in, input_peer, message_in_answer, random_id};
use super::chat::Chat;
use super::keyboard::ReplyMarkup;
use super::message::Message;
use crate::client::Error;

impl Message {
    /// Replies to this message in its chat with plain text; the sent message, when the
    /// answer carries it (it always does from Telegram).
    ///
    /// Fails with [`Error::Config`] if the message is not bound to a client, and with
    /// [`Error::PeerIdInvalid`] if its chat cannot be addressed.
    pub async fn reply(&self, text: impl Into<String>) -> Result<Option<Message>, Error> {
        self.send_reply(text.into(), None).await
    }

    /// Replies with text and a keyboard ([`super::InlineKeyboard`], [`super::ReplyKeyboard`]...).
    pub async fn reply_with_markup(
        &self,
        text: impl Into<String>,
        markup: impl Into<ReplyMarkup>,
    ) -> Result<Option<Message>, Error> {
        self.send_reply(text.into(), Some(markup.into())).await
    }

    async fn send_reply(
        &self,
        text: String,
        markup: Option<ReplyMarkup>,
    ) -> Result<Option<Message>, Error> {
        let client = bound(self.client())?;
        let request = functions::messages::SendMessage {
            peer: input_peer(client, self.chat())?,
            reply_to: Some(enums::InputReplyTo::Message(Box::new(
                types::InputReplyToMessage {
                    reply_to_msg_id: self.id(),
                    ..Default::default()
                },
            ))),
            message: text,
            random_id: random_id(),
            reply_markup: markup.as_ref().map(ReplyMarkup::to_raw),
            ..Default::default()
        };
        let answer = client.invoke(&request).await?;
        let sent = Sent {
            text: &request.message,
            reply_to: Some(self.id()),
        };
        Ok(message_in_answer(answer, client, self.chat(), Some(&sent)))
    }

    /// Replaces the text of this message (ours, or a bot's own); the edited message.
    pub async fn edit(&self, text: impl Into<String>) -> Result<Option<Message>, Error> {
        self.edit_with(Some(text.into()), None).await
    }

    /// Replaces the keyboard under this message; the edited message.
    pub async fn edit_reply_markup(
        &self,
        markup: impl Into<ReplyMarkup>,
    ) -> Result<Option<Message>, Error> {
        self.edit_with(None, Some(markup.into())).await
    }

    async fn edit_with(
        &self,
        text: Option<String>,
        markup: Option<ReplyMarkup>,
    ) -> Result<Option<Message>, Error> {
        let client = bound(self.client())?;
        let request = functions::messages::EditMessage {
            peer: input_peer(client, self.chat())?,
            id: self.id(),
            message: text,
            reply_markup: markup.as_ref().map(ReplyMarkup::to_raw),
            ..Default::default()
        };
        let answer = client.invoke(&request).await?;
        Ok(message_in_answer(answer, client, self.chat(), None))
    }

    /// Deletes this message; `revoke` deletes it for everyone in private chats and basic groups
    /// (in channels and supergroups deletion is always for everyone). Returns the number of
    /// messages the server deleted (0 if it was already gone).
    pub async fn delete(&self, revoke: bool) -> Result<i32, Error> {
        let client = bound(self.client())?;
        let peer = input_peer(client, self.chat())?;
        delete_in(client, &peer, vec![self.id()], revoke).await
    }

    /// Forwards this message to another chat; the forwarded copy.
    pub async fn forward_to(&self, to: &Chat) -> Result<Option<Message>, Error> {
        let client = bound(self.client())?;
        let request = functions::messages::ForwardMessages {
            from_peer: input_peer(client, self.chat())?,
            id: vec![self.id()],
            random_id: vec![random_id()],
            to_peer: input_peer(client, to)?,
            ..Default::default()
        };
        let answer = client.invoke(&request).await?;
        Ok(message_in_answer(answer, client, to, None))
    }

    /// Pins this message for everyone in its chat; the service message announcing the pin
    /// (see [`Client::pin_message_with`](crate::Client::pin_message_with) for silent and
    /// one-sided pins).
    pub async fn pin(&self) -> Result<Option<Message>, Error> {
        let client = bound(self.client())?;
        let peer = input_peer(client, self.chat())?;
        let options = crate::methods::PinOptions::default();
        crate::methods::pins::pin_in(client, peer, self.chat(), self.id(), false, options).await
    }

    /// Unpins this message.
    pub async fn unpin(&self) -> Result<(), Error> {
        let client = bound(self.client())?;
        let peer = input_peer(client, self.chat())?;
        let options = crate::methods::PinOptions::default();
        crate::methods::pins::pin_in(client, peer, self.chat(), self.id(), true, options).await?;
        Ok(())
    }

    /// Sets our reaction to this message to an emoji (`""` removes our reactions).
    pub async fn react(&self, emoji: &str) -> Result<(), Error> {
        let client = bound(self.client())?;
        let reaction = (!emoji.is_empty()).then(|| {
            vec![enums::Reaction::Emoji(types::ReactionEmoji {
                emoticon: emoji.to_owned(),
            })]
        });
        let request = functions::messages::SendReaction {
            peer: input_peer(client, self.chat())?,
            msg_id: self.id(),
            reaction,
            ..Default::default()
        };
        client.invoke(&request).await?;
        Ok(())
    }
}

/// A callback query's answer: what a bot sends ([`CallbackQuery::answer_with`]) and what the
/// user's app receives ([`crate::Client::request_callback_answer`]).
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
        bound(self.client())?
            .answer_callback_query(self.id(), answer)
            .await
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
