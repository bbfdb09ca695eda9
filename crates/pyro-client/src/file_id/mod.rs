//! Bot API / TDLib file ids: `file_id` and `file_unique_id`, encoded and decoded.
//!
//! A `file_id` names a file on Telegram's servers in a form that survives outside a session: the
//! Bot API hands them out, Pyrogram and TDLib read and write them, and a client can download or
//! re-send the file from one without refetching the message. A `file_unique_id` names the same
//! file across bots and time, but cannot be used to fetch it.
//!
//! # Format (TDLib's persistent id, version 4)
//!
//! The text is URL-safe base64 without padding of:
//!
//! 1. the location, serialized TL-style (little-endian `int`/`long`, `bytes` with TL's length
//!    prefix and padding), with every run of zero bytes replaced by `0x00, n` (n at most 250);
//! 2. the *sub-version* byte (the TDLib schema version the location was written with; the Bot API
//!    wrote 30 for years, TDLib writes its current version) and the *version* byte `4`.
//!
//! The location is `type:int dc_id:int [file_reference:bytes] body`, where `type` is a
//! [`FileType`] with flag `1 << 25` when a file reference follows and `1 << 24` for web files.
//! The body is `url:string access_hash:long` for web files, `id:long access_hash:long` for
//! documents (and other non-photo files), and for photos `id:long access_hash:long` followed by a
//! [`PhotoSizeSource`] (sub-version 32 on), or by `volume_id:long`, the source and `local_id:int`
//! (sub-versions 22 to 31), or by `volume_id:long secret:long local_id:int` (older ones). Ids of
//! version 2 (no sub-version byte, read as sub-version 0) decode too.
//!
//! A `file_unique_id` is the same base64 and zero-run encoding of `type:int` (0 for web files,
//! else the file's class + 1, see [`FileClass`]) and a short key: the url, the document id, or for
//! photos the volume and local id, or the photo id and a size byte (see [`FileUniqueId`]).
//!
//! Decoding checks every length against the bytes present and rejects trailing bytes; bad input
//! is a [`FileIdError`], never a panic. A decoded id re-encodes to the identical text.
//!
//! # Example
//!
//! A document id published in Pyrogram's test suite (`tests/test_file_id.py`):
//!
//! ```
//! use pyro_client::file_id::{FileId, FileLocation, FileType, FileUniqueId};
//! use pyro_tl_types::api::enums::InputFileLocation;
//!
//! let text = "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E";
//! let id = FileId::decode(text)?;
//! assert_eq!(id.file_type, FileType::Document);
//! assert_eq!(id.dc_id, 2);
//! assert_eq!((id.version, id.sub_version), (4, 30));
//! assert_eq!(
//!     id.location,
//!     FileLocation::Common { id: 5312458109417947140, access_hash: 6437869729085068477 }
//! );
//! assert_eq!(id.encode()?, text); // byte-identical
//!
//! // The location the client downloads it from.
//! let InputFileLocation::InputDocumentFileLocation(location) = id.to_input_location()? else {
//!     unreachable!()
//! };
//! assert_eq!(location.id, 5312458109417947140);
//!
//! // Its unique id.
//! assert_eq!(id.unique_id()?.encode(), "AgADBAADgaS5SQ");
//! assert_eq!(FileUniqueId::decode("AgADBAADgaS5SQ")?, FileUniqueId::Document { id: 5312458109417947140 });
//!
//! // Bad input is a typed error.
//! assert!(FileId::decode("not a file id!").is_err());
//! # Ok::<(), pyro_client::file_id::FileIdError>(())
//! ```

mod codec;
mod error;
mod input;
mod layout;
mod photo;
mod unique;

pub use error::FileIdError;
pub use photo::{DialogRef, LegacyIds, PhotoLocation, PhotoSizeSource, StickerSetRef};
pub use unique::FileUniqueId;

/// The version byte this module writes for new ids (TDLib's `PERSISTENT_ID_VERSION`).
pub const VERSION: u8 = 4;

/// The sub-version written by [`FileId::new`]: TDLib's schema version `Support64BitIds` (33),
/// the first after `RemovePhotoVolumeAndLocalId` (32), so photos use the current layout. Any
/// sub-version decodes; re-encoding keeps the one read.
pub const SUB_VERSION: u8 = 33;

/// The kind of file an id names (TDLib's `FileType`, in its numbering: the value on the wire).
///
/// The numbering is TDLib's `td/telegram/files/FileType.h`; kinds 20 and 21 were
/// `PhotoWithSpoiler`/`VideoWithSpoiler` before TDLib renamed them to stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileType {
    /// A thumbnail of a document, sticker, video or sticker set (0).
    Thumbnail,
    /// A user's, chat's or channel's profile photo (1).
    ProfilePhoto,
    /// A photo (2).
    Photo,
    /// A voice note (3).
    VoiceNote,
    /// A video (4).
    Video,
    /// A document (5).
    Document,
    /// A secret-chat file (6).
    Encrypted,
    /// A temporary file (7).
    Temp,
    /// A sticker (8).
    Sticker,
    /// An audio file (9).
    Audio,
    /// An animation (GIF or silent MPEG-4) (10).
    Animation,
    /// A secret-chat thumbnail (11).
    EncryptedThumbnail,
    /// A wallpaper stored as a photo (12).
    Wallpaper,
    /// A round video note (13).
    VideoNote,
    /// A decrypted Telegram Passport file (14).
    SecureDecrypted,
    /// A Telegram Passport file (15).
    SecureEncrypted,
    /// A chat background stored as a document (16).
    Background,
    /// A document sent as a file (17).
    DocumentAsFile,
    /// A notification sound (18).
    Ringtone,
    /// A call log (19).
    CallLog,
    /// A story's photo (20).
    PhotoStory,
    /// A story's video (21).
    VideoStory,
    /// A self-destructing photo (22).
    SelfDestructingPhoto,
    /// A self-destructing video (23).
    SelfDestructingVideo,
    /// A self-destructing video note (24).
    SelfDestructingVideoNote,
    /// A self-destructing voice note (25).
    SelfDestructingVoiceNote,
}

