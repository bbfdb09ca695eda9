//! Shared helpers of the file transfer tests: a logged-in bot with four media connections, a
//! deterministic content pattern, and uploads turned into downloadable documents through
//! `messages.sendMedia` to Saved Messages.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicI64, Ordering};

use pyro_client::files::{FileLocation, TransferOptions, UploadedFile};
use pyro_client::{Client, ClientBuilder};
use pyro_test_dc::{Seed, TestDc};
use pyro_tl_types::api::{enums, functions, types};

#[path = "../client_support/mod.rs"]
mod client_support;

pub use client_support::{bot_login, builder, seed};

/// `len` bytes of a pattern that repeats only every 65 521 bytes (a prime), so a part written
/// at the wrong offset shows.
/// One period is computed and then copied, so a 100 MiB pattern is cheap in debug builds.
pub fn pattern(len: usize, salt: u8) -> Vec<u8> {
    let period: Vec<u8> = (0..len.min(65_521))
        .map(|i| (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[3] ^ salt)
        .collect();
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let take = period.len().min(len - out.len());
        out.extend_from_slice(&period[..take]);
    }
    out
}

/// A test DC with `dcs` DCs and `seed`.
pub async fn start_with(seed: Seed, dcs: usize) -> TestDc {
    TestDc::builder().seed(seed).dcs(dcs).start().await.unwrap()
}

/// A bot client with four media connections, logged in.
pub async fn bot(dc: &TestDc) -> Client {
    bot_with(builder(dc)).await
}

/// A bot client from `builder` (four media connections), logged in.
pub async fn bot_with(builder: ClientBuilder) -> Client {
    let client = builder.media_connections(4).connect().await.unwrap();
    bot_login(&client).await;
    client
}

/// The first document of an `Updates` answer.
pub fn document_of(updates: &enums::Updates) -> types::Document {
    let list = match updates {
        enums::Updates::Updates(u) => &u.updates,
        enums::Updates::Combined(u) => &u.updates,
        other => panic!("no updates list: {other:?}"),
    };
    for update in list {
        let message = match update {
            enums::Update::NewMessage(u) => &u.message,
            enums::Update::NewChannelMessage(u) => &u.message,
            _ => continue,
        };
        if let enums::Message::Message(m) = message
            && let Some(enums::MessageMedia::Document(media)) = &m.media
            && let Some(enums::Document::Document(d)) = &media.document
        {
            return (**d).clone();
        }
    }
    panic!("no document in {updates:?}");
}

/// Distinct `random_id`s for the messages a test sends.
static NEXT_RANDOM_ID: AtomicI64 = AtomicI64::new(1);

/// Sends an upload to Saved Messages as a document; returns where to download it.
pub async fn send_document(client: &Client, uploaded: &UploadedFile) -> FileLocation {
    let updates = client
        .invoke(&functions::messages::SendMedia {
            peer: enums::InputPeer::InputPeerSelf,
            media: enums::InputMedia::UploadedDocument(Box::new(
                types::InputMediaUploadedDocument {
                    file: uploaded.input_file.clone(),
                    mime_type: "application/octet-stream".into(),
                    ..Default::default()
                },
            )),
            message: String::new(),
            random_id: NEXT_RANDOM_ID.fetch_add(1, Ordering::Relaxed),
            ..Default::default()
        })
        .await
        .unwrap();
    FileLocation::document(&document_of(&updates))
}

/// Uploads `bytes`, sends them as a document and downloads them again.
pub async fn round_trip(client: &Client, bytes: &[u8], options: &TransferOptions) -> Vec<u8> {
    let uploaded = client
        .upload_bytes(bytes.to_vec(), "data.bin", options)
        .await
        .unwrap();
    assert_eq!(uploaded.size, bytes.len() as u64);
    let location = send_document(client, &uploaded).await;
    assert_eq!(location.size, bytes.len() as u64);
    client.download_to_vec(&location, options).await.unwrap()
}

/// The document of message `id` in the client's own mailbox (a seeded file message).
pub async fn seeded_document(client: &Client, id: i32) -> FileLocation {
    let answer = client
        .invoke(&functions::messages::GetMessages {
            id: vec![enums::InputMessage::Id(types::InputMessageId { id })],
        })
        .await
        .unwrap();
    let messages = match answer {
        enums::messages::Messages::Messages(m) => m.messages,
        enums::messages::Messages::Slice(m) => m.messages,
        other => panic!("unexpected answer {other:?}"),
    };
    for message in &messages {
        if let enums::Message::Message(m) = message
            && let Some(media) = &m.media
            && let Some(location) = FileLocation::from_media(media)
        {
            return location;
        }
    }
    panic!("no document in message {id}: {messages:?}");
}
