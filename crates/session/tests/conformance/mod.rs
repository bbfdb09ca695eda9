//! The conformance suite every `SessionStore` passes, written once.
//!
//! A test file includes this module and calls `conformance_suite!(factory)`, where the factory
//! expression yields `(guard, Arc<dyn SessionStore>)`; the guard (a temporary directory, say) lives
//! as long as the test.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;
use std::thread;

use pyro_session::{
    AuthKey, CachedPeer, DcFlags, DcOption, LoggedInUser, PeerId, PeerKind, SessionStore,
    TempAuthKey, UpdateState,
};

/// Generates one `#[test]` per check below, each on a fresh store from `$make`.
#[macro_export]
macro_rules! conformance_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@tests $make;
            empty_store_is_empty,
            dc_options_are_replaced_in_order,
            home_dc_and_test_mode_are_kept,
            auth_keys_are_per_dc_and_kind,
            user_is_set_and_forgotten,
            peer_upsert_merges_fields,
            peer_namespaces_are_separate,
            username_lookup_ignores_case_and_follows_moves,
            phone_lookup_follows_moves,
            batch_upsert_of_many_peers,
            update_state_and_channel_pts,
            concurrent_writers_and_readers
        );
    };
    (@tests $make:expr; $($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                let (_guard, store) = $make;
                conformance::$name(&store);
            }
        )*
    };
}

/// A key whose bytes all differ with `seed`.
pub(crate) fn key(seed: u8) -> AuthKey {
    let mut bytes = [0u8; 256];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31).wrapping_add(seed);
    }
    AuthKey::new(bytes)
}

/// A user peer with only the required fields.
pub(crate) fn user_peer(id: i64, updated_at: i64) -> CachedPeer {
    CachedPeer {
        id,
        kind: PeerKind::User,
        access_hash: Some(id.wrapping_mul(7919)),
        username: None,
        phone: None,
        last_seen: None,
        updated_at,
    }
}

pub(crate) fn empty_store_is_empty(store: &Arc<dyn SessionStore>) {
    assert!(store.dc_options().unwrap().is_empty());
    assert_eq!(store.home_dc().unwrap(), None);
    assert!(!store.test_mode().unwrap());
    assert_eq!(store.auth_key(2).unwrap(), None);
    assert_eq!(store.temp_auth_key(2).unwrap(), None);
    assert_eq!(store.user().unwrap(), None);
    assert_eq!(store.peer(PeerId::user(1)).unwrap(), None);
    assert_eq!(store.peer_by_username("nobody").unwrap(), None);
    assert_eq!(store.peer_by_phone("1").unwrap(), None);
    assert_eq!(store.peer_count().unwrap(), 0);
    assert_eq!(store.update_state().unwrap(), None);
    assert_eq!(store.channel_pts(1).unwrap(), None);
    assert!(store.all_channel_pts().unwrap().is_empty());
}

pub(crate) fn dc_options_are_replaced_in_order(store: &Arc<dyn SessionStore>) {
    let first = vec![
        DcOption {
            dc_id: 2,
            ip: IpAddr::V4(Ipv4Addr::new(149, 154, 167, 51)),
            port: 443,
            flags: DcFlags::empty(),
            secret: None,
        },
        DcOption {
            dc_id: 2,
            ip: IpAddr::V6("2001:67c:4e8:f002::a".parse::<Ipv6Addr>().unwrap()),
            port: 443,
            flags: DcFlags::IPV6 | DcFlags::STATIC,
            secret: None,
        },
        DcOption {
            dc_id: 4,
            ip: IpAddr::V4(Ipv4Addr::new(149, 154, 164, 250)),
            port: 8888,
            flags: DcFlags::MEDIA_ONLY | DcFlags::TCPO_ONLY | DcFlags::from_bits(1 << 20),
            secret: Some(vec![0xee, 1, 2, 3]),
        },
        // The same address twice with different flags is legal in help.getConfig.
        DcOption {
            dc_id: 1,
            ip: IpAddr::V4(Ipv4Addr::new(149, 154, 175, 53)),
            port: 443,
            flags: DcFlags::empty(),
            secret: None,
        },
        DcOption {
            dc_id: 1,
            ip: IpAddr::V4(Ipv4Addr::new(149, 154, 175, 53)),
            port: 443,
            flags: DcFlags::STATIC,
            secret: None,
        },
    ];
    store.set_dc_options(&first).unwrap();
    assert_eq!(store.dc_options().unwrap(), first);
    assert!(
        store.dc_options().unwrap()[2]
            .flags
            .contains(DcFlags::TCPO_ONLY)
    );

    let second = vec![first[4].clone(), first[0].clone()];
    store.set_dc_options(&second).unwrap();
    assert_eq!(store.dc_options().unwrap(), second);
    store.set_dc_options(&[]).unwrap();
    assert!(store.dc_options().unwrap().is_empty());
}

