//! Bots, logging out, and a stored login surviving a restart (SQLite session file).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth_support;

use auth_support::{ALICE, BOT_TOKEN, builder, client, login, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_logs_in_with_its_token() {
    let dc = start().await;
    let client = client(&dc).await;
    let err = client.sign_in_bot("4242:not-the-token").await.unwrap_err();
    assert!(err.is_rpc("ACCESS_TOKEN_INVALID"), "{err:?}");
    let bot = client.sign_in_bot(BOT_TOKEN).await.unwrap();
    assert!(bot.is_bot());
    assert_eq!(bot.username(), Some("robot_bot"));
    let stored = client.store().user().unwrap().expect("stored");
    assert_eq!((stored.id, stored.bot), (bot.id(), true));
    assert_eq!(client.get_me().await.unwrap().id(), bot.id());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_out_ends_the_authorization() {
    let dc = start().await;
    let client = client(&dc).await;
    login(&client, &dc, ALICE, None).await;
    assert!(client.is_authorized().await.unwrap());
    client.log_out().await.unwrap();
    assert!(client.store().user().unwrap().is_none());
    assert!(!client.is_authorized().await.unwrap());
    assert!(matches!(
        client.get_me().await,
        Err(pyro_client::Error::AuthKeyUnregistered)
    ));
    // The same session can log in again.
    client.sign_in_bot(BOT_TOKEN).await.unwrap();
    assert!(client.is_authorized().await.unwrap());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reopened_session_file_is_still_logged_in() {
    let dc = start().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alice.session");
    let me = {
        let client = builder(&dc).session_file(&path).connect().await.unwrap();
        let me = login(&client, &dc, ALICE, None).await;
        client.disconnect();
        me
    };
    let codes_sent = dc.telegram().login_codes().len();
    let client = builder(&dc).session_file(&path).connect().await.unwrap();
    assert_eq!(client.store().user().unwrap().map(|u| u.id), Some(me.id()));
    assert!(client.is_authorized().await.unwrap());
    assert_eq!(client.get_me().await.unwrap().id(), me.id());
    // No new login happened.
    assert_eq!(dc.telegram().login_codes().len(), codes_sent);
    dc.shutdown().await;
}
