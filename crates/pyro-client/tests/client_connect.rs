//! Connecting to the test DC: a fresh in-memory session creates and stores an auth key, the
//! first call carries `invokeWithLayer(initConnection(...))`, `help.getConfig`'s DC list is
//! stored, typed `invoke` works before and after a raw bot login.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use client_support::{bot_login, builder, start};
use pyro_client::{Error, LAYER};
use pyro_test_dc::Faults;
use pyro_tl_types::api::{enums, functions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_stores_a_key_and_sends_init_connection() {
    let dc = start(1, Faults::default()).await;
    let client = builder(&dc).connect().await.unwrap();
    assert_eq!(client.home_dc(), 1);
    let key = client.store().auth_key(1).unwrap().expect("a stored key");
    let key_id = pyro_mtproto_crypto::AuthKey::from_bytes(*key.as_bytes()).id();
    let info = dc
        .telegram()
        .connection_info(key_id)
        .expect("the DC knows the key");
    assert_eq!(info.layer, Some(LAYER));
    let app = info.app.expect("initConnection was sent");
    assert_eq!(app.api_id, 4242);
    assert!(app.app_version.starts_with("pyro "));
    // help.getConfig's DC list is stored.
    let options = client.store().dc_options().unwrap();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].port, dc.dcs()[0].addr.port());

    // Not logged in: a private method is refused with the named error.
    let me = functions::users::GetUsers {
        id: vec![enums::InputUser::InputUserSelf],
    };
    assert!(matches!(
        client.invoke(&me).await,
        Err(Error::AuthKeyUnregistered)
    ));
    let bot = bot_login(&client).await;
    let users = client.invoke(&me).await.unwrap();
    assert!(matches!(&users[..], [enums::User::User(u)] if u.id == bot && u.bot));
    let stored = client.store().user().unwrap().expect("the login is stored");
    assert_eq!((stored.id, stored.bot), (bot, true));
    dc.shutdown().await;
}
