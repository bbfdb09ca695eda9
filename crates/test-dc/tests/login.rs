//! Login flows: code, 2FA with real SRP (the client side from pyro-mtproto-crypto), sign-up,
//! bot tokens, the 401s of unauthorised keys, migration to the home DC and export/import.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Client, World};
use pyro_test_dc::{RpcError, Seed, SeedUser};
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::{LAYER, Serializable};

fn seed() -> Seed {
    Seed::new()
        .user(
            SeedUser::person("alice", "15550001", "Alice")
                .username("alice")
                .login_code("24680"),
        )
        .user(
            SeedUser::person("carol", "15550003", "Carol")
                .password("correct horse")
                .dc(2),
        )
        .user(SeedUser::person("dave", "15550004", "Dave").dc(4))
        .user(SeedUser::bot("echo", "1000:echo-token", "Echo").username("echobot"))
}

fn get_self(client: &Client) -> Result<Vec<enums::User>, RpcError> {
    client.call(&functions::users::GetUsers {
        id: vec![enums::InputUser::InputUserSelf],
    })
}

#[test]
fn code_login_binds_the_auth_key() {
    let world = World::new(&seed());
    let client = world.client(2, 11);
    assert_eq!(
        get_self(&client).unwrap_err(),
        RpcError::new(401, "AUTH_KEY_UNREGISTERED")
    );
    let hash = client.send_code("+1 555 0001").unwrap();
    assert_eq!(
        world.telegram.last_login_code("15550001").as_deref(),
        Some("24680")
    );
    assert_eq!(
        client
            .sign_in("15550001", &hash, "11111")
            .unwrap_err()
            .message,
        "PHONE_CODE_INVALID"
    );
    let auth = client.sign_in("15550001", &hash, "24680").unwrap();
    let enums::auth::Authorization::Authorization(auth) = auth else {
        panic!("sign-up required?")
    };
    let enums::User::User(me) = &auth.user else {
        panic!("empty user")
    };
    assert!(me.self_);
    assert_eq!(me.first_name.as_deref(), Some("Alice"));
    let users = get_self(&client).unwrap();
    assert_eq!(common::user_id(&users[0]), me.id);
    // The hash was used up.
    assert_eq!(
        client
            .sign_in("15550001", &hash, "24680")
            .unwrap_err()
            .message,
        "PHONE_CODE_HASH_EMPTY"
    );
}

#[test]
fn codes_expire() {
    let world = World::new(&seed());
    let client = world.client(2, 12);
    let hash = client.send_code("15550001").unwrap();
    world.clock.advance(301);
    assert_eq!(
        client
            .sign_in("15550001", &hash, "24680")
            .unwrap_err()
            .message,
        "PHONE_CODE_EXPIRED"
    );
}

#[test]
fn two_factor_login_with_srp() {
    let world = World::new(&seed());
    let client = world.client(2, 13);
    let hash = client.send_code("15550003").unwrap();
    let code = world.telegram.last_login_code("15550003").unwrap();
    assert_eq!(code.len(), 5);
    assert_eq!(
        client.sign_in("15550003", &hash, &code).unwrap_err(),
        RpcError::new(401, "SESSION_PASSWORD_NEEDED")
    );
    assert_eq!(
        get_self(&client).unwrap_err().message,
        "SESSION_PASSWORD_NEEDED"
    );

    let attempt = |password: &[u8], corrupt: bool| client.check_password(password, corrupt);
    assert_eq!(
        attempt(b"correct horse", true).unwrap_err().message,
        "PASSWORD_HASH_INVALID"
    );
    assert!(world.telegram.authorized_user(13).is_none());
    attempt(b"correct horse", false).unwrap();
    assert_eq!(
        world.telegram.authorized_user(13),
        world.telegram.user_id_by_phone("15550003")
    );
}

