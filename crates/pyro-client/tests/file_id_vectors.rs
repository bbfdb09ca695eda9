//! Known-answer tests for `file_id` and `file_unique_id`.
//!
//! Every vector is a real Bot API id published in Pyrogram's test suite: repository
//! `pyrogram/pyrogram`, file `tests/test_file_id.py` (ids of a test chat's media, sub-version 30,
//! plus one version-2 id). Each one must decode to its published type, re-encode byte for byte,
//! and yield the `file_unique_id` the Bot API published beside it, which independently checks
//! the decoded ids, volumes and local ids.

// Ids as their sources print them, without digit separators, so they can be compared by eye.
#![allow(clippy::unreadable_literal)]

use pyro_client::file_id::{
    FileClass, FileId, FileIdError, FileLocation, FileType, FileUniqueId, PhotoSizeSource,
};
use pyro_tl_types::api::enums::{InputFileLocation, InputPeer};

/// (file_id, type, file_unique_id) from pyrogram/pyrogram tests/test_file_id.py.
const VECTORS: &[(&str, FileType, &str)] = &[
    // test_audio
    (
        "CQACAgIAAx0CAAGgr9AAAgmQX7b4XPBstC1fFUuJBooHTHFd7HMAAgUAA4GkuUnVOGG5P196yR4E",
        FileType::Audio,
        "AgADBQADgaS5SQ",
    ),
    (
        "AAMCAgADHQIAAaCv0AACCZBftvhc8Gy0LV8VS4kGigdMcV3scwACBQADgaS5SdU4Ybk_X3rJIH3qihAAAwEAB20AA_OeAQABHgQ",
        FileType::Thumbnail,
        "AQADIH3qihAAA_OeAQAB",
    ),
    // test_video
    (
        "BAACAgIAAx0CAAGgr9AAAgmRX7b4Xv9f-4BK5VR_5ppIOF6UIp0AAgYAA4GkuUmhnZz2xC37wR4E",
        FileType::Video,
        "AgADBgADgaS5SQ",
    ),
    (
        "AAMCAgADHQIAAaCv0AACCZFftvhe_1_7gErlVH_mmkg4XpQinQACBgADgaS5SaGdnPbELfvBIH3qihAAAwEAB20AA_WeAQABHgQ",
        FileType::Thumbnail,
        "AQADIH3qihAAA_WeAQAB",
    ),
    // test_document
    (
        "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E",
        FileType::Document,
        "AgADBAADgaS5SQ",
    ),
    (
        "AAMCAgADHQIAAaCv0AACCY9ftvhTFuM2gUQ78vQjizrCtc0kDwACBAADgaS5Sb0UW8ho6FdZIH3qihAAAwEAB3MAA_GeAQABHgQ",
        FileType::Thumbnail,
        "AQADIH3qihAAA_GeAQAB",
    ),
    // test_animation
    (
        "CgACAgIAAx0CAAGgr9AAAgmSX7b4Y2g8_QW2XFd49iUmRnHOyG8AAgcAA4GkuUnry9gWDzF_5R4E",
        FileType::Animation,
        "AgADBwADgaS5SQ",
    ),
    // test_voice
    (
        "AwACAgIAAx0CAAGgr9AAAgmUX7b4c1KQyHVwzffxC2EnSYWsMAQAAgkAA4GkuUlsZUZ4_I97AR4E",
        FileType::VoiceNote,
        "AgADCQADgaS5SQ",
    ),
    // test_video_note
    (
        "DQACAgIAAx0CAAGgr9AAAgmVX7b53qrRzCEO13BaLQJaYuFbdlwAAgoAA4GkuUmlqIzDy_PCsx4E",
        FileType::VideoNote,
        "AgADCgADgaS5SQ",
    ),
    (
        "AAMCAgADHQIAAaCv0AACCZVftvneqtHMIQ7XcFotAlpi4Vt2XAACCgADgaS5SaWojMPL88KzIH3qihAAAwEAB20AA_meAQABHgQ",
        FileType::Thumbnail,
        "AQADIH3qihAAA_meAQAB",
    ),
    // test_sticker
    (
        "CAACAgEAAx0CAAGgr9AAAgmWX7b6uFeLlhXEgYrM8pIbGaQKRQ0AAswBAALjeAQAAbeooNv_tb6-HgQ",
        FileType::Sticker,
        "AgADzAEAAuN4BAAB",
    ),
    (
        "AAMCAQADHQIAAaCv0AACCZZftvq4V4uWFcSBiszykhsZpApFDQACzAEAAuN4BAABt6ig2_-1vr5gWNkpAAQBAAdtAAM0BQACHgQ",
        FileType::Thumbnail,
        "AQADYFjZKQAENAUAAg",
    ),
    // test_photo
    (
        "AgACAgIAAx0CAAGgr9AAAgmZX7b7IPLRl8NcV3EJkzHwI1gwT-oAAq2nMRuBpLlJPJY-URZfhTkgfeqKEAADAQADAgADbQADAZ8BAAEeBA",
        FileType::Photo,
        "AQADIH3qihAAAwGfAQAB",
    ),
    (
        "AgACAgIAAx0CAAGgr9AAAgmZX7b7IPLRl8NcV3EJkzHwI1gwT-oAAq2nMRuBpLlJPJY-URZfhTkgfeqKEAADAQADAgADeAADAp8BAAEeBA",
        FileType::Photo,
        "AQADIH3qihAAAwKfAQAB",
    ),
    (
        "AgACAgIAAx0CAAGgr9AAAgmZX7b7IPLRl8NcV3EJkzHwI1gwT-oAAq2nMRuBpLlJPJY-URZfhTkgfeqKEAADAQADAgADeQAD_54BAAEeBA",
        FileType::Photo,
        "AQADIH3qihAAA_-eAQAB",
    ),
    // test_chat_photo: user, basic group and channel photos, small and big
    (
        "AQADAgADrKcxGylBBQAJIH3qihAAAwIAAylBBQAF7bDHYwABnc983KcAAh4E",
        FileType::ProfilePhoto,
        "AQADIH3qihAAA9ynAAI",
    ),
    (
        "AQADAgADrKcxGylBBQAJIH3qihAAAwMAAylBBQAF7bDHYwABnc983qcAAh4E",
        FileType::ProfilePhoto,
        "AQADIH3qihAAA96nAAI",
    ),
    (
        "AQADAgATIH3qihAAAwIAA3t3-P______AAjhngEAAR4E",
        FileType::ProfilePhoto,
        "AQADIH3qihAAA-GeAQAB",
    ),
    (
        "AQADAgATIH3qihAAAwMAA3t3-P______AAjjngEAAR4E",
        FileType::ProfilePhoto,
        "AQADIH3qihAAA-OeAQAB",
    ),
    (
        "AQADAgATIH3qihAAAwIAA-fFwCoX____MvARg8nvpc3RpwACHgQ",
        FileType::ProfilePhoto,
        "AQADIH3qihAAA9GnAAI",
    ),
    (
        "AQADAgATIH3qihAAAwMAA-fFwCoX____MvARg8nvpc3TpwACHgQ",
        FileType::ProfilePhoto,
        "AQADIH3qihAAA9OnAAI",
    ),
];

