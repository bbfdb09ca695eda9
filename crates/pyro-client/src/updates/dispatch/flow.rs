//! What a handler tells the dispatcher when it is done: [`Flow`], and [`IntoFlow`] for the
//! return types handlers may have (`()`, `Flow`, `Result<_, E>`).

use std::error::Error as StdError;

/// An error a handler returned (any error type, boxed).
pub type HandlerError = Box<dyn StdError + Send + Sync + 'static>;

/// Where an update goes after a handler ran. Groups run in ascending order; inside a group the
/// first handler that matches takes the update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flow {
    /// The group is done; the next group gets the update (the default).
    #[default]
    Next,
    /// The group's following handlers may take the update too (Pyrogram's
    /// `continue_propagation`).
    Continue,
    /// No later handler, in any group, sees the update (Pyrogram's `stop_propagation`).
    Stop,
}

/// A handler's return value, turned into a [`Flow`] or an error.
pub trait IntoFlow {
    /// The flow, or the handler's error (reported, then treated as [`Flow::Next`]).
    fn into_flow(self) -> Result<Flow, HandlerError>;
}

impl IntoFlow for () {
    fn into_flow(self) -> Result<Flow, HandlerError> {
        Ok(Flow::Next)
    }
}

impl IntoFlow for Flow {
    fn into_flow(self) -> Result<Flow, HandlerError> {
        Ok(self)
    }
}

impl<T: IntoFlow, E: Into<HandlerError>> IntoFlow for Result<T, E> {
    fn into_flow(self) -> Result<Flow, HandlerError> {
        self.map_err(Into::into)?.into_flow()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_values_become_flows() {
        assert_eq!(().into_flow().ok(), Some(Flow::Next));
        assert_eq!(Flow::Stop.into_flow().ok(), Some(Flow::Stop));
        let ok: Result<Flow, std::io::Error> = Ok(Flow::Continue);
        assert_eq!(ok.into_flow().ok(), Some(Flow::Continue));
        let failed: Result<(), std::io::Error> = Err(std::io::Error::other("boom"));
        assert_eq!(
            failed.into_flow().err().map(|e| e.to_string()),
            Some("boom".into())
        );
    }
}
