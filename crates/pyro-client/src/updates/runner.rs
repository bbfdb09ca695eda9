//! The updates task: the client's raw feed through the [`Sequencer`] to the dispatcher's
//! workers, with the requests the sequencer asks for made through the client and the state
//! written to the session store after each step.
//!
//! - Every user and chat a pushed update mentions goes into the client's peer cache first (the
//!   differences' go there too, as answers of `Client::invoke`). A pushed message whose chat
//!   or sender the cache still cannot address (`updateShortMessage` carries no access hash,
//!   `min` users an unusable one) is fetched again with the difference, so that its handler
//!   can `reply` (see [`Sequencer::push_checked`]).
//! - The answers to the client's own requests ([`RawUpdate::Answer`]) only move the update
//!   state ([`Sequencer::push_own`]): a send leaves no gap to fetch, and handlers do not see
//!   the client's own sends as new messages. Outgoing messages the server pushes (sent by the
//!   account's other sessions) are handed out; `filters::outgoing()` picks them.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use pyro_session::{PeerId, PeerType};
use pyro_tl_types::api::{enums, functions};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::dispatch::{Dispatcher, Router, WorkerConfig, Workers};
use super::event::{UpdateEvent, shard};
use super::gap::{Peers, Request, Sequenced, Sequencer, SequencerConfig, SequencerStats};
use crate::client::{Client, Error, MissedReason, RawUpdate, RawUpdates};
use crate::types::PeerMap;

/// How many queued feed items the task takes in before it hands updates out and saves the
/// state.
const BATCH: usize = 64;

/// How the updates task runs.
#[derive(Debug, Clone, Default)]
pub struct UpdatesConfig {
    /// Fetch what happened while the client was away (from the stored state) before handling
    /// live updates; otherwise start from now. Off by default.
    pub catch_up: bool,
    /// The dispatcher's workers.
    pub workers: WorkerConfig,
    /// The gap recovery's knobs (`self_id` is filled from the store).
    pub sequencer: SequencerConfig,
}

/// The running updates task of a client ([`Client::start_updates`]).
#[derive(Debug)]
pub struct Updates {
    task: JoinHandle<Result<(), Error>>,
    stop: watch::Sender<bool>,
    stats: Arc<Mutex<SequencerStats>>,
    ready: watch::Receiver<bool>,
}

impl Updates {
    /// Waits until the update state is known (fetched with `updates.getState`, or caught up
    /// from the stored one): from then on no update is missed. Returns at once if the task
    /// has ended.
    pub async fn ready(&self) {
        let mut ready = self.ready.clone();
        let _ = ready.wait_for(|r| *r).await;
    }

    /// The gap recovery's counters so far.
    pub fn stats(&self) -> SequencerStats {
        *self.stats.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs until the client's connection closes for good (Pyrogram's `idle()`).
    pub async fn idle(self) -> Result<(), Error> {
        self.task.await.unwrap_or(Err(Error::Closed))
    }

    /// Stops taking updates, lets the handlers finish the queued ones and returns.
    pub async fn stop(self) -> Result<(), Error> {
        let _ = self.stop.send(true);
        self.idle().await
    }
}

impl Client {
    /// Starts handling updates with `router`'s handlers. The raw update feed can be taken
    /// once per client: a second call fails with [`Error::Config`].
    pub fn start_updates(
        &self,
        router: Router<Client, UpdateEvent>,
        config: UpdatesConfig,
    ) -> Result<Updates, Error> {
        let feed = self
            .take_raw_updates()
            .ok_or_else(|| Error::Config("the update feed was taken already".into()))?;
        self.start_updates_from(feed, router, config)
    }

    /// Like [`Client::start_updates`], from a feed the caller took (and perhaps filtered or
    /// merged with another client's feed of the same account) instead of this client's own.
    pub fn start_updates_from(
        &self,
        feed: RawUpdates,
        router: Router<Client, UpdateEvent>,
        config: UpdatesConfig,
    ) -> Result<Updates, Error> {
        let store = self.store();
        let mut sequencer_config = config.sequencer;
        if sequencer_config.self_id.is_none() {
            sequencer_config.self_id = store.user()?.map(|u| u.id);
        }
        let sequencer = match store.update_state()? {
            Some(state) => Sequencer::restore(
                sequencer_config.clone(),
                state,
                &store.all_channel_pts()?,
                config.catch_up,
            ),
            None => Sequencer::new(sequencer_config.clone()),
        };
        let workers = Dispatcher::new(self.clone(), router).spawn(config.workers, shard);
        let (stop, stop_rx) = watch::channel(false);
        let (ready_tx, ready) = watch::channel(false);
        let stats = Arc::new(Mutex::new(SequencerStats::default()));
        let runner = Runner {
            client: self.clone(),
            sequencer,
            workers,
            stats: Arc::clone(&stats),
            peers: None,
            self_id: sequencer_config.self_id,
            ready: ready_tx,
        };
        let task = tokio::spawn(runner.run(feed, stop_rx));
        Ok(Updates {
            task,
            stop,
            stats,
            ready,
        })
    }

    /// Handles updates with `router`'s handlers until the connection closes for good (the
    /// usual last line of a bot's `main`).
    pub async fn run(&self, router: Router<Client, UpdateEvent>) -> Result<(), Error> {
        self.start_updates(router, UpdatesConfig::default())?
            .idle()
            .await
    }
}

