//! Bots: their command lists (`bots.*`), the keyboards they send (`markup`), and the queries
//! people send them: callback queries (`messages.getBotCallbackAnswer`) and inline queries
//! (`messages.getInlineBotResults`, `messages.sendInlineBotResult`).
//!
//! A query waits for the bot. The person's call answers [`Outcome::Later`] with a ticket; the
//! bot gets the query as a live update and answers it with `messages.setBotCallbackAnswer` or
//! `messages.setInlineBotResults`, which settles the ticket (the answer is queued for the
//! person's auth key, like an update). A query the bot leaves unanswered for
//! [`ANSWER_TIMEOUT`] seconds of the model's clock settles as `BOT_RESPONSE_TIMEOUT`, checked
//! at every call and at [`crate::Telegram::tick`]; the bot's late answer then gets
//! `QUERY_ID_INVALID`.

mod callback;
mod commands;
mod inline;
mod markup;

use std::collections::{BTreeMap, HashMap};

use pyro_tl_types::api::enums;

use crate::error::RpcError;
use crate::telegram::api::Outcome;
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;

pub(crate) use commands::CommandScope;
pub(crate) use inline::{InlineAnswer, InlineCacheKey};

/// Seconds of the model's clock a person's query waits for the bot's answer.
pub(crate) const ANSWER_TIMEOUT: i32 = 15;

/// The placeholder every bot's `User` carries: on the test DC every bot takes inline queries
/// (as if `/setinline` had been sent to BotFather); people are not bots and refuse them.
pub(crate) const INLINE_PLACEHOLDER: &str = "Search...";

/// Routes `bots.*` and the bot-query methods of `messages.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "bots.setBotCommands" => commands::set(model, caller, body),
        "bots.getBotCommands" => commands::get(model, caller, body),
        "bots.resetBotCommands" => commands::reset(model, caller, body),
        "messages.getBotCallbackAnswer" => callback::get_answer(model, caller, body),
        "messages.setBotCallbackAnswer" => callback::set_answer(model, caller, body),
        "messages.getInlineBotResults" => inline::get_results(model, caller, body),
        "messages.setInlineBotResults" => inline::set_results(model, caller, body),
        "messages.sendInlineBotResult" => inline::send_result(model, caller, body),
        _ => return None,
    })
}

/// What the model keeps for bots.
#[derive(Debug, Default)]
pub(crate) struct BotState {
    /// Command lists by (bot, scope, language code).
    pub(crate) commands: BTreeMap<(i64, CommandScope, String), Vec<enums::BotCommand>>,
    /// Queries waiting for their bot, by query id.
    pub(crate) pending: HashMap<i64, PendingQuery>,
    /// Answered inline queries, by query id (what `sendInlineBotResult` sends).
    pub(crate) answers: HashMap<i64, InlineAnswer>,
    /// Inline answers a bot allowed to be reused (`cache_time`): the query id to reuse and
    /// until when.
    pub(crate) cache: HashMap<InlineCacheKey, (i64, i32)>,
    /// The last ticket handed out.
    pub(crate) last_ticket: u64,
    /// The ticket of the call being handled, when it waits (read by the dispatcher).
    pub(crate) deferred: Option<u64>,
}

/// A query a bot has not answered yet.
#[derive(Debug, Clone)]
pub(crate) struct PendingQuery {
    /// The bot that must answer.
    pub(crate) bot: i64,
    /// Who asked.
    pub(crate) user: i64,
    /// The auth key whose call waits.
    pub(crate) auth_key_id: i64,
    /// The call's ticket.
    pub(crate) ticket: u64,
    /// When it times out.
    pub(crate) deadline: i32,
    /// The query text and offset of an inline query; `None` for a callback query.
    pub(crate) inline: Option<(String, String)>,
}

