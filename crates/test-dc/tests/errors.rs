//! Bad requests and injected faults: unknown and unimplemented methods, undecodable requests,
//! every fault switch, seeds from JSON, and determinism.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::World;
use pyro_test_dc::{
    Faults, FloodWaitRule, Limits, MigrateKind, MigrateRule, RpcError, Seed, SeedError, SeedUser,
};
use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions};

fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").username("alice"))
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
}

#[test]
fn unknown_unimplemented_and_garbage_requests_get_errors() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    assert_eq!(
        alice.raw(&[0xde, 0xad, 0xbe, 0xef]).unwrap_err(),
        RpcError::bad_request("INPUT_METHOD_INVALID")
    );
    assert_eq!(
        alice.raw(&[1, 2]).unwrap_err(),
        RpcError::bad_request("INPUT_FETCH_ERROR")
    );
    assert_eq!(
        alice.raw(&[]).unwrap_err(),
        RpcError::bad_request("INPUT_FETCH_ERROR")
    );
    // A real method with its parameters cut short.
    let mut truncated = functions::messages::SendMessage {
        message: "x".into(),
        ..Default::default()
    }
    .to_bytes();
    truncated.truncate(10);
    assert_eq!(
        alice.raw(&truncated).unwrap_err().message,
        "INPUT_FETCH_ERROR"
    );
    // A real method the model does not implement: a clear error, and the log names it.
    let err = alice
        .call(&functions::account::GetAuthorizations {})
        .unwrap_err();
    assert_eq!(
        err,
        RpcError::bad_request("METHOD_NOT_IMPLEMENTED_IN_TEST_DC")
    );
    let log = world.telegram.log();
    let last = log.last().unwrap();
    assert_eq!(
        (last.method.as_str(), last.auth_key_id),
        ("account.getAuthorizations", 1)
    );
    assert!(last.outcome.contains("METHOD_NOT_IMPLEMENTED_IN_TEST_DC"));
    assert!(log.iter().any(|l| l.method == "#efbeadde"));
    // Wrappers around garbage are still refused cleanly.
    let wrapped = functions::InvokeWithLayer {
        layer: 229,
        query: functions::InvokeWithoutUpdates {
            query: functions::help::GetConfig {},
        },
    };
    let mut bytes = wrapped.to_bytes();
    bytes.truncate(bytes.len() - 2);
    assert_eq!(alice.raw(&bytes).unwrap_err().message, "INPUT_FETCH_ERROR");
}

#[test]
fn get_config_lists_this_processes_dcs() {
    let world = World::new(&seed());
    let client = world.client(4, 9);
    let enums::Config::Config(config) = client.call(&functions::help::GetConfig {}).unwrap();
    assert_eq!(config.this_dc, 4);
    let listed: Vec<(i32, i32)> = config
        .dc_options
        .iter()
        .map(|o| match o {
            enums::DcOption::DcOption(o) => (o.id, o.port),
        })
        .collect();
    assert_eq!(listed, vec![(2, 4432), (4, 4434)]);
    let enums::NearestDc::NearestDc(nearest) =
        client.call(&functions::help::GetNearestDc {}).unwrap();
    assert_eq!(nearest.this_dc, 4);
}

#[test]
fn flood_wait_switch() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    world.telegram.set_faults(Faults {
        flood_wait: vec![FloodWaitRule {
            method: "messages.sendMessage".into(),
            seconds: 9,
            probability: 1.0,
        }],
        ..Faults::default()
    });
    let to_bob = alice.resolve("bob");
    let err = alice.send(&to_bob, "hi", 1).unwrap_err();
    assert_eq!((err.code, err.value()), (420, Some(9)));
    assert_eq!(err.message, "FLOOD_WAIT_9");
    world.telegram.set_faults(Faults::default());
    alice.send(&to_bob, "hi", 1).unwrap();
}

#[test]
fn flood_wait_probability_is_seeded() {
    let run = |rng_seed| {
        let world = World::with_rng(&seed(), rng_seed);
        let alice = world.login("15550001", 1);
        world.telegram.set_faults(Faults {
            flood_wait: vec![FloodWaitRule {
                method: "*".into(),
                seconds: 1,
                probability: 0.3,
            }],
            ..Faults::default()
        });
        (0..200)
            .map(|_| alice.call(&functions::updates::GetState {}).is_err())
            .collect::<Vec<bool>>()
    };
    let first = run(5);
    assert_eq!(first, run(5));
    assert_ne!(first, run(6));
    let refused = first.iter().filter(|r| **r).count();
    assert!((30..90).contains(&refused), "{refused}");
}

