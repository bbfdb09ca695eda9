//! Administration end to end against the test DC: promoting with rights, restricting and
//! banning (enforced when the member sends or comes back), member lists by status, basic
//! groups, and a bot's chat-member-updated handler seeing a ban.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic to fail the test

mod methods_support;

use std::time::Duration;

use methods_support::{alice, helper_bot, login, rpc, start};
use pyro_client::Client;
use pyro_client::methods::MemberFilter;
use pyro_client::tl::types;
use pyro_client::types::{ChatKind, ChatMemberUpdated, MemberStatus};
use pyro_client::updates::{Handler, Router, UpdatesConfig};
use tokio::sync::mpsc;

#[tokio::test]
async fn an_admin_restricts_bans_and_unbans() {
    let dc = start().await;
    let alice = alice(&dc).await;
    let bob = login(&dc, "15550002").await;
    let carol = login(&dc, "15550003").await;
    carol.join_chat("@club").await.unwrap();

    // Bob may not ban until Alice gives him the right; he still may not rename.
    assert_eq!(
        rpc(bob.ban_chat_member("@club", "@carol", 0).await),
        "CHAT_ADMIN_REQUIRED"
    );
    let rights = types::ChatAdminRights {
        ban_users: true,
        ..Default::default()
    };
    alice
        .promote_chat_member("@club", "@bob", rights, Some("warden".into()))
        .await
        .unwrap();
    assert_eq!(
        rpc(bob.set_chat_title("@club", "Bob's club").await),
        "CHAT_ADMIN_REQUIRED"
    );

    // Muted, Carol cannot send; unmuted she can.
    let muted = types::ChatBannedRights {
        send_messages: true,
        ..Default::default()
    };
    bob.restrict_chat_member("@club", "@carol", muted)
        .await
        .unwrap();
    assert_eq!(
        rpc(carol.send_message("@club", "hello?").await),
        "CHAT_WRITE_FORBIDDEN"
    );
    let restricted = alice
        .get_chat_members_filtered("@club", MemberFilter::Restricted(String::new()))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(restricted.len(), 1);
    assert_eq!(restricted[0].status(), MemberStatus::Restricted);
    bob.unban_chat_member("@club", "@carol").await.unwrap();
    carol.send_message("@club", "hello!").await.unwrap();

    // Banned, she is out and cannot come back until unbanned.
    bob.ban_chat_member("@club", "@carol", 0).await.unwrap();
    assert_eq!(
        rpc(carol.join_chat("@club").await),
        "USER_BANNED_IN_CHANNEL"
    );
    let banned = alice
        .get_chat_members_filtered("@club", MemberFilter::Banned(String::new()))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(banned.len(), 1);
    assert_eq!(banned[0].status(), MemberStatus::Banned);
    bob.unban_chat_member("@club", "@carol").await.unwrap();
    carol.join_chat("@club").await.unwrap();

    let admins = carol
        .get_chat_members_filtered("@club", MemberFilter::Administrators)
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let mut statuses: Vec<MemberStatus> = admins
        .iter()
        .map(pyro_client::types::ChatMember::status)
        .collect();
    statuses.sort_by_key(|s| format!("{s:?}"));
    assert_eq!(statuses, [MemberStatus::Administrator, MemberStatus::Owner]);
    dc.shutdown().await;
}

#[tokio::test]
async fn basic_groups_through_the_same_methods() {
    let dc = start().await;
    let alice = alice(&dc).await;
    let bob = login(&dc, "15550002").await;
    let group = alice.create_group("Trio", ["@bob"]).await.unwrap();
    assert_eq!(group.kind(), ChatKind::Group);
    assert_eq!(group.title(), "Trio");
    let id = group.bot_api_id();
    assert_eq!(alice.add_chat_members(id, ["@carol"]).await.unwrap(), 1);
    assert_eq!(
        rpc(alice.add_chat_members(id, ["@carol"]).await),
        "USER_ALREADY_PARTICIPANT"
    );
    alice.set_chat_title(id, "Quartet").await.unwrap();
    let sent = alice
        .send_message(id, "hello group")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.chat().title(), "Quartet");
    alice.ban_chat_member(id, "@carol", 0).await.unwrap();
    assert_eq!(
        rpc(alice.ban_chat_member(id, "@carol", 0).await),
        "USER_NOT_PARTICIPANT"
    );
    // Bob learned of the group from its service messages; he leaves it.
    bob.leave_chat(id).await.unwrap();
    assert_eq!(
        rpc(bob.send_message(id, "still here?").await),
        "CHAT_WRITE_FORBIDDEN"
    );
    dc.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_admin_sees_a_ban_through_its_handler() {
    let dc = start().await;
    let alice = alice(&dc).await;
    let carol = login(&dc, "15550003").await;
    let bot = helper_bot(&dc).await;
    let (tx, mut seen) = mpsc::unbounded_channel();
    let handler =
        Handler::chat_member_updated(move |_client: Client, update: ChatMemberUpdated| {
            let tx = tx.clone();
            async move {
                let status = update
                    .new_member()
                    .map(pyro_client::types::ChatMember::status);
                let _ = tx.send((update.user().id(), update.actor().id(), status));
            }
        });
    let updates = bot
        .start_updates(
            Router::new("members").with(handler),
            UpdatesConfig::default(),
        )
        .unwrap();
    updates.ready().await;

    let group = alice.create_supergroup("Watched", "").await.unwrap();
    let id = group.bot_api_id();
    alice
        .add_chat_members(id, ["@helper", "@carol"])
        .await
        .unwrap();
    let rights = types::ChatAdminRights {
        ban_users: true,
        ..Default::default()
    };
    alice
        .promote_chat_member(id, "@helper", rights, None)
        .await
        .unwrap();
    alice.ban_chat_member(id, "@carol", 0).await.unwrap();

    let carol_id = carol.get_me().await.unwrap().id();
    let alice_id = alice.get_me().await.unwrap().id();
    let mut events = Vec::new();
    while !events.iter().any(|(user, _, _)| *user == carol_id) {
        let event = tokio::time::timeout(Duration::from_secs(60), seen.recv())
            .await
            .expect("the ban reaches the handler")
            .expect("the handler is running");
        events.push(event);
    }
    let ban = events.last().unwrap();
    assert_eq!(*ban, (carol_id, alice_id, Some(MemberStatus::Banned)));
    // Before it: the bot's own joining and promotion, in order.
    let bot_id = bot.get_me().await.unwrap().id();
    let own: Vec<Option<MemberStatus>> = events
        .iter()
        .filter(|(user, _, _)| *user == bot_id)
        .map(|(_, _, status)| *status)
        .collect();
    assert_eq!(
        own,
        [
            Some(MemberStatus::Member),
            Some(MemberStatus::Administrator)
        ]
    );
    updates.stop().await.unwrap();
    dc.shutdown().await;
}
