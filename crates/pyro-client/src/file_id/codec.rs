//! The outer encoding shared by `file_id` and `file_unique_id`: URL-safe base64 without padding
//! over bytes whose zero runs are replaced by `0x00, n` (TDLib's `zero_encode`/`zero_decode`,
//! `td/utils/misc.cpp`: runs are capped at 250), and the TL-style primitive reader and writer.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use pyro_tl_types::{Cursor, Deserializable, Serializable};

use super::FileIdError;

/// The longest zero run one `0x00, n` pair holds (TDLib's cap).
const MAX_RUN: u8 = 250;

/// Base64 (URL-safe, no padding) of the zero-run encoding of `raw`, followed by `suffix` (the
/// version bytes, which are never zero and so encode as themselves).
pub(super) fn to_text(raw: &[u8], suffix: &[u8]) -> String {
    let mut packed = rle_encode(raw);
    packed.extend_from_slice(suffix);
    URL_SAFE_NO_PAD.encode(packed)
}

/// The bytes of a base64 text (URL-safe, no padding, canonical trailing bits).
pub(super) fn from_base64(text: &str) -> Result<Vec<u8>, FileIdError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| FileIdError::Base64(e.to_string()))
}

/// Replaces each run of zero bytes by `0x00, n` pairs (n in 1..=250).
pub(super) fn rle_encode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut run: u8 = 0;
    for &b in raw {
        if b == 0 {
            run += 1;
            if run == MAX_RUN {
                out.extend_from_slice(&[0, run]);
                run = 0;
            }
            continue;
        }
        if run > 0 {
            out.extend_from_slice(&[0, run]);
            run = 0;
        }
        out.push(b);
    }
    if run > 0 {
        out.extend_from_slice(&[0, run]);
    }
    out
}

/// Expands `0x00, n` pairs. A zero without a count, a count of 0, and a run split where
/// [`rle_encode`] would not split it are errors, so that whatever decodes re-encodes to the same
/// bytes. The output is at most 125 times the input (bounded by the input, as every decoder here
/// is).
pub(super) fn rle_decode(packed: &[u8]) -> Result<Vec<u8>, FileIdError> {
    let mut out = Vec::with_capacity(packed.len() * 2);
    let mut i = 0;
    while let Some(&b) = packed.get(i) {
        if b == 0 {
            match packed.get(i + 1) {
                Some(&n) if n > 0 => out.resize(out.len() + usize::from(n), 0),
                _ => return Err(FileIdError::InvalidRle(i)),
            }
            if packed.get(i + 1) != Some(&MAX_RUN) && packed.get(i + 2) == Some(&0) {
                return Err(FileIdError::InvalidRle(i + 2));
            }
            i += 2;
        } else {
            out.push(b);
            i += 1;
        }
    }
    Ok(out)
}

/// Reads TL-style primitives from a location's bytes.
pub(super) struct Reader<'a> {
    cur: Cursor<'a>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(data: &'a [u8]) -> Self {
        Self {
            cur: Cursor::new(data),
        }
    }

    pub(super) fn int(&mut self) -> Result<i32, FileIdError> {
        Ok(i32::deserialize(&mut self.cur)?)
    }

    pub(super) fn long(&mut self) -> Result<i64, FileIdError> {
        Ok(i64::deserialize(&mut self.cur)?)
    }

    /// TL `bytes` (length prefix, data, padding to 4); the length is checked against the input.
    pub(super) fn bytes(&mut self) -> Result<Vec<u8>, FileIdError> {
        Ok(Vec::<u8>::deserialize(&mut self.cur)?)
    }

    /// TL `string` that must be UTF-8 (decoded strictly so that it re-encodes identically).
    pub(super) fn string(&mut self) -> Result<String, FileIdError> {
        String::from_utf8(self.bytes()?).map_err(|_| FileIdError::InvalidUrl)
    }

    /// Takes every byte not read yet.
    pub(super) fn rest(&mut self) -> &'a [u8] {
        self.cur.read_rest()
    }

    /// Bytes not read yet.
    pub(super) fn remaining(&self) -> usize {
        self.cur.remaining()
    }

    /// Fails unless every byte was read.
    pub(super) fn finish(&self) -> Result<(), FileIdError> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(FileIdError::TrailingBytes(n)),
        }
    }
}

/// Writes TL-style primitives.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) buf: Vec<u8>,
}

impl Writer {
    pub(super) fn int(&mut self, v: i32) -> &mut Self {
        v.serialize(&mut self.buf);
        self
    }

    pub(super) fn long(&mut self, v: i64) -> &mut Self {
        v.serialize(&mut self.buf);
        self
    }

    pub(super) fn bytes(&mut self, v: &[u8]) -> &mut Self {
        v.to_vec().serialize(&mut self.buf);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_runs_round_trip_and_cap_at_250() {
        let mut raw = vec![7u8];
        raw.extend(std::iter::repeat_n(0, 600));
        raw.push(9);
        let packed = rle_encode(&raw);
        assert_eq!(packed, [7, 0, 250, 0, 250, 0, 100, 9]);
        assert_eq!(rle_decode(&packed).ok(), Some(raw));
    }

    #[test]
    fn dangling_or_empty_runs_are_errors() {
        assert_eq!(rle_decode(&[1, 0]), Err(FileIdError::InvalidRle(1)));
        assert_eq!(rle_decode(&[0, 0]), Err(FileIdError::InvalidRle(0)));
        // Two runs where one would do: not what the encoder writes.
        assert_eq!(rle_decode(&[0, 1, 0, 1]), Err(FileIdError::InvalidRle(2)));
        assert_eq!(rle_decode(&[0, 250, 0, 1]).map(|v| v.len()), Ok(251));
    }

    #[test]
    fn reader_bounds_and_trailing_bytes() {
        let mut w = Writer::default();
        w.int(5).bytes(b"abc").long(-1);
        let mut r = Reader::new(&w.buf);
        assert_eq!(r.int().ok(), Some(5));
        assert_eq!(r.bytes().ok(), Some(b"abc".to_vec()));
        assert!(r.finish().is_err());
        assert_eq!(r.long().ok(), Some(-1));
        assert!(r.finish().is_ok());
        assert!(r.int().is_err());
    }
}
