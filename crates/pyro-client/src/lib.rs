//! pyro-client: a Telegram client library and framework speaking MTProto straight to Telegram's
//! servers, for user accounts and bots.
//!
//! This crate is the facade of pyro's crate chain (`tl-types -> mtproto-crypto -> transport ->
//! session -> pyro-client`). Its guide is written as its parts land; each module below says what
//! it holds.

pub mod auth;
pub mod client;
pub mod file_id;
pub mod filters;
pub mod methods;
pub mod peers;
pub mod text;
pub mod types;
pub mod updates;
