//! One DC of the test deployment: its listener, its RSA key and DH pool, and what every
//! connection to it shares.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use pyro_session::engine::Now;
use pyro_session::server::ServerConfig;
use pyro_transport::AcceptConfig;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::Telegram;
use crate::faults_net::NetFaults;
use crate::net::conn;
use crate::net::keys::{DhPool, ServerKey};
use crate::net::registry::Registry;

/// What every connection of one DC shares.
pub(crate) struct DcShared {
    /// The DC id (1..=5).
    pub(crate) dc_id: i32,
    /// The DC's RSA key.
    pub(crate) key: ServerKey,
    /// Ready-made DH secrets.
    pub(crate) dh: DhPool,
    /// Auth keys and update listeners (shared by all DCs).
    pub(crate) registry: Arc<Registry>,
    /// The in-memory Telegram (shared by all DCs).
    pub(crate) telegram: Arc<Telegram>,
    /// The network fault switches (shared, changeable while running).
    pub(crate) faults: Arc<RwLock<NetFaults>>,
    /// Codec detection settings.
    pub(crate) accept: AcceptConfig,
    /// Server session tuning (the salt storm switch shortens its salts).
    pub(crate) session: ServerConfig,
    /// Numbers connections (the fault dice are seeded with it).
    pub(crate) connections: AtomicU64,
    /// `bad_msg_notification`s sent by this DC's sessions.
    pub(crate) bad_msgs: AtomicU64,
    /// Bumped to close every open connection (a forced disconnect).
    pub(crate) kick: Arc<watch::Sender<u64>>,
    /// The monotonic origin of [`Now::mono`].
    pub(crate) origin: Instant,
}

impl DcShared {
    /// The current fault switches.
    pub(crate) fn faults(&self) -> NetFaults {
        self.faults
            .read()
            .map_or_else(|e| e.into_inner().clone(), |f| f.clone())
    }

    /// The server clock (with the fault switches' offset): a session's [`Now`] and the Unix
    /// time in nanoseconds.
    pub(crate) fn now(&self, faults: &NetFaults) -> (Now, i64) {
        let unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let offset = Duration::from_secs(faults.clock_offset_secs.unsigned_abs());
        let unix = if faults.clock_offset_secs >= 0 {
            unix + offset
        } else {
            unix.saturating_sub(offset)
        };
        let nanos = i64::try_from(unix.as_nanos()).unwrap_or(i64::MAX);
        (Now::new(self.origin.elapsed(), unix), nanos)
    }

    /// The session tuning with the salt storm switch applied.
    pub(crate) fn session_config(&self, faults: &NetFaults) -> ServerConfig {
        let mut config = self.session.clone();
        if let Some(lifetime) = faults.salt_lifetime {
            config.salt_lifetime = lifetime.max(Duration::from_secs(1));
            config.salt_grace = Duration::ZERO;
        }
        config
    }

    /// The next connection number.
    pub(crate) fn next_connection(&self) -> u64 {
        self.connections.fetch_add(1, Ordering::Relaxed)
    }
}

/// Accepts connections until `stop` changes, one task each.
pub(crate) async fn serve(
    dc: Arc<DcShared>,
    listener: TcpListener,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _peer)) = accepted {
                    tokio::spawn(conn::run(Arc::clone(&dc), stream));
                }
            }
            _ = stop.changed() => return,
        }
    }
}

/// Binds a listener on `addr`, reporting the address it got (port 0 picks a free one).
pub(crate) async fn bind(addr: SocketAddr) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}
