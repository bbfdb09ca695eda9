//! Invite links at the TL level: exporting (admins only), checking, joining (counted against
//! the usage limit), expiry by date, listing, revoking and the permanent link's replacement.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod tg_chats_support;

use common::{World, input_channel};
use pyro_tl_types::api::{enums, functions, types};
use tg_chats_support::{
    actions, banned_rights, create_channel, edit_banned, error, list, pushed, seed,
};

fn export(
    client: &common::Client,
    peer: &enums::InputPeer,
    expire_date: Option<i32>,
    usage_limit: Option<i32>,
    permanent: bool,
) -> Result<types::ChatInviteExported, pyro_test_dc::RpcError> {
    client
        .call(&functions::messages::ExportChatInvite {
            legacy_revoke_permanent: permanent,
            peer: peer.clone(),
            expire_date,
            usage_limit,
            ..Default::default()
        })
        .map(|invite| match invite {
            enums::ExportedChatInvite::ChatInviteExported(i) => *i,
            other @ enums::ExportedChatInvite::ChatInvitePublicJoinRequests => {
                panic!("{other:?}")
            }
        })
}

fn check(client: &common::Client, link: &str) -> Result<enums::ChatInvite, pyro_test_dc::RpcError> {
    client.call(&functions::messages::CheckChatInvite {
        hash: link.trim_start_matches("https://t.me/+").into(),
    })
}

fn import(
    client: &common::Client,
    link: &str,
) -> Result<Vec<enums::Update>, pyro_test_dc::RpcError> {
    client
        .call(&functions::messages::ImportChatInvite {
            hash: link.trim_start_matches("https://t.me/+").into(),
        })
        .map(|joined| match joined {
            enums::messages::ChatInviteJoinResult::Ok(ok) => list(ok.updates),
            other @ enums::messages::ChatInviteJoinResult::WebView(_) => panic!("{other:?}"),
        })
}

#[test]
fn links_let_people_in_until_used_up_expired_or_revoked() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 3);
    let group = create_channel(&alice, "Club", false);

    assert_eq!(
        error(export(&bob, &group, None, None, false)),
        "CHANNEL_PRIVATE"
    );
    assert_eq!(
        error(export(&alice, &group, Some(common::START - 1), None, false)),
        "EXPIRE_DATE_INVALID"
    );
    assert_eq!(
        error(export(&alice, &group, None, Some(100_000), false)),
        "USAGE_LIMIT_INVALID"
    );
    let once = export(&alice, &group, None, Some(1), false).unwrap();
    assert!(once.link.starts_with("https://t.me/+"));
    assert_eq!((once.usage_limit, once.usage), (Some(1), None));

    let enums::ChatInvite::ChatInvite(preview) = check(&bob, &once.link).unwrap() else {
        panic!("bob is no member")
    };
    assert_eq!(
        (
            preview.title.as_str(),
            preview.megagroup,
            preview.participants_count
        ),
        ("Club", true, 1)
    );
    alice.updates();
    let joined = import(&bob, &once.link).unwrap();
    assert!(matches!(joined[0], enums::Update::Channel(_)));
    assert!(matches!(
        actions(&joined).as_slice(),
        [enums::MessageAction::ChatJoinedByLink(j)] if j.inviter_id == alice.me()
    ));
    assert!(matches!(
        actions(&pushed(&alice)).as_slice(),
        [enums::MessageAction::ChatJoinedByLink(_)]
    ));
    assert!(matches!(
        check(&bob, &once.link).unwrap(),
        enums::ChatInvite::Already(_)
    ));
    assert_eq!(error(import(&bob, &once.link)), "USER_ALREADY_PARTICIPANT");
    // Used once: spent.
    assert_eq!(error(check(&carol, &once.link)), "INVITE_HASH_EXPIRED");
    assert_eq!(error(import(&carol, &once.link)), "INVITE_HASH_EXPIRED");
    assert_eq!(
        error(import(&carol, "https://t.me/+nosuchlink")),
        "INVITE_HASH_INVALID"
    );

    // A link that expires in a minute.
    let timed = export(&alice, &group, Some(common::START + 60), None, false).unwrap();
    world.clock.advance(61);
    assert_eq!(error(import(&carol, &timed.link)), "INVITE_HASH_EXPIRED");

    // A banned user cannot use a link.
    let open = export(&alice, &group, None, None, false).unwrap();
    edit_banned(
        &alice,
        &group,
        "carol",
        banned_rights(0, |r| r.view_messages = true),
    )
    .unwrap();
    assert_eq!(error(import(&carol, &open.link)), "USER_BANNED_IN_CHANNEL");
    edit_banned(&alice, &group, "carol", banned_rights(0, |_| {})).unwrap();
    import(&carol, &open.link).unwrap();
    let usage = |link: &str| {
        let enums::messages::ExportedChatInvites::ExportedChatInvites(page) = alice
            .call(&functions::messages::GetExportedChatInvites {
                peer: group.clone(),
                admin_id: enums::InputUser::InputUserSelf,
                limit: 50,
                ..Default::default()
            })
            .unwrap();
        page.invites
            .iter()
            .find_map(|i| match i {
                enums::ExportedChatInvite::ChatInviteExported(i) if i.link == link => Some(i.usage),
                _ => None,
            })
            .expect("listed")
    };
    assert_eq!(usage(&open.link), Some(1));
}

