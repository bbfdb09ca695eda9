//! Photo locations: the photo's id and access hash and the [`PhotoSizeSource`] saying which size
//! of which photo (TDLib's `PhotoSizeSource`, `td/telegram/PhotoSizeSource.h` and `.hpp`; the tag
//! is the variant's index there, the fields follow in TDLib's store order).

use super::codec::{Reader, Writer};
use super::{FileIdError, FileType};

/// The sub-version from which a source follows the access hash directly (TDLib's
/// `Version::RemovePhotoVolumeAndLocalId`); before it, `volume_id` and `local_id` surround it.
pub(super) const NO_VOLUME_FROM: u8 = 32;
/// The sub-version from which a tagged source is written at all (`Version::AddPhotoSizeSource`);
/// before it the layout is `volume_id secret local_id`.
pub(super) const SOURCE_FROM: u8 = 22;

/// A photo location: which photo, and which size of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoLocation {
    /// The photo's (or, for document thumbnails, the document's) id.
    pub id: i64,
    /// Its access hash.
    pub access_hash: i64,
    /// Which size of the photo, and how to ask for it.
    pub source: PhotoSizeSource,
    /// The volume and local id that sub-versions below 32 write around the source; `None` in the
    /// current layout. Encoding a sub-version below 32 without them writes zeros.
    pub legacy: Option<LegacyIds>,
}

/// The storage coordinates older photo locations carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LegacyIds {
    /// The storage volume.
    pub volume_id: i64,
    /// The file's id within the volume.
    pub local_id: i32,
}

/// Which size of a photo a location names, and the context needed to fetch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoSizeSource {
    /// Tag 0: a photo with a secret (only inside the sub-version 22-31 layout, or implied below 22).
    Legacy {
        /// The photo's secret.
        secret: i64,
    },
    /// Tag 1: a size of a photo, or a thumbnail of a document.
    Thumbnail {
        /// `Photo` for photo sizes, `Thumbnail` for document thumbnails.
        file_type: FileType,
        /// The size's type letter (`'s'`, `'m'`, `'x'`, `'y'`, `'w'`, `'i'`...) as a number.
        thumbnail_type: i32,
    },
    /// Tag 2: the small profile photo of a chat.
    DialogPhotoSmall(DialogRef),
    /// Tag 3: the big profile photo of a chat.
    DialogPhotoBig(DialogRef),
    /// Tag 4: a sticker set's thumbnail (only inside the sub-version 22-31 layout).
    StickerSetThumbnail(StickerSetRef),
    /// Tag 5: a legacy photo addressed by volume, local id and secret.
    FullLegacy {
        /// The storage volume.
        volume_id: i64,
        /// The photo's secret.
        secret: i64,
        /// The file's id within the volume.
        local_id: i32,
    },
    /// Tag 6: a legacy small profile photo.
    DialogPhotoSmallLegacy(DialogRef, LegacyIds),
    /// Tag 7: a legacy big profile photo.
    DialogPhotoBigLegacy(DialogRef, LegacyIds),
    /// Tag 8: a legacy sticker set thumbnail.
    StickerSetThumbnailLegacy(StickerSetRef, LegacyIds),
    /// Tag 9: a sticker set thumbnail by version (`inputStickerSetThumb`).
    StickerSetThumbnailVersion(StickerSetRef, i32),
}

/// The chat a profile photo belongs to, as a Bot API chat id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DialogRef {
    /// Bot API chat id: a user id, `-chat_id`, or `-1000000000000 - channel_id`.
    pub dialog_id: i64,
    /// The user's or channel's access hash (0 for basic groups).
    pub access_hash: i64,
}

/// A sticker set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StickerSetRef {
    /// The set's id.
    pub id: i64,
    /// The set's access hash.
    pub access_hash: i64,
}

impl PhotoSizeSource {
    /// The source's tag on the wire.
    #[must_use]
    pub fn tag(&self) -> i32 {
        match self {
            Self::Legacy { .. } => 0,
            Self::Thumbnail { .. } => 1,
            Self::DialogPhotoSmall(_) => 2,
            Self::DialogPhotoBig(_) => 3,
            Self::StickerSetThumbnail(_) => 4,
            Self::FullLegacy { .. } => 5,
            Self::DialogPhotoSmallLegacy(..) => 6,
            Self::DialogPhotoBigLegacy(..) => 7,
            Self::StickerSetThumbnailLegacy(..) => 8,
            Self::StickerSetThumbnailVersion(..) => 9,
        }
    }

    /// Reads a tagged source.
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, FileIdError> {
        let tag = r.int()?;
        Ok(match tag {
            0 => Self::Legacy { secret: r.long()? },
            1 => {
                let raw = r.int()?;
                let file_type =
                    FileType::from_wire(raw).ok_or(FileIdError::UnknownFileType(raw))?;
                Self::Thumbnail {
                    file_type,
                    thumbnail_type: r.int()?,
                }
            }
            2 => Self::DialogPhotoSmall(read_dialog(r)?),
            3 => Self::DialogPhotoBig(read_dialog(r)?),
            4 => Self::StickerSetThumbnail(read_set(r)?),
            5 => Self::FullLegacy {
                volume_id: r.long()?,
                secret: r.long()?,
                local_id: r.int()?,
            },
            6 => Self::DialogPhotoSmallLegacy(read_dialog(r)?, read_legacy(r)?),
            7 => Self::DialogPhotoBigLegacy(read_dialog(r)?, read_legacy(r)?),
            8 => Self::StickerSetThumbnailLegacy(read_set(r)?, read_legacy(r)?),
            9 => Self::StickerSetThumbnailVersion(read_set(r)?, r.int()?),
            other => return Err(FileIdError::UnknownPhotoSource(other)),
        })
    }

