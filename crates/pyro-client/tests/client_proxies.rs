//! A client logs in and invokes through each kind of proxy, end to end on 127.0.0.1: the test
//! DC's SOCKS5 (with and without a password), HTTP CONNECT (Basic credentials) and MTProxy
//! (plain, `dd` and `ee` secrets, from `tg://` links) proxies. Wrong credentials or a wrong
//! secret end `connect()` with a typed transport error, well inside a bound, instead of hanging,
//! also for a stored session, whose driver connects by itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use std::sync::Arc;
use std::time::Duration;

use client_support::{bot_login, builder, me, start};
use pyro_client::tl::{enums, functions};
use pyro_client::{Client, Error, MemoryStore, SessionStore};
use pyro_test_dc::proxy::ProxyServer;
use pyro_test_dc::{Faults, TestDc};
use pyro_transport::{Credentials, MtProxySecret, Proxy, TransportError};

/// How long a refused connect may take at most (the connect timeout is 5 s).
const BOUND: Duration = Duration::from_secs(20);

/// The 16-byte key of the MTProxy tests, in hex.
const KEY: &str = "00112233445566778899aabbccddeeff";

fn creds(password: &str) -> Credentials {
    Credentials {
        username: "pyro".into(),
        password: password.into(),
    }
}

/// Logs the seed's bot in through `builder` and asks who it is; the proxy must have carried
/// the connection. Returns the client, still connected.
async fn login_through(
    dc: &TestDc,
    proxy: &ProxyServer,
    client: pyro_client::ClientBuilder,
) -> Client {
    let client: Client = client.connect().await.unwrap();
    let bot = bot_login(&client).await;
    assert_eq!(me(&client).await, bot);
    assert!(proxy.tunnels() >= 1, "no tunnel through the proxy");
    assert_eq!(proxy.refused(), 0);
    // Every connection the DC accepted came through the proxy.
    assert_eq!(dc.connections_accepted(), proxy.tunnels());
    client
}

