//! Stored files as media: finished uploads (with the document's attributes and thumbnail) and
//! re-sent photos and documents turned into stored files, and stored files rendered as
//! `MessageMedia` with the file reference clients currently get.

use pyro_tl_types::api::{enums, types};

use super::PARTS_MAX;
use crate::error::RpcError;
use crate::telegram::model::{Caller, Model};
use crate::telegram::state::FileRecord;

/// The thumbnail size type the test DC gives document thumbnails (Telegram's 320 px box).
pub(crate) const THUMB_TYPE: &str = "m";

impl Model {
    /// Joins the parts of an upload (and forgets them): its name and bytes.
    fn take_upload(
        &mut self,
        caller: &Caller,
        input: &enums::InputFile,
    ) -> Result<(String, Vec<u8>), RpcError> {
        let (file_id, parts, name) = match input {
            enums::InputFile::InputFile(f) => (f.id, f.parts, f.name.clone()),
            enums::InputFile::Big(f) => (f.id, f.parts, f.name.clone()),
            enums::InputFile::StoryDocument(_) => {
                return Err(RpcError::bad_request("FILE_ID_INVALID"));
            }
        };
        let key = (caller.auth_key_id, file_id);
        let upload = self
            .uploads
            .get(&key)
            .ok_or_else(|| RpcError::bad_request("FILE_PART_0_MISSING"))?;
        if !(1..=PARTS_MAX).contains(&parts) {
            return Err(RpcError::bad_request("FILE_PARTS_INVALID"));
        }
        let mut bytes = Vec::new();
        let mut part_size = None;
        for index in 0..parts {
            let part = upload
                .parts
                .get(&index)
                .ok_or_else(|| RpcError::bad_request(format!("FILE_PART_{index}_MISSING")))?;
            let size = *part_size.get_or_insert(part.len());
            let last = index + 1 == parts;
            let valid = if last {
                part.len() <= size
            } else {
                part.len() == size
            };
            if !valid
                || (!last && (!size.is_multiple_of(1024) || !super::PART_MAX.is_multiple_of(size)))
            {
                return Err(RpcError::bad_request("FILE_PART_SIZE_INVALID"));
            }
            bytes.extend_from_slice(part);
        }
        self.uploads.remove(&key);
        Ok((name, bytes))
    }

    /// Keeps a file on `dc_id`; returns its id.
    pub(crate) fn store_file(
        &mut self,
        dc_id: i32,
        photo: bool,
        name: &str,
        mime_type: &str,
        bytes: Vec<u8>,
    ) -> i64 {
        let id = self.rng.positive_i64();
        let record = FileRecord {
            id,
            access_hash: self.rng.positive_i64(),
            file_reference: self.rng.bytes(16),
            dc_id,
            date: self.now(),
            photo,
            name: name.to_owned(),
            mime_type: mime_type.to_owned(),
            bytes,
            attributes: Vec::new(),
            thumb: None,
        };
        self.files.insert(id, record);
        id
    }

    /// The stored file an `InputMedia` names or uploads.
    pub(crate) fn input_media(
        &mut self,
        caller: &Caller,
        media: &enums::InputMedia,
    ) -> Result<i64, RpcError> {
        match media {
            enums::InputMedia::UploadedPhoto(p) => {
                let (name, bytes) = self.take_upload(caller, &p.file)?;
                Ok(self.store_file(caller.dc_id, true, &name, "image/jpeg", bytes))
            }
            enums::InputMedia::UploadedDocument(d) => {
                let (name, bytes) = self.take_upload(caller, &d.file)?;
                let thumb = match &d.thumb {
                    Some(thumb) => Some(self.take_upload(caller, thumb)?.1),
                    None => None,
                };
                let id = self.store_file(caller.dc_id, false, &name, &d.mime_type, bytes);
                if let Some(file) = self.files.get_mut(&id) {
                    file.attributes.clone_from(&d.attributes);
                    file.thumb = thumb;
                }
                Ok(id)
            }
            enums::InputMedia::Photo(p) => match &p.id {
                enums::InputPhoto::InputPhoto(p) => self.known_file(p.id, p.access_hash, true),
                enums::InputPhoto::Empty => Err(RpcError::bad_request("MEDIA_EMPTY")),
            },
            enums::InputMedia::Document(d) => match &d.id {
                enums::InputDocument::InputDocument(d) => {
                    self.known_file(d.id, d.access_hash, false)
                }
                enums::InputDocument::Empty => Err(RpcError::bad_request("MEDIA_EMPTY")),
            },
            _ => Err(RpcError::bad_request("MEDIA_INVALID")),
        }
    }

