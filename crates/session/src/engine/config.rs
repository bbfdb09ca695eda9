//! What the caller tunes ([`EngineConfig`], [`RequestOptions`]) and what the engine reports
//! ([`Event`], [`RequestId`]).

use std::time::Duration;

use super::error::RequestError;

/// Most messages in one `msg_container` (Telegram's limit, per the issue and
/// core.telegram.org/mtproto/service_messages).
pub const MAX_CONTAINER_MESSAGES: usize = 1020;
/// Most bytes of one container's messages (about 1 MiB; Telegram's servers refuse larger).
pub const MAX_CONTAINER_BYTES: usize = 1_044_456;
/// Largest single message body the engine sends (a 512 KiB file part with its TL overhead fits
/// easily; Telegram's packets are capped near 1 MiB).
pub const MAX_MESSAGE_BYTES: usize = 1_044_456;

/// Tuning of one [`Engine`](super::Engine). `Default` gives Telegram-friendly values.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// How long an acknowledgment may wait to be piggy-backed before it is sent alone.
    pub ack_delay: Duration,
    /// Interval between keepalive `ping_delay_disconnect`s while connected.
    pub ping_interval: Duration,
    /// How long to wait for a `pong` before reporting [`Event::ConnectionStale`].
    pub pong_timeout: Duration,
    /// The `disconnect_delay` asked of the server in each keepalive ping.
    pub disconnect_delay: Duration,
    /// How often one request may be resent (salt changes, clock resyncs, reconnects) before it
    /// fails with [`RequestError::TooManyResends`].
    pub max_resends: u32,
    /// Largest output of one `gzip_packed` inflate.
    pub max_inflate: usize,
    /// Bodies above this size are compressed (when the request allows it and it pays).
    pub gzip_threshold: usize,
    /// How many salts to ask for with `get_future_salts`.
    pub future_salts: i32,
    /// New salts are fetched this long before the last known one expires.
    pub salt_refresh_margin: Duration,
    /// How many received message ids are remembered to drop duplicates.
    pub dedup_window: usize,
    /// Accepted age of a server message id, against the corrected clock.
    pub window_past: Duration,
    /// Accepted lead of a server message id, against the corrected clock.
    pub window_future: Duration,
    /// At most this many random 16-byte blocks of extra padding per packet (hides sizes).
    pub max_extra_padding_blocks: u8,
    /// A request that went out and has heard nothing back (no ack, no answer) for this long is
    /// asked about with `msgs_state_req`; the `msgs_state_info` answer resends it (not received)
    /// or asks for its answer again (answered). `None` never asks.
    pub state_request_after: Option<Duration>,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            ack_delay: Duration::from_millis(500),
            ping_interval: Duration::from_secs(60),
            pong_timeout: Duration::from_secs(20),
            disconnect_delay: Duration::from_secs(75),
            max_resends: 5,
            max_inflate: 16 << 20,
            gzip_threshold: 512,
            future_salts: 32,
            salt_refresh_margin: Duration::from_secs(600),
            dedup_window: 2048,
            window_past: Duration::from_secs(300),
            window_future: Duration::from_secs(30),
            max_extra_padding_blocks: 3,
            state_request_after: Some(Duration::from_secs(25)),
        }
    }
}

/// Builds the body of a request for the msg_id it goes out under (see
/// [`Engine::request_bound`](super::Engine::request_bound)): called once per transmission, so
/// every resend gets a body made for its new msg_id.
pub type BodyBuilder = Box<dyn FnMut(i64) -> Vec<u8> + Send>;

/// Per-request options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestOptions {
    /// Fail with [`RequestError::Timeout`] if no answer came this long after submission.
    pub timeout: Option<Duration>,
    /// Allow `gzip_packed` when the body is large and compresses (off for file parts, whose
    /// data is already compressed or random).
    pub compress: bool,
}

impl Default for RequestOptions {
    fn default() -> Self {
        Self {
            timeout: None,
            compress: true,
        }
    }
}

impl RequestOptions {
    /// Options for a file part: never compressed.
    pub fn file_part() -> Self {
        Self {
            compress: false,
            ..Self::default()
        }
    }

    /// These options with a timeout.
    #[must_use]
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Self {
            timeout: Some(timeout),
            ..self
        }
    }
}

/// Names one request for its whole life, across resends and reconnects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequestId(pub u64);

/// What the engine reports, in order, through [`Engine::poll_event`](super::Engine::poll_event).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// A request's one and only outcome: the result's bytes (a boxed TL value, inflated if it
    /// came gzipped) or why it failed.
    Response {
        /// The request.
        id: RequestId,
        /// The result.
        result: Result<Vec<u8>, RequestError>,
    },
    /// A message that is not an answer: updates (`Updates`) and anything else unsolicited.
    Update {
        /// The server's message id.
        msg_id: i64,
        /// The message body (inflated if it came gzipped).
        body: Vec<u8>,
    },
    /// The server created a new session for us (`new_session_created`): updates sent before
    /// `first_msg_id` may have been missed, so the client should fetch the difference.
    SessionCreated {
        /// The first of our messages the new session saw.
        first_msg_id: i64,
        /// The server's unique id of the session.
        unique_id: i64,
    },
    /// The answer to [`Engine::destroy_session`](super::Engine::destroy_session).
    SessionDestroyed {
        /// The session asked about.
        session_id: i64,
        /// Whether the server had it (`destroy_session_ok`) or not (`destroy_session_none`).
        existed: bool,
    },
    /// No `pong` came within [`EngineConfig::pong_timeout`]: the driver should reconnect.
    ConnectionStale,
}
