//! pyro-test-dc: a local MTProto server over an in-memory Telegram, for tests, benchmarks and
//! the demo.
//!
//! This crate's heart is [`Telegram`], a sans-IO model of Telegram's API: it takes the body of
//! an MTProto request (a boxed TL function, with or without `invokeWithLayer` /
//! `initConnection` / `invokeWithoutUpdates` / `invokeAfterMsg(s)` around it) together with the
//! auth key it came on, and returns the answer bytes or a typed [`RpcError`]. Live updates for
//! every auth key are queued as serialized `Updates` objects ([`Telegram::take_updates`]); the
//! network half encrypts and pushes them.
//!
//! What it models: login by code (the code is read through [`Telegram::login_codes`]), sign-up,
//! 2FA with real SRP-2048, login by QR code, bots, authorization export/import across DCs, users
//! and contacts, private chats and channels/supergroups with history, search, dialogs, edits, deletions,
//! forwards and read receipts, file upload and download with Telegram's size rules, and the
//! update boxes (`pts`, `seq`, `getDifference`, `getChannelDifference`). [`Faults`] inject flood
//! waits, migrations (STATS_MIGRATE too), internal errors (`500`, `-503`) and lost live updates. A [`Seed`] (built in code or read from JSON) says
//! what exists at start; the clock and the generator are injected, so runs repeat exactly.
//!
//! The network half serves the model as real MTProto DCs on 127.0.0.1: [`TestDc::builder`]
//! starts one to five DCs (every codec, the server side of the key exchange, encrypted sessions
//! through `pyro-session`'s server, auth keys kept across connections, temporary keys and
//! `auth.bindTempAuthKey`, live updates pushed to every connection of an authorization), with
//! network faults ([`NetFaults`]) beside the model's [`Faults`]. The `pyro-test-dc` binary runs it
//! standalone; Telethon 1.45.0 is checked against it (`tests/interop.rs`). [`proxy`] puts a
//! SOCKS5, HTTP CONNECT or MTProxy proxy in front of it.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use pyro_test_dc::{CallContext, DcAddress, ManualClock, Options, Seed, SeedUser, Telegram};
//! use pyro_tl_types::api::{enums, functions, types};
//! use pyro_tl_types::{Deserializable, Serializable};
//!
//! let seed = Seed::new().user(SeedUser::person("alice", "15550001", "Alice").login_code("12345"));
//! let options = Options {
//!     dcs: vec![DcAddress { id: 2, ip: "127.0.0.1".into(), port: 4430 }],
//!     clock: Arc::new(ManualClock::new(1_700_000_000)),
//!     rng_seed: 7,
//! };
//! let telegram = Telegram::new(&seed, options)?;
//! let ctx = CallContext { dc_id: 2, auth_key_id: 0x1234, session_id: 1 };
//!
//! let send_code = functions::auth::SendCode {
//!     phone_number: "15550001".into(),
//!     api_id: 1,
//!     api_hash: "hash".into(),
//!     settings: enums::CodeSettings::default(),
//! };
//! let sent = telegram.call(&ctx, &send_code.to_bytes()).into_result()?;
//! let enums::auth::SentCode::SentCode(sent) = enums::auth::SentCode::from_bytes(&sent)? else {
//!     panic!("expected auth.sentCode");
//! };
//! let sign_in = functions::auth::SignIn {
//!     phone_number: "15550001".into(),
//!     phone_code_hash: sent.phone_code_hash,
//!     phone_code: telegram.last_login_code("15550001"),
//!     email_verification: None,
//! };
//! telegram.call(&ctx, &sign_in.to_bytes()).into_result()?;
//! assert_eq!(telegram.authorized_user(0x1234), telegram.user_id_by_phone("15550001"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
pub mod faults_net;
mod net;
pub mod proxy;
mod seed;
mod telegram;

pub use error::{RPC_ERROR_ID, RpcError, SeedError};
pub use faults_net::{NetFaults, TransportFault, UpdateShuffle};
pub use net::{DcInfo, KeySource, NetError, ServerKey, TEST_ONLY_KEY_PEM, TestDc, TestDcBuilder};
pub use seed::{Seed, SeedChannel, SeedFile, SeedMessage, SeedUser};
pub use telegram::{
    ANSWER_LATER, AppInfo, CallContext, Clock, ConnectionInfo, DcAddress, Faults, FloodWaitRule,
    InternalErrorRule, InternalFailure, Limits, LogLine, LoginCode, ManualClock, MigrateKind,
    MigrateRule, Options, Outcome, SystemClock, Telegram,
};