    fn known_file(&self, id: i64, access_hash: i64, photo: bool) -> Result<i64, RpcError> {
        match self.files.get(&id) {
            Some(f) if f.access_hash == access_hash && f.photo == photo => Ok(id),
            _ => Err(RpcError::bad_request("MEDIA_INVALID")),
        }
    }

    /// The reference clients currently get for `file`: its own random bytes, followed by the
    /// number of the current period when references expire
    /// ([`crate::Faults::file_reference_ttl`]).
    pub(crate) fn file_reference(&self, file: &FileRecord) -> Vec<u8> {
        let mut reference = file.file_reference.clone();
        if let Some(ttl) = self.faults.file_reference_ttl.filter(|ttl| *ttl > 0) {
            reference.extend_from_slice(&self.now().div_euclid(ttl).to_le_bytes());
        }
        reference
    }

    /// The `MessageMedia` of stored file `file_id`.
    pub(crate) fn media_tl(&self, file_id: i64, spoiler: bool) -> enums::MessageMedia {
        let Some(file) = self.files.get(&file_id) else {
            return enums::MessageMedia::Unsupported;
        };
        if file.photo {
            return enums::MessageMedia::Photo(Box::new(types::MessageMediaPhoto {
                spoiler,
                photo: Some(enums::Photo::Photo(Box::new(self.photo_tl(file)))),
                ..types::MessageMediaPhoto::default()
            }));
        }
        let mut attributes = file.attributes.clone();
        let named = attributes
            .iter()
            .any(|a| matches!(a, enums::DocumentAttribute::Filename(_)));
        if !named && !file.name.is_empty() {
            attributes.push(enums::DocumentAttribute::Filename(
                types::DocumentAttributeFilename {
                    file_name: file.name.clone(),
                },
            ));
        }
        let (mut video, mut round, mut voice) = (false, false, false);
        for attribute in &attributes {
            match attribute {
                enums::DocumentAttribute::Video(v) => {
                    (video, round) = (!v.round_message, v.round_message);
                }
                enums::DocumentAttribute::Audio(a) => voice = a.voice,
                _ => {}
            }
        }
        let thumbs = file.thumb.as_ref().map(|thumb| {
            vec![enums::PhotoSize::PhotoSize(types::PhotoSize {
                r#type: THUMB_TYPE.to_owned(),
                w: 320,
                h: 320,
                size: i32::try_from(thumb.len()).unwrap_or(i32::MAX),
            })]
        });
        let document = types::Document {
            id: file.id,
            access_hash: file.access_hash,
            file_reference: self.file_reference(file),
            date: file.date,
            mime_type: file.mime_type.clone(),
            size: file.bytes.len() as i64,
            dc_id: file.dc_id,
            attributes,
            thumbs,
            ..types::Document::default()
        };
        enums::MessageMedia::Document(Box::new(types::MessageMediaDocument {
            spoiler,
            video,
            round,
            voice,
            document: Some(enums::Document::Document(Box::new(document))),
            ..types::MessageMediaDocument::default()
        }))
    }

    /// A stored photo as a `photo` with one size (`x`, 800 px: the test DC does not scale).
    fn photo_tl(&self, file: &FileRecord) -> types::Photo {
        let size = enums::PhotoSize::PhotoSize(types::PhotoSize {
            r#type: "x".to_owned(),
            w: 800,
            h: 800,
            size: i32::try_from(file.bytes.len()).unwrap_or(i32::MAX),
        });
        types::Photo {
            id: file.id,
            access_hash: file.access_hash,
            file_reference: self.file_reference(file),
            date: file.date,
            sizes: vec![size],
            dc_id: file.dc_id,
            ..types::Photo::default()
        }
    }
}

/// Whether an `InputMedia` asks for a spoiler.
pub(crate) fn spoiler_of(media: &enums::InputMedia) -> bool {
    match media {
        enums::InputMedia::UploadedPhoto(p) => p.spoiler,
        enums::InputMedia::UploadedDocument(d) => d.spoiler,
        enums::InputMedia::Photo(p) => p.spoiler,
        enums::InputMedia::Document(d) => d.spoiler,
        _ => false,
    }
}
