//! Callback queries: a person presses an inline button of a bot's message
//! (`messages.getBotCallbackAnswer`), the bot gets `updateBotCallbackQuery` and answers with
//! `messages.setBotCallbackAnswer`, and the person's call returns that answer
//! (`messages.botCallbackAnswer`). The data must be a callback button's of the message's
//! keyboard (`DATA_INVALID` otherwise).

use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::api::Outcome;
use crate::telegram::bots::markup::has_callback;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, peer};
use crate::telegram::state::{MessageRecord, PeerKey};

/// Longest text of a callback answer (the Bot API's `answerCallbackQuery` limit).
const MAX_ANSWER_TEXT: usize = 200;

impl Model {
    /// Message `id` of chat `chat` as `me` sees it: from `me`'s box for a private chat, from
    /// the channel (which `me` may read) otherwise (`MESSAGE_ID_INVALID` if there is none).
    pub(crate) fn seen_message(
        &self,
        me: i64,
        chat: PeerKey,
        id: i32,
    ) -> Result<&MessageRecord, RpcError> {
        let missing = || RpcError::bad_request("MESSAGE_ID_INVALID");
        match chat {
            PeerKey::User(_) | PeerKey::Chat(_) => {
                let record = self
                    .user(me)?
                    .mailbox
                    .messages
                    .get(&id)
                    .ok_or_else(missing)?;
                if record.peer == Some(chat) {
                    Ok(record)
                } else {
                    Err(missing())
                }
            }
            PeerKey::Channel(channel) => {
                self.readable_channel(me, channel)?;
                self.channel(channel)?.messages.get(&id).ok_or_else(missing)
            }
        }
    }
}

/// A stable id of the chat in which `bot` sees a query (`chat_instance`): the same for every
/// query from one chat, different across chats.
fn chat_instance(chat: PeerKey, bot: i64) -> i64 {
    let (kind, id) = match chat {
        PeerKey::User(id) => (1u64, id),
        PeerKey::Channel(id) => (2u64, id),
        PeerKey::Chat(id) => (3u64, id),
    };
    // SplitMix64's multiplier spreads the bits; the test DC needs distinctness, not secrecy.
    let mixed = (id as u64 ^ (bot as u64).rotate_left(29) ^ kind.rotate_left(61))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> 1) as i64
}

pub(super) fn get_answer(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetBotCallbackAnswer = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    let record = model.seen_message(me, chat, request.msg_id)?.clone();
    // Private chats give each side its own id: the bot's is the twin's.
    let bot_msg_id = record.twin.map_or(request.msg_id, |(_, id)| id);
    let Some(data) = request.data.filter(|_| !request.game) else {
        return Err(RpcError::bad_request("DATA_INVALID"));
    };
    if !has_callback(record.reply_markup.as_ref(), &data) {
        return Err(RpcError::bad_request("DATA_INVALID"));
    }
    let bot = model.bot_account(
        record
            .from
            .ok_or_else(|| RpcError::bad_request("BOT_INVALID"))?,
    )?;
    let query_id = model.rng.positive_i64();
    // The chat as the bot sees it: a private chat is the person.
    let bot_chat = match chat {
        PeerKey::User(_) => PeerKey::User(me),
        group @ (PeerKey::Channel(_) | PeerKey::Chat(_)) => group,
    };
    // A basic group's members each hold their own copy: the bot's is the one in its box.
    let bot_msg_id = match chat {
        PeerKey::Chat(chat_id) => model
            .chat(chat_id)?
            .copies_of(me, request.msg_id)
            .into_iter()
            .find_map(|(owner, id)| (owner == bot).then_some(id))
            .unwrap_or(bot_msg_id),
        _ => bot_msg_id,
    };
    let update = enums::Update::BotCallbackQuery(Box::new(types::UpdateBotCallbackQuery {
        query_id,
        user_id: me,
        peer: peer(bot_chat),
        msg_id: bot_msg_id,
        chat_instance: chat_instance(bot_chat, bot),
        data: Some(data),
        game_short_name: None,
    }));
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(me));
    mentions.add(bot_chat);
    model.push_to_bot(bot, update, &mentions);
    model.wait_for_bot(caller, query_id, bot, None)
}

pub(super) fn set_answer(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SetBotCallbackAnswer = decode(body)?;
    let bot = model.calling_bot(caller)?;
    if request
        .message
        .as_ref()
        .is_some_and(|m| m.chars().count() > MAX_ANSWER_TEXT)
    {
        return Err(RpcError::bad_request("MESSAGE_TOO_LONG"));
    }
    let query = model.take_query(bot, request.query_id, false)?;
    let reply = enums::messages::BotCallbackAnswer::BotCallbackAnswer(Box::new(
        types::messages::BotCallbackAnswer {
            alert: request.alert,
            has_url: request.url.is_some(),
            native_ui: false,
            message: request.message,
            url: request.url,
            cache_time: request.cache_time.max(0),
        },
    ));
    model.settle(
        query.auth_key_id,
        query.ticket,
        Outcome::Answer(reply.to_bytes()),
    );
    answer(&true)
}
