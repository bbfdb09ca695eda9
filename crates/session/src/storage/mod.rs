//! Persistent session storage: the [`SessionStore`] trait, its SQLite and in-memory
//! implementations, and session strings.
//!
//! - [`types`] and [`peer`]: the values stored.
//! - [`SqliteStore`] (module `sqlite`): the default store, one SQLite file in WAL mode.
//! - [`MemoryStore`] (module `memory`): the same behaviour, in memory.
//! - [`strings`]: export and import of session strings (pyro's own, Pyrogram's, Telethon's).
//! - [`error`]: the one error enum, [`StorageError`].

pub mod error;
mod memory;
pub mod peer;
mod sqlite;
pub mod strings;
pub mod types;

pub use error::{StorageError, StringDefect, StringFormat};
pub use memory::MemoryStore;
pub use peer::{CachedPeer, PeerId, PeerKind, PeerType};
pub use sqlite::{SCHEMA_VERSION, SqliteStore};
pub use strings::SessionData;
pub use types::{AUTH_KEY_LEN, AuthKey, DcFlags, DcOption, LoggedInUser, TempAuthKey, UpdateState};

use error::Result;

/// Where a client keeps everything that must survive a restart.
///
/// The trait is synchronous and object-safe (`Arc<dyn SessionStore>`). Every call is short: the
/// in-memory store only takes a mutex; the SQLite store runs a few indexed statements on one
/// connection, so a call costs microseconds, plus an fsync for the writes that must survive a power
/// cut (auth keys, home DC, user). Async code may call it directly for single reads and writes;
/// a large [`SessionStore::upsert_peers`] batch should go through `tokio::task::spawn_blocking`
/// or another blocking-safe context, as the client does.
///
/// Implementations are `Send + Sync` and safe to share between tasks and threads; each call is
/// atomic (a batch is one transaction).
pub trait SessionStore: Send + Sync {
    /// Every stored DC option, in the order they were given.
    fn dc_options(&self) -> Result<Vec<DcOption>>;
    /// Replaces all DC options (with the list from a fresh `help.getConfig`).
    fn set_dc_options(&self, options: &[DcOption]) -> Result<()>;

    /// The DC the account lives in, once known.
    fn home_dc(&self) -> Result<Option<i32>>;
    /// Records the home DC (after login or a `*_MIGRATE_X` error).
    fn set_home_dc(&self, dc_id: i32) -> Result<()>;

    /// Whether the session belongs to Telegram's test servers.
    fn test_mode(&self) -> Result<bool>;
    /// Records whether the session belongs to the test servers.
    fn set_test_mode(&self, test_mode: bool) -> Result<()>;

    /// The permanent auth key for a DC.
    fn auth_key(&self, dc_id: i32) -> Result<Option<AuthKey>>;
    /// Stores (`Some`) or deletes (`None`) the permanent auth key for a DC.
    fn set_auth_key(&self, dc_id: i32, key: Option<&AuthKey>) -> Result<()>;

    /// The temporary auth key for a DC, expired or not (the caller compares with its clock).
    fn temp_auth_key(&self, dc_id: i32) -> Result<Option<TempAuthKey>>;
    /// Stores (`Some`) or deletes (`None`) the temporary auth key for a DC.
    fn set_temp_auth_key(&self, dc_id: i32, key: Option<&TempAuthKey>) -> Result<()>;

    /// Server time minus local time in seconds, as a DC last reported it (the key exchange, or a
    /// `bad_msg_notification` that corrected the client's clock), so a restarted client makes
    /// its first message ids on the server's clock. `None` until one is recorded.
    ///
    /// The default keeps nothing (always `None`): a store that does not implement the pair
    /// still works, and the client learns the offset again from the server's first correction.
    fn time_offset(&self) -> Result<Option<i32>> {
        Ok(None)
    }
    /// Records the clock offset (called when it changes; not flushed to disk with the care
    /// of auth keys: losing the last value only costs one correction round).
    fn set_time_offset(&self, offset_secs: i32) -> Result<()> {
        let _ = offset_secs;
        Ok(())
    }

    /// The logged-in account.
    fn user(&self) -> Result<Option<LoggedInUser>>;
    /// Records (`Some`) or forgets (`None`, on logout) the logged-in account.
    fn set_user(&self, user: Option<&LoggedInUser>) -> Result<()>;

    /// Inserts or updates many peers in one transaction (see [`CachedPeer`] for the merge rules).
    fn upsert_peers(&self, peers: &[CachedPeer]) -> Result<()>;
    /// A cached peer by id.
    fn peer(&self, id: PeerId) -> Result<Option<CachedPeer>>;
    /// A cached peer by username, compared case-insensitively (ASCII), without `@`.
    fn peer_by_username(&self, username: &str) -> Result<Option<CachedPeer>>;
    /// A cached peer by phone number.
    fn peer_by_phone(&self, phone: &str) -> Result<Option<CachedPeer>>;
    /// How many peers are cached.
    fn peer_count(&self) -> Result<u64>;

    /// The common update state, once the client has one.
    fn update_state(&self) -> Result<Option<UpdateState>>;
    /// Records the common update state.
    fn set_update_state(&self, state: &UpdateState) -> Result<()>;

    /// The pts of one channel's update box.
    fn channel_pts(&self, channel_id: i64) -> Result<Option<i32>>;
    /// Records the pts of one channel's update box.
    fn set_channel_pts(&self, channel_id: i64, pts: i32) -> Result<()>;
    /// Every channel's pts, ordered by channel id.
    fn all_channel_pts(&self) -> Result<Vec<(i64, i32)>>;
}
