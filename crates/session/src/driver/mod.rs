//! The tokio driver: a thin task around the sans-IO [`Engine`] that owns the connection, the
//! timers, the clock and the OS randomness, and reconnects with exponential backoff and jitter.
//!
//! [`spawn`] starts the task and returns a [`Client`] (cheap to clone, usable from any task) and
//! a receiver of the engine's other events (updates, new sessions). The connection is a
//! [`pyro_transport::FramedConnection`] from [`pyro_transport::connect`]; the auth key must exist
//! already (creating one over the plain channel is left to the client crate, see the crate
//! docs).
//!
//! [`create_auth_key`] runs the key exchange on a fresh connection (pyro-mtproto-crypto's client
//! typestates over the unencrypted envelope). Binding a temporary key with
//! `auth.bindTempAuthKey` needs the API types and is left to the client crate.

mod handshake;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyro_mtproto_crypto::{AuthKey, CryptoError};
use pyro_transport::{ConnectOptions, Frame, FramedWriter, TransportError};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::engine::{Engine, EngineConfig, Event, Now, RequestError, RequestId, RequestOptions};

pub use handshake::create_auth_key;

/// Settings of a driver.
#[derive(Debug, Clone)]
pub struct DriverConfig {
    /// Where and how to connect (address, DC, framing, proxy).
    pub connect: ConnectOptions,
    /// The engine's tuning.
    pub engine: EngineConfig,
    /// First reconnect delay; doubled after every failed attempt.
    pub backoff_min: Duration,
    /// Longest reconnect delay.
    pub backoff_max: Duration,
    /// Server time minus local time in seconds, if known (from the key exchange or storage).
    pub time_offset: i32,
}

impl DriverConfig {
    /// Defaults for `connect`: backoff from 250 ms up to 30 s.
    pub fn new(connect: ConnectOptions) -> Self {
        Self {
            connect,
            engine: EngineConfig::default(),
            backoff_min: Duration::from_millis(250),
            backoff_max: Duration::from_secs(30),
            time_offset: 0,
        }
    }
}

/// Why [`Client::invoke`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    /// The request ended without a result (RPC error, timeout, ...).
    #[error(transparent)]
    Request(#[from] RequestError),
    /// The request was refused before it was queued (too large, not TL).
    #[error(transparent)]
    Engine(#[from] crate::engine::EngineError),
    /// The driver task has stopped.
    #[error("the session driver has stopped")]
    Stopped,
    /// The OS random number generator failed.
    #[error("the OS random number generator failed")]
    Random,
    /// The key exchange failed (a check on the server's answers, or bad randomness).
    #[error("key exchange: {0}")]
    Handshake(#[from] CryptoError),
    /// The connection failed during the key exchange.
    #[error("transport: {0}")]
    Transport(#[from] TransportError),
}

type Reply = oneshot::Sender<Result<Vec<u8>, DriverError>>;

enum Command {
    /// A request, with the caller's token for cancelling it.
    Invoke(u64, Vec<u8>, RequestOptions, Reply),
    /// The caller stopped waiting for the request with this token.
    Cancel(u64),
    Shutdown,
}

/// A handle to a running driver: clone it freely; every clone talks to the same session.
#[derive(Debug, Clone)]
pub struct Client {
    tx: mpsc::UnboundedSender<Command>,
    tokens: Arc<AtomicU64>,
}

/// Cancels a request whose `invoke` future is dropped before its answer.
struct CancelOnDrop<'a> {
    tx: &'a mpsc::UnboundedSender<Command>,
    token: u64,
    armed: bool,
}

impl Drop for CancelOnDrop<'_> {
    fn drop(&mut self) {
        if self.armed {
            let _ = self.tx.send(Command::Cancel(self.token));
        }
    }
}

impl core::fmt::Debug for Command {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::Invoke(..) => "Invoke",
            Self::Cancel(_) => "Cancel",
            Self::Shutdown => "Shutdown",
        })
    }
}

impl Client {
    /// Sends a serialized TL function and waits for its result (a boxed TL value).
    pub async fn invoke(&self, body: Vec<u8>) -> Result<Vec<u8>, DriverError> {
        self.invoke_with(body, RequestOptions::default()).await
    }

