//! Sans-IO codecs: every MTProto framing, for the client and the server, optionally wrapped in
//! obfuscated2.
//!
//! A [`Codec`] is an [`Encoder`] and a [`Decoder`]; [`Codec::split`] separates them so a driver can
//! send and receive from two tasks. Encoding appends to a `Vec<u8>`; decoding consumes only whole
//! frames from a [`RecvBuffer`] that may hold a partial frame or several.

mod framing;
mod handshake;

pub use handshake::{Detected, Detector, DetectorConfig, ObfuscatedInit, is_valid_init};

use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};
use crate::frame::{CodecKind, Frame, Limits, Side};
use framing::{Abridged, Full, Intermediate, PaddingRng};
use pyro_mtproto_crypto::obfuscation::Obfuscator;

/// Checks an announced payload length against the limits before anything is allocated for it.
fn check_len(len: u64, limits: Limits) -> Result<usize> {
    match usize::try_from(len) {
        Ok(n) if n <= limits.max_frame => Ok(n),
        _ => Err(TransportError::FrameTooLarge {
            len,
            max: limits.max_frame,
        }),
    }
}

/// True when `input` holds at least `n` bytes.
fn need(input: &RecvBuffer, n: usize) -> bool {
    input.len() >= n
}

/// A received payload of 4..=`longest` bytes starting with a negative `i32` is a transport error.
fn error_code(payload: &[u8], longest: usize) -> Result<()> {
    if let Some(&[a, b, c, d]) = payload.first_chunk::<4>()
        && payload.len() <= longest
    {
        let code = i32::from_le_bytes([a, b, c, d]);
        if code < 0 {
            return Err(TransportError::ErrorCode { code });
        }
    }
    Ok(())
}

/// One framing's state (both halves keep a copy and use their own part of it).
#[derive(Debug, Clone)]
enum Framing {
    Abridged(Abridged),
    Intermediate(Intermediate),
    Full(Full),
}

impl Framing {
    fn new(kind: CodecKind, side: Side, limits: Limits, send_tag: bool, seed: u64) -> Self {
        let tag_pending = send_tag && side == Side::Client;
        match kind {
            CodecKind::Abridged => Self::Abridged(Abridged {
                side,
                limits,
                tag_pending,
            }),
            CodecKind::Intermediate | CodecKind::PaddedIntermediate => {
                Self::Intermediate(Intermediate {
                    side,
                    limits,
                    tag_pending,
                    padding: (kind == CodecKind::PaddedIntermediate).then(|| PaddingRng::new(seed)),
                })
            }
            CodecKind::Full => Self::Full(Full {
                side,
                limits,
                send_seq: 0,
                recv_seq: 0,
            }),
        }
    }

    fn side(&self) -> Side {
        match self {
            Self::Abridged(f) => f.side,
            Self::Intermediate(f) => f.side,
            Self::Full(f) => f.side,
        }
    }

    fn kind(&self) -> CodecKind {
        match self {
            Self::Abridged(_) => CodecKind::Abridged,
            Self::Intermediate(f) if f.padding.is_some() => CodecKind::PaddedIntermediate,
            Self::Intermediate(_) => CodecKind::Intermediate,
            Self::Full(_) => CodecKind::Full,
        }
    }
}

/// The sending half of a codec.
#[derive(Debug, Clone)]
pub struct Encoder {
    framing: Framing,
    obfuscator: Option<Obfuscator>,
    /// The obfuscated2 header, sent (as is) before the first frame.
    preamble: Option<[u8; 64]>,
}

impl Encoder {
    /// Appends `packet`, framed (and obfuscated when the codec is), to `out`. The client's tag or
    /// obfuscation header goes before the first packet.
    pub fn encode(&mut self, packet: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.encode_frame(packet, false, out)
    }

    /// Like [`Encoder::encode`], asking the server for a quick acknowledgement (client side,
    /// abridged and intermediate codecs only).
    pub fn encode_with_quick_ack(&mut self, packet: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if self.framing.side() != Side::Client {
            return Err(TransportError::Config("only clients request quick acks"));
        }
        self.encode_frame(packet, true, out)
    }

    /// Server side: appends the quick-ack reply carrying `token` (its top bit is forced on).
    pub fn encode_quick_ack(&mut self, token: u32, out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        match &self.framing {
            Framing::Abridged(f) if f.side == Side::Server => {
                Abridged::encode_quick_ack(token, out);
            }
            Framing::Intermediate(f) if f.side == Side::Server => {
                Intermediate::encode_quick_ack(token, out);
            }
            _ => {
                return Err(TransportError::Config(
                    "quick acks are sent by abridged or intermediate servers",
                ));
            }
        }
        self.obfuscate(start, out);
        Ok(())
    }

