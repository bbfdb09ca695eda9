//! High-level methods on [`crate::Client`], grouped as Pyrogram groups them: messages, chats, users,
//! contacts, bots and invite links.
