//! Downloads as a `Stream` of chunks over any byte range, for streaming media.
//!
//! Telegram only serves aligned windows (core.telegram.org/api/files: `offset` a multiple of
//! 4 KiB, `limit` dividing 1 MiB, no window crossing a 1 MiB boundary). A [`FileStream`] asks
//! for power-of-two windows aligned to their own size, which satisfies all three, starting at
//! the window that holds the first byte asked for, and trims the first and last chunk to the
//! range. [`TransferOptions::parallelism`] windows are fetched ahead, in order.

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use tokio::task::JoinHandle;

use super::PART_SIZE;
use super::control::{TransferError, TransferOptions};
use super::fetch::get_window;
use super::location::FileLocation;
use crate::client::Client;

/// The smallest window Telegram serves (and the alignment of every offset).
const MIN_WINDOW: u64 = 4096;
/// The largest window Telegram serves (1 MiB).
const MAX_WINDOW: u64 = 1024 * 1024;

/// A window being fetched: where it starts, how long it is asked to be, and its task (aborted
/// when the stream is dropped).
struct Window {
    start: u64,
    limit: u64,
    task: JoinHandle<Result<Vec<u8>, TransferError>>,
}

impl Drop for Window {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Cancelled = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A byte range of a file as a [`Stream`] of chunks ([`Client::download_stream`]).
///
/// Each item is one window's bytes inside the range (the first and last trimmed); a failed
/// window yields its error once and ends the stream. [`FileStream::next`] reads it without a
/// combinator crate.
pub struct FileStream {
    client: Client,
    file: FileLocation,
    options: TransferOptions,
    /// The window size asked for (a power of two in 4 KiB..=1 MiB).
    window: u64,
    /// The range's first byte, the next byte to yield, and the end (exclusive).
    start: u64,
    position: u64,
    end: u64,
    /// The next window to ask for.
    next_window: u64,
    in_flight: VecDeque<Window>,
    cancelled: Option<Cancelled>,
    done: bool,
}

impl fmt::Debug for FileStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileStream")
            .field("file", &self.file)
            .field("window", &self.window)
            .field("position", &self.position)
            .field("end", &self.end)
            .field("in_flight", &self.in_flight.len())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Reads `limit` bytes of `file` from `offset` (both any value; clamped to the file's size)
    /// as a [`Stream`] of chunks of at most 512 KiB ([`FileStream::window_size`] changes it).
    pub fn download_stream(
        &self,
        file: &FileLocation,
        offset: u64,
        limit: u64,
        options: &TransferOptions,
    ) -> FileStream {
        let start = offset.min(file.size);
        let window = PART_SIZE as u64;
        let cancelled = options
            .cancel
            .clone()
            .map(|token| Box::pin(async move { token.cancelled().await }) as Cancelled);
        FileStream {
            client: self.clone(),
            file: file.clone(),
            options: options.clone(),
            window,
            start,
            position: start,
            end: start.saturating_add(limit).min(file.size),
            next_window: start - start % window,
            in_flight: VecDeque::new(),
            cancelled,
            done: false,
        }
    }
}

impl FileStream {
    /// Sets the size of the windows asked for: rounded down to a power of two and kept within
    /// 4 KiB..=1 MiB. Smaller windows start playing sooner; larger ones need fewer requests.
    /// Windows already asked for keep their size.
    #[must_use]
    pub fn window_size(mut self, bytes: u64) -> Self {
        let clamped = bytes.clamp(MIN_WINDOW, MAX_WINDOW);
        self.window = 1 << clamped.ilog2();
        if self.in_flight.is_empty() {
            self.next_window = self.position - self.position % self.window;
        }
        self
    }

    /// Bytes of the range not yielded yet.
    pub fn remaining(&self) -> u64 {
        self.end - self.position
    }

    /// The next chunk, `None` at the end of the range (or after an error).
    pub async fn next(&mut self) -> Option<Result<Vec<u8>, TransferError>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The size of the window starting at `at`: the configured size, or less where `at` is
    /// aligned to less (after [`FileStream::window_size`] grew it mid-stream).
    fn window_at(&self, at: u64) -> u64 {
        if at == 0 {
            self.window
        } else {
            self.window.min(1 << at.trailing_zeros())
        }
    }

    /// Starts windows until enough are in flight or the range is covered.
    fn fill(&mut self) {
        while self.in_flight.len() < self.options.in_flight() && self.next_window < self.end {
            let start = self.next_window;
            let limit = self.window_at(start);
            let task = tokio::spawn(get_window(
                self.client.clone(),
                self.file.clone(),
                start,
                limit as u32,
                self.options.part_retries,
            ));
            self.in_flight.push_back(Window { start, limit, task });
            self.next_window = start + limit;
        }
    }

    /// The part of a finished window inside the range, checked against the file's size.
    fn take(&mut self, start: u64, limit: u64, bytes: &[u8]) -> Result<Vec<u8>, TransferError> {
        let expected = self.file.size.saturating_sub(start).min(limit);
        if bytes.len() as u64 != expected {
            return Err(TransferError::Incomplete {
                got: start + bytes.len() as u64,
                expected: self.file.size,
            });
        }
        let from = (self.position - start) as usize;
        let to = ((self.end - start) as usize).min(bytes.len());
        let chunk = bytes.get(from..to).unwrap_or_default().to_vec();
        self.position = start + to as u64;
        self.options
            .report(self.position - self.start, self.end - self.start);
        Ok(chunk)
    }

    fn finish(&mut self, err: TransferError) -> Poll<Option<Result<Vec<u8>, TransferError>>> {
        self.done = true;
        self.in_flight.clear();
        Poll::Ready(Some(Err(err)))
    }
}

impl Stream for FileStream {
    type Item = Result<Vec<u8>, TransferError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done || this.position >= this.end {
            return Poll::Ready(None);
        }
        if let Some(cancelled) = &mut this.cancelled
            && cancelled.as_mut().poll(cx).is_ready()
        {
            return this.finish(TransferError::Cancelled);
        }
        this.fill();
        let Some(front) = this.in_flight.front_mut() else {
            return Poll::Ready(None);
        };
        let joined = match Pin::new(&mut front.task).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(joined) => joined,
        };
        let (start, limit) = (front.start, front.limit);
        this.in_flight.pop_front();
        let result = match joined {
            Ok(Ok(bytes)) => this.take(start, limit, &bytes),
            Ok(Err(err)) => Err(err),
            Err(err) => Err(TransferError::Task(err)),
        };
        match result {
            Ok(chunk) => {
                this.fill();
                Poll::Ready(Some(Ok(chunk)))
            }
            Err(err) => this.finish(err),
        }
    }
}
