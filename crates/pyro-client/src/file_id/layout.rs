//! The `file_id` layout: version bytes, flags, file reference and body
//! (TDLib's `FullRemoteFileLocation::store`/`parse`, `td/telegram/files/FileLocation.hpp`, and
//! `FileManager::from_persistent_id`).

use super::codec::{Reader, Writer, from_base64, rle_decode, to_text};
use super::photo::PhotoLocation;
use super::{FileClass, FileId, FileIdError, FileLocation, FileType};

/// Set in the type word of web files.
const WEB_LOCATION_FLAG: i32 = 1 << 24;
/// Set in the type word when a file reference follows the dc id.
const FILE_REFERENCE_FLAG: i32 = 1 << 25;

/// Decodes a `file_id` text.
pub(super) fn decode(text: &str) -> Result<FileId, FileIdError> {
    let bytes = from_base64(text)?;
    let (&version, rest) = bytes.split_last().ok_or(FileIdError::TooShort)?;
    let (sub_version, packed) = match version {
        4 => {
            let (&sub, packed) = rest.split_last().ok_or(FileIdError::TooShort)?;
            (sub, packed)
        }
        2 => (0, rest),
        other => return Err(FileIdError::UnsupportedVersion(other)),
    };
    let raw = rle_decode(packed)?;
    let mut r = Reader::new(&raw);

    let word = r.int()?;
    let is_web = word & WEB_LOCATION_FLAG != 0;
    let has_reference = word & FILE_REFERENCE_FLAG != 0;
    let type_value = word & !(WEB_LOCATION_FLAG | FILE_REFERENCE_FLAG);
    let file_type =
        FileType::from_wire(type_value).ok_or(FileIdError::UnknownFileType(type_value))?;
    let dc_id = r.int()?;
    let file_reference = if has_reference {
        Some(r.bytes()?)
    } else {
        None
    };

    let location = if is_web {
        FileLocation::Web {
            url: r.string()?,
            access_hash: r.long()?,
        }
    } else {
        let id = r.long()?;
        let access_hash = r.long()?;
        match file_type.class() {
            FileClass::Photo => {
                let photo = PhotoLocation::read_rest(&mut r, id, access_hash, sub_version)?;
                photo.source.check(file_type)?;
                FileLocation::Photo(photo)
            }
            FileClass::Temp => return Err(FileIdError::UnknownFileType(type_value)),
            FileClass::Document | FileClass::Secure | FileClass::Encrypted => {
                FileLocation::Common { id, access_hash }
            }
        }
    };
    let trailer = if version == 2 {
        r.rest().to_vec()
    } else {
        Vec::new()
    };
    r.finish()?;
    Ok(FileId {
        version,
        sub_version,
        file_type,
        dc_id,
        file_reference,
        location,
        trailer,
    })
}

/// Encodes a `file_id` in its version's layout.
pub(super) fn encode(id: &FileId) -> Result<String, FileIdError> {
    let suffix: &[u8] = match id.version {
        4 => &[id.sub_version, 4],
        2 if id.sub_version == 0 => &[2],
        2 => return Err(FileIdError::Unencodable("version 2 has no sub-version")),
        _ => {
            return Err(FileIdError::Unencodable(
                "only versions 2 and 4 are written",
            ));
        }
    };
    let mut word = id.file_type.to_wire();
    if matches!(id.location, FileLocation::Web { .. }) {
        word |= WEB_LOCATION_FLAG;
    }
    if id.file_reference.is_some() {
        word |= FILE_REFERENCE_FLAG;
    }
    let mut w = Writer::default();
    w.int(word).int(id.dc_id);
    if let Some(reference) = &id.file_reference {
        w.bytes(reference);
    }
    match (&id.location, id.file_type.class()) {
        (FileLocation::Web { url, access_hash }, _) => {
            w.bytes(url.as_bytes()).long(*access_hash);
        }
        (
            FileLocation::Common { id, access_hash },
            FileClass::Document | FileClass::Secure | FileClass::Encrypted,
        ) => {
            w.long(*id).long(*access_hash);
        }
        (FileLocation::Photo(photo), FileClass::Photo) => {
            photo.source.check(id.file_type)?;
            w.long(photo.id).long(photo.access_hash);
            photo.write_rest(&mut w, id.sub_version)?;
        }
        _ => {
            return Err(FileIdError::Unencodable(
                "the location does not fit the file type",
            ));
        }
    }
    if !id.trailer.is_empty() && id.version != 2 {
        return Err(FileIdError::Unencodable(
            "only version-2 ids have trailing bytes",
        ));
    }
    w.buf.extend_from_slice(&id.trailer);
    Ok(to_text(&w.buf, suffix))
}
