//! The peer cache part of the conformance suite, and concurrent use.

use std::sync::Arc;
use std::thread;

use pyro_session::{CachedPeer, PeerId, PeerKind, SessionStore};

use super::{key, user_peer};

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