#[test]
fn every_vector_decodes_reencodes_and_yields_its_unique_id() {
    for &(text, file_type, unique) in VECTORS {
        let id = FileId::decode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(id.file_type, file_type, "{text}");
        assert_eq!((id.version, id.sub_version), (4, 30), "{text}");
        assert_eq!(id.encode().as_deref(), Ok(text), "re-encode {text}");
        let computed = id.unique_id().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(computed.encode(), unique, "unique id of {text}");
        let decoded = FileUniqueId::decode(unique).unwrap_or_else(|e| panic!("{unique}: {e}"));
        assert_eq!(decoded, computed);
        assert_eq!(decoded.encode(), unique);
        // Every one of them names something the client can download.
        assert!(id.to_input_location().is_ok(), "{text}");
    }
}

#[test]
fn document_fields_match_pyrogram_stringified_values() {
    // test_stringify_file_id: dc 2, this file reference, media_id and access_hash.
    let id = FileId::decode(
        "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(id.dc_id, 2);
    let reference: &[u8] = b"\x02\x00\xa0\xaf\xd0\x00\x00\t\x8f_\xb6\xf8S\x16\xe36\x81D;\xf2\xf4#\x8b:\xc2\xb5\xcd$\x0f";
    assert_eq!(id.file_reference.as_deref(), Some(reference));
    assert_eq!(
        id.location,
        FileLocation::Common {
            id: 5312458109417947140,
            access_hash: 6437869729085068477
        }
    );
    assert_eq!(id.file_type.class(), FileClass::Document);
    // test_stringify_file_unique_id
    assert_eq!(
        FileUniqueId::decode("AgADBAADgaS5SQ"),
        Ok(FileUniqueId::Document {
            id: 5312458109417947140
        })
    );

    let Ok(InputFileLocation::InputDocumentFileLocation(loc)) = id.to_input_location() else {
        panic!("document location expected");
    };
    assert_eq!(
        (loc.id, loc.access_hash, loc.thumb_size.as_str()),
        (5312458109417947140, 6437869729085068477, "")
    );
    assert_eq!(loc.file_reference, reference);
    assert!(id.to_input_document().is_ok());
    assert!(id.to_input_photo().is_err());
}

#[test]
fn photo_sizes_carry_their_size_letter() {
    // photo_small, photo_medium and photo_big: sizes 'm', 'x' and 'y'.
    for (&(text, _, _), letter) in VECTORS[12..15].iter().zip(['m', 'x', 'y']) {
        let id = FileId::decode(text).unwrap_or_else(|e| panic!("{e}"));
        let FileLocation::Photo(photo) = &id.location else {
            panic!("photo location expected")
        };
        assert_eq!(
            photo.source,
            PhotoSizeSource::Thumbnail {
                file_type: FileType::Photo,
                thumbnail_type: letter as i32
            }
        );
        let Ok(InputFileLocation::InputPhotoFileLocation(loc)) = id.to_input_location() else {
            panic!("photo location expected");
        };
        assert_eq!(loc.thumb_size, letter.to_string());
        assert!(id.to_input_photo().is_ok());
    }
}

#[test]
fn document_thumbnails_download_through_the_document() {
    let (text, _, _) = VECTORS[1];
    let id = FileId::decode(text).unwrap_or_else(|e| panic!("{e}"));
    let Ok(InputFileLocation::InputDocumentFileLocation(loc)) = id.to_input_location() else {
        panic!("document thumbnail location expected");
    };
    // The audio's document id (its unique id "AgADBQADgaS5SQ" holds the same id).
    assert_eq!(
        FileUniqueId::decode(VECTORS[0].2),
        Ok(FileUniqueId::Document { id: loc.id })
    );
    assert_eq!(loc.thumb_size, "m");
}

#[test]
fn chat_photos_map_to_the_right_peer_kind() {
    let kinds: Vec<&str> = VECTORS[15..]
        .iter()
        .map(|&(text, _, _)| {
            let id = FileId::decode(text).unwrap_or_else(|e| panic!("{e}"));
            match id.to_input_location() {
                Ok(InputFileLocation::InputPeerPhotoFileLocation(loc)) => match loc.peer {
                    InputPeer::User(_) => "user",
                    InputPeer::Chat(_) => "chat",
                    InputPeer::Channel(_) => "channel",
                    _ => "other",
                },
                _ => "none",
            }
        })
        .collect();
    assert_eq!(
        kinds,
        ["user", "user", "chat", "chat", "channel", "channel"]
    );
}

#[test]
fn version_2_ids_decode_and_reencode() {
    // test_old_file_id
    let text = "BQADBAADQNKSZqjl5DcROGn_eu5JtgAEAgAEAg";
    let id = FileId::decode(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (id.version, id.sub_version, id.file_type),
        (2, 0, FileType::Document)
    );
    assert_eq!(id.encode().as_deref(), Ok(text));
}

#[test]
fn pyrogram_rejection_vectors_are_typed_errors() {
    // test_unknown_file_type: type 69 ('R' << ...) is not a file type.
    let unknown = "RQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E";
    assert!(matches!(
        FileId::decode(unknown),
        Err(FileIdError::UnknownFileType(_))
    ));
    // test_unknown_thumbnail_source
    let source = "AAMCAgADHQIAAaCv0AACCY9ftvhTFuM2gUQ78vQjizrCtc0kDwACBAADgaS5Sb0UW8ho6FdZIH3qihAAA6QBAAIeBA";
    assert!(matches!(
        FileId::decode(source),
        Err(FileIdError::UnknownPhotoSource(_))
    ));
}
