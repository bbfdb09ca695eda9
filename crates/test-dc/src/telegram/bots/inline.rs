//! Inline queries: a person types `@bot query` (`messages.getInlineBotResults`), the bot gets
//! `updateBotInlineQuery` and answers with `messages.setInlineBotResults`, the person's call
//! returns the results, and `messages.sendInlineBotResult` sends one of them into a chat as a
//! message `via_bot_id` the bot, which is told with `updateBotInlineSend`.
//!
//! An answer with a `cache_time` is reused, without asking the bot, for the same bot, query
//! text and offset (and the same person, when the bot marked it `private`) until it expires.
//! Results stay sendable for [`RESULT_LIFETIME`] seconds, or the cache time if longer.

use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::api::Outcome;
use crate::telegram::bots::markup::check_markup;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::messages::send::{Content, Origin};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::PeerKey;

/// Seconds an answered query's results can be sent when the bot asked for no caching.
const RESULT_LIFETIME: i32 = 3600;
/// Most results one answer holds (the Bot API's `answerInlineQuery` limit).
const MAX_RESULTS: usize = 50;

/// What identifies a reusable answer: bot, query text, offset, and the person for private
/// answers (0 for shared ones).
pub(crate) type InlineCacheKey = (i64, String, String, i64);

/// One result a bot offered: what sending it puts in the chat.
#[derive(Debug, Clone)]
pub(crate) struct InlineResult {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) text: String,
    pub(crate) reply_markup: Option<enums::ReplyMarkup>,
}

/// A bot's answer to one inline query.
#[derive(Debug, Clone)]
pub(crate) struct InlineAnswer {
    pub(crate) bot: i64,
    /// Who asked.
    pub(crate) user: i64,
    /// Whether only `user` may use it (`private`).
    pub(crate) private: bool,
    pub(crate) query: String,
    pub(crate) gallery: bool,
    pub(crate) next_offset: Option<String>,
    pub(crate) cache_time: i32,
    pub(crate) results: Vec<InlineResult>,
    /// Until when its results can be sent.
    pub(crate) kept_until: i32,
}

impl Model {
    /// `messages.botResults` of a stored answer.
    fn bot_results(&self, viewer: i64, query_id: i64, stored: &InlineAnswer) -> Vec<u8> {
        let results = stored
            .results
            .iter()
            .map(|r| {
                let message = types::BotInlineMessageText {
                    message: r.text.clone(),
                    reply_markup: r.reply_markup.clone(),
                    ..types::BotInlineMessageText::default()
                };
                enums::BotInlineResult::BotInlineResult(Box::new(types::BotInlineResult {
                    id: r.id.clone(),
                    r#type: r.kind.clone(),
                    title: r.title.clone(),
                    description: r.description.clone(),
                    url: r.url.clone(),
                    send_message: enums::BotInlineMessage::Text(Box::new(message)),
                    ..types::BotInlineResult::default()
                }))
            })
            .collect();
        enums::messages::BotResults::BotResults(Box::new(types::messages::BotResults {
            gallery: stored.gallery,
            query_id,
            next_offset: stored.next_offset.clone(),
            results,
            cache_time: stored.cache_time,
            users: vec![self.user_tl(Some(viewer), stored.bot)],
            ..types::messages::BotResults::default()
        }))
        .to_bytes()
    }

    /// A cached answer for this query, if the bot allowed one.
    fn cached_answer(&self, me: i64, bot: i64, query: &str, offset: &str) -> Option<Vec<u8>> {
        let now = self.now();
        [me, 0].iter().find_map(|owner| {
            let key = (bot, query.to_owned(), offset.to_owned(), *owner);
            let (query_id, until) = self.bots.cache.get(&key)?;
            let stored = self.bots.answers.get(query_id).filter(|_| *until > now)?;
            Some(self.bot_results(me, *query_id, stored))
        })
    }
}

/// How the bot sees the chat a query is typed in.
fn peer_type(model: &Model, chat: PeerKey, me: i64, bot: i64) -> enums::InlineQueryPeerType {
    use enums::InlineQueryPeerType as P;
    match chat {
        PeerKey::User(id) if id == bot => P::SameBotPm,
        PeerKey::User(id) if id != me && model.users.get(&id).is_some_and(|u| u.bot) => P::BotPm,
        PeerKey::User(_) => P::Pm,
        PeerKey::Channel(id) if model.channels.get(&id).is_some_and(|c| c.broadcast) => {
            P::Broadcast
        }
        PeerKey::Channel(_) => P::Megagroup,
        PeerKey::Chat(_) => P::Chat,
    }
}

