//! Supergroup and channel administration at the TL level: promoting admins with rights,
//! banning and restricting members (enforced when they send or come back), participants and
//! full channel info, and `updateChannelParticipant` for bot admins.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod tg_chats_support;

use common::{World, input_channel};
use pyro_tl_types::api::{enums, functions, types};
use tg_chats_support::{
    BOT_TOKEN, actions, admin_rights, banned_rights, create_channel, edit_admin, edit_banned,
    error, invite, list, pushed, seed,
};

fn participant(
    client: &common::Client,
    channel: &enums::InputPeer,
    user: &str,
) -> Result<enums::ChannelParticipant, pyro_test_dc::RpcError> {
    client
        .call(&functions::channels::GetParticipant {
            channel: input_channel(channel),
            participant: client.resolve(user),
        })
        .map(|enums::channels::ChannelParticipant::ChannelParticipant(p)| p.participant)
}

#[test]
fn admins_ban_and_restrict_with_the_rights_they_hold() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 3);
    let group = create_channel(&alice, "Club", false);
    invite(&alice, &group, &["bob", "carol"]);

    // Bob is no admin yet: no bans, no renaming.
    let ban = || banned_rights(0, |r| r.view_messages = true);
    assert_eq!(
        error(edit_banned(&bob, &group, "carol", ban())),
        "CHAT_ADMIN_REQUIRED"
    );
    let rename = functions::channels::EditTitle {
        channel: input_channel(&group),
        title: "Bob's".into(),
    };
    assert_eq!(error(bob.call(&rename)), "CHAT_ADMIN_REQUIRED");

    // Alice makes Bob an admin who may ban; he cannot hand out rights he lacks.
    edit_admin(&alice, &group, "bob", admin_rights(|r| r.ban_users = true)).unwrap();
    let enums::ChannelParticipant::Admin(admin) = participant(&carol, &group, "bob").unwrap()
    else {
        panic!("bob should be an admin")
    };
    assert!(admin.admin_rights == admin_rights(|r| r.ban_users = true));
    assert_eq!(admin.rank.as_deref(), Some("mod"));
    assert!(!admin.can_edit, "carol did not promote bob");
    let too_much = admin_rights(|r| r.add_admins = true);
    assert_eq!(
        error(edit_admin(&bob, &group, "carol", too_much)),
        "CHAT_ADMIN_REQUIRED"
    );
    assert_eq!(
        error(edit_banned(&bob, &group, "alice", ban())),
        "USER_ADMIN_INVALID"
    );
    assert_eq!(
        error(bob.call(&rename)),
        "CHAT_ADMIN_REQUIRED",
        "no change_info right"
    );

    // A restriction: Carol may not send; media-only restrictions let text through.
    edit_banned(
        &bob,
        &group,
        "carol",
        banned_rights(0, |r| r.send_messages = true),
    )
    .unwrap();
    assert_eq!(error(carol.send(&group, "hi", 1)), "CHAT_WRITE_FORBIDDEN");
    let enums::ChannelParticipant::Banned(banned) = participant(&alice, &group, "carol").unwrap()
    else {
        panic!("carol should be restricted")
    };
    assert!(!banned.left);
    edit_banned(
        &bob,
        &group,
        "carol",
        banned_rights(0, |r| r.send_media = true),
    )
    .unwrap();
    carol.send(&group, "text is fine", 2).unwrap();

    // A timed restriction ends with the clock.
    let until = common::START + 60;
    edit_banned(
        &bob,
        &group,
        "carol",
        banned_rights(until, |r| r.send_messages = true),
    )
    .unwrap();
    assert_eq!(
        error(carol.send(&group, "still muted", 3)),
        "CHAT_WRITE_FORBIDDEN"
    );
    world.clock.advance(61);
    carol.send(&group, "free again", 4).unwrap();

    // A ban removes Carol: she hears of it, everyone sees the service message, she cannot
    // come back nor be seen as a member.
    carol.updates();
    alice.updates();
    let answer = list(edit_banned(&bob, &group, "carol", ban()).unwrap());
    assert!(matches!(answer[0], enums::Update::Channel(_)));
    let removed = actions(&answer);
    assert!(
        matches!(removed.as_slice(), [enums::MessageAction::ChatDeleteUser(d)]
            if d.user_id == carol.me()),
        "{removed:?}"
    );
    assert!(matches!(
        actions(&pushed(&alice)).as_slice(),
        [enums::MessageAction::ChatDeleteUser(_)]
    ));
    let told = pushed(&carol);
    assert!(
        matches!(told.as_slice(), [enums::Update::Channel(_)]),
        "{told:?}"
    );
    assert_eq!(error(carol.send(&group, "let me in", 5)), "CHANNEL_PRIVATE");
    let join = functions::channels::JoinChannel {
        channel: input_channel(&group),
    };
    assert_eq!(error(carol.call(&join)), "USER_BANNED_IN_CHANNEL");
    let enums::ChannelParticipant::Banned(banned) = participant(&alice, &group, "carol").unwrap()
    else {
        panic!("carol should be banned")
    };
    assert!(banned.left);
    assert_eq!(banned.kicked_by, bob.me());

    // The kicked list is for admins; lifting the ban lets her join again.
    let kicked = |client: &common::Client| {
        client.call(&functions::channels::GetParticipants {
            channel: input_channel(&group),
            filter: enums::ChannelParticipantsFilter::ChannelParticipantsKicked(
                types::ChannelParticipantsKicked { q: String::new() },
            ),
            offset: 0,
            limit: 10,
            hash: 0,
        })
    };
    let enums::channels::ChannelParticipants::ChannelParticipants(page) = kicked(&alice).unwrap()
    else {
        panic!()
    };
    assert_eq!(page.count, 1);
    edit_banned(&alice, &group, "carol", banned_rights(0, |_| {})).unwrap();
    let enums::channels::ChannelParticipants::ChannelParticipants(page) = kicked(&alice).unwrap()
    else {
        panic!()
    };
    assert_eq!(page.count, 0);
    carol.call(&join).unwrap();

    // Demoting Bob takes his rights away.
    edit_admin(&alice, &group, "bob", admin_rights(|_| {})).unwrap();
    assert_eq!(
        error(edit_banned(&bob, &group, "carol", ban())),
        "CHAT_ADMIN_REQUIRED"
    );
    assert!(matches!(
        participant(&alice, &group, "bob").unwrap(),
        enums::ChannelParticipant::ChannelParticipant(_)
    ));
}

