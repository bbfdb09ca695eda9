//! What every transfer shares: its options (parallelism, retries, progress, cancellation, the
//! size limit) and its error.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

use super::SIZE_LIMIT;
use crate::client::Error;

/// A progress callback: (bytes done, total bytes).
pub type ProgressFn = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// Stops a transfer between parts. Clones share one state: cancel any clone to stop every
/// transfer that was given one.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<CancelState>,
}

#[derive(Default)]
struct CancelState {
    cancelled: AtomicBool,
    notify: Notify,
}

impl CancelToken {
    /// A token that has not been cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels every transfer holding this token (or a clone of it).
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        self.inner.notify.notify_waiters();
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// Resolves once the token is cancelled.
    pub async fn cancelled(&self) {
        loop {
            let notified = self.inner.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

impl fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

/// How a transfer runs.
#[derive(Clone)]
pub struct TransferOptions {
    /// Parts in flight at once (default 4; at least 1). Each request goes to the next of the
    /// client's media sessions, so set `ClientBuilder::media_connections` to match.
    pub parallelism: usize,
    /// How many times a part that failed on the network (or with a server error) is sent again
    /// before the transfer fails (default 3).
    pub part_retries: u32,
    /// The largest accepted upload: [`SIZE_LIMIT`] (2000 MiB) by default,
    /// [`PREMIUM_SIZE_LIMIT`](super::PREMIUM_SIZE_LIMIT) for premium accounts.
    pub size_limit: u64,
    /// Called with (bytes done, total) after every part.
    pub progress: Option<ProgressFn>,
    /// Stops the transfer when cancelled.
    pub cancel: Option<CancelToken>,
}

impl Default for TransferOptions {
    fn default() -> Self {
        Self {
            parallelism: 4,
            part_retries: 3,
            size_limit: SIZE_LIMIT,
            progress: None,
            cancel: None,
        }
    }
}

impl fmt::Debug for TransferOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransferOptions")
            .field("parallelism", &self.parallelism)
            .field("part_retries", &self.part_retries)
            .field("size_limit", &self.size_limit)
            .field("progress", &self.progress.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}

impl TransferOptions {
    /// Sets the number of parts in flight.
    #[must_use]
    pub fn parallelism(mut self, parts: usize) -> Self {
        self.parallelism = parts;
        self
    }

    /// Sets the progress callback.
    #[must_use]
    pub fn progress(mut self, progress: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// Sets the cancellation token.
    #[must_use]
    pub fn cancel(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }

    /// Allows premium-sized uploads (4000 MiB).
    #[must_use]
    pub fn premium(mut self) -> Self {
        self.size_limit = super::PREMIUM_SIZE_LIMIT;
        self
    }

    pub(super) fn in_flight(&self) -> usize {
        self.parallelism.max(1)
    }

    pub(super) fn report(&self, done: u64, total: u64) {
        if let Some(progress) = &self.progress {
            progress(done, total);
        }
    }

    pub(super) fn check_cancel(&self) -> Result<(), TransferError> {
        match &self.cancel {
            Some(token) if token.is_cancelled() => Err(TransferError::Cancelled),
            _ => Ok(()),
        }
    }

    /// Resolves when the transfer is cancelled; never without a token.
    pub(super) async fn cancelled(&self) {
        match &self.cancel {
            Some(token) => token.cancelled().await,
            None => std::future::pending().await,
        }
    }
}

/// Why a transfer failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransferError {
    /// A request failed (after the part's retries, for network errors).
    #[error(transparent)]
    Client(#[from] Error),
    /// The server answered a part with fewer bytes than the file has: the download is
    /// incomplete and nothing was kept.
    #[error("the server sent {got} of {expected} bytes")]
    Incomplete {
        /// Bytes received.
        got: u64,
        /// Bytes the file has.
        expected: u64,
    },
    /// The file is larger than the account may upload (checked before the first part).
    #[error("{size} bytes is over the {limit}-byte upload limit")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit that applies.
        limit: u64,
    },
    /// Telegram keeps no empty files: an upload needs at least one byte.
    #[error("an empty file cannot be uploaded")]
    Empty,
    /// The reader ended before the announced size.
    #[error("the source ended after {got} of {expected} bytes")]
    SourceTooShort {
        /// Bytes read.
        got: u64,
        /// The size the upload was started with.
        expected: u64,
    },
    /// Reading the source or writing the target failed.
    #[error("file I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The DC answered `false` to saving upload part N.
    #[error("the DC did not save part {0}")]
    PartRejected(u64),
    /// A part's task stopped before it answered (a panic or a runtime shutting down).
    #[error("a transfer task stopped: {0}")]
    Task(tokio::task::JoinError),
    /// The DC answered with a CDN redirect although pyro does not ask for CDN files
    /// (`cdn_supported` is never set).
    #[error("unexpected CDN redirect to DC {0}")]
    CdnRedirect(i32),
    /// The transfer was cancelled through its [`CancelToken`].
    #[error("the transfer was cancelled")]
    Cancelled,
}

/// Whether a part that failed with `err` is worth sending again: network trouble, timeouts and
/// server-side errors are; the caller's mistakes (400s, 403s) are not.
pub(super) fn is_transient(err: &Error) -> bool {
    match err {
        Error::Rpc(rpc) => rpc.code >= 500 || rpc.code < 0,
        Error::Transport(_)
        | Error::Timeout
        | Error::Protocol(_)
        | Error::Session(_)
        | Error::Closed => true,
        _ => false,
    }
}
