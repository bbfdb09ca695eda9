//! The error of the file id codecs.

use pyro_tl_types::DeserializeError;
use thiserror::Error;

/// Why a `file_id` or `file_unique_id` could not be decoded, encoded or used.
///
/// The decoding variants are the input's fault (a corrupt or foreign id); [`Self::Unencodable`]
/// and [`Self::NoInputLocation`] are the caller's (asking for something the id cannot give).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum FileIdError {
    // --- the input's fault ---
    /// The text is not URL-safe base64 without padding.
    #[error("not URL-safe base64: {0}")]
    Base64(String),
    /// The decoded bytes are too short to hold the version bytes.
    #[error("file id too short")]
    TooShort,
    /// A version byte this codec does not know (it reads 2 and 4).
    #[error("unsupported file id version {0}")]
    UnsupportedVersion(u8),
    /// A zero byte without a run length after it, or a run length of 0.
    #[error("invalid zero-run encoding at byte {0}")]
    InvalidRle(usize),
    /// A file type TDLib does not define.
    #[error("unknown file type {0}")]
    UnknownFileType(i32),
    /// A photo size source tag TDLib does not define.
    #[error("unknown photo size source {0}")]
    UnknownPhotoSource(i32),
    /// A photo size source that the file type or the sub-version does not allow.
    #[error("photo size source {source_tag} is invalid for {context}")]
    InvalidPhotoSource {
        /// The source's tag.
        source_tag: i32,
        /// What it was found with.
        context: &'static str,
    },
    /// The location ended early or had a malformed `bytes`/`string`.
    #[error("malformed location: {0}")]
    Truncated(#[from] DeserializeError),
    /// Bytes were left after the location.
    #[error("{0} bytes left after the location")]
    TrailingBytes(usize),
    /// A web file's URL is not UTF-8.
    #[error("web file URL is not UTF-8")]
    InvalidUrl,
    /// A `file_unique_id` type TDLib does not define.
    #[error("unknown file_unique_id type {0}")]
    UnknownUniqueType(i32),
    /// A `file_unique_id` whose key has a length its type does not allow.
    #[error("file_unique_id key of {length} bytes is invalid for type {unique_type}")]
    InvalidUniqueKey {
        /// The unique id's type.
        unique_type: i32,
        /// The key's length in bytes.
        length: usize,
    },

    // --- the caller's fault ---
    /// The id's fields do not fit its version's layout.
    #[error("cannot encode: {0}")]
    Unencodable(&'static str),
    /// The id names no location of the kind asked for.
    #[error("no such input location: {0}")]
    NoInputLocation(&'static str),
}