pub(crate) fn home_dc_and_test_mode_are_kept(store: &Arc<dyn SessionStore>) {
    store.set_home_dc(4).unwrap();
    assert_eq!(store.home_dc().unwrap(), Some(4));
    store.set_home_dc(2).unwrap();
    assert_eq!(store.home_dc().unwrap(), Some(2));
    store.set_test_mode(true).unwrap();
    assert!(store.test_mode().unwrap());
    store.set_test_mode(false).unwrap();
    assert!(!store.test_mode().unwrap());
}

pub(crate) fn auth_keys_are_per_dc_and_kind(store: &Arc<dyn SessionStore>) {
    store.set_auth_key(1, Some(&key(1))).unwrap();
    store.set_auth_key(2, Some(&key(2))).unwrap();
    let temp = TempAuthKey {
        key: key(3),
        expires_at: 1_700_086_400,
    };
    store.set_temp_auth_key(2, Some(&temp)).unwrap();
    assert_eq!(store.auth_key(1).unwrap(), Some(key(1)));
    assert_eq!(store.auth_key(2).unwrap(), Some(key(2)));
    assert_eq!(store.auth_key(3).unwrap(), None);
    assert_eq!(store.temp_auth_key(2).unwrap(), Some(temp.clone()));
    assert_eq!(store.temp_auth_key(1).unwrap(), None);

    // Overwrite, then delete one kind without touching the other.
    store.set_auth_key(2, Some(&key(9))).unwrap();
    assert_eq!(store.auth_key(2).unwrap(), Some(key(9)));
    store.set_auth_key(2, None).unwrap();
    assert_eq!(store.auth_key(2).unwrap(), None);
    assert_eq!(store.temp_auth_key(2).unwrap(), Some(temp));
    store.set_temp_auth_key(2, None).unwrap();
    assert_eq!(store.temp_auth_key(2).unwrap(), None);
    assert_eq!(store.auth_key(1).unwrap(), Some(key(1)));
}

pub(crate) fn user_is_set_and_forgotten(store: &Arc<dyn SessionStore>) {
    let bot = LoggedInUser {
        id: 5_000_000_001,
        bot: true,
    };
    store.set_user(Some(&bot)).unwrap();
    assert_eq!(store.user().unwrap(), Some(bot));
    let human = LoggedInUser {
        id: 777_000,
        bot: false,
    };
    store.set_user(Some(&human)).unwrap();
    assert_eq!(store.user().unwrap(), Some(human));
    store.set_user(None).unwrap();
    assert_eq!(store.user().unwrap(), None);
}

