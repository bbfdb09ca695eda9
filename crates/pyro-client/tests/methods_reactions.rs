//! `Message::react` end to end against the test DC: a reaction set through the bound method is
//! seen on the other side's copy of the message, replaced, cleared, and refused for an emoji
//! outside Telegram's default set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bots_support;
mod client_support;

use bots_support::{BOB_PHONE, newest_message, person, start};
use client_support::ALICE_PHONE;
use pyro_client::Client;
use pyro_client::tl::enums;

/// (emoticon, count, chosen by us) of the message `id` of `chat` as `client` sees it.
async fn reactions(client: &Client, chat: &str, id: i32) -> Vec<(String, i32, bool)> {
    let messages = client.get_messages(chat, &[id]).await.unwrap();
    let enums::Message::Message(raw) = messages[0].raw() else {
        panic!("not a message")
    };
    let Some(enums::MessageReactions::MessageReactions(reactions)) = &raw.reactions else {
        return Vec::new();
    };
    reactions
        .results
        .iter()
        .map(|enums::ReactionCount::ReactionCount(c)| {
            let enums::Reaction::Emoji(e) = &c.reaction else {
                panic!("not an emoji")
            };
            (e.emoticon.clone(), c.count, c.chosen_order.is_some())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reaction_is_seen_by_the_other_side_replaced_and_cleared() {
    let (dc, _clock) = start().await;
    let alice = person(&dc, ALICE_PHONE).await;
    let bob = person(&dc, BOB_PHONE).await;
    let sent = alice
        .send_message("@bob", "react to me")
        .await
        .unwrap()
        .unwrap();
    let message = newest_message(&bob, "@alice").await;
    assert_eq!(message.text(), "react to me");

    message.react("👍").await.unwrap();
    let thumbs = vec![("👍".to_owned(), 1, false)];
    assert_eq!(reactions(&alice, "@bob", sent.id()).await, thumbs);
    assert_eq!(
        reactions(&bob, "@alice", message.id()).await,
        [("👍".to_owned(), 1, true)],
        "ours on our copy"
    );

    message.react("🔥").await.unwrap();
    assert_eq!(
        reactions(&alice, "@bob", sent.id()).await,
        [("🔥".to_owned(), 1, false)],
        "one reaction per person: replaced"
    );
    sent.react("🔥").await.unwrap();
    assert_eq!(
        reactions(&alice, "@bob", sent.id()).await,
        [("🔥".to_owned(), 2, true)]
    );

    message.react("").await.unwrap();
    assert_eq!(
        reactions(&bob, "@alice", message.id()).await,
        [("🔥".to_owned(), 1, false)],
        "cleared ours, Alice's stays"
    );
    let refused = message.react("🦖").await.unwrap_err();
    assert!(refused.is_rpc("REACTION_INVALID"), "{refused:?}");
    dc.shutdown().await;
}
