//! Raw updates and containers to typed updates; reply markup to raw and back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::redundant_closure_for_method_calls
)] // test helpers panic to fail the test

use std::sync::Arc;

use pyro_client::types::{
    InlineAction, InlineButton, InlineKeyboard, KeyboardAction, KeyboardButton, MemberStatus,
    PeerId, PeerMap, ReplyKeyboard, ReplyMarkup, Update, UserStatus,
};
use pyro_tl_types::api::{enums, types};
use pyro_tl_types::{Deserializable, Serializable};

fn bob() -> enums::User {
    enums::User::User(Box::new(types::User {
        id: 20,
        access_hash: Some(3),
        first_name: Some("Bob".into()),
        ..Default::default()
    }))
}

fn container(updates: Vec<enums::Update>) -> enums::Updates {
    enums::Updates::Updates(Box::new(types::Updates {
        updates,
        users: vec![bob()],
        chats: vec![],
        date: 1,
        seq: 1,
    }))
}

#[test]
fn container_kinds_map_to_typed_updates() {
    let message = enums::Message::Message(Box::new(types::Message {
        id: 7,
        peer_id: enums::Peer::User(types::PeerUser { user_id: 20 }),
        message: "edited".into(),
        edit_date: Some(9),
        ..Default::default()
    }));
    let updates = Update::from_container(
        container(vec![
            enums::Update::EditMessage(Box::new(types::UpdateEditMessage {
                message,
                pts: 3,
                pts_count: 1,
            })),
            enums::Update::DeleteChannelMessages(types::UpdateDeleteChannelMessages {
                channel_id: 5,
                messages: vec![1, 2],
                pts: 4,
                pts_count: 2,
            }),
            enums::Update::DeleteMessages(types::UpdateDeleteMessages {
                messages: vec![8],
                pts: 5,
                pts_count: 1,
            }),
            enums::Update::UserStatus(Box::new(types::UpdateUserStatus {
                user_id: 20,
                status: enums::UserStatus::Online(types::UserStatusOnline { expires: 100 }),
            })),
            enums::Update::SavedGifs,
        ]),
        &PeerMap::new(),
    );
    let kinds: Vec<_> = updates.iter().map(Update::kind_name).collect();
    assert_eq!(
        kinds,
        [
            "edited_message",
            "deleted_messages",
            "deleted_messages",
            "user_status",
            "raw"
        ]
    );
    let Update::EditedMessage(edited) = &updates[0] else {
        panic!()
    };
    assert_eq!(edited.edit_date(), Some(9));
    assert_eq!(edited.chat().title(), "Bob");
    let Update::DeletedMessages(deleted) = &updates[1] else {
        panic!()
    };
    assert_eq!(
        (deleted.chat(), deleted.message_ids.as_slice()),
        (Some(PeerId::Channel(5)), &[1, 2][..])
    );
    let Update::DeletedMessages(deleted) = &updates[2] else {
        panic!()
    };
    assert_eq!(deleted.chat(), None);
    let Update::UserStatus(status) = &updates[3] else {
        panic!()
    };
    assert_eq!(status.user.first_name(), "Bob");
    assert!(status.status.is_online_at(99) && !status.status.is_online_at(100));
    assert_eq!(status.status, UserStatus::Online { expires: 100 });
    let Update::Raw(raw) = &updates[4] else {
        panic!()
    };
    assert_eq!(raw.update, enums::Update::SavedGifs);
    assert_eq!(raw.peers.user(20).first_name(), "Bob");
}

#[test]
fn empty_messages_stay_raw_with_their_pts() {
    let empty = enums::Message::Empty(Box::new(types::MessageEmpty {
        id: 1,
        peer_id: None,
    }));
    let raw = enums::Update::NewChannelMessage(Box::new(types::UpdateNewChannelMessage {
        message: empty,
        pts: 11,
        pts_count: 1,
    }));
    let Update::Raw(back) = Update::from_raw(raw.clone(), &Arc::new(PeerMap::new())) else {
        panic!()
    };
    assert_eq!(back.update, raw);
}

