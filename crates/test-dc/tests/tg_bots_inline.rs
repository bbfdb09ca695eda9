//! Inline queries at the raw TL level: `@bot query` reaching the bot as
//! `updateBotInlineQuery`, the person's call waiting for `setInlineBotResults`, cached answers
//! served without the bot, `sendInlineBotResult` putting a message `via_bot_id` in the chat and
//! telling the bot (`updateBotInlineSend`), and the refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod common;

use bots_support::{
    BOT_TOKEN, call_later, inline_keyboard, live, new_message, seed, settled, updates_of,
};
use common::{Client, World, only};
use pyro_tl_types::api::{enums, functions, types};

fn helper_bot(client: &Client) -> enums::InputUser {
    let enums::InputPeer::User(peer) = client.resolve("helperbot") else {
        panic!()
    };
    enums::InputUser::InputUser(types::InputUser {
        user_id: peer.user_id,
        access_hash: peer.access_hash,
    })
}

fn ask(client: &Client, chat: &str, query: &str) -> functions::messages::GetInlineBotResults {
    functions::messages::GetInlineBotResults {
        bot: helper_bot(client),
        peer: client.resolve(chat),
        query: query.into(),
        offset: String::new(),
        ..Default::default()
    }
}

fn article(
    id: &str,
    text: &str,
    markup: Option<enums::ReplyMarkup>,
) -> enums::InputBotInlineResult {
    let message = types::InputBotInlineMessageText {
        message: text.into(),
        reply_markup: markup,
        ..Default::default()
    };
    enums::InputBotInlineResult::InputBotInlineResult(Box::new(types::InputBotInlineResult {
        id: id.into(),
        r#type: "article".into(),
        title: Some(format!("Title {id}")),
        send_message: enums::InputBotInlineMessage::Text(Box::new(message)),
        ..Default::default()
    }))
}

fn inline_query(updates: Vec<enums::Update>) -> types::UpdateBotInlineQuery {
    match only(updates) {
        enums::Update::BotInlineQuery(q) => *q,
        other => panic!("{other:?}"),
    }
}

fn answer(
    bot: &Client,
    query_id: i64,
    results: Vec<enums::InputBotInlineResult>,
    cache_time: i32,
) -> Result<bool, pyro_test_dc::RpcError> {
    bot.call(&functions::messages::SetInlineBotResults {
        query_id,
        results,
        cache_time,
        next_offset: Some("10".into()),
        ..Default::default()
    })
}

#[test]
fn a_query_is_answered_by_the_bot_and_a_result_is_sent() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let ticket = call_later(&alice, &ask(&alice, "bob", "weather"));
    let query = inline_query(live(&bot));
    assert_eq!(
        (query.user_id, query.query.as_str()),
        (alice.me(), "weather")
    );
    assert_eq!(query.peer_type, Some(enums::InlineQueryPeerType::Pm));
    let keyboard = inline_keyboard(&[("More", b"more")]);
    let results = vec![
        article("sun", "Sunny, 25°C", Some(keyboard.clone())),
        article("rain", "Rain", None),
    ];
    assert!(answer(&bot, query.query_id, results, 0).unwrap());
    let enums::messages::BotResults::BotResults(results) = settled(&alice, ticket).unwrap();
    assert_eq!(results.query_id, query.query_id);
    assert_eq!(results.next_offset.as_deref(), Some("10"));
    assert_eq!(results.results.len(), 2);
    let enums::BotInlineResult::BotInlineResult(first) = &results.results[0] else {
        panic!()
    };
    assert_eq!(
        (first.id.as_str(), first.title.as_deref()),
        ("sun", Some("Title sun"))
    );
    assert!(
        matches!(&results.users[0], enums::User::User(u) if u.bot && u.bot_inline_placeholder.is_some())
    );

    let sent = alice
        .call(&functions::messages::SendInlineBotResult {
            peer: alice.resolve("bob"),
            random_id: 9,
            query_id: query.query_id,
            id: "sun".into(),
            ..Default::default()
        })
        .unwrap();
    let own = new_message(&updates_of(sent));
    assert_eq!(own.message, "Sunny, 25°C");
    assert_eq!(own.via_bot_id, Some(bot.me()));
    assert_eq!(own.reply_markup, Some(keyboard));
    let received = new_message(&live(&bob));
    assert_eq!(
        (received.via_bot_id, received.message.as_str()),
        (Some(bot.me()), "Sunny, 25°C")
    );
    let enums::Update::BotInlineSend(chosen) = only(live(&bot)) else {
        panic!()
    };
    assert_eq!(
        (chosen.user_id, chosen.id.as_str(), chosen.query.as_str()),
        (alice.me(), "sun", "weather")
    );

    let hidden = alice
        .call(&functions::messages::SendInlineBotResult {
            hide_via: true,
            peer: alice.resolve("bob"),
            random_id: 10,
            query_id: query.query_id,
            id: "rain".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(new_message(&updates_of(hidden)).via_bot_id, None);
}

#[test]
fn a_cached_answer_is_served_without_the_bot() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let ticket = call_later(&alice, &ask(&alice, "club", "cats"));
    let query = inline_query(live(&bot));
    assert_eq!(query.peer_type, Some(enums::InlineQueryPeerType::Megagroup));
    answer(&bot, query.query_id, vec![article("c1", "Cat", None)], 60).unwrap();
    settled::<enums::messages::BotResults>(&alice, ticket).unwrap();

    let enums::messages::BotResults::BotResults(cached) =
        bob.call(&ask(&bob, "alice", "cats")).unwrap();
    assert_eq!(
        cached.query_id, query.query_id,
        "the cached answer, at once"
    );
    assert!(live(&bot).is_empty(), "the bot is not asked again");
    bob.call(&functions::messages::SendInlineBotResult {
        peer: bob.resolve("alice"),
        random_id: 3,
        query_id: cached.query_id,
        id: "c1".into(),
        ..Default::default()
    })
    .unwrap();
    let enums::Update::BotInlineSend(chosen) = only(live(&bot)) else {
        panic!()
    };
    assert_eq!(
        chosen.user_id,
        bob.me(),
        "a shared answer is sendable by others"
    );

    world.clock.advance(60);
    call_later(&bob, &ask(&bob, "alice", "cats"));
    inline_query(live(&bot));
}