#[test]
fn migrate_switches() {
    let world = World::new(&seed());
    let client = world.client(2, 1);
    for (kind, name) in [
        (MigrateKind::Phone, "PHONE_MIGRATE_4"),
        (MigrateKind::User, "USER_MIGRATE_4"),
        (MigrateKind::Network, "NETWORK_MIGRATE_4"),
        (MigrateKind::File, "FILE_MIGRATE_4"),
    ] {
        world.telegram.set_faults(Faults {
            migrate: vec![MigrateRule {
                method: "help.getConfig".into(),
                kind,
                dc_id: 4,
                probability: 1.0,
            }],
            ..Faults::default()
        });
        assert_eq!(
            client.call(&functions::help::GetConfig {}).unwrap_err(),
            RpcError::new(303, name)
        );
        // Following the redirect works.
        world
            .client(4, 2)
            .call(&functions::help::GetConfig {})
            .unwrap();
    }
}

#[test]
fn drop_updates_switch() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    world.telegram.set_faults(Faults {
        drop_updates: 1.0,
        ..Faults::default()
    });
    alice.send(&alice.resolve("bob"), "lost", 1).unwrap();
    assert!(bob.updates().is_empty());
    world.telegram.set_faults(Faults::default());
    alice.send(&alice.resolve("bob"), "kept", 2).unwrap();
    assert_eq!(bob.updates().len(), 1);
}

#[test]
fn json_fixture_seeds_everything() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/small.json"
    ))
    .unwrap();
    let seed = Seed::from_json(&text).unwrap();
    let world = World::new(&seed);
    let alice = world.client(2, 1);
    let hash = alice.send_code("15550001").unwrap();
    alice.sign_in("15550001", &hash, "12345").unwrap();
    let (_, texts, _) = alice.history(&alice.resolve("bob"), 0, 0, 10);
    assert_eq!(texts, vec!["hello"]);
    let news = alice.resolve("news");
    let (_, texts, _) = alice.history(&news, 0, 0, 10);
    assert_eq!(texts[0], "a file");
    let enums::contacts::Contacts::Contacts(contacts) = alice
        .call(&functions::contacts::GetContacts { hash: 0 })
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(contacts.contacts.len(), 1);
    let news_id = world.telegram.channel_id("news").unwrap();
    assert_eq!(world.telegram.channel_pts(news_id), Some(2));
    // Bad fixtures are typed errors.
    let dup = r#"{ "users": [ { "key": "a", "phone": "1" }, { "key": "b", "phone": "1" } ] }"#;
    let options = pyro_test_dc::Options {
        dcs: common::dcs(),
        clock: std::sync::Arc::new(pyro_test_dc::ManualClock::new(0)),
        rng_seed: 1,
    };
    let err = pyro_test_dc::Telegram::new(&Seed::from_json(dup).unwrap(), options.clone())
        .err()
        .unwrap();
    assert!(matches!(err, SeedError::Duplicate { what: "phone", .. }));
    let unknown = r#"{ "users": [ { "key": "a", "contacts": ["ghost"] } ] }"#;
    let err = pyro_test_dc::Telegram::new(&Seed::from_json(unknown).unwrap(), options.clone())
        .err()
        .unwrap();
    assert!(matches!(err, SeedError::UnknownAccount(k) if k == "ghost"));
    let wrong_dc = r#"{ "users": [ { "key": "a", "dc": 9 } ] }"#;
    let err = pyro_test_dc::Telegram::new(&Seed::from_json(wrong_dc).unwrap(), options)
        .err()
        .unwrap();
    assert!(matches!(err, SeedError::UnknownDc(9)));
}

#[test]
fn same_seed_same_bytes() {
    let transcript = || {
        let world = World::with_rng(&seed(), 11);
        let alice = world.login("15550001", 1);
        let bob = world.login("15550002", 2);
        let mut bytes = alice
            .raw(
                &functions::contacts::ResolveUsername {
                    username: "bob".into(),
                    referer: None,
                }
                .to_bytes(),
            )
            .unwrap();
        alice.send(&alice.resolve("bob"), "hi", 1).unwrap();
        bytes.extend(world.telegram.take_updates(2).concat());
        bytes.extend(
            bob.raw(
                &functions::messages::GetDialogs {
                    limit: 10,
                    ..Default::default()
                }
                .to_bytes(),
            )
            .unwrap(),
        );
        bytes
    };
    assert_eq!(transcript(), transcript());
}

