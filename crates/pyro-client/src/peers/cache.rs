//! [`PeerCache`]: every peer the client has seen, in memory in front of the session store.
//!
//! Lookups by id, username or phone are answered from memory; a miss reads the store once and
//! keeps the answer. Writes merge into memory first (the store's rules: see
//! [`pyro_session::CachedPeer`]) and only entries that changed (anything but `updated_at`) go to
//! the store, in one batch per harvest, so a response that repeats known users costs no write.
//! A batch the store refuses stays pending and is written with the next one ([`PeerCache::flush`]
//! reports the error).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use pyro_session::{CachedPeer, PeerId, SessionStore, StorageError};
use pyro_tl_types::CollectPeers;

use super::convert::{Seen, from_chat, from_user};

/// What the cache holds in memory.
#[derive(Default)]
struct State {
    peers: HashMap<PeerId, CachedPeer>,
    /// Lowercased username to its peer.
    usernames: HashMap<String, PeerId>,
    /// Phone digits to their user.
    phones: HashMap<String, PeerId>,
    /// Entries merged in memory but not yet written to the store.
    pending: HashMap<PeerId, CachedPeer>,
}

impl State {
    /// Keeps `peer` in memory and its indexes (a username or phone moves from any other peer).
    fn put(&mut self, peer: CachedPeer) {
        let id = peer.peer_id();
        if let Some(old) = self.peers.get(&id) {
            if let Some(name) = &old.username {
                self.usernames.remove(&name.to_ascii_lowercase());
            }
            if let Some(phone) = &old.phone {
                self.phones.remove(phone);
            }
        }
        if let Some(name) = &peer.username
            && let Some(other) = self.usernames.insert(name.to_ascii_lowercase(), id)
            && other != id
            && let Some(o) = self.peers.get_mut(&other)
        {
            o.username = None;
        }
        if let Some(phone) = &peer.phone
            && let Some(other) = self.phones.insert(phone.clone(), id)
            && other != id
            && let Some(o) = self.peers.get_mut(&other)
        {
            o.phone = None;
        }
        self.peers.insert(id, peer);
    }
}

/// The client's peer cache over a [`SessionStore`]. Shared by every clone of a client.
pub struct PeerCache {
    store: Arc<dyn SessionStore>,
    state: Mutex<State>,
    /// Held while a batch is written, so batches reach the store in the order they were taken.
    writing: Mutex<()>,
}

impl std::fmt::Debug for PeerCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state();
        f.debug_struct("PeerCache")
            .field("in_memory", &state.peers.len())
            .field("pending", &state.pending.len())
            .finish_non_exhaustive()
    }
}

