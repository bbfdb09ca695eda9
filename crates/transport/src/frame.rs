//! What a decoder yields, which framing is in use, which side of the connection we are, and the
//! limits that protect a decoder from hostile lengths.

/// One decoded unit of the transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// An MTProto packet (encrypted or plain; this crate does not look inside).
    ///
    /// With the padded intermediate codec the payload still carries the sender's 0..15 random
    /// padding bytes at its end: MTProto's own lengths tell the session layer where the packet
    /// ends.
    Packet {
        /// The packet's bytes.
        payload: Vec<u8>,
        /// On the server side: the client asked for a quick acknowledgement of this packet.
        quick_ack: bool,
    },
    /// The server's quick acknowledgement (client side): the 32-bit token with its most
    /// significant bit set, as the docs define it (the first 32 bits of the packet's SHA-256 used
    /// for msg_key, with the top bit forced on).
    QuickAck(u32),
}

impl Frame {
    /// A packet without a quick-ack request.
    pub fn packet(payload: Vec<u8>) -> Self {
        Self::Packet {
            payload,
            quick_ack: false,
        }
    }
}

/// The four MTProto framings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodecKind {
    /// 1- or 4-byte length in 4-byte units; tag `0xef`.
    Abridged,
    /// 4-byte little-endian length; tag `0xeeeeeeee`.
    Intermediate,
    /// Intermediate with 0..15 random padding bytes after each packet; tag `0xdddddddd`. The only
    /// one MTProxy `dd` secrets allow.
    PaddedIntermediate,
    /// Length, sequence number, payload and CRC32; no tag. Cannot be obfuscated.
    Full,
}

impl CodecKind {
    /// The 4-byte protocol tag carried inside an obfuscated2 init (`None` for the full codec,
    /// which has none).
    pub fn obfuscation_tag(self) -> Option<[u8; 4]> {
        match self {
            Self::Abridged => Some([0xef; 4]),
            Self::Intermediate => Some([0xee; 4]),
            Self::PaddedIntermediate => Some([0xdd; 4]),
            Self::Full => None,
        }
    }

    /// The codec whose obfuscation tag is `tag`.
    pub fn from_obfuscation_tag(tag: [u8; 4]) -> Option<Self> {
        [Self::Abridged, Self::Intermediate, Self::PaddedIntermediate]
            .into_iter()
            .find(|kind| kind.obfuscation_tag() == Some(tag))
    }

    /// The bytes a plain (not obfuscated) client sends once before its first packet.
    pub fn plain_tag(self) -> &'static [u8] {
        match self {
            Self::Abridged => &[0xef],
            Self::Intermediate => &[0xee; 4],
            Self::PaddedIntermediate => &[0xdd; 4],
            Self::Full => &[],
        }
    }
}

/// Which end of the connection a codec serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Sends the tag, may request quick acks, receives quick acks and transport errors.
    Client,
    /// Receives quick-ack requests, sends quick acks and transport errors.
    Server,
}

/// Bounds applied to every frame before anything is allocated for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest payload accepted or sent, in bytes.
    pub max_frame: usize,
}

impl Limits {
    /// The default maximum: 16 MiB, far above the 1 MiB file parts Telegram's largest requests
    /// carry, yet small enough that a hostile length cannot exhaust memory.
    pub const DEFAULT_MAX_FRAME: usize = 16 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_frame: Self::DEFAULT_MAX_FRAME,
        }
    }
}
