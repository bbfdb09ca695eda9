//! The default store: one SQLite file (bundled SQLite, nothing to install) in WAL mode.
//!
//! - One connection behind a mutex serves every caller, so tasks and threads never contend inside
//!   SQLite and never see "database is locked"; a 5 s `busy_timeout` covers outside readers such
//!   as the `sqlite3` shell.
//! - `journal_mode=WAL` with `synchronous=NORMAL`: a process crash loses no committed write and a
//!   power cut never corrupts the file. Writes that would cost a new login if lost (auth keys, home
//!   DC, user, test mode) switch to `synchronous=FULL` for their commit.
//! - The file is created with mode 0600 on Unix before SQLite opens it; SQLite gives its `-wal`
//!   and `-shm` files the database's permissions.
//! - An exclusive lock on `<file>-lock` refuses a second open. Telegram revokes an auth key used by
//!   two connections at once (`AUTH_KEY_DUPLICATED`), so a second open of a session file must fail
//!   before any connection is made. The lock is an advisory exclusive lock (`flock` on Unix,
//!   `LockFileEx` on Windows, through [`std::fs::File::try_lock`]) on a side file, taken on the
//!   path with symbolic links resolved. It belongs to the open file handle, so a second open in
//!   the same process conflicts as well as one in another process, and the operating system drops
//!   it when the process dies: a crash never leaves a stale lock.

mod migrations;
mod store;

use std::ffi::OsString;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::storage::error::{Result, StorageError};

pub use self::migrations::SCHEMA_VERSION;

/// How long a statement waits for a lock held by another connection to the file before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A [`SessionStore`](crate::storage::SessionStore) backed by one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    // Field order is drop order: the connection closes before the lock is released.
    conn: Mutex<Connection>,
    path: PathBuf,
    _lock: SessionLock,
}

impl SqliteStore {
    /// Opens the session database at `path`, creating it (mode 0600 on Unix) if it does not exist
    /// and migrating it to [`SCHEMA_VERSION`].
    ///
    /// Fails with [`StorageError::AlreadyOpen`] if the file is open in another store, in this
    /// process or another; with [`StorageError::CorruptDatabase`] if it is not a pyro session
    /// database; with [`StorageError::UnsupportedSchemaVersion`] if a newer pyro wrote it.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = canonical_path(path.as_ref())?;
        let lock = SessionLock::acquire(&path)?;
        drop(open_private(&path)?);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StorageError::Io {
                path,
                source: std::io::Error::other(format!(
                    "SQLite refused WAL mode (journal_mode is {mode}); is the file on a network file system?"
                )),
            });
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut conn)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
            path,
            _lock: lock,
        })
    }

    /// The database file's path, made absolute with symbolic links resolved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the open database.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::schema_version(&self.conn())
    }

    /// Runs SQLite's `PRAGMA integrity_check`; `Ok(())` if the file is sound, else
    /// [`StorageError::CorruptDatabase`] with SQLite's first complaint.
    pub fn check_integrity(&self) -> Result<()> {
        let verdict: String = self
            .conn()
            .pragma_query_value(None, "integrity_check", |row| row.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(StorageError::CorruptDatabase { detail: verdict })
        }
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while the guard was held rolled back any open transaction (rusqlite's
        // `Transaction` rolls back on drop), so the connection is still usable.
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The absolute path of `path` with symbolic links resolved, so that every spelling of one file
/// (relative, absolute, through a symlink) maps to the same lock file. A file that does not exist
/// yet is resolved through its directory.
fn canonical_path(path: &Path) -> Result<PathBuf> {
    let io = |source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::canonicalize(path) {
        Ok(canonical) => Ok(canonical),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let name = path.file_name().ok_or_else(|| {
                io(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a session path must name a file",
                ))
            })?;
            let parent = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            Ok(std::fs::canonicalize(parent).map_err(io)?.join(name))
        }
        Err(err) => Err(io(err)),
    }
}

/// A held lock on a session database; released on drop.
#[derive(Debug)]
struct SessionLock {
    _file: File,
}

impl SessionLock {
    /// Takes the lock for the database at `db_path`, or fails with
    /// [`StorageError::AlreadyOpen`] if another handle holds it.
    fn acquire(db_path: &Path) -> Result<Self> {
        let lock_path = lock_path(db_path);
        let file = open_private(&lock_path)?;
        match file.try_lock() {
            Ok(()) => Ok(SessionLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StorageError::AlreadyOpen {
                path: db_path.to_path_buf(),
            }),
            Err(TryLockError::Error(source)) => Err(StorageError::Io {
                path: lock_path,
                source,
            }),
        }
    }
}

/// `<database>-lock`, beside the database like SQLite's own `-wal` and `-shm` files.
fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = OsString::from(db_path.as_os_str());
    name.push("-lock");
    PathBuf::from(name)
}

/// Opens `path` for reading and writing, creating it readable and writable by the owner only
/// (mode 0600 on Unix) if it does not exist. An existing file keeps its permissions.
fn open_private(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|source| StorageError::Io {
        path: path.to_path_buf(),
        source,
    })
}
