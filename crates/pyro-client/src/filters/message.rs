//! The built-in filters about chats, senders and message parts.

use crate::types::{ChatKind, MediaKind, Message, PeerId};

use super::{Filter, Filterable};

/// A filter on the update's message (failing for updates without one).
fn on_message<U: Filterable + ?Sized>(
    check: impl Fn(&Message) -> bool + Send + Sync + 'static,
) -> Filter<U> {
    Filter::new(move |u: &U| u.message().is_some_and(&check))
}

/// Updates with text: a message's text without media, a callback query's UTF-8 data, an inline
/// query's query (see [`caption`] for media captions).
pub fn text<U: Filterable + ?Sized>() -> Filter<U> {
    Filter::new(|u: &U| match u.message() {
        Some(m) => m.media().is_none() && !m.text().is_empty(),
        None => u.text().is_some(),
    })
}

/// Messages with media and a caption.
pub fn caption<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(|m| m.media().is_some() && !m.text().is_empty())
}

/// Updates in private chats (with users or bots).
pub fn private<U: Filterable + ?Sized>() -> Filter<U> {
    Filter::new(|u: &U| u.chat().is_some_and(crate::types::Chat::is_private))
}

/// Updates in groups: basic groups and supergroups (including gigagroups and forums).
pub fn group<U: Filterable + ?Sized>() -> Filter<U> {
    Filter::new(|u: &U| u.chat().is_some_and(crate::types::Chat::is_group))
}

/// Updates in broadcast channels.
pub fn channel<U: Filterable + ?Sized>() -> Filter<U> {
    Filter::new(|u: &U| u.chat().is_some_and(|c| c.kind() == ChatKind::Channel))
}

/// A user named by id, by username (a leading `@` is dropped; case-insensitive) or as `"me"` /
/// `"self"` (the signed-in account, when the server marked it so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserRef {
    /// By id.
    Id(i64),
    /// By username, lowercase, without `@`.
    Username(String),
    /// The signed-in account.
    Me,
}

impl From<i64> for UserRef {
    fn from(id: i64) -> Self {
        Self::Id(id)
    }
}

impl From<&str> for UserRef {
    fn from(name: &str) -> Self {
        let name = name.trim_start_matches('@').to_ascii_lowercase();
        if name == "me" || name == "self" {
            Self::Me
        } else {
            Self::Username(name)
        }
    }
}

impl From<String> for UserRef {
    fn from(name: String) -> Self {
        Self::from(name.as_str())
    }
}

/// Updates from any of these users (the sender of a message, whoever pressed a button...).
pub fn from_users<U: Filterable + ?Sized>(
    users: impl IntoIterator<Item = impl Into<UserRef>>,
) -> Filter<U> {
    let users: Vec<UserRef> = users.into_iter().map(Into::into).collect();
    Filter::new(move |u: &U| {
        let Some(user) = u.user() else { return false };
        users.iter().any(|wanted| match wanted {
            UserRef::Id(id) => user.id() == *id,
            UserRef::Username(name) => user
                .username()
                .is_some_and(|n| n.eq_ignore_ascii_case(name)),
            UserRef::Me => user.is_self(),
        })
    })
}

/// Updates from bots.
pub fn bot<U: Filterable + ?Sized>() -> Filter<U> {
    Filter::new(|u: &U| u.user().is_some_and(crate::types::User::is_bot))
}

/// A chat named by peer id, by Bot API id (`-100...` for channels) or by username (a leading
/// `@` is dropped; case-insensitive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatRef {
    /// By peer id.
    Peer(PeerId),
    /// By Bot API id.
    BotApiId(i64),
    /// By username, lowercase, without `@`.
    Username(String),
}

impl From<PeerId> for ChatRef {
    fn from(id: PeerId) -> Self {
        Self::Peer(id)
    }
}

impl From<i64> for ChatRef {
    fn from(id: i64) -> Self {
        Self::BotApiId(id)
    }
}

impl From<&str> for ChatRef {
    fn from(name: &str) -> Self {
        Self::Username(name.trim_start_matches('@').to_ascii_lowercase())
    }
}

impl From<String> for ChatRef {
    fn from(name: String) -> Self {
        Self::from(name.as_str())
    }
}

/// Updates in any of these chats.
pub fn chat<U: Filterable + ?Sized>(
    chats: impl IntoIterator<Item = impl Into<ChatRef>>,
) -> Filter<U> {
    let chats: Vec<ChatRef> = chats.into_iter().map(Into::into).collect();
    Filter::new(move |u: &U| {
        let Some(chat) = u.chat() else { return false };
        chats.iter().any(|wanted| match wanted {
            ChatRef::Peer(id) => chat.id() == *id,
            ChatRef::BotApiId(id) => chat.bot_api_id() == *id,
            ChatRef::Username(name) => chat
                .username()
                .is_some_and(|n| n.eq_ignore_ascii_case(name)),
        })
    })
}

/// Messages with any media.
pub fn media<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(|m| m.media().is_some())
}

/// Messages with media of this kind.
pub fn media_kind<U: Filterable + ?Sized>(kind: MediaKind) -> Filter<U> {
    on_message(move |m| m.media().is_some_and(|media| media.kind() == kind))
}

macro_rules! media_filters {
    ($($name:ident => $kind:ident, $what:literal;)*) => {$(
        #[doc = concat!("Messages with ", $what, ".")]
        pub fn $name<U: Filterable + ?Sized>() -> Filter<U> {
            media_kind(MediaKind::$kind)
        }
    )*};
}

media_filters! {
    photo => Photo, "a photo";
    document => Document, "a file shown as a file";
    video => Video, "a video";
    video_note => VideoNote, "a round video note";
    audio => Audio, "a music file";
    voice => Voice, "a voice note";
    sticker => Sticker, "a sticker";
    animation => Animation, "an animation (GIF)";
    contact => Contact, "a shared contact";
    location => Location, "a location";
    venue => Venue, "a venue";
    poll => Poll, "a poll";
    dice => Dice, "a dice";
    web_page => WebPage, "a link preview";
}

/// Messages that reply to another message or story.
pub fn reply<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(|m| m.reply_to().is_some())
}

/// Forwarded messages.
pub fn forwarded<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(Message::is_forwarded)
}

/// Messages we sent.
pub fn outgoing<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(Message::is_outgoing)
}

/// Messages we received.
pub fn incoming<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(|m| !m.is_outgoing())
}

/// Service messages (members joined, title changed...).
pub fn service<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(Message::is_service)
}

/// Messages that mention us.
pub fn mentioned<U: Filterable + ?Sized>() -> Filter<U> {
    on_message(Message::is_mentioned)
}
