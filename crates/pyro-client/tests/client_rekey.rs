//! The client's keys over time: a permanent key the DC forgets (transport error -404 without
//! PFS) is replaced by a new, stored, logged-out key instead of timing requests out; and the
//! server clock offset is stored, so a restarted client's first message ids are right.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use client_support::{answering_dc, bot_login, builder, key_id, me, start};
use pyro_client::{Error, MemoryStore, SessionStore};
use pyro_test_dc::{Faults, NetFaults};
use pyro_tl_types::api::{enums, functions};

/// `users.getUsers([inputUserSelf])`, which needs a logged-in key.
async fn get_self(client: &pyro_client::Client) -> Result<Vec<enums::User>, Error> {
    client
        .invoke(&functions::users::GetUsers {
            id: vec![enums::InputUser::InputUserSelf],
        })
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_permanent_key_is_replaced_and_logged_out() {
    let dc = start(1, Faults::default()).await;
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    assert_eq!(me(&client).await, bot);
    let old = key_id(&client, 1);
    dc.forget_auth_key(old);

    // The request is answered over a new key, long before the 10 s request timeout: the new
    // key is not logged in.
    let started = Instant::now();
    let err = get_self(&client).await.unwrap_err();
    assert!(matches!(err, Error::AuthKeyUnregistered), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let new = key_id(&client, 1);
    assert_ne!(new, old, "the new key is stored");
    assert_eq!(
        client.store().user().unwrap(),
        None,
        "the session is logged out"
    );
    assert!(!client.is_authorized().await.unwrap());

    // Calls that need no login work, and logging in again works, on the new key.
    assert_eq!(answering_dc(&client).await.unwrap(), 1);
    assert_eq!(bot_login(&client).await, bot);
    assert_eq!(me(&client).await, bot);
    assert_eq!(dc.telegram().authorized_user(new), Some(bot));
    assert_eq!(key_id(&client, 1), new);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_in_flight_when_the_key_is_forgotten_end_promptly() {
    let dc = start(1, Faults::default()).await;
    let client = builder(&dc).media_connections(2).connect().await.unwrap();
    bot_login(&client).await;
    // Both media sessions up, on the same key as the main one.
    for _ in 0..2 {
        client
            .invoke_media(1, &functions::help::GetNearestDc {})
            .await
            .unwrap();
    }
    let old = key_id(&client, 1);
    dc.forget_auth_key(old);
    // Several calls at once, on the main session and on media sessions of the same DC: one new
    // key is made for all of them, and every call ends with an answer, none by a timeout.
    let started = Instant::now();
    let calls: Vec<_> = (0..4)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                if i % 2 == 0 {
                    get_self(&client).await.map(|_| ())
                } else {
                    client
                        .invoke_media(1, &functions::help::GetNearestDc {})
                        .await
                        .map(|_| ())
                }
            })
        })
        .collect();
    for (i, call) in calls.into_iter().enumerate() {
        let result = call.await.unwrap();
        if i % 2 == 0 {
            assert!(
                matches!(result, Err(Error::AuthKeyUnregistered)),
                "{result:?}"
            );
        } else {
            assert!(result.is_ok(), "{result:?}");
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let new = key_id(&client, 1);
    assert_ne!(new, old);
    assert_eq!(client.store().auth_key(1).unwrap().map(|_| ()), Some(()));
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clock_offset_is_stored_for_the_next_start() {
    let dc = start(1, Faults::default()).await;
    dc.set_net_faults(NetFaults {
        clock_offset_secs: 3 * 3600,
        ..NetFaults::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skewed.session");
    let first = builder(&dc).session_file(&path).connect().await.unwrap();
    assert_eq!(answering_dc(&first).await.unwrap(), 1);
    let offset = first
        .store()
        .time_offset()
        .unwrap()
        .expect("an offset is stored");
    assert!((offset - 3 * 3600).abs() <= 5, "{offset}");
    let key = first.store().auth_key(1).unwrap().unwrap();
    drop(first);

    // Restarted on the same file: the first request carries a msg_id on the server's clock.
    let before = dc.bad_msg_notifications();
    let again = builder(&dc).session_file(&path).connect().await.unwrap();
    assert_eq!(answering_dc(&again).await.unwrap(), 1);
    assert_eq!(
        dc.bad_msg_notifications(),
        before,
        "no bad_msg_notification round"
    );
    drop(again);

    // The same key without the stored offset: the server corrects the client once (so the
    // counter above would have seen it).
    let bare: Arc<dyn SessionStore> = Arc::new(MemoryStore::new());
    bare.set_auth_key(1, Some(&key)).unwrap();
    let unsynced = builder(&dc).store(bare).connect().await.unwrap();
    assert_eq!(answering_dc(&unsynced).await.unwrap(), 1);
    assert!(dc.bad_msg_notifications() > before);
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forgotten_key_of_another_dc_is_logged_in_again() {
    let dc = start(2, Faults::default()).await;
    let client = builder(&dc).connect().await.unwrap();
    let bot = bot_login(&client).await;
    assert_eq!(
        on_dc2(&client).await.unwrap().len(),
        1,
        "authorization imported"
    );
    let old = key_id(&client, 2);
    dc.forget_auth_key(old);
    // DC 2 gets a new key, the authorization is imported into it again, and the call answers;
    // the home DC's login is untouched.
    assert_eq!(on_dc2(&client).await.unwrap().len(), 1);
    let new = key_id(&client, 2);
    assert_ne!(new, old);
    assert_eq!(dc.telegram().authorized_user(new), Some(bot));
    assert_eq!(on_dc2(&client).await.unwrap().len(), 1);
    assert_eq!(me(&client).await, bot);
    dc.shutdown().await;
}

/// `users.getUsers([inputUserSelf])` on DC 2, which needs the login imported there.
async fn on_dc2(client: &pyro_client::Client) -> Result<Vec<enums::User>, Error> {
    client
        .invoke_in_dc(
            2,
            &functions::users::GetUsers {
                id: vec![enums::InputUser::InputUserSelf],
            },
        )
        .await
}