#[test]
fn new_numbers_sign_up() {
    let world = World::new(&seed());
    let client = world.client(2, 14);
    let hash = client.send_code("15559999").unwrap();
    let code = world.telegram.last_login_code("15559999").unwrap();
    let answer = client.sign_in("15559999", &hash, &code).unwrap();
    assert!(matches!(
        answer,
        enums::auth::Authorization::SignUpRequired(_)
    ));
    let sign_up = |first: &str| {
        client.call(&functions::auth::SignUp {
            no_joined_notifications: false,
            phone_number: "15559999".into(),
            phone_code_hash: hash.clone(),
            first_name: first.into(),
            last_name: "New".into(),
        })
    };
    assert_eq!(sign_up(" ").unwrap_err().message, "FIRST_NAME_INVALID");
    sign_up("Nina").unwrap();
    let users = get_self(&client).unwrap();
    let enums::User::User(me) = &users[0] else {
        panic!()
    };
    assert_eq!(me.first_name.as_deref(), Some("Nina"));
    assert_eq!(me.phone.as_deref(), Some("15559999"));
}

#[test]
fn bots_log_in_with_their_token() {
    let world = World::new(&seed());
    let client = world.client(2, 15);
    let import = |token: &str| {
        client.call(&functions::auth::ImportBotAuthorization {
            flags: 0,
            api_id: 1,
            api_hash: "h".into(),
            bot_auth_token: token.into(),
        })
    };
    assert_eq!(
        import("1000:wrong").unwrap_err().message,
        "ACCESS_TOKEN_INVALID"
    );
    import("1000:echo-token").unwrap();
    let users = get_self(&client).unwrap();
    let enums::User::User(me) = &users[0] else {
        panic!()
    };
    assert!(me.bot);
    assert_eq!(me.username.as_deref(), Some("echobot"));
}

#[test]
fn accounts_on_another_dc_migrate_and_authorizations_move() {
    let world = World::new(&seed());
    let on_2 = world.client(2, 16);
    assert_eq!(
        on_2.send_code("15550004").unwrap_err(),
        RpcError::new(303, "PHONE_MIGRATE_4")
    );
    let on_4 = world.client(4, 17);
    on_4.login("15550004").unwrap();
    // Export from DC 4 to DC 2 and import there with another key.
    let enums::auth::ExportedAuthorization::ExportedAuthorization(token) = on_4
        .call(&functions::auth::ExportAuthorization { dc_id: 2 })
        .unwrap();
    let wrong = functions::auth::ImportAuthorization {
        id: token.id,
        bytes: vec![0; 32],
    };
    assert_eq!(on_2.call(&wrong).unwrap_err().message, "AUTH_BYTES_INVALID");
    on_2.call(&functions::auth::ImportAuthorization {
        id: token.id,
        bytes: token.bytes.clone(),
    })
    .unwrap();
    assert_eq!(
        world.telegram.authorized_user(16),
        world.telegram.authorized_user(17)
    );
    // A token is good once.
    let again = world.client(2, 18);
    assert!(
        again
            .call(&functions::auth::ImportAuthorization {
                id: token.id,
                bytes: token.bytes
            })
            .is_err()
    );
}

#[test]
fn log_out_unbinds() {
    let world = World::new(&seed());
    let client = world.login("15550001", 19);
    client.call(&functions::auth::LogOut {}).unwrap();
    assert_eq!(
        get_self(&client).unwrap_err().message,
        "AUTH_KEY_UNREGISTERED"
    );
}

#[test]
fn wrappers_are_unwrapped_and_remembered() {
    let world = World::new(&seed());
    let client = world.login("15550001", 20);
    let inner = functions::users::GetUsers {
        id: vec![enums::InputUser::InputUserSelf],
    };
    let wrapped = functions::InvokeWithLayer {
        layer: LAYER,
        query: functions::InitConnection {
            api_id: 6,
            device_model: "test-rig".into(),
            system_version: "1".into(),
            app_version: "0.1".into(),
            system_lang_code: "en".into(),
            lang_pack: String::new(),
            lang_code: "en".into(),
            proxy: None,
            params: None,
            query: functions::InvokeWithoutUpdates {
                query: functions::InvokeAfterMsg {
                    msg_id: 5,
                    query: inner,
                },
            },
        },
    };
    let answer = client.raw(&wrapped.to_bytes()).unwrap();
    assert_eq!(
        answer,
        client
            .raw(
                &functions::users::GetUsers {
                    id: vec![enums::InputUser::InputUserSelf]
                }
                .to_bytes()
            )
            .unwrap()
    );
    let info = world.telegram.connection_info(20).unwrap();
    assert_eq!(info.layer, Some(LAYER));
    assert_eq!(info.app.unwrap().device_model, "test-rig");
}
