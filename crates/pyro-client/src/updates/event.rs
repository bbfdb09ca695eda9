//! What handlers of the client's updates receive: [`UpdateEvent`], the typed update with its
//! raw form and peers, and the typed handler constructors (`Handler::message`, ...).

use std::future::Future;
use std::sync::Arc;

use pyro_tl_types::api::enums;

use super::dispatch::{Handler, IntoFlow};
use crate::filters::Filter;
use crate::types::{
    CallbackQuery, ChatMemberUpdated, ChosenInlineResult, DeletedMessages, InlineQuery, Message,
    PeerMap, Update, UserStatusUpdate,
};

/// One update on its way through the dispatcher.
#[derive(Debug, Clone)]
pub struct UpdateEvent {
    /// The typed update.
    pub update: Update,
    /// The raw update it was built from.
    pub raw: enums::Update,
    /// The users and chats that came with it.
    pub peers: Arc<PeerMap>,
}

impl UpdateEvent {
    /// The event of one raw update.
    pub fn new(raw: enums::Update, peers: Arc<PeerMap>) -> Self {
        Self {
            update: Update::from_raw(raw.clone(), &peers),
            raw,
            peers,
        }
    }

    /// The shard key the workers use: the chat, so that one chat's updates are handled in the
    /// order they came (0 for updates without a chat).
    pub fn shard(&self) -> u64 {
        match &self.update {
            Update::NewMessage(m) | Update::EditedMessage(m) => m.chat().id().bare_id() as u64,
            Update::DeletedMessages(d) => d.channel_id.unwrap_or(0) as u64,
            _ => 0,
        }
    }
}

/// The shard function of [`UpdateEvent`]s (see [`UpdateEvent::shard`]).
pub(crate) fn shard(event: &UpdateEvent) -> u64 {
    event.shard()
}

/// Declares a typed handler constructor: the name, the [`Update`] variant, what the handler
/// receives, and the doc line.
macro_rules! typed_handler {
    ($(#[$doc:meta])* $name:ident, $variant:ident, $ty:ty) => {
        $(#[$doc])*
        pub fn $name<F, Fut>(callback: F) -> Self
        where
            F: Fn(C, $ty) -> Fut + Send + Sync + 'static,
            Fut: Future + Send + 'static,
            Fut::Output: IntoFlow,
        {
            fn extract(event: &UpdateEvent) -> Option<$ty> {
                match &event.update {
                    Update::$variant(value) => Some(value.clone()),
                    _ => None,
                }
            }
            Self::new(extract, callback)
        }
    };
}

impl<C: Clone + Send + Sync + 'static> Handler<C, UpdateEvent> {
    typed_handler!(
        /// A handler of new messages in any chat: incoming ones, and outgoing ones sent from
        /// the account's other sessions (`filters::outgoing()` picks those). What this client
        /// sends itself is not handed out: the send's answer is the message.
        message, NewMessage, Message
    );
    typed_handler!(
        /// A handler of edited messages.
        edited_message, EditedMessage, Message
    );
    typed_handler!(
        /// A handler of deleted messages.
        deleted_messages, DeletedMessages, DeletedMessages
    );
    typed_handler!(
        /// A handler of inline button presses.
        callback_query, CallbackQuery, CallbackQuery
    );
    typed_handler!(
        /// A handler of inline queries.
        inline_query, InlineQuery, InlineQuery
    );
    typed_handler!(
        /// A handler of chosen inline results.
        chosen_inline_result, ChosenInlineResult, ChosenInlineResult
    );
    typed_handler!(
        /// A handler of membership changes.
        chat_member_updated, ChatMemberUpdated, ChatMemberUpdated
    );
    typed_handler!(
        /// A handler of users' online status.
        user_status, UserStatus, UserStatusUpdate
    );

    /// A handler of every update, raw, with its peers (before or beside the typed handlers,
    /// depending on its group).
    pub fn raw<F, Fut>(callback: F) -> Self
    where
        F: Fn(C, (enums::Update, Arc<PeerMap>)) -> Fut + Send + Sync + 'static,
        Fut: Future + Send + 'static,
        Fut::Output: IntoFlow,
    {
        #[allow(clippy::unnecessary_wraps)] // an extractor's shape
        fn extract(event: &UpdateEvent) -> Option<(enums::Update, Arc<PeerMap>)> {
            Some((event.raw.clone(), Arc::clone(&event.peers)))
        }
        Self::new(extract, callback)
    }

    /// Takes only the updates `filter` accepts (see [`crate::filters`]): `filters::private()
    /// & filters::command("start")`, a [`Command`](crate::filters::Command), ...
    #[must_use]
    pub fn when(self, filter: impl Into<Filter<Update>>) -> Self {
        let filter = filter.into();
        self.filter(move |_client: &C, event: &UpdateEvent| filter.check(&event.update))
    }

    /// A handler of every typed update.
    pub fn any<F, Fut>(callback: F) -> Self
    where
        F: Fn(C, Update) -> Fut + Send + Sync + 'static,
        Fut: Future + Send + 'static,
        Fut::Output: IntoFlow,
    {
        #[allow(clippy::unnecessary_wraps)] // an extractor's shape
        fn extract(event: &UpdateEvent) -> Option<Update> {
            Some(event.update.clone())
        }
        Self::new(extract, callback)
    }
}
