//! Basic groups at the TL level: creating, adding and removing members, renaming, admins,
//! messages in every member's box, full info, pins and links, and `updateChatParticipant`
//! for bot admins.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod tg_chats_support;

use common::World;
use pyro_tl_types::api::{enums, functions, types};
use tg_chats_support::{
    BOT_TOKEN, actions, error, first_message_id, input_user, list, new_messages, pushed, seed,
};

/// Creates a basic group of `owner` with `users`; (chat id, owner's answer).
fn create(
    owner: &common::Client,
    title: &str,
    users: &[&str],
) -> (i64, Vec<enums::Update>, Vec<enums::Chat>) {
    let users = users
        .iter()
        .map(|u| input_user(&owner.resolve(u)))
        .collect();
    let enums::messages::InvitedUsers::InvitedUsers(invited) = owner
        .call(&functions::messages::CreateChat {
            users,
            title: title.into(),
            ttl_period: None,
        })
        .unwrap();
    let enums::Updates::Updates(updates) = invited.updates else {
        panic!()
    };
    let enums::Chat::Chat(chat) = &updates.chats[0] else {
        panic!("{:?}", updates.chats)
    };
    (chat.id, updates.updates, updates.chats)
}

fn peer(chat_id: i64) -> enums::InputPeer {
    enums::InputPeer::Chat(types::InputPeerChat { chat_id })
}

fn full(client: &common::Client, chat_id: i64) -> types::ChatFull {
    let enums::messages::ChatFull::ChatFull(full) = client
        .call(&functions::messages::GetFullChat { chat_id })
        .unwrap();
    let enums::ChatFull::ChatFull(chat) = full.full_chat else {
        panic!()
    };
    *chat
}

fn member_ids(full: &types::ChatFull) -> Vec<i64> {
    let enums::ChatParticipants::ChatParticipants(p) = &full.participants else {
        return Vec::new();
    };
    p.participants
        .iter()
        .map(|p| match p {
            enums::ChatParticipant::ChatParticipant(p) => p.user_id,
            enums::ChatParticipant::Creator(p) => p.user_id,
            enums::ChatParticipant::Admin(p) => p.user_id,
        })
        .collect()
}

#[test]
fn a_group_lives_in_every_members_box() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 3);
    assert_eq!(
        error(alice.call(&functions::messages::CreateChat {
            users: vec![],
            title: " ".into(),
            ttl_period: None
        })),
        "CHAT_TITLE_EMPTY"
    );
    let (chat_id, created, chats) = create(&alice, "Trio", &["bob"]);
    assert!(matches!(&chats[0], enums::Chat::Chat(c) if c.creator && c.participants_count == 2));
    assert!(matches!(
        actions(&created).as_slice(),
        [enums::MessageAction::ChatCreate(c)] if c.title == "Trio" && c.users == [alice.me(), bob.me()]
    ));
    assert!(matches!(
        actions(&pushed(&bob)).as_slice(),
        [enums::MessageAction::ChatCreate(_)]
    ));

    // A message reaches Bob's box under his own id; Carol is no member.
    let sent = list(alice.send(&peer(chat_id), "hello trio", 7).unwrap());
    assert!(matches!(
        sent[0],
        enums::Update::MessageId(types::UpdateMessageId { random_id: 7, .. })
    ));
    let live = pushed(&bob);
    let got = new_messages(&live);
    assert_eq!(common::message_text(&got[0]), "hello trio");
    assert_eq!(
        error(carol.send(&peer(chat_id), "me too", 8)),
        "CHAT_WRITE_FORBIDDEN"
    );
    let (_, texts, _) = bob.history(&peer(chat_id), 0, 0, 10);
    assert_eq!(texts.first().map(String::as_str), Some("hello trio"));

    // An edit reaches every member's copy.
    alice
        .call(&functions::messages::EditMessage {
            peer: peer(chat_id),
            id: first_message_id(&sent),
            message: Some("hello, trio".into()),
            ..Default::default()
        })
        .unwrap();
    let edited = pushed(&bob);
    assert!(
        matches!(edited.as_slice(), [enums::Update::EditMessage(e)]
            if common::message_text(&e.message) == "hello, trio"),
        "{edited:?}"
    );

    // Bob (a plain member) adds Carol; he may not remove Alice or Carol.
    let add = |by: &common::Client, who: &str| {
        by.call(&functions::messages::AddChatUser {
            chat_id,
            user_id: input_user(&by.resolve(who)),
            fwd_limit: 0,
        })
    };
    let enums::messages::InvitedUsers::InvitedUsers(added) = add(&bob, "carol").unwrap();
    assert!(matches!(
        actions(&list(added.updates)).as_slice(),
        [enums::MessageAction::ChatAddUser(a)] if a.users == [carol.me()]
    ));
    assert_eq!(error(add(&bob, "carol")), "USER_ALREADY_PARTICIPANT");
    assert!(matches!(
        actions(&pushed(&carol)).as_slice(),
        [enums::MessageAction::ChatAddUser(_)]
    ));
    let remove = |by: &common::Client, who: &str| {
        by.call(&functions::messages::DeleteChatUser {
            revoke_history: false,
            chat_id,
            user_id: input_user(&by.resolve(who)),
        })
    };
    assert_eq!(error(remove(&bob, "carol")), "CHAT_ADMIN_REQUIRED");
    assert_eq!(error(remove(&bob, "alice")), "CHAT_ADMIN_REQUIRED");
    assert_eq!(
        member_ids(&full(&carol, chat_id)),
        [alice.me(), bob.me(), carol.me()]
    );

    // Renaming: any member; the service message names the new title.
    let rename = |by: &common::Client, title: &str| {
        by.call(&functions::messages::EditChatTitle {
            chat_id,
            title: title.into(),
        })
    };
    let renamed = list(rename(&carol, "Quartet?").unwrap());
    assert!(matches!(
        actions(&renamed).as_slice(),
        [enums::MessageAction::ChatEditTitle(t)] if t.title == "Quartet?"
    ));
    assert_eq!(error(rename(&carol, "Quartet?")), "CHAT_NOT_MODIFIED");
    let enums::messages::Chats::Chats(got) = bob
        .call(&functions::messages::GetChats { id: vec![chat_id] })
        .unwrap()
    else {
        panic!()
    };
    assert!(matches!(&got.chats[0], enums::Chat::Chat(c) if c.title == "Quartet?" && !c.creator));
    assert_eq!(
        error(bob.call(&functions::messages::GetChats { id: vec![42] })),
        "CHAT_ID_INVALID"
    );

    // Alice removes Carol, who sees her own removal and then is out.
    carol.updates();
    let removed = list(remove(&alice, "carol").unwrap());
    assert!(matches!(
        actions(&removed).as_slice(),
        [enums::MessageAction::ChatDeleteUser(d)] if d.user_id == carol.me()
    ));
    assert!(matches!(
        actions(&pushed(&carol)).as_slice(),
        [enums::MessageAction::ChatDeleteUser(_)]
    ));
    assert_eq!(error(remove(&alice, "carol")), "USER_NOT_PARTICIPANT");
    assert_eq!(
        error(carol.send(&peer(chat_id), "hey", 9)),
        "CHAT_WRITE_FORBIDDEN"
    );
    assert!(matches!(
        full(&carol, chat_id).participants,
        enums::ChatParticipants::Forbidden(_)
    ));
    // Bob leaves by himself.
    remove(&bob, "bob").unwrap();
    assert_eq!(member_ids(&full(&alice, chat_id)), [alice.me()]);
}

