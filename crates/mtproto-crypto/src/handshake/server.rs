//! The server's side of the exchange (for a test DC), one type per step; randomness, the DH
//! secret and the clock come from the caller.
//!
//! [`ServerStart`] ← `req_pq_multi` → `resPQ` → [`ServerAwaitingDhParams`] ← `req_DH_params` →
//! `server_DH_params_ok` → [`ServerAwaitingClientDh`] ← `set_client_DH_params` →
//! [`ServerKeyCandidate`], which the caller accepts (`dh_gen_ok`, [`ServerFinished`]), sends
//! back for a retry (`dh_gen_retry`, e.g. when the key id is taken) or refuses (`dh_gen_fail`).

use pyro_tl_types::mtproto::{enums, functions, types};
use pyro_tl_types::{Cursor, Deserializable, Identifiable, Serializable};
use sha1::{Digest, Sha1};

use super::answer::{ANSWER_PADDING_RANDOM, TmpAes};
use super::dh_step::ServerDhSecret;
use super::inner::{InnerDataKind, RsaScheme, split};
use super::pq::{PqPair, be_bytes};
use super::{DhValue, HandshakeError, check_nonces, decode};
use crate::dh::{TELEGRAM_DH_PRIME, check_dh_value};
use crate::exchange::first_salt;
use crate::rsa::RsaPrivateKey;
use crate::{AuthKey, CryptoError};

/// What the client asked for in its inner data, and how it encrypted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyRequest {
    /// The inner-data constructor: DC and, for a temporary key, its lifetime.
    pub kind: InnerDataKind,
    /// The RSA scheme the client used.
    pub scheme: RsaScheme,
}

/// A new exchange on the server, before `req_pq_multi`.
#[derive(Debug, Clone)]
pub struct ServerStart {
    server_nonce: [u8; 16],
    pq: PqPair,
}

impl ServerStart {
    /// An exchange with the random `server_nonce` and the puzzle `pq`.
    pub fn new(server_nonce: [u8; 16], pq: PqPair) -> Self {
        Self { server_nonce, pq }
    }

    /// Answers `req_pq_multi` (or the older `req_pq`) with `resPQ` listing the fingerprints of
    /// `keys`.
    pub fn handle(
        self,
        req_pq: &[u8],
        keys: &[RsaPrivateKey],
    ) -> Result<(Vec<u8>, ServerAwaitingDhParams), CryptoError> {
        let nonce = match decode::<functions::ReqPqMulti>(req_pq) {
            Ok(req) => req.nonce,
            Err(HandshakeError::UnexpectedConstructor { id, .. })
                if id == functions::ReqPq::CONSTRUCTOR_ID =>
            {
                decode::<functions::ReqPq>(req_pq)?.nonce
            }
            Err(e) => return Err(e.into()),
        };
        let answer: enums::ResPq = types::ResPq {
            nonce,
            server_nonce: self.server_nonce,
            pq: be_bytes(self.pq.pq()),
            server_public_key_fingerprints: keys
                .iter()
                .map(|k| k.public_key().fingerprint())
                .collect(),
        }
        .into();
        let next = ServerAwaitingDhParams {
            nonce,
            server_nonce: self.server_nonce,
            pq: self.pq,
        };
        Ok((answer.to_bytes(), next))
    }
}

/// Sent `resPQ`; waiting for `req_DH_params`.
#[derive(Debug, Clone)]
pub struct ServerAwaitingDhParams {
    nonce: [u8; 16],
    server_nonce: [u8; 16],
    pq: PqPair,
}

