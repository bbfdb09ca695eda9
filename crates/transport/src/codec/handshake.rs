//! How a connection starts: the obfuscated2 header (client and server constructors of a wrapped
//! [`Codec`]) and the server's detection of the codec from the first bytes.
//!
//! Obfuscated2: the client sends a 64-byte header instead of the plain tag: random bytes whose
//! encrypted tail carries the protocol tag and the DC id; everything after it, in both
//! directions, is AES-256-CTR (the key schedule lives in `pyro_mtproto_crypto::obfuscation`;
//! vector F of VECTORS.md pins it).
//!
//! Detection: [`Detector::detect`] looks at the first bytes and asks for more until it can
//! decide: `0xef` (abridged), `0xeeeeeeee` (intermediate), `0xdddddddd` (padded intermediate), a
//! full-transport frame (sequence number 0 in bytes 4..8, which an obfuscated init never has),
//! or otherwise a 64-byte obfuscated2 header, opened with the MTProxy secret when one is
//! configured. Fake-TLS (`ee`) connections are unwrapped by [`crate::faketls`] first, then
//! detected the same way.

use super::{Codec, Framing};
use crate::buffer::RecvBuffer;
use crate::error::{Result, TransportError};
use crate::frame::{CodecKind, Limits, Side};
use pyro_mtproto_crypto::obfuscation::{self, client_handshake, server_handshake};

/// What the server learnt from a client's obfuscated2 header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObfuscatedInit {
    /// The framing the client chose.
    pub kind: CodecKind,
    /// The DC id the client asked for (negative for media DCs, per MTProxy convention).
    pub dc: i16,
}

impl Codec {
    /// A client codec wrapped in obfuscated2. `init` is 64 random bytes: draw them again while
    /// [`is_valid_init`] says no (the drivers do this with the OS RNG). `secret` is an MTProxy
    /// secret's 16-byte key. The full codec cannot be obfuscated.
    pub fn obfuscated_client(
        kind: CodecKind,
        init: [u8; 64],
        dc: i16,
        secret: Option<&[u8; 16]>,
        limits: Limits,
        seed: u64,
    ) -> Result<Self> {
        let tag = kind.obfuscation_tag().ok_or(TransportError::Config(
            "the full codec cannot be obfuscated",
        ))?;
        let (header, obfuscator) = client_handshake(init, tag, dc, secret)?;
        let framing = Framing::new(kind, Side::Client, limits, false, seed);
        Ok(Self::assemble(framing, Some(obfuscator), Some(header)))
    }

    /// The server's codec for a client's 64-byte obfuscated2 `header` (and the client's choices).
    /// A header that does not decrypt to a known protocol tag, with this `secret` or without one,
    /// is [`TransportError::BadInit`].
    pub fn obfuscated_server(
        header: &[u8; 64],
        secret: Option<&[u8; 16]>,
        limits: Limits,
        seed: u64,
    ) -> Result<(Self, ObfuscatedInit)> {
        let (init, obfuscator) = server_handshake(header, secret)
            .map_err(|_| TransportError::BadInit("obfuscated2 header has no known protocol tag"))?;
        let kind = CodecKind::from_obfuscation_tag(init.protocol_tag)
            .ok_or(TransportError::BadInit("unknown obfuscated2 protocol tag"))?;
        let framing = Framing::new(kind, Side::Server, limits, false, seed);
        let codec = Self::assemble(framing, Some(obfuscator), None);
        Ok((codec, ObfuscatedInit { kind, dc: init.dc }))
    }
}

/// True when 64 random bytes may serve as an obfuscated2 init (not mistakable for a plain
/// transport, HTTP or TLS); re-exported from `pyro_mtproto_crypto`.
pub fn is_valid_init(init: &[u8; 64]) -> bool {
    obfuscation::is_valid_init(init)
}

/// What a server accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetectorConfig {
    /// The MTProxy secret's 16-byte key; obfuscated2 headers are opened with it.
    pub secret: Option<[u8; 16]>,
    /// Accept the plain (not obfuscated) codecs. MTProxy servers refuse them.
    pub allow_plain: bool,
    /// Limits for the resulting codec.
    pub limits: Limits,
}

impl Default for DetectorConfig {
    /// What a Telegram DC accepts: every plain codec and obfuscated2 without a secret.
    fn default() -> Self {
        Self {
            secret: None,
            allow_plain: true,
            limits: Limits::default(),
        }
    }
}

/// The outcome of detection.
#[derive(Debug, Clone)]
pub struct Detected {
    /// The server codec to use for the rest of the connection.
    pub codec: Codec,
    /// `Some` when the client used obfuscated2 (with its DC id).
    pub obfuscated: Option<ObfuscatedInit>,
}

/// A sans-IO codec detector for one connection.
#[derive(Debug, Clone)]
pub struct Detector {
    config: DetectorConfig,
    seed: u64,
}

impl Detector {
    /// A detector; `seed` drives the padded codec's padding on the server's sends.
    pub fn new(config: DetectorConfig, seed: u64) -> Self {
        Self { config, seed }
    }

    /// Inspects the pending bytes: `Ok(None)` asks for more, `Ok(Some)` has consumed the tag or
    /// header (bytes after it stay in `input` for the codec), an error means the bytes are
    /// neither a transport this server accepts nor a valid obfuscated2 header.
    pub fn detect(&mut self, input: &mut RecvBuffer) -> Result<Option<Detected>> {
        let plain = |kind, consumed: usize, input: &mut RecvBuffer| {
            input.consume(consumed);
            Some(Detected {
                codec: Codec::new(kind, Side::Server, self.config.limits, self.seed),
                obfuscated: None,
            })
        };
        if self.config.allow_plain {
            match input.as_slice() {
                [] => return Ok(None),
                [0xef, ..] => return Ok(plain(CodecKind::Abridged, 1, input)),
                [0xee, 0xee, 0xee, 0xee, ..] => {
                    return Ok(plain(CodecKind::Intermediate, 4, input));
                }
                [0xdd, 0xdd, 0xdd, 0xdd, ..] => {
                    return Ok(plain(CodecKind::PaddedIntermediate, 4, input));
                }
                [_, _, _, _, 0, 0, 0, 0, ..] => return Ok(plain(CodecKind::Full, 0, input)),
                _ => {}
            }
        }
        let Some(header) = input.peek::<64>() else {
            return Ok(None);
        };
        let secret = self.config.secret;
        let (codec, init) =
            Codec::obfuscated_server(&header, secret.as_ref(), self.config.limits, self.seed)?;
        input.consume(64);
        Ok(Some(Detected {
            codec,
            obfuscated: Some(init),
        }))
    }

    /// Call when the stream ended before detection finished.
    pub fn finish(&self, input: &RecvBuffer) -> TransportError {
        TransportError::end_of_stream(input.len())
    }
}
