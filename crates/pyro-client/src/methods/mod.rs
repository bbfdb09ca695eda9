//! High-level methods on [`crate::Client`], grouped as Pyrogram groups them: messages, chats, users,
//! contacts, bots and invite links.

mod bot_queries;
mod bots;
mod chats;
mod common;
mod contacts;
mod history;
mod invites;
mod media;
mod media_album;
mod media_bound;
mod media_input;
mod members;
mod messages;
mod options;
mod paged;
pub(crate) mod pins;
mod users;

pub use bot_queries::{InlineArticle, InlineResults};
pub use bots::{BotCommand, CommandScope};
pub use contacts::InputContact;
pub use invites::InviteLinkOptions;
pub use media::{MediaOptions, MediaSource};
pub use media_album::{ALBUM_MAX, AlbumItem};
pub use members::MemberFilter;
pub use options::{ParseMode, SendOptions};
pub use paged::Paged;
pub use pins::PinOptions;
