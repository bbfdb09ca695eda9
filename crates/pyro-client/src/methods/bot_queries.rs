//! Asking bots, as a user: pressing an inline button ([`Client::request_callback_answer`]),
//! inline mode ([`Client::get_inline_bot_results`], [`Client::send_inline_bot_result`]), and
//! the article results a bot offers ([`InlineArticle`]).

use pyro_tl_types::api::{enums, functions, types};

use super::common::target;
use crate::client::{Client, Error};
use crate::peers::IntoPeerQuery;
use crate::types::bound::{message_in_answer, random_id};
use crate::types::{CallbackAnswer, InlineKeyboard, Message};

/// A text result a bot offers in inline mode: a title in the list, a message when picked.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineArticle {
    id: String,
    title: String,
    text: String,
    description: Option<String>,
    keyboard: Option<InlineKeyboard>,
}

impl InlineArticle {
    /// An article with its id (unique among one answer's results), the title the list shows
    /// and the text the picked message carries.
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            text: text.into(),
            description: None,
            keyboard: None,
        }
    }

    /// A line under the title.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// An inline keyboard under the picked message.
    #[must_use]
    pub fn keyboard(mut self, keyboard: InlineKeyboard) -> Self {
        self.keyboard = Some(keyboard);
        self
    }

    /// The raw result (for [`Client::answer_inline_query`]).
    pub fn to_raw(&self) -> enums::InputBotInlineResult {
        let message = types::InputBotInlineMessageText {
            message: self.text.clone(),
            reply_markup: self
                .keyboard
                .as_ref()
                .map(|k| enums::ReplyMarkup::ReplyInlineMarkup(k.to_raw())),
            ..Default::default()
        };
        enums::InputBotInlineResult::InputBotInlineResult(Box::new(types::InputBotInlineResult {
            id: self.id.clone(),
            r#type: "article".to_owned(),
            title: Some(self.title.clone()),
            description: self.description.clone(),
            send_message: enums::InputBotInlineMessage::Text(Box::new(message)),
            ..Default::default()
        }))
    }
}

/// A bot's answer to an inline query, as the user's app gets it.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineResults {
    /// The query's id: what [`Client::send_inline_bot_result`] needs.
    pub query_id: i64,
    /// The results, raw.
    pub results: Vec<enums::BotInlineResult>,
    /// The offset that asks for the next page, if there is one.
    pub next_offset: Option<String>,
    /// How long (seconds) the answer may be reused.
    pub cache_time: i32,
    /// Whether the bot wants a grid rather than a list.
    pub gallery: bool,
}

impl InlineResults {
    /// The results' ids, in order.
    pub fn ids(&self) -> Vec<&str> {
        self.results
            .iter()
            .map(|r| match r {
                enums::BotInlineResult::BotInlineResult(r) => r.id.as_str(),
                enums::BotInlineResult::BotInlineMediaResult(r) => r.id.as_str(),
            })
            .collect()
    }
}

impl Client {
    /// Presses the callback button with `data` under message `message_id` of `chat`; the
    /// bot's answer. The call waits for the bot: Telegram answers `BOT_RESPONSE_TIMEOUT` (an
    /// [`Error::Rpc`]) when it does not answer in time, and `DATA_INVALID` when the message
    /// has no such button.
    pub async fn request_callback_answer(
        &self,
        chat: impl IntoPeerQuery,
        message_id: i32,
        data: impl Into<Vec<u8>>,
    ) -> Result<CallbackAnswer, Error> {
        let to = target(self, chat).await?;
        let request = functions::messages::GetBotCallbackAnswer {
            peer: to.input_peer(),
            msg_id: message_id,
            data: Some(data.into()),
            ..Default::default()
        };
        let enums::messages::BotCallbackAnswer::BotCallbackAnswer(answer) =
            self.invoke(&request).await?;
        Ok(CallbackAnswer {
            text: answer.message,
            alert: answer.alert,
            url: answer.url,
            cache_time: answer.cache_time,
        })
    }

    /// Asks `bot` for inline results for `query` typed in `chat` (`offset` empty for the first
    /// page, else a previous answer's `next_offset`). Waits for the bot, like
    /// [`Client::request_callback_answer`].
    pub async fn get_inline_bot_results(
        &self,
        bot: impl IntoPeerQuery,
        chat: impl IntoPeerQuery,
        query: &str,
        offset: &str,
    ) -> Result<InlineResults, Error> {
        let bot = self.resolve_peer(bot).await?;
        let chat = target(self, chat).await?;
        let request = functions::messages::GetInlineBotResults {
            bot: bot.input_user().ok_or(Error::PeerIdInvalid)?,
            peer: chat.input_peer(),
            query: query.to_owned(),
            offset: offset.to_owned(),
            ..Default::default()
        };
        let enums::messages::BotResults::BotResults(answer) = self.invoke(&request).await?;
        Ok(InlineResults {
            query_id: answer.query_id,
            results: answer.results,
            next_offset: answer.next_offset,
            cache_time: answer.cache_time,
            gallery: answer.gallery,
        })
    }

    /// Sends result `result_id` of inline answer `query_id` to `chat` (shown "via @bot"); the
    /// sent message.
    pub async fn send_inline_bot_result(
        &self,
        chat: impl IntoPeerQuery,
        query_id: i64,
        result_id: &str,
    ) -> Result<Option<Message>, Error> {
        let to = target(self, chat).await?;
        let request = functions::messages::SendInlineBotResult {
            peer: to.input_peer(),
            random_id: random_id(),
            query_id,
            id: result_id.to_owned(),
            ..Default::default()
        };
        let answer = self.invoke(&request).await?;
        Ok(message_in_answer(answer, self, &to.chat, None))
    }
}
