//! High-level types built from raw TL: users, chats, messages and more.
