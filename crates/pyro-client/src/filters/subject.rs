//! [`Filterable`]: what the built-in filters look at in an update, for every update kind.

use crate::types::{
    CallbackQuery, Chat, ChatMemberUpdated, ChosenInlineResult, InlineQuery, Message, Update, User,
};

/// The parts of an update the built-in filters look at. Every part is optional: a filter about
/// a part an update kind lacks does not match it.
pub trait Filterable {
    /// The message, for message updates.
    fn message(&self) -> Option<&Message> {
        None
    }

    /// The text filters match: a message's text or caption, a callback query's data (when it is
    /// UTF-8), an inline query's query.
    fn text(&self) -> Option<&str>;

    /// The chat the update is in.
    fn chat(&self) -> Option<&Chat>;

    /// The user behind the update: a message's sending user, whoever pressed the button, typed
    /// the query or changed the membership.
    fn user(&self) -> Option<&User>;
}

impl Filterable for Message {
    fn message(&self) -> Option<&Message> {
        Some(self)
    }

    fn text(&self) -> Option<&str> {
        Some(Message::text(self)).filter(|t| !t.is_empty())
    }

    fn chat(&self) -> Option<&Chat> {
        Some(Message::chat(self))
    }

    fn user(&self) -> Option<&User> {
        self.sender().and_then(crate::types::Sender::user)
    }
}

impl Filterable for CallbackQuery {
    fn text(&self) -> Option<&str> {
        self.data_str()
    }

    fn chat(&self) -> Option<&Chat> {
        CallbackQuery::chat(self)
    }

    fn user(&self) -> Option<&User> {
        Some(self.from())
    }
}

/// Inline queries and chosen results: a user and a query, no chat.
macro_rules! filterable_inline {
    ($($ty:ty),*) => {$(
        impl Filterable for $ty {
            fn text(&self) -> Option<&str> {
                Some(self.query())
            }

            fn chat(&self) -> Option<&Chat> {
                None
            }

            fn user(&self) -> Option<&User> {
                Some(self.from())
            }
        }
    )*};
}

filterable_inline!(InlineQuery, ChosenInlineResult);

impl Filterable for ChatMemberUpdated {
    fn text(&self) -> Option<&str> {
        None
    }

    fn chat(&self) -> Option<&Chat> {
        Some(ChatMemberUpdated::chat(self))
    }

    fn user(&self) -> Option<&User> {
        Some(ChatMemberUpdated::user(self))
    }
}

impl Filterable for Update {
    fn message(&self) -> Option<&Message> {
        Update::message(self)
    }

    fn text(&self) -> Option<&str> {
        match self {
            Update::NewMessage(m) | Update::EditedMessage(m) => Filterable::text(m),
            Update::CallbackQuery(q) => q.text(),
            Update::InlineQuery(q) => q.text(),
            Update::ChosenInlineResult(r) => r.text(),
            _ => None,
        }
    }

    fn chat(&self) -> Option<&Chat> {
        match self {
            Update::NewMessage(m) | Update::EditedMessage(m) => Some(m.chat()),
            Update::CallbackQuery(q) => CallbackQuery::chat(q),
            Update::ChatMemberUpdated(u) => Some(ChatMemberUpdated::chat(u)),
            _ => None,
        }
    }

    fn user(&self) -> Option<&User> {
        match self {
            Update::NewMessage(m) | Update::EditedMessage(m) => Filterable::user(m),
            Update::CallbackQuery(q) => Some(q.from()),
            Update::InlineQuery(q) => Some(q.from()),
            Update::ChosenInlineResult(r) => Some(r.from()),
            Update::ChatMemberUpdated(u) => Some(ChatMemberUpdated::user(u)),
            Update::UserStatus(s) => Some(&s.user),
            Update::DeletedMessages(_) | Update::Raw(_) => None,
        }
    }
}
