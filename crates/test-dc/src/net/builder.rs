//! [`TestDcBuilder`]: what a test DC serves and how.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use pyro_session::server::ServerConfig;

use crate::faults_net::NetFaults;
use crate::net::NetError;
use crate::net::keys::ServerKey;
use crate::net::server::{self, TestDc};
use crate::{Clock, Faults, Limits, Seed, SystemClock};

/// Where the DCs' RSA keys come from.
#[derive(Debug, Clone, Default)]
pub enum KeySource {
    /// The test-only key shipped with the crate, for every DC (fast; the default).
    #[default]
    TestOnly,
    /// A fresh 2048-bit key per DC (seconds each in a debug build).
    Generate,
    /// This key for every DC.
    Key(Box<ServerKey>),
}

/// Builds and starts a [`TestDc`] (see [`TestDc::builder`]).
#[derive(Clone)]
pub struct TestDcBuilder {
    pub(crate) seed: Seed,
    pub(crate) dcs: usize,
    pub(crate) listen: SocketAddr,
    pub(crate) keys: KeySource,
    pub(crate) faults: Faults,
    pub(crate) net_faults: NetFaults,
    pub(crate) limits: Limits,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) rng_seed: u64,
    pub(crate) dh_pool: usize,
    pub(crate) session: ServerConfig,
}

impl Default for TestDcBuilder {
    fn default() -> Self {
        Self {
            seed: Seed::new(),
            dcs: 1,
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            keys: KeySource::default(),
            faults: Faults::default(),
            net_faults: NetFaults::default(),
            limits: Limits::default(),
            clock: Arc::new(SystemClock),
            rng_seed: 1,
            dh_pool: 4,
            session: ServerConfig::default(),
        }
    }
}

impl TestDcBuilder {
    /// What exists at start (accounts, bots, channels, files).
    #[must_use]
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// How many DCs to run (1..=5, ids 1..=n; new accounts live on the first... see
    /// [`crate::Options::dcs`]). One by default.
    #[must_use]
    pub fn dcs(mut self, n: usize) -> Self {
        self.dcs = n;
        self
    }

    /// The address of DC 1's listener; DC `i` listens on the next ports (port 0, the default,
    /// picks free ports for every DC). The IP is 127.0.0.1 unless told otherwise.
    #[must_use]
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Where the RSA keys come from ([`KeySource::TestOnly`] by default).
    #[must_use]
    pub fn keys(mut self, keys: KeySource) -> Self {
        self.keys = keys;
        self
    }

    /// The model's RPC faults (flood waits, migrations, lost live updates).
    #[must_use]
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// The network faults (changeable later with [`TestDc::set_net_faults`]).
    #[must_use]
    pub fn net_faults(mut self, faults: NetFaults) -> Self {
        self.net_faults = faults;
        self
    }

    /// The model's limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The model's clock for `date` fields (the system clock by default; MTProto itself always
    /// runs on the system clock, which clients check).
    #[must_use]
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Seed of the model's generator (ids, hashes, codes, fault dice).
    #[must_use]
    pub fn rng_seed(mut self, seed: u64) -> Self {
        self.rng_seed = seed;
        self
    }

    /// How many DH secrets each DC keeps precomputed (4 by default; 0 computes each inline).
    #[must_use]
    pub fn dh_pool(mut self, size: usize) -> Self {
        self.dh_pool = size;
        self
    }

    /// The server sessions' tuning (salt lifetimes, time window, ...).
    #[must_use]
    pub fn session_config(mut self, config: ServerConfig) -> Self {
        self.session = config;
        self
    }

    /// Binds the listeners and starts serving (needs a tokio runtime).
    pub async fn start(self) -> Result<TestDc, NetError> {
        if !(1..=5).contains(&self.dcs) {
            return Err(NetError::Config(format!(
                "{} DCs asked for, 1..=5 allowed",
                self.dcs
            )));
        }
        server::start(self).await
    }
}
