//! Messages from realistic raw values: chats of every kind, senders (including missing peers),
//! service actions, replies and forwards (media: `types_media.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::redundant_closure_for_method_calls
)] // test helpers panic to fail the test

use pyro_client::types::{ChatKind, Message, PeerId, PeerMap, Sender, ServiceAction};
use pyro_tl_types::api::{enums, types};

fn peer_user(user_id: i64) -> enums::Peer {
    enums::Peer::User(types::PeerUser { user_id })
}

fn user(id: i64, first: &str, bot: bool) -> enums::User {
    enums::User::User(Box::new(types::User {
        id,
        bot,
        access_hash: Some(id * 7),
        first_name: Some(first.into()),
        username: Some(format!("{}_name", first.to_lowercase())),
        ..Default::default()
    }))
}

fn channel(id: i64, megagroup: bool, forum: bool) -> enums::Chat {
    enums::Chat::Channel(Box::new(types::Channel {
        id,
        megagroup,
        forum,
        broadcast: !megagroup,
        access_hash: Some(99),
        title: format!("channel {id}"),
        ..Default::default()
    }))
}

fn text_message(
    id: i32,
    peer: enums::Peer,
    from: Option<enums::Peer>,
    text: &str,
) -> types::Message {
    types::Message {
        id,
        peer_id: peer,
        from_id: from,
        date: 1_700_000_000,
        message: text.into(),
        ..Default::default()
    }
}

fn convert(message: types::Message, peers: &PeerMap) -> Message {
    Message::from_raw(enums::Message::Message(Box::new(message)), peers).expect("not empty")
}

#[test]
fn private_incoming_message_is_sent_by_the_peer() {
    let peers = PeerMap::from_raw(&[user(10, "Alice", false)], &[]);
    let message = convert(text_message(3, peer_user(10), None, "hi"), &peers);
    assert_eq!(message.chat().kind(), ChatKind::Private);
    assert_eq!(message.sender().map(Sender::id), Some(PeerId::User(10)));
    assert_eq!(message.sender_user_id(), Some(10));
    assert_eq!(message.chat().username(), Some("alice_name"));
    assert_eq!(message.text(), "hi");
    assert!(!message.is_outgoing());
}

#[test]
fn outgoing_private_message_is_sent_by_self_when_known() {
    let mut me = types::User {
        id: 1,
        self_: true,
        first_name: Some("Me".into()),
        ..Default::default()
    };
    me.access_hash = Some(1);
    let mut peers = PeerMap::from_raw(
        &[enums::User::User(Box::new(me)), user(10, "Bob", true)],
        &[],
    );
    let mut raw = text_message(4, peer_user(10), None, "out");
    raw.out = true;
    let message = convert(raw.clone(), &peers);
    assert_eq!(message.chat().kind(), ChatKind::Bot);
    assert_eq!(message.sender_user_id(), Some(1));
    assert!(message.is_outgoing());

    // Without the self user, the sender of an outgoing message without from_id is unknown.
    peers = PeerMap::from_raw(&[user(10, "Bob", true)], &[]);
    assert!(convert(raw, &peers).sender().is_none());
}

#[test]
fn missing_peers_become_unresolved_placeholders() {
    let message = convert(
        text_message(
            5,
            enums::Peer::Channel(types::PeerChannel { channel_id: 42 }),
            Some(peer_user(77)),
            "x",
        ),
        &PeerMap::new(),
    );
    assert_eq!(message.chat().id(), PeerId::Channel(42));
    assert!(!message.chat().is_resolved());
    assert_eq!(message.chat().title(), "");
    assert_eq!(message.chat().input_peer(), None);
    let sender = message
        .sender()
        .and_then(Sender::user)
        .expect("user sender");
    assert_eq!(sender.id(), 77);
    assert!(!sender.is_resolved());
    assert_eq!(sender.first_name(), "");
}

#[test]
fn chat_kinds_and_flags() {
    let peers = PeerMap::from_raw(
        &[],
        &[
            channel(1, true, true),
            channel(2, false, false),
            enums::Chat::Chat(Box::new(types::Chat {
                id: 3,
                title: "basic".into(),
                participants_count: 4,
                ..Default::default()
            })),
        ],
    );
    let forum = peers.chat(PeerId::Channel(1));
    assert_eq!(forum.kind(), ChatKind::Supergroup);
    assert!(forum.is_forum() && forum.is_group() && !forum.is_channel());
    assert_eq!(forum.bot_api_id(), -1_000_000_000_001);
    let broadcast = peers.chat(PeerId::Channel(2));
    assert_eq!(broadcast.kind(), ChatKind::Channel);
    assert!(broadcast.input_channel().is_some());
    let basic = peers.chat(PeerId::Chat(3));
    assert_eq!(basic.kind(), ChatKind::Group);
    assert_eq!(basic.members_count(), Some(4));
    assert_eq!(basic.bot_api_id(), -3);
    assert!(matches!(
        basic.input_peer(),
        Some(enums::InputPeer::Chat(_))
    ));
}

#[test]
fn channel_posts_are_sent_by_the_channel() {
    let peers = PeerMap::from_raw(&[], &[channel(2, false, false)]);
    let mut raw = text_message(
        9,
        enums::Peer::Channel(types::PeerChannel { channel_id: 2 }),
        None,
        "post",
    );
    raw.post = true;
    raw.views = Some(120);
    let message = convert(raw, &peers);
    assert_eq!(message.sender().map(Sender::id), Some(PeerId::Channel(2)));
    assert!(message.is_post());
    assert_eq!(message.views(), Some(120));
}

