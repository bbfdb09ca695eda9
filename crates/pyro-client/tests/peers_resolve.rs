//! `resolve_peer` end to end against the test DC: every peer an answer mentions is cached;
//! usernames, phones, links, `me` and marked ids resolve through the cache first and the server
//! second; unknown peers fail with words; the cache survives reopening a session file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use pyro_client::peers::{PeerError, PeerRef};
use pyro_client::{Client, ClientBuilder, Error};
use pyro_session::{PeerId, PeerKind};
use pyro_test_dc::{Seed, SeedChannel, SeedUser, TestDc};
use pyro_tl_types::api::{enums, functions, types};

const ALICE_PHONE: &str = "15550001";

/// Alice (a contact of Bob's), Bob, Carol (no username), a bot, a public channel and a private
/// supergroup Alice is not in.
fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", ALICE_PHONE, "Alice")
                .username("alice")
                .login_code("12345")
                .contact("bob"),
        )
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .user(SeedUser::person("carol", "15550003", "Carol"))
        .user(SeedUser::bot("echo", "1000:echo-token", "Echo").username("echobot"))
        .channel(
            SeedChannel::broadcast("news", "News", "bob")
                .username("news")
                .member("alice"),
        )
        .channel(SeedChannel::supergroup("hidden", "Hidden", "bob"))
}

async fn start() -> TestDc {
    TestDc::builder().seed(seed()).start().await.unwrap()
}

fn builder(dc: &TestDc) -> ClientBuilder {
    let mut b = Client::builder(4242, "test-hash")
        .in_memory()
        .request_timeout(Some(Duration::from_secs(10)));
    for info in dc.dcs() {
        b = b.dc(info.id, info.addr);
    }
    b.rsa_key_pem(dc.dcs()[0].public_pem.clone())
}

/// Signs in as Alice with raw requests; returns her id.
async fn login(client: &Client) -> i64 {
    let enums::auth::SentCode::SentCode(sent) = client
        .invoke(&functions::auth::SendCode {
            phone_number: ALICE_PHONE.into(),
            api_id: client.api_id(),
            api_hash: client.api_hash().into(),
            settings: enums::CodeSettings::default(),
        })
        .await
        .unwrap()
    else {
        panic!("no code sent");
    };
    let answer = client
        .invoke(&functions::auth::SignIn {
            phone_number: ALICE_PHONE.into(),
            phone_code_hash: sent.phone_code_hash,
            phone_code: Some("12345".into()),
            email_verification: None,
        })
        .await
        .unwrap();
    let enums::auth::Authorization::Authorization(auth) = answer else {
        panic!("sign-up required");
    };
    let enums::User::User(user) = auth.user else {
        panic!("empty user");
    };
    user.id
}

/// How many times the test DC answered `method`.
fn calls(dc: &TestDc, method: &str) -> usize {
    dc.telegram()
        .log()
        .iter()
        .filter(|line| line.method == method)
        .count()
}

/// Whether the server accepts `peer` as a user: `users.getUsers` with its `inputUser`.
async fn server_accepts_user(client: &Client, peer: PeerRef) -> bool {
    let users = client
        .invoke(&functions::users::GetUsers {
            id: vec![peer.input_user().unwrap()],
        })
        .await
        .unwrap();
    matches!(users.as_slice(), [enums::User::User(u)] if u.id == peer.id.id)
}

#[tokio::test]
async fn usernames_and_links_hit_the_server_once_then_the_cache() {
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    login(&client).await;
    let bob = dc.telegram().user_id("bob").unwrap();

    let first = client.resolve_peer("@bob").await.unwrap();
    assert_eq!(first.id, PeerId::user(bob));
    assert_eq!(calls(&dc, "contacts.resolveUsername"), 1);
    for spelling in [
        "bob",
        "BOB",
        "t.me/bob",
        "https://t.me/bob/12",
        "tg://resolve?domain=bob",
    ] {
        assert_eq!(
            client.resolve_peer(spelling).await.unwrap(),
            first,
            "{spelling}"
        );
    }
    assert_eq!(
        calls(&dc, "contacts.resolveUsername"),
        1,
        "answered from the cache"
    );
    assert!(server_accepts_user(&client, first).await);

    let bot = client
        .resolve_peer("https://t.me/echobot?start=x")
        .await
        .unwrap();
    let entry = client.peers().get(bot.id).unwrap().unwrap();
    assert_eq!(entry.kind, PeerKind::Bot);
    assert_eq!(entry.username.as_deref(), Some("echobot"));
}

