//! [`Error`]: the one error of pyro-client, grouped by who is at fault — the server's answer
//! (RPC errors, as data and as named variants for the common ones), the network, the caller's
//! configuration, local storage.

use std::fmt;
use std::path::PathBuf;

use pyro_session::StorageError;
use pyro_session::driver::DriverError;
use pyro_session::engine::{EngineError, RequestError};
use pyro_tl_types::DeserializeError;
use pyro_transport::TransportError;

pub use pyro_session::engine::RpcError;

/// Which `*_MIGRATE_X` error the server answered (core.telegram.org/api/datacenter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MigrateKind {
    /// `PHONE_MIGRATE_X`: the phone number's account lives on DC X (the home DC changes).
    Phone,
    /// `NETWORK_MIGRATE_X`: the client's network should use DC X (the home DC changes).
    Network,
    /// `USER_MIGRATE_X`: the account lives on DC X (the home DC changes).
    User,
    /// `FILE_MIGRATE_X`: the file lives on DC X (only this request goes there).
    File,
    /// `STATS_MIGRATE_X`: the statistics live on DC X (only this request goes there).
    Stats,
}

impl MigrateKind {
    /// The kind named by an RPC error name (`PHONE_MIGRATE` ...), if it is a migration.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "PHONE_MIGRATE" => Self::Phone,
            "NETWORK_MIGRATE" => Self::Network,
            "USER_MIGRATE" => Self::User,
            "FILE_MIGRATE" => Self::File,
            "STATS_MIGRATE" => Self::Stats,
            _ => return None,
        })
    }

    /// Whether following this migration moves the account's home DC (phone, network, user),
    /// rather than sending one request elsewhere (file, stats).
    pub fn changes_home(self) -> bool {
        matches!(self, Self::Phone | Self::Network | Self::User)
    }
}

impl fmt::Display for MigrateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Phone => "PHONE",
            Self::Network => "NETWORK",
            Self::User => "USER",
            Self::File => "FILE",
            Self::Stats => "STATS",
        })
    }
}