impl ServerAwaitingDhParams {
    /// Decrypts the inner data (RSA_PAD or the legacy scheme, any of the four constructors) with
    /// the key the client named, checks nonces and factors, and answers `server_DH_params_ok`
    /// with `secret`'s `g_a`, `server_time` (Unix seconds) and AES padding from `padding`.
    pub fn handle(
        self,
        req_dh_params: &[u8],
        keys: &[RsaPrivateKey],
        secret: &ServerDhSecret,
        server_time: i32,
        padding: &[u8; ANSWER_PADDING_RANDOM],
    ) -> Result<(Vec<u8>, ServerAwaitingClientDh), CryptoError> {
        let req = decode::<functions::ReqDhParams>(req_dh_params)?;
        check_nonces(
            &req.nonce,
            &self.nonce,
            &req.server_nonce,
            &self.server_nonce,
        )?;
        let (p, q) = (be_bytes(self.pq.p().into()), be_bytes(self.pq.q().into()));
        if req.p != p || req.q != q {
            return Err(HandshakeError::WrongFactors.into());
        }
        let fingerprint = req.public_key_fingerprint;
        let key = keys
            .iter()
            .find(|k| k.public_key().fingerprint() == fingerprint)
            .ok_or_else(|| HandshakeError::UnknownFingerprint(vec![fingerprint]))?;
        let (inner, scheme) = decrypt_inner(key, &req.encrypted_data)?;
        let (kind, fields) = split(inner);
        check_nonces(
            &fields.nonce,
            &self.nonce,
            &fields.server_nonce,
            &self.server_nonce,
        )?;
        if fields.p != p || fields.q != q || fields.pq != be_bytes(self.pq.pq()) {
            return Err(HandshakeError::WrongFactors.into());
        }
        let aes = TmpAes::new(&self.server_nonce, &fields.new_nonce);
        let inner: enums::ServerDhInnerData = types::ServerDhInnerData {
            nonce: self.nonce,
            server_nonce: self.server_nonce,
            g: secret.g(),
            dh_prime: TELEGRAM_DH_PRIME.to_vec(),
            g_a: secret.g_a().to_vec(),
            server_time,
        }
        .into();
        let answer: enums::ServerDhParams = types::ServerDhParamsOk {
            nonce: self.nonce,
            server_nonce: self.server_nonce,
            encrypted_answer: aes.encrypt(&inner, padding)?,
        }
        .into();
        let next = ServerAwaitingClientDh {
            nonce: self.nonce,
            server_nonce: self.server_nonce,
            new_nonce: fields.new_nonce,
            aes,
            secret: secret.clone(),
            request: KeyRequest { kind, scheme },
            retry_id: 0,
        };
        Ok((answer.to_bytes(), next))
    }
}

/// RSA_PAD first; if its hash fails, the legacy scheme, whose SHA-1 covers exactly the bytes the
/// TL decoder read.
fn decrypt_inner(
    key: &RsaPrivateKey,
    encrypted: &[u8],
) -> Result<(enums::PQInnerData, RsaScheme), HandshakeError> {
    if let Ok(block) = key.decrypt_pad(encrypted) {
        let inner = enums::PQInnerData::deserialize(&mut Cursor::new(&block))?;
        return Ok((inner, RsaScheme::Pad));
    }
    let block = key
        .decrypt_legacy(encrypted)
        .map_err(|_| HandshakeError::BadEncryptedData)?;
    let mut cursor = Cursor::new(block.payload());
    let inner = enums::PQInnerData::deserialize(&mut cursor)
        .map_err(|_| HandshakeError::BadEncryptedData)?;
    block
        .verified(cursor.position())
        .map_err(|_| HandshakeError::BadEncryptedData)?;
    Ok((inner, RsaScheme::Legacy))
}

/// Sent `server_DH_params_ok`; waiting for `set_client_DH_params`.
#[derive(Clone)]
pub struct ServerAwaitingClientDh {
    nonce: [u8; 16],
    server_nonce: [u8; 16],
    new_nonce: [u8; 32],
    aes: TmpAes,
    secret: ServerDhSecret,
    request: KeyRequest,
    retry_id: i64,
}

impl core::fmt::Debug for ServerAwaitingClientDh {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ServerAwaitingClientDh")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl ServerAwaitingClientDh {
    /// What the client asked for (key kind, DC, RSA scheme).
    pub fn request(&self) -> KeyRequest {
        self.request
    }

    /// Decrypts `client_DH_inner_data`, checks nonces, answer hash, `retry_id` and the range of
    /// `g_b`, and computes the key. The caller then decides with the returned candidate.
    pub fn handle(self, set_client_dh_params: &[u8]) -> Result<ServerKeyCandidate, CryptoError> {
        let req = decode::<functions::SetClientDhParams>(set_client_dh_params)?;
        check_nonces(
            &req.nonce,
            &self.nonce,
            &req.server_nonce,
            &self.server_nonce,
        )?;
        let enums::ClientDhInnerData::ClientDhInnerData(inner) =
            self.aes
                .decrypt::<enums::ClientDhInnerData>(&req.encrypted_data)?;
        check_nonces(
            &inner.nonce,
            &self.nonce,
            &inner.server_nonce,
            &self.server_nonce,
        )?;
        if inner.retry_id != self.retry_id {
            return Err(HandshakeError::BadRetryId(inner.retry_id).into());
        }
        check_dh_value(&inner.g_b, &TELEGRAM_DH_PRIME)
            .map_err(|_| HandshakeError::DhValueOutOfRange(DhValue::Gb))?;
        let auth_key = AuthKey::from_bytes(self.secret.shared_key(&inner.g_b));
        Ok(ServerKeyCandidate {
            state: self,
            auth_key,
        })
    }
}

