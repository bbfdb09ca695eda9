//! Sessions side by side: the same session file twice is refused with a clear error (and works
//! again once the first client is gone, with the stored key), two clients of two accounts in one
//! process, two sessions (two auth keys) of one account, the raw update feed, and perfect forward
//! secrecy (a bound temporary key).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use std::time::Duration;

use client_support::{ALICE_PHONE, bot_login, builder, key_id, me, start, user_login};
use pyro_client::tl::{enums, functions};
use pyro_client::{Error, RawUpdate};
use pyro_test_dc::Faults;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_session_file_twice_is_refused() {
    let dc = start(1, Faults::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bot.session");
    let first = builder(&dc).session_file(&path).connect().await.unwrap();
    let bot = bot_login(&first).await;
    let err = builder(&dc)
        .session_file(&path)
        .connect()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::SessionInUse { path: p } if *p == path),
        "{err:?}"
    );
    assert!(err.to_string().contains("already in use"));
    let key = key_id(&first, 1);
    drop(first);
    // Reopened: the same key and login, no new key exchange.
    let again = builder(&dc).session_file(&path).connect().await.unwrap();
    assert_eq!(key_id(&again, 1), key);
    assert_eq!(me(&again).await, bot);
    assert_eq!(again.store().user().unwrap().map(|u| u.id), Some(bot));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accounts_and_two_sessions_of_one_account() {
    let dc = start(1, Faults::default()).await;
    let (alice, bot_a, bot_b) = tokio::join!(
        builder(&dc).connect(),
        builder(&dc).connect(),
        builder(&dc).connect()
    );
    let (alice, bot_a, bot_b) = (alice.unwrap(), bot_a.unwrap(), bot_b.unwrap());
    let alice_id = user_login(&alice, &dc, ALICE_PHONE).await;
    let (a, b) = tokio::join!(bot_login(&bot_a), bot_login(&bot_b));
    assert_eq!(a, b);
    assert_ne!(key_id(&bot_a, 1), key_id(&bot_b, 1), "separate auth keys");
    let (x, y, z) = tokio::join!(me(&alice), me(&bot_a), me(&bot_b));
    assert_eq!((x, y, z), (alice_id, a, a));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushed_updates_reach_the_raw_feed() {
    let dc = start(1, Faults::default()).await;
    let bot = builder(&dc).connect().await.unwrap();
    let mut feed = bot.take_raw_updates().expect("the feed");
    assert!(bot.take_raw_updates().is_none(), "taken once only");
    bot_login(&bot).await;
    let alice = builder(&dc).connect().await.unwrap();
    user_login(&alice, &dc, ALICE_PHONE).await;
    let resolved = alice
        .invoke(&functions::contacts::ResolveUsername {
            username: "helper".into(),
            referer: None,
        })
        .await
        .unwrap();
    let enums::contacts::ResolvedPeer::ResolvedPeer(resolved) = resolved;
    let Some(enums::User::User(helper)) = resolved.users.first() else {
        panic!("no user");
    };
    let peer = enums::InputPeer::User(pyro_client::tl::types::InputPeerUser {
        user_id: helper.id,
        access_hash: helper.access_hash.unwrap_or_default(),
    });
    alice
        .invoke(&functions::messages::SendMessage {
            peer,
            message: "hello bot".into(),
            random_id: 77,
            ..Default::default()
        })
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match feed.recv().await {
                Some(RawUpdate::Updates { dc, updates }) => break (dc, updates),
                Some(_) => {}
                None => panic!("feed closed"),
            }
        }
    })
    .await
    .expect("an update within 10 s");
    assert_eq!(got.0, 1);
    let text = format!("{:?}", got.1);
    assert!(text.contains("hello bot"), "{text}");
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn perfect_forward_secrecy_runs_over_a_bound_temporary_key() {
    let dc = start(1, Faults::default()).await;
    let client = builder(&dc).pfs(true).connect().await.unwrap();
    let bot = bot_login(&client).await;
    assert_eq!(me(&client).await, bot);
    // The login belongs to the permanent key, which never carried a request itself.
    let permanent = key_id(&client, 1);
    assert_eq!(dc.telegram().authorized_user(permanent), Some(bot));
    dc.shutdown().await;
}
