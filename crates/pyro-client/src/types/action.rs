//! [`ServiceAction`]: what a service message says happened (members joined or left, title
//! changed, message pinned, chat created...).

use pyro_tl_types::api::enums;

/// What a service message reports. Actions pyro has no typed view of yet (payments, gifts,
/// calls, topics...) are [`ServiceAction::Other`] with the raw action.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceAction {
    /// A basic group was created with a title and its first members.
    GroupCreated {
        /// The group's title.
        title: String,
        /// The ids of the users added at creation.
        user_ids: Vec<i64>,
    },
    /// A channel or supergroup was created.
    ChannelCreated {
        /// Its title.
        title: String,
    },
    /// Users were added (or joined by themselves: then the sender is the only id).
    MembersJoined {
        /// The ids of the users who joined.
        user_ids: Vec<i64>,
    },
    /// The sender joined through an invite link.
    JoinedByLink {
        /// Who created the link.
        inviter_id: i64,
    },
    /// The sender joined after an admin approved their request.
    JoinedByRequest,
    /// A user left or was removed.
    MemberLeft {
        /// The id of the user who left.
        user_id: i64,
    },
    /// The title changed.
    TitleChanged {
        /// The new title.
        title: String,
    },
    /// The chat photo changed (the raw `Photo` is in the raw action).
    PhotoChanged,
    /// The chat photo was removed.
    PhotoDeleted,
    /// A message was pinned (the reply header says which).
    MessagePinned,
    /// The history was cleared.
    HistoryCleared,
    /// This basic group became a supergroup.
    MigratedTo {
        /// The id of the new supergroup.
        channel_id: i64,
    },
    /// This supergroup was created from a basic group.
    MigratedFrom {
        /// The basic group's title.
        title: String,
        /// The basic group's id.
        chat_id: i64,
    },
    /// Someone took a screenshot of the chat (secret-like chats).
    ScreenshotTaken,
    /// A contact joined Telegram.
    ContactSignedUp,
    /// A game score was set.
    GameScore {
        /// The game's id.
        game_id: i64,
        /// The score.
        score: i32,
    },
    /// A custom text action sent by the server.
    Custom {
        /// The text.
        text: String,
    },
    /// Messages now self-destruct after this many seconds (0: never).
    AutoDeleteTimerChanged {
        /// The new period in seconds.
        period: i32,
    },
    /// Any other action, raw.
    Other(enums::MessageAction),
}

impl ServiceAction {
    /// The typed action of a raw `MessageAction`; `None` for `messageActionEmpty`.
    pub fn from_raw(raw: &enums::MessageAction) -> Option<Self> {
        use enums::MessageAction as A;
        Some(match raw {
            A::Empty => return None,
            A::ChatCreate(a) => Self::GroupCreated {
                title: a.title.clone(),
                user_ids: a.users.clone(),
            },
            A::ChannelCreate(a) => Self::ChannelCreated {
                title: a.title.clone(),
            },
            A::ChatAddUser(a) => Self::MembersJoined {
                user_ids: a.users.clone(),
            },
            A::ChatJoinedByLink(a) => Self::JoinedByLink {
                inviter_id: a.inviter_id,
            },
            A::ChatJoinedByRequest => Self::JoinedByRequest,
            A::ChatDeleteUser(a) => Self::MemberLeft { user_id: a.user_id },
            A::ChatEditTitle(a) => Self::TitleChanged {
                title: a.title.clone(),
            },
            A::ChatEditPhoto(_) => Self::PhotoChanged,
            A::ChatDeletePhoto => Self::PhotoDeleted,
            A::PinMessage => Self::MessagePinned,
            A::HistoryClear => Self::HistoryCleared,
            A::ChatMigrateTo(a) => Self::MigratedTo {
                channel_id: a.channel_id,
            },
            A::ChannelMigrateFrom(a) => Self::MigratedFrom {
                title: a.title.clone(),
                chat_id: a.chat_id,
            },
            A::ScreenshotTaken => Self::ScreenshotTaken,
            A::ContactSignUp => Self::ContactSignedUp,
            A::GameScore(a) => Self::GameScore {
                game_id: a.game_id,
                score: a.score,
            },
            A::CustomAction(a) => Self::Custom {
                text: a.message.clone(),
            },
            A::SetMessagesTtl(a) => Self::AutoDeleteTimerChanged { period: a.period },
            other => Self::Other(other.clone()),
        })
    }
}
