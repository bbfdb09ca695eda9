//! Logging in by phone code against the test DC: a plain account, a wrong code, 2FA with the
//! right and a wrong password, an account on another DC (PHONE_MIGRATE), and signing up a new
//! number.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth_support;

use auth_support::{ALICE, CAROL, CAROL_HINT, CAROL_PASSWORD, DAVE, client, code, start};
use pyro_client::auth::SignIn;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_logs_in_with_the_code() {
    let dc = start().await;
    let client = client(&dc).await;
    assert!(!client.is_authorized().await.unwrap());
    let token = client.request_login_code("+1 555 0001").await.unwrap();
    assert_eq!(token.code_length(), Some(5));
    let SignIn::Done(me) = client.sign_in(&token, &code(&dc, ALICE)).await.unwrap() else {
        panic!("Alice has no password");
    };
    assert_eq!(me.first_name(), "Alice");
    assert!(me.is_self() && !me.is_bot());
    assert_eq!(Some(me.id()), dc.telegram().user_id_by_phone(ALICE));
    // The login is stored, and the server agrees.
    let stored = client.store().user().unwrap().expect("stored");
    assert_eq!((stored.id, stored.bot), (me.id(), false));
    assert!(client.is_authorized().await.unwrap());
    assert_eq!(client.get_me().await.unwrap().username(), Some("alice"));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_is_refused_and_the_right_one_still_works() {
    let dc = start().await;
    let client = client(&dc).await;
    let token = client.request_login_code(ALICE).await.unwrap();
    let right = code(&dc, ALICE);
    // Any other 5 digits.
    let wrong = format!("{:05}", (right.parse::<u32>().unwrap() + 1) % 100_000);
    let err = client.sign_in(&token, &wrong).await.unwrap_err();
    assert!(err.is_rpc("PHONE_CODE_INVALID"), "{err:?}");
    assert!(!client.is_authorized().await.unwrap());
    assert!(matches!(
        client.sign_in(&token, &right).await.unwrap(),
        SignIn::Done(_)
    ));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_factor_needs_the_right_password() {
    let dc = start().await;
    let client = client(&dc).await;
    let token = client.request_login_code(CAROL).await.unwrap();
    let SignIn::PasswordRequired(password) =
        client.sign_in(&token, &code(&dc, CAROL)).await.unwrap()
    else {
        panic!("Carol has a password");
    };
    assert_eq!(password.hint(), Some(CAROL_HINT));
    let err = client
        .check_password(password, "wrong horse")
        .await
        .unwrap_err();
    assert!(err.is_rpc("PASSWORD_HASH_INVALID"), "{err:?}");
    assert!(!client.is_authorized().await.unwrap());
    assert!(client.store().user().unwrap().is_none());

    let password = client.password_token().await.unwrap();
    let me = client
        .check_password(password, CAROL_PASSWORD)
        .await
        .unwrap();
    assert_eq!(me.first_name(), "Carol");
    assert!(client.is_authorized().await.unwrap());
    assert_eq!(client.store().user().unwrap().map(|u| u.id), Some(me.id()));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_on_another_dc_moves_the_home_dc() {
    let dc = start().await;
    let client = client(&dc).await;
    assert_eq!(client.home_dc(), 1);
    let token = client.request_login_code(DAVE).await.unwrap();
    // PHONE_MIGRATE_2 was followed inside invoke.
    assert_eq!(client.home_dc(), 2);
    let SignIn::Done(me) = client.sign_in(&token, &code(&dc, DAVE)).await.unwrap() else {
        panic!("Dave has no password");
    };
    assert_eq!(me.first_name(), "Dave");
    assert_eq!(client.store().home_dc().unwrap(), Some(2));
    assert!(client.is_authorized().await.unwrap());
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_number_signs_up() {
    let dc = start().await;
    let client = client(&dc).await;
    let phone = "15559999";
    assert!(dc.telegram().user_id_by_phone(phone).is_none());
    let token = client.request_login_code(phone).await.unwrap();
    let SignIn::SignUpRequired(sign_up) = client.sign_in(&token, &code(&dc, phone)).await.unwrap()
    else {
        panic!("the number has no account");
    };
    assert_eq!(sign_up.phone(), phone);
    let me = client.sign_up(&sign_up, "Nina", "New").await.unwrap();
    assert_eq!((me.first_name(), me.last_name()), ("Nina", Some("New")));
    assert_eq!(dc.telegram().user_id_by_phone(phone), Some(me.id()));
    assert!(client.is_authorized().await.unwrap());
    // The number is taken now.
    let again = client.sign_up(&sign_up, "Nina", "Again").await.unwrap_err();
    assert!(again.rpc_name().is_some(), "{again:?}");
    dc.shutdown().await;
}
