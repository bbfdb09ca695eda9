//! Handlers and routers (plugins).
//!
//! A [`Handler`] is an async function of the client and one kind of update, with an optional
//! filter and a group. Kinds are picked out of the dispatched update by an extractor
//! (`fn(&U) -> Option<T>`); the typed constructors (`Handler::message`, ...) name the usual
//! ones. A [`Router`] bundles handlers so an application is composed from modules (Pyrogram's
//! smart plugins): each module builds its router, the application includes them all.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::flow::{Flow, HandlerError, IntoFlow};

/// A handler's pending run.
pub(crate) type Run = Pin<Box<dyn Future<Output = Result<Flow, HandlerError>> + Send>>;

/// Type-erased: the run for an update, if the handler takes it.
type Matcher<C, U> = dyn Fn(&C, &U) -> Option<Run> + Send + Sync;

/// Type-erased filter.
type Check<C, U> = dyn Fn(&C, &U) -> bool + Send + Sync;

/// One handler: what it takes, and the group it runs in.
pub struct Handler<C, U> {
    pub(crate) matcher: Arc<Matcher<C, U>>,
    pub(crate) group: i32,
    filtered: Vec<Arc<Check<C, U>>>,
}

impl<C, U> Clone for Handler<C, U> {
    fn clone(&self) -> Self {
        Self {
            matcher: Arc::clone(&self.matcher),
            group: self.group,
            filtered: self.filtered.clone(),
        }
    }
}

impl<C, U> std::fmt::Debug for Handler<C, U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handler")
            .field("group", &self.group)
            .field("filters", &self.filtered.len())
            .finish_non_exhaustive()
    }
}

impl<C, U> Handler<C, U>
where
    C: Clone + Send + Sync + 'static,
    U: Send + Sync + 'static,
{
    /// A handler of the updates `extract` picks out (and turns into what `callback` takes).
    pub fn new<T, F, Fut>(extract: fn(&U) -> Option<T>, callback: F) -> Self
    where
        T: Send + 'static,
        F: Fn(C, T) -> Fut + Send + Sync + 'static,
        Fut: Future + Send + 'static,
        Fut::Output: IntoFlow,
    {
        let matcher = move |client: &C, update: &U| -> Option<Run> {
            let value = extract(update)?;
            let run = callback(client.clone(), value);
            Some(Box::pin(async move { run.await.into_flow() }))
        };
        Self {
            matcher: Arc::new(matcher),
            group: 0,
            filtered: Vec::new(),
        }
    }

    /// Takes only the updates `filter` accepts (filters add up: all must accept).
    #[must_use]
    pub fn filter(mut self, filter: impl Fn(&C, &U) -> bool + Send + Sync + 'static) -> Self {
        self.filtered.push(Arc::new(filter));
        self
    }

    /// Runs in `group` (0 by default); groups run in ascending order.
    #[must_use]
    pub fn group(mut self, group: i32) -> Self {
        self.group = group;
        self
    }

    /// The run for `update`, if this handler takes it.
    pub(crate) fn try_run(&self, client: &C, update: &U) -> Option<Run> {
        if !self.filtered.iter().all(|f| f(client, update)) {
            return None;
        }
        (self.matcher)(client, update)
    }
}

/// A bundle of handlers: a plugin, or the whole application.
pub struct Router<C, U> {
    name: String,
    pub(crate) handlers: Vec<Handler<C, U>>,
}

impl<C, U> Default for Router<C, U> {
    fn default() -> Self {
        Self {
            name: String::new(),
            handlers: Vec::new(),
        }
    }
}

impl<C, U> std::fmt::Debug for Router<C, U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Router")
            .field("name", &self.name)
            .field("handlers", &self.handlers.len())
            .finish()
    }
}

impl<C, U> Router<C, U> {
    /// An empty router named `name` (for the reader; plugins are usually named after their
    /// module).
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            handlers: Vec::new(),
        }
    }

    /// The router's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many handlers it holds, included routers' too.
    pub fn len(&self) -> usize {
        self.handlers.len()
    }

    /// Whether it holds no handler.
    pub fn is_empty(&self) -> bool {
        self.handlers.is_empty()
    }

    /// Adds a handler (after the ones added before: inside a group, order of addition is the
    /// order of trial).
    pub fn add(&mut self, handler: Handler<C, U>) -> &mut Self {
        self.handlers.push(handler);
        self
    }

    /// Adds a handler, builder style.
    #[must_use]
    pub fn with(mut self, handler: Handler<C, U>) -> Self {
        self.handlers.push(handler);
        self
    }

    /// The router's handlers, to re-group or re-order them.
    pub fn into_handlers(self) -> Vec<Handler<C, U>> {
        self.handlers
    }

    /// Adds every handler of `plugin`, after this router's own.
    pub fn include(&mut self, plugin: Router<C, U>) -> &mut Self {
        self.handlers.extend(plugin.handlers);
        self
    }
}
