//! The in-memory store: the same behaviour as the SQLite store, kept in maps behind one mutex.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::SessionStore;
use super::error::Result;
use super::peer::{CachedPeer, PeerId};
use super::types::{AuthKey, DcOption, LoggedInUser, TempAuthKey, UpdateState};

/// A [`SessionStore`] that keeps everything in memory and forgets it on drop.
///
/// Useful for tests, for bots that log in from a session string at every start, and as the
/// reference behaviour of the trait: it passes the same conformance suite as [`super::SqliteStore`].
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    dc_options: Vec<DcOption>,
    home_dc: Option<i32>,
    test_mode: bool,
    auth_keys: HashMap<i32, AuthKey>,
    temp_auth_keys: HashMap<i32, TempAuthKey>,
    user: Option<LoggedInUser>,
    time_offset: Option<i32>,
    peers: HashMap<PeerId, CachedPeer>,
    /// Lower-case username -> the one peer that holds it.
    by_username: HashMap<String, PeerId>,
    /// Phone -> the one peer that holds it.
    by_phone: HashMap<String, PeerId>,
    updates: Option<UpdateState>,
    channel_pts: BTreeMap<i64, i32>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Every update below leaves the state consistent before it can panic, so a poisoned
        // lock still guards valid data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn upsert_peer(&mut self, new: &CachedPeer) {
        let key = new.peer_id();
        let old = self.peers.remove(&key);
        let mut merged = new.clone();
        if let Some(old) = &old {
            merged.access_hash = new.access_hash.or(old.access_hash);
            merged.phone = new.phone.clone().or_else(|| old.phone.clone());
            merged.last_seen = new.last_seen.or(old.last_seen);
            if let Some(name) = &old.username {
                unindex(&mut self.by_username, &name.to_ascii_lowercase(), key);
            }
            if let Some(phone) = &old.phone {
                unindex(&mut self.by_phone, phone, key);
            }
        }
        if let Some(name) = &merged.username {
            let previous = self.by_username.insert(name.to_ascii_lowercase(), key);
            if let Some(peer) = previous
                .filter(|&p| p != key)
                .and_then(|other| self.peers.get_mut(&other))
            {
                peer.username = None;
            }
        }
        if let Some(phone) = &merged.phone {
            let previous = self.by_phone.insert(phone.clone(), key);
            if let Some(peer) = previous
                .filter(|&p| p != key)
                .and_then(|other| self.peers.get_mut(&other))
            {
                peer.phone = None;
            }
        }
        self.peers.insert(key, merged);
    }
}

/// Removes `name -> key` from an index if the entry still points at `key`.
fn unindex(index: &mut HashMap<String, PeerId>, name: &str, key: PeerId) {
    if index.get(name) == Some(&key) {
        index.remove(name);
    }
}

/// Stores `value` under `dc_id`, or removes the entry for `None`.
fn put_or_remove<V: Clone>(map: &mut HashMap<i32, V>, dc_id: i32, value: Option<&V>) {
    match value {
        Some(value) => map.insert(dc_id, value.clone()),
        None => map.remove(&dc_id),
    };
}

impl SessionStore for MemoryStore {
    fn dc_options(&self) -> Result<Vec<DcOption>> {
        Ok(self.state().dc_options.clone())
    }

    fn set_dc_options(&self, options: &[DcOption]) -> Result<()> {
        self.state().dc_options = options.to_vec();
        Ok(())
    }

    fn home_dc(&self) -> Result<Option<i32>> {
        Ok(self.state().home_dc)
    }

    fn set_home_dc(&self, dc_id: i32) -> Result<()> {
        self.state().home_dc = Some(dc_id);
        Ok(())
    }

    fn test_mode(&self) -> Result<bool> {
        Ok(self.state().test_mode)
    }

    fn set_test_mode(&self, test_mode: bool) -> Result<()> {
        self.state().test_mode = test_mode;
        Ok(())
    }

    fn auth_key(&self, dc_id: i32) -> Result<Option<AuthKey>> {
        Ok(self.state().auth_keys.get(&dc_id).cloned())
    }

    fn set_auth_key(&self, dc_id: i32, key: Option<&AuthKey>) -> Result<()> {
        put_or_remove(&mut self.state().auth_keys, dc_id, key);
        Ok(())
    }

    fn temp_auth_key(&self, dc_id: i32) -> Result<Option<TempAuthKey>> {
        Ok(self.state().temp_auth_keys.get(&dc_id).cloned())
    }

    fn set_temp_auth_key(&self, dc_id: i32, key: Option<&TempAuthKey>) -> Result<()> {
        put_or_remove(&mut self.state().temp_auth_keys, dc_id, key);
        Ok(())
    }

    fn time_offset(&self) -> Result<Option<i32>> {
        Ok(self.state().time_offset)
    }

    fn set_time_offset(&self, offset_secs: i32) -> Result<()> {
        self.state().time_offset = Some(offset_secs);
        Ok(())
    }

    fn user(&self) -> Result<Option<LoggedInUser>> {
        Ok(self.state().user)
    }

    fn set_user(&self, user: Option<&LoggedInUser>) -> Result<()> {
        self.state().user = user.copied();
        Ok(())
    }

    fn upsert_peers(&self, peers: &[CachedPeer]) -> Result<()> {
        let mut state = self.state();
        for peer in peers {
            state.upsert_peer(peer);
        }
        Ok(())
    }

    fn peer(&self, id: PeerId) -> Result<Option<CachedPeer>> {
        Ok(self.state().peers.get(&id).cloned())
    }

    fn peer_by_username(&self, username: &str) -> Result<Option<CachedPeer>> {
        let state = self.state();
        let key = state.by_username.get(&username.to_ascii_lowercase());
        Ok(key.and_then(|key| state.peers.get(key)).cloned())
    }

    fn peer_by_phone(&self, phone: &str) -> Result<Option<CachedPeer>> {
        let state = self.state();
        let key = state.by_phone.get(phone);
        Ok(key.and_then(|key| state.peers.get(key)).cloned())
    }

    fn peer_count(&self) -> Result<u64> {
        Ok(self.state().peers.len() as u64)
    }

    fn update_state(&self) -> Result<Option<UpdateState>> {
        Ok(self.state().updates)
    }

    fn set_update_state(&self, state: &UpdateState) -> Result<()> {
        self.state().updates = Some(*state);
        Ok(())
    }

    fn channel_pts(&self, channel_id: i64) -> Result<Option<i32>> {
        Ok(self.state().channel_pts.get(&channel_id).copied())
    }

    fn set_channel_pts(&self, channel_id: i64, pts: i32) -> Result<()> {
        self.state().channel_pts.insert(channel_id, pts);
        Ok(())
    }

    fn all_channel_pts(&self) -> Result<Vec<(i64, i32)>> {
        Ok(self
            .state()
            .channel_pts
            .iter()
            .map(|(&k, &v)| (k, v))
            .collect())
    }
}
