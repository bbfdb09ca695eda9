//! Byte-level helpers shared by the session string codecs: URL-safe base64 and a bounds-checked
//! big-endian reader that turns every short read into a typed defect.

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::storage::error::StringDefect;
use crate::storage::types::{AUTH_KEY_LEN, AuthKey};

/// URL-safe base64 that writes no padding and reads strings with or without it (Telethon pads,
/// Pyrogram strips the padding).
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes URL-safe base64, padded or not.
pub(super) fn decode_base64(text: &str) -> Result<Vec<u8>, StringDefect> {
    URL_SAFE_LENIENT
        .decode(text)
        .map_err(|_| StringDefect::BadBase64)
}

/// Encodes as URL-safe base64 without padding.
pub(super) fn encode_base64(bytes: &[u8]) -> String {
    URL_SAFE_LENIENT.encode(bytes)
}

/// Reads big-endian fields from a byte slice, front to back.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// The next `N` bytes.
    pub(super) fn array<const N: usize>(
        &mut self,
        field: &'static str,
    ) -> Result<[u8; N], StringDefect> {
        let (head, rest) = self
            .rest
            .split_first_chunk::<N>()
            .ok_or(StringDefect::Truncated { field })?;
        self.rest = rest;
        Ok(*head)
    }

    pub(super) fn u8(&mut self, field: &'static str) -> Result<u8, StringDefect> {
        Ok(self.array::<1>(field)?[0])
    }

    pub(super) fn u16(&mut self, field: &'static str) -> Result<u16, StringDefect> {
        Ok(u16::from_be_bytes(self.array(field)?))
    }

    pub(super) fn u32(&mut self, field: &'static str) -> Result<u32, StringDefect> {
        Ok(u32::from_be_bytes(self.array(field)?))
    }

    pub(super) fn i32(&mut self, field: &'static str) -> Result<i32, StringDefect> {
        Ok(i32::from_be_bytes(self.array(field)?))
    }

    pub(super) fn u64(&mut self, field: &'static str) -> Result<u64, StringDefect> {
        Ok(u64::from_be_bytes(self.array(field)?))
    }

    pub(super) fn i64(&mut self, field: &'static str) -> Result<i64, StringDefect> {
        Ok(i64::from_be_bytes(self.array(field)?))
    }

    /// A byte that must be 0 or 1 (Python's `struct` `?` as written by `pack`).
    pub(super) fn bool(&mut self, field: &'static str) -> Result<bool, StringDefect> {
        match self.u8(field)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(StringDefect::BadField { field }),
        }
    }

    /// A 256-byte auth key; an all-zero key means "none" and is refused.
    pub(super) fn auth_key(&mut self) -> Result<AuthKey, StringDefect> {
        let key = AuthKey::new(self.array::<AUTH_KEY_LEN>("auth_key")?);
        if key.is_zero() {
            return Err(StringDefect::NoAuthKey);
        }
        Ok(key)
    }

    /// Succeeds only if every byte was read.
    pub(super) fn finish(self) -> Result<(), StringDefect> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(StringDefect::TrailingBytes {
                count: self.rest.len(),
            })
        }
    }
}
