//! A version-1 database, built here by hand with migration step 1's schema, must
//! migrate to the current version with every value intact.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr};

use pyro_session::{
    AuthKey, DcFlags, DcOption, LoggedInUser, PeerId, PeerKind, SCHEMA_VERSION, SessionStore,
    SqliteStore, TempAuthKey, UpdateState,
};
use rusqlite::{Connection, params};

/// The version-1 schema, written out independently of the crate's migration code.
const SCHEMA_V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE dc_options (position INTEGER PRIMARY KEY, dc_id INTEGER NOT NULL,
    ip TEXT NOT NULL, port INTEGER NOT NULL, flags INTEGER NOT NULL, secret BLOB);
CREATE TABLE auth_keys (dc_id INTEGER PRIMARY KEY, key BLOB NOT NULL CHECK (length(key) = 256));
CREATE TABLE peers (ns INTEGER NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL,
    access_hash INTEGER, username TEXT, phone TEXT, updated_at INTEGER NOT NULL,
    PRIMARY KEY (ns, id)) WITHOUT ROWID;
CREATE INDEX peers_username ON peers (username);
CREATE INDEX peers_phone ON peers (phone);
CREATE TABLE update_state (id INTEGER PRIMARY KEY CHECK (id = 0), pts INTEGER NOT NULL,
    qts INTEGER NOT NULL, date INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE channel_pts (channel_id INTEGER PRIMARY KEY, pts INTEGER NOT NULL);
PRAGMA user_version = 1;
";

// The test is only meaningful while there is a later version to migrate to.
const _: () = assert!(SCHEMA_VERSION > 1);

fn build_v1(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(SCHEMA_V1).unwrap();
    conn.execute_batch(
        "INSERT INTO meta VALUES ('home_dc', 5), ('test_mode', 0), ('user_id', 123456789),
                                 ('user_bot', 0);
         INSERT INTO dc_options (dc_id, ip, port, flags, secret)
             VALUES (5, '91.108.56.130', 443, 16, NULL);
         INSERT INTO update_state VALUES (0, 1000, 3, 1700000000, 77);
         INSERT INTO channel_pts VALUES (1001, 55), (1002, 66);",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO auth_keys (dc_id, key) VALUES (5, ?1)",
        [vec![0x5au8; 256]],
    )
    .unwrap();
    // kind codes: 0 user, 4 megagroup; namespaces: 0 user, 2 channel.
    for (ns, id, kind, hash, username) in [
        (0i64, 42i64, 0i64, Some(-42i64), Some("MixedCase")),
        (2, 42, 4, Some(4242), None),
        (0, 43, 0, None, Some("plain")),
    ] {
        conn.execute(
            "INSERT INTO peers (ns, id, kind, access_hash, username, phone, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL, 1)",
            params![ns, id, kind, hash, username],
        )
        .unwrap();
    }
}

#[test]
fn version_1_migrates_to_current_preserving_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.session");
    build_v1(&path);

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    store.check_integrity().unwrap();

    assert_eq!(store.home_dc().unwrap(), Some(5));
    assert!(!store.test_mode().unwrap());
    assert_eq!(
        store.user().unwrap(),
        Some(LoggedInUser {
            id: 123_456_789,
            bot: false
        })
    );
    assert_eq!(store.auth_key(5).unwrap(), Some(AuthKey::new([0x5a; 256])));
    // The clock offset is a `meta` row newer than the file: absent, and writable.
    assert_eq!(store.time_offset().unwrap(), None);
    store.set_time_offset(-42).unwrap();
    assert_eq!(store.time_offset().unwrap(), Some(-42));
    assert_eq!(
        store.dc_options().unwrap(),
        vec![DcOption {
            dc_id: 5,
            ip: IpAddr::V4(Ipv4Addr::new(91, 108, 56, 130)),
            port: 443,
            flags: DcFlags::STATIC,
            secret: None,
        }]
    );
    assert_eq!(
        store.update_state().unwrap(),
        Some(UpdateState {
            pts: 1000,
            qts: 3,
            date: 1_700_000_000,
            seq: 77
        })
    );
    assert_eq!(
        store.all_channel_pts().unwrap(),
        vec![(1001, 55), (1002, 66)]
    );

    assert_eq!(store.peer_count().unwrap(), 3);
    let user = store.peer(PeerId::user(42)).unwrap().unwrap();
    assert_eq!(user.access_hash, Some(-42));
    assert_eq!(
        user.last_seen, None,
        "column added by version 2 starts empty"
    );
    let group = store.peer(PeerId::channel(42)).unwrap().unwrap();
    assert_eq!(
        (group.kind, group.access_hash),
        (PeerKind::Megagroup, Some(4242))
    );
    // Version 2's case-insensitive lookup works on version-1 rows.
    assert_eq!(
        store.peer_by_username("mixedcase").unwrap().map(|p| p.id),
        Some(42)
    );

    // And version 2's table is usable.
    let temp = TempAuthKey {
        key: AuthKey::new([1; 256]),
        expires_at: 9,
    };
    store.set_temp_auth_key(5, Some(&temp)).unwrap();
    assert_eq!(store.temp_auth_key(5).unwrap(), Some(temp));
}

#[test]
fn migration_is_idempotent_across_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1-twice.session");
    build_v1(&path);
    drop(SqliteStore::open(&path).unwrap());
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.peer_count().unwrap(), 3);
}
