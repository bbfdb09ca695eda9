//! The four traits every TL value implements.

use crate::cursor::Cursor;
use crate::error::DeserializeError;

/// A value that can be written in TL wire format.
///
/// Generated structs (constructors) write themselves bare, without their id; enums (boxed types)
/// write the constructor id first; functions write their id first (they are always sent boxed).
pub trait Serializable {
    /// Appends the value's bytes to `buf`.
    fn serialize(&self, buf: &mut Vec<u8>);

    /// The value's bytes in a new vector.
    fn to_bytes(&self) -> Vec<u8> {
        let mut buf = Vec::new();
        self.serialize(&mut buf);
        buf
    }
}

/// A value that can be read from TL wire format.
pub trait Deserializable: Sized {
    /// Reads one value at the cursor, advancing it past the value.
    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError>;

    /// Reads one value that must span all of `bytes` ([`DeserializeError::TrailingBytes`]
    /// otherwise).
    fn from_bytes(bytes: &[u8]) -> Result<Self, DeserializeError> {
        let mut cur = Cursor::new(bytes);
        let value = Self::deserialize(&mut cur)?;
        match cur.remaining() {
            0 => Ok(value),
            left => Err(DeserializeError::TrailingBytes(left)),
        }
    }
}

/// A constructor or function with a fixed 32-bit id.
pub trait Identifiable {
    /// The id: CRC32 of the definition's normalised text (or the one the schema declares).
    const CONSTRUCTOR_ID: u32;
}

/// A function (RPC request) and the type its answer decodes to.
pub trait RemoteCall: Serializable {
    /// What the server answers with inside `rpc_result`.
    type Return: Deserializable;
}
