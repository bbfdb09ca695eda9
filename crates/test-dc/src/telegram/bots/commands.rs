//! `bots.setBotCommands`, `bots.getBotCommands`, `bots.resetBotCommands`: a bot's command
//! lists, one per scope and language code, with the Bot API's limits (a command is 1 to 32 of
//! `a-z`, `0-9`, `_`; a description 1 to 256 characters; at most 100 commands; a language code
//! is empty or two ISO 639-1 letters). Each scope is its own list: getting a scope with no
//! list answers an empty one, as Telegram does.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::state::PeerKey;

/// Most commands one list holds.
const MAX_COMMANDS: usize = 100;
/// Longest command, in characters.
const MAX_COMMAND_LEN: usize = 32;
/// Longest description, in characters.
const MAX_DESCRIPTION_LEN: usize = 256;

/// A `BotCommandScope` with its peers resolved: the key of one command list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum CommandScope {
    /// `botCommandScopeDefault`.
    Default,
    /// `botCommandScopeUsers`: all private chats.
    Users,
    /// `botCommandScopeChats`: all groups.
    Chats,
    /// `botCommandScopeChatAdmins`: the administrators of all groups.
    ChatAdmins,
    /// `botCommandScopePeer`: one chat.
    Peer(PeerKey),
    /// `botCommandScopePeerAdmins`: the administrators of one chat.
    PeerAdmins(PeerKey),
    /// `botCommandScopePeerUser`: one member of one chat.
    PeerUser(PeerKey, i64),
}

impl Model {
    fn command_scope(
        &self,
        caller: &Caller,
        scope: &enums::BotCommandScope,
    ) -> Result<CommandScope, RpcError> {
        use enums::BotCommandScope as S;
        Ok(match scope {
            S::Default => CommandScope::Default,
            S::Users => CommandScope::Users,
            S::Chats => CommandScope::Chats,
            S::ChatAdmins => CommandScope::ChatAdmins,
            S::Peer(p) => CommandScope::Peer(self.resolve_peer(caller, &p.peer)?),
            S::PeerAdmins(p) => CommandScope::PeerAdmins(self.resolve_peer(caller, &p.peer)?),
            S::PeerUser(p) => CommandScope::PeerUser(
                self.resolve_peer(caller, &p.peer)?,
                self.resolve_user(caller, &p.user_id)?,
            ),
        })
    }

    /// The key of the list a request names, for the calling bot.
    fn command_key(
        &self,
        caller: &Caller,
        scope: &enums::BotCommandScope,
        lang_code: &str,
    ) -> Result<(i64, CommandScope, String), RpcError> {
        let bot = self.calling_bot(caller)?;
        let scope = self.command_scope(caller, scope)?;
        let valid_lang = lang_code.is_empty()
            || (lang_code.len() == 2 && lang_code.bytes().all(|b| b.is_ascii_lowercase()));
        if !valid_lang {
            return Err(RpcError::bad_request("LANG_CODE_INVALID"));
        }
        Ok((bot, scope, lang_code.to_owned()))
    }

    /// A bot's `botInfo` for `userFull`, with its default-scope, no-language commands (`None`
    /// for a person).
    pub(crate) fn bot_info_tl(&self, id: i64) -> Option<enums::BotInfo> {
        self.users.get(&id).filter(|u| u.bot)?;
        let key = (id, CommandScope::Default, String::new());
        let commands = self.bots.commands.get(&key).cloned().unwrap_or_default();
        Some(enums::BotInfo::BotInfo(Box::new(types::BotInfo {
            user_id: Some(id),
            commands: Some(commands),
            ..types::BotInfo::default()
        })))
    }
}

fn check(command: &enums::BotCommand) -> Result<(), RpcError> {
    let enums::BotCommand::BotCommand(c) = command;
    let name_ok = (1..=MAX_COMMAND_LEN).contains(&c.command.chars().count())
        && c.command
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !name_ok {
        return Err(RpcError::bad_request("BOT_COMMAND_INVALID"));
    }
    if !(1..=MAX_DESCRIPTION_LEN).contains(&c.description.chars().count()) {
        return Err(RpcError::bad_request("BOT_COMMAND_DESCRIPTION_INVALID"));
    }
    Ok(())
}

pub(super) fn set(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::bots::SetBotCommands = decode(body)?;
    let key = model.command_key(caller, &request.scope, &request.lang_code)?;
    if request.commands.len() > MAX_COMMANDS {
        return Err(RpcError::bad_request("BOT_COMMANDS_TOO_MUCH"));
    }
    request.commands.iter().try_for_each(check)?;
    // Telegram keeps the flags it knows; `ephemeral` is for its own clients.
    let commands: Vec<enums::BotCommand> = request
        .commands
        .into_iter()
        .map(|enums::BotCommand::BotCommand(c)| {
            enums::BotCommand::BotCommand(Box::new(types::BotCommand {
                ephemeral: false,
                ..*c
            }))
        })
        .collect();
    if commands.is_empty() {
        model.bots.commands.remove(&key);
    } else {
        model.bots.commands.insert(key, commands);
    }
    answer(&true)
}

pub(super) fn get(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::bots::GetBotCommands = decode(body)?;
    let key = model.command_key(caller, &request.scope, &request.lang_code)?;
    let commands = model.bots.commands.get(&key).cloned().unwrap_or_default();
    answer(&commands)
}

pub(super) fn reset(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::bots::ResetBotCommands = decode(body)?;
    let key = model.command_key(caller, &request.scope, &request.lang_code)?;
    model.bots.commands.remove(&key);
    answer(&true)
}
