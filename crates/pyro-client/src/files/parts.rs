//! One part on the wire: a media-session request sent again while it fails transiently, and
//! the bounded set of parts in flight that both directions share.

use std::time::Duration;

use pyro_tl_types::RemoteCall;
use tokio::task::JoinSet;

use super::control::{TransferError, TransferOptions, is_transient};
use crate::client::{Client, Error};

/// Pause before the n-th resend of a part (n starts at 1): 50 ms, 100 ms, 200 ms, ...
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(50u64.saturating_mul(1 << attempt.saturating_sub(1).min(6)))
}

/// Sends `request` on one of DC `dc`'s media sessions, again up to `retries` times while it
/// fails with a transient error.
pub(super) async fn send_part<R>(
    client: &Client,
    dc: i32,
    request: &R,
    retries: u32,
) -> Result<R::Return, Error>
where
    R: RemoteCall,
    R::Return: pyro_tl_types::CollectPeers,
{
    let mut attempt = 0;
    loop {
        match client.invoke_media(dc, request).await {
            Err(err) if attempt < retries && is_transient(&err) => {
                attempt += 1;
                tokio::time::sleep(backoff(attempt)).await;
            }
            other => return other,
        }
    }
}

/// Parts in flight: each task answers its part index and its result.
pub(super) struct InFlight<T> {
    tasks: JoinSet<(u64, Result<T, TransferError>)>,
}

impl<T: Send + 'static> InFlight<T> {
    pub(super) fn new() -> Self {
        Self {
            tasks: JoinSet::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.tasks.len()
    }

    pub(super) fn spawn(
        &mut self,
        index: u64,
        part: impl Future<Output = Result<T, TransferError>> + Send + 'static,
    ) {
        self.tasks.spawn(async move { (index, part.await) });
    }

    /// The next finished part, `None` once none is in flight; cancellation ends the wait (and,
    /// when the set is dropped, every part still in flight).
    pub(super) async fn next(
        &mut self,
        options: &TransferOptions,
    ) -> Option<Result<(u64, T), TransferError>> {
        let joined = tokio::select! {
            biased;
            () = options.cancelled() => return Some(Err(TransferError::Cancelled)),
            joined = self.tasks.join_next() => joined?,
        };
        Some(match joined {
            Ok((index, Ok(value))) => Ok((index, value)),
            Ok((_, Err(err))) => Err(err),
            Err(err) => Err(TransferError::Task(err)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_and_stays_bounded() {
        assert_eq!(backoff(1), Duration::from_millis(50));
        assert_eq!(backoff(2), Duration::from_millis(100));
        assert_eq!(backoff(3), Duration::from_millis(200));
        assert_eq!(backoff(100), Duration::from_millis(50 * 64));
    }
}
