//! Updates: gap recovery (pts, qts, seq), the dispatcher, handlers and plugins.

pub mod dispatch;
mod event;
pub mod gap;
mod runner;

pub use dispatch::{Dispatcher, Flow, Handler, IntoFlow, Router, WorkerConfig};
pub use event::UpdateEvent;
pub use runner::{Updates, UpdatesConfig};
