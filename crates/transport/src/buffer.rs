//! [`RecvBuffer`]: the bytes received but not yet decoded.
//!
//! Decoders consume whole frames from its front; drivers append what the socket delivers at its
//! back. Consumed bytes are dropped lazily (the storage is compacted only when that is cheap
//! compared with the bytes still pending), so decoding several frames from one read costs no
//! repeated shifting.

/// Frames at least this large may take over the buffer's storage (see `take_frame`).
const TAKE_OVER_MIN: usize = 64 * 1024;

/// A growable byte queue with a cheap "consume from the front".
#[derive(Debug, Default, Clone)]
pub struct RecvBuffer {
    data: Vec<u8>,
    start: usize,
}

impl RecvBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// A buffer that holds `bytes`.
    pub fn from_vec(bytes: Vec<u8>) -> Self {
        Self {
            data: bytes,
            start: 0,
        }
    }

    /// Number of pending (unconsumed) bytes.
    pub fn len(&self) -> usize {
        self.data.len() - self.start
    }

    /// True when no bytes are pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The pending bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.data[self.start..]
    }

    /// The pending bytes, mutably (the obfuscation layer decrypts them in place).
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.data[self.start..]
    }

    /// Appends received bytes.
    pub fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.compact();
        self.data.extend_from_slice(bytes);
    }

    /// Drops the first `n` pending bytes (all of them if fewer are pending).
    pub fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.data.len());
        if self.start == self.data.len() {
            self.data.clear();
            self.start = 0;
        }
    }

    /// Copies out `len` bytes starting `skip` bytes into the pending data, then consumes
    /// `skip + len + trailer` bytes. The caller has checked that they are present.
    ///
    /// A large frame that ends the pending data (the usual case for big packets) takes over the
    /// storage itself and moves the payload to its front: one in-cache `memmove` instead of a
    /// fresh allocation, page faults and a copy.
    pub(crate) fn take_frame(&mut self, skip: usize, len: usize, trailer: usize) -> Vec<u8> {
        let begin = self.start + skip;
        if len >= TAKE_OVER_MIN && begin + len + trailer == self.data.len() {
            let mut storage = std::mem::take(&mut self.data);
            self.start = 0;
            storage.truncate(begin + len);
            storage.drain(..begin);
            return storage;
        }
        let payload = self.data.get(begin..begin + len).map(<[u8]>::to_vec);
        self.consume(skip + len + trailer);
        payload.unwrap_or_default()
    }

    /// Makes room for at least `additional` more bytes and returns the writable tail, already
    /// zeroed, for a driver to read into; call [`RecvBuffer::commit`] with the count read.
    pub fn spare(&mut self, additional: usize) -> &mut [u8] {
        self.compact();
        let old = self.data.len();
        self.data.resize(old + additional, 0);
        &mut self.data[old..]
    }

    /// After [`RecvBuffer::spare`]: keeps `filled` of the spare bytes and drops the rest.
    pub fn commit(&mut self, additional: usize, filled: usize) {
        let keep = self.data.len() - additional + filled.min(additional);
        self.data.truncate(keep);
    }

    /// The storage itself, with room for `additional` more bytes, for an async read that appends
    /// into spare capacity without zero-filling it first (tokio's `read_buf`).
    pub(crate) fn storage_for_read(&mut self, additional: usize) -> &mut Vec<u8> {
        self.compact();
        self.data.reserve(additional);
        &mut self.data
    }

    /// Moves the pending bytes to the front once the consumed prefix outweighs them.
    fn compact(&mut self) {
        if self.start > 0 && self.start >= self.len() {
            self.data.drain(..self.start);
            self.start = 0;
        }
    }

    /// The first `N` pending bytes, if that many are present.
    pub(crate) fn peek<const N: usize>(&self) -> Option<[u8; N]> {
        self.as_slice().get(..N)?.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::RecvBuffer;

    #[test]
    fn consume_and_compact_keep_order() {
        let mut buf = RecvBuffer::new();
        buf.extend_from_slice(&[1, 2, 3, 4]);
        buf.consume(3);
        buf.extend_from_slice(&[5, 6]);
        assert_eq!(buf.as_slice(), &[4, 5, 6]);
        assert_eq!(buf.take_frame(1, 1, 1), vec![5]);
        assert!(buf.is_empty());
    }

    #[test]
    fn large_final_frames_take_over_the_storage() {
        let bytes: Vec<u8> = (0..200_000u32).map(|i| i as u8).collect();
        let mut buf = RecvBuffer::from_vec(bytes.clone());
        buf.consume(3);
        let frame = buf.take_frame(1, 199_992, 4);
        assert_eq!(frame, bytes[4..199_996]);
        assert!(buf.is_empty());
        buf.extend_from_slice(&[1]);
        assert_eq!(buf.as_slice(), &[1]);
    }

    #[test]
    fn spare_and_commit_keep_only_filled_bytes() {
        let mut buf = RecvBuffer::from_vec(vec![9]);
        let tail = buf.spare(8);
        tail[..2].copy_from_slice(&[7, 8]);
        buf.commit(8, 2);
        assert_eq!(buf.as_slice(), &[9, 7, 8]);
        assert_eq!(buf.peek::<2>(), Some([9, 7]));
        assert_eq!(buf.peek::<4>(), None);
    }
}
