//! Why the driver could not connect: the last failed attempt, kept in the [`DriverState`] so a
//! caller whose request waited in vain learns the reason, and the refusals that retrying will
//! not heal, which end the waiting requests at once.
//!
//! [`DriverState`]: super::DriverState

use std::sync::Arc;

use pyro_transport::TransportError;

/// The error of the driver's last failed attempt to connect ([`DriverState::connect_failure`]).
/// It is cleared when a connection comes up.
///
/// Two values are equal when they are the same failed attempt, so a watcher of the state wakes
/// on every new failure, even one with the same error.
///
/// [`DriverState::connect_failure`]: super::DriverState::connect_failure
#[derive(Debug, Clone)]
pub struct ConnectFailure(Arc<TransportError>);

impl ConnectFailure {
    pub(super) fn new(error: TransportError) -> Self {
        Self(Arc::new(error))
    }

    /// The error the attempt ended with.
    pub fn error(&self) -> &TransportError {
        &self.0
    }

    /// Whether retrying with the same settings cannot help: a proxy refused the connection
    /// (wrong credentials, no acceptable method, the target refused by the proxy's rules) or
    /// the settings cannot work. The driver then ends every waiting request with this error at
    /// once, and every new one while no connection is up; it still retries with backoff, so a
    /// proxy that changes its mind serves later requests.
    pub fn is_lasting(&self) -> bool {
        matches!(
            *self.0,
            TransportError::Proxy(_) | TransportError::Config(_)
        )
    }
}

impl PartialEq for ConnectFailure {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for ConnectFailure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_refusals_and_bad_settings_last_network_faults_do_not() {
        let lasting = [
            TransportError::Proxy("SOCKS5: username/password rejected".into()),
            TransportError::Config("bad secret"),
        ];
        for e in lasting {
            assert!(ConnectFailure::new(e).is_lasting());
        }
        let passing = [
            TransportError::Io(std::io::ErrorKind::ConnectionRefused.into()),
            TransportError::Timeout(std::time::Duration::from_secs(5)),
            TransportError::Closed,
        ];
        for e in passing {
            assert!(!ConnectFailure::new(e).is_lasting());
        }
    }

    #[test]
    fn equal_only_to_the_same_attempt() {
        let a = ConnectFailure::new(TransportError::Closed);
        let b = ConnectFailure::new(TransportError::Closed);
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
    }
}
