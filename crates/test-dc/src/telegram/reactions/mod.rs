//! Reactions: `messages.sendReaction` sets (or clears) the caller's reaction on a message,
//! everyone else in the chat gets `updateMessageReactions`, every rendered message carries its
//! `messageReactions`, and `messages.getMessagesReactions` answers the current ones.
//!
//! Limits are a non-Premium account's: one reaction per person per message
//! (`reactions_user_max_default` = 1, else `REACTIONS_TOO_MANY`), emoji only from Telegram's
//! default set (custom emoji and paid reactions: `REACTION_INVALID`).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};
use crate::telegram::render::{Mentions, peer};
use crate::telegram::state::{MessageRecord, PeerKey};

/// Telegram's default reactions (`help.getAvailableReactions` on a non-Premium account), as
/// their emoticons.
const AVAILABLE: &[&str] = &[
    "👍",
    "👎",
    "❤",
    "🔥",
    "🥰",
    "👏",
    "😁",
    "🤔",
    "🤯",
    "😱",
    "🤬",
    "😢",
    "🎉",
    "🤩",
    "🤮",
    "💩",
    "🙏",
    "👌",
    "🕊",
    "🤡",
    "🥱",
    "🥴",
    "😍",
    "🐳",
    "❤\u{200d}🔥",
    "🌚",
    "🌭",
    "💯",
    "🤣",
    "⚡",
    "🍌",
    "🏆",
    "💔",
    "🤨",
    "😐",
    "🍓",
    "🍾",
    "💋",
    "🖕",
    "😈",
    "😴",
    "😭",
    "🤓",
    "👻",
    "👨\u{200d}💻",
    "👀",
    "🎃",
    "🙈",
    "😇",
    "😨",
    "🤝",
    "✍",
    "🤗",
    "🫡",
    "🎅",
    "🎄",
    "☃",
    "💅",
    "🤪",
    "🗿",
    "🆒",
    "💘",
    "🙉",
    "🦄",
    "😘",
    "💊",
    "🙊",
    "😎",
    "👾",
    "🤷\u{200d}♂",
    "🤷",
    "🤷\u{200d}♀",
    "😡",
];

/// Most reactions one person sets on one message.
const PER_USER: usize = 1;

/// One person's reaction to a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reaction {
    pub(crate) user: i64,
    pub(crate) emoticon: String,
    pub(crate) date: i32,
    /// Set with `big` (the animation plays full screen).
    pub(crate) big: bool,
}

/// Routes the reaction methods of `messages.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "messages.sendReaction" => send_reaction(model, caller, body),
        "messages.getMessagesReactions" => get_messages_reactions(model, caller, body),
        _ => return None,
    })
}

impl Model {
    /// The `messageReactions` of a message as `viewer` sees it (none without reactions).
    pub(crate) fn reactions_tl(
        &self,
        viewer: Option<i64>,
        message: &MessageRecord,
    ) -> Option<enums::MessageReactions> {
        if message.reactions.is_empty() {
            return None;
        }
        let mut results: Vec<(String, i32, Option<i32>)> = Vec::new();
        let mut chosen = 0;
        for reaction in &message.reactions {
            let mine = viewer == Some(reaction.user);
            let order = mine.then(|| {
                chosen += 1;
                chosen - 1
            });
            match results.iter_mut().find(|r| r.0 == reaction.emoticon) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 = entry.2.or(order);
                }
                None => results.push((reaction.emoticon.clone(), 1, order)),
            }
        }
        // Most popular first; ties keep the order the reactions first appeared in.
        results.sort_by_key(|r| std::cmp::Reverse(r.1));
        let broadcast = matches!(message.peer, Some(PeerKey::Channel(id))
            if self.channels.get(&id).is_some_and(|c| c.broadcast));
        let recent = (!broadcast).then(|| {
            message
                .reactions
                .iter()
                .rev()
                .map(|r| {
                    enums::MessagePeerReaction::MessagePeerReaction(Box::new(
                        types::MessagePeerReaction {
                            big: r.big,
                            my: viewer == Some(r.user),
                            peer_id: peer(PeerKey::User(r.user)),
                            date: r.date,
                            reaction: emoji(&r.emoticon),
                            ..types::MessagePeerReaction::default()
                        },
                    ))
                })
                .collect()
        });
        let results = results
            .into_iter()
            .map(|(emoticon, count, chosen_order)| {
                enums::ReactionCount::ReactionCount(Box::new(types::ReactionCount {
                    chosen_order,
                    reaction: emoji(&emoticon),
                    count,
                }))
            })
            .collect();
        Some(enums::MessageReactions::MessageReactions(Box::new(
            types::MessageReactions {
                can_see_list: !broadcast,
                results,
                recent_reactions: recent,
                ..types::MessageReactions::default()
            },
        )))
    }

    /// Every copy of message `id` of `chat` as `me` sees it: (box owner or `None` for a
    /// channel, id in that box). Private chats have two copies. Reacting in a channel takes
    /// membership.
    fn reaction_targets(
        &self,
        me: i64,
        chat: PeerKey,
        id: i32,
    ) -> Result<Vec<(Option<i64>, i32)>, RpcError> {
        if let PeerKey::Channel(channel) = chat {
            self.member_channel(me, channel)?;
        }
        let record = self.seen_message(me, chat, id)?;
        Ok(match chat {
            PeerKey::User(_) => std::iter::once((Some(me), id))
                .chain(record.twin.map(|(owner, twin)| (Some(owner), twin)))
                .collect(),
            PeerKey::Channel(_) => vec![(None, id)],
            PeerKey::Chat(chat_id) => self
                .chat(chat_id)?
                .copies_of(me, id)
                .into_iter()
                .map(|(owner, copy)| (Some(owner), copy))
                .collect(),
        })
    }

    fn stored_message(
        &mut self,
        owner: Option<i64>,
        chat: PeerKey,
        id: i32,
    ) -> Option<&mut MessageRecord> {
        match (owner, chat) {
            (Some(owner), _) => self.users.get_mut(&owner)?.mailbox.messages.get_mut(&id),
            (None, PeerKey::Channel(channel)) => {
                self.channels.get_mut(&channel)?.messages.get_mut(&id)
            }
            (None, PeerKey::User(_) | PeerKey::Chat(_)) => None,
        }
    }

    /// `updateMessageReactions` for one copy, as `viewer` sees it.
    fn reactions_update(
        &self,
        viewer: i64,
        owner: Option<i64>,
        chat: PeerKey,
        id: i32,
    ) -> Option<enums::Update> {
        let record = match (owner, chat) {
            (Some(owner), _) => self.users.get(&owner)?.mailbox.messages.get(&id)?,
            (None, PeerKey::Channel(channel)) => self.channels.get(&channel)?.messages.get(&id)?,
            (None, PeerKey::User(_) | PeerKey::Chat(_)) => return None,
        };
        let reactions = self
            .reactions_tl(Some(viewer), record)
            .unwrap_or_else(|| enums::MessageReactions::MessageReactions(Box::default()));
        Some(enums::Update::MessageReactions(Box::new(
            types::UpdateMessageReactions {
                peer: peer(record.peer?),
                msg_id: id,
                reactions,
                ..types::UpdateMessageReactions::default()
            },
        )))
    }
}

