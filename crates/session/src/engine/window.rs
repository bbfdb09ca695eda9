//! A window of recently received message ids, to drop duplicates (and replays) as the security
//! guidelines ask, and to answer `msgs_state_req`.

use std::collections::{HashSet, VecDeque};

/// The last `capacity` ids received. Ids at or below the highest one forgotten are refused: the
/// window can no longer tell whether they were seen.
#[derive(Debug, Clone)]
pub(crate) struct IdWindow {
    capacity: usize,
    seen: HashSet<i64>,
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
            seen: HashSet::with_capacity(capacity.max(1)),
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