#[test]
fn service_actions() {
    let service = |action| {
        let raw = enums::Message::Service(Box::new(types::MessageService {
            id: 2,
            peer_id: enums::Peer::Chat(types::PeerChat { chat_id: 5 }),
            from_id: Some(peer_user(10)),
            date: 1,
            action,
            ..Default::default()
        }));
        Message::from_raw(raw, &PeerMap::new()).expect("service message")
    };
    let joined = service(enums::MessageAction::ChatAddUser(
        types::MessageActionChatAddUser {
            users: vec![10, 11],
        },
    ));
    assert!(joined.is_service());
    assert_eq!(joined.text(), "");
    assert_eq!(
        joined.action(),
        Some(&ServiceAction::MembersJoined {
            user_ids: vec![10, 11]
        })
    );
    let left = service(enums::MessageAction::ChatDeleteUser(
        types::MessageActionChatDeleteUser { user_id: 11 },
    ));
    assert_eq!(
        left.action(),
        Some(&ServiceAction::MemberLeft { user_id: 11 })
    );
    let title = service(enums::MessageAction::ChatEditTitle(
        types::MessageActionChatEditTitle {
            title: "New".into(),
        },
    ));
    assert_eq!(
        title.action(),
        Some(&ServiceAction::TitleChanged {
            title: "New".into()
        })
    );
    assert_eq!(
        service(enums::MessageAction::PinMessage).action(),
        Some(&ServiceAction::MessagePinned)
    );
    let created = service(enums::MessageAction::ChatCreate(Box::new(
        types::MessageActionChatCreate {
            title: "G".into(),
            users: vec![10],
        },
    )));
    assert!(
        matches!(created.action(), Some(ServiceAction::GroupCreated { title, .. }) if title == "G")
    );
    assert_eq!(service(enums::MessageAction::Empty).action(), None);
    assert!(matches!(
        service(enums::MessageAction::ContactSignUp).action(),
        Some(ServiceAction::ContactSignedUp)
    ));
    assert!(matches!(
        service(enums::MessageAction::BoostApply(
            types::MessageActionBoostApply { boosts: 2 }
        ))
        .action(),
        Some(ServiceAction::Other(_))
    ));
}

#[test]
fn replies_and_forwards() {
    let peers = PeerMap::from_raw(&[user(10, "Alice", false)], &[channel(2, false, false)]);
    let mut raw = text_message(20, peer_user(10), None, "fwd");
    raw.reply_to = Some(enums::MessageReplyHeader::MessageReplyHeader(Box::new(
        types::MessageReplyHeader {
            reply_to_msg_id: Some(19),
            quote: true,
            quote_text: Some("quoted".into()),
            ..Default::default()
        },
    )));
    raw.fwd_from = Some(enums::MessageFwdHeader::MessageFwdHeader(Box::new(
        types::MessageFwdHeader {
            from_id: Some(enums::Peer::Channel(types::PeerChannel { channel_id: 2 })),
            date: 1_600_000_000,
            channel_post: Some(44),
            ..Default::default()
        },
    )));
    let message = convert(raw, &peers);
    assert_eq!(message.reply_to_message_id(), Some(19));
    assert_eq!(
        message.reply_to().and_then(|r| r.quote.as_deref()),
        Some("quoted")
    );
    let forward = message.forward().expect("forwarded");
    assert!(message.is_forwarded());
    assert_eq!(
        forward.from.as_ref().map(Sender::id),
        Some(PeerId::Channel(2))
    );
    assert_eq!(
        forward.from.as_ref().map(Sender::name),
        Some("channel 2".to_owned())
    );
    assert_eq!(
        (forward.date, forward.channel_post),
        (1_600_000_000, Some(44))
    );

    let mut story = text_message(21, peer_user(10), None, "story reply");
    story.reply_to = Some(enums::MessageReplyHeader::MessageReplyStoryHeader(
        Box::new(types::MessageReplyStoryHeader {
            peer: peer_user(10),
            story_id: 3,
        }),
    ));
    let story = convert(story, &peers);
    assert_eq!(story.reply_to_message_id(), None);
    assert_eq!(
        story.reply_to().and_then(|r| r.story),
        Some((PeerId::User(10), 3))
    );
}

#[test]
fn empty_messages_are_not_messages() {
    let empty = enums::Message::Empty(Box::new(types::MessageEmpty {
        id: 3,
        peer_id: None,
    }));
    assert!(Message::from_raw(empty, &PeerMap::new()).is_none());
}

#[test]
fn min_objects_do_not_replace_full_ones() {
    let full = user(10, "Full", false);
    let min = enums::User::User(Box::new(types::User {
        id: 10,
        min: true,
        first_name: Some("Min".into()),
        ..Default::default()
    }));
    let peers = PeerMap::from_raw(&[full.clone(), min.clone()], &[]);
    assert_eq!(peers.user(10).first_name(), "Full");
    assert_eq!(peers.user(10).access_hash(), Some(70));
    let peers = PeerMap::from_raw(&[min, full], &[]);
    assert_eq!(peers.user(10).first_name(), "Full");
    assert_eq!(peers.len(), 1);
}
