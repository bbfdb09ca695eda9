//! One client connection: codec detection, then a loop over incoming frames, live updates,
//! timers and forced disconnects.
//!
//! A packet with `auth_key_id` 0 goes to the key exchange ([`Exchange`]); any other id must name
//! a registered key of this DC (else transport error -404 and the connection closes). Each key
//! used on the connection gets its own [`ServerSession`], which checks and answers the MTProto
//! layer; its RPC calls go to [`Telegram::call`](crate::Telegram::call) (or to
//! [`bind`](crate::net::bind) for `auth.bindTempAuthKey`) and the answers go back as
//! `rpc_result`. Bad input closes this connection only.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use pyro_session::engine::PacketError;
use pyro_session::server::ServerSession;
use pyro_transport::{CodecKind, Frame, FramedReader, FramedWriter, TransportError};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::faults_net::{FaultDice, NetFaults, Verdict};
use crate::net::bind;
use crate::net::dc::DcShared;
use crate::net::plain::{Exchange, PlainIds};
use crate::net::registry::{KeyEntry, Push};
use crate::{CallContext, Outcome};

/// How long a reordered packet is held back when no later one overtakes it.
const REORDER_HOLD: Duration = Duration::from_millis(50);

/// Whether the connection goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Go,
    Close,
}

/// One auth key's session on this connection.
struct Slot {
    entry: KeyEntry,
    session: ServerSession,
    /// The authorization whose updates this connection receives for the slot.
    subscribed: Option<i64>,
}

/// The connection's state.
struct Conn {
    dc: Arc<DcShared>,
    number: u64,
    writer: FramedWriter,
    exchange: Exchange,
    plain_ids: PlainIds,
    slots: HashMap<i64, Slot>,
    dice: FaultDice,
    updates_tx: mpsc::UnboundedSender<(i64, Push)>,
    /// Calls waiting for their answer (`Outcome::Later`): ticket -> (key id, `msg_id`).
    waiting: HashMap<u64, (i64, i64)>,
    /// Encrypted packets waiting for their send time (delay and reorder faults).
    outbox: Vec<(Instant, Vec<u8>)>,
    buf: Vec<u8>,
    /// Padded intermediate: packets carry 0..15 random bytes after MTProto's own length.
    padded: bool,
}

/// Serves one accepted TCP stream until it closes, fails or is kicked.
pub(crate) async fn run(dc: Arc<DcShared>, stream: TcpStream) {
    let mut kick = dc.kick.subscribe();
    let accepted = tokio::select! {
        accepted = pyro_transport::accept(stream, &dc.accept) => accepted,
        _ = kick.changed() => return,
    };
    let Ok(accepted) = accepted else {
        return;
    };
    let number = dc.next_connection();
    let (reader, writer) = accepted.connection.into_split();
    let (frames_tx, frames_rx) = mpsc::channel(8);
    let reading = tokio::spawn(read_frames(reader, frames_tx));
    let (updates_tx, updates_rx) = mpsc::unbounded_channel();
    let faults = dc.faults();
    let mut conn = Conn {
        dice: FaultDice::new(&faults, number),
        dc,
        number,
        writer,
        exchange: Exchange::default(),
        plain_ids: PlainIds::default(),
        slots: HashMap::new(),
        updates_tx,
        waiting: HashMap::new(),
        outbox: Vec::new(),
        buf: Vec::new(),
        padded: accepted.kind == CodecKind::PaddedIntermediate,
    };
    conn.serve(frames_rx, updates_rx, kick).await;
    reading.abort();
    conn.dc.registry.unsubscribe(number);
}

/// Reads frames into a channel (so the main loop's `select!` never cancels a read midway).
async fn read_frames(mut reader: FramedReader, tx: mpsc::Sender<Result<Frame, TransportError>>) {
    loop {
        let frame = reader.recv().await;
        let failed = frame.is_err();
        if tx.send(frame).await.is_err() || failed {
            return;
        }
    }
}