#[test]
fn participants_full_info_and_broadcast_posting() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let carol = world.login("15550003", 3);
    let news = create_channel(&alice, "News", true);
    invite(&alice, &news, &["bob"]);

    assert_eq!(
        error(participant(&bob, &news, "carol")),
        "USER_NOT_PARTICIPANT"
    );
    assert!(matches!(
        participant(&bob, &news, "alice").unwrap(),
        enums::ChannelParticipant::Creator(_)
    ));
    assert!(matches!(
        participant(&bob, &news, "bob").unwrap(),
        enums::ChannelParticipant::ChannelParticipantSelf(_)
    ));
    assert_eq!(error(participant(&carol, &news, "bob")), "CHANNEL_PRIVATE");

    // Only admins with post_messages post in a broadcast channel.
    assert_eq!(error(bob.send(&news, "hello", 1)), "CHAT_WRITE_FORBIDDEN");
    edit_admin(
        &alice,
        &news,
        "bob",
        admin_rights(|r| r.post_messages = true),
    )
    .unwrap();
    bob.send(&news, "hello", 2).unwrap();

    // The full channel counts admins; the rights show on the channel object.
    let full = bob
        .call(&functions::channels::GetFullChannel {
            channel: input_channel(&news),
        })
        .unwrap();
    let enums::messages::ChatFull::ChatFull(full) = full;
    let enums::ChatFull::ChannelFull(channel_full) = &full.full_chat else {
        panic!()
    };
    assert_eq!(channel_full.participants_count, Some(2));
    assert_eq!(channel_full.admins_count, Some(2));
    assert_eq!(
        channel_full.pts,
        world.telegram.channel_pts(channel_full.id).unwrap()
    );
    let enums::Chat::Channel(channel) = &full.chats[0] else {
        panic!()
    };
    assert!(channel.admin_rights == Some(admin_rights(|r| r.post_messages = true)));
    assert!(!channel.creator);
}

#[test]
fn bot_admins_get_participant_updates_in_the_secondary_box() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let carol = world.login("15550003", 3);
    let bot = world.bot(BOT_TOKEN, 9);
    let group = create_channel(&alice, "Club", false);
    invite(&alice, &group, &["helper", "carol"]);
    let qts0 = bot.state().qts;
    assert_eq!(
        qts0, 1,
        "the bot heard of its own joining (and no more: it is no admin)"
    );
    bot.updates();
    edit_admin(
        &alice,
        &group,
        "helper",
        admin_rights(|r| r.ban_users = true),
    )
    .unwrap();
    edit_banned(
        &bot,
        &group,
        "carol",
        banned_rights(0, |r| r.view_messages = true),
    )
    .unwrap();
    let events: Vec<types::UpdateChannelParticipant> = pushed(&bot)
        .into_iter()
        .filter_map(|u| match u {
            enums::Update::ChannelParticipant(p) => Some(*p),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(events[0].qts, qts0 + 1);
    assert_eq!(events[0].user_id, bot.me());
    assert!(matches!(
        events[0].new_participant,
        Some(enums::ChannelParticipant::Admin(_))
    ));
    assert_eq!(events[1].qts, qts0 + 2);
    assert_eq!(
        (events[1].user_id, events[1].actor_id),
        (carol.me(), bot.me())
    );
    assert!(matches!(
        events[1].prev_participant,
        Some(enums::ChannelParticipant::ChannelParticipant(_))
    ));
    assert!(matches!(
        events[1].new_participant,
        Some(enums::ChannelParticipant::Banned(_))
    ));

    // A bot that missed them gets them back from getDifference by qts.
    let state = bot.state();
    let difference = bot
        .call(&functions::updates::GetDifference {
            pts: state.pts,
            date: state.date,
            qts: qts0,
            ..Default::default()
        })
        .unwrap();
    let enums::updates::Difference::Difference(difference) = difference else {
        panic!("{difference:?}")
    };
    let replayed = difference
        .other_updates
        .iter()
        .filter(|u| matches!(u, enums::Update::ChannelParticipant(_)))
        .count();
    assert_eq!(replayed, 2);
    let enums::updates::State::State(after) = difference.state;
    assert_eq!(after.qts, qts0 + 2);
    assert!(
        difference
            .users
            .iter()
            .any(|u| common::user_id(u) == carol.me())
    );
}