#[test]
fn short_messages_become_full_messages() {
    let short = types::UpdateShortMessage {
        out: true,
        id: 5,
        user_id: 20,
        message: "sent".into(),
        pts: 2,
        pts_count: 1,
        date: 50,
        ..Default::default()
    };
    let mut me = PeerMap::new();
    me.set_self_id(1);
    let updates = Update::from_container(
        enums::Updates::UpdateShortMessage(Box::new(short.clone())),
        &me,
    );
    let [Update::NewMessage(message)] = updates.as_slice() else {
        panic!("{updates:?}")
    };
    assert_eq!(
        (message.id(), message.text(), message.date()),
        (5, "sent", 50)
    );
    assert_eq!(message.chat().id(), PeerId::User(20));
    assert_eq!(message.sender_user_id(), Some(1));
    assert!(message.is_outgoing());

    let incoming = types::UpdateShortMessage {
        out: false,
        ..short
    };
    let updates = Update::from_container(
        enums::Updates::UpdateShortMessage(Box::new(incoming)),
        &PeerMap::new(),
    );
    assert_eq!(
        updates[0].message().and_then(|m| m.sender_user_id()),
        Some(20)
    );

    let chat = types::UpdateShortChatMessage {
        id: 6,
        from_id: 20,
        chat_id: 9,
        message: "group".into(),
        ..Default::default()
    };
    let updates = Update::from_container(
        enums::Updates::UpdateShortChatMessage(Box::new(chat)),
        &PeerMap::new(),
    );
    let message = updates[0].message().expect("message");
    assert_eq!(
        (message.chat().id(), message.sender_user_id()),
        (PeerId::Chat(9), Some(20))
    );

    assert!(Update::from_container(enums::Updates::TooLong, &PeerMap::new()).is_empty());
}

#[test]
fn callback_and_inline_queries() {
    let updates = Update::from_container(
        container(vec![
            enums::Update::BotCallbackQuery(Box::new(types::UpdateBotCallbackQuery {
                query_id: 77,
                user_id: 20,
                peer: enums::Peer::User(types::PeerUser { user_id: 20 }),
                msg_id: 4,
                chat_instance: 1,
                data: Some(b"vote:yes".to_vec()),
                game_short_name: None,
            })),
            enums::Update::BotInlineQuery(Box::new(types::UpdateBotInlineQuery {
                query_id: 78,
                user_id: 20,
                query: "cats".into(),
                offset: "10".into(),
                ..Default::default()
            })),
            enums::Update::BotInlineSend(Box::new(types::UpdateBotInlineSend {
                user_id: 21,
                query: "cats".into(),
                id: "r1".into(),
                ..Default::default()
            })),
        ]),
        &PeerMap::new(),
    );
    let Update::CallbackQuery(q) = &updates[0] else {
        panic!()
    };
    assert_eq!(
        (q.id(), q.message_id(), q.data_str()),
        (77, Some(4), Some("vote:yes"))
    );
    assert_eq!(q.from().first_name(), "Bob");
    assert_eq!(q.chat().map(|c| c.id()), Some(PeerId::User(20)));
    let Update::InlineQuery(q) = &updates[1] else {
        panic!()
    };
    assert_eq!((q.id(), q.query(), q.offset()), (78, "cats", "10"));
    let Update::ChosenInlineResult(r) = &updates[2] else {
        panic!()
    };
    assert_eq!(
        (r.result_id(), r.from().id(), r.from().is_resolved()),
        ("r1", 21, false)
    );
}

#[test]
fn member_updates() {
    let banned = enums::ChannelParticipant::Banned(Box::new(types::ChannelParticipantBanned {
        peer: enums::Peer::User(types::PeerUser { user_id: 20 }),
        kicked_by: 1,
        date: 5,
        banned_rights: enums::ChatBannedRights::ChatBannedRights(types::ChatBannedRights {
            view_messages: true,
            ..Default::default()
        }),
        ..Default::default()
    }));
    let member =
        enums::ChannelParticipant::ChannelParticipant(Box::new(types::ChannelParticipant {
            user_id: 20,
            date: 2,
            rank: Some("dev".into()),
            ..Default::default()
        }));
    let update = enums::Update::ChannelParticipant(Box::new(types::UpdateChannelParticipant {
        channel_id: 3,
        date: 6,
        actor_id: 1,
        user_id: 20,
        prev_participant: Some(member),
        new_participant: Some(banned),
        ..Default::default()
    }));
    let updates = Update::from_container(container(vec![update]), &PeerMap::new());
    let Update::ChatMemberUpdated(changed) = &updates[0] else {
        panic!()
    };
    assert_eq!(changed.chat().id(), PeerId::Channel(3));
    assert_eq!(changed.user().first_name(), "Bob");
    assert_eq!(changed.date(), 6);
    let old = changed.old_member().expect("old");
    assert_eq!(
        (old.status(), old.rank(), old.date()),
        (MemberStatus::Member, Some("dev"), Some(2))
    );
    let new = changed.new_member().expect("new");
    assert_eq!(new.status(), MemberStatus::Banned);
    assert!(new.banned_rights().is_some());
}

