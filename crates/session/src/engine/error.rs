//! The engine's errors: what a request can end with ([`RequestError`], [`RpcError`]), why an
//! incoming packet was dropped ([`PacketError`], [`PayloadError`]), and what a caller did wrong
//! ([`EngineError`]).

use pyro_mtproto_crypto::CryptoError;

/// An `rpc_error` from the server, parsed: `FLOOD_WAIT_17` is name `FLOOD_WAIT`, value 17.
///
/// The value is the first all-digit `_`-separated part after the first one, removed from the
/// name (`FILE_MIGRATE_3`, `2FA_CONFIRM_WAIT_3600`, `FILE_PART_7_MISSING` -> `FILE_PART_MISSING`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("RPC error {code}: {message}")]
pub struct RpcError {
    /// The error code (303, 400, 401, 403, 406, 420, 500, ...).
    pub code: i32,
    /// The error name without its numeric part.
    pub name: String,
    /// The numeric part, if the message has one.
    pub value: Option<u32>,
    /// The message exactly as the server sent it.
    pub message: String,
}

impl RpcError {
    /// Parses `error_code` and `error_message`.
    pub fn new(code: i32, message: &str) -> Self {
        let mut value = None;
        let mut name_parts: Vec<&str> = Vec::new();
        for (i, part) in message.split('_').enumerate() {
            if i > 0
                && value.is_none()
                && !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && let Ok(v) = part.parse::<u32>()
            {
                value = Some(v);
                continue;
            }
            name_parts.push(part);
        }
        Self {
            code,
            name: name_parts.join("_"),
            value,
            message: message.to_owned(),
        }
    }

    /// Whether this is `name` (ignoring the value): `err.is("FLOOD_WAIT")`.
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }
}

/// How a request ended when it did not end with a result. Every request ends exactly once: with
/// its result, or with one of these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    // ----- The server's answer. -----
    /// The server answered with `rpc_error`.
    #[error(transparent)]
    Rpc(#[from] RpcError),
    /// The server refused the message with a `bad_msg_notification` that resending cannot fix.
    #[error("the server refused the request: bad_msg_notification {code}")]
    BadMessage {
        /// The notification's error code.
        code: i32,
    },
    /// The request was resent more often than the configured limit allows.
    #[error("the request was resent {0} times without an answer being accepted")]
    TooManyResends(u32),
    /// The answer could not be decoded (a bad `gzip_packed`, or a result too large to inflate).
    #[error("malformed answer: {0}")]
    MalformedAnswer(PayloadError),

    // ----- The caller. -----
    /// The request's own timeout passed before an answer came.
    #[error("the request timed out")]
    Timeout,
    /// The request was cancelled.
    #[error("the request was cancelled")]
    Cancelled,
    /// The session was closed before the request was answered.
    #[error("the session was closed")]
    SessionClosed,
    /// A bound request's builder made a body the engine cannot send.
    #[error("the built request body is invalid: {0}")]
    InvalidBody(EngineError),
}

/// Why the bytes inside a decrypted packet could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PayloadError {
    /// A length points past the end of the data.
    #[error("truncated message")]
    Truncated,
    /// Bytes are left after the last message of a container.
    #[error("trailing bytes after a container")]
    TrailingBytes,
    /// A constructor appears where it is not allowed (a container inside a container, ...).
    #[error("unexpected constructor {0:#010x}")]
    UnexpectedConstructor(u32),
    /// A message inside a container has an id not below the container's.
    #[error("message {inner:#x} is not older than its container {container:#x}")]
    ContainerOrder {
        /// The container's id.
        container: i64,
        /// The message's id.
        inner: i64,
    },
    /// A `gzip_packed` does not inflate.
    #[error("gzip_packed data is corrupt")]
    BadGzip,
    /// A `gzip_packed` inflates to more than the configured maximum.
    #[error("gzip_packed inflates beyond {max} bytes")]
    InflateLimit {
        /// The configured limit.
        max: usize,
    },
}

/// Why an incoming packet (or a message inside it) was dropped. All of these are the peer's (or
/// the network's) fault; the engine stays usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PacketError {
    /// Decryption failed (wrong key, forged or corrupted packet).
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The plaintext's structure is broken.
    #[error(transparent)]
    Payload(#[from] PayloadError),
    /// The packet belongs to another session.
    #[error("packet for session {got:#x}, ours is {expected:#x}")]
    WrongSession {
        /// Our session id.
        expected: i64,
        /// The packet's.
        got: i64,
    },
    /// A message id has the wrong parity for its sender.
    #[error("message id {0:#x} has the wrong parity")]
    BadMsgIdParity(i64),
    /// A message id's time is outside the allowed window around the corrected clock.
    #[error("message id {msg_id:#x} is {skew_secs} s off the corrected clock")]
    OutOfWindow {
        /// The id.
        msg_id: i64,
        /// Its time minus the corrected clock, in seconds.
        skew_secs: i64,
    },
    /// The message id was already received (or is too old to tell).
    #[error("duplicate message id {0:#x}")]
    Duplicate(i64),
}

/// A caller broke the engine's contract.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// A request body is larger than one packet may carry.
    #[error("request of {len} bytes exceeds the {max} byte limit")]
    RequestTooLarge {
        /// The body's size (after compression).
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A request body is not a TL value (shorter than a constructor id, or not 4-byte aligned).
    #[error("request body of {0} bytes is not a TL value")]
    NotTl(usize),
}

#[cfg(test)]
mod tests {
    use super::RpcError;

    #[test]
    fn rpc_error_names_and_values() {
        let e = RpcError::new(420, "FLOOD_WAIT_17");
        assert_eq!((e.name.as_str(), e.value), ("FLOOD_WAIT", Some(17)));
        let e = RpcError::new(303, "FILE_MIGRATE_3");
        assert_eq!((e.name.as_str(), e.value), ("FILE_MIGRATE", Some(3)));
        let e = RpcError::new(400, "2FA_CONFIRM_WAIT_3600");
        assert_eq!((e.name.as_str(), e.value), ("2FA_CONFIRM_WAIT", Some(3600)));
        let e = RpcError::new(400, "FILE_PART_7_MISSING");
        assert_eq!((e.name.as_str(), e.value), ("FILE_PART_MISSING", Some(7)));
        let e = RpcError::new(400, "PEER_ID_INVALID");
        assert_eq!((e.name.as_str(), e.value), ("PEER_ID_INVALID", None));
        assert!(e.is("PEER_ID_INVALID"));
        assert_eq!(e.message, "PEER_ID_INVALID");
    }
}
