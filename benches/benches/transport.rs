//! transport benches: encode and decode of every plain codec and of the obfuscated2 wrapper, at
//! 1 KiB and 512 KiB, beside the MTProto 2.0 packet crypto of the same 512 KiB (the baseline the
//! codecs' cost is compared with). Results: `benches/README.md`, section "transport".
//!
//! `cargo bench -p pyro-benches --no-default-features --features transport --bench transport`

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use pyro_benches::pattern;
use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::packet::{self, HEADER_LEN, Sender};
use pyro_transport::{Codec, CodecKind, Limits, RecvBuffer, Side};
use std::hint::black_box;

const SIZES: [usize; 2] = [1024, 512 * 1024];

/// Client and server codecs; obfuscated ones share one header, so the server opens the client's.
fn pair(kind: CodecKind, obfuscated: bool) -> (Codec, Codec, usize) {
    let limits = Limits::default();
    if obfuscated {
        let mut client = Codec::obfuscated_client(kind, [0x61; 64], 2, None, limits, 1).ok();
        let mut wire = Vec::new();
        let header = client.as_mut().and_then(|c| {
            c.encode(&[0; 4], &mut wire).ok()?;
            <[u8; 64]>::try_from(&wire[..64]).ok()
        });
        let fresh = Codec::obfuscated_client(kind, [0x61; 64], 2, None, limits, 1).ok();
        let server = header.and_then(|h| Codec::obfuscated_server(&h, None, limits, 2).ok());
        match (fresh, server) {
            (Some(c), Some((s, _))) => (c, s, 64),
            _ => panic!("obfuscated pair could not be built"),
        }
    } else {
        let client = Codec::new(kind, Side::Client, limits, 1);
        let server = Codec::new(kind, Side::Server, limits, 2);
        (client, server, kind.plain_tag().len())
    }
}

fn codecs(c: &mut Criterion) {
    let cases = [
        ("abridged", CodecKind::Abridged, false),
        ("intermediate", CodecKind::Intermediate, false),
        ("padded", CodecKind::PaddedIntermediate, false),
        ("full", CodecKind::Full, false),
        ("obfuscated_intermediate", CodecKind::Intermediate, true),
    ];
    for (name, kind, obfuscated) in cases {
        let mut group = c.benchmark_group(format!("transport_{name}"));
        for size in SIZES {
            group.throughput(Throughput::Bytes(size as u64));
            let packet = pattern(size, 3);
            let (mut client, server, preamble) = pair(kind, obfuscated);
            let mut out = Vec::with_capacity(size + 64);
            // Past the first packet, so the tag/header is not part of the steady state.
            let _ = client.encode(&packet, &mut out);
            group.bench_function(format!("encode/{size}"), |b| {
                b.iter(|| {
                    out.clear();
                    client.encode(black_box(&packet), &mut out).ok()
                });
            });
            let (mut first, _, _) = pair(kind, obfuscated);
            let mut wire = Vec::new();
            let _ = first.encode(&packet, &mut wire);
            let body = wire.split_off(preamble);
            group.bench_function(format!("decode/{size}"), |b| {
                b.iter_batched_ref(
                    || (server.clone(), RecvBuffer::from_vec(body.clone())),
                    |(codec, input)| codec.decode(input).ok().flatten(),
                    BatchSize::LargeInput,
                );
            });
        }
        group.finish();
    }
}

/// The baseline: MTProto 2.0 packet encryption and decryption of a 512 KiB plaintext.
fn packet_crypto(c: &mut Criterion) {
    let size = 512 * 1024;
    let mut key_bytes = [0u8; 256];
    key_bytes.copy_from_slice(&pattern(256, 6));
    let key = AuthKey::from_bytes(key_bytes);
    let mut plain = pattern(size, 5);
    plain[28..32].copy_from_slice(&((size - 32) as u32).to_le_bytes());
    let padding = pattern(packet::padding_len(size, 0), 7);
    let mut group = c.benchmark_group("transport_baseline_packet");
    group.throughput(Throughput::Bytes(size as u64));
    let mut buf = Vec::with_capacity(HEADER_LEN + size + 1024);
    group.bench_function(format!("encrypt/{size}"), |b| {
        b.iter(|| {
            buf.clear();
            buf.resize(HEADER_LEN, 0);
            buf.extend_from_slice(&plain);
            packet::encrypt_in_place(&key, Sender::Client, &mut buf, &padding).ok()
        });
    });
    let sealed = packet::encrypt(&key, Sender::Server, &plain, &padding).unwrap_or_default();
    group.bench_function(format!("decrypt/{size}"), |b| {
        b.iter_batched_ref(
            || sealed.clone(),
            |p| {
                packet::decrypt_in_place(&key, Sender::Server, p)
                    .map(|p| p.len())
                    .ok()
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, codecs, packet_crypto);
criterion_main!(benches);
