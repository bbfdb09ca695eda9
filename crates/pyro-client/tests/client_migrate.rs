//! `*_MIGRATE_X` against the test DC's fault rules: phone, network and user migrations move and
//! persist the home DC and retry there; a file migration sends only that request to the other DC
//! (importing the login there first).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use client_support::{answering_dc, bot_login, builder, me, start};
use pyro_client::Error;
use pyro_client::tl::{enums, functions};
use pyro_test_dc::{Faults, MigrateKind, MigrateRule};

fn migrate(method: &str, kind: MigrateKind, dc_id: i32) -> Faults {
    Faults {
        migrate: vec![MigrateRule {
            method: method.into(),
            kind,
            dc_id,
            probability: 1.0,
        }],
        ..Faults::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_network_and_user_migrations_move_the_home_dc() {
    for kind in [MigrateKind::Phone, MigrateKind::Network, MigrateKind::User] {
        let dc = start(3, migrate("help.getNearestDc", kind, 3)).await;
        let client = builder(&dc).connect().await.unwrap();
        assert_eq!(client.home_dc(), 1);
        assert_eq!(answering_dc(&client).await.unwrap(), 3, "{kind:?}");
        assert_eq!(client.home_dc(), 3);
        assert_eq!(
            client.store().home_dc().unwrap(),
            Some(3),
            "{kind:?} persisted"
        );
        assert!(client.store().auth_key(3).unwrap().is_some());
        dc.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_migration_sends_one_request_elsewhere() {
    let dc = start(2, migrate("users.getUsers", MigrateKind::File, 2)).await;
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    // users.getUsers answers from DC 2, where the login was imported by the client.
    assert_eq!(me(&client).await, bot);
    assert_eq!(client.home_dc(), 1);
    assert_eq!(client.store().home_dc().unwrap(), Some(1));
    assert_eq!(client.connected_dcs(), [1, 2]);
    let dc2_key = client_support::key_id(&client, 2);
    assert_eq!(dc.telegram().authorized_user(dc2_key), Some(bot));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_loop_ends_in_the_typed_error() {
    // Every DC but 2 sends to 2, and DC 2... is asked for a method redirected to 1.
    let faults = Faults {
        migrate: vec![
            MigrateRule {
                method: "help.getNearestDc".into(),
                kind: MigrateKind::File,
                dc_id: 2,
                probability: 1.0,
            },
            MigrateRule {
                method: "help.getNearestDc".into(),
                kind: MigrateKind::File,
                dc_id: 1,
                probability: 1.0,
            },
        ],
        ..Faults::default()
    };
    let dc = start(2, faults).await;
    let client = builder(&dc).connect().await.unwrap();
    let err = answering_dc(&client).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Migrate {
                kind: pyro_client::MigrateKind::File,
                ..
            }
        ),
        "{err:?}"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invoke_in_dc_imports_the_login_once() {
    let dc = start(2, Faults::default()).await;
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    for _ in 0..3 {
        let users = client
            .invoke_in_dc(
                2,
                &functions::users::GetUsers {
                    id: vec![enums::InputUser::InputUserSelf],
                },
            )
            .await
            .unwrap();
        assert!(matches!(&users[..], [enums::User::User(u)] if u.id == bot));
    }
    let exports = dc
        .telegram()
        .log()
        .iter()
        .filter(|line| line.method == "auth.exportAuthorization")
        .count();
    assert_eq!(exports, 1);
    // Media sessions reach the same DC with the same key.
    let nearest = client
        .invoke_media(2, &functions::help::GetNearestDc {})
        .await
        .unwrap();
    let enums::NearestDc::NearestDc(nearest) = nearest;
    assert_eq!(nearest.this_dc, 2);
    dc.shutdown().await;
}
