//! The exclusive lock that keeps one session file in use by one store at a time.
//!
//! Telegram revokes an auth key that is used by two connections at once (`AUTH_KEY_DUPLICATED`),
//! so opening a session file that is already open must fail before any connection is made. The
//! lock is an advisory exclusive lock (`flock` on Unix, `LockFileEx` on Windows, through
//! [`std::fs::File::try_lock`]) on a side file `<database>-lock`. It belongs to the open file
//! handle, so a second open in the same process conflicts as well as one in another process, and
//! the operating system drops it when the process dies: a crash never leaves a stale lock.

use std::ffi::OsString;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::storage::error::{Result, StorageError};

/// A held lock on a session database; released on drop.
#[derive(Debug)]
pub(super) struct SessionLock {
    _file: File,
}

impl SessionLock {
    /// Takes the lock for the database at `db_path`, or fails with
    /// [`StorageError::AlreadyOpen`] if another handle holds it.
    pub(super) fn acquire(db_path: &Path) -> Result<Self> {
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
pub(super) fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = OsString::from(db_path.as_os_str());
    name.push("-lock");
    PathBuf::from(name)
}

/// Opens `path` for reading and writing, creating it readable and writable by the owner only
/// (mode 0600 on Unix) if it does not exist. An existing file keeps its permissions.
pub(super) fn open_private(path: &Path) -> Result<File> {
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
