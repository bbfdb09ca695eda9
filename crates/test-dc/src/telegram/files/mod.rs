//! `upload.*` and the media half of `messages.*`: saving file parts, turning finished uploads
//! into stored photos and documents on the DC they were uploaded to (`messages.sendMedia`,
//! `uploadMedia`, `sendMultiMedia`), and serving `upload.getFile` with Telegram's size rules
//! (core.telegram.org/api/files):
//! - parts: `part_size % 1024 == 0` and `524288 % part_size == 0`, except a shorter last part;
//!   `file_part` in `0..4000`; total parts in `1..=4000`.
//! - downloads: `offset % 4096 == 0`, `limit % 4096 == 0`, `1048576 % limit == 0` and a chunk may
//!   not cross a 1 MiB boundary (`precise` relaxes this to multiples of 1024 up to 1 MiB).
//! - a file kept on another DC answers `303 FILE_MIGRATE_X`.

use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions, types};
use pyro_tl_types::primitives::write_bytes;

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::faults::{MigrateKind, migrate_error};
use crate::telegram::model::{Caller, Model};

mod album;
mod media;

pub(crate) use media::spoiler_of;

/// Largest part (512 KiB).
const PART_MAX: usize = 512 * 1024;
/// Parts per file (Telegram allows 4000 for everyone since 2022).
const PARTS_MAX: i32 = 4000;
/// Download chunk rules.
const MIB: i64 = 1024 * 1024;

/// Routes `upload.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "upload.saveFilePart" => save_part(model, caller, body, false),
        "upload.saveBigFilePart" => save_part(model, caller, body, true),
        "upload.getFile" => get_file(model, caller, body),
        "messages.uploadMedia" => album::upload_media(model, caller, body),
        "messages.sendMultiMedia" => album::send_multi_media(model, caller, body),
        _ => return None,
    })
}

fn check_part_size(len: usize) -> Result<(), RpcError> {
    if len == 0 || len > PART_MAX {
        return Err(RpcError::bad_request("FILE_PART_EMPTY_OR_TOO_BIG"));
    }
    Ok(())
}

fn save_part(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
    big: bool,
) -> Result<Vec<u8>, RpcError> {
    let (file_id, part, total, bytes) = if big {
        let r: functions::upload::SaveBigFilePart = decode(body)?;
        (r.file_id, r.file_part, Some(r.file_total_parts), r.bytes)
    } else {
        let r: functions::upload::SaveFilePart = decode(body)?;
        (r.file_id, r.file_part, None, r.bytes)
    };
    if !(0..PARTS_MAX).contains(&part) {
        return Err(RpcError::bad_request("FILE_PART_INVALID"));
    }
    if total.is_some_and(|total| !(1..=PARTS_MAX).contains(&total) || part >= total) {
        return Err(RpcError::bad_request("FILE_PARTS_INVALID"));
    }
    check_part_size(bytes.len())?;
    let upload = model
        .uploads
        .entry((caller.auth_key_id, file_id))
        .or_default();
    upload.big_total = total.or(upload.big_total);
    upload.parts.insert(part, bytes);
    answer(&true)
}

/// Checks `offset`/`limit` against the download rules.
fn check_window(offset: i64, limit: i32, precise: bool) -> Result<(), RpcError> {
    let limit = i64::from(limit);
    let (align, limit_ok) = if precise {
        (1024, limit > 0 && limit % 1024 == 0 && limit <= MIB)
    } else {
        (4096, limit > 0 && limit % 4096 == 0 && MIB % limit == 0)
    };
    if !limit_ok {
        return Err(RpcError::bad_request("LIMIT_INVALID"));
    }
    let last = offset.saturating_add(limit - 1);
    if offset < 0 || offset % align != 0 || (!precise && offset / MIB != last / MIB) {
        return Err(RpcError::bad_request("OFFSET_INVALID"));
    }
    Ok(())
}

