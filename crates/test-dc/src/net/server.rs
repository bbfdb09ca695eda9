//! [`TestDc`]: the running server — its DCs' addresses and keys, the model, the switches.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use pyro_transport::AcceptConfig;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::faults_net::NetFaults;
use crate::net::NetError;
use crate::net::builder::{KeySource, TestDcBuilder};
use crate::net::dc::{self, DcShared};
use crate::net::keys::{DhPool, ServerKey};
use crate::net::registry::Registry;
use crate::net::update_router;
use crate::{DcAddress, Faults, Options, Telegram};

/// One running DC, as clients need to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DcInfo {
    /// The DC id.
    pub id: i32,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its RSA public key, PKCS#1 PEM (`BEGIN RSA PUBLIC KEY`).
    pub public_pem: String,
    /// The key's fingerprint, as `resPQ` lists it.
    pub fingerprint: i64,
}

/// A running test deployment. Dropping it stops the listeners and closes every connection;
/// [`TestDc::shutdown`] also waits for the listeners to end.
///
/// # Example
///
/// Two DCs on free ports of 127.0.0.1; a client that sends an unknown auth key gets -404.
///
/// ```
/// use pyro_test_dc::{Seed, SeedUser, ServerKey, TestDc};
/// use pyro_transport::{CodecKind, ConnectOptions, TransportError};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let runtime = tokio::runtime::Runtime::new()?;
/// runtime.block_on(async {
///     let seed = Seed::new().user(SeedUser::person("alice", "15550001", "Alice"));
///     let dc = TestDc::builder().seed(seed).dcs(2).start().await?;
///     assert_eq!(dc.dcs()[1].id, 2);
///     // The test-only key unless told otherwise: give clients its PEM and fingerprint.
///     assert_eq!(dc.dcs()[0].fingerprint, ServerKey::test_only()?.fingerprint());
///
///     let addr = dc.address(2).ok_or("no DC 2")?;
///     let mut conn = pyro_transport::connect(&ConnectOptions::new(addr, 2, CodecKind::Abridged)).await?;
///     conn.send(&[0x5a; 96]).await?; // an auth_key_id nobody created
///     assert!(matches!(conn.recv().await, Err(TransportError::ErrorCode { code: -404 })));
///     dc.shutdown().await;
///     Ok(())
/// })
/// # }
/// ```
pub struct TestDc {
    dcs: Vec<DcInfo>,
    shared: Vec<Arc<DcShared>>,
    registry: Arc<Registry>,
    telegram: Arc<Telegram>,
    net_faults: Arc<RwLock<NetFaults>>,
    kick: Arc<watch::Sender<u64>>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl TestDc {
    /// A builder with one DC, an empty seed, the test-only key and no faults.
    pub fn builder() -> TestDcBuilder {
        TestDcBuilder::default()
    }

    /// Every DC, by id.
    pub fn dcs(&self) -> &[DcInfo] {
        &self.dcs
    }

    /// The address of DC `id`.
    pub fn address(&self, id: i32) -> Option<SocketAddr> {
        self.dcs.iter().find(|d| d.id == id).map(|d| d.addr)
    }

    /// The in-memory Telegram behind the DCs (login codes, the log, direct inspection).
    pub fn telegram(&self) -> &Arc<Telegram> {
        &self.telegram
    }

    /// Replaces the network fault switches (new connections and packets see them at once;
    /// the salt storm applies to sessions created afterwards).
    pub fn set_net_faults(&self, faults: NetFaults) {
        match self.net_faults.write() {
            Ok(mut f) => *f = faults,
            Err(poisoned) => *poisoned.into_inner() = faults,
        }
    }

    /// Replaces the model's RPC fault switches.
    pub fn set_faults(&self, faults: Faults) {
        self.telegram.set_faults(faults);
    }

    /// How many connections the DCs have accepted so far (codec detected), all DCs together.
    pub fn connections_accepted(&self) -> u64 {
        self.shared
            .iter()
            .map(|dc| dc.connections.load(Ordering::Relaxed))
            .sum()
    }

    /// How many `bad_msg_notification`s the DCs' sessions have sent so far (a message id too
    /// far from the server's clock, a wrong seq_no, ...), all DCs together.
    pub fn bad_msg_notifications(&self) -> u64 {
        self.shared
            .iter()
            .map(|dc| dc.bad_msgs.load(Ordering::Relaxed))
            .sum()
    }

    /// Forgets an auth key on every DC and in the model: its next packet gets transport error
    /// -404, as Telegram answers for a key it does not know.
    pub fn forget_auth_key(&self, auth_key_id: i64) {
        self.registry.remove(auth_key_id);
        self.telegram.drop_auth_key(auth_key_id);
    }

    /// Closes every open connection from the server's side (clients must reconnect).
    pub fn disconnect_all(&self) {
        self.kick.send_modify(|n| *n += 1);
    }

    /// Stops the listeners, closes every connection and waits for the listeners to end.
    pub async fn shutdown(mut self) {
        self.stop_all();
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }

    fn stop_all(&self) {
        let _ = self.stop.send(true);
        self.disconnect_all();
    }
}

impl Drop for TestDc {
    fn drop(&mut self) {
        self.stop_all();
    }
}

/// Binds every DC, builds the model and spawns the listeners and the update router.
pub(crate) async fn start(b: TestDcBuilder) -> Result<TestDc, NetError> {
    let mut listeners = Vec::with_capacity(b.dcs);
    for index in 0..b.dcs {
        let mut addr = b.listen;
        if addr.port() != 0 {
            let port = usize::from(addr.port()) + index;
            let port = u16::try_from(port)
                .map_err(|_| NetError::Config(format!("no port {port} for DC {}", index + 1)))?;
            addr.set_port(port);
        }
        listeners.push(dc::bind(addr).await?);
    }
    let addresses = listeners
        .iter()
        .zip(1..)
        .map(|((_, addr), id)| DcAddress {
            id,
            ip: addr.ip().to_string(),
            port: i32::from(addr.port()),
        })
        .collect();
    let options = Options {
        dcs: addresses,
        clock: Arc::clone(&b.clock),
        rng_seed: b.rng_seed,
    };
    let telegram = Arc::new(Telegram::new(&b.seed, options)?);
    telegram.set_faults(b.faults.clone());
    telegram.set_limits(b.limits);
    let registry = Arc::new(Registry::default());
    let net_faults = Arc::new(RwLock::new(b.net_faults.clone()));
    let kick = Arc::new(watch::Sender::new(0u64));
    let (stop, _) = watch::channel(false);
    let shared_key = match &b.keys {
        KeySource::TestOnly => Some(ServerKey::test_only()?),
        KeySource::Key(key) => Some((**key).clone()),
        KeySource::Generate => None,
    };
    let origin = Instant::now();
    let mut tasks = vec![update_router::spawn(
        &telegram,
        &registry,
        &net_faults,
        stop.subscribe(),
    )];
    let mut dcs = Vec::with_capacity(listeners.len());
    let mut all_shared = Vec::with_capacity(listeners.len());
    for ((listener, addr), id) in listeners.into_iter().zip(1..) {
        let key = match &shared_key {
            Some(key) => key.clone(),
            None => ServerKey::generate()?,
        };
        dcs.push(DcInfo {
            id,
            addr,
            public_pem: key.public_pem().to_owned(),
            fingerprint: key.fingerprint(),
        });
        let shared = Arc::new(DcShared {
            dc_id: id,
            key,
            dh: DhPool::new(b.dh_pool),
            registry: Arc::clone(&registry),
            telegram: Arc::clone(&telegram),
            faults: Arc::clone(&net_faults),
            accept: AcceptConfig::default(),
            session: b.session.clone(),
            connections: AtomicU64::new(0),
            bad_msgs: AtomicU64::new(0),
            kick: Arc::clone(&kick),
            origin,
        });
        all_shared.push(Arc::clone(&shared));
        tasks.push(tokio::spawn(dc::serve(shared, listener, stop.subscribe())));
    }
    Ok(TestDc {
        dcs,
        shared: all_shared,
        registry,
        telegram,
        net_faults,
        kick,
        stop,
        tasks,
    })
}