pub(super) fn get_results(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetInlineBotResults = decode(body)?;
    let me = caller.me()?;
    let bot = model.bot_account(model.resolve_user(caller, &request.bot)?)?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    if let Some(cached) = model.cached_answer(me, bot, &request.query, &request.offset) {
        return Ok(cached);
    }
    let query_id = model.rng.positive_i64();
    let update = enums::Update::BotInlineQuery(Box::new(types::UpdateBotInlineQuery {
        query_id,
        user_id: me,
        query: request.query.clone(),
        geo: None,
        peer_type: Some(peer_type(model, chat, me, bot)),
        offset: request.offset.clone(),
    }));
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(me));
    model.push_to_bot(bot, update, &mentions);
    let inline = Some((request.query, request.offset));
    model.wait_for_bot(caller, query_id, bot, inline)
}

/// A result the bot offers, checked.
fn offered(input: enums::InputBotInlineResult) -> Result<InlineResult, RpcError> {
    let enums::InputBotInlineResult::InputBotInlineResult(r) = input else {
        return Err(RpcError::bad_request("RESULT_TYPE_INVALID"));
    };
    let (text, reply_markup) = match r.send_message {
        enums::InputBotInlineMessage::Text(m) => (m.message, m.reply_markup),
        enums::InputBotInlineMessage::MediaAuto(m) => (m.message, m.reply_markup),
        _ => return Err(RpcError::bad_request("SEND_MESSAGE_TYPE_INVALID")),
    };
    if r.id.is_empty() {
        return Err(RpcError::bad_request("RESULT_ID_EMPTY"));
    }
    if text.is_empty() {
        return Err(RpcError::bad_request("MESSAGE_EMPTY"));
    }
    if let Some(markup) = &reply_markup {
        check_markup(markup)?;
    }
    Ok(InlineResult {
        id: r.id,
        kind: r.r#type,
        title: r.title,
        description: r.description,
        url: r.url,
        text,
        reply_markup,
    })
}

pub(super) fn set_results(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SetInlineBotResults = decode(body)?;
    let bot = model.calling_bot(caller)?;
    if request.results.len() > MAX_RESULTS {
        return Err(RpcError::bad_request("RESULTS_TOO_MUCH"));
    }
    let results = request
        .results
        .into_iter()
        .map(offered)
        .collect::<Result<Vec<_>, _>>()?;
    for (i, result) in results.iter().enumerate() {
        if results[..i].iter().any(|r| r.id == result.id) {
            return Err(RpcError::bad_request("RESULT_ID_DUPLICATE"));
        }
    }
    let query = model.take_query(bot, request.query_id, true)?;
    let (text, offset) = query.inline.unwrap_or_default();
    let now = model.now();
    let cache_time = request.cache_time.max(0);
    let stored = InlineAnswer {
        bot,
        user: query.user,
        private: request.private,
        query: text.clone(),
        gallery: request.gallery,
        next_offset: request.next_offset.filter(|o| !o.is_empty()),
        cache_time,
        results,
        kept_until: now.saturating_add(cache_time.max(RESULT_LIFETIME)),
    };
    if cache_time > 0 {
        let owner = if request.private { query.user } else { 0 };
        let until = now.saturating_add(cache_time);
        let key = (bot, text, offset, owner);
        model.bots.cache.insert(key, (request.query_id, until));
    }
    let reply = model.bot_results(query.user, request.query_id, &stored);
    model.bots.answers.insert(request.query_id, stored);
    model.settle(query.auth_key_id, query.ticket, Outcome::Answer(reply));
    answer(&true)
}

pub(super) fn send_result(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SendInlineBotResult = decode(body)?;
    let me = caller.me()?;
    let to = model.resolve_peer(caller, &request.peer)?;
    let stored = model
        .bots
        .answers
        .get(&request.query_id)
        .filter(|a| a.user == me || !a.private)
        .ok_or_else(|| RpcError::bad_request("QUERY_ID_INVALID"))?;
    let result = stored
        .results
        .iter()
        .find(|r| r.id == request.id)
        .ok_or_else(|| RpcError::bad_request("RESULT_ID_INVALID"))?;
    let (bot, query) = (stored.bot, stored.query.clone());
    let content = Content {
        text: result.text.clone(),
        reply_markup: result.reply_markup.clone(),
        via_bot: (!request.hide_via).then_some(bot),
        ..Content::default()
    };
    let origin = Origin {
        auth_key_id: Some(caller.auth_key_id),
        random_id: Some(request.random_id),
        short: false,
    };
    let sent = model.deliver(me, to, content, origin)?;
    let update = enums::Update::BotInlineSend(Box::new(types::UpdateBotInlineSend {
        user_id: me,
        query,
        geo: None,
        id: request.id,
        msg_id: None,
    }));
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(me));
    model.push_to_bot(bot, update, &mentions);
    answer(&sent)
}
