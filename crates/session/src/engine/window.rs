//! A window of recently received message ids, to drop duplicates (and replays) as the security
//! guidelines ask, and to answer `msgs_state_req`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for message ids and request ids: one multiply and a fold instead of SipHash. The ids
/// come from an authenticated peer (every packet passed the msg_key check), so flooding a table
/// with colliding keys is not a threat model that needs SipHash's cost.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// A map keyed by ids, hashed with [`IdHasher`].
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
/// A set of ids, hashed with [`IdHasher`].
pub(crate) type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// The last `capacity` ids received. Ids at or below the highest one forgotten are refused: the
/// window can no longer tell whether they were seen.
#[derive(Debug, Clone)]
pub(crate) struct IdWindow {
    capacity: usize,
    seen: IdSet<i64>,
    order: VecDeque<i64>,
    floor: i64,
    highest: i64,
}

/// What the window knows of an id (the `msgs_state_info` codes of the MTProto docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdState {
    /// 1: nothing is known (older than the window).
    Unknown = 1,
    /// 2: within the window's range but not received.
    NotReceived = 2,
    /// 3: not received, and higher than anything received.
    TooHigh = 3,
    /// 4: received.
    Received = 4,
}

impl IdWindow {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            seen: IdSet::with_capacity_and_hasher(capacity.max(1), BuildHasherDefault::default()),
            order: VecDeque::with_capacity(capacity.max(1)),
            floor: i64::MIN,
            highest: i64::MIN,
        }
    }

    /// Records `id`; false if it was already seen or is too old to tell.
    pub(crate) fn insert(&mut self, id: i64) -> bool {
        if id <= self.floor || self.seen.contains(&id) {
            return false;
        }
        if self.order.len() == self.capacity
            && let Some(old) = self.order.pop_front()
        {
            self.seen.remove(&old);
            self.floor = self.floor.max(old);
        }
        self.seen.insert(id);
        self.order.push_back(id);
        self.highest = self.highest.max(id);
        true
    }

    /// Whether `id` was received (and is still remembered).
    pub(crate) fn contains(&self, id: i64) -> bool {
        self.seen.contains(&id)
    }

    /// The state code of `id` for `msgs_state_info`.
    pub(crate) fn state(&self, id: i64) -> IdState {
        if self.seen.contains(&id) {
            IdState::Received
        } else if id <= self.floor {
            IdState::Unknown
        } else if id > self.highest {
            IdState::TooHigh
        } else {
            IdState::NotReceived
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_forgotten_ids_are_refused() {
        let mut w = IdWindow::new(2);
        assert!(w.insert(10));
        assert!(!w.insert(10));
        assert!(w.insert(5));
        assert!(w.insert(20)); // forgets 10
        assert!(!w.insert(10));
        assert!(!w.insert(7)); // below the forgotten 10
        assert_eq!(w.state(20), IdState::Received);
        assert_eq!(w.state(9), IdState::Unknown);
        assert_eq!(w.state(15), IdState::NotReceived);
        assert_eq!(w.state(25), IdState::TooHigh);
    }
}
