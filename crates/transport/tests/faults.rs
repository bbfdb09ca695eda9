//! Hostile or broken input: every case is a typed error, never a panic. Also the detector and the
//! fake-TLS handshake halves, sans-IO.

// Test helpers below unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

use common::{ALL_KINDS, TestRng, hex, payload, plain_pair};
use pyro_transport::faketls::{
    client_hello, parse_client_hello, server_hello, verify_server_hello,
};
use pyro_transport::{
    Codec, CodecKind, Detector, DetectorConfig, Limits, RecvBuffer, Side, TransportError,
};

fn server(kind: CodecKind, max_frame: usize) -> Codec {
    Codec::new(kind, Side::Server, Limits { max_frame }, 0)
}

#[test]
fn full_wrong_sequence_number() {
    let (mut client, mut server) = plain_pair(CodecKind::Full, 0);
    let mut first = Vec::new();
    client.encode(&payload(8), &mut first).unwrap();
    let mut second = Vec::new();
    client.encode(&payload(8), &mut second).unwrap();
    let err = server
        .decode(&mut RecvBuffer::from_vec(second))
        .unwrap_err();
    assert!(
        matches!(
            err,
            TransportError::BadSeq {
                expected: 0,
                got: 1
            }
        ),
        "{err:?}"
    );
}

#[test]
fn full_length_below_overhead() {
    let err = server(CodecKind::Full, 1024)
        .decode(&mut RecvBuffer::from_vec(hex("0b00000000000000")))
        .unwrap_err();
    assert!(
        matches!(err, TransportError::BadLength { len: 11 }),
        "{err:?}"
    );
}

/// A hostile length is refused from the header alone, before any payload byte arrives.
#[test]
fn oversize_lengths_are_refused_before_allocating() {
    for (kind, header) in [
        (CodecKind::Abridged, hex("7fffffff")),
        (CodecKind::Intermediate, hex("ffffff7f")),
        (CodecKind::PaddedIntermediate, hex("01000100")),
        (CodecKind::Full, hex("ffffffff00000000")),
    ] {
        let err = server(kind, 4096)
            .decode(&mut RecvBuffer::from_vec(header))
            .unwrap_err();
        assert!(
            matches!(err, TransportError::FrameTooLarge { max: 4096, .. }),
            "{kind:?}"
        );
    }
    let mut client = Codec::new(
        CodecKind::Intermediate,
        Side::Client,
        Limits { max_frame: 16 },
        0,
    );
    let err = client.encode(&[0; 20], &mut Vec::new()).unwrap_err();
    assert!(matches!(err, TransportError::BadPacket { len: 20, .. }));
}

#[test]
fn abridged_refuses_unaligned_packets() {
    let (mut client, _) = plain_pair(CodecKind::Abridged, 0);
    let mut out = Vec::new();
    assert!(matches!(
        client.encode(&[1, 2, 3], &mut out),
        Err(TransportError::BadPacket { len: 3, .. })
    ));
    assert!(out.is_empty(), "nothing written on error");
}

#[test]
fn eof_mid_frame_is_truncated() {
    for kind in ALL_KINDS {
        let (mut client, mut server) = plain_pair(kind, 1);
        let mut wire = Vec::new();
        client.encode(&payload(64), &mut wire).unwrap();
        let tag = kind.plain_tag().len();
        let mut buf = RecvBuffer::from_vec(wire[tag..wire.len() - 1].to_vec());
        assert_eq!(server.decode(&mut buf).unwrap(), None);
        let err = server.decoder().finish(&buf);
        assert!(
            matches!(err, TransportError::Truncated { pending } if pending > 0),
            "{kind:?}"
        );
        assert!(matches!(
            server.decoder().finish(&RecvBuffer::new()),
            TransportError::Closed
        ));
    }
}

