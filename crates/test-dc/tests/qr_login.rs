//! Login by QR code (core.telegram.org/api/qr-login): export, accept from a signed-in app, the
//! `updateLoginToken` push, success on the same DC, `loginTokenMigrateTo` + import on another,
//! 2FA after the QR step, and the token errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Client, World};
use pyro_test_dc::{RpcError, Seed, SeedUser};
use pyro_tl_types::api::{enums, functions};

fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice"))
        .user(SeedUser::person("carol", "15550003", "Carol").password("correct horse"))
        .user(SeedUser::person("dave", "15550004", "Dave").dc(4))
        .user(SeedUser::bot("echo", "1000:echo-token", "Echo"))
}

fn export(client: &Client) -> Result<enums::auth::LoginToken, RpcError> {
    client.call(&functions::auth::ExportLoginToken {
        api_id: 1,
        api_hash: "hash".into(),
        except_ids: Vec::new(),
    })
}

/// A fresh QR token for `client`: (bytes, expiry).
fn fresh_token(client: &Client) -> (Vec<u8>, i32) {
    match export(client).unwrap() {
        enums::auth::LoginToken::LoginToken(t) => (t.token, t.expires),
        other => panic!("expected auth.loginToken, got {other:?}"),
    }
}

fn accept(client: &Client, token: &[u8]) -> Result<enums::Authorization, RpcError> {
    client.call(&functions::auth::AcceptLoginToken {
        token: token.to_vec(),
    })
}

fn success_user(answer: &enums::auth::LoginToken) -> i64 {
    let enums::auth::LoginToken::Success(success) = answer else {
        panic!("expected auth.loginTokenSuccess, got {answer:?}")
    };
    let enums::auth::Authorization::Authorization(auth) = &success.authorization else {
        panic!("sign-up required?")
    };
    common::user_id(&auth.user)
}

#[test]
fn accepted_tokens_log_the_new_app_in_on_its_dc() {
    let world = World::new(&seed());
    let new_app = world.client(2, 21);
    let (token, expires) = fresh_token(&new_app);
    assert_eq!(token.len(), 32);
    assert_eq!(expires, common::START + 30);
    // Asking again before anyone accepted gives a new code.
    let (token2, _) = fresh_token(&new_app);
    assert_ne!(token, token2);

    let phone = world.login("15550001", 22);
    // The replaced code is gone.
    assert_eq!(
        accept(&phone, &token).unwrap_err().message,
        "AUTH_TOKEN_INVALID"
    );
    let enums::Authorization::Authorization(session) = accept(&phone, &token2).unwrap();
    assert_eq!(session.date_created, common::START);
    // The new app is told, and exporting again finishes the login.
    let pushed = new_app.updates();
    assert!(
        matches!(&pushed[..], [enums::Updates::UpdateShort(u)] if u.update == enums::Update::LoginToken),
        "{pushed:?}"
    );
    assert!(new_app.telegram.authorized_user(21).is_none());
    let alice = world.telegram.user_id_by_phone("15550001").unwrap();
    assert_eq!(success_user(&export(&new_app).unwrap()), alice);
    assert_eq!(new_app.me(), alice);
    assert_eq!(
        accept(&phone, &token2).unwrap_err().message,
        "AUTH_TOKEN_INVALID"
    );
}

#[test]
fn accounts_on_another_dc_get_a_migrate_token() {
    let world = World::new(&seed());
    let new_app = world.client(2, 31);
    let (token, _) = fresh_token(&new_app);
    let phone = world.client(4, 32);
    phone.login("15550004").unwrap();
    accept(&phone, &token).unwrap();
    assert_eq!(
        accept(&phone, &token).unwrap_err().message,
        "AUTH_TOKEN_ALREADY_ACCEPTED"
    );
    let enums::auth::LoginToken::MigrateTo(migrate) = export(&new_app).unwrap() else {
        panic!("expected auth.loginTokenMigrateTo")
    };
    assert_eq!(migrate.dc_id, 4);
    let import = |client: &Client| {
        client.call(&functions::auth::ImportLoginToken {
            token: migrate.token.clone(),
        })
    };
    // Only on the DC it names.
    assert_eq!(
        import(&world.client(2, 33)).unwrap_err().message,
        "AUTH_TOKEN_INVALID"
    );
    let on_dc4 = world.client(4, 34);
    let dave = world.telegram.user_id_by_phone("15550004").unwrap();
    assert_eq!(success_user(&import(&on_dc4).unwrap()), dave);
    assert_eq!(on_dc4.me(), dave);
    assert_eq!(import(&on_dc4).unwrap_err().message, "AUTH_TOKEN_INVALID");
}

#[test]
fn two_factor_accounts_still_need_their_password() {
    let world = World::new(&seed());
    let phone = world.client(2, 41);
    assert_eq!(
        phone.login("15550003").unwrap_err().message,
        "SESSION_PASSWORD_NEEDED"
    );
    phone.check_password(b"correct horse", false).unwrap();

    let new_app = world.client(2, 42);
    let (token, _) = fresh_token(&new_app);
    accept(&phone, &token).unwrap();
    assert_eq!(
        export(&new_app).unwrap_err(),
        RpcError::new(401, "SESSION_PASSWORD_NEEDED")
    );
    assert!(world.telegram.authorized_user(42).is_none());
    new_app.check_password(b"correct horse", false).unwrap();
    assert_eq!(
        world.telegram.authorized_user(42),
        world.telegram.user_id_by_phone("15550003")
    );
}

#[test]
fn token_errors() {
    let world = World::new(&seed());
    let new_app = world.client(2, 51);
    let (token, _) = fresh_token(&new_app);
    let bot = world.bot("1000:echo-token", 52);
    assert_eq!(
        accept(&bot, &token).unwrap_err().message,
        "BOT_METHOD_INVALID"
    );
    let unsigned = world.client(2, 53);
    assert_eq!(
        accept(&unsigned, &token).unwrap_err(),
        RpcError::new(401, "AUTH_KEY_UNREGISTERED")
    );
    let phone = world.login("15550001", 54);
    assert_eq!(
        accept(&phone, b"not a token").unwrap_err().message,
        "AUTH_TOKEN_INVALID"
    );
    world.clock.advance(31);
    assert_eq!(
        accept(&phone, &token).unwrap_err().message,
        "AUTH_TOKEN_EXPIRED"
    );
    assert_eq!(
        new_app
            .call(&functions::auth::ExportLoginToken {
                api_id: 0,
                api_hash: String::new(),
                except_ids: Vec::new(),
            })
            .unwrap_err()
            .message,
        "API_ID_INVALID"
    );
    // Only the exporting app's key hears about it: nothing was queued for others.
    assert!(phone.updates().is_empty());
}
