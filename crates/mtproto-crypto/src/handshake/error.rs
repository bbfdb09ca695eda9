//! The key exchange's own failures, carried by [`CryptoError::Handshake`](crate::CryptoError).
//!
//! Grouped like the crate's error: first what the peer did wrong (its bytes broke the protocol or
//! a check of core.telegram.org/mtproto/security_guidelines), then what the caller did wrong.

use pyro_tl_types::DeserializeError;

use crate::CryptoError;

/// Which Diffie-Hellman public value failed the range check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DhValue {
    /// The server's `g_a`.
    Ga,
    /// The client's `g_b`.
    Gb,
}

/// Why a step of the auth-key exchange failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandshakeError {
    // ----- The peer is at fault. -----
    /// The message's `nonce` is not the one this exchange started with.
    #[error("the message carries the wrong nonce")]
    WrongNonce,
    /// The message's `server_nonce` is not the one the server chose in `resPQ`.
    #[error("the message carries the wrong server_nonce")]
    WrongServerNonce,
    /// A constructor other than the one this step expects.
    #[error("unexpected constructor {id:#010x} where {expected} was expected")]
    UnexpectedConstructor {
        /// The id read.
        id: u32,
        /// The TL name of what this step expects.
        expected: &'static str,
    },
    /// The message is not valid TL for this step (truncated, oversized or trailing bytes).
    #[error("malformed key-exchange message: {0}")]
    Decode(DeserializeError),
    /// None of the server's key fingerprints is known (client), or the client named a key the
    /// server does not hold (server).
    #[error("no known RSA key among the fingerprints {0:?}")]
    UnknownFingerprint(Vec<i64>),
    /// `resPQ.pq` is not a big-endian number of at most 64 bits.
    #[error("pq of {0} bytes is not a 64-bit number")]
    BadPq(usize),
    /// The client's `p`, `q` or `pq` (outer or inner) differ from the server's.
    #[error("the factors or pq in req_DH_params are not the server's")]
    WrongFactors,
    /// `encrypted_data` of `req_DH_params` decrypts under neither RSA_PAD nor the legacy scheme.
    #[error("req_DH_params.encrypted_data is valid under neither RSA_PAD nor the legacy scheme")]
    BadEncryptedData,
    /// An AES-encrypted answer is empty or not a whole number of 16-byte blocks.
    #[error("encrypted answer of {0} bytes is not a non-empty multiple of 16")]
    BadAnswerLength(usize),
    /// 16 or more bytes follow the decrypted answer (padding is 0 to 15 bytes).
    #[error("{0} bytes of padding after the decrypted answer (at most 15)")]
    BadAnswerPadding(usize),
    /// The SHA-1 before the decrypted answer does not match it.
    #[error("the SHA-1 of the decrypted answer does not match")]
    BadAnswerHash,
    /// `dh_prime` is not a 2048-bit safe prime.
    #[error("dh_prime is not a 2048-bit safe prime")]
    BadDhPrime,
    /// `g` is not in 2..=7 or fails its quadratic-residue condition on `dh_prime`.
    #[error("g = {0} does not generate the prime-order subgroup")]
    BadG(i32),
    /// `g_a` or `g_b` is not in `(2^1984, dh_prime - 2^1984)`.
    #[error("{0:?} is out of the allowed range")]
    DhValueOutOfRange(DhValue),
    /// The server refused `req_DH_params` with `server_DH_params_fail` (its hash checked).
    #[error("the server answered server_DH_params_fail")]
    DhParamsFail,
    /// A `new_nonce_hash` (1, 2 or 3; 0 for server_DH_params_fail) does not match.
    #[error("new_nonce_hash{0} does not match")]
    BadNewNonceHash(u8),
    /// The server answered `dh_gen_fail` (its `new_nonce_hash3` checked).
    #[error("the server answered dh_gen_fail")]
    DhGenFail,
    /// `client_DH_inner_data.retry_id` is neither 0 (first attempt) nor the previous key's
    /// `auth_key_aux_hash` (after `dh_gen_retry`).
    #[error("client_DH_inner_data.retry_id {0} is not the expected one")]
    BadRetryId(i64),
    /// An unencrypted envelope is malformed (see [`super::envelope::unwrap_plain`]).
    #[error("bad unencrypted envelope: {0}")]
    BadEnvelope(&'static str),
    /// The server asked for `dh_gen_retry` more often than a client accepts.
    #[error("more than {0} dh_gen_retry answers")]
    TooManyRetries(u32),

    // ----- The caller is at fault. -----
    /// The injected `p` and `q` are not two distinct primes below 2^32 with `p < q`.
    #[error("p = {p} and q = {q} are not two primes with 1 < p < q < 2^32")]
    InvalidPq {
        /// The smaller factor given.
        p: u32,
        /// The larger factor given.
        q: u32,
    },
    /// The injected server secret `a` gives a `g_a` outside the allowed range: draw another.
    #[error("the server secret gives a g_a outside the allowed range; draw another")]
    InvalidServerSecret,
}

impl HandshakeError {
    /// Whether the peer's bytes caused the error (as opposed to the caller's arguments).
    pub fn is_peer_fault(&self) -> bool {
        !matches!(self, Self::InvalidPq { .. } | Self::InvalidServerSecret)
    }
}

impl From<HandshakeError> for CryptoError {
    fn from(e: HandshakeError) -> Self {
        CryptoError::Handshake(e)
    }
}

impl From<DeserializeError> for HandshakeError {
    /// An unknown id becomes [`HandshakeError::UnexpectedConstructor`]; the rest is
    /// [`HandshakeError::Decode`].
    fn from(e: DeserializeError) -> Self {
        match e {
            DeserializeError::UnknownConstructor { id, type_name } => Self::UnexpectedConstructor {
                id,
                expected: type_name,
            },
            other => Self::Decode(other),
        }
    }
}
