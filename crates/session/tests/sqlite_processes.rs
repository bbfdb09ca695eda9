//! Tests that need a second process: the session lock across processes, and recovery after a
//! process is killed in the middle of a write.
//!
//! The second process is this test binary itself, re-run with `--ignored --exact child_entry` and
//! a role in the environment. It reports progress on stdout; the parent reads those lines, so the
//! two synchronise on the pipe, never on sleeps.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::env;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use pyro_session::{
    AuthKey, CachedPeer, PeerId, PeerKind, SessionStore, SqliteStore, StorageError,
};

const ROLE: &str = "PYRO_SESSION_TEST_CHILD_ROLE";
const PATH: &str = "PYRO_SESSION_TEST_CHILD_PATH";
const BATCH: i64 = 400;

fn peer(id: i64) -> CachedPeer {
    CachedPeer {
        id,
        kind: PeerKind::User,
        access_hash: Some(id ^ 0x5555),
        username: Some(format!("peer_{id}_{}", "x".repeat(40))),
        phone: None,
        last_seen: None,
        updated_at: id,
    }
}

/// Blocks until the parent closes our stdin or kills us.
fn wait_for_parent() {
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
}

fn say(line: &str) {
    let mut out = std::io::stdout();
    writeln!(out, "{line}").unwrap();
    out.flush().unwrap();
}

#[test]
#[ignore = "entry point of the child process the other tests in this file start"]
fn child_entry() {
    let (Ok(role), Ok(path)) = (env::var(ROLE), env::var(PATH)) else {
        return;
    };
    match role.as_str() {
        "hold" => {
            let store = SqliteStore::open(&path).unwrap();
            store.set_home_dc(2).unwrap();
            say("READY");
            wait_for_parent();
        }
        "try_open" => match SqliteStore::open(&path) {
            Err(StorageError::AlreadyOpen { .. }) => say("ALREADY_OPEN"),
            Ok(_) => say("OPENED"),
            Err(other) => say(&format!("ERROR {other}")),
        },
        "open_transaction" => {
            let store = SqliteStore::open(&path).unwrap();
            store
                .set_auth_key(2, Some(&AuthKey::new([2; 256])))
                .unwrap();
            store
                .upsert_peers(&(0..BATCH).map(peer).collect::<Vec<_>>())
                .unwrap();
            // A second connection (as a crashing writer would be) opens a transaction big
            // enough to spill uncommitted pages into the WAL, then the process is killed.
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA cache_size = 8; BEGIN IMMEDIATE;")
                .unwrap();
            conn.execute("DELETE FROM auth_keys", []).unwrap();
            for id in BATCH..BATCH * 20 {
                let p = peer(id);
                conn.execute(
                    "INSERT INTO peers (ns, id, kind, access_hash, username, updated_at)
                     VALUES (0, ?1, 0, ?2, ?3, ?1)",
                    rusqlite::params![p.id, p.access_hash, p.username],
                )
                .unwrap();
            }
            say("READY");
            wait_for_parent();
        }
        "batches" => {
            let store = SqliteStore::open(&path).unwrap();
            for batch in 0..1000 {
                let peers: Vec<_> = (batch * BATCH..(batch + 1) * BATCH).map(peer).collect();
                store.upsert_peers(&peers).unwrap();
                say(&format!("COMMITTED {batch}"));
            }
            wait_for_parent();
        }
        other => panic!("unknown role {other}"),
    }
}

/// Starts this binary as a child in `role` on the database `path`.
fn spawn(role: &str, path: &Path) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(env::current_exe().unwrap())
        .args([
            "child_entry",
            "--exact",
            "--ignored",
            "--nocapture",
            "--quiet",
        ])
        .env(ROLE, role)
        .env(PATH, path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

/// Reads the child's lines until one satisfies `want`; panics if the child ends first.
fn read_until(out: &mut BufReader<ChildStdout>, want: impl Fn(&str) -> bool) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).unwrap();
        assert!(n > 0, "child exited before the expected line");
        if want(line.trim()) {
            return line.trim().to_owned();
        }
    }
}

fn kill(mut child: Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_session_open_in_another_process_is_refused_and_freed_when_it_dies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.session");
    let (child, mut out) = spawn("hold", &path);
    read_until(&mut out, |l| l == "READY");
    match SqliteStore::open(&path) {
        Err(StorageError::AlreadyOpen { .. }) => {}
        other => panic!("expected AlreadyOpen, got {other:?}"),
    }
    // Killed, not closed: the operating system must release the lock.
    kill(child);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.home_dc().unwrap(), Some(2));

    // And the other way round: while we hold it, the child is refused.
    let (mut child, mut out) = spawn("try_open", &path);
    assert_eq!(
        read_until(&mut out, |l| l == "ALREADY_OPEN"
            || l == "OPENED"
            || l.starts_with("ERROR")),
        "ALREADY_OPEN"
    );
    child.wait().unwrap();
}

#[test]
fn a_writer_killed_mid_transaction_leaves_the_last_committed_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.session");
    let (child, mut out) = spawn("open_transaction", &path);
    read_until(&mut out, |l| l == "READY");
    kill(child);
    // The uncommitted transaction really reached the file: its pages spilled into the WAL.
    let wal = std::fs::metadata(format!("{}-wal", path.display()))
        .unwrap()
        .len();
    // (The committed part, 400 short rows and a key, fits in well under 256 KiB of frames.)
    assert!(
        wal > 512 * 1024,
        "WAL is {wal} bytes: nothing uncommitted spilled"
    );

    let store = SqliteStore::open(&path).unwrap();
    store.check_integrity().unwrap();
    assert_eq!(store.auth_key(2).unwrap(), Some(AuthKey::new([2; 256])));
    assert_eq!(store.peer_count().unwrap(), BATCH as u64);
    assert_eq!(
        store.peer(PeerId::user(BATCH - 1)).unwrap(),
        Some(peer(BATCH - 1))
    );
    assert_eq!(store.peer(PeerId::user(BATCH)).unwrap(), None);
}

#[test]
fn a_process_killed_between_batches_keeps_whole_batches_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batches.session");
    let (child, mut out) = spawn("batches", &path);
    read_until(&mut out, |l| l == "COMMITTED 4");
    kill(child);

    let store = SqliteStore::open(&path).unwrap();
    store.check_integrity().unwrap();
    let count = store.peer_count().unwrap();
    assert!(
        count >= 5 * BATCH as u64,
        "{count} peers, 5 batches were reported"
    );
    assert_eq!(
        count % BATCH as u64,
        0,
        "a batch was partly written: {count} peers"
    );
    let last = count as i64 - 1;
    assert_eq!(store.peer(PeerId::user(last)).unwrap(), Some(peer(last)));
}
