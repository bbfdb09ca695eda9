//! The driver task: connect (with backoff), make a temporary key when PFS asks for one, then
//! move packets between the connection and the engine, commands into the engine and events out,
//! until the connection ends; repeat until shutdown.

use std::collections::HashMap;
use std::time::Duration;

use pyro_mtproto_crypto::AuthKey;
use pyro_transport::{Frame, FramedConnection, FramedWriter, TransportError};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use super::clock::{Clock, jittered, sleep_until};
use super::failure::ConnectFailure;
use super::handshake::random;
use super::pfs::{Bound, TempKeys};
use super::{BindError, Command, DriverConfig, DriverError, DriverState, Reply};
use crate::engine::{Engine, Event, RequestId};

/// The driver task's state.
struct Driver {
    engine: Engine,
    clock: Clock,
    replies: HashMap<RequestId, (u64, Reply)>,
    tokens: HashMap<u64, RequestId>,
    events: mpsc::UnboundedSender<Event>,
    state: watch::Sender<DriverState>,
    pfs: Option<TempKeys>,
    /// Set when the server refused a binding: the driver stops.
    failed: Option<BindError>,
    buf: Vec<u8>,
}

/// How one connection ended.
enum Ended {
    /// Reconnect after a short pause.
    Lost,
    /// Reconnect at once (a temporary key is due for renewal, or the key was replaced).
    Renew,
    /// Stop the driver.
    Shutdown,
}

/// What the events just delivered ask of the connection.
enum Flow {
    Go,
    Reconnect,
    Stop,
}

pub(super) async fn run(
    config: DriverConfig,
    engine: Engine,
    perm: Option<AuthKey>,
    mut commands: mpsc::UnboundedReceiver<Command>,
    events: mpsc::UnboundedSender<Event>,
    state: watch::Sender<DriverState>,
) {
    let pfs = config
        .pfs
        .clone()
        .zip(perm)
        .map(|(c, k)| TempKeys::new(c, k));
    let mut d = Driver {
        engine,
        clock: Clock::start(),
        replies: HashMap::new(),
        tokens: HashMap::new(),
        events,
        state,
        pfs,
        failed: None,
        buf: Vec::new(),
    };
    let mut backoff = config.backoff_min;
    loop {
        let ended = match pyro_transport::connect(&config.connect).await {
            Ok(mut conn) => match d.prepare(&mut conn, &config).await {
                Ok(()) => {
                    backoff = config.backoff_min;
                    d.connection(conn, &mut commands).await
                }
                Err(_) => Ended::Lost,
            },
            Err(e) => {
                d.connect_failed(e);
                Ended::Lost
            }
        };
        d.engine.disconnected();
        d.publish(false);
        let pause = match ended {
            Ended::Shutdown => break,
            Ended::Renew => continue,
            Ended::Lost => jittered(backoff),
        };
        backoff = (backoff * 2).min(config.backoff_max);
        if matches!(d.wait(pause, &mut commands).await, Ended::Shutdown) {
            break;
        }
    }
    d.finish();
}