/// `reactionEmoji` of an emoticon.
fn emoji(emoticon: &str) -> enums::Reaction {
    enums::Reaction::Emoji(types::ReactionEmoji {
        emoticon: emoticon.to_owned(),
    })
}

/// The emoticons a request sets (empty: clear), checked.
fn requested(list: Option<Vec<enums::Reaction>>) -> Result<Vec<String>, RpcError> {
    let mut out: Vec<String> = Vec::new();
    for reaction in list.unwrap_or_default() {
        match reaction {
            enums::Reaction::Empty => {}
            enums::Reaction::Emoji(e) if AVAILABLE.contains(&e.emoticon.as_str()) => {
                if !out.contains(&e.emoticon) {
                    out.push(e.emoticon);
                }
            }
            _ => return Err(RpcError::bad_request("REACTION_INVALID")),
        }
    }
    if out.len() > PER_USER {
        return Err(RpcError::bad_request("REACTIONS_TOO_MANY"));
    }
    Ok(out)
}

fn send_reaction(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::SendReaction = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    let targets = model.reaction_targets(me, chat, request.msg_id)?;
    let emoticons = requested(request.reaction)?;
    let date = model.now();
    for (owner, id) in &targets {
        if let Some(record) = model.stored_message(*owner, chat, *id) {
            record.reactions.retain(|r| r.user != me);
            record.reactions.extend(emoticons.iter().map(|e| Reaction {
                user: me,
                emoticon: e.clone(),
                date,
                big: request.big,
            }));
        }
    }
    let mut mentions = Mentions::default();
    mentions.add(PeerKey::User(me));
    mentions.add(chat);
    // Who sees which copy: the two sides of a private chat, a basic group's members (each
    // its own copy), or a channel's members.
    let viewers: Vec<(i64, Option<i64>, i32)> = match chat {
        PeerKey::User(_) | PeerKey::Chat(_) => targets
            .iter()
            .filter_map(|(o, id)| o.map(|o| (o, Some(o), *id)))
            .collect(),
        PeerKey::Channel(channel) => model
            .channel_listeners(channel, me)
            .into_iter()
            .map(|user| (user, None, request.msg_id))
            .collect(),
    };
    let mut reply = None;
    for (viewer, owner, id) in viewers {
        let Some(update) = model.reactions_update(viewer, owner, chat, id) else {
            continue;
        };
        let updates = model.updates_tl(viewer, vec![update], &mentions, false);
        model.push(viewer, &updates, Some(caller.auth_key_id));
        if viewer == me {
            reply = Some(updates);
        }
    }
    let reply = reply.ok_or_else(|| RpcError::new(500, "INTERNAL_NO_REACTION"))?;
    answer(&reply)
}

fn get_messages_reactions(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::messages::GetMessagesReactions = decode(body)?;
    let me = caller.me()?;
    let chat = model.resolve_peer(caller, &request.peer)?;
    if let PeerKey::Channel(channel) = chat {
        model.readable_channel(me, channel)?;
    }
    let owner = match chat {
        PeerKey::User(_) | PeerKey::Chat(_) => Some(me),
        PeerKey::Channel(_) => None,
    };
    let updates: Vec<enums::Update> = request
        .id
        .iter()
        .filter(|id| owner.is_none() || model.reaction_targets(me, chat, **id).is_ok())
        .filter_map(|id| model.reactions_update(me, owner, chat, *id))
        .collect();
    let mut mentions = Mentions::default();
    mentions.add(chat);
    answer(&model.updates_tl(me, updates, &mentions, false))
}