    /// [`invoke`](Self::invoke) with per-request options (timeout, compression). Dropping the
    /// future before it completes cancels the request (`rpc_drop_answer` if it went out).
    pub async fn invoke_with(
        &self,
        body: Vec<u8>,
        options: RequestOptions,
    ) -> Result<Vec<u8>, DriverError> {
        let (reply, answer) = oneshot::channel();
        let token = self.tokens.fetch_add(1, Ordering::Relaxed);
        self.tx
            .send(Command::Invoke(token, body, options, reply))
            .map_err(|_| DriverError::Stopped)?;
        let mut guard = CancelOnDrop {
            tx: &self.tx,
            token,
            armed: true,
        };
        let result = answer.await;
        guard.armed = false;
        result.map_err(|_| DriverError::Stopped)?
    }

    /// Stops the driver; pending requests end with [`RequestError::SessionClosed`].
    pub fn shutdown(&self) {
        let _ = self.tx.send(Command::Shutdown);
    }
}

/// The wall clock and a monotonic clock, read together: the only clock calls of the crate.
#[derive(Debug, Clone, Copy)]
struct Clock {
    origin: Instant,
}

impl Clock {
    fn start() -> Self {
        Self {
            origin: Instant::now(),
        }
    }

    fn now(self) -> Now {
        let unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Now::new(self.origin.elapsed(), unix)
    }

    fn instant(self, mono: Duration) -> Instant {
        self.origin + mono
    }
}

/// Starts a driver for one session over `key` (with `salt` from the key exchange or storage).
/// Returns the request handle and the other events (updates, [`Event::SessionCreated`], ...).
pub fn spawn(
    config: DriverConfig,
    key: AuthKey,
    salt: i64,
) -> Result<(Client, mpsc::UnboundedReceiver<Event>), DriverError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|_| DriverError::Random)?;
    let mut engine = Engine::new(config.engine.clone(), key, salt, seed);
    engine.set_time_offset(config.time_offset);
    let (tx, rx) = mpsc::unbounded_channel();
    let (events_tx, events_rx) = mpsc::unbounded_channel();
    tokio::spawn(run(config, engine, rx, events_tx));
    let tokens = Arc::new(AtomicU64::new(0));
    Ok((Client { tx, tokens }, events_rx))
}

/// The driver task's state.
struct Driver {
    engine: Engine,
    clock: Clock,
    replies: HashMap<RequestId, (u64, Reply)>,
    tokens: HashMap<u64, RequestId>,
    events: mpsc::UnboundedSender<Event>,
    buf: Vec<u8>,
}

/// How one connection ended.
enum Ended {
    /// Reconnect.
    Lost,
    /// Stop the driver.
    Shutdown,
}

async fn run(
    config: DriverConfig,
    engine: Engine,
    mut commands: mpsc::UnboundedReceiver<Command>,
    events: mpsc::UnboundedSender<Event>,
) {
    let mut d = Driver {
        engine,
        clock: Clock::start(),
        replies: HashMap::new(),
        tokens: HashMap::new(),
        events,
        buf: Vec::new(),
    };
    let mut backoff = config.backoff_min;
    loop {
        let ended = if let Ok(conn) = pyro_transport::connect(&config.connect).await {
            backoff = config.backoff_min;
            match d.connection(conn, &mut commands).await {
                // A connection that was up and dropped: pause briefly, so a server that accepts
                // and closes at once is not hammered.
                Ended::Lost => {
                    d.engine.disconnected();
                    d.wait(jittered(config.backoff_min), &mut commands).await
                }
                Ended::Shutdown => Ended::Shutdown,
            }
        } else {
            let ended = d.wait(jittered(backoff), &mut commands).await;
            backoff = (backoff * 2).min(config.backoff_max);
            ended
        };
        d.engine.disconnected();
        if matches!(ended, Ended::Shutdown) {
            break;
        }
    }
    d.engine.close();
    d.deliver();
}

