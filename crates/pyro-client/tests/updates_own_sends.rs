//! The client's own sends: their answers (`updateShortSentMessage`, `updates` with
//! `updateMessageID` and the sent message, an edit's `updateEditMessage`) move the update
//! state, so a later incoming message fits without a gap: the test DC's log shows no
//! `updates.getDifference` at all. Handlers do not see the client's own sends; an outgoing
//! message the server pushes (sent from another session of the account) they do see, marked
//! outgoing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod client_support;
mod updates_support;

use client_support::ALICE_PHONE;
use pyro_client::Client;
use pyro_client::types::Message;
use pyro_client::updates::{Handler, Router, UpdatesConfig};
use pyro_test_dc::{Seed, SeedUser, TestDc};
use pyro_tl_types::api::{enums, functions, types};
use tokio::sync::mpsc;
use updates_support::{PATIENCE, person_login, resolve, send};

const BOB_PHONE: &str = "15550002";

/// How many messages Alice sends before Bob writes.
const SENDS: i64 = 20;

/// The id of the message a send's answer names.
fn sent_id(answer: &enums::Updates) -> i32 {
    match answer {
        enums::Updates::UpdateShortSentMessage(m) => m.id,
        enums::Updates::Updates(u) => u
            .updates
            .iter()
            .find_map(|u| match u {
                enums::Update::MessageId(m) => Some(m.id),
                _ => None,
            })
            .expect("updateMessageID"),
        other => panic!("unexpected answer {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_sends_cost_no_difference_and_reach_no_handler() {
    let seed = Seed::new()
        .user(SeedUser::person("alice", ALICE_PHONE, "Alice").username("alice"))
        .user(SeedUser::person("bob", BOB_PHONE, "Bob").username("bob"));
    let dc = TestDc::builder().seed(seed).start().await.unwrap();
    let alice = client_support::builder(&dc).connect().await.unwrap();
    person_login(&alice, &dc, ALICE_PHONE).await;
    let bob = client_support::builder(&dc).connect().await.unwrap();
    person_login(&bob, &dc, BOB_PHONE).await;
    let to_bob = resolve(&alice, "bob").await;
    let to_alice = resolve(&bob, "alice").await;

    let (tx, mut seen) = mpsc::unbounded_channel();
    let record = Handler::message(move |_client: Client, message: Message| {
        let tx = tx.clone();
        async move {
            let _ = tx.send((message.text().to_owned(), message.is_outgoing()));
        }
    });
    let updates = alice
        .start_updates(Router::new("record").with(record), UpdatesConfig::default())
        .unwrap();
    updates.ready().await;

    // Short sends (`updateShortSentMessage`), a forward (`updatesCombined`, with a `seq`) and
    // an edit.
    let mut last = 0;
    for i in 0..SENDS {
        let answer = alice
            .invoke(&functions::messages::SendMessage {
                peer: to_bob.clone(),
                message: format!("mine {i}"),
                random_id: i + 1,
                ..Default::default()
            })
            .await
            .unwrap();
        last = sent_id(&answer);
    }
    let forwarded = alice
        .invoke(&functions::messages::ForwardMessages {
            from_peer: to_bob.clone(),
            id: vec![last],
            random_id: vec![SENDS + 1],
            to_peer: to_bob.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        matches!(forwarded, enums::Updates::Combined(_)),
        "{forwarded:?}"
    );
    alice
        .invoke(&functions::messages::EditMessage {
            peer: to_bob.clone(),
            id: last,
            message: Some("mine, edited".into()),
            ..Default::default()
        })
        .await
        .unwrap();

    // Bob writes: it fits Alice's state at once.
    send(&bob, &to_alice, "incoming", 1).await;
    let first = tokio::time::timeout(PATIENCE, seen.recv()).await.unwrap();
    assert_eq!(first, Some(("incoming".to_owned(), false)));

    // Alice writes from another session: pushed to this one, handed out as outgoing.
    let phone = client_support::builder(&dc).connect().await.unwrap();
    person_login(&phone, &dc, ALICE_PHONE).await;
    let phone_to_bob = enums::InputPeer::User(types::InputPeerUser {
        user_id: dc.telegram().user_id("bob").unwrap(),
        access_hash: match &to_bob {
            enums::InputPeer::User(u) => u.access_hash,
            _ => 0,
        },
    });
    send(&phone, &phone_to_bob, "from my phone", 100).await;
    let second = tokio::time::timeout(PATIENCE, seen.recv()).await.unwrap();
    assert_eq!(second, Some(("from my phone".to_owned(), true)));

    let stats = updates.stats();
    updates.stop().await.unwrap();
    assert!(seen.try_recv().is_err(), "no own send reached a handler");
    let differences = updates_support::differences_fetched(&dc);
    assert_eq!(differences, 0, "{stats:?}");
    assert_eq!((stats.gaps, stats.differences), (0, 0), "{stats:?}");
    let alice_id = alice.get_me().await.unwrap().id();
    let state = alice.store().update_state().unwrap().expect("saved");
    assert_eq!(Some(state.pts), dc.telegram().user_pts(alice_id));
    dc.shutdown().await;
}