/// The task's state.
struct Runner {
    client: Client,
    sequencer: Sequencer,
    workers: Workers<UpdateEvent>,
    stats: Arc<Mutex<SequencerStats>>,
    /// The last container's peers, converted once for all its updates.
    peers: Option<(Arc<Peers>, Arc<PeerMap>)>,
    self_id: Option<i64>,
    /// Set once the sequencer knows the state and has no catch-up left.
    ready: watch::Sender<bool>,
}

impl Runner {
    async fn run(
        mut self,
        mut feed: RawUpdates,
        mut stop: watch::Receiver<bool>,
    ) -> Result<(), Error> {
        let outcome = loop {
            if let Err(e) = self.step().await {
                break Err(e);
            }
            let deadline = self.sequencer.next_deadline();
            let timer = async move {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at.into()).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                item = feed.recv() => {
                    let Some(item) = item else { break Ok(()) };
                    self.take(item);
                    // What else is queued already goes in before the next step: one state
                    // save and one timer per batch instead of per update.
                    for _ in 1..BATCH {
                        match feed.try_recv() {
                            Ok(item) => self.take(item),
                            Err(_) => break,
                        }
                    }
                }
                () = timer => {}
                _ = stop.changed() => break Ok(()),
            }
        };
        self.workers.finish().await;
        outcome
    }

    /// Feeds one item of the raw feed to the sequencer.
    fn take(&mut self, item: RawUpdate) {
        match item {
            RawUpdate::Updates { updates, .. } => self.pushed(updates),
            RawUpdate::Answer { updates, .. } => self.sequencer.push_own(updates, Instant::now()),
            // Pushes dropped before the feed was taken are older than the state the sequencer
            // starts from (`updates.getState`, or the stored state it catches up from):
            // nothing to fetch for them.
            RawUpdate::MaybeMissed {
                reason: MissedReason::NotListening,
                ..
            } => {}
            RawUpdate::MaybeMissed { .. } => self.sequencer.session_created(),
        }
    }

    /// Feeds a pushed `Updates` object, after caching its peers.
    fn pushed(&mut self, updates: enums::Updates) {
        let peers = self.client.peers();
        peers.note(&updates);
        let addressable = |peer: PeerId| {
            peer.ty == PeerType::Chat
                || peers
                    .get(peer)
                    // A store that cannot answer must not hold updates back.
                    .map_or(true, |found| found.is_some_and(|p| p.access_hash.is_some()))
        };
        self.sequencer
            .push_checked(updates, Instant::now(), &addressable);
    }

    /// Makes the requests the sequencer asks for, hands out what is ready and saves the state.
    async fn step(&mut self) -> Result<(), Error> {
        while let Some(request) = self.sequencer.poll_request(Instant::now()) {
            self.fetch(request).await;
            self.dispatch().await?;
        }
        self.dispatch().await?;
        let changes = self.sequencer.take_changes();
        let store = self.client.store();
        if let Some(state) = changes.common {
            store.set_update_state(&state)?;
        }
        for (channel_id, pts) in changes.channels {
            store.set_channel_pts(channel_id, pts)?;
        }
        *self.stats.lock().unwrap_or_else(PoisonError::into_inner) = self.sequencer.stats();
        if !*self.ready.borrow() && self.sequencer.is_live() {
            self.ready.send_replace(true);
        }
        Ok(())
    }

    /// Makes one request and feeds the answer back.
    async fn fetch(&mut self, request: Request) {
        let client = self.client.clone();
        match &request {
            Request::GetState => match client.invoke(&functions::updates::GetState {}).await {
                Ok(state) => self.sequencer.on_state(state),
                Err(_) => self.sequencer.request_failed(&request, Instant::now()),
            },
            Request::Difference(call) => match client.invoke(call).await {
                Ok(difference) => self.sequencer.on_difference(difference, Instant::now()),
                Err(_) => self.sequencer.request_failed(&request, Instant::now()),
            },
            Request::ChannelDifference(channel) => {
                let stored = || {
                    let peer = client.store().peer(PeerId::channel(channel.channel_id));
                    peer.ok().flatten().and_then(|p| p.access_hash)
                };
                let Some(hash) = channel.access_hash.or_else(stored) else {
                    self.sequencer.channel_unreachable(channel.channel_id);
                    return;
                };
                match client.invoke(&channel.function(Some(hash))).await {
                    Ok(difference) => self.sequencer.on_channel_difference(
                        channel.channel_id,
                        difference,
                        Instant::now(),
                    ),
                    // The server refuses this channel (private, banned, gone).
                    Err(Error::Rpc(_) | Error::PeerIdInvalid) => {
                        self.sequencer.channel_unreachable(channel.channel_id);
                    }
                    Err(_) => self.sequencer.request_failed(&request, Instant::now()),
                }
            }
        }
    }

    /// Hands every ready update to the workers (waiting while their queues are full).
    async fn dispatch(&mut self) -> Result<(), Error> {
        while let Some(sequenced) = self.sequencer.poll_update() {
            let event = self.event(sequenced);
            if self.workers.send(event).await.is_err() {
                return Err(Error::Closed);
            }
        }
        Ok(())
    }

    fn event(&mut self, sequenced: Sequenced) -> UpdateEvent {
        let map = match &self.peers {
            Some((raw, map)) if Arc::ptr_eq(raw, &sequenced.peers) => Arc::clone(map),
            _ => {
                let mut map = PeerMap::from_raw(&sequenced.peers.users, &sequenced.peers.chats)
                    .with_client(self.client.clone());
                if let Some(id) = self.self_id {
                    map.set_self_id(id);
                }
                let map = Arc::new(map);
                self.peers = Some((Arc::clone(&sequenced.peers), Arc::clone(&map)));
                map
            }
        };
        UpdateEvent::new(sequenced.update, map)
    }
}