/// Markup survives a trip to raw, to bytes, back to raw and back to typed.
fn round_trip(markup: &ReplyMarkup) -> ReplyMarkup {
    let bytes = markup.to_raw().to_bytes();
    ReplyMarkup::from_raw(&enums::ReplyMarkup::from_bytes(&bytes).expect("decodes"))
}

#[test]
fn inline_keyboards_round_trip() {
    let keyboard: ReplyMarkup = InlineKeyboard::new()
        .row([
            InlineButton::callback("Yes", "y"),
            InlineButton::url("Site", "https://example.org/"),
        ])
        .row([
            InlineButton::switch_inline("Share", "q"),
            InlineButton::switch_inline_current_chat("Here", "q2"),
            InlineButton::web_app("App", "https://app.example/"),
            InlineButton::copy("Copy", "code"),
        ])
        .row([
            InlineButton::new("Pay", InlineAction::Buy),
            InlineButton::new("Me", InlineAction::UserProfile(20)),
        ])
        .into();
    assert_eq!(round_trip(&keyboard), keyboard);
    let inline = keyboard.inline_keyboard().expect("inline");
    assert_eq!(inline.buttons().count(), 8);
    assert_eq!(
        inline.rows()[1][1].action,
        InlineAction::SwitchInline {
            query: "q2".into(),
            current_chat: true
        }
    );
    let enums::ReplyMarkup::ReplyInlineMarkup(raw) = keyboard.to_raw() else {
        panic!()
    };
    let enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(row) = &raw.rows[0];
    let enums::KeyboardInlineButton::KeyboardInlineButton(button) = &row.buttons[0];
    assert!(matches!(&button.r#type, enums::InlineButtonType::Callback(c) if c.data == b"y"));
}

#[test]
fn reply_keyboards_and_instructions_round_trip() {
    let keyboard: ReplyMarkup = ReplyKeyboard::new()
        .row([
            KeyboardButton::text("A"),
            KeyboardButton::request_phone("Phone"),
        ])
        .row([
            KeyboardButton::request_location("Where"),
            KeyboardButton::new("Poll", KeyboardAction::RequestPoll(Some(true))),
        ])
        .resize()
        .one_time()
        .selective()
        .persistent()
        .placeholder("type")
        .into();
    assert_eq!(round_trip(&keyboard), keyboard);
    let enums::ReplyMarkup::ReplyKeyboardMarkup(raw) = keyboard.to_raw() else {
        panic!()
    };
    assert!(raw.resize && raw.single_use && raw.selective && raw.persistent);
    assert_eq!(raw.placeholder.as_deref(), Some("type"));

    for markup in [
        ReplyMarkup::RemoveKeyboard { selective: true },
        ReplyMarkup::ForceReply {
            single_use: true,
            selective: false,
            placeholder: Some("reply".into()),
        },
    ] {
        assert_eq!(round_trip(&markup), markup);
    }
}

#[test]
fn password_callbacks_stay_raw() {
    let raw = enums::ReplyMarkup::ReplyInlineMarkup(types::ReplyInlineMarkup {
        force_reply: false,
        rows: vec![enums::KeyboardInlineButtonRow::KeyboardInlineButtonRow(
            types::KeyboardInlineButtonRow {
                buttons: vec![enums::KeyboardInlineButton::KeyboardInlineButton(Box::new(
                    types::KeyboardInlineButton {
                        style: None,
                        text: "Transfer".into(),
                        r#type: enums::InlineButtonType::Callback(
                            types::InlineButtonTypeCallback {
                                requires_password: true,
                                data: vec![1],
                            },
                        ),
                    },
                ))],
            },
        )],
    });
    let typed = ReplyMarkup::from_raw(&raw);
    let button = &typed.inline_keyboard().expect("inline").rows()[0][0];
    assert!(matches!(button.action, InlineAction::Other(_)));
    assert_eq!(button.callback_data(), None);
    assert_eq!(typed.to_raw(), raw);
}
