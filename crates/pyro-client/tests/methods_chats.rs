//! Chat, user and contact methods end to end against the test DC.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use methods_support::{alice, start};
use pyro_client::Error;

#[tokio::test]
async fn create_a_supergroup_and_a_channel_then_add_members() {
    let dc = start().await;
    let client = alice(&dc).await;
    let group = client.create_supergroup("Readers", "about").await.unwrap();
    assert!(group.is_group());
    assert_eq!(group.title(), "Readers");
    assert!(group.is_creator());
    let channel = client.create_channel("News", "").await.unwrap();
    assert!(channel.is_channel());

    let added = client
        .add_chat_members(group.id().bot_api_id(), ["@bob", "@carol"])
        .await
        .unwrap();
    assert_eq!(added, 2);
    let members = client
        .get_chat_members(group.id().bot_api_id())
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(members.len(), 3);

    let empty = client.create_supergroup(" ", "").await;
    assert!(
        matches!(&empty, Err(Error::Rpc(e)) if e.name == "CHAT_TITLE_EMPTY"),
        "{empty:?}"
    );
    let not_a_channel = client.add_chat_members("@bob", ["@carol"]).await;
    assert!(matches!(not_a_channel, Err(Error::Config(_))));
    dc.shutdown().await;
}

#[tokio::test]
async fn me_users_and_contacts() {
    let dc = start().await;
    let client = alice(&dc).await;
    let me = client.get_me().await.unwrap();
    assert_eq!(me.first_name(), "Alice");
    assert!(me.is_self());

    let users = client.get_users(["@carol", "@bob"]).await.unwrap();
    let names: Vec<&str> = users
        .iter()
        .map(pyro_client::types::User::first_name)
        .collect();
    assert_eq!(names, ["Carol", "Bob"]);
    let not_a_user = client.get_users(["@club"]).await;
    assert!(matches!(not_a_user, Err(Error::Config(_))));

    let contacts = client.get_contacts().await.unwrap();
    assert_eq!(
        contacts
            .iter()
            .map(pyro_client::types::User::first_name)
            .collect::<Vec<_>>(),
        ["Bob"]
    );
    dc.shutdown().await;
}

#[tokio::test]
async fn leave_join_and_rename() {
    let dc = start().await;
    let client = alice(&dc).await;
    let rpc = |r: Result<(), Error>| match r {
        Err(Error::Rpc(e)) => e.name,
        other => panic!("expected an RPC error, got {other:?}"),
    };

    client.leave_chat("@club").await.unwrap();
    assert_eq!(
        rpc(client.leave_chat("@club").await),
        "USER_NOT_PARTICIPANT"
    );
    let members = client
        .get_chat_members("@club")
        .await
        .unwrap()
        .collect()
        .await;
    assert!(
        matches!(&members, Err(Error::Rpc(e)) if e.name == "CHANNEL_PRIVATE"),
        "{members:?}"
    );
    client.join_chat("@club").await.unwrap();
    assert_eq!(
        rpc(client.join_chat("@club").await),
        "USER_ALREADY_PARTICIPANT"
    );

    client.set_chat_title("@club", "Book club").await.unwrap();
    assert_eq!(
        rpc(client.set_chat_title("@club", "Book club").await),
        "CHAT_NOT_MODIFIED"
    );
    assert_eq!(
        rpc(client.set_chat_title("@club", "  ").await),
        "CHAT_TITLE_EMPTY"
    );
    let sent = client
        .send_message("@club", "renamed")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.chat().title(), "Book club");
    dc.shutdown().await;
}