/// Every file type in wire order: `ALL[n]` has wire value `n`.
const ALL: [FileType; 26] = [
    FileType::Thumbnail,
    FileType::ProfilePhoto,
    FileType::Photo,
    FileType::VoiceNote,
    FileType::Video,
    FileType::Document,
    FileType::Encrypted,
    FileType::Temp,
    FileType::Sticker,
    FileType::Audio,
    FileType::Animation,
    FileType::EncryptedThumbnail,
    FileType::Wallpaper,
    FileType::VideoNote,
    FileType::SecureDecrypted,
    FileType::SecureEncrypted,
    FileType::Background,
    FileType::DocumentAsFile,
    FileType::Ringtone,
    FileType::CallLog,
    FileType::PhotoStory,
    FileType::VideoStory,
    FileType::SelfDestructingPhoto,
    FileType::SelfDestructingVideo,
    FileType::SelfDestructingVideoNote,
    FileType::SelfDestructingVoiceNote,
];

/// The class of a file type: which location layout and which `file_unique_id` kind it has
/// (TDLib's `FileTypeClass`; the unique id's type is the class's value + 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileClass {
    /// Photos, profile photos, thumbnails, wallpapers: a photo location.
    Photo,
    /// Documents, videos, audio, voice, stickers, animations: `id` and `access_hash`.
    Document,
    /// Telegram Passport files.
    Secure,
    /// Secret-chat files.
    Encrypted,
    /// Temporary files (no remote location a file id can carry).
    Temp,
}

impl FileType {
    /// The type with wire value `value`, if TDLib defines one.
    #[must_use]
    pub fn from_wire(value: i32) -> Option<Self> {
        usize::try_from(value)
            .ok()
            .and_then(|i| ALL.get(i).copied())
    }

    /// The wire value (TDLib's numbering).
    #[must_use]
    pub fn to_wire(self) -> i32 {
        // Declaration order is wire order (ALL checks it in the tests).
        self as i32
    }

    /// The class: which location layout the type uses.
    #[must_use]
    pub fn class(self) -> FileClass {
        match self {
            Self::Thumbnail
            | Self::ProfilePhoto
            | Self::Photo
            | Self::EncryptedThumbnail
            | Self::Wallpaper
            | Self::PhotoStory
            | Self::SelfDestructingPhoto => FileClass::Photo,
            Self::SecureDecrypted | Self::SecureEncrypted => FileClass::Secure,
            Self::Encrypted => FileClass::Encrypted,
            Self::Temp => FileClass::Temp,
            _ => FileClass::Document,
        }
    }
}

/// A decoded `file_id`: where a file is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId {
    /// The version byte: 4, or 2 for ids from before sub-versions existed.
    pub version: u8,
    /// The TDLib schema version the location was written with (0 for version 2).
    pub sub_version: u8,
    /// What the file is.
    pub file_type: FileType,
    /// The data center holding the file.
    pub dc_id: i32,
    /// The file reference, when the id carries one (`None` and `Some(empty)` encode differently).
    pub file_reference: Option<Vec<u8>>,
    /// Where the file is.
    pub location: FileLocation,
    /// Bytes after the location, kept so that the id re-encodes identically. Only version-2 ids
    /// have them (a version-2 document id ends in nine: `0:int 2:int 0:byte`, as Pyrogram's
    /// `tests/test_file_id.py` old id shows); version 4 rejects trailing bytes, as TDLib does.
    pub trailer: Vec<u8>,
}

/// Where a file is: the body of a file id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileLocation {
    /// A file on the web, fetched through Telegram (`upload.getWebFile`).
    Web {
        /// The file's URL.
        url: String,
        /// The access hash of the web file.
        access_hash: i64,
    },
    /// A document-like file (documents, videos, audio, stickers, secret and Passport files).
    Common {
        /// The document (or encrypted/secure file) id.
        id: i64,
        /// Its access hash.
        access_hash: i64,
    },
    /// A photo, profile photo or thumbnail.
    Photo(PhotoLocation),
}

impl FileId {
    /// A new id in the current layout ([`VERSION`], [`SUB_VERSION`]).
    #[must_use]
    pub fn new(
        file_type: FileType,
        dc_id: i32,
        file_reference: Option<Vec<u8>>,
        location: FileLocation,
    ) -> Self {
        Self {
            version: VERSION,
            sub_version: SUB_VERSION,
            file_type,
            dc_id,
            file_reference,
            location,
            trailer: Vec::new(),
        }
    }

    /// Decodes a `file_id` string.
    pub fn decode(text: &str) -> Result<Self, FileIdError> {
        layout::decode(text)
    }

    /// Encodes the id in its version and sub-version's layout.
    ///
    /// Fails only for combinations that layout cannot hold (a source that the sub-version does
    /// not know, a photo source on a non-photo type), never for a decoded id.
    pub fn encode(&self) -> Result<String, FileIdError> {
        layout::encode(self)
    }

    /// The file's `file_unique_id`, as the Bot API computes it.
    pub fn unique_id(&self) -> Result<FileUniqueId, FileIdError> {
        unique::of_file_id(self)
    }
}
