//! TL vectors: boxed `Vector<T>` (`vector#1cb5c415`, a count, the items) and bare `vector<T>`
//! (the count and the items).
//!
//! Decoding never trusts the count: every item of every TL type used in a vector takes at least
//! four bytes (the generator rejects schemas where that would not hold), so a count above
//! `remaining / 4` is a [`DeserializeError::TooLarge`] before anything is allocated.

use crate::cursor::Cursor;
use crate::error::DeserializeError;
use crate::traits::{Deserializable, Serializable};

/// `vector#1cb5c415 {t:Type} # [ t ] = Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;

/// Appends a bare `vector<T>`: the count, then the items.
pub fn write_bare_vec<T: Serializable>(items: &[T], buf: &mut Vec<u8>) {
    (items.len() as u32).serialize(buf);
    for item in items {
        item.serialize(buf);
    }
}

/// Reads a bare `vector<T>`.
pub fn read_bare_vec<T: Deserializable>(cur: &mut Cursor<'_>) -> Result<Vec<T>, DeserializeError> {
    let count = cur.read_u32()? as usize;
    if count > cur.remaining() / 4 {
        return Err(DeserializeError::TooLarge {
            declared: count,
            remaining: cur.remaining(),
        });
    }
    let mut items = Vec::with_capacity(count);
    for _ in 0..count {
        items.push(T::deserialize(cur)?);
    }
    Ok(items)
}

impl<T: Serializable> Serializable for Vec<T> {
    fn serialize(&self, buf: &mut Vec<u8>) {
        VECTOR_ID.serialize(buf);
        write_bare_vec(self, buf);
    }
}

impl<T: Deserializable> Deserializable for Vec<T> {
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {
        cur.expect_id(VECTOR_ID, "Vector")?;
        read_bare_vec(cur)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxed_vector_has_id_and_count() {
        let bytes = vec![1i64, -1].to_bytes();
        assert_eq!(&bytes[..8], &[0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0]);
        assert_eq!(Vec::<i64>::from_bytes(&bytes), Ok(vec![1, -1]));
    }

    #[test]
    fn bare_vector_has_only_the_count() {
        let mut buf = Vec::new();
        write_bare_vec(&[7i32], &mut buf);
        assert_eq!(buf, [1, 0, 0, 0, 7, 0, 0, 0]);
        assert_eq!(read_bare_vec::<i32>(&mut Cursor::new(&buf)), Ok(vec![7]));
    }

    #[test]
    fn huge_counts_are_rejected_before_allocating() {
        // A count of 2^31 followed by 8 bytes of input.
        let bytes = [
            0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0x80, 1, 2, 3, 4, 5, 6, 7, 8,
        ];
        assert_eq!(
            Vec::<i64>::from_bytes(&bytes),
            Err(DeserializeError::TooLarge {
                declared: 1 << 31,
                remaining: 8
            })
        );
        assert!(matches!(
            Vec::<i32>::from_bytes(&[1, 2, 3, 4, 0, 0, 0, 0]),
            Err(DeserializeError::UnknownConstructor {
                id: 0x0403_0201,
                type_name: "Vector"
            })
        ));
    }
}
