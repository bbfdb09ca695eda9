//! The server's long-lived secrets: its RSA key (loaded from a PKCS#1 PEM file or generated) and
//! a pool of Diffie-Hellman secrets `(a, g_a)` refilled off the hot path.
//!
//! One `g^a mod p` over the 2048-bit prime costs 5 to 10 ms, so each DC keeps a few ready-made
//! [`ServerDhSecret`]s filled by a background thread; a handshake takes one and computes inline
//! only when the pool is empty. Every `a` is used once, so forward secrecy is what Telegram's own
//! servers give.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use pyro_mtproto_crypto::handshake::ServerDhSecret;
use pyro_mtproto_crypto::rsa::RsaPrivateKey;
use rsa::pkcs1::EncodeRsaPrivateKey;

use crate::net::NetError;

/// The test-only RSA key shipped in `crates/test-dc/keys/` (public, for tests only: loading it
/// skips generating a key, which takes seconds in a debug build).
pub const TEST_ONLY_KEY_PEM: &str = include_str!("../../keys/test-only-dc-key.pem");

/// A DC's RSA key with its public forms.
#[derive(Debug, Clone)]
pub struct ServerKey {
    private: RsaPrivateKey,
    public_pem: String,
}

impl ServerKey {
    /// Loads a PKCS#1 PEM private key (`BEGIN RSA PRIVATE KEY`, 2048 bits).
    pub fn from_pem(pem: &str) -> Result<Self, NetError> {
        let private = RsaPrivateKey::from_pkcs1_pem(pem)?;
        let public_pem = private.public_key().to_pkcs1_pem()?;
        Ok(Self {
            private,
            public_pem,
        })
    }

    /// The test-only key of `crates/test-dc/keys/`.
    pub fn test_only() -> Result<Self, NetError> {
        Self::from_pem(TEST_ONLY_KEY_PEM)
    }

    /// A fresh 2048-bit key from the OS generator (seconds in a debug build).
    pub fn generate() -> Result<Self, NetError> {
        let mut rng = rsa::rand_core::OsRng;
        let key = rsa::RsaPrivateKey::new(&mut rng, 2048)
            .map_err(|e| NetError::Key(format!("RSA key generation failed: {e}")))?;
        let pem = key
            .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
            .map_err(|e| NetError::Key(format!("PKCS#1 export failed: {e}")))?;
        Self::from_pem(&pem)
    }

    /// The private key the handshake decrypts with.
    pub fn private(&self) -> &RsaPrivateKey {
        &self.private
    }

    /// The public key as PKCS#1 PEM (`BEGIN RSA PUBLIC KEY`), what clients are given.
    pub fn public_pem(&self) -> &str {
        &self.public_pem
    }

    /// Telegram's fingerprint of the public key (what `resPQ` lists).
    pub fn fingerprint(&self) -> i64 {
        self.private.public_key().fingerprint()
    }
}

/// A fresh DH secret from the OS generator (draws again in the rare case `g_a` is out of range).
pub(crate) fn fresh_dh_secret() -> Result<ServerDhSecret, NetError> {
    loop {
        let mut a = [0u8; 256];
        getrandom::fill(&mut a).map_err(|_| NetError::Random)?;
        if let Ok(secret) = ServerDhSecret::new(&a) {
            return Ok(secret);
        }
    }
}

/// Ready-made DH secrets, refilled by a background thread that stops when the pool is dropped.
#[derive(Debug)]
pub(crate) struct DhPool {
    ready: Mutex<Receiver<ServerDhSecret>>,
}

impl DhPool {
    /// A pool keeping up to `size` secrets ready (0: every handshake computes its own).
    pub(crate) fn new(size: usize) -> Self {
        let (tx, rx) = sync_channel(size);
        if size > 0 {
            // If the thread cannot start, handshakes compute their secrets inline.
            let _ = thread::Builder::new()
                .name("pyro-test-dc-dh".into())
                .spawn(move || refill(&tx));
        }
        Self {
            ready: Mutex::new(rx),
        }
    }

    /// A secret used by no one else: from the pool, or computed now when it is empty.
    pub(crate) fn take(&self) -> Result<ServerDhSecret, NetError> {
        let pooled = self.ready.lock().ok().and_then(|rx| rx.try_recv().ok());
        match pooled {
            Some(secret) => Ok(secret),
            None => fresh_dh_secret(),
        }
    }
}

/// The refill loop: `send` blocks while the pool is full and fails once the pool is gone.
fn refill(tx: &SyncSender<ServerDhSecret>) {
    while let Ok(secret) = fresh_dh_secret() {
        if tx.send(secret).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_only_key_loads_and_exports_its_public_half() {
        let key = ServerKey::test_only().unwrap();
        assert!(
            key.public_pem()
                .starts_with("-----BEGIN RSA PUBLIC KEY-----")
        );
        let public = pyro_mtproto_crypto::rsa::RsaPublicKey::from_pem(key.public_pem()).unwrap();
        assert_eq!(public.fingerprint(), key.fingerprint());
        assert!(ServerKey::from_pem("not a key").is_err());
    }

    #[test]
    fn pooled_dh_secrets_are_fresh() {
        let pool = DhPool::new(2);
        let a = pool.take().unwrap();
        let b = pool.take().unwrap();
        let c = DhPool::new(0).take().unwrap();
        assert_ne!(a.g_a(), b.g_a());
        assert_ne!(b.g_a(), c.g_a());
    }

    #[test]
    #[ignore = "RSA key generation takes seconds in a debug build"]
    fn generated_keys_work() {
        let started = std::time::Instant::now();
        let key = ServerKey::generate().unwrap();
        println!("2048-bit key generated in {:?}", started.elapsed());
        assert_ne!(
            key.fingerprint(),
            ServerKey::test_only().unwrap().fingerprint()
        );
    }
}
