//! The contact list and blocking at the TL level: importing by phone, adding and deleting
//! contacts, the caching hash of `contacts.getContacts`, and blocks (listed, and refusing
//! private messages both ways).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod tg_chats_support;

use common::{Client, World, user_id};
use pyro_tl_types::api::{enums, functions, types};
use tg_chats_support::{error, input_user, pushed, seed};

/// Telegram's caching hash (core.telegram.org/api/offsets), written out again here so the
/// server's is checked against an independent copy.
fn telegram_hash(ids: &[i64]) -> i64 {
    let mut hash = 0_u64;
    for &id in ids {
        let id = id as u64;
        hash ^= id >> 21;
        hash ^= id << 35;
        hash ^= hash >> 4;
        hash = hash.wrapping_add(id);
    }
    hash as i64
}

fn contacts(client: &Client, hash: i64) -> enums::contacts::Contacts {
    client
        .call(&functions::contacts::GetContacts { hash })
        .unwrap()
}

/// (user id, first name) of each contact.
fn contact_names(client: &Client) -> Vec<(i64, String)> {
    match contacts(client, 0) {
        enums::contacts::Contacts::Contacts(c) => c
            .users
            .iter()
            .map(|u| match u {
                enums::User::User(u) => (u.id, u.first_name.clone().unwrap_or_default()),
                other @ enums::User::Empty(_) => panic!("{other:?}"),
            })
            .collect(),
        other @ enums::contacts::Contacts::NotModified => panic!("{other:?}"),
    }
}

fn phone_contact(client_id: i64, phone: &str, first_name: &str) -> enums::InputContact {
    enums::InputContact::InputPhoneContact(Box::new(types::InputPhoneContact {
        client_id,
        phone: phone.into(),
        first_name: first_name.into(),
        last_name: String::new(),
        note: None,
    }))
}

#[test]
fn import_makes_contacts_of_known_numbers_only() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob_id = user_id_of(&alice, "bob");
    let enums::contacts::ImportedContacts::ImportedContacts(imported) = alice
        .call(&functions::contacts::ImportContacts {
            contacts: vec![
                phone_contact(7, "+1 555 0002", "Bobby"),
                phone_contact(8, "15559999", "Nobody"),
            ],
        })
        .unwrap();
    let pairs: Vec<(i64, i64)> = imported
        .imported
        .iter()
        .map(|enums::ImportedContact::ImportedContact(c)| (c.user_id, c.client_id))
        .collect();
    assert_eq!(pairs, [(bob_id, 7)]);
    assert!(imported.retry_contacts.is_empty());
    assert_eq!(imported.users.len(), 1);
    // Alice sees Bob under the name she gave him, with his phone; he is not mutual yet.
    let enums::User::User(bob) = &imported.users[0] else {
        panic!()
    };
    assert_eq!(bob.first_name.as_deref(), Some("Bobby"));
    assert!(bob.contact && !bob.mutual_contact);
    assert_eq!(bob.phone.as_deref(), Some("15550002"));
    assert_eq!(contact_names(&alice), [(bob_id, "Bobby".to_owned())]);
}

fn user_id_of(client: &Client, username: &str) -> i64 {
    match client.resolve(username) {
        enums::InputPeer::User(u) => u.user_id,
        other => panic!("{other:?}"),
    }
}

fn add(
    client: &Client,
    username: &str,
    first_name: &str,
) -> Result<enums::Updates, pyro_test_dc::RpcError> {
    client.call(&functions::contacts::AddContact {
        add_phone_privacy_exception: true,
        id: input_user(&client.resolve(username)),
        first_name: first_name.into(),
        last_name: "Smith".into(),
        phone: String::new(),
        note: None,
    })
}

