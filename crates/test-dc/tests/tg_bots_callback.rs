//! Bots' keyboards and callback queries at the raw TL level: reply markup kept on a bot's
//! messages (and dropped from a person's), rendered back in history; a button press reaching
//! the bot as `updateBotCallbackQuery`, the person's call waiting for the bot's answer, the
//! refusals (`DATA_INVALID`, `QUERY_ID_INVALID`, `USER_BOT_REQUIRED`) and the timeout on the
//! model's clock (`BOT_RESPONSE_TIMEOUT`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod common;

use bots_support::{
    BOT_TOKEN, call_later, inline_keyboard, live, new_message, seed, send_with_markup, settled,
    updates_of,
};
use common::{World, only};
use pyro_tl_types::api::{enums, functions, types};

fn press(
    peer: &enums::InputPeer,
    msg_id: i32,
    data: &[u8],
) -> functions::messages::GetBotCallbackAnswer {
    functions::messages::GetBotCallbackAnswer {
        peer: peer.clone(),
        msg_id,
        data: Some(data.to_vec()),
        ..functions::messages::GetBotCallbackAnswer::default()
    }
}

fn callback_query(updates: Vec<enums::Update>) -> types::UpdateBotCallbackQuery {
    match only(updates) {
        enums::Update::BotCallbackQuery(q) => *q,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bots_keyboard_is_kept_and_a_persons_is_dropped() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let keyboard = inline_keyboard(&[("Yes", b"yes"), ("No", b"no")]);
    let sent = send_with_markup(&bot, &bot.resolve("alice"), "Sure?", keyboard.clone(), 1).unwrap();
    let own = new_message(&updates_of(sent));
    assert_eq!(
        own.reply_markup.as_ref(),
        Some(&keyboard),
        "the bot's own copy"
    );
    let received = new_message(&live(&alice));
    assert_eq!(received.reply_markup.as_ref(), Some(&keyboard));
    let history = alice
        .call(&functions::messages::GetMessages {
            id: vec![enums::InputMessage::Id(types::InputMessageId {
                id: received.id,
            })],
        })
        .unwrap();
    let enums::messages::Messages::Messages(history) = history else {
        panic!()
    };
    let enums::Message::Message(stored) = &history.messages[0] else {
        panic!()
    };
    assert_eq!(
        stored.reply_markup.as_ref(),
        Some(&keyboard),
        "rendered back from the store"
    );

    let sent = send_with_markup(&alice, &alice.resolve("bob"), "hi", keyboard, 2).unwrap();
    let enums::Updates::UpdateShortSentMessage(_) = sent else {
        panic!("a person's markup is dropped, so the short form is used: {sent:?}")
    };
}

#[test]
fn bad_keyboards_are_refused() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = bot.resolve("alice");
    let too_long = [0u8; 65];
    let err = send_with_markup(&bot, &alice, "x", inline_keyboard(&[("a", &too_long)]), 1);
    assert_eq!(err.unwrap_err().message, "BUTTON_DATA_INVALID");
    let err = send_with_markup(&bot, &alice, "x", inline_keyboard(&[(" ", b"a")]), 2);
    assert_eq!(err.unwrap_err().message, "BUTTON_TEXT_INVALID");
}

#[test]
fn a_press_reaches_the_bot_and_its_answer_reaches_the_person() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let keyboard = inline_keyboard(&[("Yes", b"yes"), ("No", b"no")]);
    let sent = send_with_markup(&bot, &bot.resolve("alice"), "Sure?", keyboard, 1).unwrap();
    let bot_msg_id = new_message(&updates_of(sent)).id;
    let msg_id = new_message(&live(&alice)).id;
    let to_bot = alice.resolve("helperbot");

    let ticket = call_later(&alice, &press(&to_bot, msg_id, b"no"));
    assert!(
        alice.telegram.take_answers(1).is_empty(),
        "nothing until the bot answers"
    );
    let query = callback_query(live(&bot));
    assert_eq!(query.user_id, alice.me());
    assert_eq!(
        query.msg_id, bot_msg_id,
        "the message id in the bot's own box"
    );
    assert_eq!(query.data.as_deref(), Some(&b"no"[..]));
    assert_eq!(
        query.peer,
        enums::Peer::User(types::PeerUser {
            user_id: alice.me()
        })
    );

    bot.call(&functions::messages::SetBotCallbackAnswer {
        alert: true,
        query_id: query.query_id,
        message: Some("Cancelled".into()),
        cache_time: 5,
        ..Default::default()
    })
    .unwrap();
    let enums::messages::BotCallbackAnswer::BotCallbackAnswer(answer) =
        settled(&alice, ticket).unwrap();
    assert!(answer.alert);
    assert_eq!(answer.message.as_deref(), Some("Cancelled"));
    assert_eq!(answer.cache_time, 5);

    let again = bot.call(&functions::messages::SetBotCallbackAnswer {
        query_id: query.query_id,
        ..Default::default()
    });
    assert_eq!(
        again.unwrap_err().message,
        "QUERY_ID_INVALID",
        "answered once only"
    );

    // Same chat, another press: same chat_instance.
    call_later(&alice, &press(&to_bot, msg_id, b"yes"));
    let second = callback_query(live(&bot));
    assert_ne!(second.query_id, query.query_id);
    assert_eq!(second.chat_instance, query.chat_instance);
}

