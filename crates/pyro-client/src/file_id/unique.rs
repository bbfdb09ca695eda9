//! `file_unique_id`: the same file's name across bots and time (TDLib's
//! `FullRemoteFileLocation::AsUnique` in `td/telegram/files/FileLocation.hpp` and
//! `PhotoSizeSource::get_unique` in `td/telegram/PhotoSizeSource.cpp`).
//!
//! The bytes are `type:int` (0 web, else [`FileClass`] + 1) and a key; they are zero-run and
//! base64 encoded like a `file_id`, without version bytes.

use super::codec::{Reader, Writer, from_base64, rle_decode, to_text};
use super::photo::PhotoSizeSource;
use super::{FileClass, FileId, FileIdError, FileLocation};

/// A decoded `file_unique_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileUniqueId {
    /// Type 0: a web file, keyed by its URL.
    Web {
        /// The file's URL.
        url: String,
    },
    /// Type 1, 12-byte key: a photo size keyed by its storage volume and local id (legacy
    /// photos, and every photo id the Bot API wrote with sub-versions below 32).
    PhotoLegacy {
        /// The storage volume.
        volume_id: i64,
        /// The file's id within the volume.
        local_id: i32,
    },
    /// Type 1, 9-byte key: a size of a photo (or a profile photo, or a document thumbnail).
    PhotoSize {
        /// The photo's (or document's) id.
        id: i64,
        /// The size: 0 for the small and 1 for the big profile photo; for thumbnails 0 for
        /// type `'a'`, 1 for `'c'`, otherwise the type letter + 5.
        size_key: u8,
    },
    /// Type 1, 13-byte key starting with 2: a sticker set's thumbnail of a given version.
    StickerSetThumbnail {
        /// The sticker set's id.
        sticker_set_id: i64,
        /// The thumbnail's version.
        version: i32,
    },
    /// Type 2: a document, video, audio, voice note, sticker or animation.
    Document {
        /// The document id.
        id: i64,
    },
    /// Type 3: a Telegram Passport file.
    Secure {
        /// The file id.
        id: i64,
    },
    /// Type 4: a secret-chat file.
    Encrypted {
        /// The file id.
        id: i64,
    },
    /// Type 5: a temporary file.
    Temp {
        /// The file id.
        id: i64,
    },
}

impl FileUniqueId {
    /// Decodes a `file_unique_id` text.
    pub fn decode(text: &str) -> Result<Self, FileIdError> {
        let raw = rle_decode(&from_base64(text)?)?;
        let mut r = Reader::new(&raw);
        let unique_type = r.int()?;
        let bad_key = |length| FileIdError::InvalidUniqueKey {
            unique_type,
            length,
        };
        let value = match unique_type {
            0 => Self::Web { url: r.string()? },
            1 => match r.remaining() {
                12 => Self::PhotoLegacy {
                    volume_id: r.long()?,
                    local_id: r.int()?,
                },
                9 => {
                    let id = r.long()?;
                    let size_key = raw.last().copied().ok_or(bad_key(9))?;
                    return Ok(Self::PhotoSize { id, size_key });
                }
                13 if raw.get(4) == Some(&2) => {
                    let key = raw.get(5..).ok_or(bad_key(13))?;
                    let mut k = Reader::new(key);
                    let value = Self::StickerSetThumbnail {
                        sticker_set_id: k.long()?,
                        version: k.int()?,
                    };
                    k.finish()?;
                    return Ok(value);
                }
                n => return Err(bad_key(n)),
            },
            2..=5 => {
                let id = r.long()?;
                match unique_type {
                    2 => Self::Document { id },
                    3 => Self::Secure { id },
                    4 => Self::Encrypted { id },
                    _ => Self::Temp { id },
                }
            }
            other => return Err(FileIdError::UnknownUniqueType(other)),
        };
        r.finish()?;
        Ok(value)
    }

    /// Encodes the unique id.
    #[must_use]
    pub fn encode(&self) -> String {
        let mut w = Writer::default();
        match self {
            Self::Web { url } => {
                w.int(0).bytes(url.as_bytes());
            }
            Self::PhotoLegacy {
                volume_id,
                local_id,
            } => {
                w.int(1).long(*volume_id).int(*local_id);
            }
            Self::PhotoSize { id, size_key } => {
                w.int(1).long(*id);
                w.buf.push(*size_key);
            }
            Self::StickerSetThumbnail {
                sticker_set_id,
                version,
            } => {
                w.int(1);
                w.buf.push(2);
                w.long(*sticker_set_id).int(*version);
            }
            Self::Document { id } => {
                w.int(2).long(*id);
            }
            Self::Secure { id } => {
                w.int(3).long(*id);
            }
            Self::Encrypted { id } => {
                w.int(4).long(*id);
            }
            Self::Temp { id } => {
                w.int(5).long(*id);
            }
        }
        to_text(&w.buf, &[])
    }
}

/// The unique id of a file id.
pub(super) fn of_file_id(file: &FileId) -> Result<FileUniqueId, FileIdError> {
    let photo = match &file.location {
        FileLocation::Web { url, .. } => return Ok(FileUniqueId::Web { url: url.clone() }),
        FileLocation::Common { id, .. } => {
            let id = *id;
            return Ok(match file.file_type.class() {
                FileClass::Secure => FileUniqueId::Secure { id },
                FileClass::Encrypted => FileUniqueId::Encrypted { id },
                FileClass::Temp => FileUniqueId::Temp { id },
                FileClass::Document | FileClass::Photo => FileUniqueId::Document { id },
            });
        }
        FileLocation::Photo(photo) => photo,
    };
    if let Some(legacy) = photo.legacy {
        return Ok(FileUniqueId::PhotoLegacy {
            volume_id: legacy.volume_id,
            local_id: legacy.local_id,
        });
    }
    Ok(match &photo.source {
        PhotoSizeSource::FullLegacy {
            volume_id,
            local_id,
            ..
        } => FileUniqueId::PhotoLegacy {
            volume_id: *volume_id,
            local_id: *local_id,
        },
        PhotoSizeSource::DialogPhotoSmallLegacy(_, l)
        | PhotoSizeSource::DialogPhotoBigLegacy(_, l)
        | PhotoSizeSource::StickerSetThumbnailLegacy(_, l) => FileUniqueId::PhotoLegacy {
            volume_id: l.volume_id,
            local_id: l.local_id,
        },
        PhotoSizeSource::Thumbnail { thumbnail_type, .. } => {
            let size_key = match *thumbnail_type {
                0x61 => 0, // 'a'
                0x63 => 1, // 'c'
                t @ 0..=127 => (t + 5) as u8,
                _ => return Err(FileIdError::Unencodable("thumbnail type outside 0..=127")),
            };
            FileUniqueId::PhotoSize {
                id: photo.id,
                size_key,
            }
        }
        PhotoSizeSource::DialogPhotoSmall(_) => FileUniqueId::PhotoSize {
            id: photo.id,
            size_key: 0,
        },
        PhotoSizeSource::DialogPhotoBig(_) => FileUniqueId::PhotoSize {
            id: photo.id,
            size_key: 1,
        },
        PhotoSizeSource::StickerSetThumbnailVersion(set, version) => {
            FileUniqueId::StickerSetThumbnail {
                sticker_set_id: set.id,
                version: *version,
            }
        }
        PhotoSizeSource::Legacy { .. } | PhotoSizeSource::StickerSetThumbnail(_) => {
            return Err(FileIdError::Unencodable(
                "legacy source without volume and local id",
            ));
        }
    })
}
