//! High-level types built from raw TL: users, chats, messages and more.
//!
//! Every type is built from the raw objects of `pyro_tl_types::api` and keeps them reachable
//! (`raw()`), so nothing the server sent is lost behind the typed view.
//!
//! - Peers: [`PeerId`] (user, basic group or channel by id), [`User`] with its [`UserStatus`],
//!   [`Chat`] with its [`ChatKind`] (private, bot, group, supergroup, channel, community; the
//!   gigagroup and forum flags), and the [`PeerMap`] of the users and chats that came with an
//!   answer or a container of updates.
//! - Messages: [`Message`] with its [`Sender`], [`Media`] ([`Photo`], [`Document`] behind
//!   videos, audio, voice, stickers, animations and video notes, [`Contact`], [`Location`],
//!   [`Venue`], [`Poll`], [`Dice`], [`WebPage`]...), [`ReplyTo`], [`ForwardInfo`] and
//!   [`ServiceAction`].
//! - Keyboards: [`ReplyMarkup`] with builders for [`InlineKeyboard`] and [`ReplyKeyboard`].
//! - Bots: [`CallbackQuery`], [`InlineQuery`], [`ChosenInlineResult`].
//! - Bound methods: objects built through a [`PeerMap`] bound to a client
//!   ([`PeerMap::with_client`]) can act: [`Message::reply`], [`Message::edit`],
//!   [`Message::delete`], [`Message::forward_to`], [`Message::react`],
//!   [`CallbackQuery::answer`], [`CallbackQuery::edit_message_text`]. Each is one raw request.
//! - Chats: [`ChatMember`], [`ChatMemberUpdated`], [`Dialog`].
//! - [`Update`]: what handlers receive, from one raw update ([`Update::from_raw`]) or a whole
//!   container ([`Update::from_container`]).
//!
//! Conversions never fail on odd server data: a peer the server did not send becomes an
//! *unresolved* user or chat that keeps its id ([`User::is_resolved`], [`Chat::is_resolved`]);
//! kinds without a typed view stay raw (`Media::Other`, `ServiceAction::Other`,
//! [`Update::Raw`]).
//!
//! # Example
//!
//! ```
//! use pyro_client::types::{ChatKind, PeerId, PeerMap, Update};
//! use pyro_tl_types::api::{enums, types};
//!
//! // A supergroup message, as the server pushes it: the container carries the sender and chat.
//! let group = types::Channel {
//!     megagroup: true,
//!     id: 77,
//!     access_hash: Some(5),
//!     title: "Rustaceans".into(),
//!     ..Default::default()
//! };
//! let alice = types::User { id: 10, first_name: Some("Alice".into()), ..Default::default() };
//! let message = types::Message {
//!     id: 1,
//!     from_id: Some(enums::Peer::User(types::PeerUser { user_id: 10 })),
//!     peer_id: enums::Peer::Channel(types::PeerChannel { channel_id: 77 }),
//!     date: 1_700_000_000,
//!     message: "hello".into(),
//!     ..Default::default()
//! };
//! let container = enums::Updates::Updates(Box::new(types::Updates {
//!     updates: vec![enums::Update::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
//!         message: enums::Message::Message(Box::new(message)),
//!         pts: 2,
//!         pts_count: 1,
//!     }))],
//!     users: vec![enums::User::User(Box::new(alice))],
//!     chats: vec![enums::Chat::Channel(Box::new(group))],
//!     date: 1_700_000_000,
//!     seq: 0,
//! }));
//!
//! let updates = Update::from_container(container, &PeerMap::new());
//! let Some(Update::NewMessage(message)) = updates.first() else { panic!("a new message") };
//! assert_eq!(message.text(), "hello");
//! assert_eq!(message.chat().kind(), ChatKind::Supergroup);
//! assert_eq!(message.chat().title(), "Rustaceans");
//! assert_eq!(message.sender().map(|s| s.name()), Some("Alice".to_owned()));
//! assert_eq!(message.chat().id(), PeerId::Channel(77));
//! ```

mod action;
mod bot_query;
pub(crate) mod bound;
mod chat;
mod dialog;
mod document;
mod inline_keyboard;
mod keyboard;
mod media;
mod member;
mod message;
mod methods;
mod origin;
mod peer;
mod update;
mod user;

pub use action::ServiceAction;
pub use bot_query::{CallbackQuery, ChosenInlineResult, InlineQuery, RawCallbackQuery};
pub use chat::{Chat, ChatKind, RawChat};
pub use dialog::Dialog;
pub use document::{Document, Photo};
pub use inline_keyboard::{InlineAction, InlineButton, InlineKeyboard};
pub use keyboard::{KeyboardAction, KeyboardButton, ReplyKeyboard, ReplyMarkup};
pub use media::{Contact, Dice, LiveLocation, Location, Media, MediaKind, Poll, Venue, WebPage};
pub use member::{
    ChatMember, ChatMemberUpdated, MemberStatus, RawChatMember, RawChatMemberUpdated,
};
pub use message::Message;
pub use methods::CallbackAnswer;
pub use origin::{ForwardInfo, ReplyTo, Sender};
pub use peer::{PeerId, PeerMap};
pub use update::{
    DeletedMessages, RawUpdate, Update, UserStatusUpdate, short_chat_message_update,
    short_message_update,
};
pub use user::{User, UserStatus};