#[test]
fn add_and_delete_contacts_and_the_hash() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let answer = add(&alice, "carol", "Caz").unwrap();
    let enums::Updates::Updates(answer) = answer else {
        panic!("{answer:?}")
    };
    assert!(matches!(answer.updates[0], enums::Update::PeerSettings(_)));
    add(&alice, "bob", "Robert").unwrap();
    add(&bob, "alice", "Al").unwrap();
    assert_eq!(error(add(&alice, "helper", "Bot")), "CONTACT_ID_INVALID");
    assert_eq!(error(add(&alice, "bob", " ")), "FIRSTNAME_INVALID");

    let enums::contacts::Contacts::Contacts(list) = contacts(&alice, 0) else {
        panic!()
    };
    let mutual: Vec<bool> = list
        .contacts
        .iter()
        .map(|enums::Contact::Contact(c)| c.mutual)
        .collect();
    assert_eq!(mutual, [false, true]);
    let mut ids: Vec<i64> = list.users.iter().map(user_id).collect();
    ids.sort_unstable();
    let hash = telegram_hash(&[0, ids[0], ids[1]]);
    assert!(matches!(
        contacts(&alice, hash),
        enums::contacts::Contacts::NotModified
    ));
    // Any other hash (an outdated one) gets the full list.
    assert!(matches!(
        contacts(&alice, hash ^ 1),
        enums::contacts::Contacts::Contacts(_)
    ));

    alice
        .call(&functions::contacts::DeleteContacts {
            id: vec![input_user(&alice.resolve("carol"))],
        })
        .unwrap();
    let names: Vec<String> = contact_names(&alice).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["Robert"]);
    // The hash of the old list no longer matches.
    assert!(matches!(
        contacts(&alice, hash),
        enums::contacts::Contacts::Contacts(_)
    ));
    // Carol is shown under her own name again.
    let carol = alice
        .call(&functions::users::GetUsers {
            id: vec![input_user(&alice.resolve("carol"))],
        })
        .unwrap();
    let enums::User::User(carol) = &carol[0] else {
        panic!()
    };
    assert_eq!(carol.first_name.as_deref(), Some("Carol"));
    assert!(!carol.contact);
}

fn block(client: &Client, username: &str, on: bool) -> bool {
    let id = client.resolve(username);
    if on {
        client.call(&functions::contacts::Block {
            my_stories_from: false,
            id,
        })
    } else {
        client.call(&functions::contacts::Unblock {
            my_stories_from: false,
            id,
        })
    }
    .unwrap()
}

/// (peer ids, total count when sliced) of `contacts.getBlocked`.
fn blocked(client: &Client, offset: i32, limit: i32) -> (Vec<i64>, Option<i32>) {
    let answer = client
        .call(&functions::contacts::GetBlocked {
            my_stories_from: false,
            offset,
            limit,
        })
        .unwrap();
    let (list, count) = match answer {
        enums::contacts::Blocked::Blocked(b) => (b.blocked, None),
        enums::contacts::Blocked::Slice(b) => (b.blocked, Some(b.count)),
    };
    let ids = list
        .iter()
        .map(|enums::PeerBlocked::PeerBlocked(b)| match &b.peer_id {
            enums::Peer::User(u) => u.user_id,
            other => panic!("{other:?}"),
        })
        .collect();
    (ids, count)
}

#[test]
fn blocks_are_listed_and_refuse_private_messages_both_ways() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let alice_too = world.login("15550001", 3);
    let bob = world.login("15550002", 2);
    let (bob_id, carol_id) = (user_id_of(&alice, "bob"), user_id_of(&alice, "carol"));
    let to_bob = alice.resolve("bob");
    let to_alice = bob.resolve("alice");
    alice_too.updates();

    assert!(block(&alice, "bob", true));
    assert!(
        !block(&alice, "bob", true),
        "blocking twice changes nothing"
    );
    assert!(block(&alice, "carol", true));
    // The other session hears of it.
    let live = pushed(&alice_too);
    assert!(live.iter().any(|u| matches!(
        u,
        enums::Update::PeerBlocked(b) if b.blocked && b.peer_id == enums::Peer::User(types::PeerUser { user_id: bob_id })
    )));

    assert_eq!(blocked(&alice, 0, 10), (vec![carol_id, bob_id], None));
    assert_eq!(blocked(&alice, 1, 10), (vec![bob_id], Some(2)));
    assert_eq!(blocked(&alice, 0, 1), (vec![carol_id], Some(2)));

    assert_eq!(error(bob.send(&to_alice, "hi", 1)), "USER_IS_BLOCKED");
    assert_eq!(error(alice.send(&to_bob, "hi", 2)), "YOU_BLOCKED_USER");

    assert!(block(&alice, "bob", false));
    assert!(!block(&alice, "bob", false));
    assert_eq!(blocked(&alice, 0, 10), (vec![carol_id], None));
    bob.send(&to_alice, "hi again", 3).unwrap();
    alice.send(&to_bob, "hello", 4).unwrap();
}
