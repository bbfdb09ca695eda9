//! Files: uploading in parts, sending as media, downloading in Telegram-sized chunks from the
//! DC that keeps the file (`FILE_MIGRATE_X` elsewhere), and the part-size rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Client, World};
use pyro_test_dc::{RpcError, Seed, SeedFile, SeedUser};
use pyro_tl_types::api::{enums, functions, types};

fn seed() -> Seed {
    Seed::new()
        .user(SeedUser::person("alice", "15550001", "Alice").username("alice"))
        .user(SeedUser::person("bob", "15550002", "Bob").username("bob"))
        .file_message(
            "alice",
            "bob",
            "kept on DC 4",
            SeedFile {
                name: "far.bin".into(),
                mime_type: "application/octet-stream".into(),
                size: 10_000,
                dc: Some(4),
                ..SeedFile::default()
            },
        )
}

/// Deterministic content: 1.3 MiB, so downloads cross a 1 MiB boundary.
fn content() -> Vec<u8> {
    (0..1_363_149u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

fn upload(client: &Client, file_id: i64, data: &[u8], part_size: usize) -> i32 {
    let mut parts = 0;
    for (n, chunk) in data.chunks(part_size).enumerate() {
        let saved = client
            .call(&functions::upload::SaveFilePart {
                file_id,
                file_part: n as i32,
                bytes: chunk.to_vec(),
            })
            .unwrap();
        assert!(saved);
        parts += 1;
    }
    parts
}

fn document_of(updates: &enums::Updates) -> types::Document {
    let enums::Updates::Updates(updates) = updates else {
        panic!("{updates:?}")
    };
    let message = updates
        .updates
        .iter()
        .find_map(|u| match u {
            enums::Update::NewMessage(m) => Some(&m.message),
            _ => None,
        })
        .expect("updateNewMessage");
    let enums::Message::Message(message) = message else {
        panic!()
    };
    let Some(enums::MessageMedia::Document(media)) = &message.media else {
        panic!()
    };
    let Some(enums::Document::Document(document)) = &media.document else {
        panic!()
    };
    (**document).clone()
}

fn download(
    client: &Client,
    document: &types::Document,
    offset: i64,
    limit: i32,
) -> Result<Vec<u8>, RpcError> {
    let location = enums::InputFileLocation::InputDocumentFileLocation(Box::new(
        types::InputDocumentFileLocation {
            id: document.id,
            access_hash: document.access_hash,
            file_reference: document.file_reference.clone(),
            thumb_size: String::new(),
        },
    ));
    let enums::upload::File::File(file) = client.call(&functions::upload::GetFile {
        location,
        offset,
        limit,
        ..Default::default()
    })?
    else {
        panic!("cdn redirect")
    };
    Ok(file.bytes)
}

#[test]
fn parts_round_trip_through_a_document() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let bob = world.login("15550002", 2);
    let data = content();
    let parts = upload(&alice, 99, &data, 512 * 1024);
    assert_eq!(parts, 3);
    let send = functions::messages::SendMedia {
        peer: alice.resolve("bob"),
        media: enums::InputMedia::UploadedDocument(Box::new(types::InputMediaUploadedDocument {
            file: enums::InputFile::InputFile(Box::new(types::InputFile {
                id: 99,
                parts,
                name: "data.bin".into(),
                md5_checksum: String::new(),
            })),
            mime_type: "application/octet-stream".into(),
            ..Default::default()
        })),
        message: "here".into(),
        random_id: 5,
        ..Default::default()
    };
    let answer = alice.call(&send).unwrap();
    let document = document_of(&answer);
    assert_eq!(document.size, data.len() as i64);
    assert_eq!(document.dc_id, 2);
    // Bob downloads in 512 KiB chunks.
    let mut got = Vec::new();
    loop {
        let chunk = download(&bob, &document, got.len() as i64, 512 * 1024).unwrap();
        let done = chunk.len() < 512 * 1024;
        got.extend(chunk);
        if done {
            break;
        }
    }
    assert_eq!(got, data);
    // Telegram's window rules.
    assert_eq!(
        download(&bob, &document, 1000, 4096).unwrap_err().message,
        "OFFSET_INVALID"
    );
    assert_eq!(
        download(&bob, &document, 0, 5000).unwrap_err().message,
        "LIMIT_INVALID"
    );
    assert_eq!(
        download(&bob, &document, 768 * 1024, 512 * 1024)
            .unwrap_err()
            .message,
        "OFFSET_INVALID"
    );
    // The upload was consumed.
    assert_eq!(
        alice.call(&send).unwrap_err().message,
        "FILE_PART_0_MISSING"
    );
}

#[test]
fn missing_and_misshapen_parts_are_refused() {
    let world = World::new(&seed());
    let alice = world.login("15550001", 1);
    let media = |id, parts| functions::messages::SendMedia {
        peer: alice.resolve("bob"),
        media: enums::InputMedia::UploadedPhoto(Box::new(types::InputMediaUploadedPhoto {
            file: enums::InputFile::InputFile(Box::new(types::InputFile {
                id,
                parts,
                name: "p.jpg".into(),
                md5_checksum: String::new(),
            })),
            ..Default::default()
        })),
        random_id: 1,
        ..Default::default()
    };
    let part = |file_id, file_part, len| functions::upload::SaveFilePart {
        file_id,
        file_part,
        bytes: vec![1; len],
    };
    alice.call(&part(1, 0, 1024)).unwrap();
    alice.call(&part(1, 2, 1024)).unwrap();
    assert_eq!(
        alice.call(&media(1, 3)).unwrap_err().message,
        "FILE_PART_1_MISSING"
    );
    // 3000-byte parts are not a divisor of 512 KiB.
    alice.call(&part(2, 0, 3000)).unwrap();
    alice.call(&part(2, 1, 10)).unwrap();
    assert_eq!(
        alice.call(&media(2, 2)).unwrap_err().message,
        "FILE_PART_SIZE_INVALID"
    );
    assert_eq!(
        alice.call(&part(3, -1, 1024)).unwrap_err().message,
        "FILE_PART_INVALID"
    );
    let big = functions::upload::SaveBigFilePart {
        file_id: 4,
        file_part: 5,
        file_total_parts: 5,
        bytes: vec![0; 1024],
    };
    assert_eq!(alice.call(&big).unwrap_err().message, "FILE_PARTS_INVALID");
    // A good photo goes through and can be fetched by its photo location.
    alice.call(&part(5, 0, 2048)).unwrap();
    let answer = alice.call(&media(5, 1)).unwrap();
    let enums::Updates::Updates(updates) = answer else {
        panic!()
    };
    let enums::Update::NewMessage(new) = &updates.updates[1] else {
        panic!()
    };
    let enums::Message::Message(message) = &new.message else {
        panic!()
    };
    let Some(enums::MessageMedia::Photo(photo)) = &message.media else {
        panic!()
    };
    let Some(enums::Photo::Photo(photo)) = &photo.photo else {
        panic!()
    };
    let location =
        enums::InputFileLocation::InputPhotoFileLocation(Box::new(types::InputPhotoFileLocation {
            id: photo.id,
            access_hash: photo.access_hash,
            file_reference: photo.file_reference.clone(),
            thumb_size: "x".into(),
        }));
    let enums::upload::File::File(file) = alice
        .call(&functions::upload::GetFile {
            location,
            offset: 0,
            limit: 4096,
            ..Default::default()
        })
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(file.bytes, vec![1; 2048]);
}

#[test]
fn files_on_another_dc_migrate() {
    let world = World::new(&seed());
    let bob = world.login("15550002", 2);
    let answer = bob
        .call(&functions::messages::GetHistory {
            peer: bob.resolve("alice"),
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    let enums::messages::Messages::Messages(list) = answer else {
        panic!()
    };
    let enums::Message::Message(message) = &list.messages[0] else {
        panic!()
    };
    let Some(enums::MessageMedia::Document(media)) = &message.media else {
        panic!()
    };
    let Some(enums::Document::Document(document)) = &media.document else {
        panic!()
    };
    assert_eq!(
        download(&bob, document, 0, 4096).unwrap_err(),
        RpcError::new(303, "FILE_MIGRATE_4")
    );
    // On DC 4, with the authorization moved there, the download works.
    let enums::auth::ExportedAuthorization::ExportedAuthorization(token) = bob
        .call(&functions::auth::ExportAuthorization { dc_id: 4 })
        .unwrap();
    let on_4 = world.client(4, 44);
    on_4.call(&functions::auth::ImportAuthorization {
        id: token.id,
        bytes: token.bytes,
    })
    .unwrap();
    let bytes = download(&on_4, document, 0, 16 * 1024).unwrap();
    assert_eq!(
        bytes,
        SeedFile {
            size: 10_000,
            ..SeedFile::default()
        }
        .content()
    );
    assert_eq!(world.telegram.file_bytes(document.id).unwrap().0, 4);
}
