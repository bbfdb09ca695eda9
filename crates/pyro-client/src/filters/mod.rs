//! Filters for update handlers, composable with `&`, `|` and `!`.
//!
//! # Design
//! A [`Filter<U>`] is a value: a shared, thread-safe predicate over `&U` (an
//! `Arc<dyn Fn(&U) -> bool + Send + Sync>`), cheap to clone. `a & b`, `a | b` and `!a` build
//! new filters (short-circuiting like `&&`, `||`); any closure becomes a filter with
//! [`custom`]. Filters are synchronous on purpose: they run for every update before a handler
//! is picked, so slow work (requests, I/O) belongs in the handler itself.
//!
//! The built-in filters are generic over what they look at through [`Filterable`], which
//! [`Message`], [`CallbackQuery`], [`InlineQuery`], [`ChosenInlineResult`],
//! [`ChatMemberUpdated`] and [`Update`] implement: the same `filters::private()` works on a
//! message handler and on a callback query handler. A filter about a part an update kind
//! lacks (media on a callback query, say) does not match.
//!
//! - Text: [`text`], [`caption`], [`regex()`] / [`regex_with`], [`command`] and the
//!   [`Command`] builder (prefixes, `@botname`, parsed arguments through [`Command::parse`]).
//! - Chats: [`private`], [`group`], [`channel`], [`chat`] (ids or usernames).
//! - Senders: [`from_users`] (ids, usernames, `"me"`), [`bot`].
//! - Message parts: [`media`], [`media_kind`] and one filter per kind ([`photo`], [`video`],
//!   [`voice`]...), [`reply`], [`forwarded`], [`outgoing`], [`incoming`], [`service`],
//!   [`mentioned`].
//!
//! # Example
//!
//! ```
//! use pyro_client::filters::{self, Command, Filter};
//! use pyro_client::types::{Message, PeerMap};
//! use pyro_tl_types::api::{enums, types};
//!
//! let start = Command::new(["start"]).prefixes(["/", "!"]).username("pyrobot");
//! let filter: Filter<Message> = filters::private() & start.filter() & !filters::outgoing();
//!
//! let raw = types::Message {
//!     id: 1,
//!     peer_id: enums::Peer::User(types::PeerUser { user_id: 10 }),
//!     message: "/start@PyroBot deep-link \"two words\"".into(),
//!     ..Default::default()
//! };
//! let message = Message::from_raw(enums::Message::Message(Box::new(raw)), &PeerMap::new()).unwrap();
//! assert!(filter.check(&message));
//!
//! let parsed = start.parse(message.text()).unwrap();
//! assert_eq!(parsed.name, "start");
//! assert_eq!(parsed.args(), ["deep-link", "two words"]);
//! ```

mod message;
mod subject;
mod text;

use std::fmt;
use std::ops::{BitAnd, BitOr, Not};
use std::sync::Arc;

pub use message::{
    ChatRef, UserRef, animation, audio, bot, caption, channel, chat, contact, dice, document,
    forwarded, from_users, group, incoming, location, media, media_kind, mentioned, outgoing,
    photo, poll, private, reply, service, sticker, text, venue, video, video_note, voice, web_page,
};
pub use subject::Filterable;
pub use text::{Command, ParsedCommand, command, regex, regex_with};

#[cfg(doc)]
use crate::types::{
    CallbackQuery, ChatMemberUpdated, ChosenInlineResult, InlineQuery, Message, Update,
};

/// A predicate over `&U`, composable with `&`, `|` and `!`. Cheap to clone.
pub struct Filter<U: ?Sized> {
    check: Arc<dyn Fn(&U) -> bool + Send + Sync>,
}

impl<U: ?Sized> Filter<U> {
    /// A filter from a closure.
    pub fn new(check: impl Fn(&U) -> bool + Send + Sync + 'static) -> Self {
        Self {
            check: Arc::new(check),
        }
    }

    /// Whether `value` passes.
    pub fn check(&self, value: &U) -> bool {
        (self.check)(value)
    }
}

impl<U: ?Sized> Clone for Filter<U> {
    fn clone(&self) -> Self {
        Self {
            check: Arc::clone(&self.check),
        }
    }
}

impl<U: ?Sized> fmt::Debug for Filter<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Filter")
    }
}

/// A filter from any closure (the same as [`Filter::new`]).
pub fn custom<U: ?Sized>(check: impl Fn(&U) -> bool + Send + Sync + 'static) -> Filter<U> {
    Filter::new(check)
}

/// A filter every value passes.
pub fn all<U: ?Sized>() -> Filter<U> {
    Filter::new(|_| true)
}

impl<U: ?Sized + 'static> BitAnd for Filter<U> {
    type Output = Filter<U>;

    /// Both must pass (the right one is not run when the left one fails).
    fn bitand(self, rhs: Self) -> Filter<U> {
        Filter::new(move |u| self.check(u) && rhs.check(u))
    }
}

impl<U: ?Sized + 'static> BitOr for Filter<U> {
    type Output = Filter<U>;

    /// Either must pass (the right one is not run when the left one passes).
    fn bitor(self, rhs: Self) -> Filter<U> {
        Filter::new(move |u| self.check(u) || rhs.check(u))
    }
}

impl<U: ?Sized + 'static> Not for Filter<U> {
    type Output = Filter<U>;

    /// Passes exactly when the filter fails.
    fn not(self) -> Filter<U> {
        Filter::new(move |u| !self.check(u))
    }
}
