//! Auth keys kept across connections, and the connections listening for each authorization's
//! live updates.
//!
//! Keys are found by the `auth_key_id` clients put on the wire. A key whose `g^ab` starts with a
//! zero byte is registered under both ids: the full 256-byte key's, and the id of the key as a
//! client that keeps it as a minimal-length number (Telethon) computes it. For that second form
//! the packet crypto runs over the stripped bytes (zero-filled at the end to 256 bytes: MTProto
//! 2.0 reads only the first 128 key bytes, so the derivation is the same) and the id on the wire
//! is rewritten in both directions.
//!
//! A temporary key bound with `auth.bindTempAuthKey` acts for its permanent key: calls made over
//! it use the permanent key's id as their authorization, and updates follow.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::handshake::ServerFinished;
use tokio::sync::mpsc::UnboundedSender;

use crate::telegram::env::Rng;

/// One registered key.
#[derive(Clone)]
pub(crate) struct KeyEntry {
    /// The key the packet crypto uses (for a stripped form: the stripped bytes, zero-filled).
    pub(crate) key: AuthKey,
    /// The id of `key` itself, when it differs from the id on the wire (stripped form).
    pub(crate) crypto_id: Option<i64>,
    /// The DC the key was created on (a key is valid there only).
    pub(crate) dc_id: i32,
    /// For a temporary key: when it expires (Unix seconds).
    pub(crate) expires_at: Option<i64>,
    /// For a bound temporary key: the permanent key's id.
    pub(crate) bound_to: Option<i64>,
    /// Seed of the salt schedule, shared by every connection of the key so a salt stays valid
    /// across reconnects.
    pub(crate) seed: [u8; 32],
}

impl KeyEntry {
    /// The authorization calls over this key belong to.
    pub(crate) fn authorization(&self, wire_id: i64) -> i64 {
        self.bound_to.unwrap_or(wire_id)
    }
}

/// What the registry hands a connection for one of its authorizations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Push {
    /// A serialized `Updates` to push.
    Update(Vec<u8>),
    /// The answer to a call that waited (`Outcome::Later`): its ticket and the `rpc_result`
    /// body. Only the connection that holds the ticket uses it.
    Answer(u64, Vec<u8>),
}

/// A connection number and where its pushes go, tagged with their authorization.
type Subscriber = (u64, UnboundedSender<(i64, Push)>);