#[test]
fn listing_revoking_and_replacing_the_permanent_link() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let news = create_channel(&alice, "News", true);
    let primary = export(&alice, &news, None, None, true).unwrap();
    assert!(primary.permanent);
    let extra = export(&alice, &news, None, Some(5), false).unwrap();
    let full = alice
        .call(&functions::channels::GetFullChannel {
            channel: input_channel(&news),
        })
        .unwrap();
    let enums::messages::ChatFull::ChatFull(full) = full;
    let enums::ChatFull::ChannelFull(full) = full.full_chat else {
        panic!()
    };
    assert!(matches!(&full.exported_invite,
        Some(enums::ExportedChatInvite::ChatInviteExported(i)) if i.link == primary.link));

    let links = |revoked: bool| {
        let enums::messages::ExportedChatInvites::ExportedChatInvites(page) = alice
            .call(&functions::messages::GetExportedChatInvites {
                revoked,
                peer: news.clone(),
                admin_id: enums::InputUser::InputUserSelf,
                limit: 50,
                ..Default::default()
            })
            .unwrap();
        (page.count, page.invites.len())
    };
    assert_eq!(links(false), (2, 2));
    assert_eq!(links(true), (0, 0));

    // Revoking the extra link: it is edited in place.
    let revoke = |link: &str| {
        alice.call(&functions::messages::EditExportedChatInvite {
            revoked: true,
            peer: news.clone(),
            link: link.into(),
            ..Default::default()
        })
    };
    let enums::messages::ExportedChatInvite::ExportedChatInvite(edited) =
        revoke(&extra.link).unwrap()
    else {
        panic!("not a replacement")
    };
    assert!(
        matches!(&edited.invite, enums::ExportedChatInvite::ChatInviteExported(i) if i.revoked)
    );
    assert_eq!(error(import(&bob, &extra.link)), "INVITE_HASH_EXPIRED");
    assert_eq!(error(revoke(&extra.link)), "INVITE_HASH_EXPIRED");

    // Revoking the permanent link replaces it.
    let enums::messages::ExportedChatInvite::Replaced(replaced) = revoke(&primary.link).unwrap()
    else {
        panic!("the permanent link is replaced")
    };
    let enums::ExportedChatInvite::ChatInviteExported(new) = &replaced.new_invite else {
        panic!()
    };
    assert!(new.permanent && !new.revoked && new.link != primary.link);
    assert_eq!(links(true), (2, 2));
    assert_eq!(links(false), (1, 1));
    import(&bob, &new.link).unwrap();

    // Bob, a plain subscriber, may not make links.
    assert_eq!(
        error(export(&bob, &news, None, None, false)),
        "CHAT_ADMIN_REQUIRED"
    );
}