/// Locks a mutex; a panic elsewhere while it was held leaves plain data that is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PeerCache {
    /// An empty memory front over `store`.
    pub fn new(store: Arc<dyn SessionStore>) -> Self {
        Self {
            store,
            state: Mutex::new(State::default()),
            writing: Mutex::new(()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Keeps a store answer in memory (unless memory learned something newer meanwhile).
    fn remember(&self, found: Option<CachedPeer>) -> Option<CachedPeer> {
        let peer = found?;
        let mut state = self.state();
        let id = peer.peer_id();
        if let Some(known) = state.peers.get(&id) {
            return Some(known.clone());
        }
        state.put(peer.clone());
        Some(peer)
    }

    /// The cached peer with this id.
    pub fn get(&self, id: PeerId) -> Result<Option<CachedPeer>, StorageError> {
        if let Some(peer) = self.state().peers.get(&id) {
            return Ok(Some(peer.clone()));
        }
        Ok(self.remember(self.store.peer(id)?))
    }

    /// The cached peer with this username (ASCII case-insensitive, without `@`).
    pub fn by_username(&self, username: &str) -> Result<Option<CachedPeer>, StorageError> {
        {
            let state = self.state();
            if let Some(peer) = state
                .usernames
                .get(&username.to_ascii_lowercase())
                .and_then(|id| state.peers.get(id))
            {
                return Ok(Some(peer.clone()));
            }
        }
        Ok(self.remember(self.store.peer_by_username(username)?))
    }

    /// The cached user with this phone number (digits only).
    pub fn by_phone(&self, phone: &str) -> Result<Option<CachedPeer>, StorageError> {
        {
            let state = self.state();
            if let Some(peer) = state.phones.get(phone).and_then(|id| state.peers.get(id)) {
                return Ok(Some(peer.clone()));
            }
        }
        Ok(self.remember(self.store.peer_by_phone(phone)?))
    }

    /// How many peers are in memory (the store may hold more).
    pub fn len_in_memory(&self) -> usize {
        self.state().peers.len()
    }

    /// Merges seen peers into memory and writes those that changed to the store in one batch;
    /// returns how many changed. On a store error the changes stay in memory and pending.
    pub fn upsert(&self, seen: impl IntoIterator<Item = Seen>) -> Result<usize, StorageError> {
        let mut changed = 0;
        for Seen { mut peer, min } in seen {
            let id = peer.peer_id();
            let in_memory = self.state().peers.get(&id).cloned();
            let known = match in_memory {
                Some(known) => Some(known),
                // A min entry must not erase what the store knows: read it first.
                None if min => self.remember(self.store.peer(id)?),
                None => None,
            };
            if let Some(old) = &known {
                peer.access_hash = peer.access_hash.or(old.access_hash);
                peer.phone = peer.phone.take().or_else(|| old.phone.clone());
                peer.last_seen = peer.last_seen.or(old.last_seen);
                if min && peer.username.is_none() {
                    peer.username.clone_from(&old.username);
                }
                if same_but_time(old, &peer) {
                    continue;
                }
            }
            changed += 1;
            let mut state = self.state();
            state.pending.insert(id, peer.clone());
            state.put(peer);
        }
        if changed > 0 {
            self.flush()?;
        }
        Ok(changed)
    }

    /// Writes every pending entry to the store in one transaction.
    pub fn flush(&self) -> Result<(), StorageError> {
        let _order = lock(&self.writing);
        // `take` rather than `drain`: a large batch's table is freed, not kept for the next one.
        let pending = std::mem::take(&mut self.state().pending);
        let batch: Vec<CachedPeer> = pending.into_values().collect();
        if batch.is_empty() {
            return Ok(());
        }
        self.store.upsert_peers(&batch).inspect_err(|_| {
            let mut state = self.state();
            for peer in batch {
                state.pending.entry(peer.peer_id()).or_insert(peer);
            }
        })
    }

    /// Caches every `User` and `Chat` inside `value` (any response or update); returns how many
    /// entries changed. `now` is Unix seconds, stored as the entries' `updated_at`.
    pub fn harvest<T: CollectPeers + ?Sized>(
        &self,
        value: &T,
        now: i64,
    ) -> Result<usize, StorageError> {
        let found = value.peer_refs();
        if found.is_empty() {
            return Ok(0);
        }
        let users = found.users.iter().filter_map(|u| from_user(u, now));
        let chats = found.chats.iter().filter_map(|c| from_chat(c, now));
        self.upsert(users.chain(chats))
    }
}

impl PeerCache {
    /// [`harvest`](Self::harvest) at the current time, for answers and updates the client
    /// receives. A store that refuses the write does not fail the answer: the entries are already
    /// in memory, stay pending and are written with the next batch (or [`flush`](Self::flush)).
    pub fn note<T: CollectPeers + ?Sized>(&self, value: &T) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        // ok to drop: the error's entries stay pending (see above).
        let _ = self.harvest(value, now);
    }
}

/// Whether two entries differ only in `updated_at`.
fn same_but_time(a: &CachedPeer, b: &CachedPeer) -> bool {
    CachedPeer {
        updated_at: b.updated_at,
        ..a.clone()
    } == *b
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
