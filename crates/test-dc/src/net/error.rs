//! The network half's error type, grouped by who is at fault.

use std::io;

/// Why the network half could not start or serve.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetError {
    // ---- the caller asked for something impossible ----
    /// A DC count outside 1..=5, or another impossible setting.
    #[error("invalid test DC configuration: {0}")]
    Config(String),
    /// A server RSA key that does not load or cannot be generated.
    #[error("server RSA key: {0}")]
    Key(String),
    /// The seed does not describe a valid world.
    #[error(transparent)]
    Seed(#[from] crate::SeedError),

    // ---- local I/O ----
    /// Binding a listener, reading a key file, or another socket error.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
    /// The operating system's random number generator failed.
    #[error("OS random number generator failed")]
    Random,
}

impl From<pyro_mtproto_crypto::CryptoError> for NetError {
    fn from(e: pyro_mtproto_crypto::CryptoError) -> Self {
        Self::Key(e.to_string())
    }
}

/// 32 random bytes from the OS (seeds of server sessions and per-key salt schedules).
pub(crate) fn random_seed() -> Result<[u8; 32], NetError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|_| NetError::Random)?;
    Ok(seed)
}