impl Model {
    /// Makes the call being handled wait for `bot`'s answer to query `query_id` (an inline
    /// query's text and offset in `inline`, `None` for a callback query); returns the bytes
    /// the handler ends with (none: the dispatcher answers the ticket).
    pub(crate) fn wait_for_bot(
        &mut self,
        caller: &Caller,
        query_id: i64,
        bot: i64,
        inline: Option<(String, String)>,
    ) -> Result<Vec<u8>, RpcError> {
        self.bots.last_ticket += 1;
        let ticket = self.bots.last_ticket;
        let query = PendingQuery {
            bot,
            user: caller.me()?,
            auth_key_id: caller.auth_key_id,
            ticket,
            deadline: self.now().saturating_add(ANSWER_TIMEOUT),
            inline,
        };
        self.bots.pending.insert(query_id, query);
        self.bots.deferred = Some(ticket);
        Ok(Vec::new())
    }

    /// The query `query_id` if `bot` is the one to answer it and it is of the right kind
    /// (`QUERY_ID_INVALID` otherwise: unknown, answered, timed out or someone else's).
    pub(crate) fn take_query(
        &mut self,
        bot: i64,
        query_id: i64,
        inline: bool,
    ) -> Result<PendingQuery, RpcError> {
        match self.bots.pending.get(&query_id) {
            Some(q) if q.bot == bot && q.inline.is_some() == inline => {}
            _ => return Err(RpcError::bad_request("QUERY_ID_INVALID")),
        }
        self.bots
            .pending
            .remove(&query_id)
            .ok_or_else(|| RpcError::bad_request("QUERY_ID_INVALID"))
    }

    /// Queues the answer of a waiting call for its auth key and tells the listener.
    pub(crate) fn settle(&mut self, auth_key_id: i64, ticket: u64, outcome: Outcome) {
        let Some(auth) = self.auths.get_mut(&auth_key_id) else {
            return;
        };
        auth.answers.push_back((ticket, outcome));
        if let Some(listener) = &self.listener {
            listener(auth_key_id);
        }
    }

    /// Settles every query past its deadline as `BOT_RESPONSE_TIMEOUT` and forgets inline
    /// answers past their lifetime.
    pub(crate) fn expire_bot_queries(&mut self) {
        let now = self.now();
        let mut due: Vec<(i64, PendingQuery)> = self
            .bots
            .pending
            .iter()
            .filter(|(_, q)| q.deadline <= now)
            .map(|(id, q)| (*id, q.clone()))
            .collect();
        // Tickets in the order they were handed out, so answers queue deterministically.
        due.sort_by_key(|(_, q)| q.ticket);
        for (id, query) in due {
            self.bots.pending.remove(&id);
            let timeout = RpcError::bad_request("BOT_RESPONSE_TIMEOUT");
            self.settle(query.auth_key_id, query.ticket, Outcome::Error(timeout));
        }
        self.bots.answers.retain(|_, a| a.kept_until > now);
        self.bots.cache.retain(|_, (_, until)| *until > now);
    }

    /// Pushes one update to every session of `bot`, with the users and chats it mentions
    /// (no `seq`: bot queries are not part of the common box).
    pub(crate) fn push_to_bot(&mut self, bot: i64, update: enums::Update, mentions: &Mentions) {
        let updates = self.updates_tl(bot, vec![update], mentions, false);
        self.push(bot, &updates, None);
    }

    /// A bot account (`BOT_INVALID` for a person).
    pub(crate) fn bot_account(&self, id: i64) -> Result<i64, RpcError> {
        if self.user(id)?.bot {
            Ok(id)
        } else {
            Err(RpcError::bad_request("BOT_INVALID"))
        }
    }

    /// The caller, who must be a bot (`USER_BOT_REQUIRED` otherwise).
    pub(crate) fn calling_bot(&self, caller: &Caller) -> Result<i64, RpcError> {
        let me = caller.me()?;
        if self.user(me)?.bot {
            Ok(me)
        } else {
            Err(RpcError::bad_request("USER_BOT_REQUIRED"))
        }
    }
}