/// The detector on each plain tag, the full transport, an obfuscated header (with and without
/// the right secret) and garbage.
#[test]
fn detector_decides_or_refuses() {
    let detect = |bytes: &[u8], config: DetectorConfig| {
        Detector::new(config, 0).detect(&mut RecvBuffer::from_vec(bytes.to_vec()))
    };
    let dc = DetectorConfig::default();
    for (bytes, kind) in [
        (hex("ef01"), CodecKind::Abridged),
        (hex("eeeeeeee"), CodecKind::Intermediate),
        (hex("dddddddd"), CodecKind::PaddedIntermediate),
        (hex("0c0000000000000026ca8d32"), CodecKind::Full),
    ] {
        assert_eq!(detect(&bytes, dc).unwrap().unwrap().codec.kind(), kind);
    }
    assert!(
        detect(&hex("eeee"), dc).unwrap().is_none(),
        "asks for more bytes"
    );
    let garbage = TestRng::new(9).vec(64);
    assert!(matches!(
        detect(&garbage, dc),
        Err(TransportError::BadInit(_))
    ));

    let secret = [3u8; 16];
    let mut client = Codec::obfuscated_client(
        CodecKind::Intermediate,
        [0x61; 64],
        -2,
        Some(&secret),
        Limits::default(),
        0,
    )
    .unwrap();
    let mut wire = Vec::new();
    client.encode(&payload(24), &mut wire).unwrap();
    assert!(detect(&wire[..63], dc).unwrap().is_none());
    let mtproxy = DetectorConfig {
        secret: Some(secret),
        allow_plain: false,
        ..dc
    };
    let found = detect(&wire, mtproxy).unwrap().unwrap();
    assert_eq!(found.obfuscated.unwrap().dc, -2);
    assert!(
        matches!(detect(&wire, dc), Err(TransportError::BadInit(_))),
        "wrong secret"
    );
    assert!(
        matches!(detect(&hex("ef01"), mtproxy), Ok(None)),
        "no plain codecs for MTProxy"
    );
}

#[test]
fn fake_tls_handshake_sans_io() {
    let key = [5u8; 16];
    let now = 1_700_000_000;
    let hello = client_hello(&key, "example.com", now, &[7; 64]);
    assert_eq!(hello.bytes.len(), 517);
    assert_eq!(hello.bytes[..3], [0x16, 0x03, 0x01]);
    assert_eq!(
        parse_client_hello(&hello.bytes[..100], &key, now, 120).unwrap(),
        None
    );
    let accepted = parse_client_hello(&hello.bytes, &key, now + 60, 120)
        .unwrap()
        .unwrap();
    assert_eq!(accepted.domain.as_deref(), Some("example.com"));
    assert_eq!((accepted.timestamp, accepted.consumed), (now, 517));

    let answer = server_hello(&key, &accepted, &[8; 32], &[9; 1500]);
    assert_eq!(
        verify_server_hello(&answer[..50], &key, &hello.client_random).unwrap(),
        None
    );
    assert_eq!(
        verify_server_hello(&answer, &key, &hello.client_random).unwrap(),
        Some(answer.len())
    );
    let mut forged = answer.clone();
    forged[20] ^= 1;
    assert!(matches!(
        verify_server_hello(&forged, &key, &hello.client_random),
        Err(TransportError::BadTls(_))
    ));
    assert!(
        matches!(
            parse_client_hello(&hello.bytes, &[6; 16], now, 120),
            Err(TransportError::BadTls(_))
        ),
        "wrong key"
    );
    assert!(
        matches!(
            parse_client_hello(&hello.bytes, &key, now + 121, 120),
            Err(TransportError::BadTls(_))
        ),
        "stale timestamp"
    );
}

/// Random bytes and truncations never panic any parser.
#[test]
fn garbage_never_panics() {
    let mut rng = TestRng::new(77);
    let hello = client_hello(&[1; 16], "a.b", 5, &[2; 64]).bytes;
    for round in 0..2000 {
        let len = rng.below(600);
        let mut junk = if round % 2 == 0 {
            rng.vec(len)
        } else {
            hello[..len.min(517)].to_vec()
        };
        if let Some(b) = junk.get_mut(rng.below(600)) {
            *b ^= 0x40;
        }
        let _ = parse_client_hello(&junk, &[1; 16], 5, 10);
        let _ = verify_server_hello(&junk, &[1; 16], &[0; 32]);
        let _ = Detector::new(DetectorConfig::default(), 0)
            .detect(&mut RecvBuffer::from_vec(junk.clone()));
        for kind in ALL_KINDS {
            for side in [Side::Client, Side::Server] {
                let mut codec = Codec::new(kind, side, Limits { max_frame: 1 << 16 }, 0);
                let mut buf = RecvBuffer::from_vec(junk.clone());
                while let Ok(Some(_)) = codec.decode(&mut buf) {}
            }
        }
    }
}
