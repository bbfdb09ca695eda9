//! Pinning end to end against the test DC: `Client::pin_message` (with its service message),
//! one-sided pins, the bound `Message::pin` / `unpin`, the rights a supergroup asks for, and
//! `unpin_all_messages`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use methods_support::{alice, login, rpc, start};
use pyro_client::methods::PinOptions;
use pyro_client::tl::types;
use pyro_client::types::ServiceAction;

#[tokio::test]
async fn pins_in_a_private_chat_and_one_sided() {
    let dc = start().await;
    let client = alice(&dc).await;
    let first = client.send_message("@bob", "first").await.unwrap().unwrap();
    let second = client
        .send_message("@bob", "second")
        .await
        .unwrap()
        .unwrap();

    let service = client
        .pin_message("@bob", first.id())
        .await
        .unwrap()
        .expect("a pin posts a service message");
    assert!(matches!(
        service.action(),
        Some(ServiceAction::MessagePinned)
    ));
    assert_eq!(service.reply_to_message_id(), Some(first.id()));
    let got = client.get_messages("@bob", &[first.id()]).await.unwrap();
    assert!(got[0].is_pinned());

    // Only for us: no service message.
    let one_sided = PinOptions {
        one_side: true,
        ..PinOptions::default()
    };
    let none = client
        .pin_message_with("@bob", second.id(), one_sided)
        .await
        .unwrap();
    assert!(none.is_none());

    client.unpin_message("@bob", first.id()).await.unwrap();
    let got = client
        .get_messages("@bob", &[first.id(), second.id()])
        .await
        .unwrap();
    assert_eq!(
        got.iter()
            .map(pyro_client::types::Message::is_pinned)
            .collect::<Vec<_>>(),
        [false, true]
    );
    assert_eq!(client.unpin_all_messages("@bob").await.unwrap(), 1);
    assert_eq!(client.unpin_all_messages("@bob").await.unwrap(), 0);
    assert_eq!(
        rpc(client.pin_message("@bob", 999_999).await),
        "MESSAGE_ID_INVALID"
    );
    dc.shutdown().await;
}

#[tokio::test]
async fn bound_pins_and_the_pin_right_in_a_supergroup() {
    let dc = start().await;
    let alice = alice(&dc).await;
    let bob = login(&dc, "15550002").await;
    let posted = bob.send_message("@club", "read me").await.unwrap().unwrap();

    // Bob is a plain member: no pinning, even through the bound method.
    assert_eq!(rpc(posted.pin().await), "CHAT_ADMIN_REQUIRED");
    let rights = types::ChatAdminRights {
        pin_messages: true,
        ..Default::default()
    };
    alice
        .promote_chat_member("@club", "@bob", rights, None)
        .await
        .unwrap();
    let service = posted.pin().await.unwrap().expect("service message");
    assert!(matches!(
        service.action(),
        Some(ServiceAction::MessagePinned)
    ));
    let seen = alice.get_messages("@club", &[posted.id()]).await.unwrap();
    assert!(seen[0].is_pinned());
    posted.unpin().await.unwrap();
    let seen = alice.get_messages("@club", &[posted.id()]).await.unwrap();
    assert!(!seen[0].is_pinned());
    assert_eq!(rpc(service.pin().await), "MESSAGE_ID_INVALID");
    dc.shutdown().await;
}
