//! The in-memory Telegram: a sans-IO model that takes decoded RPC requests (the bodies inside
//! MTProto messages) from an auth key and answers them, and queues the live updates each auth
//! key should be pushed.
//!
//! The model is shared as `Arc<Telegram>`; one internal lock orders every call, so answers and
//! updates come out in one consistent order. Time and randomness are injected ([`Options`]).
//!
//! Folders by area: `auth` (login, 2FA, bots, export/import), `config` (`help.*`), `users`
//! (`users.*`, `contacts.*`), `messages`, `channels`, `chats` (basic groups, admin records and
//! rights), `invites` (invite links), `files` (`upload.*`), `updates` (pts bookkeeping,
//! fan-out, `updates.*`), `bots` (commands, callback and inline queries, reply markup),
//! `reactions`, `account` (online status).

mod account;
mod api;
mod auth;
mod bots;
mod channels;
mod chats;
mod config;
mod dispatch;
pub(crate) mod env;
mod faults;
mod files;
mod invites;
mod messages;
mod model;
mod reactions;
mod render;
mod resolve;
mod seeding;
pub(crate) mod state;
mod updates;
mod users;

pub use api::{
    ANSWER_LATER, CallContext, ConnectionInfo, DcAddress, Limits, LogLine, LoginCode, Options,
    Outcome, Telegram,
};
pub use env::{Clock, ManualClock, SystemClock};
pub use faults::{
    Faults, FloodWaitRule, InternalErrorRule, InternalFailure, MigrateKind, MigrateRule,
};
pub use state::AppInfo;
