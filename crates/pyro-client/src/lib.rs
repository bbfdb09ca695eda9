//! pyro-client: a Telegram client library and framework speaking MTProto straight to Telegram's
//! servers, for user accounts and bots.
//!
//! This crate is the facade of pyro's crate chain (`tl-types -> mtproto-crypto -> transport ->
//! session -> pyro-client`).
//!
//! # The client
//!
//! [`Client::builder`] takes the app's `api_id` and `api_hash` (from my.telegram.org) and every
//! setting: where the session lives (a SQLite file by default, [`ClientBuilder::in_memory`], or
//! any [`SessionStore`]), the [`Transport`] (abridged by default; intermediate, padded, full,
//! obfuscated), a proxy (SOCKS5, HTTP, or an MTProxy link), test mode or hand-given DC addresses
//! and RSA keys, the device description for `initConnection`, IPv6, the flood sleep threshold
//! (10 s), the request timeout, the [`RetryPolicy`] and perfect forward secrecy
//! ([`ClientBuilder::pfs`]: sessions over bound temporary keys). [`ClientBuilder::connect`] opens the
//! store, creates (or loads) the home DC's auth key and fetches `help.getConfig`.
//!
//! [`Client::invoke`] sends any TL function of the generated API ([`tl`]) and returns its typed
//! answer. The first call of every session is wrapped in `invokeWithLayer(initConnection(...))`;
//! `*_MIGRATE_X` answers are followed (the home DC moves and is stored for phone, network and
//! user migrations); flood waits at or below the threshold are slept through, longer ones are
//! [`Error::FloodWait`]; internal server errors are retried with backoff.
//! [`Client::invoke_in_dc`] and [`Client::invoke_media`] reach other DCs and the media sessions
//! for file parts, importing the account's authorization there by themselves. Every failure is
//! one [`Error`]: RPC errors as data ([`RpcError`]: code, name, value) with named variants for the
//! common ones, then transport, protocol, configuration and storage errors.
//!
//! # Example
//!
//! A client against pyro's embedded test DC (`pyro-test-dc`, two DCs on 127.0.0.1), logged in
//! as a bot with the raw `auth.importBotAuthorization`:
//!
//! ```
//! use pyro_client::tl::{enums, functions};
//! use pyro_client::{Client, Error};
//! use pyro_test_dc::{Seed, SeedUser, TestDc};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let runtime = tokio::runtime::Runtime::new()?;
//! # runtime.block_on(async {
//! let seed = Seed::new().user(SeedUser::bot("helper", "42:TOKEN", "Helper"));
//! let dc = TestDc::builder().seed(seed).dcs(2).start().await?;
//!
//! let mut builder = Client::builder(12345, "0123456789abcdef").in_memory();
//! for info in dc.dcs() {
//!     builder = builder.dc(info.id, info.addr).rsa_key_pem(info.public_pem.clone());
//! }
//! let client = builder.connect().await?;
//!
//! // Not logged in yet: a typed error.
//! let me = functions::users::GetUsers { id: vec![enums::InputUser::InputUserSelf] };
//! assert!(matches!(client.invoke(&me).await, Err(Error::AuthKeyUnregistered)));
//!
//! let login = functions::auth::ImportBotAuthorization {
//!     flags: 0,
//!     api_id: client.api_id(),
//!     api_hash: client.api_hash().to_owned(),
//!     bot_auth_token: "42:TOKEN".to_owned(),
//! };
//! client.invoke(&login).await?;
//! let users = client.invoke(&me).await?;
//! assert!(matches!(&users[..], [enums::User::User(bot)] if bot.bot));
//!
//! // Another DC: the authorization is exported and imported by the client.
//! let nearest = client.invoke_in_dc(2, &functions::help::GetNearestDc {}).await?;
//! let enums::NearestDc::NearestDc(nearest) = nearest;
//! assert_eq!(nearest.this_dc, 2);
//! # dc.shutdown().await;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })
//! # }
//! ```
//!
//! # Modules
//!
//! [`client`] is the core described above; the other modules (login flows, peers, text,
//! high-level types, filters, updates, methods, file ids) build on it.

pub mod auth;
pub mod client;
pub mod file_id;
pub mod files;
pub mod filters;
pub mod methods;
pub mod peers;
pub mod text;
pub mod types;
pub mod updates;

pub use client::{
    Client, ClientBuilder, DcEndpoint, DeviceInfo, Error, MigrateKind, RawUpdate, RawUpdates,
    RetryPolicy, RpcError, Sleeper, Transport,
};
pub use pyro_session::{MemoryStore, SessionStore, SqliteStore};
/// The generated TL API (functions, types, enums of the current layer).
pub use pyro_tl_types::api as tl;
pub use pyro_tl_types::{LAYER, RemoteCall};