#[test]
fn presses_in_a_supergroup_name_the_group() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let bob = world.login("15550002", 2);
    let club = bot.resolve("club");
    let sent = send_with_markup(&bot, &club, "Vote", inline_keyboard(&[("Up", b"up")]), 1).unwrap();
    let msg_id = new_message(&updates_of(sent)).id;
    let ticket = call_later(&bob, &press(&bob.resolve("club"), msg_id, b"up"));
    let query = callback_query(live(&bot));
    let enums::Peer::Channel(channel) = &query.peer else {
        panic!("{query:?}")
    };
    assert_eq!(query.msg_id, msg_id);
    assert_eq!(query.user_id, bob.me());
    assert!(channel.channel_id > 0);
    bot.call(&functions::messages::SetBotCallbackAnswer {
        query_id: query.query_id,
        ..Default::default()
    })
    .unwrap();
    let enums::messages::BotCallbackAnswer::BotCallbackAnswer(answer) =
        settled(&bob, ticket).unwrap();
    assert_eq!(answer.message, None);
}

#[test]
fn presses_are_checked() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let sent = send_with_markup(
        &bot,
        &bot.resolve("alice"),
        "Sure?",
        inline_keyboard(&[("Yes", b"yes")]),
        1,
    );
    sent.unwrap();
    let msg_id = new_message(&live(&alice)).id;
    let to_bot = alice.resolve("helperbot");
    let call = |request: &functions::messages::GetBotCallbackAnswer| {
        alice.call(request).map(|_| ()).unwrap_err().message
    };
    assert_eq!(call(&press(&to_bot, msg_id, b"maybe")), "DATA_INVALID");
    assert_eq!(
        call(&press(&to_bot, msg_id + 10, b"yes")),
        "MESSAGE_ID_INVALID"
    );
    let no_data = functions::messages::GetBotCallbackAnswer {
        data: None,
        ..press(&to_bot, msg_id, b"")
    };
    assert_eq!(call(&no_data), "DATA_INVALID");
    // A message without a keyboard.
    alice.send(&to_bot, "hello", 5).unwrap();
    assert_eq!(call(&press(&to_bot, msg_id + 1, b"yes")), "DATA_INVALID");
    assert!(
        live(&bot)
            .iter()
            .all(|u| !matches!(u, enums::Update::BotCallbackQuery(_)))
    );

    let unknown = bot.call(&functions::messages::SetBotCallbackAnswer {
        query_id: 12345,
        ..Default::default()
    });
    assert_eq!(unknown.unwrap_err().message, "QUERY_ID_INVALID");
    let by_person = alice.call(&functions::messages::SetBotCallbackAnswer {
        query_id: 12345,
        ..Default::default()
    });
    assert_eq!(by_person.unwrap_err().message, "USER_BOT_REQUIRED");
}

#[test]
fn an_unanswered_press_times_out_on_the_models_clock() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    send_with_markup(
        &bot,
        &bot.resolve("alice"),
        "Sure?",
        inline_keyboard(&[("Yes", b"yes")]),
        1,
    )
    .unwrap();
    let msg_id = new_message(&live(&alice)).id;
    let ticket = call_later(&alice, &press(&alice.resolve("helperbot"), msg_id, b"yes"));
    let query = callback_query(live(&bot));
    world.clock.advance(14);
    world.telegram.tick();
    assert!(
        alice.telegram.take_answers(1).is_empty(),
        "still waiting at 14 s"
    );
    world.clock.advance(1);
    world.telegram.tick();
    let err = settled::<enums::messages::BotCallbackAnswer>(&alice, ticket).unwrap_err();
    assert_eq!(
        (err.code, err.message.as_str()),
        (400, "BOT_RESPONSE_TIMEOUT")
    );
    let late = bot.call(&functions::messages::SetBotCallbackAnswer {
        query_id: query.query_id,
        ..Default::default()
    });
    assert_eq!(late.unwrap_err().message, "QUERY_ID_INVALID");
}

#[test]
fn a_bot_edits_its_keyboard_and_presses_follow_it() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let to_alice = bot.resolve("alice");
    let sent = send_with_markup(
        &bot,
        &to_alice,
        "Step 1",
        inline_keyboard(&[("Next", b"1")]),
        1,
    );
    let bot_msg_id = new_message(&updates_of(sent.unwrap())).id;
    let msg_id = new_message(&live(&alice)).id;
    let edit = |markup, message: Option<&str>| {
        bot.call(&functions::messages::EditMessage {
            peer: to_alice.clone(),
            id: bot_msg_id,
            message: message.map(str::to_owned),
            reply_markup: Some(markup),
            ..Default::default()
        })
    };
    edit(inline_keyboard(&[("Done", b"2")]), None).unwrap();
    let edited = only(live(&alice));
    let enums::Update::EditMessage(edited) = edited else {
        panic!("{edited:?}")
    };
    let enums::Message::Message(edited) = &edited.message else {
        panic!()
    };
    assert_eq!(edited.message, "Step 1", "the text stays");
    assert_eq!(
        edited.reply_markup,
        Some(inline_keyboard(&[("Done", b"2")]))
    );
    let to_bot = alice.resolve("helperbot");
    let old = alice.call(&press(&to_bot, msg_id, b"1")).map(|_| ());
    assert_eq!(
        old.unwrap_err().message,
        "DATA_INVALID",
        "the old button is gone"
    );
    call_later(&alice, &press(&to_bot, msg_id, b"2"));
    let again = edit(inline_keyboard(&[("Done", b"2")]), None);
    assert_eq!(again.unwrap_err().message, "MESSAGE_NOT_MODIFIED");
    edit(inline_keyboard(&[]), Some("Finished")).unwrap();
    let enums::Update::EditMessage(removed) = only(live(&alice)) else {
        panic!()
    };
    let enums::Message::Message(removed) = &removed.message else {
        panic!()
    };
    assert_eq!(
        (removed.message.as_str(), &removed.reply_markup),
        ("Finished", &None)
    );
}
