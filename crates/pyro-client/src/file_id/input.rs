//! From a file id to the raw input objects the API takes: the `InputFileLocation` that
//! `upload.getFile` downloads from, and the `InputDocument`/`InputPhoto` that re-send a file
//! (`inputMediaDocument`, `inputMediaPhoto`).

use pyro_tl_types::api::{enums, types};

use super::photo::{DialogRef, PhotoLocation, PhotoSizeSource, StickerSetRef};
use super::{FileClass, FileId, FileIdError, FileLocation, FileType};

/// Bot API chat ids of channels are `ZERO_CHANNEL_ID - channel_id` (TDLib `DialogId.h`).
const ZERO_CHANNEL_ID: i64 = -1_000_000_000_000;
/// The largest user id (TDLib `UserId.h`: 2^40 - 1).
const MAX_USER_ID: i64 = (1 << 40) - 1;
/// The largest basic group id (TDLib `ChatId.h`).
const MAX_CHAT_ID: i64 = 999_999_999_999;
/// The largest channel id (TDLib `ChannelId.h`: 10^12 - 2^31).
const MAX_CHANNEL_ID: i64 = 1_000_000_000_000 - (1 << 31);

impl DialogRef {
    /// The chat as an `InputPeer`, from its Bot API id: users are positive, basic groups
    /// `-chat_id`, channels `-1000000000000 - channel_id`. Secret chats and invalid ids have none.
    pub fn input_peer(&self) -> Result<enums::InputPeer, FileIdError> {
        let id = self.dialog_id;
        if (1..=MAX_USER_ID).contains(&id) {
            return Ok(types::InputPeerUser {
                user_id: id,
                access_hash: self.access_hash,
            }
            .into());
        }
        if (-MAX_CHAT_ID..0).contains(&id) {
            return Ok(types::InputPeerChat { chat_id: -id }.into());
        }
        if (ZERO_CHANNEL_ID - MAX_CHANNEL_ID..ZERO_CHANNEL_ID).contains(&id) {
            let channel_id = ZERO_CHANNEL_ID - id;
            return Ok(types::InputPeerChannel {
                channel_id,
                access_hash: self.access_hash,
            }
            .into());
        }
        Err(FileIdError::NoInputLocation(
            "the chat id is not a user, group or channel",
        ))
    }
}

impl StickerSetRef {
    /// The set as an `InputStickerSet`.
    #[must_use]
    pub fn input_sticker_set(&self) -> enums::InputStickerSet {
        types::InputStickerSetId {
            id: self.id,
            access_hash: self.access_hash,
        }
        .into()
    }
}

impl FileId {
    fn reference(&self) -> Vec<u8> {
        self.file_reference.clone().unwrap_or_default()
    }

    /// The location `upload.getFile` downloads this file from.
    ///
    /// Web files (fetched with `upload.getWebFile`), temporary files and legacy sticker set
    /// thumbnails (whose input constructor is gone from the current layer) have none.
    pub fn to_input_location(&self) -> Result<enums::InputFileLocation, FileIdError> {
        let file_reference = self.reference();
        match &self.location {
            FileLocation::Web { .. } => Err(FileIdError::NoInputLocation(
                "web files use upload.getWebFile",
            )),
            FileLocation::Common { id, access_hash } => {
                let (id, access_hash) = (*id, *access_hash);
                Ok(match self.file_type.class() {
                    FileClass::Encrypted => {
                        types::InputEncryptedFileLocation { id, access_hash }.into()
                    }
                    FileClass::Secure => types::InputSecureFileLocation { id, access_hash }.into(),
                    FileClass::Temp => return Err(FileIdError::NoInputLocation("temporary file")),
                    FileClass::Document | FileClass::Photo => types::InputDocumentFileLocation {
                        id,
                        access_hash,
                        file_reference,
                        thumb_size: String::new(),
                    }
                    .into(),
                })
            }
            FileLocation::Photo(photo) => photo_location(photo, file_reference),
        }
    }

