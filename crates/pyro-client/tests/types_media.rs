//! Media from realistic raw values: every document kind (by attributes and flags), photos,
//! locations, venues, contacts, dice, polls and link previews; expired media gives none.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::redundant_closure_for_method_calls
)] // test helpers panic to fail the test

use pyro_client::types::{Media, MediaKind, Message, PeerMap};
use pyro_tl_types::api::{enums, types};

fn peer_user(user_id: i64) -> enums::Peer {
    enums::Peer::User(types::PeerUser { user_id })
}

fn convert(message: types::Message) -> Message {
    Message::from_raw(enums::Message::Message(Box::new(message)), &PeerMap::new())
        .expect("not empty")
}

fn caption_message(media: enums::MessageMedia, caption: &str) -> types::Message {
    types::Message {
        id: 1,
        peer_id: peer_user(1),
        message: caption.into(),
        media: Some(media),
        ..Default::default()
    }
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
    convert(caption_message(media, ""))
        .media()
        .cloned()
        .expect("media")
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
    convert(caption_message(media, "caption")).media().cloned()
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
