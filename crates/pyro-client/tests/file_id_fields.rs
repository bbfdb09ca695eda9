//! Field-by-field file id vectors, and generated round trips.
//!
//! The vectors are real Bot API ids with their decoded fields as published in mtcute's test
//! suite: repository `mtcute/mtcute`, file `packages/file-id/tests/parse.spec.ts` (which takes
//! some of them from `luckydonald/telegram_file_id`). They cover sub-version 31, dc 2 profile and
//! channel photos without file references, a sticker thumbnail and a version-2 sticker id.

// Ids as their sources print them, without digit separators, so they can be compared by eye.
#![allow(clippy::unreadable_literal)]

use proptest::prelude::*;
use pyro_client::file_id::{
    DialogRef, FileId, FileLocation, FileType, FileUniqueId, LegacyIds, PhotoLocation,
    PhotoSizeSource, StickerSetRef,
};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .filter_map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn decode(text: &str) -> FileId {
    let id = FileId::decode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(id.encode().as_deref(), Ok(text), "re-encode {text}");
    id
}

#[test]
fn common_ids_with_file_references() {
    let sticker =
        decode("CAACAgIAAxkBAAEJny9gituz1_V_uSKBUuG_nhtzEtFOeQACXFoAAuCjggfYjw_KAAGSnkgfBA");
    assert_eq!(
        (sticker.file_type, sticker.dc_id, sticker.sub_version),
        (FileType::Sticker, 2, 31)
    );
    assert_eq!(
        sticker.file_reference,
        Some(hex("0100099f2f608adbb3d7f57fb9228152e1bf9e1b7312d14e79"))
    );
    assert_eq!(
        sticker.location,
        FileLocation::Common {
            id: 541175087705905756,
            access_hash: 5232780349138767832
        }
    );

    let document =
        decode("BQACAgIAAxkBAAEJnzNgit00IDsKd07OdSeanwz8osecYAACdAwAAueoWEicaPvNdOYEwB8E");
    assert_eq!(document.file_type, FileType::Document);
    assert_eq!(
        document.file_reference,
        Some(hex("0100099f33608add34203b0a774ece75279a9f0cfca2c79c60"))
    );
    assert_eq!(
        document.location,
        FileLocation::Common {
            id: 5213102278772264052,
            access_hash: -4610306729174144868
        }
    );
}

#[test]
fn sticker_thumbnail() {
    let id = decode(
        "AAMCAgADGQEAAQmfL2CK27PX9X-5IoFS4b-eG3MS0U55AAJcWgAC4KOCB9iPD8oAAZKeSK1c8w4ABAEAB20AA1kCAAIfBA",
    );
    assert_eq!(id.file_type, FileType::Thumbnail);
    let expected = PhotoLocation {
        id: 541175087705905756,
        access_hash: 5232780349138767832,
        source: PhotoSizeSource::Thumbnail {
            file_type: FileType::Thumbnail,
            thumbnail_type: i32::from(b'm'),
        },
        legacy: Some(LegacyIds {
            volume_id: 250829997,
            local_id: 601,
        }),
    };
    assert_eq!(id.location, FileLocation::Photo(expected));
}

#[test]
fn profile_and_channel_photos() {
    let cases = [
        (
            "AQADAgATqfDdly4AAwMAA4siCOX_____AAhKowIAAR4E",
            true,
            -452451701,
            0,
            200116400297,
            172874,
        ),
        (
            "AQADAgATqfDdly4AAwIAA4siCOX_____AAhIowIAAR4E",
            false,
            -452451701,
            0,
            200116400297,
            172872,
        ),
        (
            "AQADAgATySHBDgAEAwAD0npI3Bb___-wfxjpg7QCPf8pBQABHwQ",
            true,
            -1001326609710,
            4396274664911437744,
            247538121,
            338431,
        ),
        (
            "AQADAgATySHBDgAEAgAD0npI3Bb___-wfxjpg7QCPf0pBQABHwQ",
            false,
            -1001326609710,
            4396274664911437744,
            247538121,
            338429,
        ),
    ];
    for (text, big, dialog_id, access_hash, volume_id, local_id) in cases {
        let id = decode(text);
        assert_eq!(
            (id.file_type, id.dc_id, id.file_reference.as_ref()),
            (FileType::ProfilePhoto, 2, None)
        );
        let dialog = DialogRef {
            dialog_id,
            access_hash,
        };
        let source = if big {
            PhotoSizeSource::DialogPhotoBig(dialog)
        } else {
            PhotoSizeSource::DialogPhotoSmall(dialog)
        };
        let expected = PhotoLocation {
            id: 0,
            access_hash: 0,
            source,
            legacy: Some(LegacyIds {
                volume_id,
                local_id,
            }),
        };
        assert_eq!(id.location, FileLocation::Photo(expected), "{text}");
        assert_eq!(
            id.unique_id(),
            Ok(FileUniqueId::PhotoLegacy {
                volume_id,
                local_id
            })
        );
    }
}

#[test]
fn older_short_sticker_id() {
    let id = decode("CAADAQADegAD997LEUiQZafDlhIeAg");
    assert_eq!(
        (id.version, id.file_type, id.dc_id),
        (2, FileType::Sticker, 1)
    );
    assert_eq!(
        id.location,
        FileLocation::Common {
            id: 1282363671355326586,
            access_hash: 2166960137789870152
        }
    );
}

