//! The SQLite store against the conformance suite, plus what only a file can do: persistence,
//! permissions, the exclusive lock, corrupt and foreign files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod conformance;

use std::sync::Arc;

use pyro_session::{SessionStore, SqliteStore};
use tempfile::TempDir;

/// A fresh store in its own temporary directory.
fn fresh() -> (TempDir, Arc<dyn SessionStore>) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("test.session")).unwrap();
    (dir, Arc::new(store))
}

conformance_suite!(fresh());