fn get_file(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::upload::GetFile = decode(body)?;
    let (id, access_hash, reference, photo, thumb_size) = match &request.location {
        enums::InputFileLocation::InputDocumentFileLocation(l) => {
            (l.id, l.access_hash, &l.file_reference, false, &l.thumb_size)
        }
        enums::InputFileLocation::InputPhotoFileLocation(l) => {
            (l.id, l.access_hash, &l.file_reference, true, &l.thumb_size)
        }
        _ => return Err(RpcError::bad_request("LOCATION_INVALID")),
    };
    let file = match model.files.get(&id) {
        Some(f) if f.access_hash == access_hash && f.photo == photo => f,
        _ => return Err(RpcError::bad_request("FILE_ID_INVALID")),
    };
    if *reference != model.file_reference(file) {
        return Err(RpcError::bad_request("FILE_REFERENCE_EXPIRED"));
    }
    if file.dc_id != caller.dc_id {
        return Err(migrate_error(MigrateKind::File, file.dc_id));
    }
    check_window(request.offset, request.limit, request.precise)?;
    // A document's thumbnail is asked for by its size type; a photo has one size.
    let bytes = match (&file.thumb, photo || thumb_size.is_empty()) {
        (_, true) => &file.bytes,
        (Some(thumb), false) if thumb_size == media::THUMB_TYPE => thumb,
        _ => return Err(RpcError::bad_request("LOCATION_INVALID")),
    };
    let start = usize::try_from(request.offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let end = start
        .saturating_add(request.limit as usize)
        .min(bytes.len());
    let file_type = if file.photo {
        enums::storage::FileType::FileJpeg
    } else {
        enums::storage::FileType::FilePartial
    };
    Ok(file_answer(
        file_type,
        file.date,
        bytes.get(start..end).unwrap_or_default(),
    ))
}

/// `upload.file` holding `bytes`, copied once: the generated serializer writes every field
/// with `bytes` empty (its last field, 4 bytes: a zero length and 3 of padding), which are then
/// replaced by `bytes` themselves; building the struct would copy a 512 KiB window twice.
fn file_answer(file_type: enums::storage::FileType, mtime: i32, bytes: &[u8]) -> Vec<u8> {
    let head = enums::upload::File::File(Box::new(types::upload::File {
        r#type: file_type,
        mtime,
        bytes: Vec::new(),
    }));
    let mut out = Vec::with_capacity(32 + bytes.len());
    head.serialize(&mut out);
    out.truncate(out.len().saturating_sub(4));
    write_bytes(bytes, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::{check_window, file_answer};
    use pyro_tl_types::Serializable;
    use pyro_tl_types::api::{enums, types};

    #[test]
    fn file_answers_equal_the_generated_serialization() {
        for len in [0, 1, 3, 253, 254, 255, 4096, 512 * 1024] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let full = enums::upload::File::File(Box::new(types::upload::File {
                r#type: enums::storage::FileType::FilePartial,
                mtime: 1_700_000_000,
                bytes: bytes.clone(),
            }));
            assert_eq!(
                file_answer(enums::storage::FileType::FilePartial, 1_700_000_000, &bytes),
                full.to_bytes(),
                "{len} bytes"
            );
        }
    }

    #[test]
    fn download_windows_follow_telegrams_rules() {
        assert!(check_window(0, 512 * 1024, false).is_ok());
        assert!(check_window(1024 * 1024, 1024 * 1024, false).is_ok());
        assert!(check_window(4096, 4096, false).is_ok());
        assert_eq!(
            check_window(0, 3000, false).unwrap_err().message,
            "LIMIT_INVALID"
        );
        assert_eq!(
            check_window(0, 12 * 1024, false).unwrap_err().message,
            "LIMIT_INVALID"
        );
        assert_eq!(
            check_window(1000, 4096, false).unwrap_err().message,
            "OFFSET_INVALID"
        );
        // 768 KiB + 512 KiB crosses the 1 MiB boundary.
        assert_eq!(
            check_window(768 * 1024, 512 * 1024, false)
                .unwrap_err()
                .message,
            "OFFSET_INVALID"
        );
        assert!(check_window(1024, 3072, true).is_ok());
        // The largest aligned offset must not overflow.
        let far = i64::MAX / 4096 * 4096;
        assert!(check_window(far, 4096, false).is_ok());
        assert!(check_window(far, 1024 * 1024, false).is_ok());
        assert_eq!(
            check_window(-4096, 4096, false).unwrap_err().message,
            "OFFSET_INVALID"
        );
    }
}