#[test]
fn a_private_answer_is_cached_for_its_asker_only() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let ticket = call_later(&alice, &ask(&alice, "bob", "me"));
    let query = inline_query(live(&bot));
    bot.call(&functions::messages::SetInlineBotResults {
        private: true,
        query_id: query.query_id,
        results: vec![article("a", "Alice's", None)],
        cache_time: 60,
        ..Default::default()
    })
    .unwrap();
    settled::<enums::messages::BotResults>(&alice, ticket).unwrap();
    alice.call(&ask(&alice, "bob", "me")).unwrap();
    call_later(&bob, &ask(&bob, "alice", "me"));
    let refused = bob.call(&functions::messages::SendInlineBotResult {
        peer: bob.resolve("alice"),
        random_id: 3,
        query_id: query.query_id,
        id: "a".into(),
        ..Default::default()
    });
    assert_eq!(refused.unwrap_err().message, "QUERY_ID_INVALID");
}

#[test]
fn queries_and_answers_are_checked() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let to_person = functions::messages::GetInlineBotResults {
        bot: enums::InputUser::InputUserSelf,
        ..ask(&alice, "bob", "x")
    };
    assert_eq!(alice.call(&to_person).unwrap_err().message, "BOT_INVALID");

    let ticket = call_later(&alice, &ask(&alice, "bob", "x"));
    let query = inline_query(live(&bot));
    let err = |results, who: &Client| {
        who.call(&functions::messages::SetInlineBotResults {
            query_id: query.query_id,
            results,
            ..Default::default()
        })
        .unwrap_err()
        .message
    };
    assert_eq!(
        err(vec![article("a", "1", None), article("a", "2", None)], &bot),
        "RESULT_ID_DUPLICATE"
    );
    assert_eq!(err(vec![article("", "1", None)], &bot), "RESULT_ID_EMPTY");
    assert_eq!(err(vec![article("a", "", None)], &bot), "MESSAGE_EMPTY");
    let many = (0..51)
        .map(|i| article(&i.to_string(), "t", None))
        .collect();
    assert_eq!(err(many, &bot), "RESULTS_TOO_MUCH");
    assert_eq!(err(vec![], &alice), "USER_BOT_REQUIRED");
    // Refusals leave the query open: a good answer still settles it.
    answer(&bot, query.query_id, vec![article("a", "1", None)], 0).unwrap();
    settled::<enums::messages::BotResults>(&alice, ticket).unwrap();
    assert_eq!(err(vec![], &bot), "QUERY_ID_INVALID", "answered already");

    let send = |query_id, id: &str| {
        alice
            .call(&functions::messages::SendInlineBotResult {
                peer: alice.resolve("bob"),
                random_id: 1,
                query_id,
                id: id.into(),
                ..Default::default()
            })
            .map(|_| ())
            .unwrap_err()
            .message
    };
    assert_eq!(send(query.query_id, "zzz"), "RESULT_ID_INVALID");
    assert_eq!(send(777, "a"), "QUERY_ID_INVALID");
}

#[test]
fn an_unanswered_query_times_out() {
    let world = World::new(&seed());
    let bot = world.bot(BOT_TOKEN, 10);
    let alice = world.login("15550001", 1);
    let ticket = call_later(&alice, &ask(&alice, "bob", "slow"));
    let query = inline_query(live(&bot));
    world.clock.advance(15);
    // Any call settles what is due, not only tick().
    alice.call(&functions::updates::GetState {}).unwrap();
    let err = settled::<enums::messages::BotResults>(&alice, ticket).unwrap_err();
    assert_eq!(err.message, "BOT_RESPONSE_TIMEOUT");
    let late = answer(&bot, query.query_id, vec![article("a", "1", None)], 0);
    assert_eq!(late.unwrap_err().message, "QUERY_ID_INVALID");
}