/// The process-wide registry (all DCs).
#[derive(Default)]
pub(crate) struct Registry {
    keys: Mutex<HashMap<i64, KeyEntry>>,
    listeners: Mutex<HashMap<i64, Vec<Subscriber>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Registry {
    /// Whether `id` names a key already (then the exchange must not produce it again).
    pub(crate) fn contains(&self, id: i64) -> bool {
        lock(&self.keys).contains_key(&id)
    }

    /// Registers the result of a key exchange on `dc_id` under every id it has; returns the
    /// full id. `expires_at` is set for temporary keys.
    pub(crate) fn insert(
        &self,
        finished: &ServerFinished,
        dc_id: i32,
        expires_at: Option<i64>,
        seed: [u8; 32],
    ) -> i64 {
        let entry = KeyEntry {
            key: finished.auth_key.clone(),
            crypto_id: None,
            dc_id,
            expires_at,
            bound_to: None,
            seed,
        };
        let id = finished.auth_key.id();
        let mut keys = lock(&self.keys);
        if let (Some(stripped), Some(stripped_id)) =
            (finished.stripped_key(), finished.stripped_key_id())
        {
            let mut padded = [0u8; 256];
            padded[..stripped.len()].copy_from_slice(stripped);
            let key = AuthKey::from_bytes(padded);
            let crypto_id = Some(key.id());
            keys.insert(
                stripped_id,
                KeyEntry {
                    key,
                    crypto_id,
                    ..entry.clone()
                },
            );
        }
        keys.insert(id, entry);
        id
    }

    /// The key clients call `id`, if it exists, belongs to `dc_id` and has not expired at
    /// `now` (Unix seconds).
    pub(crate) fn get(&self, id: i64, dc_id: i32, now: i64) -> Option<KeyEntry> {
        let mut keys = lock(&self.keys);
        let entry = keys.get(&id)?;
        if entry.expires_at.is_some_and(|at| at <= now) {
            keys.remove(&id);
            return None;
        }
        (entry.dc_id == dc_id).then(|| entry.clone())
    }

    /// Binds temporary key `temp` to permanent key `perm` until `expires_at`.
    pub(crate) fn bind(&self, temp: i64, perm: i64, expires_at: i64) -> bool {
        let mut keys = lock(&self.keys);
        let perm_ok = keys.get(&perm).is_some_and(|p| p.expires_at.is_none());
        match keys.get_mut(&temp) {
            Some(entry) if perm_ok && entry.expires_at.is_some() => {
                entry.bound_to = Some(perm);
                entry.expires_at = entry.expires_at.map(|at| at.min(expires_at));
                true
            }
            _ => false,
        }
    }

    /// Forgets a key (all connections using it get -404 from their next packet).
    pub(crate) fn remove(&self, id: i64) {
        lock(&self.keys).remove(&id);
    }

    /// Connection `conn` wants the live updates of `authorization`.
    pub(crate) fn subscribe(
        &self,
        authorization: i64,
        conn: u64,
        tx: UnboundedSender<(i64, Push)>,
    ) {
        let mut listeners = lock(&self.listeners);
        let list = listeners.entry(authorization).or_default();
        if !list.iter().any(|(c, _)| *c == conn) {
            list.push((conn, tx));
        }
    }

    /// Connection `conn` is gone.
    pub(crate) fn unsubscribe(&self, conn: u64) {
        let mut listeners = lock(&self.listeners);
        for list in listeners.values_mut() {
            list.retain(|(c, _)| *c != conn);
        }
        listeners.retain(|_, list| !list.is_empty());
    }

    /// Hands `updates` to every connection of `authorization`; returns how many got them.
    pub(crate) fn deliver(&self, authorization: i64, updates: &[Vec<u8>]) -> usize {
        let listeners = lock(&self.listeners);
        let Some(list) = listeners.get(&authorization) else {
            return 0;
        };
        let mut reached = 0;
        for (_, tx) in list {
            if updates
                .iter()
                .all(|u| tx.send((authorization, Push::Update(u.clone()))).is_ok())
            {
                reached += 1;
            }
        }
        reached
    }

    /// Hands the answer of a waiting call to every connection of `authorization` (the one
    /// holding `ticket` answers it); returns how many got it.
    pub(crate) fn answer(&self, authorization: i64, ticket: u64, bytes: &[u8]) -> usize {
        let listeners = lock(&self.listeners);
        let Some(list) = listeners.get(&authorization) else {
            return 0;
        };
        list.iter()
            .filter(|(_, tx)| {
                tx.send((authorization, Push::Answer(ticket, bytes.to_vec())))
                    .is_ok()
            })
            .count()
    }

    /// Like [`Registry::deliver`], but every connection gets `updates` in its own random order.
    pub(crate) fn deliver_shuffled(
        &self,
        authorization: i64,
        updates: &[Vec<u8>],
        rng: &mut Rng,
    ) -> usize {
        let listeners = lock(&self.listeners);
        let Some(list) = listeners.get(&authorization) else {
            return 0;
        };
        let mut reached = 0;
        for (_, tx) in list {
            let mut order: Vec<&Vec<u8>> = updates.iter().collect();
            // Fisher-Yates.
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i as u64 + 1) as usize);
            }
            if order
                .into_iter()
                .all(|u| tx.send((authorization, Push::Update(u.clone()))).is_ok())
            {
                reached += 1;
            }
        }
        reached
    }
}

#[cfg(test)]
mod tests {
    use pyro_mtproto_crypto::handshake::{InnerDataKind, KeyRequest, RsaScheme};
    use pyro_mtproto_crypto::packet::{self, Sender};

    use super::*;

    fn finished(first_byte: u8) -> ServerFinished {
        let mut key = [0x5au8; 256];
        key[0] = first_byte;
        ServerFinished {
            auth_key: AuthKey::from_bytes(key),
            first_salt: 1,
            request: KeyRequest {
                kind: InnerDataKind::permanent(2),
                scheme: RsaScheme::Legacy,
            },
        }
    }

