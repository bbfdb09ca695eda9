//! Paging methods end to end against the test DC: history, search, dialogs and members as
//! streams that request their pages by themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use std::collections::HashSet;
use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use methods_support::{GENERATED_MEMBERS, HISTORY_LEN, alice, start};
use pyro_client::methods::MemberFilter;
use pyro_client::types::MemberStatus;

/// How many requests of `method` the test DC has answered.
fn calls(dc: &pyro_test_dc::TestDc, method: &str) -> usize {
    dc.telegram()
        .log()
        .iter()
        .filter(|l| l.method == method)
        .count()
}

#[tokio::test]
async fn history_pages_through_the_whole_chat_newest_first() {
    let dc = start().await;
    let client = alice(&dc).await;
    let all = client
        .get_chat_history("@bob")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(all.len(), HISTORY_LEN);
    assert!(
        all.windows(2).all(|w| w[0].id() > w[1].id()),
        "newest first, no repeats"
    );
    assert_eq!(all[0].text(), format!("hay {}", HISTORY_LEN - 1));
    assert_eq!(all[HISTORY_LEN - 1].text(), "needle 0");
    // 100 + 100 + 50, and an empty fourth page that says the history ends there.
    assert_eq!(calls(&dc, "messages.getHistory"), 4);

    // A limit stops the stream without asking for pages it does not need.
    let mut first = client.get_chat_history("@bob").await.unwrap().limit(120);
    let mut n = 0;
    while let Some(message) = first.next().await {
        message.unwrap();
        n += 1;
    }
    assert_eq!(n, 120);
    assert_eq!(
        calls(&dc, "messages.getHistory"),
        6,
        "two more pages, no third"
    );
    dc.shutdown().await;
}

#[tokio::test]
async fn the_stream_trait_drives_the_same_paging() {
    let dc = start().await;
    let client = alice(&dc).await;
    let mut stream = client.get_chat_history("@bob").await.unwrap();
    let mut seen = 0;
    while let Some(item) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        item.unwrap();
        seen += 1;
    }
    assert_eq!(seen, HISTORY_LEN);
    assert_eq!(stream.size_hint(), (0, Some(0)));
    dc.shutdown().await;
}

#[tokio::test]
async fn search_finds_every_match_across_pages() {
    let dc = start().await;
    let client = alice(&dc).await;
    let found = client
        .search_messages("@bob", "needle")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(found.len(), HISTORY_LEN.div_ceil(7));
    assert!(found.iter().all(|m| m.text().starts_with("needle ")));
    let none = client
        .search_messages("@bob", "absent")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert!(none.is_empty());
    dc.shutdown().await;
}

#[tokio::test]
async fn dialogs_list_private_chats_and_supergroups() {
    let dc = start().await;
    let client = alice(&dc).await;
    client.send_message("@carol", "hi Carol").await.unwrap();
    let dialogs = client.get_dialogs().collect().await.unwrap();
    let titles: Vec<String> = dialogs
        .iter()
        .map(|d| d.chat().title().into_owned())
        .collect();
    assert_eq!(dialogs[0].chat().username(), Some("carol"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Bob"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Club"), "{titles:?}");
    assert_eq!(
        dialogs[0]
            .top_message()
            .map(pyro_client::types::Message::text),
        Some("hi Carol")
    );
    dc.shutdown().await;
}

#[tokio::test]
async fn members_of_a_large_supergroup_page_by_offset() {
    let dc = start().await;
    let client = alice(&dc).await;
    let members = client
        .get_chat_members("@club")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let total = GENERATED_MEMBERS as usize + 2;
    assert_eq!(members.len(), total);
    let ids: HashSet<i64> = members
        .iter()
        .filter_map(|m| m.user().map(pyro_client::types::User::id))
        .collect();
    assert_eq!(ids.len(), total, "no member twice");
    assert_eq!(
        calls(&dc, "channels.getParticipants"),
        3,
        "452 members are three pages"
    );
    assert!(members.iter().any(|m| m.status() == MemberStatus::Owner));

    // "Member 1", "Member 10".."Member 19", "Member 100".."Member 199".
    let search = client
        .get_chat_members_filtered("@club", MemberFilter::Search("member 1".into()))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(search.len(), 111);
    let admins = client
        .get_chat_members_filtered("@club", MemberFilter::Administrators)
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(admins.len(), 1);
    dc.shutdown().await;
}
