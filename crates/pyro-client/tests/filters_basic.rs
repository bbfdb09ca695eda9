//! Each built-in filter on messages and other update kinds, and their composition.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyro_client::filters::{self, Filter};
use pyro_client::types::{MediaKind, Message, PeerId, PeerMap, Update};
use pyro_tl_types::api::{enums, types};

fn peers() -> PeerMap {
    let user = |id, name: &str, bot, me| {
        enums::User::User(Box::new(types::User {
            id,
            bot,
            self_: me,
            access_hash: Some(1),
            first_name: Some(name.into()),
            username: Some(name.to_lowercase()),
            ..Default::default()
        }))
    };
    let channel = |id, megagroup, name: &str| {
        enums::Chat::Channel(Box::new(types::Channel {
            id,
            megagroup,
            access_hash: Some(2),
            title: name.into(),
            username: Some(name.into()),
            ..Default::default()
        }))
    };
    PeerMap::from_raw(
        &[
            user(10, "Alice", false, false),
            user(11, "Helper", true, false),
            user(1, "Me", false, true),
        ],
        &[channel(50, true, "RustGroup"), channel(60, false, "News")],
    )
}

fn msg(
    peer: enums::Peer,
    from: Option<i64>,
    text: &str,
    edit: impl FnOnce(&mut types::Message),
) -> Message {
    let mut raw = types::Message {
        id: 1,
        peer_id: peer,
        from_id: from.map(|user_id| enums::Peer::User(types::PeerUser { user_id })),
        message: text.into(),
        ..Default::default()
    };
    edit(&mut raw);
    Message::from_raw(enums::Message::Message(Box::new(raw)), &peers()).unwrap()
}

fn private(text: &str) -> Message {
    msg(
        enums::Peer::User(types::PeerUser { user_id: 10 }),
        None,
        text,
        |_| {},
    )
}

fn in_group(from: i64, text: &str) -> Message {
    msg(
        enums::Peer::Channel(types::PeerChannel { channel_id: 50 }),
        Some(from),
        text,
        |_| {},
    )
}

fn post(text: &str) -> Message {
    msg(
        enums::Peer::Channel(types::PeerChannel { channel_id: 60 }),
        None,
        text,
        |m| m.post = true,
    )
}

fn with_media(media: enums::MessageMedia, caption: &str) -> Message {
    msg(
        enums::Peer::User(types::PeerUser { user_id: 10 }),
        None,
        caption,
        |m| m.media = Some(media),
    )
}

fn dice() -> enums::MessageMedia {
    enums::MessageMedia::Dice(Box::new(types::MessageMediaDice {
        value: 3,
        emoticon: "🎲".into(),
        game_outcome: None,
    }))
}

#[test]
fn chat_kind_filters() {
    let (p, g, c) = (private("a"), in_group(10, "b"), post("c"));
    let check = |f: Filter<Message>| [f.check(&p), f.check(&g), f.check(&c)];
    assert_eq!(check(filters::private()), [true, false, false]);
    assert_eq!(check(filters::group()), [false, true, false]);
    assert_eq!(check(filters::channel()), [false, false, true]);
}

#[test]
fn text_and_caption() {
    let photo_with_caption = with_media(dice(), "caption");
    assert!(filters::text().check(&private("hi")));
    assert!(!filters::text().check(&private("")));
    assert!(!filters::text().check(&photo_with_caption));
    assert!(filters::caption().check(&photo_with_caption));
    assert!(!filters::caption().check(&with_media(dice(), "")));
    assert!(!filters::caption().check(&private("hi")));
}

#[test]
fn sender_and_chat_filters() {
    let from_alice = in_group(10, "x");
    let from_bot = in_group(11, "x");
    assert!(filters::from_users([10]).check(&from_alice));
    assert!(!filters::from_users([11]).check(&from_alice));
    assert!(filters::from_users(["@ALICE"]).check(&from_alice));
    assert!(filters::from_users([String::from("helper")]).check(&from_bot));
    assert!(filters::bot().check(&from_bot) && !filters::bot().check(&from_alice));
    // A channel post has no sending user.
    assert!(!filters::from_users([60]).check(&post("x")));

    let mut mine = private("out");
    mine = msg(mine.raw_peer(), Some(1), "out", |m| m.out = true);
    assert!(filters::from_users(["me"]).check(&mine));
    assert!(!filters::from_users(["me"]).check(&from_alice));

    assert!(filters::chat([PeerId::Channel(50)]).check(&from_alice));
    assert!(filters::chat([-1_000_000_000_050_i64]).check(&from_alice));
    assert!(filters::chat(["@rustgroup"]).check(&from_alice));
    assert!(!filters::chat(["news"]).check(&from_alice));
    assert!(filters::chat(["news"]).check(&post("x")));
    assert!(filters::chat([10_i64]).check(&private("x")));
}

/// The raw peer of a message, to build another in the same chat.
trait RawPeer {
    fn raw_peer(&self) -> enums::Peer;
}

impl RawPeer for Message {
    fn raw_peer(&self) -> enums::Peer {
        self.chat().id().to_raw()
    }
}

