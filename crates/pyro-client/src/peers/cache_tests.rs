//! The memory front: lookups without store reads, writes only for changes, min entries that do
//! not erase, usernames that move, and batches kept when the store fails.

use super::*;
use pyro_session::{
    AuthKey, DcOption, LoggedInUser, MemoryStore, PeerKind, TempAuthKey, UpdateState,
};
use pyro_tl_types::api::{enums, types};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

type Result<T> = std::result::Result<T, StorageError>;

/// A [`MemoryStore`] that counts peer reads and batch writes, and can refuse writes.
#[derive(Default)]
struct Counting {
    inner: MemoryStore,
    reads: AtomicUsize,
    writes: AtomicUsize,
    fail: AtomicBool,
}

impl SessionStore for Counting {
    fn dc_options(&self) -> Result<Vec<DcOption>> {
        self.inner.dc_options()
    }
    fn set_dc_options(&self, options: &[DcOption]) -> Result<()> {
        self.inner.set_dc_options(options)
    }
    fn home_dc(&self) -> Result<Option<i32>> {
        self.inner.home_dc()
    }
    fn set_home_dc(&self, dc_id: i32) -> Result<()> {
        self.inner.set_home_dc(dc_id)
    }
    fn test_mode(&self) -> Result<bool> {
        self.inner.test_mode()
    }
    fn set_test_mode(&self, test_mode: bool) -> Result<()> {
        self.inner.set_test_mode(test_mode)
    }
    fn auth_key(&self, dc_id: i32) -> Result<Option<AuthKey>> {
        self.inner.auth_key(dc_id)
    }
    fn set_auth_key(&self, dc_id: i32, key: Option<&AuthKey>) -> Result<()> {
        self.inner.set_auth_key(dc_id, key)
    }
    fn temp_auth_key(&self, dc_id: i32) -> Result<Option<TempAuthKey>> {
        self.inner.temp_auth_key(dc_id)
    }
    fn set_temp_auth_key(&self, dc_id: i32, key: Option<&TempAuthKey>) -> Result<()> {
        self.inner.set_temp_auth_key(dc_id, key)
    }
    fn user(&self) -> Result<Option<LoggedInUser>> {
        self.inner.user()
    }
    fn set_user(&self, user: Option<&LoggedInUser>) -> Result<()> {
        self.inner.set_user(user)
    }
    fn upsert_peers(&self, peers: &[CachedPeer]) -> Result<()> {
        if self.fail.load(Ordering::SeqCst) {
            return Err(StorageError::CorruptDatabase {
                detail: "test: writes refused".into(),
            });
        }
        self.writes.fetch_add(1, Ordering::SeqCst);
        self.inner.upsert_peers(peers)
    }
    fn peer(&self, id: PeerId) -> Result<Option<CachedPeer>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.peer(id)
    }
    fn peer_by_username(&self, username: &str) -> Result<Option<CachedPeer>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.peer_by_username(username)
    }
    fn peer_by_phone(&self, phone: &str) -> Result<Option<CachedPeer>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.peer_by_phone(phone)
    }
    fn peer_count(&self) -> Result<u64> {
        self.inner.peer_count()
    }
    fn update_state(&self) -> Result<Option<UpdateState>> {
        self.inner.update_state()
    }
    fn set_update_state(&self, state: &UpdateState) -> Result<()> {
        self.inner.set_update_state(state)
    }
    fn channel_pts(&self, channel_id: i64) -> Result<Option<i32>> {
        self.inner.channel_pts(channel_id)
    }
    fn set_channel_pts(&self, channel_id: i64, pts: i32) -> Result<()> {
        self.inner.set_channel_pts(channel_id, pts)
    }
    fn all_channel_pts(&self) -> Result<Vec<(i64, i32)>> {
        self.inner.all_channel_pts()
    }
}

fn user(id: i64, hash: i64, username: &str, min: bool) -> enums::User {
    types::User {
        id,
        access_hash: Some(hash),
        min,
        username: (!username.is_empty()).then(|| username.to_owned()),
        ..Default::default()
    }
    .into()
}

fn setup() -> (Arc<Counting>, PeerCache) {
    let store = Arc::new(Counting::default());
    let cache = PeerCache::new(Arc::clone(&store) as Arc<dyn SessionStore>);
    (store, cache)
}