    /// Writes the tag and the fields.
    pub(super) fn write(&self, w: &mut Writer) {
        w.int(self.tag());
        match self {
            Self::Legacy { secret } => {
                w.long(*secret);
            }
            Self::Thumbnail {
                file_type,
                thumbnail_type,
            } => {
                w.int(file_type.to_wire()).int(*thumbnail_type);
            }
            Self::DialogPhotoSmall(d) | Self::DialogPhotoBig(d) => {
                w.long(d.dialog_id).long(d.access_hash);
            }
            Self::StickerSetThumbnail(s) => {
                w.long(s.id).long(s.access_hash);
            }
            Self::FullLegacy {
                volume_id,
                secret,
                local_id,
            } => {
                w.long(*volume_id).long(*secret).int(*local_id);
            }
            Self::DialogPhotoSmallLegacy(d, l) | Self::DialogPhotoBigLegacy(d, l) => {
                w.long(d.dialog_id)
                    .long(d.access_hash)
                    .long(l.volume_id)
                    .int(l.local_id);
            }
            Self::StickerSetThumbnailLegacy(s, l) => {
                w.long(s.id)
                    .long(s.access_hash)
                    .long(l.volume_id)
                    .int(l.local_id);
            }
            Self::StickerSetThumbnailVersion(s, version) => {
                w.long(s.id).long(s.access_hash).int(*version);
            }
        }
    }

    /// Checks the source against the file type, as TDLib does after parsing.
    pub(super) fn check(&self, file_type: FileType) -> Result<(), FileIdError> {
        let ok = match self {
            Self::Legacy { .. } | Self::FullLegacy { .. } => true,
            Self::Thumbnail {
                file_type: inner, ..
            } => {
                *inner == file_type
                    && matches!(
                        file_type,
                        FileType::Photo
                            | FileType::PhotoStory
                            | FileType::Thumbnail
                            | FileType::EncryptedThumbnail
                    )
            }
            Self::DialogPhotoSmall(_)
            | Self::DialogPhotoBig(_)
            | Self::DialogPhotoSmallLegacy(..)
            | Self::DialogPhotoBigLegacy(..) => file_type == FileType::ProfilePhoto,
            Self::StickerSetThumbnail(_)
            | Self::StickerSetThumbnailLegacy(..)
            | Self::StickerSetThumbnailVersion(..) => file_type == FileType::Thumbnail,
        };
        if ok {
            Ok(())
        } else {
            Err(FileIdError::InvalidPhotoSource {
                source_tag: self.tag(),
                context: "this file type",
            })
        }
    }
}

fn read_dialog(r: &mut Reader<'_>) -> Result<DialogRef, FileIdError> {
    Ok(DialogRef {
        dialog_id: r.long()?,
        access_hash: r.long()?,
    })
}

fn read_set(r: &mut Reader<'_>) -> Result<StickerSetRef, FileIdError> {
    Ok(StickerSetRef {
        id: r.long()?,
        access_hash: r.long()?,
    })
}

fn read_legacy(r: &mut Reader<'_>) -> Result<LegacyIds, FileIdError> {
    Ok(LegacyIds {
        volume_id: r.long()?,
        local_id: r.int()?,
    })
}

impl PhotoLocation {
    /// Reads the body after the access hash, in the sub-version's layout.
    pub(super) fn read_rest(
        r: &mut Reader<'_>,
        id: i64,
        access_hash: i64,
        sub_version: u8,
    ) -> Result<Self, FileIdError> {
        let (source, legacy) = if sub_version >= NO_VOLUME_FROM {
            let source = PhotoSizeSource::read(r)?;
            if matches!(
                source,
                PhotoSizeSource::Legacy { .. } | PhotoSizeSource::StickerSetThumbnail(_)
            ) {
                return Err(FileIdError::InvalidPhotoSource {
                    source_tag: source.tag(),
                    context: "sub-version 32 and later",
                });
            }
            (source, None)
        } else if sub_version >= SOURCE_FROM {
            let volume_id = r.long()?;
            let source = PhotoSizeSource::read(r)?;
            (
                source,
                Some(LegacyIds {
                    volume_id,
                    local_id: r.int()?,
                }),
            )
        } else {
            let volume_id = r.long()?;
            let secret = r.long()?;
            (
                PhotoSizeSource::Legacy { secret },
                Some(LegacyIds {
                    volume_id,
                    local_id: r.int()?,
                }),
            )
        };
        Ok(Self {
            id,
            access_hash,
            source,
            legacy,
        })
    }

    /// Writes the body after the access hash, in the sub-version's layout.
    pub(super) fn write_rest(&self, w: &mut Writer, sub_version: u8) -> Result<(), FileIdError> {
        let legacy = self.legacy.unwrap_or_default();
        let is_legacy_tag = matches!(
            self.source,
            PhotoSizeSource::Legacy { .. } | PhotoSizeSource::StickerSetThumbnail(_)
        );
        if sub_version >= NO_VOLUME_FROM {
            if is_legacy_tag {
                return Err(FileIdError::Unencodable(
                    "source not allowed from sub-version 32",
                ));
            }
            self.source.write(w);
        } else if sub_version >= SOURCE_FROM {
            w.long(legacy.volume_id);
            self.source.write(w);
            w.int(legacy.local_id);
        } else {
            let PhotoSizeSource::Legacy { secret } = self.source else {
                return Err(FileIdError::Unencodable(
                    "sub-versions below 22 hold only legacy photos",
                ));
            };
            w.long(legacy.volume_id).long(secret).int(legacy.local_id);
        }
        Ok(())
    }
}
