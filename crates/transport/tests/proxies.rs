//! SOCKS5 and HTTP CONNECT against real proxy servers started here on 127.0.0.1: microsocks
//! (SOCKS5, `-u`/`-P` auth) and tinyproxy (HTTP CONNECT, BasicAuth), Debian packages that
//! `.ci/run` installs. Without CI set, a missing binary skips the test with a message; under
//! CI=true it fails it.

// Test helpers below unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{check_echo, echo_server};
use pyro_transport::{
    AcceptConfig, CodecKind, ConnectOptions, Credentials, Proxy, TransportError, connect,
};
use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// The binary's path, or `None` (after saying so) when the test may skip.
fn binary(name: &str) -> Option<String> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    });
    match found {
        Some(path) => Some(path.to_string_lossy().into_owned()),
        None if std::env::var_os("CI").is_some() => {
            panic!("{name} is not installed, and CI is set: .ci/run must install it")
        }
        None => {
            println!("SKIPPED: {name} not installed (apt-get install -y {name}); CI would fail");
            None
        }
    }
}

/// A free port on 127.0.0.1 (bound, read, released).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Retries connecting (bounded) until the proxy listens.
async fn wait_ready(addr: SocketAddr, child: &mut Child) {
    for _ in 0..500 {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return;
        }
        assert!(child.try_wait().unwrap().is_none(), "proxy exited early");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("proxy at {addr} never became ready");
}

fn creds() -> Credentials {
    Credentials {
        username: "pyro".into(),
        password: "s3cret".into(),
    }
}

async fn microsocks(auth: bool) -> Option<(Child, SocketAddr)> {
    let bin = binary("microsocks")?;
    let port = free_port();
    let mut cmd = Command::new(bin);
    cmd.args(["-i", "127.0.0.1", "-p", &port.to_string()]);
    if auth {
        cmd.args(["-u", "pyro", "-P", "s3cret"]);
    }
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    wait_ready(addr, &mut child).await;
    Some((child, addr))
}

async fn tinyproxy(auth: bool, dir: &std::path::Path) -> Option<(Child, SocketAddr)> {
    let bin = binary("tinyproxy")?;
    let port = free_port();
    let mut config = format!(
        "Port {port}\nListen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\nMaxClients 20\nLogLevel Error\n"
    );
    if auth {
        config.push_str("BasicAuth pyro s3cret\n");
    }
    let path = dir.join(format!("tinyproxy-{port}.conf"));
    std::fs::write(&path, config).unwrap();
    let mut child = Command::new(bin)
        .arg("-d")
        .arg("-c")
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    wait_ready(addr, &mut child).await;
    Some((child, addr))
}

/// A scratch directory under the target dir's temp area, unique per test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pyro-transport-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn through(proxy: Proxy, kind: CodecKind) -> Result<(), TransportError> {
    let dc = echo_server("127.0.0.1:0", AcceptConfig::default()).await;
    let mut options = ConnectOptions::new(dc, 2, kind);
    options.proxy = Some(proxy);
    options.obfuscated = kind != CodecKind::Full;
    let mut conn = connect(&options).await?;
    check_echo(&mut conn, kind).await;
    Ok(())
}

#[tokio::test]
async fn socks5_without_auth() {
    let Some((mut child, addr)) = microsocks(false).await else {
        return;
    };
    through(Proxy::Socks5 { addr, auth: None }, CodecKind::Intermediate)
        .await
        .unwrap();
    child.kill().await.unwrap();
}

#[tokio::test]
async fn socks5_with_username_password() {
    let Some((mut child, addr)) = microsocks(true).await else {
        return;
    };
    through(
        Proxy::Socks5 {
            addr,
            auth: Some(creds()),
        },
        CodecKind::Abridged,
    )
    .await
    .unwrap();
    let wrong = Credentials {
        password: "nope".into(),
        ..creds()
    };
    let refused = through(
        Proxy::Socks5 {
            addr,
            auth: Some(wrong),
        },
        CodecKind::Abridged,
    )
    .await;
    assert!(
        matches!(refused, Err(TransportError::Proxy(_))),
        "{refused:?}"
    );
    let no_auth = through(Proxy::Socks5 { addr, auth: None }, CodecKind::Abridged).await;
    assert!(
        matches!(no_auth, Err(TransportError::Proxy(_))),
        "{no_auth:?}"
    );
    child.kill().await.unwrap();
}

#[tokio::test]
async fn http_connect_without_auth() {
    let dir = scratch("http");
    let Some((mut child, addr)) = tinyproxy(false, &dir).await else {
        return;
    };
    through(Proxy::Http { addr, auth: None }, CodecKind::Full)
        .await
        .unwrap();
    child.kill().await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn http_connect_with_basic_auth() {
    let dir = scratch("http-auth");
    let Some((mut child, addr)) = tinyproxy(true, &dir).await else {
        return;
    };
    through(
        Proxy::Http {
            addr,
            auth: Some(creds()),
        },
        CodecKind::PaddedIntermediate,
    )
    .await
    .unwrap();
    let refused = through(Proxy::Http { addr, auth: None }, CodecKind::Abridged).await;
    assert!(
        matches!(refused, Err(TransportError::Proxy(_))),
        "{refused:?}"
    );
    child.kill().await.unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}