#[test]
fn known_peers_are_answered_from_memory_and_unchanged_ones_not_rewritten() {
    let (store, cache) = setup();
    let users = vec![user(1, 11, "one", false), user(2, 22, "two", false)];
    assert_eq!(cache.harvest(&users, 100).unwrap(), 2);
    assert_eq!(store.writes.load(Ordering::SeqCst), 1, "one batch for both");
    assert_eq!(store.inner.peer_count().unwrap(), 2);

    // The same users again (later): nothing changed but the time, so no write.
    assert_eq!(cache.harvest(&users, 200).unwrap(), 0);
    assert_eq!(store.writes.load(Ordering::SeqCst), 1);

    let reads = store.reads.load(Ordering::SeqCst);
    assert_eq!(
        cache.get(PeerId::user(1)).unwrap().unwrap().access_hash,
        Some(11)
    );
    assert_eq!(cache.by_username("TWO").unwrap().unwrap().id, 2);
    assert_eq!(store.reads.load(Ordering::SeqCst), reads, "no store reads");
}

#[test]
fn store_hits_are_kept_in_memory() {
    let (store, cache) = setup();
    let mut peer = from_user(&user(5, 55, "five", false), 1).unwrap().peer;
    peer.phone = Some("15550005".into());
    store.inner.upsert_peers(&[peer]).unwrap();
    assert_eq!(cache.by_phone("15550005").unwrap().unwrap().id, 5);
    let reads = store.reads.load(Ordering::SeqCst);
    assert_eq!(
        cache.get(PeerId::user(5)).unwrap().unwrap().access_hash,
        Some(55)
    );
    assert_eq!(cache.by_username("five").unwrap().unwrap().id, 5);
    assert_eq!(store.reads.load(Ordering::SeqCst), reads);
    assert_eq!(cache.get(PeerId::user(6)).unwrap(), None);
}

#[test]
fn min_entries_keep_the_known_hash_and_username() {
    let (store, cache) = setup();
    cache.harvest(&vec![user(1, 11, "one", false)], 1).unwrap();
    cache.harvest(&vec![user(1, 999, "", true)], 2).unwrap();
    let peer = cache.get(PeerId::user(1)).unwrap().unwrap();
    assert_eq!(
        (peer.access_hash, peer.username.as_deref()),
        (Some(11), Some("one"))
    );
    assert_eq!(
        store
            .inner
            .peer(PeerId::user(1))
            .unwrap()
            .unwrap()
            .access_hash,
        Some(11)
    );

    // A min user never seen in full is cached without a usable hash.
    cache.harvest(&vec![user(2, 999, "", true)], 3).unwrap();
    assert_eq!(
        cache.get(PeerId::user(2)).unwrap().unwrap().access_hash,
        None
    );
    assert_eq!(
        cache.get(PeerId::user(2)).unwrap().unwrap().kind,
        PeerKind::User
    );
}

#[test]
fn a_username_belongs_to_one_peer() {
    let (_, cache) = setup();
    cache.harvest(&vec![user(1, 11, "name", false)], 1).unwrap();
    cache.harvest(&vec![user(2, 22, "Name", false)], 2).unwrap();
    assert_eq!(cache.by_username("name").unwrap().unwrap().id, 2);
    assert_eq!(cache.get(PeerId::user(1)).unwrap().unwrap().username, None);
    // Dropping a username frees it.
    cache.harvest(&vec![user(2, 22, "", false)], 3).unwrap();
    assert_eq!(cache.by_username("name").unwrap(), None);
}

#[test]
fn refused_batches_stay_pending_until_a_write_succeeds() {
    let (store, cache) = setup();
    store.fail.store(true, Ordering::SeqCst);
    assert!(cache.harvest(&vec![user(1, 11, "one", false)], 1).is_err());
    // Memory knows it already; the store does not.
    assert_eq!(
        cache.get(PeerId::user(1)).unwrap().unwrap().access_hash,
        Some(11)
    );
    assert_eq!(store.inner.peer_count().unwrap(), 0);
    store.fail.store(false, Ordering::SeqCst);
    cache.flush().unwrap();
    assert_eq!(store.inner.peer_count().unwrap(), 1);
    assert_eq!(store.writes.load(Ordering::SeqCst), 1);
    cache.flush().unwrap();
    assert_eq!(
        store.writes.load(Ordering::SeqCst),
        1,
        "nothing left to write"
    );
}

#[test]
fn values_without_peers_cost_nothing() {
    let (store, cache) = setup();
    assert_eq!(cache.harvest(&enums::Updates::TooLong, 1).unwrap(), 0);
    assert_eq!(
        cache
            .harvest(&vec![enums::User::Empty(types::UserEmpty { id: 3 })], 1)
            .unwrap(),
        0
    );
    assert_eq!(store.writes.load(Ordering::SeqCst), 0);
    assert_eq!(cache.len_in_memory(), 0);
}
