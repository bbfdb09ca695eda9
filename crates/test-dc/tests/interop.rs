//! Interop with an independent client: Telethon 1.45.0 (PyPI) runs
//! `interop/telethon_check.py` against this crate's test DC over each of its four connection
//! types (full, abridged, intermediate, obfuscated): key exchanges, bot and user login (code and
//! 2FA), get_me, messages, a live update to a second client, a several-MiB file up and down
//! byte-exactly, and a forced server-side disconnect that Telethon must survive.
//!
//! `PYRO_INTEROP_HANDSHAKES=N` (default 2) adds N fresh key exchanges per connection type and
//! `PYRO_INTEROP_TRANSPORTS=full,...` narrows the types, for soak runs.
//!
//! The venv lives in `/work/main/.venv-interop` (gitignored) and is reused when present. Under
//! `CI=true` failing to create it or to install Telethon fails the test; elsewhere (no network)
//! the test prints why and skips.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use pyro_test_dc::{Seed, SeedUser, TestDc};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

const TELETHON: &str = "telethon==1.45.0";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The venv's python with Telethon installed, or why there is none.
fn telethon_python() -> Result<PathBuf, String> {
    let venv = workspace_root().join(".venv-interop");
    let python = venv.join("bin/python");
    let installed = |python: &Path| {
        std::process::Command::new(python)
            .args([
                "-c",
                "import telethon, sys; sys.exit(telethon.__version__ != '1.45.0')",
            ])
            .status()
            .is_ok_and(|s| s.success())
    };
    if python.exists() && installed(&python) {
        return Ok(python);
    }
    let run = |program: &Path, args: &[&str]| {
        std::process::Command::new(program)
            .args(args)
            .status()
            .map_err(|e| format!("{}: {e}", program.display()))
            .and_then(|s| {
                s.success()
                    .then_some(())
                    .ok_or_else(|| format!("{} {args:?} failed: {s}", program.display()))
            })
    };
    if !python.exists() {
        run(
            Path::new("python3"),
            &["-m", "venv", venv.to_str().unwrap()],
        )?;
    }
    run(&venv.join("bin/pip"), &["install", "-q", TELETHON])?;
    if installed(&python) {
        Ok(python)
    } else {
        Err("Telethon did not import after installing".into())
    }
}

fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", "15550001", "Alice")
                .username("alice")
                .login_code("12345")
                .password("hunter2"),
        )
        .user(
            SeedUser::person("bob", "15550002", "Bob")
                .username("bob")
                .login_code("22222"),
        )
        .user(SeedUser::bot("helper", "42:TOKEN", "Helper").username("helper"))
}

/// Runs the script once; returns its stdout lines.
async fn run_script(python: &Path, dc: &TestDc, handshakes: u32, transports: &str) -> Vec<String> {
    let info = &dc.dcs()[0];
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/telethon_check.py");
    let mut child = Command::new(python)
        .arg(script)
        .env("PYRO_DC_PORT", info.addr.port().to_string())
        .env("PYRO_DC_ID", info.id.to_string())
        .env("PYRO_DC_PEM", &info.public_pem)
        .env("PYRO_HANDSHAKES", handshakes.to_string())
        .env("PYRO_TRANSPORTS", transports)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    while let Some(line) = lines.next_line().await.unwrap() {
        println!("telethon: {line}");
        if line == "DISCONNECT" {
            dc.disconnect_all();
            stdin.write_all(b"OK\n").await.unwrap();
            stdin.flush().await.unwrap();
        }
        seen.push(line);
    }
    let status = child.wait().await.unwrap();
    assert!(
        status.success(),
        "the Telethon script failed: {status}; saw {seen:?}"
    );
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telethon_over_every_connection_type() {
    let python = match telethon_python() {
        Ok(python) => python,
        Err(why) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI must run the Telethon interop: {why}")
        }
        Err(why) => {
            println!("skipping the Telethon interop: {why}");
            return;
        }
    };
    let dc = TestDc::builder().seed(seed()).start().await.unwrap();
    let handshakes = std::env::var("PYRO_INTEROP_HANDSHAKES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2);
    let all = "full,abridged,intermediate,obfuscated";
    let transports = std::env::var("PYRO_INTEROP_TRANSPORTS").unwrap_or_else(|_| all.into());
    let run = run_script(&python, &dc, handshakes, &transports);
    let seen = tokio::time::timeout(Duration::from_secs(400), run)
        .await
        .expect("the Telethon script hung");
    for name in transports.split(',') {
        assert!(
            seen.contains(&format!("{name}: OK")),
            "{name} did not pass: {seen:?}"
        );
    }
    assert_eq!(seen.last().map(String::as_str), Some("ALL OK"));
    dc.shutdown().await;
}
