//! Bots: answering callback and inline queries, and the command menus (one per scope and
//! language, as Telegram keeps them).

use pyro_tl_types::api::{enums, functions, types};

use crate::client::{Client, Error};
use crate::peers::PeerRef;
use crate::types::bound::bound;
use crate::types::{CallbackAnswer, InlineQuery};

/// One entry of a bot's command menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotCommand {
    /// The command without the slash: 1 to 32 of `a-z`, `0-9`, `_` (a server rule).
    pub command: String,
    /// What it does: 1 to 256 characters (a server rule).
    pub description: String,
}

impl BotCommand {
    /// A command and its description.
    pub fn new(command: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            command: command.into(),
            description: description.into(),
        }
    }

    fn to_raw(&self) -> enums::BotCommand {
        enums::BotCommand::BotCommand(Box::new(types::BotCommand {
            command: self.command.clone(),
            description: self.description.clone(),
            ..Default::default()
        }))
    }

    fn from_raw(raw: enums::BotCommand) -> Self {
        let enums::BotCommand::BotCommand(c) = raw;
        Self {
            command: c.command,
            description: c.description,
        }
    }
}

/// Where a command menu applies. Each scope (and language) has its own menu; the app shows the
/// most specific one that exists.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandScope {
    /// Every chat without a more specific menu.
    Default,
    /// Every private chat.
    AllPrivateChats,
    /// Every group and supergroup.
    AllGroupChats,
    /// The administrators of every group.
    AllChatAdministrators,
    /// One chat.
    Chat(PeerRef),
    /// The administrators of one chat.
    ChatAdministrators(PeerRef),
    /// One member (second) of one chat (first).
    ChatMember(PeerRef, PeerRef),
}

impl CommandScope {
    fn to_raw(&self) -> Result<enums::BotCommandScope, Error> {
        use enums::BotCommandScope as S;
        Ok(match self {
            Self::Default => S::Default,
            Self::AllPrivateChats => S::Users,
            Self::AllGroupChats => S::Chats,
            Self::AllChatAdministrators => S::ChatAdmins,
            Self::Chat(chat) => S::Peer(Box::new(types::BotCommandScopePeer {
                peer: chat.input_peer(),
            })),
            Self::ChatAdministrators(chat) => {
                S::PeerAdmins(Box::new(types::BotCommandScopePeerAdmins {
                    peer: chat.input_peer(),
                }))
            }
            Self::ChatMember(chat, user) => S::PeerUser(Box::new(types::BotCommandScopePeerUser {
                peer: chat.input_peer(),
                user_id: user.input_user().ok_or(Error::PeerIdInvalid)?,
            })),
        })
    }
}

impl Client {
    /// Answers callback query `query_id` (from [`crate::types::CallbackQuery::id`]); whether
    /// the server accepted the answer. The user's app waits for it (Telegram gives up after
    /// a few seconds: answer promptly, even with [`CallbackAnswer::default`]).
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

    /// Answers inline query `query_id` with `results` (see
    /// [`crate::methods::InlineArticle`]); `next_offset` lets the user's app ask for more (it
    /// comes back as the next query's offset). With a `cache_time`, Telegram answers the
    /// same query from its cache, without asking the bot, for that many seconds.
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

    /// Sets the bot's command menu for every chat, in every language (`(command,
    /// description)` pairs, commands without the slash). See
    /// [`Client::set_bot_commands_for`] for scopes and languages.
    pub async fn set_bot_commands(&self, commands: &[(&str, &str)]) -> Result<bool, Error> {
        let commands: Vec<BotCommand> = commands
            .iter()
            .map(|&(command, description)| BotCommand::new(command, description))
            .collect();
        self.set_bot_commands_for(&commands, &CommandScope::Default, "")
            .await
    }

    /// Sets the command menu of one scope and language (`lang_code` empty for every language
    /// without its own menu, else two ISO 639-1 letters). An empty list removes the menu.
    pub async fn set_bot_commands_for(
        &self,
        commands: &[BotCommand],
        scope: &CommandScope,
        lang_code: &str,
    ) -> Result<bool, Error> {
        let request = functions::bots::SetBotCommands {
            scope: scope.to_raw()?,
            lang_code: lang_code.to_owned(),
            commands: commands.iter().map(BotCommand::to_raw).collect(),
        };
        self.invoke(&request).await
    }

    /// The command menu of one scope and language (empty when it has none: Telegram does not
    /// fall back to a wider scope here).
    pub async fn get_bot_commands(
        &self,
        scope: &CommandScope,
        lang_code: &str,
    ) -> Result<Vec<BotCommand>, Error> {
        let request = functions::bots::GetBotCommands {
            scope: scope.to_raw()?,
            lang_code: lang_code.to_owned(),
        };
        let commands = self.invoke(&request).await?;
        Ok(commands.into_iter().map(BotCommand::from_raw).collect())
    }

    /// Removes the command menu of one scope and language.
    pub async fn delete_bot_commands(
        &self,
        scope: &CommandScope,
        lang_code: &str,
    ) -> Result<bool, Error> {
        let request = functions::bots::ResetBotCommands {
            scope: scope.to_raw()?,
            lang_code: lang_code.to_owned(),
        };
        self.invoke(&request).await
    }
}

impl InlineQuery {
    /// Answers this query with `results` through the client it is bound to (see
    /// [`Client::answer_inline_query`]); whether the server accepted the answer.
    pub async fn answer(
        &self,
        results: Vec<enums::InputBotInlineResult>,
        cache_time: i32,
    ) -> Result<bool, Error> {
        bound(self.client())?
            .answer_inline_query(self.id(), results, cache_time, None)
            .await
    }
}
