//! One box's counter and the updates held back while a gap in it is open, plus the common
//! box's `seq` sequence of containers.

use std::collections::BTreeMap;
use std::sync::Arc;

use pyro_tl_types::api::enums;

use super::classify::Position;
use super::incoming::Peers;

/// How an update fits its box's counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    /// `local + count == pts`: it is the next one.
    Next,
    /// `local + count > pts`: seen already.
    Old,
    /// `local + count < pts`: something before it is missing.
    Gap,
}

/// An update waiting for the ones before it.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub(crate) update: Option<enums::Update>,
    pub(crate) peers: Arc<Peers>,
}

/// A box's counter and its held updates, by (number before, number after).
#[derive(Debug, Clone, Default)]
pub(crate) struct PtsBox {
    pub(crate) pts: i32,
    held: BTreeMap<(i32, i32), Held>,
}

impl PtsBox {
    pub(crate) fn new(pts: i32) -> Self {
        Self {
            pts,
            held: BTreeMap::new(),
        }
    }

    /// How `position` fits the counter.
    pub(crate) fn fit(&self, position: Position) -> Fit {
        match position.start().cmp(&self.pts) {
            std::cmp::Ordering::Equal => Fit::Next,
            std::cmp::Ordering::Less => Fit::Old,
            std::cmp::Ordering::Greater => Fit::Gap,
        }
    }

    /// Holds an update until the ones before it come (a second copy of the same one is
    /// dropped: two connections deliver the same updates).
    pub(crate) fn hold(&mut self, position: Position, held: Held) {
        self.held
            .entry((position.start(), position.pts))
            .or_insert(held);
    }

    /// Whether updates are held (a gap is open).
    pub(crate) fn waiting(&self) -> bool {
        !self.held.is_empty()
    }

    /// Releases, in order, every held update that now fits; drops the ones that are old.
    /// Returns how many were released and how many dropped.
    pub(crate) fn release(&mut self, mut out: impl FnMut(Held)) -> (usize, usize) {
        let (mut released, mut dropped) = (0, 0);
        while let Some(entry) = self.held.first_entry() {
            let (start, pts) = *entry.key();
            if start > self.pts {
                break;
            }
            let held = entry.remove();
            if start == self.pts {
                self.pts = pts;
                released += 1;
                out(held);
            } else {
                dropped += 1;
            }
        }
        (released, dropped)
    }
}

impl PtsBox {
    /// Accepts every held update in order, gaps and all (when the gap cannot be recovered);
    /// the counter jumps to the last one.
    pub(crate) fn accept_all(&mut self) -> Vec<Held> {
        let mut out = Vec::new();
        for ((_, pts), held) in std::mem::take(&mut self.held) {
            if pts > self.pts {
                self.pts = pts;
                out.push(held);
            }
        }
        out
    }
}

/// A container outside the `seq` order, with the updates of it that no box orders.
#[derive(Debug, Clone)]
pub(crate) struct HeldSeq {
    pub(crate) seq: i32,
    pub(crate) date: i32,
    pub(crate) updates: Vec<enums::Update>,
    pub(crate) peers: Arc<Peers>,
}

/// The common box's state: its `pts`, the secondary `qts`, `date`, and the `seq` order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Common {
    pub(crate) pts: PtsBox,
    pub(crate) qts: PtsBox,
    pub(crate) date: i32,
    pub(crate) seq: i32,
    held_seq: BTreeMap<i32, HeldSeq>,
}

impl Common {
    pub(crate) fn new(pts: i32, qts: i32, date: i32, seq: i32) -> Self {
        Self {
            pts: PtsBox::new(pts),
            qts: PtsBox::new(qts),
            date,
            seq,
            held_seq: BTreeMap::new(),
        }
    }

    /// Holds a container that starts at `seq_start`.
    pub(crate) fn hold_seq(&mut self, seq_start: i32, held: HeldSeq) {
        self.held_seq.entry(seq_start).or_insert(held);
    }

    /// Whether anything of the common or secondary box is held.
    pub(crate) fn waiting(&self) -> bool {
        self.pts.waiting() || self.qts.waiting() || !self.held_seq.is_empty()
    }

    /// Releases, in order, the held containers that now follow `seq`; drops the old ones.
    pub(crate) fn release_seq(&mut self, mut out: impl FnMut(HeldSeq)) {
        while let Some(entry) = self.held_seq.first_entry() {
            let start = *entry.key();
            if start > self.seq.saturating_add(1) {
                break;
            }
            let held = entry.remove();
            if start == self.seq.saturating_add(1) {
                self.seq = held.seq;
                self.date = self.date.max(held.date);
                out(held);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::updates::gap::BoxId;

    fn at(pts: i32, count: i32) -> Position {
        Position {
            box_id: BoxId::Common,
            pts,
            count,
        }
    }

    fn held() -> Held {
        Held {
            update: None,
            peers: Arc::default(),
        }
    }

    #[test]
    fn fit_compares_the_number_before() {
        let b = PtsBox::new(10);
        assert_eq!(b.fit(at(11, 1)), Fit::Next);
        assert_eq!(b.fit(at(12, 2)), Fit::Next);
        assert_eq!(b.fit(at(10, 0)), Fit::Next);
        assert_eq!(b.fit(at(10, 1)), Fit::Old);
        assert_eq!(b.fit(at(13, 2)), Fit::Gap);
    }

    #[test]
    fn release_drains_in_order_and_drops_old() {
        let mut b = PtsBox::new(10);
        b.hold(at(13, 1), held());
        b.hold(at(12, 1), held());
        b.hold(at(12, 1), held());
        assert_eq!(b.release(|_| {}), (0, 0), "11 is missing");
        b.pts = 11;
        assert_eq!(b.release(|_| {}), (2, 0));
        assert_eq!(b.pts, 13);
        assert!(!b.waiting());
        b.hold(at(12, 1), held());
        assert_eq!(b.release(|_| {}), (0, 1));
        assert!(!b.waiting(), "old entries are dropped");
    }

    #[test]
    fn seq_containers_follow_one_another() {
        let mut c = Common::new(0, 0, 0, 5);
        let container = |seq| HeldSeq {
            seq,
            date: seq * 10,
            updates: Vec::new(),
            peers: Arc::default(),
        };
        c.hold_seq(8, container(8));
        c.hold_seq(7, container(7));
        let mut out = Vec::new();
        c.release_seq(|h| out.push(h.seq));
        assert!(out.is_empty());
        c.hold_seq(6, container(6));
        c.release_seq(|h| out.push(h.seq));
        assert_eq!(out, [6, 7, 8]);
        assert_eq!((c.seq, c.date), (8, 80));
        assert!(!c.waiting());
    }
}
