//! Message methods end to end against the test DC: send (plain, Markdown, HTML, reply),
//! get by id, edit, delete, forward and copy, in a private chat and a supergroup.
//!
//! The test DC keeps the text of messages but not their entities, so these tests check that
//! the parse modes turn markup into plain text (the entities themselves are covered by the
//! text module's tests), not the entities the server echoes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use methods_support::{alice, start};
use pyro_client::Error;
use pyro_client::methods::{ParseMode, SendOptions};

#[tokio::test]
async fn send_get_edit_delete_in_a_private_chat() {
    let dc = start().await;
    let client = alice(&dc).await;

    let sent = client
        .send_message("@bob", "hello Bob")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.text(), "hello Bob");
    assert!(sent.is_outgoing());
    let bob = client.resolve_peer("@bob").await.unwrap();
    assert_eq!(sent.chat().id().bare_id(), bob.id.id);

    let got = client
        .get_messages("@bob", &[sent.id(), 999_999])
        .await
        .unwrap();
    assert_eq!(got.len(), 1, "the unknown id is left out");
    assert_eq!(got[0].text(), "hello Bob");

    let edited = client
        .edit_message_text_with(
            "@bob",
            sent.id(),
            "**bold** and __italic__",
            SendOptions::parse_mode(ParseMode::Markdown),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(edited.text(), "bold and italic");
    assert!(edited.edit_date().is_some());

    assert_eq!(
        client
            .delete_messages("@bob", &[sent.id()], true)
            .await
            .unwrap(),
        1
    );
    assert!(
        client
            .get_messages("@bob", &[sent.id()])
            .await
            .unwrap()
            .is_empty()
    );
    dc.shutdown().await;
}

#[tokio::test]
async fn html_replies_and_a_malformed_text_refused_before_sending() {
    let dc = start().await;
    let client = alice(&dc).await;
    let first = client.send_message("@bob", "first").await.unwrap().unwrap();

    let options = SendOptions::parse_mode(ParseMode::Html).reply_to(first.id());
    let reply = client
        .send_message_with("@bob", "<b>hi</b> <code>x</code>", options)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reply.text(), "hi x");
    assert_eq!(reply.reply_to_message_id(), Some(first.id()));

    let sends = || {
        dc.telegram()
            .log()
            .iter()
            .filter(|l| l.method == "messages.sendMessage")
            .count()
    };
    let before = sends();
    let bad = client
        .send_message_with("@bob", "<b>open", SendOptions::parse_mode(ParseMode::Html))
        .await;
    assert!(matches!(bad, Err(Error::Config(_))), "{bad:?}");
    assert_eq!(sends(), before, "nothing was sent");
    dc.shutdown().await;
}

#[tokio::test]
async fn forward_and_copy_into_a_supergroup() {
    let dc = start().await;
    let client = alice(&dc).await;
    let a = client.send_message("@bob", "one").await.unwrap().unwrap();
    let b = client
        .send_message_with(
            "@bob",
            "**two**",
            SendOptions::parse_mode(ParseMode::Markdown),
        )
        .await
        .unwrap()
        .unwrap();

    let forwarded = client
        .forward_messages("@club", "@bob", &[a.id(), b.id()])
        .await
        .unwrap();
    let texts: Vec<&str> = forwarded
        .iter()
        .map(pyro_client::types::Message::text)
        .collect();
    assert_eq!(texts, ["one", "two"]);
    assert!(
        forwarded
            .iter()
            .all(|m| m.is_forwarded() && m.chat().is_group())
    );

    let copy = client
        .copy_message("@club", "@bob", b.id())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(copy.text(), "two");
    assert!(!copy.is_forwarded());
    assert!(
        client
            .copy_message("@club", "@bob", 999_999)
            .await
            .unwrap()
            .is_none()
    );

    // Messages by id in a channel go through channels.getMessages.
    let in_club = client.get_messages("@club", &[copy.id()]).await.unwrap();
    assert_eq!(in_club.len(), 1);
    assert_eq!(in_club[0].text(), "two");
    assert_eq!(
        client
            .delete_messages("@club", &[copy.id()], true)
            .await
            .unwrap(),
        1
    );
    dc.shutdown().await;
}