#[test]
fn current_layout_sticker_set_thumbnail() {
    let set = StickerSetRef {
        id: 773947703670341676,
        access_hash: -7_000_000_000,
    };
    let location = FileLocation::Photo(PhotoLocation {
        id: 0,
        access_hash: 0,
        source: PhotoSizeSource::StickerSetThumbnailVersion(set, 3),
        legacy: None,
    });
    let id = FileId::new(FileType::Thumbnail, 4, None, location);
    let text = id.encode().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.ends_with("IQQ"),
        "sub-version 33 and version 4 end the text: {text}"
    );
    assert_eq!(FileId::decode(&text).as_ref(), Ok(&id));
    let unique = id.unique_id().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        unique,
        FileUniqueId::StickerSetThumbnail {
            sticker_set_id: set.id,
            version: 3
        }
    );
    assert_eq!(FileUniqueId::decode(&unique.encode()), Ok(unique));
}

fn file_type() -> impl Strategy<Value = FileType> {
    (0i32..26).prop_filter_map("wire type", FileType::from_wire)
}

fn source(file_type: FileType) -> BoxedStrategy<PhotoSizeSource> {
    let dialog = (any::<i64>(), any::<i64>()).prop_map(|(dialog_id, access_hash)| DialogRef {
        dialog_id,
        access_hash,
    });
    let set = (any::<i64>(), any::<i64>())
        .prop_map(|(id, access_hash)| StickerSetRef { id, access_hash });
    let legacy = (any::<i64>(), any::<i32>()).prop_map(|(volume_id, local_id)| LegacyIds {
        volume_id,
        local_id,
    });
    let full =
        (any::<i64>(), any::<i64>(), any::<i32>()).prop_map(|(volume_id, secret, local_id)| {
            PhotoSizeSource::FullLegacy {
                volume_id,
                secret,
                local_id,
            }
        });
    match file_type {
        FileType::ProfilePhoto => prop_oneof![
            dialog.clone().prop_map(PhotoSizeSource::DialogPhotoSmall),
            dialog.clone().prop_map(PhotoSizeSource::DialogPhotoBig),
            (dialog, legacy).prop_map(|(d, l)| PhotoSizeSource::DialogPhotoBigLegacy(d, l)),
            full,
        ]
        .boxed(),
        FileType::Thumbnail => prop_oneof![
            (set.clone(), any::<i32>())
                .prop_map(|(s, v)| PhotoSizeSource::StickerSetThumbnailVersion(s, v)),
            (set, legacy).prop_map(|(s, l)| PhotoSizeSource::StickerSetThumbnailLegacy(s, l)),
            (0i32..128).prop_map(|t| PhotoSizeSource::Thumbnail {
                file_type: FileType::Thumbnail,
                thumbnail_type: t
            }),
        ]
        .boxed(),
        FileType::Photo => prop_oneof![
            (0i32..128).prop_map(|t| PhotoSizeSource::Thumbnail {
                file_type: FileType::Photo,
                thumbnail_type: t
            }),
            full,
        ]
        .boxed(),
        _ => full.boxed(),
    }
}

fn file_id() -> impl Strategy<Value = FileId> {
    let body = file_type().prop_flat_map(|file_type| {
        let location = match file_type.class() {
            pyro_client::file_id::FileClass::Photo => {
                (any::<i64>(), any::<i64>(), source(file_type))
                    .prop_map(|(id, access_hash, source)| {
                        FileLocation::Photo(PhotoLocation {
                            id,
                            access_hash,
                            source,
                            legacy: None,
                        })
                    })
                    .boxed()
            }
            pyro_client::file_id::FileClass::Temp => ("[a-z]{1,30}", any::<i64>())
                .prop_map(|(url, access_hash)| FileLocation::Web { url, access_hash })
                .boxed(),
            _ => prop_oneof![
                (any::<i64>(), any::<i64>())
                    .prop_map(|(id, access_hash)| FileLocation::Common { id, access_hash }),
                ("\\PC{0,300}", any::<i64>())
                    .prop_map(|(url, access_hash)| FileLocation::Web { url, access_hash }),
            ]
            .boxed(),
        };
        (Just(file_type), location)
    });
    (
        body,
        1i32..6,
        proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
    )
        .prop_map(|((file_type, location), dc_id, file_reference)| {
            FileId::new(file_type, dc_id, file_reference, location)
        })
}

proptest! {
    #[test]
    fn generated_ids_round_trip(id in file_id()) {
        let text = id.encode().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(FileId::decode(&text), Ok(id.clone()));
        if let Ok(unique) = id.unique_id() {
            prop_assert_eq!(FileUniqueId::decode(&unique.encode()), Ok(unique));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[A-Za-z0-9_-]{0,200}") {
        let _ = FileId::decode(&text);
        let _ = FileUniqueId::decode(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        use base64::Engine;
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        if let Ok(id) = FileId::decode(&text) {
            // Whatever decodes re-encodes to the same text.
            prop_assert_eq!(id.encode(), Ok(text));
        }
    }
}

#[test]
fn file_type_wire_values_are_tdlibs_numbering() {
    for value in 0..26 {
        assert_eq!(
            FileType::from_wire(value).map(FileType::to_wire),
            Some(value)
        );
    }
    assert_eq!(FileType::from_wire(26), None);
    assert_eq!(FileType::from_wire(-1), None);
    assert_eq!(FileType::Sticker.to_wire(), 8);
    assert_eq!(FileType::VideoNote.to_wire(), 13);
}
