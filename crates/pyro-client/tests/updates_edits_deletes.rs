//! The edited-message and deleted-messages handler kinds fire for a real edit and a real
//! deletion another account makes, in a private chat and in a supergroup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod client_support;

use bots_support::{BOB_PHONE, next, person, person_running, start};
use client_support::ALICE_PHONE;
use pyro_client::Client;
use pyro_client::types::{DeletedMessages, Message, PeerId};
use pyro_client::updates::{Handler, Router};
use tokio::sync::mpsc;

/// What Bob's handlers saw, in order.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    New(PeerId, i32, String),
    Edited(PeerId, i32, String),
    Deleted(Option<i64>, Vec<i32>),
}

/// A router whose handlers report new and edited messages and deletions to the receiver.
fn watcher() -> (
    Router<Client, pyro_client::updates::UpdateEvent>,
    mpsc::UnboundedReceiver<Seen>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let report = |tx: &mpsc::UnboundedSender<Seen>, seen: Seen| {
        let _ = tx.send(seen);
    };
    let on_new = Handler::message({
        let tx = tx.clone();
        move |_client: Client, m: Message| {
            report(&tx, Seen::New(m.chat().id(), m.id(), m.text().to_owned()));
            async {}
        }
    });
    let on_edit = Handler::edited_message({
        let tx = tx.clone();
        move |_client: Client, m: Message| {
            report(
                &tx,
                Seen::Edited(m.chat().id(), m.id(), m.text().to_owned()),
            );
            async {}
        }
    });
    let on_delete = Handler::deleted_messages(move |_client: Client, d: DeletedMessages| {
        report(&tx, Seen::Deleted(d.channel_id, d.message_ids));
        async {}
    });
    let router = Router::new("watcher")
        .with(on_new)
        .with(on_edit)
        .with(on_delete);
    (router, rx)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_and_deletions_by_another_account_reach_the_handlers() {
    let (dc, _clock) = start().await;
    let (router, mut seen) = watcher();
    let (_bob, updates) = person_running(&dc, BOB_PHONE, router).await;
    let alice = person(&dc, ALICE_PHONE).await;
    let alice_id = client_support::me(&alice).await;

    // A private chat: Bob's copy has its own id, which the edit and the deletion name.
    let sent = alice.send_message("@bob", "draft").await.unwrap().unwrap();
    let Seen::New(chat, bob_copy, text) = next(&mut seen).await else {
        panic!("a new message first")
    };
    assert_eq!((chat, text.as_str()), (PeerId::User(alice_id), "draft"));
    alice
        .edit_message_text("@bob", sent.id(), "final")
        .await
        .unwrap();
    assert_eq!(
        next(&mut seen).await,
        Seen::Edited(PeerId::User(alice_id), bob_copy, "final".into())
    );
    alice
        .delete_messages("@bob", &[sent.id()], true)
        .await
        .unwrap();
    assert_eq!(next(&mut seen).await, Seen::Deleted(None, vec![bob_copy]));

    // A supergroup: one id for everyone, and the deletion names the channel.
    let posted = alice.send_message("@club", "hello").await.unwrap().unwrap();
    let club = posted.chat().id();
    let PeerId::Channel(club_id) = club else {
        panic!("{club:?}")
    };
    assert_eq!(
        next(&mut seen).await,
        Seen::New(club, posted.id(), "hello".into())
    );
    alice
        .edit_message_text("@club", posted.id(), "hello, all")
        .await
        .unwrap();
    assert_eq!(
        next(&mut seen).await,
        Seen::Edited(club, posted.id(), "hello, all".into())
    );
    alice
        .delete_messages("@club", &[posted.id()], true)
        .await
        .unwrap();
    assert_eq!(
        next(&mut seen).await,
        Seen::Deleted(Some(club_id), vec![posted.id()])
    );
    updates.stop().await.unwrap();
    dc.shutdown().await;
}
