//! What only the SQLite file store can do: survive a reopen, keep its files private, refuse a
//! second open, and reject corrupt, foreign and too-new files with typed errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use pyro_session::{
    AuthKey, CachedPeer, LoggedInUser, PeerId, PeerKind, SCHEMA_VERSION, SessionStore, SqliteStore,
    StorageError, TempAuthKey, UpdateState,
};

fn fill(store: &SqliteStore) {
    store.set_home_dc(4).unwrap();
    store.set_test_mode(true).unwrap();
    store
        .set_auth_key(4, Some(&AuthKey::new([0x44; 256])))
        .unwrap();
    let temp = TempAuthKey {
        key: AuthKey::new([0x55; 256]),
        expires_at: 1_800_000_000,
    };
    store.set_temp_auth_key(4, Some(&temp)).unwrap();
    store
        .set_user(Some(&LoggedInUser { id: 99, bot: true }))
        .unwrap();
    let peers: Vec<_> = (0..200)
        .map(|i| CachedPeer {
            id: i,
            kind: PeerKind::Channel,
            access_hash: Some(i * 3),
            username: Some(format!("chan{i}")),
            phone: None,
            last_seen: None,
            updated_at: i,
        })
        .collect();
    store.upsert_peers(&peers).unwrap();
    store
        .set_update_state(&UpdateState {
            pts: 1,
            qts: 2,
            date: 3,
            seq: 4,
        })
        .unwrap();
    store.set_channel_pts(7, 70).unwrap();
}

#[test]
fn everything_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.session");
    fill(&SqliteStore::open(&path).unwrap());
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.home_dc().unwrap(), Some(4));
    assert!(store.test_mode().unwrap());
    assert_eq!(store.auth_key(4).unwrap(), Some(AuthKey::new([0x44; 256])));
    assert_eq!(
        store.temp_auth_key(4).unwrap().map(|t| t.expires_at),
        Some(1_800_000_000)
    );
    assert_eq!(
        store.user().unwrap().map(|u| (u.id, u.bot)),
        Some((99, true))
    );
    assert_eq!(store.peer_count().unwrap(), 200);
    assert_eq!(
        store
            .peer_by_username("CHAN150")
            .unwrap()
            .map(|p| p.peer_id()),
        Some(PeerId::channel(150))
    );
    assert_eq!(store.update_state().unwrap().map(|s| s.seq), Some(4));
    assert_eq!(store.all_channel_pts().unwrap(), vec![(7, 70)]);
    store.check_integrity().unwrap();
}

#[test]
fn the_database_is_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wal.session");
    let store = SqliteStore::open(&path).unwrap();
    store.set_home_dc(1).unwrap();
    // A WAL database records journal mode 2 in header bytes 18 and 19 (sqlite.org/fileformat2.html).
    let header = fs::read(&path).unwrap();
    assert_eq!(header.get(18..20), Some(&[2u8, 2][..]));
    assert!(Path::new(&format!("{}-wal", path.display())).exists());
}

#[cfg(unix)]
#[test]
fn files_are_private_to_the_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.session");
    let store = SqliteStore::open(&path).unwrap();
    store
        .set_auth_key(2, Some(&AuthKey::new([1; 256])))
        .unwrap();
    for suffix in ["", "-wal", "-shm", "-lock"] {
        let file = format!("{}{suffix}", path.display());
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{file} has mode {mode:o}");
    }
}

#[test]
fn a_second_open_in_the_same_process_fails_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.session");
    let first = SqliteStore::open(&path).unwrap();
    first.set_home_dc(2).unwrap();
    match SqliteStore::open(&path) {
        Err(StorageError::AlreadyOpen { path: reported }) => {
            assert_eq!(reported, std::fs::canonicalize(&path).unwrap());
        }
        other => panic!("expected AlreadyOpen, got {other:?}"),
    }
    // The failed open must not have disturbed the first store.
    first.set_home_dc(3).unwrap();
    drop(first);
    let again = SqliteStore::open(&path).unwrap();
    assert_eq!(again.home_dc().unwrap(), Some(3));
}

#[cfg(unix)]
#[test]
fn a_second_open_through_another_spelling_of_the_path_fails_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("real.session");
    let first = SqliteStore::open(&path).unwrap();
    let link = dir.path().join("link.session");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let dotted = dir.path().join(".").join("real.session");
    for other in [&link, &dotted] {
        assert!(
            matches!(
                SqliteStore::open(other),
                Err(StorageError::AlreadyOpen { .. })
            ),
            "{}",
            other.display()
        );
    }
    assert_eq!(first.path(), std::fs::canonicalize(&path).unwrap());
}

#[test]
fn garbage_file_is_a_corrupt_database_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.session");
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(&path, garbage).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StorageError::CorruptDatabase { .. }),
        "{err:?}"
    );
}

#[test]
fn damaged_pages_are_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.session");
    fill(&SqliteStore::open(&path).unwrap());
    let mut bytes = fs::read(&path).unwrap();
    assert!(
        bytes.len() > 3 * 4096,
        "the filled database spans several pages"
    );
    // Overwrite every page after the first (header and schema) with a pattern.
    for byte in bytes.iter_mut().skip(4096) {
        *byte = 0xA5;
    }
    fs::write(&path, &bytes).unwrap();
    let outcome = SqliteStore::open(&path).and_then(|store| {
        store.check_integrity()?;
        store.peer_count()
    });
    assert!(
        matches!(outcome, Err(StorageError::CorruptDatabase { .. })),
        "{outcome:?}"
    );
}

#[test]
fn foreign_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foreign.session");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE sessions (dc_id INTEGER, auth_key BLOB);")
        .unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StorageError::CorruptDatabase { .. }),
        "{err:?}"
    );
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.session");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
        .unwrap();
    drop(conn);
    match SqliteStore::open(&path) {
        Err(StorageError::UnsupportedSchemaVersion { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 7, SCHEMA_VERSION));
        }
        other => panic!("expected UnsupportedSchemaVersion, got {other:?}"),
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION + 7);
}

#[test]
fn auth_key_of_wrong_length_is_a_typed_error() {
    for len in [0, 1, 255, 257, 512] {
        let bytes = vec![9u8; len];
        match AuthKey::from_slice(&bytes) {
            Err(StorageError::InvalidAuthKeyLength { len: got }) => assert_eq!(got, len),
            other => panic!("length {len}: {other:?}"),
        }
    }
    assert!(AuthKey::from_slice(&[9u8; 256]).is_ok());
}

#[test]
fn stored_key_of_wrong_length_is_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short-key.session");
    drop(SqliteStore::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    // Bypass the CHECK constraint as a damaged file would.
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO auth_keys (dc_id, key) VALUES (2, x'0102');",
    )
    .unwrap();
    drop(conn);
    let store = SqliteStore::open(&path).unwrap();
    let err = store.auth_key(2).unwrap_err();
    assert!(
        matches!(err, StorageError::CorruptDatabase { .. }),
        "{err:?}"
    );
}
