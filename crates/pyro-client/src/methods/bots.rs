//! Bots: answering callback and inline queries, the command menu.

use pyro_tl_types::api::{enums, functions, types};

use crate::client::{Client, Error};
use crate::types::CallbackAnswer;

impl Client {
    /// Answers callback query `query_id` (from [`crate::types::CallbackQuery::id`]); whether
    /// the server accepted the answer.
    pub async fn answer_callback_query(
        &self,
        query_id: i64,
        answer: CallbackAnswer,
    ) -> Result<bool, Error> {
        let request = functions::messages::SetBotCallbackAnswer {
            alert: answer.alert,
            query_id,
            message: answer.text,
            url: answer.url,
            cache_time: answer.cache_time,
        };
        self.invoke(&request).await
    }

    /// Answers inline query `query_id` with `results`; `next_offset` lets the user's app ask
    /// for more (it comes back as the next query's offset).
    pub async fn answer_inline_query(
        &self,
        query_id: i64,
        results: Vec<enums::InputBotInlineResult>,
        cache_time: i32,
        next_offset: Option<String>,
    ) -> Result<bool, Error> {
        let request = functions::messages::SetInlineBotResults {
            query_id,
            results,
            cache_time,
            next_offset,
            ..Default::default()
        };
        self.invoke(&request).await
    }

    /// Sets the bot's command menu for every chat (`(command, description)` pairs, commands
    /// without the slash).
    pub async fn set_bot_commands(&self, commands: &[(&str, &str)]) -> Result<bool, Error> {
        let request = functions::bots::SetBotCommands {
            scope: enums::BotCommandScope::Default,
            lang_code: String::new(),
            commands: commands
                .iter()
                .map(|&(command, description)| {
                    enums::BotCommand::BotCommand(Box::new(types::BotCommand {
                        command: command.to_owned(),
                        description: description.to_owned(),
                        ..Default::default()
                    }))
                })
                .collect(),
        };
        self.invoke(&request).await
    }
}
