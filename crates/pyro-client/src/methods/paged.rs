//! [`Paged`]: an async `Stream` of items fetched one server page at a time.

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::client::Error;

/// The request for one page, not started until the stream is polled.
pub(crate) type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, Error>> + Send>>;

/// One page of items and the request for the next one (`None` after the last page).
pub(crate) struct Page<T> {
    /// The page's items, in the order the stream yields them.
    pub(crate) items: Vec<T>,
    /// The next page's request.
    pub(crate) next: Option<PageFuture<T>>,
}

/// An async [`Stream`] over a server-side list (history, dialogs, search results, members)
/// that requests the next page by itself when the current one is used up.
///
/// Each item is `Result<T, Error>`: a failed page request yields its error once and ends the
/// stream. Without an async combinator crate, [`Paged::next`] and [`Paged::collect`] are the
/// plain way to read it; with one (`futures::StreamExt`, `tokio_stream::StreamExt`) it is an
/// ordinary `Stream`.
pub struct Paged<T> {
    buffer: VecDeque<T>,
    pending: Option<PageFuture<T>>,
    /// Items still allowed out (`None`: no limit).
    remaining: Option<usize>,
}

impl<T> fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paged")
            .field("buffered", &self.buffer.len())
            .field("more_pages", &self.pending.is_some())
            .field("remaining", &self.remaining)
            .finish()
    }
}

impl<T> Paged<T> {
    /// A stream starting with the request of its first page.
    pub(crate) fn new(first: PageFuture<T>) -> Self {
        Self {
            buffer: VecDeque::new(),
            pending: Some(first),
            remaining: None,
        }
    }

    /// Stops the stream after `n` items (no further page is requested once they are out).
    #[must_use]
    pub fn limit(mut self, n: usize) -> Self {
        self.remaining = Some(n);
        self
    }

    /// The next item; `None` when the list is exhausted (or the limit reached).
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every remaining item, or the first error.
    pub async fn collect(mut self) -> Result<Vec<T>, Error> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }
}

// The items are only moved in and out of the buffer, never pinned; the page future is boxed.
impl<T> Unpin for Paged<T> {}

impl<T> Stream for Paged<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = Pin::into_inner(self);
        if this.remaining == Some(0) {
            this.pending = None;
            return Poll::Ready(None);
        }
        loop {
            if let Some(item) = this.buffer.pop_front() {
                if let Some(left) = &mut this.remaining {
                    *left -= 1;
                }
                return Poll::Ready(Some(Ok(item)));
            }
            let Some(pending) = &mut this.pending else {
                return Poll::Ready(None);
            };
            match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(err)) => {
                    this.pending = None;
                    return Poll::Ready(Some(Err(err)));
                }
                Poll::Ready(Ok(page)) => {
                    this.buffer.extend(page.items);
                    this.pending = page.next;
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let upper = if self.pending.is_none() {
            Some(self.buffer.len())
        } else {
            self.remaining
        };
        let lower = self
            .remaining
            .map_or(self.buffer.len(), |left| left.min(self.buffer.len()));
        (
            lower,
            upper.map(|u| self.remaining.map_or(u, |left| u.min(left))),
        )
    }
}
