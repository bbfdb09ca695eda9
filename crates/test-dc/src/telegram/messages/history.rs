//! Reading messages: `messages.getHistory`, `messages.search`, `messages.getMessages` and
//! `channels.getMessages`, with the offset rules of core.telegram.org/api/offsets.

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::Mentions;
use crate::telegram::state::{MessageRecord, PeerKey};

/// Most messages one page returns (Telegram's cap for users).
pub(crate) const PAGE_MAX: i32 = 100;

/// The pagination fields shared by `getHistory` and `search`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Window {
    pub(crate) offset_id: i32,
    pub(crate) offset_date: i32,
    pub(crate) add_offset: i32,
    pub(crate) limit: i32,
    pub(crate) max_id: i32,
    pub(crate) min_id: i32,
}

impl Window {
    /// One page of `newest_first` (already filtered, ids descending) and the list's size.
    ///
    /// `max_id` and `min_id` bound the ids exclusively; the page starts at the first message
    /// older than `offset_id` (or `offset_date`), moved by `add_offset` (negative values reach
    /// newer messages, the `offset_id` one included), and holds at most `limit` (capped at
    /// 100) messages.
    pub(crate) fn page<'a>(
        &self,
        newest_first: Vec<&'a MessageRecord>,
    ) -> (Vec<&'a MessageRecord>, usize) {
        let list: Vec<&MessageRecord> = newest_first
            .into_iter()
            .filter(|m| self.max_id <= 0 || m.id < self.max_id)
            .filter(|m| self.min_id <= 0 || m.id > self.min_id)
            .collect();
        let count = list.len();
        let start = if self.offset_id > 0 {
            list.partition_point(|m| m.id >= self.offset_id)
        } else if self.offset_date > 0 {
            list.partition_point(|m| m.date >= self.offset_date)
        } else {
            0
        };
        let start = (start as i64 + i64::from(self.add_offset)).max(0) as usize;
        let limit = self.limit.clamp(0, PAGE_MAX) as usize;
        let page = list.into_iter().skip(start).take(limit).collect();
        (page, count)
    }
}

impl Model {
    /// The messages of a chat as `me` sees them, ids descending.
    pub(crate) fn chat_messages(
        &self,
        me: i64,
        chat: PeerKey,
    ) -> Result<Vec<&MessageRecord>, RpcError> {
        Ok(match chat {
            PeerKey::User(_) | PeerKey::Chat(_) => self
                .user(me)?
                .mailbox
                .messages
                .values()
                .rev()
                .filter(|m| m.peer == Some(chat))
                .collect(),
            PeerKey::Channel(id) => {
                self.readable_channel(me, id)?;
                self.channel(id)?.messages.values().rev().collect()
            }
        })
    }

    /// `messages.Messages` for a page of `chat`: `channelMessages` for channels,
    /// `messages` when the page holds the whole list, `messagesSlice` otherwise.
    pub(crate) fn messages_answer(
        &self,
        me: i64,
        chat: Option<PeerKey>,
        page: &[&MessageRecord],
        count: usize,
    ) -> Result<Vec<u8>, RpcError> {
        let mut mentions = Mentions::default();
        let messages: Vec<enums::Message> = page
            .iter()
            .map(|m| {
                mentions.add_message(m);
                self.message_tl(Some(me), m)
            })
            .collect();
        let (users, chats) = self.mentioned(Some(me), &mentions);
        let count = count as i32;
        let result = match chat {
            Some(PeerKey::Channel(id)) => enums::messages::Messages::ChannelMessages(Box::new(
                types::messages::ChannelMessages {
                    pts: self.channel(id)?.pts,
                    count,
                    messages,
                    chats,
                    users,
                    ..types::messages::ChannelMessages::default()
                },
            )),
            _ if count as usize == messages.len() => {
                enums::messages::Messages::Messages(Box::new(types::messages::Messages {
                    messages,
                    chats,
                    users,
                    ..types::messages::Messages::default()
                }))
            }
            _ => enums::messages::Messages::Slice(Box::new(types::messages::MessagesSlice {
                count,
                messages,
                chats,
                users,
                ..types::messages::MessagesSlice::default()
            })),
        };
        answer(&result)
    }
}

pub(super) fn get_history(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetHistory = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    let window = Window {
        offset_id: request.offset_id,
        offset_date: request.offset_date,
        add_offset: request.add_offset,
        limit: request.limit,
        max_id: request.max_id,
        min_id: request.min_id,
    };
    let (page, count) = window.page(model.chat_messages(me, chat)?);
    model.messages_answer(me, Some(chat), &page, count)
}

