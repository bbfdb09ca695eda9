//! The settings a [`ClientBuilder`](super::ClientBuilder) collects: transport, device
//! description for `initConnection`, DC addresses and keys, timeouts, the retry policy and the
//! injectable sleeper.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_transport::{CodecKind, Proxy};

/// How MTProto packets are framed on the TCP stream (core.telegram.org/mtproto/mtproto-transports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Transport {
    /// Abridged: the smallest framing (the default).
    #[default]
    Abridged,
    /// Intermediate: 4-byte lengths.
    Intermediate,
    /// Padded intermediate: random padding hides packet sizes.
    PaddedIntermediate,
    /// Full: lengths, sequence numbers and CRC32.
    Full,
    /// Abridged inside obfuscated2 (looks like random bytes to a censor).
    ObfuscatedAbridged,
    /// Intermediate inside obfuscated2.
    ObfuscatedIntermediate,
    /// Padded intermediate inside obfuscated2.
    ObfuscatedPadded,
}

impl Transport {
    /// The framing and whether it is obfuscated.
    pub(crate) fn codec(self) -> (CodecKind, bool) {
        match self {
            Self::Abridged => (CodecKind::Abridged, false),
            Self::Intermediate => (CodecKind::Intermediate, false),
            Self::PaddedIntermediate => (CodecKind::PaddedIntermediate, false),
            Self::Full => (CodecKind::Full, false),
            Self::ObfuscatedAbridged => (CodecKind::Abridged, true),
            Self::ObfuscatedIntermediate => (CodecKind::Intermediate, true),
            Self::ObfuscatedPadded => (CodecKind::PaddedIntermediate, true),
        }
    }
}

/// How the client describes itself in `initConnection`. `Default` reads the OS and this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// `device_model`: by default the OS and CPU architecture (`linux x86_64`).
    pub device_model: String,
    /// `system_version`: by default the OS family and name (`unix linux`).
    pub system_version: String,
    /// `app_version`: by default `pyro <crate version>`.
    pub app_version: String,
    /// `system_lang_code`: `en` by default.
    pub system_lang_code: String,
    /// `lang_pack`: empty for third-party clients.
    pub lang_pack: String,
    /// `lang_code`: `en` by default.
    pub lang_code: String,
}

impl Default for DeviceInfo {
    fn default() -> Self {
        let lang = std::env::var("LANG")
            .ok()
            .and_then(|l| {
                let code: String = l.chars().take_while(char::is_ascii_alphabetic).collect();
                (code.len() == 2).then_some(code)
            })
            .unwrap_or_else(|| "en".to_owned());
        Self {
            device_model: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            system_version: format!("{} {}", std::env::consts::FAMILY, std::env::consts::OS),
            app_version: format!("pyro {}", env!("CARGO_PKG_VERSION")),
            system_lang_code: lang.clone(),
            lang_pack: String::new(),
            lang_code: lang,
        }
    }
}

/// Which failures are retried and how often: `500`-class internal errors, `-503` and `Timeout`
/// style answers, and requests the session layer gave up on after a reconnect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The first pause; doubled after every retry.
    pub base_delay: Duration,
    /// The longest pause.
    pub max_delay: Duration,
    /// How many `*_MIGRATE_X` redirects one request may follow.
    pub max_migrations: u32,
    /// How many flood waits (at or below the threshold) one request may sleep through before
    /// the next one is returned as an error.
    pub max_flood_sleeps: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_migrations: 3,
            max_flood_sleeps: 5,
        }
    }
}

impl RetryPolicy {
    /// The pause before retry number `attempt` (1-based).
    pub fn delay(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// A boxed future that completes after a pause.
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Where the client's waits come from (flood waits, retry backoff). The default is tokio's
/// timer; tests inject one that records the pauses and returns at once, so flood waits are
/// checked without sleeping.
pub trait Sleeper: Send + Sync + std::fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> SleepFuture;
}

/// [`Sleeper`] on tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// One DC's address given by hand (test DCs, private deployments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DcEndpoint {
    /// The DC id.
    pub id: i32,
    /// Where it listens.
    pub addr: SocketAddr,
}

/// Everything the builder settled, shared by every part of a client.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) api_id: i32,
    pub(crate) transport: Transport,
    pub(crate) proxy: Option<Proxy>,
    pub(crate) test_mode: bool,
    pub(crate) dcs: Vec<DcEndpoint>,
    pub(crate) rsa_keys: Vec<RsaPublicKey>,
    pub(crate) default_dc: i32,
    pub(crate) device: DeviceInfo,
    pub(crate) ipv6: bool,
    pub(crate) flood_sleep_threshold: Duration,
    pub(crate) request_timeout: Option<Duration>,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) media_connections: usize,
    pub(crate) updates_capacity: usize,
    pub(crate) sleeper: Arc<dyn Sleeper>,
    pub(crate) pfs: bool,
}

impl Config {
    /// The defaults for an app: production servers, home DC 2, abridged, direct, 10 s flood
    /// threshold, 60 s request timeout, 2 media sessions per DC.
    pub(crate) fn defaults(api_id: i32) -> Self {
        Self {
            api_id,
            transport: Transport::default(),
            proxy: None,
            test_mode: false,
            dcs: Vec::new(),
            rsa_keys: Vec::new(),
            default_dc: 2,
            device: DeviceInfo::default(),
            ipv6: false,
            flood_sleep_threshold: Duration::from_secs(10),
            request_timeout: Some(Duration::from_secs(60)),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            media_connections: 2,
            updates_capacity: 1024,
            sleeper: Arc::new(TokioSleeper),
            pfs: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(1), Duration::from_millis(200));
        assert_eq!(policy.delay(2), Duration::from_millis(400));
        assert_eq!(policy.delay(3), Duration::from_millis(800));
        assert_eq!(policy.delay(40), Duration::from_secs(5));
    }

    #[test]
    fn device_defaults_name_the_os() {
        let device = DeviceInfo::default();
        assert!(device.device_model.contains(std::env::consts::OS));
        assert!(device.app_version.starts_with("pyro "));
        assert_eq!(device.lang_code.len(), 2);
    }
}