pub(crate) fn peer_upsert_merges_fields(store: &Arc<dyn SessionStore>) {
    let full = CachedPeer {
        id: 10,
        kind: PeerKind::User,
        access_hash: Some(-123),
        username: Some("alice".into()),
        phone: Some("15550001".into()),
        last_seen: Some(1_600_000_000),
        updated_at: 100,
    };
    store.upsert_peers(std::slice::from_ref(&full)).unwrap();
    assert_eq!(store.peer(PeerId::user(10)).unwrap(), Some(full.clone()));

    // A "min" sighting: no hash, phone or last seen, and the username was removed.
    let min = CachedPeer {
        id: 10,
        kind: PeerKind::Bot,
        access_hash: None,
        username: None,
        phone: None,
        last_seen: None,
        updated_at: 200,
    };
    store.upsert_peers(&[min]).unwrap();
    let merged = store.peer(PeerId::user(10)).unwrap().unwrap();
    assert_eq!(merged.kind, PeerKind::Bot);
    assert_eq!(merged.access_hash, Some(-123));
    assert_eq!(merged.phone.as_deref(), Some("15550001"));
    assert_eq!(merged.last_seen, Some(1_600_000_000));
    assert_eq!(merged.username, None);
    assert_eq!(merged.updated_at, 200);
    assert_eq!(store.peer_by_username("alice").unwrap(), None);

    // A new hash replaces the old one.
    let mut rehashed = full;
    rehashed.access_hash = Some(456);
    rehashed.updated_at = 300;
    store.upsert_peers(&[rehashed.clone()]).unwrap();
    assert_eq!(store.peer(PeerId::user(10)).unwrap(), Some(rehashed));
    assert_eq!(store.peer_count().unwrap(), 1);
}

pub(crate) fn peer_namespaces_are_separate(store: &Arc<dyn SessionStore>) {
    let user = user_peer(55, 1);
    let chat = CachedPeer {
        kind: PeerKind::Chat,
        access_hash: None,
        ..user_peer(55, 2)
    };
    let channel = CachedPeer {
        kind: PeerKind::Channel,
        access_hash: Some(-9),
        ..user_peer(55, 3)
    };
    store
        .upsert_peers(&[user.clone(), chat.clone(), channel.clone()])
        .unwrap();
    assert_eq!(store.peer_count().unwrap(), 3);
    assert_eq!(store.peer(PeerId::user(55)).unwrap(), Some(user));
    assert_eq!(store.peer(PeerId::chat(55)).unwrap(), Some(chat));
    assert_eq!(store.peer(PeerId::channel(55)).unwrap(), Some(channel));

    // A channel that becomes a supergroup stays the same cache entry.
    let group = CachedPeer {
        kind: PeerKind::Megagroup,
        access_hash: Some(-9),
        ..user_peer(55, 4)
    };
    store.upsert_peers(std::slice::from_ref(&group)).unwrap();
    assert_eq!(store.peer_count().unwrap(), 3);
    assert_eq!(store.peer(PeerId::channel(55)).unwrap(), Some(group));
}

pub(crate) fn username_lookup_ignores_case_and_follows_moves(store: &Arc<dyn SessionStore>) {
    let mut a = user_peer(1, 10);
    a.username = Some("Pyro_Dev".into());
    let mut b = user_peer(2, 11);
    b.username = Some("other".into());
    store.upsert_peers(&[a.clone(), b]).unwrap();
    assert_eq!(store.peer_by_username("pyro_dev").unwrap(), Some(a.clone()));
    assert_eq!(store.peer_by_username("PYRO_DEV").unwrap(), Some(a.clone()));
    assert_eq!(store.peer_by_username("pyro").unwrap(), None);

    // The username moves to a channel: the user no longer holds it.
    let mut channel = CachedPeer {
        kind: PeerKind::Channel,
        ..user_peer(3, 20)
    };
    channel.username = Some("pyro_dev".into());
    store.upsert_peers(&[channel.clone()]).unwrap();
    assert_eq!(store.peer_by_username("Pyro_Dev").unwrap(), Some(channel));
    assert_eq!(store.peer(PeerId::user(1)).unwrap().unwrap().username, None);

    // And back again.
    a.updated_at = 30;
    store.upsert_peers(&[a.clone()]).unwrap();
    assert_eq!(store.peer_by_username("pyro_dev").unwrap(), Some(a));
    let moved_away = store.peer(PeerId::channel(3)).unwrap().unwrap();
    assert_eq!(moved_away.username, None);
    assert_eq!(
        store.peer_by_username("other").unwrap().map(|p| p.id),
        Some(2)
    );
}

