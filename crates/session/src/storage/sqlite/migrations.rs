//! The schema, as ordered migration steps.
//!
//! The database's `PRAGMA user_version` is the number of steps applied. Opening a database runs the
//! missing steps in order, each in its own transaction together with the version bump, so a crash
//! between steps leaves a database at a well-defined earlier version. Steps are never edited once
//! released: a schema change is a new step at the end.

use rusqlite::{Connection, OptionalExtension};

use crate::storage::error::{Result, StorageError};

/// Step 1: DC options, permanent auth keys, singleton values, the peer cache and update state.
const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE dc_options (
    position INTEGER PRIMARY KEY,
    dc_id    INTEGER NOT NULL,
    ip       TEXT NOT NULL,
    port     INTEGER NOT NULL,
    flags    INTEGER NOT NULL,
    secret   BLOB
);

CREATE TABLE auth_keys (
    dc_id INTEGER PRIMARY KEY,
    key   BLOB NOT NULL CHECK (length(key) = 256)
);

CREATE TABLE peers (
    ns          INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    access_hash INTEGER,
    username    TEXT,
    phone       TEXT,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (ns, id)
) WITHOUT ROWID;
CREATE INDEX peers_username ON peers (username);
CREATE INDEX peers_phone ON peers (phone);

CREATE TABLE update_state (
    id   INTEGER PRIMARY KEY CHECK (id = 0),
    pts  INTEGER NOT NULL,
    qts  INTEGER NOT NULL,
    date INTEGER NOT NULL,
    seq  INTEGER NOT NULL
);

CREATE TABLE channel_pts (
    channel_id INTEGER PRIMARY KEY,
    pts        INTEGER NOT NULL
);
";

/// Step 2: temporary auth keys (PFS), users' last-seen time, case-insensitive username lookup.
const V2: &str = "
CREATE TABLE temp_auth_keys (
    dc_id      INTEGER PRIMARY KEY,
    key        BLOB NOT NULL CHECK (length(key) = 256),
    expires_at INTEGER NOT NULL
);

ALTER TABLE peers ADD COLUMN last_seen INTEGER;

DROP INDEX peers_username;
CREATE INDEX peers_username ON peers (username COLLATE NOCASE);
";

/// The migration steps; step `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version recorded in the database header.
pub(super) fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Brings the database to [`SCHEMA_VERSION`], refusing files that are newer or not ours.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StorageError::UnsupportedSchemaVersion {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let applied = usize::try_from(found).map_err(|_| StorageError::CorruptDatabase {
        detail: format!("negative schema version {found}"),
    })?;
    if applied == 0 {
        refuse_foreign_database(conn)?;
    }
    for (index, step) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// A version-0 file with tables in it was made by something else (another library's session
/// file, say): migrating it would mix two schemas.
fn refuse_foreign_database(conn: &Connection) -> Result<()> {
    let table: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_schema WHERE type = 'table' LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?;
    match table {
        None => Ok(()),
        Some(name) => Err(StorageError::CorruptDatabase {
            detail: format!("not a pyro session database (unversioned, has table {name:?})"),
        }),
    }
}