    /// Server side: appends a transport error frame (a negative code such as -404).
    pub fn encode_error(&mut self, code: i32, out: &mut Vec<u8>) -> Result<()> {
        if self.framing.side() != Side::Server || code >= 0 {
            return Err(TransportError::Config(
                "transport errors are negative codes sent by servers",
            ));
        }
        self.encode_frame(&code.to_le_bytes(), false, out)
    }

    fn encode_frame(&mut self, packet: &[u8], quick_ack: bool, out: &mut Vec<u8>) -> Result<()> {
        if let Some(header) = self.preamble.take() {
            out.extend_from_slice(&header);
        }
        let start = out.len();
        let framed = match &mut self.framing {
            Framing::Abridged(f) => f.encode(packet, quick_ack, out),
            Framing::Intermediate(f) => f.encode(packet, quick_ack, out),
            Framing::Full(f) => f.encode(packet, quick_ack, out),
        };
        if let Err(e) = framed {
            out.truncate(start);
            return Err(e);
        }
        self.obfuscate(start, out);
        Ok(())
    }

    fn obfuscate(&mut self, start: usize, out: &mut [u8]) {
        if let (Some(obf), Some(fresh)) = (self.obfuscator.as_mut(), out.get_mut(start..)) {
            obf.encrypt(fresh);
        }
    }
}

/// The receiving half of a codec.
#[derive(Debug, Clone)]
pub struct Decoder {
    framing: Framing,
    obfuscator: Option<Obfuscator>,
    /// How many of the buffer's pending bytes are already decrypted.
    clear: usize,
}

impl Decoder {
    /// Decodes the next complete frame from the front of `input`, consuming exactly its bytes;
    /// `Ok(None)` means more bytes are needed. Between calls the caller may only append to
    /// `input`. A transport error frame is consumed and returned as
    /// [`TransportError::ErrorCode`].
    pub fn decode(&mut self, input: &mut RecvBuffer) -> Result<Option<Frame>> {
        if let Some(obf) = self.obfuscator.as_mut() {
            let clear = self.clear.min(input.len());
            if let Some(fresh) = input.as_mut_slice().get_mut(clear..) {
                obf.decrypt(fresh);
            }
        }
        let result = match &mut self.framing {
            Framing::Abridged(f) => f.decode(input),
            Framing::Intermediate(f) => f.decode(input),
            Framing::Full(f) => f.decode(input),
        };
        self.clear = input.len();
        result
    }

    /// Call when the stream has ended: a clean end between frames is [`TransportError::Closed`],
    /// an end in the middle of one is [`TransportError::Truncated`].
    pub fn finish(&self, input: &RecvBuffer) -> TransportError {
        TransportError::end_of_stream(input.len())
    }
}

/// A client or server codec: framing, optionally obfuscated2.
#[derive(Debug, Clone)]
pub struct Codec {
    encoder: Encoder,
    decoder: Decoder,
}

impl Codec {
    /// A plain codec. `seed` drives the padded codec's padding (drivers draw it from the OS; tests
    /// fix it). A client codec sends its tag before the first packet; a server codec expects the
    /// tag to have been consumed already (see [`crate::Detector`]).
    pub fn new(kind: CodecKind, side: Side, limits: Limits, seed: u64) -> Self {
        Self::assemble(Framing::new(kind, side, limits, true, seed), None, None)
    }

    fn assemble(
        framing: Framing,
        obfuscator: Option<Obfuscator>,
        preamble: Option<[u8; 64]>,
    ) -> Self {
        Self {
            encoder: Encoder {
                framing: framing.clone(),
                obfuscator: obfuscator.clone(),
                preamble,
            },
            decoder: Decoder {
                framing,
                obfuscator,
                clear: 0,
            },
        }
    }

    /// The framing in use.
    pub fn kind(&self) -> CodecKind {
        self.encoder.framing.kind()
    }

    /// Which side this codec serves.
    pub fn side(&self) -> Side {
        self.encoder.framing.side()
    }

    /// True when the codec is wrapped in obfuscated2.
    pub fn is_obfuscated(&self) -> bool {
        self.encoder.obfuscator.is_some()
    }

    /// See [`Encoder::encode`].
    pub fn encode(&mut self, packet: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.encoder.encode(packet, out)
    }

    /// See [`Decoder::decode`].
    pub fn decode(&mut self, input: &mut RecvBuffer) -> Result<Option<Frame>> {
        self.decoder.decode(input)
    }

    /// The sending half.
    pub fn encoder(&mut self) -> &mut Encoder {
        &mut self.encoder
    }

    /// The receiving half.
    pub fn decoder(&mut self) -> &mut Decoder {
        &mut self.decoder
    }

    /// Separates the halves, e.g. for a reader task and a writer task.
    pub fn split(self) -> (Encoder, Decoder) {
        (self.encoder, self.decoder)
    }
}
