//! Contact methods end to end against the test DC: importing by phone, adding, deleting,
//! counting, and blocking (with the block refusing the blocked user's messages).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use methods_support::{alice, login, rpc, start};
use pyro_client::methods::InputContact;
use pyro_client::types::User;

fn names(users: &[User]) -> Vec<String> {
    users.iter().map(User::full_name).collect()
}

#[tokio::test]
async fn import_add_and_delete_contacts() {
    let dc = start().await;
    let client = alice(&dc).await;
    assert_eq!(client.get_contacts_count().await.unwrap(), 1);

    let imported = client
        .import_contacts(vec![
            InputContact::new("+1 555 0003", "Caz").last_name("Work"),
            InputContact::new("15559999", "Nobody"),
        ])
        .await
        .unwrap();
    assert_eq!(imported.len(), 2);
    let carol = imported[0].as_ref().expect("Carol has an account");
    assert_eq!(carol.full_name(), "Caz Work");
    assert!(carol.is_contact());
    assert!(imported[1].is_none());
    assert_eq!(
        names(&client.get_contacts().await.unwrap()),
        ["Bob", "Caz Work"]
    );
    assert_eq!(client.get_contacts_count().await.unwrap(), 2);

    // Renaming is adding again; a bot cannot be a contact.
    let renamed = client.add_contact("@carol", "Carol", "").await.unwrap();
    assert_eq!(renamed.full_name(), "Carol");
    assert_eq!(
        rpc(client.add_contact("@helper", "Bot", "").await),
        "CONTACT_ID_INVALID"
    );

    client.delete_contacts(["@carol", "@bob"]).await.unwrap();
    assert!(client.get_contacts().await.unwrap().is_empty());
    assert_eq!(client.get_contacts_count().await.unwrap(), 0);
    // Deleting a non-contact is not an error.
    client.delete_contacts(["@carol"]).await.unwrap();
    let added = client.add_contact("@bob", "Robert", "B").await.unwrap();
    assert!(added.is_contact());
    assert_eq!(names(&client.get_contacts().await.unwrap()), ["Robert B"]);
    dc.shutdown().await;
}

#[tokio::test]
async fn blocked_users_are_listed_and_cannot_write() {
    let dc = start().await;
    let client = alice(&dc).await;
    let bob = login(&dc, "15550002").await;
    let bob_id = client.resolve_peer("@bob").await.unwrap().id.id;
    let carol_id = client.resolve_peer("@carol").await.unwrap().id.id;

    assert!(client.block_user("@bob").await.unwrap());
    assert!(!client.block_user("@bob").await.unwrap());
    assert!(client.block_user("@carol").await.unwrap());
    let blocked = client.get_blocked().collect().await.unwrap();
    let ids: Vec<i64> = blocked.iter().map(|chat| chat.id().bare_id()).collect();
    assert_eq!(ids, [carol_id, bob_id]);
    assert_eq!(blocked[0].title(), "Carol");
    assert_eq!(
        client.get_blocked().limit(1).collect().await.unwrap().len(),
        1
    );

    assert_eq!(
        rpc(bob.send_message("+15550001", "hi").await.map(|_| ())),
        "USER_IS_BLOCKED"
    );
    assert_eq!(
        rpc(client.send_message("@bob", "hi").await.map(|_| ())),
        "YOU_BLOCKED_USER"
    );

    assert!(client.unblock_user("@bob").await.unwrap());
    assert!(!client.unblock_user("@bob").await.unwrap());
    let left = client.get_blocked().collect().await.unwrap();
    assert_eq!(left.len(), 1);
    client.send_message("@bob", "hello").await.unwrap();
    dc.shutdown().await;
}
