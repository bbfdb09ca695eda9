//! Constructors for codecs wrapped in obfuscated2 (the key schedule itself lives in
//! `pyro_mtproto_crypto::obfuscation`; vector F of VECTORS.md pins it).
//!
//! The client sends a 64-byte header instead of the plain tag: random bytes whose encrypted tail
//! carries the protocol tag and the DC id. Everything after it, in both directions, is AES-256-CTR.

use super::{Codec, Framing};
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
