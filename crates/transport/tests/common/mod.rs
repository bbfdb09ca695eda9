//! Helpers shared by the integration tests: a seeded RNG, hex, vector-E payloads, and drivers
//! that feed encoded bytes to a decoder in chosen splits.
// Test helpers: a panic here is a failed test, which is what we want.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::panic)]

use pyro_transport::{Codec, CodecKind, Frame, Limits, RecvBuffer, Side, TransportError};

/// A deterministic xorshift64* generator (tests only).
pub struct TestRng(u64);

impl TestRng {
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        std::array::from_fn(|_| self.next_u64() as u8)
    }
    pub fn vec(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}

pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Vector E's payloads: bytes 00 01 02 .. (i & 0xff).
pub fn payload(len: usize) -> Vec<u8> {
    (0..len).map(|i| i as u8).collect()
}

pub const ALL_KINDS: [CodecKind; 4] = [
    CodecKind::Abridged,
    CodecKind::Intermediate,
    CodecKind::PaddedIntermediate,
    CodecKind::Full,
];

pub const OBFUSCATABLE: [CodecKind; 3] = [
    CodecKind::Abridged,
    CodecKind::Intermediate,
    CodecKind::PaddedIntermediate,
];

/// Splits `wire` into chunks: `None` = byte by byte, `Some(rng)` = random sizes 1..=97.
pub fn chunks(wire: &[u8], rng: Option<&mut TestRng>) -> Vec<Vec<u8>> {
    match rng {
        None => wire.iter().map(|&b| vec![b]).collect(),
        Some(rng) => {
            let mut out = Vec::new();
            let mut at = 0;
            while at < wire.len() {
                let n = (1 + rng.below(97)).min(wire.len() - at);
                out.push(wire[at..at + n].to_vec());
                at += n;
            }
            out
        }
    }
}

/// Feeds `pieces` one by one into `codec`, collecting every frame; errors stop the feed.
pub fn feed(codec: &mut Codec, pieces: &[Vec<u8>]) -> Result<Vec<Frame>, TransportError> {
    let mut buf = RecvBuffer::new();
    let mut frames = Vec::new();
    for piece in pieces {
        buf.extend_from_slice(piece);
        while let Some(frame) = codec.decode(&mut buf)? {
            frames.push(frame);
        }
    }
    assert!(buf.is_empty(), "bytes left over: {}", buf.len());
    Ok(frames)
}

/// A plain client/server pair; the server's tag is stripped from the wire by the caller
/// (`strip_tag`), as the detector would.
pub fn plain_pair(kind: CodecKind, seed: u64) -> (Codec, Codec) {
    let limits = Limits::default();
    (
        Codec::new(kind, Side::Client, limits, seed),
        Codec::new(kind, Side::Server, limits, seed ^ 0xff),
    )
}

/// An obfuscated client/server pair built from a fixed init; returns the codecs and the length
/// of the client's preamble (64-byte header).
pub fn obfuscated_pair(kind: CodecKind, secret: Option<&[u8; 16]>, seed: u64) -> (Codec, Codec) {
    let mut rng = TestRng::new(seed);
    let init = loop {
        let init = rng.bytes::<64>();
        if pyro_transport::is_valid_init(&init) {
            break init;
        }
    };
    let limits = Limits::default();
    let client = Codec::obfuscated_client(kind, init, 2, secret, limits, seed).unwrap();
    // The server is created from the header, which the client emits with its first packet.
    let mut probe = client.clone();
    let mut wire = Vec::new();
    probe.encode(&payload(4), &mut wire).unwrap();
    let header: [u8; 64] = wire[..64].try_into().unwrap();
    let (server, init) = Codec::obfuscated_server(&header, secret, limits, seed).unwrap();
    assert_eq!(init.kind, kind);
    assert_eq!(init.dc, 2);
    (client, server)
}

/// The client's tag or header length at the start of its first write.
pub fn preamble_len(kind: CodecKind, obfuscated: bool) -> usize {
    if obfuscated {
        64
    } else {
        kind.plain_tag().len()
    }
}

/// Strips a padded payload back to the sent packet (checks the padding is 0..15 bytes).
pub fn unpad(kind: CodecKind, frame: &Frame, sent: &[u8]) -> Vec<u8> {
    let Frame::Packet { payload, .. } = frame else {
        panic!("expected a packet, got {frame:?}");
    };
    if kind == CodecKind::PaddedIntermediate {
        assert!(payload.len() >= sent.len() && payload.len() - sent.len() < 16);
        payload[..sent.len()].to_vec()
    } else {
        payload.clone()
    }
}

/// Starts an echo DC on `bind` (e.g. "127.0.0.1:0") that accepts with `config` and sends every
/// packet back (quick-ack requests get a quick ack first); returns its address.
pub async fn echo_server(bind: &str, config: pyro_transport::AcceptConfig) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let config = config.clone();
            tokio::spawn(async move {
                let Ok(accepted) = pyro_transport::accept(stream, &config).await else {
                    return;
                };
                let mut conn = accepted.connection;
                while let Ok(frame) = conn.recv().await {
                    if let Frame::Packet { payload, quick_ack } = frame {
                        if quick_ack {
                            conn.writer().send_quick_ack(0x0bad_cafe).await.unwrap();
                        }
                        if payload == [0xff; 8] {
                            conn.writer().send_error(-404).await.unwrap();
                        } else {
                            conn.send(&payload).await.unwrap();
                        }
                    }
                }
            });
        }
    });
    addr
}

/// Sends packets through `conn` and checks the echo (padding stripped for the padded codec).
pub async fn check_echo(conn: &mut pyro_transport::FramedConnection, kind: CodecKind) {
    let mut rng = TestRng::new(42);
    for len in [24usize, 1024, 300_000] {
        let packet = rng.vec(len);
        conn.send(&packet).await.unwrap();
        let Frame::Packet { payload, .. } = conn.recv().await.unwrap() else {
            panic!("expected a packet")
        };
        // The echo went through two padded hops: up to 15 padding bytes each.
        let slack = if kind == CodecKind::PaddedIntermediate {
            30
        } else {
            0
        };
        assert!(
            payload.len() >= len && payload.len() - len <= slack,
            "{kind:?} {len}"
        );
        assert_eq!(payload[..len], packet, "{kind:?} {len}");
    }
}