    #[test]
    fn keys_with_a_leading_zero_answer_to_both_ids() {
        let registry = Registry::default();
        let plain = finished(7);
        let id = registry.insert(&plain, 2, None, [1; 32]);
        assert_eq!(id, plain.auth_key.id());
        assert!(
            registry
                .get(id, 2, 0)
                .is_some_and(|e| e.crypto_id.is_none())
        );
        assert!(registry.get(id, 3, 0).is_none(), "keys belong to their DC");

        let short = finished(0);
        let full_id = registry.insert(&short, 2, None, [2; 32]);
        let stripped_id = short.stripped_key_id().unwrap();
        assert_ne!(full_id, stripped_id);
        let entry = registry.get(stripped_id, 2, 0).unwrap();
        // The stripped client's key: its 255 bytes first, as MTProto 2.0 reads bytes 0..128.
        assert_eq!(&entry.key.as_bytes()[..255], short.stripped_key().unwrap());
        let crypto_id = entry.crypto_id.unwrap();
        // A packet such a client sends, id rewritten as the connection does, decrypts.
        // salt, session_id, msg_id, seq_no, then message_data_length = 32 and the message.
        let mut plaintext = [3u8; 64];
        plaintext[28..32].copy_from_slice(&32u32.to_le_bytes());
        let mut wire = packet::encrypt(&entry.key, Sender::Client, &plaintext, &[9; 16]).unwrap();
        wire[..8].copy_from_slice(&stripped_id.to_le_bytes());
        wire[..8].copy_from_slice(&crypto_id.to_le_bytes());
        assert_eq!(
            packet::decrypt(&entry.key, Sender::Client, &wire).unwrap(),
            &plaintext[..]
        );
        assert!(
            registry
                .get(full_id, 2, 0)
                .is_some_and(|e| e.crypto_id.is_none())
        );
    }

    #[test]
    fn temporary_keys_expire_and_bind_to_permanent_ones() {
        let registry = Registry::default();
        let perm = registry.insert(&finished(1), 2, None, [0; 32]);
        let temp = registry.insert(&finished(2), 2, Some(1_000), [0; 32]);
        assert!(
            !registry.bind(perm, temp, 2_000),
            "a permanent key cannot be bound"
        );
        assert!(registry.bind(temp, perm, 900));
        let entry = registry.get(temp, 2, 0).unwrap();
        assert_eq!(
            (entry.authorization(temp), entry.expires_at),
            (perm, Some(900))
        );
        assert!(registry.get(temp, 2, 900).is_none(), "expired");
        assert!(!registry.contains(temp));
    }

    #[test]
    fn updates_reach_every_subscribed_connection() {
        let registry = Registry::default();
        let (a, mut a_rx) = tokio::sync::mpsc::unbounded_channel();
        let (b, mut b_rx) = tokio::sync::mpsc::unbounded_channel();
        registry.subscribe(77, 1, a);
        registry.subscribe(77, 2, b);
        assert_eq!(registry.deliver(77, &[vec![1, 2]]), 2);
        assert_eq!(a_rx.try_recv().unwrap(), (77, Push::Update(vec![1, 2])));
        assert_eq!(b_rx.try_recv().unwrap(), (77, Push::Update(vec![1, 2])));
        assert_eq!(registry.answer(77, 9, &[4]), 2);
        assert_eq!(a_rx.try_recv().unwrap(), (77, Push::Answer(9, vec![4])));
        registry.unsubscribe(1);
        assert_eq!(registry.deliver(77, &[vec![3]]), 1);
        assert_eq!(registry.deliver(78, &[vec![3]]), 0);
    }

    #[test]
    fn shuffled_updates_reach_each_connection_in_its_own_order() {
        let registry = Registry::default();
        let (a, mut a_rx) = tokio::sync::mpsc::unbounded_channel();
        let (b, mut b_rx) = tokio::sync::mpsc::unbounded_channel();
        registry.subscribe(5, 1, a);
        registry.subscribe(5, 2, b);
        let updates: Vec<Vec<u8>> = (0..32u8).map(|i| vec![i]).collect();
        assert_eq!(registry.deliver_shuffled(5, &updates, &mut Rng::new(3)), 2);
        let drain = |rx: &mut tokio::sync::mpsc::UnboundedReceiver<(i64, Push)>| {
            std::iter::from_fn(|| rx.try_recv().ok())
                .filter_map(|(_, push)| match push {
                    Push::Update(u) => Some(u[0]),
                    Push::Answer(..) => None,
                })
                .collect::<Vec<u8>>()
        };
        let (first, second) = (drain(&mut a_rx), drain(&mut b_rx));
        assert_ne!(first, second, "each connection has its own order");
        let mut sorted = first.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..32).collect::<Vec<u8>>(), "all of them, once");
        assert_ne!(first, sorted, "shuffled");
    }
}
