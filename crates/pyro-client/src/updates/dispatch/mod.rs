//! The dispatcher: handlers, groups, routers (plugins) and workers.
//!
//! - [`Handler`]: an async function of the client and one kind of update, with filters and a
//!   group; its return value ([`IntoFlow`]: `()`, [`Flow`], `Result`) says where the update
//!   goes next.
//! - [`Router`]: handlers bundled as a plugin; routers include one another.
//! - [`Dispatcher`]: the groups in order (the first matching handler of each group runs,
//!   [`Flow::Continue`] lets the next one try, [`Flow::Stop`] ends the update's trip), run on
//!   [`Workers`] with bounded queues: backpressure, never a dropped update.
//!
//! The mechanics are generic over the client type `C` and the update type `U`.

mod flow;
mod handler;
#[cfg(test)]
mod tests;
mod workers;

pub use flow::{Flow, HandlerError, IntoFlow};
pub use handler::{Handler, Router};
pub use workers::{Dispatcher, WorkerConfig, Workers, WorkersGone};
