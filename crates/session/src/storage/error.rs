//! The storage error: one enum for everything the session stores and session strings can report.
//!
//! Variants are grouped by who is at fault: the caller (bad arguments, a file already in use, a
//! malformed session string), the file (a corrupt or too-new database) and local I/O. The session
//! engine may later fold this enum into a crate-wide error; it stays self-contained here until then.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// Everything that can go wrong while storing, loading, importing or exporting a session.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StorageError {
    // --- The caller ---
    /// The session file is already open, in this process or in another one.
    ///
    /// Using one auth key from two connections at once makes Telegram answer
    /// `AUTH_KEY_DUPLICATED` and revoke the key, so a second open is refused up front.
    #[error("session file {} is already open (in this or another process)", path.display())]
    AlreadyOpen {
        /// The database path that was being opened.
        path: PathBuf,
    },
    /// An auth key that is not exactly 256 bytes long.
    #[error("an auth key is 256 bytes, got {len}")]
    InvalidAuthKeyLength {
        /// The length that was given.
        len: usize,
    },
    /// A session string that does not decode in the format it was read as.
    #[error("invalid {format} session string: {defect}")]
    InvalidSessionString {
        /// The format the string was read as.
        format: StringFormat,
        /// What is wrong with it.
        defect: StringDefect,
    },
    /// A session string that matches none of the known formats.
    #[error("not a pyro, Pyrogram or Telethon session string")]
    UnrecognisedSessionString,
    /// A session cannot be exported because the store lacks a part of it.
    #[error("cannot export the session: the store has no {missing}")]
    NothingToExport {
        /// The missing part (home DC, its auth key, its address).
        missing: &'static str,
    },

    // --- The file ---
    /// The database file is not a pyro session database, or its contents are damaged.
    #[error("session database is corrupt or not a pyro session: {detail}")]
    CorruptDatabase {
        /// What was found wrong.
        detail: String,
    },
    /// The database was written by a newer pyro whose schema this build does not know.
    #[error("session database schema version {found} is newer than the supported {supported}")]
    UnsupportedSchemaVersion {
        /// The version recorded in the file.
        found: i64,
        /// The newest version this build can read.
        supported: i64,
    },

    // --- Local I/O ---
    /// A file system operation on the session's files failed.
    #[error("I/O error on {}: {source}", path.display())]
    Io {
        /// The file the operation was about.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// SQLite reported an error that is not a sign of corruption.
    #[error("SQLite error: {0}")]
    Sqlite(#[source] rusqlite::Error),
}

impl From<rusqlite::Error> for StorageError {
    /// Classifies SQLite errors: damaged or foreign files become [`StorageError::CorruptDatabase`],
    /// values of the wrong type in a column too; everything else stays an SQLite error.
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match &err {
            rusqlite::Error::SqliteFailure(code, _)
                if matches!(
                    code.code,
                    ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt
                ) =>
            {
                StorageError::CorruptDatabase {
                    detail: err.to_string(),
                }
            }
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => StorageError::CorruptDatabase {
                detail: err.to_string(),
            },
            _ => StorageError::Sqlite(err),
        }
    }
}

/// The session string formats pyro reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StringFormat {
    /// pyro's own format (`pyro1.` followed by URL-safe base64).
    Pyro,
    /// Pyrogram's `export_session_string` format, current and old layouts.
    Pyrogram,
    /// Telethon's `StringSession`, version `1`.
    Telethon,
}

impl fmt::Display for StringFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StringFormat::Pyro => "pyro",
            StringFormat::Pyrogram => "Pyrogram",
            StringFormat::Telethon => "Telethon",
        })
    }
}

/// What is wrong with a session string.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StringDefect {
    /// The string is empty.
    Empty,
    /// The string does not start with the format's marker.
    MissingPrefix,
    /// The string declares a version this build does not know.
    UnsupportedVersion(String),
    /// The payload is not valid URL-safe base64.
    BadBase64,
    /// The decoded payload has a length the format does not allow.
    WrongLength {
        /// The decoded length.
        found: usize,
    },
    /// The payload ends before a field is complete.
    Truncated {
        /// The field being read.
        field: &'static str,
    },
    /// Bytes follow the last field.
    TrailingBytes {
        /// How many.
        count: usize,
    },
    /// A field holds a value the format does not allow.
    BadField {
        /// The field.
        field: &'static str,
    },
    /// The auth key is all zeros, meaning the session was never authorised.
    NoAuthKey,
    /// The DC id has no well-known address (Pyrogram strings carry no address).
    UnknownDc {
        /// The DC id.
        dc_id: i32,
        /// Whether the test servers were meant.
        test_mode: bool,
    },
}

impl fmt::Display for StringDefect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StringDefect::Empty => f.write_str("empty string"),
            StringDefect::MissingPrefix => f.write_str("missing format marker"),
            StringDefect::UnsupportedVersion(v) => write!(f, "unsupported version {v:?}"),
            StringDefect::BadBase64 => f.write_str("not URL-safe base64"),
            StringDefect::WrongLength { found } => write!(f, "unexpected length {found} bytes"),
            StringDefect::Truncated { field } => write!(f, "truncated in field {field}"),
            StringDefect::TrailingBytes { count } => write!(f, "{count} trailing bytes"),
            StringDefect::BadField { field } => write!(f, "invalid value in field {field}"),
            StringDefect::NoAuthKey => f.write_str("no auth key (all zeros)"),
            StringDefect::UnknownDc { dc_id, test_mode } => {
                let servers = if *test_mode { "test" } else { "production" };
                write!(f, "DC {dc_id} has no well-known {servers} address")
            }
        }
    }
}

/// Shorthand for results in this module.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;
