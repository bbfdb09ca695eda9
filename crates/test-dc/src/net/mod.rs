//! The network half: the in-memory [`Telegram`] served as real MTProto DCs on 127.0.0.1.
//!
//! [`TestDc::builder`] starts one to five DCs in this process, each with its own listener and
//! RSA key. A connection may use any codec (abridged, intermediate, padded intermediate, full,
//! obfuscated2); it creates auth keys with the server side of the key exchange (all four
//! `p_q_inner_data` forms, RSA_PAD and the legacy scheme), and its encrypted packets go through
//! a [`pyro_session::server::ServerSession`] (salts, `new_session_created`, acks, containers,
//! gzip, pings, future salts, `bad_msg_notification`, `rpc_result`). Auth keys live as long as
//! the server, across connections; temporary keys expire and may be bound to permanent ones
//! with `auth.bindTempAuthKey`. Live updates the model queues are pushed to every connection
//! of the authorization, woken by the model's update listener (no polling).
//!
//! Network faults ([`NetFaults`]) drop, delay and reorder, storm salts, skew the clock, send
//! transport errors and shuffle live updates; RPC faults are the model's [`Faults`].
//!
//! DH secrets come from a pool refilled by a background thread (see [`ServerKey`] for keys).
//!
//! [`TestDc`] has a runnable example; the binary `pyro-test-dc` serves the same for other
//! clients.

mod bind;
mod builder;
mod conn;
mod dc;
mod error;
mod keys;
mod plain;
mod registry;
mod server;
mod update_router;

pub use builder::{KeySource, TestDcBuilder};
pub(crate) use conn::strip_padding;
pub use error::NetError;
pub use keys::{ServerKey, TEST_ONLY_KEY_PEM};
pub use server::{DcInfo, TestDc};

#[cfg(doc)]
use crate::{Faults, NetFaults, Telegram};