#[test]
fn message_part_filters() {
    let reply = msg(
        enums::Peer::User(types::PeerUser { user_id: 10 }),
        None,
        "r",
        |m| {
            m.reply_to = Some(enums::MessageReplyHeader::MessageReplyHeader(Box::new(
                types::MessageReplyHeader {
                    reply_to_msg_id: Some(3),
                    ..Default::default()
                },
            )));
        },
    );
    let forwarded = msg(
        enums::Peer::User(types::PeerUser { user_id: 10 }),
        None,
        "f",
        |m| {
            m.fwd_from = Some(enums::MessageFwdHeader::MessageFwdHeader(Box::default()));
        },
    );
    let outgoing = msg(
        enums::Peer::User(types::PeerUser { user_id: 10 }),
        None,
        "o",
        |m| m.out = true,
    );
    let mentioned = msg(
        enums::Peer::User(types::PeerUser { user_id: 10 }),
        None,
        "m",
        |m| m.mentioned = true,
    );
    let plain = private("p");
    assert!(filters::reply().check(&reply) && !filters::reply().check(&plain));
    assert!(filters::forwarded().check(&forwarded) && !filters::forwarded().check(&plain));
    assert!(filters::outgoing().check(&outgoing) && !filters::outgoing().check(&plain));
    assert!(filters::incoming().check(&plain) && !filters::incoming().check(&outgoing));
    assert!(filters::mentioned().check(&mentioned) && !filters::mentioned().check(&plain));

    let service = Message::from_raw(
        enums::Message::Service(Box::new(types::MessageService {
            peer_id: enums::Peer::Chat(types::PeerChat { chat_id: 3 }),
            action: enums::MessageAction::PinMessage,
            ..Default::default()
        })),
        &peers(),
    )
    .unwrap();
    assert!(filters::service().check(&service) && !filters::service().check(&plain));
}

#[test]
fn media_filters() {
    let with_dice = with_media(dice(), "");
    let contact = with_media(
        enums::MessageMedia::Contact(Box::new(types::MessageMediaContact {
            phone_number: "1".into(),
            ..Default::default()
        })),
        "",
    );
    assert!(filters::media().check(&with_dice) && !filters::media().check(&private("x")));
    assert!(filters::dice().check(&with_dice) && !filters::dice().check(&contact));
    assert!(filters::contact().check(&contact));
    assert!(filters::media_kind(MediaKind::Contact).check(&contact));
    for f in [
        filters::photo(),
        filters::video(),
        filters::voice(),
        filters::sticker(),
        filters::poll(),
    ] {
        assert!(!f.check(&with_dice));
    }
}

#[test]
fn composition_short_circuits() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = {
        let calls = Arc::clone(&calls);
        filters::custom(move |_: &Message| {
            calls.fetch_add(1, Ordering::SeqCst);
            true
        })
    };
    let p = private("hello");
    let g = in_group(10, "hello");

    assert!(!(filters::group() & counter.clone()).check(&p));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "& skips the right side after a failure"
    );
    assert!((filters::private() | counter.clone()).check(&p));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "| skips the right side after a success"
    );
    assert!((filters::group() | counter.clone()).check(&p));
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    let not_private = !filters::private();
    assert!(!not_private.check(&p) && not_private.check(&g));
    let complex: Filter<Message> =
        (filters::private() | filters::group()) & filters::text() & !filters::from_users([11]);
    assert!(complex.check(&p) && complex.check(&g));
    assert!(!complex.check(&in_group(11, "bot")));
    assert!(!complex.check(&post("news")));
    assert!(filters::all().check(&p));
}

#[test]
fn filters_on_other_update_kinds() {
    let query = enums::Update::BotCallbackQuery(Box::new(types::UpdateBotCallbackQuery {
        query_id: 1,
        user_id: 10,
        peer: enums::Peer::Channel(types::PeerChannel { channel_id: 50 }),
        msg_id: 2,
        chat_instance: 0,
        data: Some(b"page:2".to_vec()),
        game_short_name: None,
    }));
    let update = Update::from_raw(query, &Arc::new(peers()));
    let Update::CallbackQuery(q) = &update else {
        panic!()
    };

    assert!(filters::group().check(q) && filters::from_users([10]).check(q));
    assert!(filters::text().check(q));
    assert!(filters::regex(r"^page:(\d+)$").unwrap().check(q));
    // Message-only filters do not match a callback query.
    assert!(!filters::media().check(q) && !filters::incoming().check(q));

    // The same filters on the Update enum itself.
    assert!((filters::group() & filters::from_users(["alice"])).check(&update));
    let message = Update::NewMessage(private("/help"));
    assert!(filters::command(["help"]).check(&message));
    assert!(filters::private().check(&message) && !filters::private().check(&update));
}

#[test]
fn regex_filter() {
    let f: Filter<Message> = filters::regex(r"(?i)\bhello\b").unwrap();
    assert!(f.check(&private("Say HELLO there")));
    assert!(!f.check(&private("othello")));
    assert!(!f.check(&with_media(dice(), "")), "no text, no match");
    assert!(filters::regex::<Message>("(unclosed").is_err());
}