#[test]
fn mutated_requests_never_panic_the_model() {
    let seed = seed().channel(
        pyro_test_dc::SeedChannel::supergroup("club", "Club", "alice")
            .username("club")
            .member("bob"),
    );
    let world = World::new(&seed);
    let alice = world.login("15550001", 1);
    alice.send(&alice.resolve("bob"), "one", 1).unwrap();
    let bob = alice.resolve("bob");
    let club = alice.resolve("club");
    let channel = common::input_channel(&club);
    let location = enums::InputFileLocation::InputDocumentFileLocation(Box::new(
        pyro_tl_types::api::types::InputDocumentFileLocation {
            id: 1,
            access_hash: 2,
            file_reference: vec![3],
            thumb_size: String::new(),
        },
    ));
    let requests: Vec<Vec<u8>> = vec![
        functions::messages::SendMessage {
            peer: bob.clone(),
            message: "hi".into(),
            random_id: 9,
            ..Default::default()
        }
        .to_bytes(),
        functions::messages::GetHistory {
            peer: bob.clone(),
            offset_id: 5,
            add_offset: -3,
            limit: 10,
            ..Default::default()
        }
        .to_bytes(),
        functions::messages::GetDialogs {
            offset_peer: bob.clone(),
            limit: 10,
            ..Default::default()
        }
        .to_bytes(),
        functions::messages::Search {
            peer: club.clone(),
            q: "o".into(),
            limit: 5,
            ..Default::default()
        }
        .to_bytes(),
        functions::messages::EditMessage {
            peer: bob.clone(),
            id: 1,
            message: Some("two".into()),
            ..Default::default()
        }
        .to_bytes(),
        functions::messages::ForwardMessages {
            from_peer: bob.clone(),
            id: vec![1],
            random_id: vec![2],
            to_peer: club.clone(),
            ..Default::default()
        }
        .to_bytes(),
        functions::messages::ReadHistory {
            peer: bob.clone(),
            max_id: 1,
        }
        .to_bytes(),
        functions::messages::DeleteMessages {
            revoke: true,
            id: vec![1, 2],
        }
        .to_bytes(),
        functions::updates::GetDifference {
            pts: 1,
            date: 1,
            qts: 0,
            ..Default::default()
        }
        .to_bytes(),
        functions::updates::GetChannelDifference {
            channel: channel.clone(),
            filter: enums::ChannelMessagesFilter::Empty,
            pts: 1,
            limit: 10,
            force: false,
        }
        .to_bytes(),
        functions::channels::GetParticipants {
            channel: channel.clone(),
            filter: enums::ChannelParticipantsFilter::ChannelParticipantsRecent,
            offset: 0,
            limit: 10,
            hash: 0,
        }
        .to_bytes(),
        functions::upload::SaveFilePart {
            file_id: 1,
            file_part: 0,
            bytes: vec![1; 1024],
        }
        .to_bytes(),
        functions::upload::GetFile {
            location,
            offset: 0,
            limit: 4096,
            ..Default::default()
        }
        .to_bytes(),
        functions::auth::SignIn {
            phone_number: "15550002".into(),
            phone_code_hash: "0".into(),
            phone_code: Some("1".into()),
            email_verification: None,
        }
        .to_bytes(),
        functions::InvokeWithLayer {
            layer: 229,
            query: functions::help::GetConfig {},
        }
        .to_bytes(),
    ];
    let mut calls = 0;
    for request in &requests {
        for len in 0..request.len() {
            let _ = alice.raw(&request[..len]);
            calls += 1;
        }
        for at in 0..request.len() {
            for value in [0x00, 0xff, 0x7f, 0x80, 0xfe] {
                let mut mutated = request.clone();
                mutated[at] = value;
                let _ = alice.raw(&mutated);
                calls += 1;
            }
        }
    }
    assert!(calls > 3000);
    // Extremes that decode fine.
    let _ = alice.call(&functions::updates::GetDifference {
        pts: i32::MIN,
        date: 0,
        qts: 0,
        ..Default::default()
    });
    let _ = alice.call(&functions::updates::GetChannelDifference {
        channel,
        filter: enums::ChannelMessagesFilter::Empty,
        pts: i32::MIN,
        limit: i32::MAX,
        force: false,
    });
    let _ = alice.call(&functions::messages::GetHistory {
        peer: bob,
        offset_id: i32::MAX,
        add_offset: i32::MIN,
        limit: i32::MAX,
        max_id: i32::MIN,
        min_id: i32::MAX,
        ..Default::default()
    });
    // The model still works.
    assert!(alice.state().pts > 0);
}

#[test]
fn the_log_stays_bounded() {
    let world = World::new(&seed());
    world.telegram.set_limits(Limits {
        log_lines: 5,
        ..Limits::default()
    });
    let client = world.client(2, 1);
    for _ in 0..9 {
        client.call(&functions::help::GetConfig {}).unwrap();
    }
    let _ = client.call(&functions::updates::GetState {});
    let log = world.telegram.log();
    assert_eq!(log.len(), 5);
    assert_eq!(log[4].method, "updates.getState");
    assert_eq!(log[4].outcome, "401 AUTH_KEY_UNREGISTERED");
    assert_eq!(log[0].method, "help.getConfig");
}
