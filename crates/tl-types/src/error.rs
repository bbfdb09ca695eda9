//! The error of every TL decoder.

use thiserror::Error;

/// Why bytes could not be decoded as the requested TL type.
///
/// All variants are the peer's (or the input's) fault: decoding never fails for any other reason.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DeserializeError {
    /// The input ended before the value did.
    #[error("unexpected end of input: needed {needed} more bytes, {remaining} left")]
    UnexpectedEof {
        /// Bytes the next read needed.
        needed: usize,
        /// Bytes that were left.
        remaining: usize,
    },
    /// A constructor id that the expected type does not have.
    #[error("unknown constructor {id:#010x} for type {type_name}")]
    UnknownConstructor {
        /// The id read from the input.
        id: u32,
        /// The TL name of the type that was expected (`InputPeer`, `Bool`, `Vector`, a function).
        type_name: &'static str,
    },
    /// A length or element count larger than the bytes left could possibly hold; rejected before
    /// allocating anything.
    #[error("declared length {declared} cannot fit in the {remaining} bytes left")]
    TooLarge {
        /// The length or count read from the input.
        declared: usize,
        /// Bytes that were left.
        remaining: usize,
    },
    /// A length that TL does not allow (a negative `bytes` count in `message`, the reserved
    /// length prefix 255).
    #[error("invalid length {0}")]
    InvalidLength(i64),
    /// Boxed values nested deeper than [`crate::Cursor::MAX_DEPTH`] (a stack-exhaustion guard).
    #[error("values nested deeper than {0} levels")]
    TooDeep(u32),
    /// `from_bytes` decoded a value but bytes were left after it.
    #[error("{0} bytes left after the value")]
    TrailingBytes(usize),
}
