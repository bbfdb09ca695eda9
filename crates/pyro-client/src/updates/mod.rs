//! Updates: gap recovery (pts, qts, seq), the dispatcher, handlers and plugins.

pub mod dispatch;
pub mod gap;