pub(crate) fn phone_lookup_follows_moves(store: &Arc<dyn SessionStore>) {
    let mut a = user_peer(1, 10);
    a.phone = Some("4915550000".into());
    store.upsert_peers(&[a]).unwrap();
    assert_eq!(
        store.peer_by_phone("4915550000").unwrap().map(|p| p.id),
        Some(1)
    );
    // The number is reassigned to another account.
    let mut b = user_peer(2, 20);
    b.phone = Some("4915550000".into());
    store.upsert_peers(&[b.clone()]).unwrap();
    assert_eq!(store.peer_by_phone("4915550000").unwrap(), Some(b));
    assert_eq!(store.peer(PeerId::user(1)).unwrap().unwrap().phone, None);
}

pub(crate) fn batch_upsert_of_many_peers(store: &Arc<dyn SessionStore>) {
    let peers: Vec<CachedPeer> = (1..=3000)
        .map(|i| {
            let mut peer = user_peer(i, i);
            peer.username = Some(format!("user{i}"));
            peer
        })
        .collect();
    store.upsert_peers(&peers).unwrap();
    assert_eq!(store.peer_count().unwrap(), 3000);
    for i in [1, 2, 1499, 3000] {
        let found = store.peer_by_username(&format!("USER{i}")).unwrap();
        assert_eq!(found.as_ref(), peers.get(i as usize - 1));
    }
    // Upserting the same batch again changes nothing.
    store.upsert_peers(&peers).unwrap();
    assert_eq!(store.peer_count().unwrap(), 3000);
}

pub(crate) fn update_state_and_channel_pts(store: &Arc<dyn SessionStore>) {
    let state = UpdateState {
        pts: 100,
        qts: 5,
        date: 1_700_000_000,
        seq: 42,
    };
    store.set_update_state(&state).unwrap();
    assert_eq!(store.update_state().unwrap(), Some(state));
    let later = UpdateState { pts: 101, ..state };
    store.set_update_state(&later).unwrap();
    assert_eq!(store.update_state().unwrap(), Some(later));

    store.set_channel_pts(1_234_567_890, 7).unwrap();
    store.set_channel_pts(5, 1).unwrap();
    store.set_channel_pts(1_234_567_890, 8).unwrap();
    assert_eq!(store.channel_pts(1_234_567_890).unwrap(), Some(8));
    assert_eq!(store.channel_pts(6).unwrap(), None);
    assert_eq!(
        store.all_channel_pts().unwrap(),
        vec![(5, 1), (1_234_567_890, 8)]
    );
}

/// Threads write disjoint peers and channel pts while reading each other's, then every write must
/// be there: no "database is locked", no lost update.
pub(crate) fn concurrent_writers_and_readers(store: &Arc<dyn SessionStore>) {
    const THREADS: i64 = 6;
    const ROUNDS: i64 = 60;
    const BATCH: i64 = 20;
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let store = Arc::clone(store);
            thread::spawn(move || {
                for round in 0..ROUNDS {
                    let base = (t * ROUNDS + round) * BATCH;
                    let batch: Vec<_> = (base..base + BATCH)
                        .map(|id| user_peer(id, round))
                        .collect();
                    store.upsert_peers(&batch).unwrap();
                    store
                        .set_channel_pts(t, i32::try_from(round).unwrap())
                        .unwrap();
                    store
                        .set_auth_key(t as i32, Some(&key(round as u8)))
                        .unwrap();
                    // Read what another thread may be writing right now.
                    let other = ((t + 1) % THREADS) * ROUNDS * BATCH;
                    let _ = store.peer(PeerId::user(other)).unwrap();
                    assert_eq!(
                        store.peer(PeerId::user(base)).unwrap(),
                        Some(user_peer(base, round))
                    );
                    let _ = store.peer_count().unwrap();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("worker panicked");
    }
    assert_eq!(
        store.peer_count().unwrap(),
        (THREADS * ROUNDS * BATCH) as u64
    );
    for t in 0..THREADS {
        assert_eq!(store.channel_pts(t).unwrap(), Some(ROUNDS as i32 - 1));
        assert_eq!(
            store.auth_key(t as i32).unwrap(),
            Some(key(ROUNDS as u8 - 1))
        );
    }
}
