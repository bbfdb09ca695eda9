//! Every codec, plain and obfuscated, client->server and server->client, fed byte by byte and in
//! seeded random splits; quick acks and transport errors.

// Test helpers below unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{
    ALL_KINDS, OBFUSCATABLE, TestRng, chunks, feed, obfuscated_pair, plain_pair, preamble_len,
    unpad,
};
use proptest::prelude::*;
use pyro_transport::{Codec, CodecKind, Detector, DetectorConfig, Frame, RecvBuffer};

/// Packets of several sizes, including both abridged length forms; multiples of 4 like MTProto's.
fn packets(rng: &mut TestRng) -> Vec<Vec<u8>> {
    [0usize, 4, 24, 504, 508, 512, 4096, 70_000]
        .iter()
        .map(|&n| rng.vec(n))
        .collect()
}

/// Client -> server and server -> client for one pair, with the given splitting.
fn round_trip(kind: CodecKind, mut client: Codec, mut server: Codec, obfuscated: bool, seed: u64) {
    let mut rng = TestRng::new(seed);
    let sent = packets(&mut rng);
    let mut wire = Vec::new();
    for p in &sent {
        client.encode(p, &mut wire).unwrap();
    }
    // The detector's job: strip the tag / header. Use the real detector for it.
    let mut buf = RecvBuffer::from_vec(wire[..preamble_len(kind, obfuscated)].to_vec());
    if !obfuscated && kind != CodecKind::Full {
        let detected = Detector::new(DetectorConfig::default(), 1)
            .detect(&mut buf)
            .unwrap();
        assert_eq!(detected.unwrap().codec.kind(), kind);
    }
    let body = &wire[preamble_len(kind, obfuscated)..];
    for split in [None, Some(&mut TestRng::new(seed + 1))] {
        let byte_by_byte = split.is_none();
        if !byte_by_byte || body.len() < 100_000 {
            let mut server = server.clone();
            let frames = feed(&mut server, &chunks(body, split)).unwrap();
            assert_eq!(frames.len(), sent.len());
            for (frame, p) in frames.iter().zip(&sent) {
                assert_eq!(
                    &unpad(kind, frame, p),
                    p,
                    "{kind:?} obfuscated={obfuscated}"
                );
            }
        }
    }
    // Server -> client: a server's 4..19-byte frame starting with a negative int is a transport
    // error by definition, so only MTProto-sized packets (and the empty one) go back.
    let replies: Vec<&Vec<u8>> = sent
        .iter()
        .filter(|p| p.is_empty() || p.len() >= 24)
        .collect();
    let mut back = Vec::new();
    for p in &replies {
        server.encode(p, &mut back).unwrap();
    }
    let frames = feed(
        &mut client,
        &chunks(&back, Some(&mut TestRng::new(seed + 2))),
    )
    .unwrap();
    assert_eq!(frames.len(), replies.len());
    for (frame, p) in frames.iter().zip(replies) {
        assert_eq!(&unpad(kind, frame, p), p);
    }
}

#[test]
fn plain_codecs_round_trip_in_any_split() {
    for (i, kind) in ALL_KINDS.into_iter().enumerate() {
        let (client, server) = plain_pair(kind, i as u64);
        round_trip(kind, client, server, false, 10 + i as u64);
    }
}

#[test]
fn obfuscated_codecs_round_trip_in_any_split() {
    for (i, kind) in OBFUSCATABLE.into_iter().enumerate() {
        for secret in [None, Some([7u8; 16])] {
            let (client, server) = obfuscated_pair(kind, secret.as_ref(), 20 + i as u64);
            round_trip(kind, client, server, true, 30 + i as u64);
        }
    }
}

#[test]
fn full_cannot_be_obfuscated() {
    let err = Codec::obfuscated_client(
        CodecKind::Full,
        [1; 64],
        2,
        None,
        pyro_transport::Limits::default(),
        0,
    );
    assert!(matches!(
        err,
        Err(pyro_transport::TransportError::Config(_))
    ));
}

#[test]
fn quick_acks_both_ways() {
    for kind in [
        CodecKind::Abridged,
        CodecKind::Intermediate,
        CodecKind::PaddedIntermediate,
    ] {
        for obfuscated in [false, true] {
            let (mut client, mut server) = if obfuscated {
                obfuscated_pair(kind, None, 5)
            } else {
                plain_pair(kind, 5)
            };
            let mut wire = Vec::new();
            client
                .encoder()
                .encode_with_quick_ack(&[9; 24], &mut wire)
                .unwrap();
            let body = wire[preamble_len(kind, obfuscated)..].to_vec();
            let frames = feed(&mut server, &chunks(&body, None)).unwrap();
            let Frame::Packet { quick_ack, .. } = &frames[0] else {
                panic!()
            };
            assert!(quick_ack, "{kind:?}");
            let mut back = Vec::new();
            server
                .encoder()
                .encode_quick_ack(0x1234_5678, &mut back)
                .unwrap();
            server.encode(&[1; 8], &mut back).unwrap();
            let frames = feed(&mut client, &chunks(&back, None)).unwrap();
            assert_eq!(frames[0], Frame::QuickAck(0x9234_5678), "{kind:?}");
            assert!(matches!(
                &frames[1],
                Frame::Packet {
                    quick_ack: false,
                    ..
                }
            ));
        }
    }
}

#[test]
fn servers_send_transport_errors_that_clients_type() {
    for kind in ALL_KINDS {
        let (mut client, mut server) = plain_pair(kind, 3);
        let mut back = Vec::new();
        server.encoder().encode_error(-429, &mut back).unwrap();
        let mut buf = RecvBuffer::from_vec(back);
        let err = client.decode(&mut buf).unwrap_err();
        assert!(
            matches!(
                err,
                pyro_transport::TransportError::ErrorCode { code: -429 }
            ),
            "{kind:?}: {err:?}"
        );
        assert!(buf.is_empty(), "the error frame is consumed");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, rng_seed: proptest::test_runner::RngSeed::Fixed(7), ..ProptestConfig::default() })]
    /// Any packets, any split points, any codec: the server decodes what the client encoded.
    #[test]
    fn any_packets_any_splits(
        kind_index in 0usize..4,
        words in proptest::collection::vec(0usize..300, 1..6),
        seed in any::<u64>(),
    ) {
        let kind = ALL_KINDS[kind_index];
        let (mut client, mut server) = plain_pair(kind, seed);
        let mut rng = TestRng::new(seed);
        let sent: Vec<Vec<u8>> = words.iter().map(|w| rng.vec(w * 4)).collect();
        let mut wire = Vec::new();
        for p in &sent {
            client.encode(p, &mut wire).unwrap();
        }
        let body = &wire[preamble_len(kind, false)..];
        let frames = feed(&mut server, &chunks(body, Some(&mut rng))).unwrap();
        prop_assert_eq!(frames.len(), sent.len());
        for (frame, p) in frames.iter().zip(&sent) {
            prop_assert_eq!(&unpad(kind, frame, p), p);
        }
    }
}
