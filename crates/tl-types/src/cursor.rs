//! A read position over borrowed bytes.

use crate::error::DeserializeError;

/// Reads TL values from a borrowed byte slice, front to back.
///
/// Every read checks the length first, so a short input is a
/// [`DeserializeError::UnexpectedEof`], never a panic. The cursor also counts how deeply boxed
/// values nest ([`Cursor::enter`]) so that hostile input cannot exhaust the stack.
///
/// After a decoding error the cursor's position (and nesting count) are unspecified: start a new
/// cursor rather than continue with it.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    depth: u32,
}

impl<'a> Cursor<'a> {
    /// How deeply boxed values may nest. Real Telegram objects nest a few levels (rich text,
    /// page blocks, replies); 64 leaves room while keeping the recursion's stack use bounded.
    pub const MAX_DEPTH: u32 = 64;

    /// A cursor at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self {
            data,
            pos: 0,
            depth: 0,
        }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet consumed.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Whether every byte has been consumed.
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The next `n` bytes, consumed.
    pub fn read_raw(&mut self, n: usize) -> Result<&'a [u8], DeserializeError> {
        let remaining = self.remaining();
        if n > remaining {
            return Err(DeserializeError::UnexpectedEof {
                needed: n,
                remaining,
            });
        }
        let start = self.pos;
        self.pos += n;
        Ok(&self.data[start..self.pos])
    }

    /// The next `N` bytes as an array, consumed.
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DeserializeError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.read_raw(N)?);
        Ok(out)
    }

    /// A little-endian `u32` (a constructor id or a flags word), consumed.
    pub fn read_u32(&mut self) -> Result<u32, DeserializeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Everything left, consumed (`rpc_result`'s result is the rest of the message).
    pub fn read_rest(&mut self) -> &'a [u8] {
        let rest = &self.data[self.pos..];
        self.pos = self.data.len();
        rest
    }

    /// Reads a constructor id and enters one level of boxed nesting; pair with [`Cursor::leave`].
    pub fn enter(&mut self) -> Result<u32, DeserializeError> {
        if self.depth >= Self::MAX_DEPTH {
            return Err(DeserializeError::TooDeep(Self::MAX_DEPTH));
        }
        let id = self.read_u32()?;
        self.depth += 1;
        Ok(id)
    }

    /// Leaves a level entered with [`Cursor::enter`].
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Reads a constructor id and checks that it is `id` (`type_name` names the expectation in
    /// the error).
    pub fn expect_id(&mut self, id: u32, type_name: &'static str) -> Result<(), DeserializeError> {
        let got = self.read_u32()?;
        if got == id {
            Ok(())
        } else {
            Err(DeserializeError::UnknownConstructor { id: got, type_name })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounds_checked() {
        let mut cur = Cursor::new(&[1, 0, 0, 0, 9]);
        assert_eq!(cur.read_u32(), Ok(1));
        assert_eq!(
            cur.read_raw(2),
            Err(DeserializeError::UnexpectedEof {
                needed: 2,
                remaining: 1
            })
        );
        assert_eq!(cur.read_rest(), &[9]);
        assert!(cur.is_empty());
    }

    #[test]
    fn nesting_is_bounded() {
        let data = vec![0u8; 4 * (Cursor::MAX_DEPTH as usize + 1)];
        let mut cur = Cursor::new(&data);
        for _ in 0..Cursor::MAX_DEPTH {
            assert_eq!(cur.enter(), Ok(0));
        }
        assert_eq!(
            cur.enter(),
            Err(DeserializeError::TooDeep(Cursor::MAX_DEPTH))
        );
        cur.leave();
        assert_eq!(cur.enter(), Ok(0));
    }
}