#[tokio::test]
async fn ids_seen_in_any_answer_resolve_without_a_request() {
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    let alice = login(&client).await;
    let bob = dc.telegram().user_id("bob").unwrap();

    // Bob is unknown until an answer mentions him.
    let err = client.resolve_peer(bob).await.unwrap_err();
    assert!(
        matches!(err, Error::Peer(PeerError::Unknown { .. })),
        "{err}"
    );

    client
        .invoke(&functions::contacts::GetContacts { hash: 0 })
        .await
        .unwrap();
    let before = dc.telegram().log().len();
    let peer = client.resolve_peer(bob).await.unwrap();
    assert_eq!(dc.telegram().log().len(), before, "no request");
    assert!(server_accepts_user(&client, peer).await);

    // Pushed updates carry users too; the updates module hands them to harvest_peers.
    let pushed: enums::Updates = types::Updates {
        users: vec![
            types::User {
                id: 4_242,
                access_hash: Some(77),
                ..Default::default()
            }
            .into(),
        ],
        ..Default::default()
    }
    .into();
    client.harvest_peers(&pushed);
    let seen = client.resolve_peer("4242").await.unwrap();
    assert_eq!((seen.id, seen.access_hash), (PeerId::user(4_242), 77));

    // "me" was cached from auth.signIn's answer.
    for me in ["me", "self"] {
        assert_eq!(
            client.resolve_peer(me).await.unwrap().id,
            PeerId::user(alice)
        );
    }
    assert_eq!(
        client.resolve_peer(alice).await.unwrap().id,
        PeerId::user(alice)
    );
    assert_eq!(
        calls(&dc, "users.getUsers"),
        1,
        "only server_accepts_user's call"
    );
}

#[tokio::test]
async fn channels_resolve_by_username_link_and_marked_id() {
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    login(&client).await;
    let news = dc.telegram().channel_id("news").unwrap();

    let by_name = client.resolve_peer("https://t.me/news/5").await.unwrap();
    assert_eq!(by_name.id, PeerId::channel(news));
    let marked = -1_000_000_000_000 - news;
    assert_eq!(by_name.marked_id(), marked);
    assert_eq!(client.resolve_peer(marked).await.unwrap(), by_name);
    assert_eq!(
        client.resolve_peer(marked.to_string()).await.unwrap(),
        by_name
    );
    assert_eq!(
        client
            .resolve_peer(format!("t.me/c/{news}/7"))
            .await
            .unwrap(),
        by_name
    );
    assert_eq!(
        client.peers().get(by_name.id).unwrap().unwrap().kind,
        PeerKind::Channel
    );

    // The hash works: channels.getChannels with the inputChannel answers the channel.
    let enums::messages::Chats::Chats(chats) = client
        .invoke(&functions::channels::GetChannels {
            id: vec![by_name.input_channel().unwrap()],
        })
        .await
        .unwrap()
    else {
        panic!("a slice");
    };
    assert!(matches!(chats.chats.as_slice(), [enums::Chat::Channel(c)] if c.id == news));

    // The seed's private supergroup (created right after the channel) was never shown to
    // Alice: it is unknown, and the error says why in words.
    let hidden = news + 1;
    let err = client
        .resolve_peer(-1_000_000_000_000 - hidden)
        .await
        .unwrap_err();
    assert!(err.is_rpc("PEER_ID_INVALID"));
    let text = err.to_string();
    for words in [
        "channel or supergroup",
        "never seen",
        "access hash",
        "username",
    ] {
        assert!(text.contains(words), "{words:?} missing in: {text}");
    }
}

#[tokio::test]
async fn phone_numbers_resolve_then_come_from_the_cache() {
    let dc = start().await;
    let client = builder(&dc).connect().await.unwrap();
    login(&client).await;
    let carol = dc.telegram().user_id_by_phone("15550003").unwrap();

    let peer = client.resolve_peer("+1 555 000 3").await.unwrap();
    assert_eq!(peer.id, PeerId::user(carol));
    assert_eq!(client.resolve_peer("t.me/+15550003").await.unwrap(), peer);
    assert_eq!(calls(&dc, "contacts.resolvePhone"), 1);
    assert!(server_accepts_user(&client, peer).await);

    let err = client.resolve_peer("+15559999").await.unwrap_err();
    assert!(
        matches!(&err, Error::Peer(PeerError::PhoneNotFound { rpc, .. }) if rpc == "PHONE_NOT_OCCUPIED"),
        "{err}"
    );
    let err = client.resolve_peer("@nobody_here").await.unwrap_err();
    assert!(
        matches!(err, Error::Peer(PeerError::UsernameNotFound { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("@nobody_here"));
}

#[tokio::test]
async fn the_cache_survives_reopening_a_session_file() {
    let dc = start().await;
    let path = std::env::temp_dir().join(format!("pyro-peers-{}.session", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let bob = dc.telegram().user_id("bob").unwrap();
    let news = dc.telegram().channel_id("news").unwrap();

    let first = builder(&dc).session_file(&path).connect().await.unwrap();
    login(&first).await;
    let bob_ref = first.resolve_peer("@bob").await.unwrap();
    let news_ref = first.resolve_peer("@news").await.unwrap();
    first.disconnect();
    drop(first);

    let second = builder(&dc).session_file(&path).connect().await.unwrap();
    let before = dc.telegram().log().len();
    assert_eq!(second.resolve_peer(bob).await.unwrap(), bob_ref);
    assert_eq!(second.resolve_peer("@news").await.unwrap(), news_ref);
    assert_eq!(
        second
            .resolve_peer(-1_000_000_000_000 - news)
            .await
            .unwrap(),
        news_ref
    );
    assert_eq!(
        dc.telegram().log().len(),
        before,
        "all from the stored cache"
    );
    assert!(second.store().peer_count().unwrap() >= 3);
    drop(second);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