/// Everything a pyro-client call can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // ----- The server answered with an error. -----
    /// `420 FLOOD_WAIT_X` (also `FLOOD_PREMIUM_WAIT_X`) above the client's flood sleep
    /// threshold: wait this many seconds before calling again.
    #[error("flood wait: Telegram asks to wait {seconds} s before calling {method} again")]
    FloodWait {
        /// The wait asked for.
        seconds: u32,
        /// The TL name of the refused method.
        method: &'static str,
    },
    /// `SLOWMODE_WAIT_X` above the flood sleep threshold: the chat's slow mode allows the next
    /// message in this many seconds.
    #[error("slow mode: the chat accepts the next message in {seconds} s")]
    SlowmodeWait {
        /// The wait asked for.
        seconds: u32,
    },
    /// `PEER_ID_INVALID`: Telegram does not know the peer under that id for this account (its
    /// access hash is missing or wrong, or it was never seen).
    #[error(
        "PEER_ID_INVALID: Telegram does not know this peer for this account (it was never seen, \
         or its access hash is wrong)"
    )]
    PeerIdInvalid,
    /// A `*_MIGRATE_X` error that could not be followed (the redirect limit was reached).
    #[error("{kind}_MIGRATE_{dc}: the request belongs on DC {dc}")]
    Migrate {
        /// Which migration.
        kind: MigrateKind,
        /// The DC the server points to.
        dc: i32,
    },
    /// `401 AUTH_KEY_UNREGISTERED`: the session is not logged in (log in first).
    #[error("AUTH_KEY_UNREGISTERED: this session is not logged in")]
    AuthKeyUnregistered,
    /// `401 SESSION_PASSWORD_NEEDED`: the account has two-step verification; check the password.
    #[error("SESSION_PASSWORD_NEEDED: the account's two-step verification password is needed")]
    SessionPasswordNeeded,
    /// `406 AUTH_KEY_DUPLICATED`: the auth key was used from two places at once and Telegram
    /// revoked it; the session must log in again.
    #[error("AUTH_KEY_DUPLICATED: the session was used from two places at once and is revoked")]
    AuthKeyDuplicated,
    /// `400 RANDOM_ID_DUPLICATE`: a send (`messages.sendMessage`, `sendMedia`,
    /// `forwardMessages`, ...) with this `random_id` already ran for the account, so Telegram
    /// did not run it again. pyro draws a fresh `random_id` for every send and resends the same
    /// bytes when an answer is lost (a `-503`/internal error after the send ran, a dropped
    /// connection), so this means an earlier attempt of *this* call was delivered: the message
    /// exists once (it is in the chat's history and the account's updates) and must not be sent
    /// again.
    #[error(
        "RANDOM_ID_DUPLICATE: this {method} already ran on an earlier attempt whose answer was          lost; the message exists once and was not sent again"
    )]
    AlreadySent {
        /// The TL name of the send.
        method: &'static str,
    },
    /// Any other RPC error, as data (code, name, numeric value, message).
    #[error(transparent)]
    Rpc(RpcError),

    /// A login step cannot go on for a reason the server did not give as an RPC error (see
    /// [`LoginProblem`](crate::auth::LoginProblem)).
    #[error("login: {0}")]
    Login(#[from] crate::auth::LoginProblem),

    // ----- The network or the server misbehaved. -----
    /// Connecting or talking to a DC failed. A request that waited while its DC could not be
    /// reached ends with the last connect error (the proxy's refusal, the socket error), at
    /// once when retrying cannot help (a proxy refused), else after the request timeout.
    #[error("transport: {0}")]
    Transport(#[from] TransportError),
    /// The key exchange with a DC failed (a check on the server's answers failed).
    #[error("key exchange with DC {dc}: {source}")]
    KeyExchange {
        /// The DC.
        dc: i32,
        /// What failed.
        source: DriverError,
    },
    /// The request got no answer within the request timeout, over a connection that was up
    /// (or coming up).
    #[error("no answer within the request timeout")]
    Timeout,
    /// The session layer gave up on the request (refused message, too many resends, a
    /// malformed answer).
    #[error("protocol: {0}")]
    Protocol(RequestError),
    /// The session layer failed in another way (the key exchange's checks, ...).
    #[error("session: {0}")]
    Session(DriverError),
    /// An answer did not decode as the request's return type.
    #[error("the answer does not decode: {0}")]
    Decode(#[from] DeserializeError),

    // ----- The caller or its configuration. -----
    /// The builder's settings cannot work (a bad proxy link, no address for the home DC, ...).
    #[error("configuration: {0}")]
    Config(String),
    /// No address is known for this DC.
    #[error("no address known for DC {0}")]
    UnknownDc(i32),
    /// A request the session layer refused before sending (too large, not a TL value).
    #[error("request refused: {0}")]
    Request(#[from] EngineError),
    /// A peer could not be resolved ([`crate::peers::PeerError`]: never seen, no access hash,
    /// no such username, ...); the message says why and what to do.
    #[error(transparent)]
    Peer(#[from] crate::peers::PeerError),
    /// The client was shut down.
    #[error("the client has been shut down")]
    Closed,

    // ----- Local storage. -----
    /// The session file is already open, in this process or another: two clients on one auth key
    /// would make Telegram revoke it (`AUTH_KEY_DUPLICATED`).
    #[error(
        "the session file {} is already in use by another client (in this or another process); \
         close it first or use another session file",
        path.display()
    )]
    SessionInUse {
        /// The session file.
        path: PathBuf,
    },
    /// Reading or writing the session store failed.
    #[error("session storage: {0}")]
    Storage(StorageError),
    /// The OS random number generator failed.
    #[error("the OS random number generator failed")]
    Random,
}

impl From<StorageError> for Error {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::AlreadyOpen { path } => Self::SessionInUse { path },
            other => Self::Storage(other),
        }
    }
}

impl Error {
    /// The typed error for an RPC error the client does not handle itself. `method` is the TL
    /// name of the refused request.
    pub fn from_rpc(err: RpcError, method: &'static str) -> Self {
        let value = err.value.unwrap_or(0);
        match err.name.as_str() {
            "FLOOD_WAIT" | "FLOOD_PREMIUM_WAIT" if err.value.is_some() => Self::FloodWait {
                seconds: value,
                method,
            },
            "SLOWMODE_WAIT" if err.value.is_some() => Self::SlowmodeWait { seconds: value },
            "PEER_ID_INVALID" => Self::PeerIdInvalid,
            "AUTH_KEY_UNREGISTERED" => Self::AuthKeyUnregistered,
            "SESSION_PASSWORD_NEEDED" => Self::SessionPasswordNeeded,
            "AUTH_KEY_DUPLICATED" => Self::AuthKeyDuplicated,
            "RANDOM_ID_DUPLICATE" => Self::AlreadySent { method },
            name => match (MigrateKind::from_name(name), err.value) {
                (Some(kind), Some(dc)) => Self::Migrate {
                    kind,
                    dc: dc as i32,
                },
                _ => Self::Rpc(err),
            },
        }
    }

