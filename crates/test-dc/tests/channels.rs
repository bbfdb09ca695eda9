//! Channels and supergroups: creation, invitations, thousands of members paginated, posting,
//! reading and deleting, and the channel update box.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{World, input_channel, input_channel_peer, messages_of, only};
use pyro_test_dc::{Seed, SeedChannel, SeedUser};
use pyro_tl_types::api::{enums, functions, types};

fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").username("alice"))
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .user(SeedUser::person("carol", "15550003", "Carol").username("carol"))
        .channel(
            SeedChannel::supergroup("crowd", "The Crowd", "alice")
                .username("crowd")
                .member("bob")
                .generated_members(2500),
        )
        .channel(
            SeedChannel::broadcast("news", "News", "alice")
                .username("news")
                .member("bob"),
        )
        .message("alice", "news", "first post")
}

fn participants(
    client: &common::Client,
    channel: &enums::InputChannel,
    filter: enums::ChannelParticipantsFilter,
    offset: i32,
    limit: i32,
) -> (i32, Vec<i64>) {
    let enums::channels::ChannelParticipants::ChannelParticipants(page) = client
        .call(&functions::channels::GetParticipants {
            channel: channel.clone(),
            filter,
            offset,
            limit,
            hash: 0,
        })
        .unwrap()
    else {
        panic!("not modified")
    };
    let ids = page
        .participants
        .iter()
        .map(|p| match p {
            enums::ChannelParticipant::ChannelParticipant(p) => p.user_id,
            enums::ChannelParticipant::ChannelParticipantSelf(p) => p.user_id,
            enums::ChannelParticipant::Creator(p) => p.user_id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(page.users.len(), page.participants.len());
    (page.count, ids)
}

#[test]
fn thousands_of_members_paginate() {
    let world = World::new(&seed());
    let bob = world.login("15550002", 2);
    let crowd = input_channel(&bob.resolve("crowd"));
    let recent = || enums::ChannelParticipantsFilter::ChannelParticipantsRecent;
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    loop {
        let (count, ids) = participants(&bob, &crowd, recent(), offset, 200);
        assert_eq!(count, 2502);
        if ids.is_empty() {
            break;
        }
        assert!(ids.len() <= 200);
        offset += ids.len() as i32;
        seen.extend(ids);
    }
    assert_eq!(seen.len(), 2502);
    let search = enums::ChannelParticipantsFilter::ChannelParticipantsSearch(
        types::ChannelParticipantsSearch {
            q: "member 250".into(),
        },
    );
    let (count, _) = participants(&bob, &crowd, search, 0, 100);
    assert_eq!(count, 2, "Member 250 and Member 2500");
    let (count, ids) = participants(
        &bob,
        &crowd,
        enums::ChannelParticipantsFilter::ChannelParticipantsAdmins,
        0,
        10,
    );
    assert_eq!(
        (count, ids),
        (1, vec![world.telegram.user_id("alice").unwrap()])
    );
}

#[test]
fn create_invite_post_and_read_back() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let carol = world.login("15550003", 3);
    let created = alice
        .call(&functions::channels::CreateChannel {
            megagroup: true,
            title: "Club".into(),
            about: "a club".into(),
            ..Default::default()
        })
        .unwrap();
    let enums::Updates::Updates(created) = created else {
        panic!()
    };
    assert!(matches!(created.updates[0], enums::Update::Channel(_)));
    let club = input_channel_peer(&created.chats[0]);
    let carol_peer = alice.resolve("carol");
    let enums::InputPeer::User(carol_user) = &carol_peer else {
        panic!()
    };
    let invite = functions::channels::InviteToChannel {
        channel: input_channel(&club),
        users: vec![enums::InputUser::InputUser(types::InputUser {
            user_id: carol_user.user_id,
            access_hash: carol_user.access_hash,
        })],
    };
    alice.call(&invite).unwrap();
    assert_eq!(
        alice.call(&invite).unwrap_err().message,
        "USER_ALREADY_PARTICIPANT"
    );
    carol.updates();
    let answer = alice.send(&club, "welcome", 5).unwrap();
    let enums::Updates::Updates(answer) = answer else {
        panic!()
    };
    assert!(matches!(
        answer.updates[0],
        enums::Update::MessageId(types::UpdateMessageId {
            id: 2,
            random_id: 5
        })
    ));
    let enums::Updates::Updates(live) = only(carol.updates()) else {
        panic!()
    };
    let enums::Update::NewChannelMessage(new) = &live.updates[0] else {
        panic!()
    };
    assert_eq!(
        (new.pts, common::message_text(&new.message).as_str()),
        (2, "welcome")
    );
    carol.send(&club, "thanks", 6).unwrap();
    let (ids, texts, count) = carol.history(&club, 0, 0, 10);
    assert_eq!(ids, vec![3, 2, 1]);
    assert_eq!(texts[..2], ["thanks".to_owned(), "welcome".to_owned()]);
    assert_eq!(count, 3);
    let got = carol
        .call(&functions::channels::GetMessages {
            channel: input_channel(&club),
            id: vec![
                enums::InputMessage::Id(types::InputMessageId { id: 2 }),
                enums::InputMessage::Id(types::InputMessageId { id: 99 }),
            ],
        })
        .unwrap();
    let (ids, _, _) = messages_of(&got);
    assert_eq!(ids, vec![2, 99]);
    let enums::messages::Chats::Chats(chats) = carol
        .call(&functions::channels::GetChannels {
            id: vec![input_channel(&club)],
        })
        .unwrap()
    else {
        panic!()
    };
    let enums::Chat::Channel(channel) = &chats.chats[0] else {
        panic!()
    };
    assert_eq!(
        (channel.title.as_str(), channel.megagroup, channel.left),
        ("Club", true, false)
    );
    // Carol cannot delete Alice's message; Alice (the creator) can delete anything.
    let delete = |ids: Vec<i32>| functions::channels::DeleteMessages {
        channel: input_channel(&club),
        id: ids,
    };
    assert_eq!(
        carol.call(&delete(vec![2])).unwrap_err().message,
        "MESSAGE_DELETE_FORBIDDEN"
    );
    alice.call(&delete(vec![3])).unwrap();
    assert_eq!(world.telegram.channel_pts(channel.id), Some(4));
    assert!(
        carol
            .call(&functions::channels::ReadHistory {
                channel: input_channel(&club),
                max_id: 2
            })
            .unwrap()
    );
}

#[test]
fn only_the_creator_posts_in_a_broadcast_channel() {
    let world = World::new(&seed());
    let bob = world.login("15550002", 2);
    let news = bob.resolve("news");
    assert_eq!(
        bob.send(&news, "spam", 1).unwrap_err().message,
        "CHAT_WRITE_FORBIDDEN"
    );
    let (_, texts, _) = bob.history(&news, 0, 0, 10);
    assert_eq!(texts[0], "first post");
    // A public channel can be read without joining, but its members are for members only.
    let outsider = world.login("15550003", 3);
    let news_for_carol = outsider.resolve("news");
    let (_, texts, _) = outsider.history(&news_for_carol, 0, 0, 10);
    assert_eq!(texts[0], "first post");
    let members = functions::channels::GetParticipants {
        channel: input_channel(&news_for_carol),
        filter: enums::ChannelParticipantsFilter::ChannelParticipantsRecent,
        offset: 0,
        limit: 10,
        hash: 0,
    };
    assert_eq!(
        outsider.call(&members).unwrap_err().message,
        "CHANNEL_PRIVATE"
    );
}