impl Drop for ServerAwaitingClientDh {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.new_nonce);
    }
}

/// A key both sides can compute, awaiting the server's verdict.
#[derive(Debug, Clone)]
pub struct ServerKeyCandidate {
    state: ServerAwaitingClientDh,
    auth_key: AuthKey,
}

impl ServerKeyCandidate {
    /// The key (check its [`AuthKey::id`] against the keys already in use).
    pub fn auth_key(&self) -> &AuthKey {
        &self.auth_key
    }

    /// What the client asked for.
    pub fn request(&self) -> KeyRequest {
        self.state.request
    }

    fn hash(&self, number: u8) -> [u8; 16] {
        self.auth_key.new_nonce_hash(&self.state.new_nonce, number)
    }

    /// Accepts the key: `dh_gen_ok` and the result.
    pub fn accept(self) -> (Vec<u8>, ServerFinished) {
        let s = &self.state;
        let answer: enums::SetClientDhParamsAnswer = types::DhGenOk {
            nonce: s.nonce,
            server_nonce: s.server_nonce,
            new_nonce_hash1: self.hash(1),
        }
        .into();
        let finished = ServerFinished {
            first_salt: first_salt(&s.server_nonce, &s.new_nonce),
            request: s.request,
            auth_key: self.auth_key,
        };
        (answer.to_bytes(), finished)
    }

    /// Asks for another `g_b` (`dh_gen_retry`); the client's next `retry_id` must be this key's
    /// aux hash.
    pub fn retry(self) -> (Vec<u8>, ServerAwaitingClientDh) {
        let answer: enums::SetClientDhParamsAnswer = types::DhGenRetry {
            nonce: self.state.nonce,
            server_nonce: self.state.server_nonce,
            new_nonce_hash2: self.hash(2),
        }
        .into();
        let mut next = self.state;
        next.retry_id = i64::from_le_bytes(self.auth_key.aux_hash());
        (answer.to_bytes(), next)
    }

    /// Refuses the exchange (`dh_gen_fail`).
    pub fn fail(self) -> Vec<u8> {
        let answer: enums::SetClientDhParamsAnswer = types::DhGenFail {
            nonce: self.state.nonce,
            server_nonce: self.state.server_nonce,
            new_nonce_hash3: self.hash(3),
        }
        .into();
        answer.to_bytes()
    }
}

/// The server's result of a completed exchange.
#[derive(Debug, Clone)]
pub struct ServerFinished {
    /// The new authorization key (256 bytes).
    pub auth_key: AuthKey,
    /// The first server salt, as the client computes it.
    pub first_salt: i64,
    /// What the client asked for: a temporary key (and its lifetime) or a permanent one, its DC.
    pub request: KeyRequest,
}

impl ServerFinished {
    /// The key as a client that keeps it as a minimal-length number sees it (Telethon: about one
    /// key in 256 starts with a zero byte), or `None` when the key has no leading zero byte.
    pub fn stripped_key(&self) -> Option<&[u8]> {
        let key = self.auth_key.as_bytes();
        let skip = key.iter().take_while(|&&b| b == 0).count();
        (skip > 0).then(|| &key[skip..])
    }

    /// The `auth_key_id` of [`stripped_key`](Self::stripped_key): SHA1(stripped)[12..20] as a
    /// little-endian `long`.
    pub fn stripped_key_id(&self) -> Option<i64> {
        let digest = Sha1::digest(self.stripped_key()?);
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[12..]);
        Some(i64::from_le_bytes(id))
    }

    /// Whether `id` names this key in either form (full or stripped).
    pub fn matches_key_id(&self, id: i64) -> bool {
        id == self.auth_key.id() || Some(id) == self.stripped_key_id()
    }
}