impl Driver {
    /// With PFS, makes a temporary key on the fresh connection when one is due.
    async fn prepare(
        &mut self,
        conn: &mut FramedConnection,
        config: &DriverConfig,
    ) -> Result<(), DriverError> {
        let clock = self.clock;
        let Some(pfs) = &mut self.pfs else {
            return Ok(());
        };
        if !pfs.needs_key(clock.now().mono) {
            return Ok(());
        }
        let made = pfs
            .make(
                conn,
                &mut self.engine,
                || clock.now(),
                config.connect.timeout,
            )
            .await;
        self.publish(false);
        made
    }

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
                cmd = commands.recv() => if let Some(ended) = self.command(cmd) { return ended },
            }
            if matches!(self.deliver(), Flow::Stop) {
                return Ended::Shutdown;
            }
        }
    }

    /// Runs one connection until it fails, a new temporary key is due or the driver stops.
    async fn connection(
        &mut self,
        conn: FramedConnection,
        commands: &mut mpsc::UnboundedReceiver<Command>,
    ) -> Ended {
        let (mut reader, mut writer) = conn.into_split();
        // A reader task makes receiving cancel-safe inside select!.
        let (frames_tx, mut frames) = mpsc::unbounded_channel();
        let reader_task = tokio::spawn(async move {
            loop {
                let frame = reader.recv().await;
                let failed = frame.is_err();
                if frames_tx.send(frame).is_err() || failed {
                    break;
                }
            }
        });
        self.engine.connected(self.clock.now());
        self.publish(true);
        let ended = loop {
            // Events first: a binding's answer must be seen before the requests it held back
            // are flushed.
            match self.deliver() {
                Flow::Go => {}
                Flow::Reconnect => break Ended::Lost,
                Flow::Stop => break Ended::Shutdown,
            }
            if self.flush(&mut writer).await.is_err() {
                break Ended::Lost;
            }
            self.publish(true);
            let mono = self.clock.now().mono;
            let renew_at = self.pfs.as_ref().and_then(TempKeys::renew_at);
            let draining = renew_at.is_some_and(|t| t <= mono);
            if draining
                && (self.engine.pending_requests() == 0
                    || self
                        .pfs
                        .as_ref()
                        .and_then(TempKeys::drain_until)
                        .is_some_and(|t| t <= mono))
            {
                break Ended::Renew;
            }
            let key_timer = if draining {
                self.pfs.as_ref().and_then(TempKeys::drain_until)
            } else {
                renew_at
            };
            let timer = [self.engine.poll_timeout(), key_timer]
                .into_iter()
                .flatten()
                .min()
                .map(|t| self.clock.instant(t));
            tokio::select! {
                frame = frames.recv() => match frame {
                    Some(Ok(Frame::Packet { mut payload, .. })) => {
                        // Padded framings add up to 15 bytes: the packet is 24 + 16k bytes long.
                        let len = payload.len().saturating_sub(24) / 16 * 16 + 24;
                        payload.truncate(len);
                        let _ = self.engine.handle_incoming(self.clock.now(), &mut payload);
                    }
                    Some(Ok(Frame::QuickAck(_))) => {}
                    Some(Err(TransportError::ErrorCode { code })) => {
                        self.transport_error(code);
                        break Ended::Lost;
                    }
                    Some(Err(_)) | None => break Ended::Lost,
                },
                // While draining for a renewal no new request is taken (they wait in the channel).
                cmd = commands.recv(), if !draining => if let Some(ended) = self.command(cmd) {
                    break ended;
                },
                () = sleep_until(timer) => self.engine.handle_timeout(self.clock.now()),
            }
        };
        reader_task.abort();
        ended
    }

    /// A transport error code from the server: -404 on a temporary key means it is gone.
    fn transport_error(&mut self, code: i32) {
        self.state
            .send_modify(|s| s.last_transport_error = Some(code));
        if code == -404
            && let Some(pfs) = &mut self.pfs
        {
            pfs.forget();
        }
    }

    /// Queues a command's request; says how the connection ends when the command ends it (a
    /// shutdown, or a new key to reconnect with).
    fn command(&mut self, cmd: Option<Command>) -> Option<Ended> {
        match cmd {
            Some(Command::Invoke(token, body, options, reply)) => {
                if let Some(failure) = self.lasting_failure() {
                    let _ = reply.send(Err(DriverError::Transport(failure.error().clone())));
                    return None;
                }
                match self.engine.request(self.clock.now(), body, options) {
                    Ok(id) => {
                        self.replies.insert(id, (token, reply));
                        self.tokens.insert(token, id);
                    }
                    Err(e) => {
                        let _ = reply.send(Err(e.into()));
                    }
                }
                None
            }
            Some(Command::Cancel(token)) => {
                if let Some(id) = self.tokens.remove(&token) {
                    self.replies.remove(&id);
                    self.engine.cancel(id);
                }
                None
            }
            Some(Command::ReplaceKey(key, salt)) => self.replace_key(*key, salt),
            Some(Command::Shutdown) | None => Some(Ended::Shutdown),
        }
    }

    /// Moves the session to a new permanent key (the server forgot the old one): the engine
    /// keeps its requests, the state forgets the -404, and the connection starts again. With
    /// PFS the next temporary key is bound to the new key. The same key again, or an OS
    /// generator that fails to seed the new session, changes nothing.
    fn replace_key(&mut self, key: AuthKey, salt: i64) -> Option<Ended> {
        let id = key.id();
        if id == self.state.borrow().auth_key_id {
            return None;
        }
        match &mut self.pfs {
            Some(pfs) => pfs.replace_permanent(key),
            None => self.engine.switch_key(key, salt, random::<32>().ok()?),
        }
        self.state.send_modify(|s| {
            s.auth_key_id = id;
            s.last_transport_error = None;
        });
        Some(Ended::Renew)
    }

    /// Sends every packet the engine has ready.
    async fn flush(&mut self, writer: &mut FramedWriter) -> pyro_transport::Result<()> {
        let now = self.clock.now();
        while self.engine.poll_transmit(now, &mut self.buf) {
            writer.send(&self.buf).await?;
        }
        Ok(())
    }

    /// Hands out the engine's events and acts on a binding's outcome.
    fn deliver(&mut self) -> Flow {
        let mut flow = Flow::Go;
        while let Some(event) = self.engine.poll_event() {
            match event {
                Event::Response { id, result } => {
                    let bound = self.pfs.as_mut().and_then(|p| p.on_response(id, &result));
                    match bound {
                        Some(Bound::Yes) | None => {}
                        Some(Bound::Retry) => flow = Flow::Reconnect,
                        Some(Bound::Refused(e)) => {
                            self.failed = Some(e);
                            return Flow::Stop;
                        }
                    }
                    if let Some((token, reply)) = self.replies.remove(&id) {
                        self.tokens.remove(&token);
                        let _ = reply.send(result.map_err(DriverError::Request));
                    }
                }
                Event::ConnectionStale => flow = Flow::Reconnect,
                other => {
                    let _ = self.events.send(other);
                }
            }
        }
        flow
    }

    /// Publishes the state (only what changed wakes the watchers).
    fn publish(&mut self, connected: bool) {
        let now = self.clock.now();
        let salt = self.engine.salt(now);
        let time_offset = self.engine.time_offset_secs();
        let temp_key = self.pfs.as_ref().and_then(TempKeys::info);
        self.state.send_if_modified(|s| {
            let new = DriverState {
                connected,
                connections: s.connections + u64::from(connected && !s.connected),
                salt,
                time_offset,
                temp_key,
                last_transport_error: s.last_transport_error,
                auth_key_id: s.auth_key_id,
                // A connection that comes up clears the failure.
                connect_failure: s.connect_failure.clone().filter(|_| !connected),
            };
            let changed = *s != new;
            *s = new;
            changed
        });
    }

    /// Keeps a failed connect's error in the state; when retrying cannot heal it, ends every
    /// waiting request with it (they are cancelled in the engine, so none goes out later).
    fn connect_failed(&mut self, error: TransportError) {
        let failure = ConnectFailure::new(error);
        if failure.is_lasting() {
            for (id, (_, reply)) in self.replies.drain() {
                self.engine.cancel(id);
                let _ = reply.send(Err(DriverError::Transport(failure.error().clone())));
            }
            self.tokens.clear();
        }
        self.state
            .send_modify(|s| s.connect_failure = Some(failure));
    }

    /// The last connect failure while it is one retrying cannot heal (it is cleared when a
    /// connection comes up).
    fn lasting_failure(&self) -> Option<ConnectFailure> {
        self.state
            .borrow()
            .connect_failure
            .clone()
            .filter(ConnectFailure::is_lasting)
    }

    /// Ends every request: with the binding's refusal if that stopped the driver, else
    /// [`RequestError::SessionClosed`](crate::engine::RequestError::SessionClosed).
    fn finish(&mut self) {
        if let Some(e) = &self.failed {
            for (_, (_, reply)) in self.replies.drain() {
                let _ = reply.send(Err(DriverError::Bind(e.clone())));
            }
            self.tokens.clear();
        }
        self.engine.close();
        self.deliver();
        self.publish(false);
    }
}
