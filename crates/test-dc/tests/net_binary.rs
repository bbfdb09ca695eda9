//! The `pyro-test-dc` binary: starts from a JSON seed and a key file, prints each DC's address,
//! fingerprint and PKCS#1 public key, and serves key exchanges; bad arguments exit with usage.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod net_support;

use std::process::Stdio;

use net_support::*;
use pyro_mtproto_crypto::handshake::ClientOptions;
use pyro_test_dc::ServerKey;
use pyro_transport::CodecKind;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_prints_its_dcs_and_serves_them() {
    let dir = std::env::temp_dir().join(format!("pyro-test-dc-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed_path = dir.join("seed.json");
    std::fs::write(&seed_path, serde_json::to_string(&seed()).unwrap()).unwrap();
    let key_path = concat!(env!("CARGO_MANIFEST_DIR"), "/keys/test-only-dc-key.pem");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyro-test-dc"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--dcs",
            "2",
            "--key",
            key_path,
            "--seed",
        ])
        .arg(&seed_path)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut addrs = Vec::new();
    let mut pem = String::new();
    while addrs.len() < 2 || !pem.contains("END RSA PUBLIC KEY") {
        let line = lines.next_line().await.unwrap().unwrap();
        if let Some(addr) = line
            .strip_prefix("DC ")
            .and_then(|l| l.split(" listening on ").nth(1))
        {
            addrs.push(addr.parse::<std::net::SocketAddr>().unwrap());
        } else if let Some(fp) = line.split(" key fingerprint ").nth(1) {
            assert_eq!(
                fp.parse::<i64>().unwrap(),
                ServerKey::test_only().unwrap().fingerprint()
            );
        } else if addrs.len() == 2 || line.starts_with("-----") || !pem.is_empty() {
            pem.push_str(&line);
            pem.push('\n');
        }
    }
    let mut conn = connect(addrs[1], 2, CodecKind::Abridged).await;
    let key = exchange(&mut conn, &pem, ClientOptions::permanent(2)).await;
    assert_ne!(key.auth_key.id(), 0);
    child.kill().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);

    let status = Command::new(env!("CARGO_BIN_EXE_pyro-test-dc"))
        .arg("--bogus")
        .stderr(Stdio::null())
        .status()
        .await
        .unwrap();
    assert_eq!(status.code(), Some(2));
}
