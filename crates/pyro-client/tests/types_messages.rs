//! Messages from realistic raw values: chats of every kind, senders (including missing peers),
//! media kinds, service actions, replies and forwards.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::redundant_closure_for_method_calls
)] // test helpers panic to fail the test

use pyro_client::types::{
    ChatKind, Media, MediaKind, Message, PeerId, PeerMap, Sender, ServiceAction,
};
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

fn with_document(attributes: Vec<enums::DocumentAttribute>, voice: bool, round: bool) -> Media {
    let document = types::Document {
        id: 5,
        access_hash: 6,
        mime_type: "application/octet-stream".into(),
        size: 1234,
        dc_id: 2,
        attributes,
        ..Default::default()
    };
    let media = enums::MessageMedia::Document(Box::new(types::MessageMediaDocument {
        voice,
        round,
        document: Some(enums::Document::Document(Box::new(document))),
        ..Default::default()
    }));
    let mut message = text_message(1, peer_user(1), None, "");
    message.media = Some(media);
    convert(message, &PeerMap::new())
        .media()
        .cloned()
        .expect("media")
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
fn document_kinds_follow_attributes_and_flags() {
    use enums::DocumentAttribute as A;
    let video = |round| {
        A::Video(Box::new(types::DocumentAttributeVideo {
            round_message: round,
            duration: 3.5,
            w: 640,
            h: 480,
            ..Default::default()
        }))
    };
    let audio = |voice| {
        A::Audio(Box::new(types::DocumentAttributeAudio {
            voice,
            duration: 61,
            title: Some("Song".into()),
            performer: Some("Band".into()),
            ..Default::default()
        }))
    };
    let sticker = A::Sticker(Box::new(types::DocumentAttributeSticker {
        alt: "🙂".into(),
        ..Default::default()
    }));
    let name = A::Filename(types::DocumentAttributeFilename {
        file_name: "a.bin".into(),
    });

    assert_eq!(
        with_document(vec![name.clone()], false, false).kind(),
        MediaKind::Document
    );
    let v = with_document(vec![video(false), name.clone()], false, false);
    assert_eq!(v.kind(), MediaKind::Video);
    assert_eq!(v.document().and_then(|d| d.dimensions()), Some((640, 480)));
    assert_eq!(v.document().and_then(|d| d.file_name()), Some("a.bin"));
    assert_eq!(
        with_document(vec![video(true)], false, false).kind(),
        MediaKind::VideoNote
    );
    assert_eq!(
        with_document(vec![video(false)], false, true).kind(),
        MediaKind::VideoNote
    );
    assert_eq!(
        with_document(vec![video(false), A::Animated], false, false).kind(),
        MediaKind::Animation
    );
    assert_eq!(
        with_document(vec![A::Animated, video(false)], false, false).kind(),
        MediaKind::Animation
    );
    let song = with_document(vec![audio(false)], false, false);
    assert_eq!(song.kind(), MediaKind::Audio);
    assert_eq!(
        song.document().map(|d| d.audio_title()),
        Some((Some("Song"), Some("Band")))
    );
    assert_eq!(song.document().and_then(|d| d.duration()), Some(61.0));
    assert_eq!(
        with_document(vec![audio(true)], false, false).kind(),
        MediaKind::Voice
    );
    assert_eq!(
        with_document(vec![audio(false)], true, false).kind(),
        MediaKind::Voice
    );
    let s = with_document(
        vec![
            A::ImageSize(types::DocumentAttributeImageSize { w: 512, h: 512 }),
            sticker,
        ],
        false,
        false,
    );
    assert_eq!(s.kind(), MediaKind::Sticker);
    assert_eq!(s.document().and_then(|d| d.sticker_emoji()), Some("🙂"));
}

fn media_of(media: enums::MessageMedia) -> Option<Media> {
    let mut message = text_message(1, peer_user(1), None, "caption");
    message.media = Some(media);
    convert(message, &PeerMap::new()).media().cloned()
}

#[test]
fn other_media_kinds() {
    let photo = media_of(enums::MessageMedia::Photo(Box::new(
        types::MessageMediaPhoto {
            spoiler: true,
            photo: Some(enums::Photo::Photo(Box::new(types::Photo {
                id: 8,
                access_hash: 9,
                dc_id: 4,
                ..Default::default()
            }))),
            ..Default::default()
        },
    )));
    let Some(Media::Photo(photo)) = photo else {
        panic!("photo")
    };
    assert_eq!((photo.id(), photo.access_hash(), photo.dc_id()), (8, 9, 4));
    assert!(photo.has_spoiler());

    // An expired photo (photoEmpty) and empty media give no media at all.
    let expired = enums::MessageMedia::Photo(Box::new(types::MessageMediaPhoto {
        photo: Some(enums::Photo::Empty(types::PhotoEmpty { id: 8 })),
        ..Default::default()
    }));
    assert_eq!(media_of(expired), None);
    assert_eq!(media_of(enums::MessageMedia::Empty), None);

    let geo = enums::GeoPoint::GeoPoint(types::GeoPoint {
        lat: 52.5,
        long: 13.4,
        ..Default::default()
    });
    let Some(Media::Location(loc)) =
        media_of(enums::MessageMedia::Geo(Box::new(types::MessageMediaGeo {
            geo: geo.clone(),
        })))
    else {
        panic!("location")
    };
    assert_eq!((loc.latitude, loc.longitude), (52.5, 13.4));
    let venue = media_of(enums::MessageMedia::Venue(Box::new(
        types::MessageMediaVenue {
            geo,
            title: "Cafe".into(),
            ..Default::default()
        },
    )));
    assert!(matches!(venue, Some(Media::Venue(v)) if v.title == "Cafe" && v.location.is_some()));
    // A location without a point is unusable, so it is no media rather than a panic.
    assert_eq!(
        media_of(enums::MessageMedia::Geo(Box::new(types::MessageMediaGeo {
            geo: enums::GeoPoint::Empty
        }))),
        None
    );

    let dice = media_of(enums::MessageMedia::Dice(Box::new(
        types::MessageMediaDice {
            value: 6,
            emoticon: "🎲".into(),
            game_outcome: None,
        },
    )));
    assert!(matches!(dice, Some(Media::Dice(d)) if d.value == 6 && d.emoji == "🎲"));

    let contact = media_of(enums::MessageMedia::Contact(Box::new(
        types::MessageMediaContact {
            phone_number: "15550001".into(),
            first_name: "Al".into(),
            user_id: 0,
            ..Default::default()
        },
    )));
    assert!(
        matches!(contact, Some(Media::Contact(c)) if c.user_id.is_none() && c.first_name == "Al")
    );

    let poll = enums::Poll::Poll(Box::new(types::Poll {
        id: 3,
        quiz: true,
        question: text("Best crate?"),
        answers: vec![answer("tokio"), answer("serde")],
        ..Default::default()
    }));
    let poll = media_of(enums::MessageMedia::Poll(Box::new(
        types::MessageMediaPoll {
            poll,
            ..Default::default()
        },
    )));
    let Some(Media::Poll(poll)) = poll else {
        panic!("poll")
    };
    assert_eq!(poll.question, "Best crate?");
    assert_eq!(poll.options, ["tokio", "serde"]);
    assert!(poll.quiz);

    let page = media_of(enums::MessageMedia::WebPage(Box::new(
        types::MessageMediaWebPage {
            webpage: enums::WebPage::Pending(Box::new(types::WebPagePending {
                id: 1,
                url: Some("https://example.org".into()),
                date: 0,
            })),
            ..Default::default()
        },
    )));
    assert!(
        matches!(page, Some(Media::WebPage(p)) if p.url.as_deref() == Some("https://example.org"))
    );

    let story = media_of(enums::MessageMedia::Unsupported);
    assert_eq!(story.map(|m| m.kind()), Some(MediaKind::Other));
}

fn text(s: &str) -> enums::TextWithEntities {
    enums::TextWithEntities::TextWithEntities(Box::new(types::TextWithEntities {
        text: s.into(),
        entities: vec![],
    }))
}

fn answer(s: &str) -> enums::PollAnswer {
    enums::PollAnswer::PollAnswer(Box::new(types::PollAnswer {
        text: text(s),
        option: s.as_bytes().to_vec(),
        ..Default::default()
    }))
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
