//! The crate's one error type, grouped by who is at fault: the peer or network, local I/O, or the
//! caller.

use std::io;

/// Everything that can go wrong while framing, unframing, proxying or accepting MTProto traffic.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    // ---- the peer or the network sent something wrong ----
    /// A full-transport frame whose CRC32 does not match its contents.
    #[error("bad CRC32 in a full-transport frame: expected {expected:#010x}, got {got:#010x}")]
    BadCrc {
        /// The CRC32 computed over the received length, sequence number and payload.
        expected: u32,
        /// The CRC32 the frame carried.
        got: u32,
    },
    /// A full-transport frame whose sequence number is not the next one.
    #[error("bad sequence number in a full-transport frame: expected {expected}, got {got}")]
    BadSeq {
        /// The sequence number this side expected.
        expected: i32,
        /// The sequence number the frame carried.
        got: i32,
    },
    /// A frame header announcing more bytes than the configured maximum; nothing was allocated.
    #[error("frame of {len} bytes exceeds the maximum of {max}")]
    FrameTooLarge {
        /// The announced length in bytes.
        len: u64,
        /// The configured maximum.
        max: usize,
    },
    /// A frame length that no valid frame can have (e.g. a full-transport length below 12).
    #[error("invalid frame length {len}")]
    BadLength {
        /// The announced length.
        len: u64,
    },
    /// The server sent a transport error: a 4-byte negative code such as -404 (auth key not
    /// found) or -429 (too many connections).
    #[error("transport error {code}{}", describe(*.code))]
    ErrorCode {
        /// The negative code as sent.
        code: i32,
    },
    /// The connection's first bytes are neither a known transport tag nor a valid obfuscated2
    /// init (or the init does not decrypt to a known protocol tag).
    #[error("bad connection init: {0}")]
    BadInit(&'static str),
    /// A fake-TLS (MTProxy `ee`) handshake or record that does not check out.
    #[error("bad fake-TLS data: {0}")]
    BadTls(&'static str),
    /// A SOCKS5 or HTTP proxy refused or answered something unexpected.
    #[error("proxy failed: {0}")]
    Proxy(String),
    /// The stream ended in the middle of a frame or handshake.
    #[error("connection closed in the middle of a frame ({pending} bytes pending)")]
    Truncated {
        /// Bytes received but not yet forming a complete frame.
        pending: usize,
    },
    /// The peer closed the connection cleanly, between frames.
    #[error("connection closed by the peer")]
    Closed,

    // ---- local I/O ----
    /// A socket error.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
    /// Connecting (or a proxy handshake) took longer than the configured timeout.
    #[error("timed out after {0:?}")]
    Timeout(std::time::Duration),
    /// The operating system's random number generator failed.
    #[error("OS random number generator failed")]
    Random,

    // ---- the caller asked for something impossible ----
    /// A packet this codec cannot carry (abridged needs a multiple of 4 bytes).
    #[error("packet of {len} bytes cannot be framed: {reason}")]
    BadPacket {
        /// The packet's length.
        len: usize,
        /// Why it cannot be framed.
        reason: &'static str,
    },
    /// A configuration that cannot work (bad secret, quick ack on the full transport, ...).
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// An error from the obfuscation primitives of `pyro-mtproto-crypto`.
    #[error("obfuscation failed: {0}")]
    Crypto(#[from] pyro_mtproto_crypto::CryptoError),
}

/// The meaning of the transport error codes Telegram documents.
fn describe(code: i32) -> &'static str {
    match code {
        -404 => " (auth key not found)",
        -429 => " (too many connections / flood)",
        -444 => " (invalid DC)",
        _ => "",
    }
}

impl TransportError {
    /// The error for a stream that ended with `pending` undecoded bytes: [`Self::Closed`] when
    /// none are pending, [`Self::Truncated`] otherwise.
    pub fn end_of_stream(pending: usize) -> Self {
        if pending == 0 {
            Self::Closed
        } else {
            Self::Truncated { pending }
        }
    }

    /// True for faults of the peer or the network (as opposed to local I/O or caller errors).
    pub fn is_peer_fault(&self) -> bool {
        matches!(
            self,
            Self::BadCrc { .. }
                | Self::BadSeq { .. }
                | Self::FrameTooLarge { .. }
                | Self::BadLength { .. }
                | Self::ErrorCode { .. }
                | Self::BadInit(_)
                | Self::BadTls(_)
                | Self::Proxy(_)
                | Self::Truncated { .. }
                | Self::Closed
        )
    }
}

impl Clone for TransportError {
    /// A copy of the error. An [`Io`](Self::Io) error is copied as its OS error code when it has
    /// one, else as its kind and message (its inner source, if any, is not kept): a driver that
    /// reports one failed connect to several waiting callers hands each its own copy.
    fn clone(&self) -> Self {
        match self {
            Self::BadCrc { expected, got } => Self::BadCrc {
                expected: *expected,
                got: *got,
            },
            Self::BadSeq { expected, got } => Self::BadSeq {
                expected: *expected,
                got: *got,
            },
            Self::FrameTooLarge { len, max } => Self::FrameTooLarge {
                len: *len,
                max: *max,
            },
            Self::BadLength { len } => Self::BadLength { len: *len },
            Self::ErrorCode { code } => Self::ErrorCode { code: *code },
            Self::BadInit(why) => Self::BadInit(why),
            Self::BadTls(why) => Self::BadTls(why),
            Self::Proxy(why) => Self::Proxy(why.clone()),
            Self::Truncated { pending } => Self::Truncated { pending: *pending },
            Self::Closed => Self::Closed,
            Self::Io(e) => Self::Io(match e.raw_os_error() {
                Some(code) => io::Error::from_raw_os_error(code),
                None => io::Error::new(e.kind(), e.to_string()),
            }),
            Self::Timeout(after) => Self::Timeout(*after),
            Self::Random => Self::Random,
            Self::BadPacket { len, reason } => Self::BadPacket { len: *len, reason },
            Self::Config(why) => Self::Config(why),
            Self::Crypto(e) => Self::Crypto(e.clone()),
        }
    }
}

/// The crate's result type.
pub type Result<T, E = TransportError> = std::result::Result<T, E>;