/// `connect()` through a proxy that refuses: a transport error, within [`BOUND`].
async fn refused_connect(client: pyro_client::ClientBuilder) -> Error {
    let connect = tokio::time::timeout(BOUND, client.connect()).await;
    let Err(err) = connect.expect("connect() hung") else {
        panic!("connected through a proxy that should refuse")
    };
    err
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socks5_without_and_with_a_password() {
    let dc = start(1, Faults::default()).await;
    let open = ProxyServer::socks5(None).await.unwrap();
    let addr = open.addr();
    login_through(
        &dc,
        &open,
        builder(&dc).proxy(Proxy::Socks5 { addr, auth: None }),
    )
    .await
    .disconnect();

    let dc = start(1, Faults::default()).await;
    let guarded = ProxyServer::socks5(Some(creds("s3cret"))).await.unwrap();
    let port = guarded.addr().port();
    let link = format!("tg://socks?server=127.0.0.1&port={port}&user=pyro&pass=s3cret");
    login_through(&dc, &guarded, builder(&dc).proxy_link(link))
        .await
        .disconnect();

    let wrong = Proxy::Socks5 {
        addr: guarded.addr(),
        auth: Some(creds("wrong")),
    };
    let err = refused_connect(builder(&dc).proxy(wrong)).await;
    assert!(
        matches!(&err, Error::Transport(TransportError::Proxy(why)) if why.contains("rejected")),
        "{err:?}"
    );
    // No credentials at all: the proxy offers no acceptable method.
    let none = Proxy::Socks5 {
        addr: guarded.addr(),
        auth: None,
    };
    let err = refused_connect(builder(&dc).proxy(none)).await;
    assert!(
        matches!(&err, Error::Transport(TransportError::Proxy(_))),
        "{err:?}"
    );
    assert_eq!(guarded.refused(), 2);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_session_behind_a_refusing_proxy_gets_the_refusal_at_once() {
    let dc = start(1, Faults::default()).await;
    let proxy = ProxyServer::socks5(Some(creds("s3cret"))).await.unwrap();
    let store = Arc::new(MemoryStore::new());
    let good = Proxy::Socks5 {
        addr: proxy.addr(),
        auth: Some(creds("s3cret")),
    };
    let first = builder(&dc).store(store.clone()).proxy(good);
    login_through(&dc, &proxy, first).await.disconnect();
    assert!(store.auth_key(1).unwrap().is_some());

    // The key is stored, so there is no key exchange: the session driver connects by itself,
    // and its first request (help.getConfig) meets the refusal. It ends with it well before
    // the request timeout.
    let wrong = Proxy::Socks5 {
        addr: proxy.addr(),
        auth: Some(creds("wrong")),
    };
    let second = builder(&dc)
        .store(store)
        .request_timeout(Some(Duration::from_secs(60)))
        .proxy(wrong);
    let err = refused_connect(second).await;
    assert!(
        matches!(&err, Error::Transport(TransportError::Proxy(why)) if why.contains("rejected")),
        "{err:?}"
    );
    assert!(proxy.refused() >= 1);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_connect_with_basic_credentials() {
    let dc = start(1, Faults::default()).await;
    let proxy = ProxyServer::http(Some(creds("s3cret"))).await.unwrap();
    let good = Proxy::Http {
        addr: proxy.addr(),
        auth: Some(creds("s3cret")),
    };
    login_through(&dc, &proxy, builder(&dc).proxy(good))
        .await
        .disconnect();

    for auth in [Some(creds("wrong")), None] {
        let bad = Proxy::Http {
            addr: proxy.addr(),
            auth,
        };
        let err = refused_connect(builder(&dc).proxy(bad)).await;
        assert!(
            matches!(&err, Error::Transport(TransportError::Proxy(why)) if why.contains("407")),
            "{err:?}"
        );
    }
    assert_eq!(proxy.refused(), 2);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mtproxy_links_with_plain_padded_and_fake_tls_secrets() {
    // "example.com" in hex: the fake-TLS domain.
    let domain_hex = "6578616d706c652e636f6d";
    for secret in [
        KEY.to_owned(),
        format!("dd{KEY}"),
        format!("ee{KEY}{domain_hex}"),
    ] {
        let dc = start(1, Faults::default()).await;
        let parsed = MtProxySecret::from_hex(&secret).unwrap();
        let proxy = ProxyServer::mtproxy(&parsed, dc.dcs()).await.unwrap();
        let port = proxy.addr().port();
        let link = format!("tg://proxy?server=127.0.0.1&port={port}&secret={secret}");
        let client = login_through(&dc, &proxy, builder(&dc).proxy_link(link)).await;
        // A media connection names its DC negated in the header; the proxy finds it too.
        let tunnels = proxy.tunnels();
        let nearest = client
            .invoke_media(1, &functions::help::GetNearestDc {})
            .await
            .unwrap();
        let enums::NearestDc::NearestDc(nearest) = nearest;
        assert_eq!(nearest.this_dc, 1);
        assert_eq!(proxy.tunnels(), tunnels + 1, "{secret}");
        client.disconnect();
        dc.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_mtproxy_secret_is_a_transport_error() {
    let dc = start(1, Faults::default()).await;
    let right = MtProxySecret::from_hex(&format!("dd{KEY}")).unwrap();
    let proxy = ProxyServer::mtproxy(&right, dc.dcs()).await.unwrap();
    let port = proxy.addr().port();
    let other_key = "ffeeddccbbaa99887766554433221100";
    let link = format!("tg://proxy?server=127.0.0.1&port={port}&secret=dd{other_key}");
    let err = refused_connect(builder(&dc).proxy_link(link)).await;
    assert!(matches!(&err, Error::Transport(_)), "{err:?}");
    // (`refused()` is counted after the proxy closed, so it is not read here: no tunnel opened
    // and nothing reached the DC.)
    assert_eq!(proxy.tunnels(), 0);
    assert_eq!(dc.connections_accepted(), 0);
    dc.shutdown().await;
}