/// `delay` scaled by a random factor in 0.5..1.5, so many clients do not reconnect in step.
fn jittered(delay: Duration) -> Duration {
    let r = getrandom::u32().unwrap_or(u32::MAX / 2);
    delay.mul_f64(0.5 + f64::from(r) / f64::from(u32::MAX))
}

impl Driver {
    /// Serves commands while disconnected for `delay` (requests are queued in the engine).
    async fn wait(
        &mut self,
        delay: Duration,
        commands: &mut mpsc::UnboundedReceiver<Command>,
    ) -> Ended {
        let until = Instant::now() + delay;
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(until) => return Ended::Lost,
                cmd = commands.recv() => if self.command(cmd) { return Ended::Shutdown },
            }
            self.deliver();
        }
    }

    /// Runs one connection until it fails or the driver is shut down.
    async fn connection(
        &mut self,
        conn: pyro_transport::FramedConnection,
        commands: &mut mpsc::UnboundedReceiver<Command>,
    ) -> Ended {
        let (mut reader, mut writer) = conn.into_split();
        // A reader task makes receiving cancel-safe inside select!.
        let (frames_tx, mut frames) = mpsc::unbounded_channel();
        let reader_task = tokio::spawn(async move {
            while let Ok(frame) = reader.recv().await {
                if frames_tx.send(frame).is_err() {
                    break;
                }
            }
        });
        self.engine.connected(self.clock.now());
        let ended = loop {
            if self.flush(&mut writer).await.is_err() {
                break Ended::Lost;
            }
            if self.deliver() {
                break Ended::Lost;
            }
            let timer = self.engine.poll_timeout().map(|t| self.clock.instant(t));
            tokio::select! {
                frame = frames.recv() => match frame {
                    Some(Frame::Packet { mut payload, .. }) => {
                        // Padded framings add up to 15 bytes: the packet is 24 + 16k bytes long.
                        let len = payload.len().saturating_sub(24) / 16 * 16 + 24;
                        payload.truncate(len);
                        let _ = self.engine.handle_incoming(self.clock.now(), &mut payload);
                    }
                    Some(Frame::QuickAck(_)) => {}
                    None => break Ended::Lost,
                },
                cmd = commands.recv() => if self.command(cmd) { break Ended::Shutdown },
                () = sleep_until(timer) => self.engine.handle_timeout(self.clock.now()),
            }
        };
        reader_task.abort();
        ended
    }

    /// Queues a command's request; true when the driver must stop.
    fn command(&mut self, cmd: Option<Command>) -> bool {
        match cmd {
            Some(Command::Invoke(token, body, options, reply)) => {
                match self.engine.request(self.clock.now(), body, options) {
                    Ok(id) => {
                        self.replies.insert(id, (token, reply));
                        self.tokens.insert(token, id);
                    }
                    Err(e) => {
                        let _ = reply.send(Err(e.into()));
                    }
                }
                false
            }
            Some(Command::Cancel(token)) => {
                if let Some(id) = self.tokens.remove(&token) {
                    self.replies.remove(&id);
                    self.engine.cancel(id);
                }
                false
            }
            Some(Command::Shutdown) | None => true,
        }
    }

    /// Sends every packet the engine has ready.
    async fn flush(&mut self, writer: &mut FramedWriter) -> pyro_transport::Result<()> {
        let now = self.clock.now();
        while self.engine.poll_transmit(now, &mut self.buf) {
            writer.send(&self.buf).await?;
        }
        Ok(())
    }

    /// Hands out the engine's events; true if the connection went stale.
    fn deliver(&mut self) -> bool {
        let mut stale = false;
        while let Some(event) = self.engine.poll_event() {
            match event {
                Event::Response { id, result } => {
                    if let Some((token, reply)) = self.replies.remove(&id) {
                        self.tokens.remove(&token);
                        let _ = reply.send(result.map_err(DriverError::Request));
                    }
                }
                Event::ConnectionStale => stale = true,
                other => {
                    let _ = self.events.send(other);
                }
            }
        }
        stale
    }
}

/// Sleeps until `at`, or forever without a deadline.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