impl Conn {
    async fn serve(
        &mut self,
        mut frames: mpsc::Receiver<Result<Frame, TransportError>>,
        mut updates: mpsc::UnboundedReceiver<(i64, Push)>,
        mut kick: tokio::sync::watch::Receiver<u64>,
    ) {
        loop {
            let deadline = self.next_deadline();
            let timer = async move {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            let step = tokio::select! {
                frame = frames.recv() => match frame {
                    Some(Ok(frame)) => self.on_frame(frame).await,
                    _ => Step::Close,
                },
                Some((authorization, push)) = updates.recv() => {
                    match push {
                        Push::Update(update) => self.push_update(authorization, update),
                        Push::Answer(ticket, bytes) => self.answer_later(ticket, &bytes),
                    }
                    Step::Go
                }
                () = timer => self.on_timer(),
                _ = kick.changed() => Step::Close,
            };
            if step == Step::Close || self.flush().await.is_err() {
                return;
            }
        }
    }

    /// The earliest of the outbox's send times and the sessions' `ping_delay_disconnect`
    /// deadlines.
    fn next_deadline(&self) -> Option<Instant> {
        let origin = Instant::from_std(self.dc.origin);
        let disconnects = self
            .slots
            .values()
            .filter_map(|s| s.session.disconnect_deadline())
            .map(|d| origin + d);
        self.outbox
            .iter()
            .map(|(at, _)| *at)
            .chain(disconnects)
            .min()
    }

    fn on_timer(&mut self) -> Step {
        let faults = self.dc.faults();
        let (now, _) = self.dc.now(&faults);
        let expired = self.slots.values().any(|s| {
            s.session
                .disconnect_deadline()
                .is_some_and(|d| d <= now.mono)
        });
        if expired { Step::Close } else { Step::Go }
    }

    async fn on_frame(&mut self, frame: Frame) -> Step {
        let Frame::Packet {
            mut payload,
            quick_ack,
        } = frame
        else {
            return Step::Close;
        };
        let Some(id) = payload
            .get(..8)
            .and_then(|b| b.try_into().ok())
            .map(i64::from_le_bytes)
        else {
            return Step::Close;
        };
        if self.padded {
            strip_padding(&mut payload, id == 0);
        }
        let faults = self.dc.faults();
        let (_, unix_nanos) = self.dc.now(&faults);
        if id == 0 {
            let answer = self
                .exchange
                .handle(&self.dc, &payload, &mut self.plain_ids, unix_nanos);
            return match answer {
                Ok(answer) if self.writer.send(&answer).await.is_ok() => Step::Go,
                _ => Step::Close,
            };
        }
        match self.dice.incoming(&faults) {
            Verdict::Serve => {}
            Verdict::Drop => return Step::Close,
            Verdict::Error(code) => {
                let _ = self.writer.send_error(code).await;
                return Step::Close;
            }
        }
        if !self.ensure_slot(id, &faults, unix_nanos) {
            let _ = self.writer.send_error(-404).await;
            return Step::Close;
        }
        let step = self.on_encrypted(id, &mut payload, &faults);
        if quick_ack && step == Step::Go {
            let token = self
                .slots
                .get(&id)
                .map(|s| quick_ack_token(&s.entry, &payload));
            if let Some(token) = token
                && self.writer.send_quick_ack(token).await.is_err()
            {
                return Step::Close;
            }
        }
        step
    }

    /// Makes sure key `id` has a session on this connection; false for an unknown key.
    fn ensure_slot(&mut self, id: i64, faults: &NetFaults, unix_nanos: i64) -> bool {
        let now_secs = unix_nanos / 1_000_000_000;
        let Some(entry) = self.dc.registry.get(id, self.dc.dc_id, now_secs) else {
            self.slots.remove(&id);
            return false;
        };
        if let Some(slot) = self.slots.get_mut(&id) {
            slot.entry = entry;
            return true;
        }
        let config = self.dc.session_config(faults);
        let session = ServerSession::new(entry.key.clone(), entry.seed, config);
        self.slots.insert(
            id,
            Slot {
                entry,
                session,
                subscribed: None,
            },
        );
        true
    }

    /// Decrypts and processes one packet of key `id`, answering its calls.
    fn on_encrypted(&mut self, id: i64, payload: &mut [u8], faults: &NetFaults) -> Step {
        let (now, unix_nanos) = self.dc.now(faults);
        let Some(slot) = self.slots.get_mut(&id) else {
            return Step::Close;
        };
        if let Some(crypto_id) = slot.entry.crypto_id {
            payload[..8].copy_from_slice(&crypto_id.to_le_bytes());
        }
        let bad_msgs = slot.session.stats().bad_msgs;
        let handled = slot.session.handle_packet(now, payload);
        let new_bad_msgs = slot.session.stats().bad_msgs.saturating_sub(bad_msgs);
        self.dc.bad_msgs.fetch_add(new_bad_msgs, Ordering::Relaxed);
        match handled {
            Ok(()) | Err(PacketError::Duplicate(_) | PacketError::Payload(_)) => {}
            Err(_) => return Step::Close,
        }
        let Some(session_id) = slot.session.session_id() else {
            return Step::Go;
        };
        let authorization = slot.entry.authorization(id);
        if slot.subscribed != Some(authorization) {
            let tx = self.updates_tx.clone();
            let (registry, number) = (&self.dc.registry, self.number);
            registry.subscribe(authorization, number, tx);
            slot.subscribed = Some(authorization);
        }
        while let Some(request) = slot.session.poll_request() {
            let outcome = if bind::is_bind(&request.body) {
                let temporary = slot.entry.expires_at.is_some();
                let now_secs = unix_nanos / 1_000_000_000;
                let body = &request.body;
                let outcome = bind::bind(
                    &self.dc,
                    id,
                    temporary,
                    session_id,
                    request.msg_id,
                    body,
                    now_secs,
                );
                if let Some(entry) = self.dc.registry.get(id, self.dc.dc_id, now_secs) {
                    slot.entry = entry;
                }
                outcome
            } else {
                let ctx = CallContext {
                    dc_id: self.dc.dc_id,
                    auth_key_id: slot.entry.authorization(id),
                    session_id,
                };
                self.dc.telegram.call(&ctx, &request.body)
            };
            if let Outcome::Later(ticket) = outcome {
                self.waiting.insert(ticket, (id, request.msg_id));
            } else if let Some(bytes) = outcome.into_bytes() {
                slot.session.answer(request.msg_id, &bytes);
            }
        }
        Step::Go
    }

    /// Answers a call that waited, if this connection holds its ticket.
    fn answer_later(&mut self, ticket: u64, bytes: &[u8]) {
        let Some((id, msg_id)) = self.waiting.remove(&ticket) else {
            return;
        };
        if let Some(slot) = self.slots.get_mut(&id) {
            slot.session.answer(msg_id, bytes);
        }
    }

    /// Queues a live update on the session of this connection that serves `authorization`.
    fn push_update(&mut self, authorization: i64, update: Vec<u8>) {
        let slot = self
            .slots
            .values_mut()
            .find(|s| s.subscribed == Some(authorization));
        if let Some(slot) = slot {
            slot.session.push(update);
        }
    }

    /// Encrypts what the sessions have to send, applies the delay and reorder faults, and
    /// writes every packet that is due.
    async fn flush(&mut self) -> Result<(), TransportError> {
        let faults = self.dc.faults();
        let (now, _) = self.dc.now(&faults);
        let at = Instant::now();
        for (&id, slot) in &mut self.slots {
            while slot.session.poll_transmit(now, &mut self.buf) {
                let mut packet = std::mem::take(&mut self.buf);
                if slot.entry.crypto_id.is_some() {
                    packet[..8].copy_from_slice(&id.to_le_bytes());
                }
                let mut due = at + faults.delay;
                if self.dice.reorder(&faults) {
                    due += REORDER_HOLD;
                }
                self.outbox.push((due, packet));
            }
        }
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.outbox)
            .into_iter()
            .partition(|(at, _)| *at <= now);
        self.outbox = later;
        for (_, packet) in due {
            self.writer.send(&packet).await?;
        }
        Ok(())
    }
}

/// Cuts the padded intermediate codec's random tail: a plain message ends where its
/// `message_data_length` says, an encrypted one at the last whole 16-byte block.
pub(crate) fn strip_padding(payload: &mut Vec<u8>, plain: bool) {
    let end = if plain {
        payload
            .get(16..20)
            .and_then(|b| b.try_into().ok())
            .map_or(payload.len(), |b| 20 + u32::from_le_bytes(b) as usize)
    } else {
        24 + payload.len().saturating_sub(24) / 16 * 16
    };
    payload.truncate(end);
}

/// The quick acknowledgement of a client packet already decrypted in place: the first 32 bits
/// (little-endian) of the SHA-256 whose middle gave its msg_key, over `auth_key[88..120]` and
/// the padded plaintext (core.telegram.org/mtproto/description, "Quick ack"); the codec sets the
/// top bit.
fn quick_ack_token(entry: &KeyEntry, decrypted: &[u8]) -> u32 {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(&entry.key.as_bytes()[88..120]);
    hasher.update(decrypted.get(24..).unwrap_or_default());
    let digest = hasher.finalize();
    u32::from_le_bytes([digest[0], digest[1], digest[2], digest[3]])
}
