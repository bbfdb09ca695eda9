//! Login by QR code against the test DC: the new app shows a code, a second, logged-in client
//! accepts it, the new app hears `updateLoginToken` and collects the login; the account on
//! another DC (`auth.loginTokenMigrateTo`); an account with a 2FA password.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth_support;

use auth_support::{ALICE, CAROL, CAROL_PASSWORD, DAVE, client, login, start};
use pyro_client::auth::{QrLogin, QrOutcome};
use pyro_client::{Client, RawUpdates};

/// A fresh client that has shown a QR code: the client, its update feed and the code.
async fn showing_a_code(dc: &pyro_test_dc::TestDc) -> (Client, RawUpdates, QrLogin) {
    let new_app = client(dc).await;
    let updates = new_app.take_raw_updates().expect("the feed");
    let QrOutcome::Pending(qr) = new_app.qr_login().await.unwrap() else {
        panic!("a fresh app gets a code to show");
    };
    assert!(qr.url().starts_with("tg://login?token="));
    assert!(!qr.qr_terminal().is_empty());
    assert!(qr.remaining().as_secs() > 20);
    (new_app, updates, qr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_accepted_by_a_second_client_logs_in() {
    let dc = start().await;
    let (new_app, mut updates, qr) = showing_a_code(&dc).await;
    let phone = client(&dc).await;
    let alice = login(&phone, &dc, ALICE, None).await;
    // The phone scans the link.
    let scanned = QrLogin::from_url(&qr.url()).unwrap();
    let session = phone.accept_qr_login(&scanned).await.unwrap();
    assert_eq!(session.api_id, 4242);
    let QrOutcome::Done(me) = new_app.wait_qr_login(&qr, &mut updates).await.unwrap() else {
        panic!("the accepted code logs in");
    };
    assert_eq!(me.id(), alice.id());
    assert_eq!(
        new_app.store().user().unwrap().map(|u| u.id),
        Some(alice.id())
    );
    assert!(new_app.is_authorized().await.unwrap());
    // A code works once.
    let err = phone.accept_qr_login(&scanned).await.unwrap_err();
    assert!(
        err.rpc_name().is_some_and(|n| n.starts_with("AUTH_TOKEN")),
        "{err:?}"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_on_another_dc_is_imported_there() {
    let dc = start().await;
    let (new_app, mut updates, qr) = showing_a_code(&dc).await;
    assert_eq!(new_app.home_dc(), 1);
    let phone = client(&dc).await;
    let dave = login(&phone, &dc, DAVE, None).await;
    phone.accept_qr_login(&qr).await.unwrap();
    let QrOutcome::Done(me) = new_app.wait_qr_login(&qr, &mut updates).await.unwrap() else {
        panic!("the accepted code logs in");
    };
    assert_eq!(me.id(), dave.id());
    // auth.loginTokenMigrateTo moved the new app to Dave's DC.
    assert_eq!(new_app.home_dc(), 2);
    assert_eq!(new_app.get_me().await.unwrap().id(), dave.id());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_factor_account_still_needs_its_password() {
    let dc = start().await;
    let (new_app, mut updates, qr) = showing_a_code(&dc).await;
    let phone = client(&dc).await;
    let carol = login(&phone, &dc, CAROL, Some(CAROL_PASSWORD)).await;
    phone.accept_qr_login(&qr).await.unwrap();
    let QrOutcome::PasswordRequired(token) =
        new_app.wait_qr_login(&qr, &mut updates).await.unwrap()
    else {
        panic!("Carol has a password");
    };
    assert!(!new_app.is_authorized().await.unwrap());
    let me = new_app.check_password(token, CAROL_PASSWORD).await.unwrap();
    assert_eq!(me.id(), carol.id());
    assert!(new_app.is_authorized().await.unwrap());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_again_before_a_scan_gives_a_new_code() {
    let dc = start().await;
    let (new_app, _updates, qr) = showing_a_code(&dc).await;
    let QrOutcome::Pending(next) = new_app.qr_login().await.unwrap() else {
        panic!("nobody accepted");
    };
    assert_ne!(next.token(), qr.token());
    let phone = client(&dc).await;
    login(&phone, &dc, ALICE, None).await;
    let err = phone.accept_qr_login(&qr).await.unwrap_err();
    assert!(err.is_rpc("AUTH_TOKEN_INVALID"), "{err:?}");
    dc.shutdown().await;
}
