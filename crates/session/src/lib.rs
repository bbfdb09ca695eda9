//! pyro-session: the MTProto session engine and the persistent session storage of pyro.
//!
//! # The session engine
//!
//! [`engine::Engine`] is the client side of one MTProto session as a sans-IO state machine (after
//! quinn-proto): requests (serialized TL functions) go in, encrypted packets come out of
//! `poll_transmit`; packets from the server go into `handle_incoming`, results and updates come
//! out of `poll_event`; timers are `poll_timeout` / `handle_timeout`. The clock ([`engine::Now`]:
//! a monotonic instant and unix time) and the randomness (a seeded [`engine::Drbg`]) are passed
//! in, so every test is deterministic. It does what MTProto asks of a session:
//!
//! - message ids from the server-corrected clock (strictly increasing, divisible by 4), seq_nos by
//!   the content-related rule, `msg_container` packing (at most 1020 messages, about 1 MiB),
//!   `gzip_packed` for large requests when it pays (never for file parts);
//! - incoming checks: session id, odd server msg_id, a time window of -300 s / +30 s around the
//!   corrected clock, duplicates dropped; containers, `gzip_packed` (bounded inflate) and
//!   `msg_copy` unwrapped;
//! - every service message: `rpc_result` (with `rpc_error` parsed into [`engine::RpcError`]:
//!   `FLOOD_WAIT_17` is name `FLOOD_WAIT`, value 17), acks (timed and piggy-backed),
//!   `bad_server_salt`, `bad_msg_notification` (clock resync on 16/17, seq_no fix on 32/33,
//!   resend on 48/64, failure otherwise), `new_session_created`, `msg_detailed_info`,
//!   `msgs_state_req`, `msg_resend_req`, `future_salts` (prefetched before the salt expires),
//!   keepalive `ping_delay_disconnect`, `destroy_session`, `rpc_drop_answer` on cancellation;
//! - a request that heard nothing back (no ack, no answer) for
//!   [`EngineConfig::state_request_after`](engine::EngineConfig::state_request_after) is asked
//!   about with its own `msgs_state_req`: not received -> resent, answered -> its answer asked
//!   for again (`msg_resend_ans_req`), running -> waited for;
//! - what `auth.bindTempAuthKey` needs: a request whose body is built for the msg_id it goes out
//!   under ([`engine::Engine::request_bound`]), a request every other one waits behind
//!   ([`engine::Engine::send_first`]) and moving the session to a new key with its unanswered
//!   requests ([`engine::Engine::switch_key`]);
//! - reconnects ([`engine::Engine::connected`]): every unanswered request is resent under a new
//!   msg_id, and every request ends exactly once — a result, an error, a timeout or a
//!   cancellation.
//!
//! [`server::ServerSession`] is the other end of one session, as a Telegram DC runs it: it
//! checks client packets, answers service messages itself and hands RPC calls to its caller. The
//! tests pair the two in memory; the test DC will put its in-memory Telegram behind it.
//!
//! [`driver`] is the thin tokio layer: it owns the connection (pyro-transport), the timers, the
//! clock and the OS RNG, reconnects with exponential backoff and jitter, and hands out a cloneable
//! [`driver::Client`] with `invoke(bytes) -> Result<Vec<u8>, _>` (dropping the call cancels the
//! request). [`driver::create_auth_key`] creates an auth key over the plain channel of a fresh
//! connection with pyro-mtproto-crypto's client typestates. With
//! [`driver::DriverConfig::pfs`] the driver runs the session over temporary keys (perfect
//! forward secrecy): it makes one, binds it to the permanent key with `auth.bindTempAuthKey` as
//! the first request of its session, renews it before it expires and replaces it at once when
//! the server forgets it, without losing a queued request. [`driver::Client::state`] reports the
//! connection, the salt and clock offset to store, and the temporary key.
//!
//! [`pfs`] builds the binding sans-IO: `bind_auth_key_inner` in an MTProto 1.0 message under the
//! permanent key, inside a hand-encoded `auth.bindTempAuthKey` (the crate compiles only the
//! MTProto schema; a test checks the bytes against the generated API type).
//!
//! The engine's example (a round trip through the server counterpart) is on
//! [`engine::Engine`].
//!
//! # Session storage
//!
//! The storage part, [`storage`], holds everything a client must keep between runs so it does
//! not log in again.
//!
//! # What is stored
//!
//! A [`SessionStore`] holds
//! - the DC options from `help.getConfig` ([`DcOption`], with Telegram's `dcOption` flags),
//! - the permanent auth key of each DC ([`AuthKey`], 256 bytes) and the temporary (PFS) key of each
//!   DC with its expiry ([`TempAuthKey`]),
//! - the home DC, the test-mode flag and the logged-in user ([`LoggedInUser`]),
//! - the peer cache ([`CachedPeer`]: id, kind, access hash, username, phone, last seen, updated),
//!   filled in batches by [`SessionStore::upsert_peers`],
//! - the update state ([`UpdateState`]: pts, qts, date, seq) and each channel's pts.
//!
//! # The two stores
//!
//! - [`SqliteStore`] is the default: one SQLite file (SQLite is compiled in), WAL mode, created
//!   with mode 0600 on Unix, schema versioned and migrated on open ([`SCHEMA_VERSION`]). A file is
//!   open in one store at a time: a second [`SqliteStore::open`], from this process or another,
//!   fails with [`StorageError::AlreadyOpen`], because two connections sharing one auth key make
//!   Telegram revoke it (`AUTH_KEY_DUPLICATED`).
//! - [`MemoryStore`] keeps the same data in memory, for tests and for sessions that live in a
//!   session string.
//!
//! The trait is synchronous, object-safe and `Send + Sync`: share one `Arc<dyn SessionStore>`
//! between tasks. Calls are short (a mutex and a few indexed statements); see [`SessionStore`] for
//! when to move a call to a blocking thread.
//!
//! # Session strings
//!
//! [`SessionData`] is a login in one line: [`SessionData::to_pyro_string`] exports pyro's format,
//! [`SessionData::parse`] imports pyro's, Pyrogram's and Telethon's. Pyrogram strings carry no
//! address; the DC id is mapped to Telegram's well-known addresses.
//!
//! # Errors
//!
//! Every failure is a [`StorageError`]: a corrupt or foreign database file, a too-new schema, a
//! malformed session string or a key of the wrong length is a typed error, never a panic.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use pyro_session::{
//!     AuthKey, CachedPeer, LoggedInUser, PeerId, PeerKind, SessionData, SessionStore, SqliteStore,
//!     StorageError,
//! };
//!
//! # fn main() -> Result<(), StorageError> {
//! let dir = tempfile::tempdir().map_err(|e| StorageError::Io { path: "tmp".into(), source: e })?;
//! let path = dir.path().join("me.session");
//!
//! // Log in (the engine provides the key), then remember everything.
//! let store: Arc<dyn SessionStore> = Arc::new(SqliteStore::open(&path)?);
//! store.set_home_dc(2)?;
//! store.set_auth_key(2, Some(&AuthKey::new([7; 256])))?;
//! store.set_user(Some(&LoggedInUser { id: 777_000, bot: false }))?;
//! store.upsert_peers(&[CachedPeer {
//!     id: 42,
//!     kind: PeerKind::User,
//!     access_hash: Some(-5),
//!     username: Some("Durov".into()),
//!     phone: None,
//!     last_seen: None,
//!     updated_at: 1_700_000_000,
//! }])?;
//!
//! // The same file cannot be opened twice at once.
//! assert!(matches!(SqliteStore::open(&path), Err(StorageError::AlreadyOpen { .. })));
//!
//! // Export the login as a session string and import it into an in-memory store.
//! let exported = SessionData::from_store(&*store)?.to_pyro_string();
//! let memory = pyro_session::MemoryStore::new();
//! SessionData::parse(&exported)?.1.apply_to(&memory)?;
//! assert_eq!(memory.auth_key(2)?, store.auth_key(2)?);
//!
//! // After a restart everything is still there.
//! drop(store);
//! let store = SqliteStore::open(&path)?;
//! let durov = store.peer_by_username("durov")?.expect("cached");
//! assert_eq!(durov.peer_id(), PeerId::user(42));
//! # Ok(())
//! # }
//! ```

pub mod driver;
pub mod engine;
pub mod pfs;
pub mod server;
pub mod storage;

pub use storage::{
    AUTH_KEY_LEN, AuthKey, CachedPeer, DcFlags, DcOption, LoggedInUser, MemoryStore, PeerId,
    PeerKind, PeerType, SCHEMA_VERSION, SessionData, SessionStore, SqliteStore, StorageError,
    StringDefect, StringFormat, TempAuthKey, UpdateState,
};