/// Whether a message passes a `MessagesFilter` (only the media kinds the model stores can
/// match a media filter).
fn passes_filter(model: &Model, message: &MessageRecord, filter: &enums::MessagesFilter) -> bool {
    let file = message.media.and_then(|id| model.files.get(&id));
    match filter {
        enums::MessagesFilter::InputMessagesFilterEmpty => true,
        enums::MessagesFilter::InputMessagesFilterPhotos
        | enums::MessagesFilter::InputMessagesFilterPhotoVideo => file.is_some_and(|f| f.photo),
        enums::MessagesFilter::InputMessagesFilterDocument => file.is_some_and(|f| !f.photo),
        enums::MessagesFilter::InputMessagesFilterUrl => {
            message.text.contains("http://") || message.text.contains("https://")
        }
        _ => false,
    }
}

pub(super) fn search(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::Search = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    let from = match &request.from_id {
        Some(input) => Some(model.resolve_peer(caller, input)?),
        None => None,
    };
    let needle = request.q.to_lowercase();
    let list: Vec<&MessageRecord> = model
        .chat_messages(me, chat)?
        .into_iter()
        .filter(|m| needle.is_empty() || m.text.to_lowercase().contains(&needle))
        .filter(|m| passes_filter(model, m, &request.filter))
        .filter(|m| request.min_date <= 0 || m.date >= request.min_date)
        .filter(|m| request.max_date <= 0 || m.date <= request.max_date)
        .filter(|m| from.is_none() || m.from.map(PeerKey::User) == from)
        .collect();
    let window = Window {
        offset_id: request.offset_id,
        offset_date: 0,
        add_offset: request.add_offset,
        limit: request.limit,
        max_id: request.max_id,
        min_id: request.min_id,
    };
    let (page, count) = window.page(list);
    model.messages_answer(me, Some(chat), &page, count)
}

/// The ids an `InputMessage` list asks for (replies and pinned messages are not modelled and
/// match nothing).
fn wanted_ids(ids: &[enums::InputMessage]) -> Vec<i32> {
    ids.iter()
        .map(|m| match m {
            enums::InputMessage::Id(m) => m.id,
            _ => 0,
        })
        .collect()
}

/// `messageEmpty` for ids that are gone, as Telegram answers them.
fn found_or_empty(
    model: &Model,
    me: i64,
    found: Option<&MessageRecord>,
    id: i32,
) -> enums::Message {
    match found {
        Some(m) => model.message_tl(Some(me), m),
        None => enums::Message::Empty(Box::new(types::MessageEmpty {
            id,
            ..types::MessageEmpty::default()
        })),
    }
}

pub(super) fn get_messages(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetMessages = decode(body)?;
    let me = caller.me()?;
    let mailbox = &model.user(me)?.mailbox;
    let mut mentions = Mentions::default();
    let messages: Vec<enums::Message> = wanted_ids(&request.id)
        .into_iter()
        .map(|id| {
            let found = mailbox.messages.get(&id);
            if let Some(m) = found {
                mentions.add_message(m);
            }
            found_or_empty(model, me, found, id)
        })
        .collect();
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::messages::Messages::Messages(Box::new(
        types::messages::Messages {
            messages,
            chats,
            users,
            ..types::messages::Messages::default()
        },
    )))
}

pub(crate) fn get_channel_messages(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::channels::GetMessages = decode(body)?;
    let me = caller.me()?;
    let channel_id = model.resolve_channel(&request.channel)?;
    model.readable_channel(me, channel_id)?;
    let channel = model.channel(channel_id)?;
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::Channel(channel_id));
    let messages: Vec<enums::Message> = wanted_ids(&request.id)
        .into_iter()
        .map(|id| {
            let found = channel.messages.get(&id);
            if let Some(m) = found {
                mentions.add_message(m);
            }
            found_or_empty(model, me, found, id)
        })
        .collect();
    let (users, chats) = model.mentioned(Some(me), &mentions);
    answer(&enums::messages::Messages::ChannelMessages(Box::new(
        types::messages::ChannelMessages {
            pts: channel.pts,
            count: messages.len() as i32,
            messages,
            chats,
            users,
            ..types::messages::ChannelMessages::default()
        },
    )))
}
