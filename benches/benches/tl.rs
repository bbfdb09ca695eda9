//! TL benches: serialize and deserialize of a `messages.messages` holding 100 messages (with
//! entities and photo media), 20 users and 10 channels, and of an `upload.file` carrying 512 KiB,
//! beside a memcpy (and an allocate-and-copy) of the same bytes measured in the same run.
//! Results: `benches/README.md`, section "tl".
//!
//! `cargo bench -p pyro-benches --no-default-features --features tl --bench tl`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pyro_benches::pattern;
use pyro_tl_types::api::{enums, types};
use pyro_tl_types::{Deserializable, Serializable};
use std::hint::black_box;

fn message(i: i64) -> enums::Message {
    let entities = vec![
        types::MessageEntityBold {
            offset: 0,
            length: 5,
        }
        .into(),
        types::MessageEntityUrl {
            offset: 10,
            length: 18,
        }
        .into(),
        types::MessageEntityTextUrl {
            offset: 30,
            length: 4,
            url: format!("https://example.com/{i}"),
        }
        .into(),
    ];
    let photo = types::Photo {
        id: 5_000_000 + i,
        access_hash: i * 7919,
        file_reference: pattern(24, i as u64),
        date: 1_700_000_000,
        sizes: vec![
            types::PhotoStrippedSize {
                r#type: "i".into(),
                bytes: pattern(120, i as u64),
            }
            .into(),
            types::PhotoSize {
                r#type: "m".into(),
                w: 320,
                h: 240,
                size: 14_000,
            }
            .into(),
            types::PhotoSize {
                r#type: "x".into(),
                w: 800,
                h: 600,
                size: 61_000,
            }
            .into(),
        ],
        dc_id: 2,
        ..Default::default()
    };
    types::Message {
        out: i % 2 == 0,
        id: i as i32,
        from_id: Some(
            types::PeerUser {
                user_id: 1000 + i % 20,
            }
            .into(),
        ),
        peer_id: types::PeerChannel { channel_id: 77 }.into(),
        date: 1_700_000_000 + i as i32,
        message: format!(
            "Hello https://example.com/{i} link, message number {i} with some more text in it"
        ),
        media: Some(
            types::MessageMediaPhoto {
                photo: Some(photo.into()),
                ..Default::default()
            }
            .into(),
        ),
        entities: Some(entities),
        views: Some(1234),
        forwards: Some(5),
        ..Default::default()
    }
    .into()
}

/// The `messages.messages` answer of a 100-message history request.
fn history() -> enums::messages::Messages {
    let users = (0..20)
        .map(|u| {
            types::User {
                id: 1000 + u,
                access_hash: Some(u * 31),
                first_name: Some(format!("User {u}")),
                username: Some(format!("user_{u}")),
                photo: Some(
                    types::UserProfilePhoto {
                        photo_id: u,
                        stripped_thumb: Some(pattern(100, u as u64)),
                        dc_id: 2,
                        ..Default::default()
                    }
                    .into(),
                ),
                status: Some(
                    types::UserStatusOnline {
                        expires: 1_700_000_100,
                    }
                    .into(),
                ),
                ..Default::default()
            }
            .into()
        })
        .collect();
    let chats = (0..10)
        .map(|c| {
            types::Channel {
                id: 77 + c,
                access_hash: Some(c * 17),
                title: format!("Channel {c}"),
                date: 1_600_000_000,
                ..Default::default()
            }
            .into()
        })
        .collect();
    types::messages::Messages {
        messages: (0..100).map(message).collect(),
        topics: Vec::new(),
        chats,
        users,
    }
    .into()
}

fn upload_file() -> enums::upload::File {
    types::upload::File {
        r#type: enums::storage::FileType::FilePartial,
        mtime: 1_700_000_000,
        bytes: pattern(512 * 1024, 7),
    }
    .into()
}

fn bench_value<T: Serializable + Deserializable>(c: &mut Criterion, name: &str, value: &T) {
    let bytes = value.to_bytes();
    let mut group = c.benchmark_group(format!("tl/{name}"));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    let mut buf = Vec::with_capacity(bytes.len());
    group.bench_function("serialize", |b| {
        b.iter(|| {
            buf.clear();
            black_box(value).serialize(&mut buf);
            black_box(buf.len())
        });
    });
    group.bench_function("deserialize", |b| {
        b.iter(|| T::from_bytes(black_box(&bytes)).is_ok());
    });
    let mut dst = vec![0u8; bytes.len()];
    group.bench_function("baseline_memcpy", |b| {
        b.iter(|| dst.copy_from_slice(black_box(&bytes)));
    });
    group.bench_function("baseline_to_vec", |b| {
        b.iter(|| black_box(bytes.as_slice()).to_vec());
    });
    group.finish();
}

fn tl(c: &mut Criterion) {
    bench_value(c, "messages_messages_100", &history());
    bench_value(c, "upload_file_512k", &upload_file());
}

criterion_group!(benches, tl);
criterion_main!(benches);
