//! The conformance suite every `SessionStore` passes, written once.
//!
//! A test file includes this module and calls `conformance_suite!(factory)`, where the factory
//! expression yields `(guard, Arc<dyn SessionStore>)`; the guard (a temporary directory, say) lives
//! as long as the test.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use pyro_session::{
    AuthKey, CachedPeer, DcFlags, DcOption, LoggedInUser, PeerId, PeerKind, SessionStore,
    TempAuthKey, UpdateState,
};

mod peers;

pub(crate) use peers::*;

/// Generates one `#[test]` per check below, each on a fresh store from `$make`.
#[macro_export]
macro_rules! conformance_suite {
    ($make:expr) => {
        $crate::conformance_suite!(@tests $make;
            empty_store_is_empty,
            dc_options_are_replaced_in_order,
            home_dc_and_test_mode_are_kept,
            time_offset_is_kept,
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
    assert_eq!(store.time_offset().unwrap(), None);
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

pub(crate) fn time_offset_is_kept(store: &Arc<dyn SessionStore>) {
    store.set_time_offset(3 * 3600).unwrap();
    assert_eq!(store.time_offset().unwrap(), Some(10_800));
    store.set_time_offset(-7).unwrap();
    assert_eq!(store.time_offset().unwrap(), Some(-7));
    store.set_time_offset(i32::MIN).unwrap();
    assert_eq!(store.time_offset().unwrap(), Some(i32::MIN));
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
