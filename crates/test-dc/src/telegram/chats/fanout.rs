//! Messages that live in several common boxes at once (basic groups, and the two sides of a
//! private chat's pin): one copy per owner under the owner's own id, each logged as that
//! owner's `updateNewMessage`, and the live updates each owner's sessions get. Also the
//! secondary (`qts`) box that carries membership changes to bots.

use pyro_tl_types::api::{enums, types};

use crate::error::RpcError;
use crate::telegram::messages::send::{Content, Origin};
use crate::telegram::model::Model;
use crate::telegram::render::Mentions;
use crate::telegram::state::{LogEntry, MessageRecord, PeerKey};

/// One owner's share of a change: the updates to show them.
pub(crate) type Share = (i64, Vec<enums::Update>);

impl Model {
    /// Stores `copies` (owner, record) in their owners' boxes; the copies of a basic group's
    /// message are linked so that later changes (pins) reach all of them. Returns each owner's
    /// `updateNewMessage`.
    pub(crate) fn store_copies(
        &mut self,
        chat_id: Option<i64>,
        copies: Vec<(i64, MessageRecord)>,
    ) -> Result<Vec<Share>, RpcError> {
        let mut shares = Vec::new();
        let mut linked = Vec::new();
        for (owner, record) in copies {
            let (id, pts) = self.store_private(owner, record)?;
            let stored = self
                .user(owner)?
                .mailbox
                .messages
                .get(&id)
                .ok_or_else(|| RpcError::new(500, "INTERNAL_COPY_MISSING"))?;
            let update = enums::Update::NewMessage(Box::new(types::UpdateNewMessage {
                message: self.message_tl(Some(owner), stored),
                pts,
                pts_count: 1,
            }));
            shares.push((owner, vec![update]));
            linked.push((owner, id));
        }
        if let Some(chat_id) = chat_id {
            let chat = self.chat_mut(chat_id)?;
            let index = chat.copies.len();
            for copy in &linked {
                chat.copy_of.insert(*copy, index);
            }
            chat.copies.push(linked);
        }
        Ok(shares)
    }

    /// Sends each owner its share (common-box `updates`, one `seq` each) and returns the
    /// author's, with `updateMessageID` first when the request had a `random_id`. The author's
    /// other sessions get it too; the requesting one gets it as the answer.
    pub(crate) fn fan_out(
        &mut self,
        author: i64,
        shares: Vec<Share>,
        mentions: &Mentions,
        origin: Origin,
    ) -> enums::Updates {
        let mut answer = None;
        for (owner, mut updates) in shares {
            if owner == author {
                if let Some(random_id) = origin.random_id {
                    let id = updates.iter().find_map(new_message_id).unwrap_or(0);
                    updates.insert(
                        0,
                        enums::Update::MessageId(types::UpdateMessageId { id, random_id }),
                    );
                }
                let live = self.updates_tl(owner, updates, mentions, true);
                self.push(owner, &live, origin.auth_key_id);
                answer = Some(live);
            } else {
                let live = self.updates_tl(owner, updates, mentions, true);
                self.push(owner, &live, None);
            }
        }
        answer.unwrap_or_else(|| self.updates_tl(author, Vec::new(), mentions, false))
    }

    /// Posts a message of `from` in a basic group (every member gets a copy); returns the
    /// author's answer.
    pub(crate) fn post_to_chat(
        &mut self,
        from: i64,
        chat_id: i64,
        content: Content,
        action: Option<enums::MessageAction>,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        let chat = self.chat(chat_id)?;
        let owners: Vec<i64> = chat.members.iter().map(|&(user, _, _)| user).collect();
        let date = self.now();
        let base = MessageRecord {
            from: Some(from),
            peer: Some(PeerKey::Chat(chat_id)),
            date,
            text: content.text,
            media: content.media,
            fwd_from: content.fwd_from,
            action,
            ..MessageRecord::default()
        };
        let mut mentions = Mentions::default();
        mentions.add_message(&base);
        if let Some(action) = &base.action {
            for user in action_users(action) {
                mentions.add(PeerKey::User(user));
            }
        }
        let copies = owners
            .iter()
            .map(|&owner| {
                let record = MessageRecord {
                    out: owner == from,
                    ..base.clone()
                };
                (owner, record)
            })
            .collect();
        let shares = self.store_copies(Some(chat_id), copies)?;
        Ok(self.fan_out(from, shares, &mentions, origin))
    }

    /// Sends a message to a basic group (members only: `CHAT_WRITE_FORBIDDEN`).
    pub(crate) fn deliver_chat(
        &mut self,
        from: i64,
        chat_id: i64,
        content: Content,
        origin: Origin,
    ) -> Result<enums::Updates, RpcError> {
        if !self.chat(chat_id)?.is_member(from) {
            return Err(RpcError::new(403, "CHAT_WRITE_FORBIDDEN"));
        }
        self.post_to_chat(from, chat_id, content, None, origin)
    }

    /// Queues a `qts` event for each of `recipients`: `make` builds it from the new `qts`.
    pub(crate) fn notify_qts(
        &mut self,
        recipients: &[i64],
        mentions: &Mentions,
        make: impl Fn(i32) -> enums::Update,
    ) -> Result<(), RpcError> {
        let date = self.now();
        for &user in recipients {
            let mailbox = &mut self.user_mut(user)?.mailbox;
            mailbox.qts += 1;
            let update = make(mailbox.qts);
            mailbox.qts_log.push(LogEntry {
                pts: mailbox.qts,
                date,
                update: update.clone(),
            });
            let live = self.updates_tl(user, vec![update], mentions, false);
            self.push(user, &live, None);
        }
        Ok(())
    }

    /// The bots told about a membership change: the bot administrators of the chat and the
    /// user concerned if it is a bot (its own membership).
    pub(crate) fn member_bots(&self, chat: PeerKey, user: i64) -> Vec<i64> {
        let is_bot = |id: &i64| self.users.get(id).is_some_and(|u| u.bot);
        let mut bots: Vec<i64> = match chat {
            PeerKey::Channel(id) => self.channels.get(&id).map_or_else(Vec::new, |c| {
                std::iter::once(c.creator)
                    .chain(c.admins.keys().copied())
                    .filter(|u| c.member_set.contains(u) && is_bot(u))
                    .collect()
            }),
            PeerKey::Chat(id) => self.chats.get(&id).map_or_else(Vec::new, |c| {
                c.members
                    .iter()
                    .map(|&(u, _, _)| u)
                    .filter(|u| c.is_admin(*u) && is_bot(u))
                    .collect()
            }),
            PeerKey::User(_) => Vec::new(),
        };
        if is_bot(&user) && !bots.contains(&user) {
            bots.push(user);
        }
        bots
    }
}

/// The id of an `updateNewMessage`'s message.
fn new_message_id(update: &enums::Update) -> Option<i32> {
    match update {
        enums::Update::NewMessage(u) => {
            Some(crate::telegram::messages::send::message_id(&u.message))
        }
        _ => None,
    }
}

/// The users a service action names.
fn action_users(action: &enums::MessageAction) -> Vec<i64> {
    match action {
        enums::MessageAction::ChatCreate(a) => a.users.clone(),
        enums::MessageAction::ChatAddUser(a) => a.users.clone(),
        enums::MessageAction::ChatDeleteUser(a) => vec![a.user_id],
        enums::MessageAction::ChatJoinedByLink(a) => vec![a.inviter_id],
        _ => Vec::new(),
    }
}
