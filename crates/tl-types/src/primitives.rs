//! TL's built-in types: `int`, `long`, `double`, `#`, `int128`, `int256`, `Bool`, `bytes` and
//! `string`, with the wire rules of core.telegram.org/mtproto/serialize.
//!
//! - Integers and `double` are little-endian; `#` (flags words) is a `u32`.
//! - `int128`/`int256` are 16/32 raw bytes (`[u8; 16]`, `[u8; 32]`).
//! - `Bool` is the boxed `boolTrue#997275b5` / `boolFalse#bc799737`; any other id is an
//!   [`DeserializeError::UnknownConstructor`].
//! - `bytes` and `string`: a length of 0..=253 is one byte; longer values get `0xfe` and a 3-byte
//!   little-endian length. The data follows and zero padding makes the total a multiple of 4.
//!   Prefix `0xff` is an [`DeserializeError::InvalidLength`]. Values of 2^24 bytes or more cannot be
//!   expressed in TL (Telegram caps requests far below that); only the low 24 bits of such a
//!   length would be written, so callers must not pass them.
//! - `string` that is not valid UTF-8 is decoded lossily (invalid sequences become U+FFFD), as
//!   Telegram's own clients do: a server-sent name with a broken byte must not fail a whole update.

use crate::cursor::Cursor;
use crate::error::DeserializeError;
use crate::traits::{Deserializable, Serializable};

/// `boolTrue#997275b5 = Bool`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// `boolFalse#bc799737 = Bool`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;

macro_rules! little_endian {
    ($($ty:ty),*) => {$(
        impl Serializable for $ty {
            #[inline]
            fn serialize(&self, buf: &mut Vec<u8>) {
                buf.extend_from_slice(&self.to_le_bytes());
            }
        }
        impl Deserializable for $ty {
            #[inline]
            fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
                cur.read_array().map(<$ty>::from_le_bytes)
            }
        }
    )*};
}
little_endian!(i32, u32, i64, f64);

impl<const N: usize> Serializable for [u8; N] {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(self);
    }
}

impl<const N: usize> Deserializable for [u8; N] {
    #[inline]
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        cur.read_array()
    }
}

impl Serializable for bool {
    fn serialize(&self, buf: &mut Vec<u8>) {
        if *self { BOOL_TRUE_ID } else { BOOL_FALSE_ID }.serialize(buf);
    }
}

impl Deserializable for bool {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        match cur.read_u32()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(DeserializeError::UnknownConstructor {
                id,
                type_name: "Bool",
            }),
        }
    }
}

/// Appends `data` as TL `bytes`: length prefix, data, padding to a multiple of 4.
pub fn write_bytes(data: &[u8], buf: &mut Vec<u8>) {
    let len = data.len();
    let header = if len < 254 {
        buf.push(len as u8);
        1
    } else {
        buf.extend_from_slice(&[0xfe, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
        4
    };
    buf.extend_from_slice(data);
    let padding = (4 - (header + len) % 4) % 4;
    buf.extend_from_slice(&[0u8; 3][..padding]);
}

/// Reads TL `bytes` (or `string`) at the cursor, borrowing the data from the input.
pub fn read_bytes<'a>(cur: &mut Cursor<'a>) -> Result<&'a [u8], DeserializeError> {
    let first = cur.read_raw(1)?[0];
    let (header, len) = match first {
        0..=253 => (1, usize::from(first)),
        254 => {
            let l = cur.read_raw(3)?;
            (
                4,
                usize::from(l[0]) | usize::from(l[1]) << 8 | usize::from(l[2]) << 16,
            )
        }
        255 => return Err(DeserializeError::InvalidLength(255)),
    };
    if len > cur.remaining() {
        return Err(DeserializeError::TooLarge {
            declared: len,
            remaining: cur.remaining(),
        });
    }
    let data = cur.read_raw(len)?;
    cur.read_raw((4 - (header + len) % 4) % 4)?;
    Ok(data)
}

impl Serializable for Vec<u8> {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write_bytes(self, buf);
    }
}

impl Deserializable for Vec<u8> {
    #[inline]
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        read_bytes(cur).map(<[u8]>::to_vec)
    }
}

impl Serializable for String {
    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        write_bytes(self.as_bytes(), buf);
    }
}

impl Deserializable for String {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        let data = read_bytes(cur)?;
        Ok(match std::str::from_utf8(data) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(data).into_owned(),
        })
    }
}

#[cfg(test)]
mod tests;
