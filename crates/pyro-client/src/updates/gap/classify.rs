//! Which update box an update belongs to and where it stands in it.
//!
//! Telegram numbers the events of each box (core.telegram.org/api/updates): the account's
//! common box counts with `pts` (messages in private chats and basic groups, deletions, reads,
//! ...), the secondary box with `qts` (bot events, secret chats) and every channel or
//! supergroup with its own `pts`. An update carries the box's number *after* it applied and
//! how many numbers it used (`pts_count`; always 1 for `qts`), so it applies exactly when
//! `local + count == pts`.

use pyro_tl_types::api::enums;

/// One update box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BoxId {
    /// The account's common message box (`pts`).
    Common,
    /// The secondary box of bot events and secret chats (`qts`).
    Secondary,
    /// A channel's or supergroup's box (its own `pts`), by channel id.
    Channel(i64),
}

impl BoxId {
    /// The difference request that recovers this box: `Common` for the common and secondary
    /// boxes (one `updates.getDifference` covers both), the channel itself otherwise.
    pub(crate) fn recovered_by(self) -> BoxId {
        match self {
            BoxId::Common | BoxId::Secondary => BoxId::Common,
            channel @ BoxId::Channel(_) => channel,
        }
    }
}

/// Where one update stands in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    /// The box.
    pub(crate) box_id: BoxId,
    /// The box's number after the update.
    pub(crate) pts: i32,
    /// How many numbers the update used.
    pub(crate) count: i32,
}

// The constructors return `Option` so that every arm of `position`'s match reads alike.
#[allow(clippy::unnecessary_wraps)]
impl Position {
    fn common(pts: i32, count: i32) -> Option<Self> {
        Some(Self {
            box_id: BoxId::Common,
            pts,
            count,
        })
    }

    fn qts(qts: i32) -> Option<Self> {
        Some(Self {
            box_id: BoxId::Secondary,
            pts: qts,
            count: 1,
        })
    }

    fn channel(channel_id: Option<i64>, pts: i32, count: i32) -> Option<Self> {
        channel_id.map(|id| Self {
            box_id: BoxId::Channel(id),
            pts,
            count,
        })
    }

    /// The box's number before the update.
    pub(crate) fn start(self) -> i32 {
        self.pts.saturating_sub(self.count)
    }
}

/// The channel a message belongs to, if it is a channel message.
pub(crate) fn message_channel(message: &enums::Message) -> Option<i64> {
    let peer = match message {
        enums::Message::Message(m) => Some(&m.peer_id),
        enums::Message::Service(m) => Some(&m.peer_id),
        enums::Message::Empty(m) => m.peer_id.as_ref(),
    };
    match peer {
        Some(enums::Peer::Channel(c)) => Some(c.channel_id),
        _ => None,
    }
}

/// Where `update` stands, or `None` for updates outside every box (typing, user status, ...),
/// which apply as they come.
pub(crate) fn position(update: &enums::Update) -> Option<Position> {
    use enums::Update as U;
    match update {
        U::NewMessage(u) => Position::common(u.pts, u.pts_count),
        U::DeleteMessages(u) => Position::common(u.pts, u.pts_count),
        U::ReadHistoryInbox(u) => Position::common(u.pts, u.pts_count),
        U::ReadHistoryOutbox(u) => Position::common(u.pts, u.pts_count),
        U::WebPage(u) => Position::common(u.pts, u.pts_count),
        U::ReadMessagesContents(u) => Position::common(u.pts, u.pts_count),
        U::EditMessage(u) => Position::common(u.pts, u.pts_count),
        U::FolderPeers(u) => Position::common(u.pts, u.pts_count),
        U::PinnedMessages(u) => Position::common(u.pts, u.pts_count),
        U::NewChannelMessage(u) => {
            Position::channel(message_channel(&u.message), u.pts, u.pts_count)
        }
        U::EditChannelMessage(u) => {
            Position::channel(message_channel(&u.message), u.pts, u.pts_count)
        }
        U::DeleteChannelMessages(u) => Position::channel(Some(u.channel_id), u.pts, u.pts_count),
        U::ChannelWebPage(u) => Position::channel(Some(u.channel_id), u.pts, u.pts_count),
        U::PinnedChannelMessages(u) => Position::channel(Some(u.channel_id), u.pts, u.pts_count),
        U::ReadChannelInbox(u) => Position::channel(Some(u.channel_id), u.pts, 0),
        U::NewEncryptedMessage(u) => Position::qts(u.qts),
        U::MessagePollVote(u) => Position::qts(u.qts),
        U::ChatParticipant(u) => Position::qts(u.qts),
        U::ChannelParticipant(u) => Position::qts(u.qts),
        U::BotStopped(u) => Position::qts(u.qts),
        U::BotChatInviteRequester(u) => Position::qts(u.qts),
        U::BotChatBoost(u) => Position::qts(u.qts),
        U::BotMessageReaction(u) => Position::qts(u.qts),
        U::BotMessageReactions(u) => Position::qts(u.qts),
        U::BotBusinessConnect(u) => Position::qts(u.qts),
        U::BotNewBusinessMessage(u) => Position::qts(u.qts),
        U::BotEditBusinessMessage(u) => Position::qts(u.qts),
        U::BotDeleteBusinessMessage(u) => Position::qts(u.qts),
        U::BotPurchasedPaidMedia(u) => Position::qts(u.qts),
        U::ManagedBot(u) => Position::qts(u.qts),
        U::BotGuestChatQuery(u) => Position::qts(u.qts),
        U::BotStarsSubscription(u) => Position::qts(u.qts),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use pyro_tl_types::api::types;

    use super::*;

    fn channel_message(channel_id: i64) -> enums::Message {
        enums::Message::Message(Box::new(types::Message {
            peer_id: enums::Peer::Channel(types::PeerChannel { channel_id }),
            ..types::Message::default()
        }))
    }

    #[test]
    fn boxes_follow_the_update_kind() {
        let common = enums::Update::DeleteMessages(types::UpdateDeleteMessages {
            messages: vec![1, 2],
            pts: 12,
            pts_count: 2,
        });
        let p = position(&common).unwrap();
        assert_eq!(
            (p.box_id, p.pts, p.count, p.start()),
            (BoxId::Common, 12, 2, 10)
        );

        let channel = enums::Update::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
            message: channel_message(77),
            pts: 5,
            pts_count: 1,
        }));
        assert_eq!(position(&channel).unwrap().box_id, BoxId::Channel(77));

        let qts = enums::Update::BotStopped(types::UpdateBotStopped {
            user_id: 1,
            date: 0,
            stopped: true,
            qts: 9,
        });
        let p = position(&qts).unwrap();
        assert_eq!((p.box_id, p.pts, p.count), (BoxId::Secondary, 9, 1));
        assert_eq!(BoxId::Secondary.recovered_by(), BoxId::Common);

        let status = enums::Update::UserStatus(Box::new(types::UpdateUserStatus {
            user_id: 1,
            status: enums::UserStatus::Empty,
        }));
        assert!(position(&status).is_none());
    }

    #[test]
    fn channel_messages_without_a_channel_stay_outside_boxes() {
        let stray = enums::Update::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
            message: enums::Message::Empty(Box::new(types::MessageEmpty {
                id: 1,
                peer_id: None,
            })),
            pts: 5,
            pts_count: 1,
        }));
        assert!(position(&stray).is_none());
        assert_eq!(message_channel(&channel_message(3)), Some(3));
    }
}
