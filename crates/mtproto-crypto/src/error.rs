//! The crate's one error type.
//!
//! Variants are grouped by who is at fault: the peer (bytes that came from the network), or the
//! caller (arguments that break this crate's documented contract). Nothing here does I/O, so there
//! is no local-I/O group. Every failure is a value; no function of this crate panics on input.

/// Everything that can go wrong in `pyro-mtproto-crypto`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    // ----- The peer is at fault: the bytes came from the network. -----
    /// An encrypted packet's `auth_key_id` is not the one of the key we hold.
    #[error("packet auth_key_id {got:016x} does not match ours {expected:016x}")]
    AuthKeyIdMismatch {
        /// The id of the key we hold (little-endian `i64` read as `u64`).
        expected: u64,
        /// The id found in the packet.
        got: u64,
    },
    /// The msg_key recomputed from the decrypted plaintext differs from the packet's.
    #[error("msg_key mismatch: the packet was forged, corrupted or encrypted with another key")]
    MsgKeyMismatch,
    /// An encrypted packet is shorter than the smallest one MTProto 2.0 allows.
    #[error("encrypted packet of {len} bytes is shorter than the minimum of {min}")]
    PacketTooShort {
        /// The packet's length.
        len: usize,
        /// The smallest acceptable length.
        min: usize,
    },
    /// The encrypted part of a packet is not a whole number of 16-byte AES blocks.
    #[error("encrypted payload of {len} bytes is not a multiple of 16")]
    PacketNotBlockAligned {
        /// The payload's length.
        len: usize,
    },
    /// The inner `message_data_length` is not a multiple of 4 or does not fit the plaintext.
    #[error("inner message length {declared} does not fit a {plaintext} byte plaintext")]
    BadMessageLength {
        /// The length declared in the decrypted header.
        declared: u32,
        /// The decrypted plaintext's size.
        plaintext: usize,
    },
    /// The padding after the inner message is outside 12..=1024 bytes.
    #[error("padding of {len} bytes is outside 12..=1024")]
    BadPadding {
        /// The padding's length.
        len: usize,
    },
    /// An obfuscated2 header names a protocol tag that no transport uses.
    #[error("obfuscated2 header carries unknown protocol tag {0:02x?}")]
    UnknownProtocolTag([u8; 4]),
    /// An RSA ciphertext is not a valid encryption for this key and scheme.
    #[error("RSA ciphertext is invalid: {0}")]
    BadRsaCiphertext(&'static str),
    /// Diffie-Hellman (or SRP) parameters from the server are not safe to use.
    #[error("unsafe Diffie-Hellman parameters: {0}")]
    UnsafeDhParams(&'static str),
    /// A Diffie-Hellman or SRP public value is outside the range the security guidelines allow.
    #[error("Diffie-Hellman value out of the allowed range: {0}")]
    DhValueOutOfRange(&'static str),
    /// The server's pq cannot be split into two factors.
    #[error("pq = {0} cannot be factorised into two primes")]
    PqNotFactorable(u64),
    /// A step of the auth-key exchange failed (its own variants say whose fault it is).
    #[cfg(feature = "handshake")]
    #[error("auth-key exchange: {0}")]
    Handshake(crate::handshake::HandshakeError),

    // ----- The caller is at fault: an argument breaks the documented contract. -----
    /// Data handed to a block mode is not a whole number of 16-byte blocks.
    #[error("{len} bytes is not a multiple of the 16-byte AES block")]
    NotBlockAligned {
        /// The data's length.
        len: usize,
    },
    /// Padding supplied for encryption does not make a valid MTProto 2.0 packet.
    #[error(
        "padding of {padding} bytes after {plaintext} bytes: need 12..=1024 and a 16-byte multiple"
    )]
    InvalidPadding {
        /// The plaintext's length.
        plaintext: usize,
        /// The padding's length.
        padding: usize,
    },
    /// A buffer lacks the headroom an in-place call documents.
    #[error("buffer of {len} bytes lacks the {needed} bytes of headroom")]
    MissingHeadroom {
        /// The buffer's length.
        len: usize,
        /// The headroom needed.
        needed: usize,
    },
    /// The 64 random bytes for an obfuscated2 header hit a forbidden prefix; draw new ones.
    #[error("obfuscated2 init bytes hit a forbidden prefix; draw new random bytes")]
    InvalidObfuscationInit,
    /// Data is too long for the RSA scheme asked for.
    #[error("{len} bytes is too long for this RSA scheme (at most {max})")]
    RsaDataTooLong {
        /// The data's length.
        len: usize,
        /// The scheme's maximum.
        max: usize,
    },
    /// Not enough injected random bytes were supplied.
    #[error("{got} random bytes supplied, {needed} needed")]
    NotEnoughRandom {
        /// Bytes supplied.
        got: usize,
        /// Bytes needed.
        needed: usize,
    },
    /// A modulus of zero was given for modular arithmetic.
    #[error("the modulus is zero")]
    ZeroModulus,
    /// An RSA key could not be parsed, generated or is unusable.
    #[error("RSA key: {0}")]
    RsaKey(String),
}

impl CryptoError {
    /// Whether the error was caused by bytes from the peer (as opposed to the caller's arguments).
    pub fn is_peer_fault(&self) -> bool {
        #[cfg(feature = "handshake")]
        if let Self::Handshake(e) = self {
            return e.is_peer_fault();
        }
        matches!(
            self,
            Self::AuthKeyIdMismatch { .. }
                | Self::MsgKeyMismatch
                | Self::PacketTooShort { .. }
                | Self::PacketNotBlockAligned { .. }
                | Self::BadMessageLength { .. }
                | Self::BadPadding { .. }
                | Self::UnknownProtocolTag(_)
                | Self::BadRsaCiphertext(_)
                | Self::UnsafeDhParams(_)
                | Self::DhValueOutOfRange(_)
                | Self::PqNotFactorable(_)
        )
    }
}
