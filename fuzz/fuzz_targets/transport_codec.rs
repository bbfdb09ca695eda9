//! Feeds arbitrary bytes to every transport decoder. The first byte picks the codec (bits 0-1),
//! the side (bit 2) and whether the input is delivered in two pieces (bit 3); the rest is the
//! stream. Asserts: no panic, and a decoder never yields more payload bytes than it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyro_transport::{Codec, CodecKind, Frame, Limits, RecvBuffer, Side};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, stream)) = data.split_first() else {
        return;
    };
    let kind = [
        CodecKind::Abridged,
        CodecKind::Intermediate,
        CodecKind::PaddedIntermediate,
        CodecKind::Full,
    ][usize::from(pick & 3)];
    let side = if pick & 4 == 0 {
        Side::Client
    } else {
        Side::Server
    };
    let mut codec = Codec::new(kind, side, Limits { max_frame: 1 << 20 }, 0);
    let split = if pick & 8 == 0 {
        stream.len()
    } else {
        stream.len() / 2
    };
    let mut input = RecvBuffer::new();
    let mut yielded = 0usize;
    for piece in [&stream[..split], &stream[split..]] {
        input.extend_from_slice(piece);
        while let Ok(Some(frame)) = codec.decode(&mut input) {
            if let Frame::Packet { payload, .. } = frame {
                yielded += payload.len();
            }
        }
    }
    assert!(yielded <= stream.len());
});