#[test]
fn pins_links_and_bot_admins_in_a_group() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 3);
    let bot = world.bot(BOT_TOKEN, 9);
    let (chat_id, _, _) = create(&alice, "Crew", &["bob", "helper"]);
    assert_eq!(bot.state().qts, 1, "the bot heard of its own joining");

    // Admins: the creator's call; the bot admin hears of later joins.
    let make_admin = |by: &common::Client, who: &str, is_admin: bool| {
        by.call(&functions::messages::EditChatAdmin {
            chat_id,
            user_id: input_user(&by.resolve(who)),
            is_admin,
        })
    };
    assert_eq!(
        error(make_admin(&bob, "helper", true)),
        "CHAT_ADMIN_REQUIRED"
    );
    assert!(make_admin(&alice, "helper", true).unwrap());
    assert_eq!(bot.state().qts, 2);

    // A pin by Bob reaches every member's copy.
    let posted = list(alice.send(&peer(chat_id), "the plan", 1).unwrap());
    let id = first_message_id(&posted);
    bob.updates();
    let (bob_ids, _, _) = bob.history(&peer(chat_id), 0, 0, 1);
    let answer = list(
        bob.call(&functions::messages::UpdatePinnedMessage {
            peer: peer(chat_id),
            id: bob_ids[0],
            ..Default::default()
        })
        .unwrap(),
    );
    assert!(
        answer
            .iter()
            .any(|u| matches!(u, enums::Update::PinnedMessages(p) if p.messages == [bob_ids[0]]))
    );
    assert!(
        pushed(&alice)
            .iter()
            .any(|u| matches!(u, enums::Update::PinnedMessages(p) if p.messages == [id]))
    );
    assert_eq!(full(&alice, chat_id).pinned_msg_id, Some(id));

    // Links: admins only; Carol joins through one, the bot admin hears of it.
    let export = |by: &common::Client| {
        by.call(&functions::messages::ExportChatInvite {
            peer: peer(chat_id),
            ..Default::default()
        })
    };
    assert_eq!(error(export(&bob)), "CHAT_ADMIN_REQUIRED");
    let enums::ExportedChatInvite::ChatInviteExported(link) = export(&alice).unwrap() else {
        panic!()
    };
    let enums::ChatInvite::ChatInvite(preview) = carol
        .call(&functions::messages::CheckChatInvite {
            hash: link.link.clone(),
        })
        .unwrap()
    else {
        panic!()
    };
    assert!(!preview.channel && preview.participants_count == 3);
    bot.updates();
    carol
        .call(&functions::messages::ImportChatInvite {
            hash: link.link.clone(),
        })
        .unwrap();
    let heard: Vec<types::UpdateChatParticipant> = pushed(&bot)
        .into_iter()
        .filter_map(|u| match u {
            enums::Update::ChatParticipant(p) => Some(*p),
            _ => None,
        })
        .collect();
    assert_eq!(heard.len(), 1, "{heard:?}");
    assert_eq!((heard[0].user_id, heard[0].qts), (carol.me(), 3));
    assert!(heard[0].prev_participant.is_none() && heard[0].new_participant.is_some());
    let (carol_ids, _, _) = carol.history(&peer(chat_id), 0, 0, 1);
    let joined = carol
        .call(&functions::messages::GetMessages {
            id: vec![enums::InputMessage::Id(types::InputMessageId {
                id: carol_ids[0],
            })],
        })
        .unwrap();
    let (ids, _, _) = common::messages_of(&joined);
    assert_eq!(ids, carol_ids);
}
