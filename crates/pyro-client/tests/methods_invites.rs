//! Invite links end to end against the test DC: links with a usage limit and an expiry,
//! checking, joining, listing, revoking, and who may make them.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use std::sync::Arc;

use methods_support::{alice, login, rpc, start};
use pyro_client::methods::InviteLinkOptions;
use pyro_client::tl::enums;
use pyro_test_dc::{ManualClock, TestDc};

#[tokio::test]
async fn a_limited_link_lets_one_in_then_is_spent_and_revoked() {
    let dc = start().await;
    let alice = alice(&dc).await;
    let bob = login(&dc, "15550002").await;
    let carol = login(&dc, "15550003").await;
    let group = alice.create_supergroup("Private club", "").await.unwrap();
    let chat = group.bot_api_id();

    let once = alice
        .create_chat_invite_link_with(
            chat,
            InviteLinkOptions {
                usage_limit: Some(1),
                title: Some("for Bob".into()),
                ..InviteLinkOptions::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(once.usage_limit, Some(1));
    let preview = bob.check_chat_invite_link(&once.link).await.unwrap();
    assert!(
        matches!(&preview, enums::ChatInvite::ChatInvite(i) if i.title == "Private club"),
        "{preview:?}"
    );
    bob.join_chat_by_link(&once.link).await.unwrap();
    assert!(matches!(
        bob.check_chat_invite_link(&once.link).await.unwrap(),
        enums::ChatInvite::Already(_)
    ));
    assert_eq!(
        rpc(carol.join_chat_by_link(&once.link).await),
        "INVITE_HASH_EXPIRED"
    );
    let members = alice
        .get_chat_members(chat)
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(members.len(), 2);

    // Listing shows the use; revoking moves it to the revoked list.
    let active = alice.get_chat_invite_links(chat, false).await.unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].usage, Some(1));
    let revoked = alice
        .revoke_chat_invite_link(chat, &once.link)
        .await
        .unwrap();
    assert!(revoked.revoked);
    assert!(
        alice
            .get_chat_invite_links(chat, false)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        alice.get_chat_invite_links(chat, true).await.unwrap().len(),
        1
    );

    // A plain link lets Carol in; Bob, no admin, may not make links.
    let open = alice.create_chat_invite_link(chat).await.unwrap();
    assert!(open.starts_with("https://t.me/+"));
    carol.join_chat_by_link(&open).await.unwrap();
    assert_eq!(
        rpc(bob.create_chat_invite_link(chat).await),
        "CHAT_ADMIN_REQUIRED"
    );
    assert_eq!(
        rpc(carol.join_chat_by_link("https://t.me/+nosuchlink").await),
        "INVITE_HASH_INVALID"
    );
    dc.shutdown().await;
}

#[tokio::test]
async fn an_expired_link_lets_nobody_in() {
    // A clock the test moves, starting at the real time (the sessions' msg_ids follow it).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i32;
    let clock = ManualClock::new(now);
    let dc = TestDc::builder()
        .seed(methods_support::seed())
        .dcs(1)
        .clock(Arc::new(clock.clone()))
        .start()
        .await
        .unwrap();
    let alice = alice(&dc).await;
    let bob = login(&dc, "15550002").await;
    let group = alice.create_supergroup("Timed", "").await.unwrap();
    let timed = alice
        .create_chat_invite_link_with(
            group.bot_api_id(),
            InviteLinkOptions {
                expire_date: Some(now + 60),
                ..InviteLinkOptions::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(timed.expire_date, Some(now + 60));
    clock.advance(61);
    assert_eq!(
        rpc(bob.join_chat_by_link(&timed.link).await),
        "INVITE_HASH_EXPIRED"
    );
    dc.shutdown().await;
}