    /// The document to re-send (`inputMediaDocument`), for document-class files.
    pub fn to_input_document(&self) -> Result<enums::InputDocument, FileIdError> {
        match (&self.location, self.file_type.class()) {
            (FileLocation::Common { id, access_hash }, FileClass::Document) => {
                Ok(types::InputDocument {
                    id: *id,
                    access_hash: *access_hash,
                    file_reference: self.reference(),
                }
                .into())
            }
            _ => Err(FileIdError::NoInputLocation("not a document")),
        }
    }

    /// The photo to re-send (`inputMediaPhoto`), for photos (any of their sizes).
    pub fn to_input_photo(&self) -> Result<enums::InputPhoto, FileIdError> {
        match (&self.location, self.file_type) {
            (
                FileLocation::Photo(photo),
                FileType::Photo | FileType::PhotoStory | FileType::SelfDestructingPhoto,
            ) => Ok(types::InputPhoto {
                id: photo.id,
                access_hash: photo.access_hash,
                file_reference: self.reference(),
            }
            .into()),
            _ => Err(FileIdError::NoInputLocation("not a photo")),
        }
    }
}

/// The `thumb_size` string of a size type letter.
fn size_letter(thumbnail_type: i32) -> Result<String, FileIdError> {
    u8::try_from(thumbnail_type)
        .ok()
        .filter(u8::is_ascii)
        .map(|b| char::from(b).to_string())
        .ok_or(FileIdError::NoInputLocation(
            "thumbnail type is not a letter",
        ))
}

fn photo_location(
    photo: &PhotoLocation,
    file_reference: Vec<u8>,
) -> Result<enums::InputFileLocation, FileIdError> {
    let (id, access_hash) = (photo.id, photo.access_hash);
    let legacy_location = |volume_id, local_id, secret| -> enums::InputFileLocation {
        types::InputPhotoLegacyFileLocation {
            id,
            access_hash,
            file_reference: file_reference.clone(),
            volume_id,
            local_id,
            secret,
        }
        .into()
    };
    let peer_location =
        |dialog: &DialogRef, big| -> Result<enums::InputFileLocation, FileIdError> {
            Ok(types::InputPeerPhotoFileLocation {
                big,
                peer: dialog.input_peer()?,
                photo_id: id,
            }
            .into())
        };
    Ok(match &photo.source {
        PhotoSizeSource::Legacy { secret } => {
            let legacy = photo.legacy.unwrap_or_default();
            legacy_location(legacy.volume_id, legacy.local_id, *secret)
        }
        PhotoSizeSource::FullLegacy {
            volume_id,
            secret,
            local_id,
        } => legacy_location(*volume_id, *local_id, *secret),
        PhotoSizeSource::Thumbnail {
            file_type,
            thumbnail_type,
        } => {
            let thumb_size = size_letter(*thumbnail_type)?;
            match file_type {
                FileType::Thumbnail => types::InputDocumentFileLocation {
                    id,
                    access_hash,
                    file_reference,
                    thumb_size,
                }
                .into(),
                FileType::EncryptedThumbnail => {
                    return Err(FileIdError::NoInputLocation(
                        "secret-chat thumbnails come with the message",
                    ));
                }
                _ => types::InputPhotoFileLocation {
                    id,
                    access_hash,
                    file_reference,
                    thumb_size,
                }
                .into(),
            }
        }
        PhotoSizeSource::DialogPhotoSmall(d) | PhotoSizeSource::DialogPhotoSmallLegacy(d, _) => {
            peer_location(d, false)?
        }
        PhotoSizeSource::DialogPhotoBig(d) | PhotoSizeSource::DialogPhotoBigLegacy(d, _) => {
            peer_location(d, true)?
        }
        PhotoSizeSource::StickerSetThumbnailVersion(set, version) => types::InputStickerSetThumb {
            stickerset: set.input_sticker_set(),
            thumb_version: *version,
        }
        .into(),
        PhotoSizeSource::StickerSetThumbnail(_)
        | PhotoSizeSource::StickerSetThumbnailLegacy(..) => {
            return Err(FileIdError::NoInputLocation(
                "legacy sticker set thumbnails cannot be fetched",
            ));
        }
    })
}