    /// The RPC error's name (`FLOOD_WAIT`, `PEER_ID_INVALID`, ...) when the server answered with
    /// one, named variant or not.
    pub fn rpc_name(&self) -> Option<&str> {
        Some(match self {
            Self::FloodWait { .. } => "FLOOD_WAIT",
            Self::SlowmodeWait { .. } => "SLOWMODE_WAIT",
            Self::PeerIdInvalid => "PEER_ID_INVALID",
            Self::AuthKeyUnregistered => "AUTH_KEY_UNREGISTERED",
            Self::SessionPasswordNeeded => "SESSION_PASSWORD_NEEDED",
            Self::AuthKeyDuplicated => "AUTH_KEY_DUPLICATED",
            Self::AlreadySent { .. } => "RANDOM_ID_DUPLICATE",
            Self::Migrate { kind, .. } => match kind {
                MigrateKind::Phone => "PHONE_MIGRATE",
                MigrateKind::Network => "NETWORK_MIGRATE",
                MigrateKind::User => "USER_MIGRATE",
                MigrateKind::File => "FILE_MIGRATE",
                MigrateKind::Stats => "STATS_MIGRATE",
            },
            Self::Rpc(e) => e.name.as_str(),
            Self::Peer(e) if e.is_peer_id_invalid() => "PEER_ID_INVALID",
            _ => return None,
        })
    }

    /// Whether this is the RPC error `name` (`err.is_rpc("USERNAME_NOT_OCCUPIED")`).
    pub fn is_rpc(&self, name: &str) -> bool {
        self.rpc_name() == Some(name)
    }
}

/// Maps a session driver's failure of one request.
pub(crate) fn from_driver(e: DriverError, method: &'static str) -> Error {
    match e {
        DriverError::Request(RequestError::Rpc(rpc)) => Error::from_rpc(rpc, method),
        DriverError::Request(RequestError::Timeout) => Error::Timeout,
        DriverError::Request(RequestError::SessionClosed) | DriverError::Stopped => Error::Closed,
        DriverError::Request(other) => Error::Protocol(other),
        DriverError::Engine(e) => Error::Request(e),
        DriverError::Transport(e) => Error::Transport(e),
        DriverError::Random => Error::Random,
        other => Error::Session(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpc_errors_map_to_named_variants() {
        let flood = Error::from_rpc(RpcError::new(420, "FLOOD_WAIT_17"), "help.getConfig");
        assert!(matches!(flood, Error::FloodWait { seconds: 17, .. }));
        let migrate = Error::from_rpc(RpcError::new(303, "FILE_MIGRATE_4"), "upload.getFile");
        assert!(matches!(
            migrate,
            Error::Migrate {
                kind: MigrateKind::File,
                dc: 4
            }
        ));
        assert!(
            Error::from_rpc(RpcError::new(400, "PEER_ID_INVALID"), "x").is_rpc("PEER_ID_INVALID")
        );
        let other = Error::from_rpc(RpcError::new(400, "USERNAME_INVALID"), "x");
        assert!(matches!(&other, Error::Rpc(e) if e.code == 400));
        assert!(other.is_rpc("USERNAME_INVALID"));
        assert!(Error::Timeout.rpc_name().is_none());
        let sent = Error::from_rpc(
            RpcError::new(400, "RANDOM_ID_DUPLICATE"),
            "messages.sendMessage",
        );
        assert!(matches!(
            sent,
            Error::AlreadySent {
                method: "messages.sendMessage"
            }
        ));
        assert!(sent.is_rpc("RANDOM_ID_DUPLICATE"));
    }

    #[test]
    fn already_open_store_is_session_in_use() {
        let e = Error::from(StorageError::AlreadyOpen {
            path: "a.session".into(),
        });
        assert!(matches!(e, Error::SessionInUse { .. }));
        assert!(e.to_string().contains("a.session"));
    }
}
