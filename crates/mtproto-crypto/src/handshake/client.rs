//! The client's side of the exchange, one type per step; every random byte and the clock come
//! from the caller.
//!
//! [`ClientStep1`] → `req_pq_multi` → [`ClientAwaitingResPq`] → `req_DH_params` →
//! [`ClientAwaitingDhParams`] → `set_client_DH_params` → [`ClientAwaitingDhGen`] →
//! [`ClientFinished`] (or [`ClientDhRetry`] after `dh_gen_retry`, which sends a new
//! `set_client_DH_params` and waits again).

use pyro_tl_types::Serializable;
use pyro_tl_types::mtproto::{enums, functions, types};

use super::answer::{ANSWER_PADDING_RANDOM, TmpAes};
use super::dh_step::{DH_LEN, block_of, check_server_group};
use super::inner::{InnerDataKind, InnerFields, RsaScheme, build};
use super::pq::{be_bytes, read_pq};
use super::{DhValue, HandshakeError, check_nonces, decode};
use crate::bignum::Modulus;
use crate::dh::check_dh_value;
use crate::exchange::first_salt;
use crate::factorize::factorize;
use crate::rsa::RsaPublicKey;
use crate::{AuthKey, CryptoError};
use zeroize::Zeroizing;

/// Random bytes for [`ClientAwaitingResPq::handle`]: `new_nonce` (32), then the RSA padding and
/// temp keys (224, as grammers draws them; VECTORS.md C2).
pub const STEP2_RANDOM: usize = 256;
/// Random bytes for [`ClientAwaitingDhParams::handle`] and [`ClientDhRetry::handle`]: the secret
/// `b` (256, big-endian), then the AES padding (16, at most 15 used).
pub const STEP3_RANDOM: usize = DH_LEN + ANSWER_PADDING_RANDOM;
/// How many `dh_gen_retry` answers a client follows before giving up.
pub const MAX_RETRIES: u32 = 5;

/// What the client sends: which inner-data constructor, under which RSA scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientOptions {
    /// The inner-data kind (DC and temporary-key lifetime).
    pub inner: InnerDataKind,
    /// The RSA scheme for `encrypted_data`.
    pub scheme: RsaScheme,
}

impl ClientOptions {
    /// RSA_PAD with `p_q_inner_data_dc` for a permanent key on `dc`: the usual choice.
    pub fn permanent(dc: i32) -> Self {
        Self {
            inner: InnerDataKind::permanent(dc),
            scheme: RsaScheme::Pad,
        }
    }

    /// RSA_PAD with `p_q_inner_data_temp_dc` for a temporary key on `dc`.
    pub fn temporary(dc: i32, expires_in: i32) -> Self {
        Self {
            inner: InnerDataKind::temporary(dc, expires_in),
            scheme: RsaScheme::Pad,
        }
    }
}

/// The exchange before anything is sent.
#[derive(Debug, Clone)]
pub struct ClientStep1 {
    options: ClientOptions,
}

impl ClientStep1 {
    /// An exchange that will send what `options` says.
    pub fn new(options: ClientOptions) -> Self {
        Self { options }
    }

    /// `req_pq_multi` with the random `nonce`, and the state that waits for `resPQ`.
    pub fn start(self, nonce: [u8; 16]) -> (Vec<u8>, ClientAwaitingResPq) {
        let request = functions::ReqPqMulti { nonce }.to_bytes();
        let next = ClientAwaitingResPq {
            options: self.options,
            nonce,
        };
        (request, next)
    }
}

/// Sent `req_pq_multi`; waiting for `resPQ`.
#[derive(Debug, Clone)]
pub struct ClientAwaitingResPq {
    options: ClientOptions,
    nonce: [u8; 16],
}

impl ClientAwaitingResPq {
    /// Checks `resPQ` (its nonce, a fingerprint among `keys`), factorises `pq` and answers with
    /// `req_DH_params`: the inner data encrypted to the first server key this client knows.
    pub fn handle(
        self,
        res_pq: &[u8],
        random: &[u8; STEP2_RANDOM],
        keys: &[RsaPublicKey],
    ) -> Result<(Vec<u8>, ClientAwaitingDhParams), CryptoError> {
        let enums::ResPq::ResPq(res) = decode::<enums::ResPq>(res_pq)?;
        if res.nonce != self.nonce {
            return Err(HandshakeError::WrongNonce.into());
        }
        let key = res
            .server_public_key_fingerprints
            .iter()
            .find_map(|fp| keys.iter().find(|k| k.fingerprint() == *fp))
            .ok_or_else(|| {
                HandshakeError::UnknownFingerprint(res.server_public_key_fingerprints.clone())
            })?;
        let pq = read_pq(&res.pq)?;
        let (p, q) = factorize(pq)?;
        let mut new_nonce = [0u8; 32];
        new_nonce.copy_from_slice(&random[..32]);
        let fields = InnerFields {
            pq: res.pq.clone(),
            p: be_bytes(p),
            q: be_bytes(q),
            nonce: self.nonce,
            server_nonce: res.server_nonce,
            new_nonce,
        };
        let data = build(self.options.inner, fields).to_bytes();
        let mut rsa_random = [0u8; STEP2_RANDOM - 32];
        rsa_random.copy_from_slice(&random[32..]);
        let encrypted_data = match self.options.scheme {
            RsaScheme::Pad => key.encrypt_pad_seeded(&data, &rsa_random)?,
            RsaScheme::Legacy => key.encrypt_legacy(&data, &rsa_random)?,
        };
        let request = functions::ReqDhParams {
            nonce: self.nonce,
            server_nonce: res.server_nonce,
            p: be_bytes(p),
            q: be_bytes(q),
            public_key_fingerprint: key.fingerprint(),
            encrypted_data: encrypted_data.to_vec(),
        };
        let next = ClientAwaitingDhParams {
            nonces: Nonces {
                nonce: self.nonce,
                server_nonce: res.server_nonce,
                new_nonce,
            },
        };
        Ok((request.to_bytes(), next))
    }
}

/// The three nonces of one exchange.
#[derive(Clone)]
struct Nonces {
    nonce: [u8; 16],
    server_nonce: [u8; 16],
    new_nonce: [u8; 32],
}

impl core::fmt::Debug for Nonces {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Nonces { .. }")
    }
}

impl Drop for Nonces {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.new_nonce);
    }
}

/// Sent `req_DH_params`; waiting for `server_DH_params`.
#[derive(Debug, Clone)]
pub struct ClientAwaitingDhParams {
    nonces: Nonces,
}

impl ClientAwaitingDhParams {
    /// Decrypts and checks `server_DH_params_ok` (nonces, answer hash, `dh_prime`, `g`, `g_a`),
    /// and answers with `set_client_DH_params` carrying `g_b`. `now` is the client's clock in
    /// Unix seconds, for the clock offset to the server.
    pub fn handle(
        self,
        server_dh_params: &[u8],
        random: &[u8; STEP3_RANDOM],
        now: i64,
    ) -> Result<(Vec<u8>, ClientAwaitingDhGen), CryptoError> {
        let n = &self.nonces;
        let ok = match decode::<enums::ServerDhParams>(server_dh_params)? {
            enums::ServerDhParams::Ok(ok) => ok,
            enums::ServerDhParams::Fail(fail) => {
                check_nonces(&fail.nonce, &n.nonce, &fail.server_nonce, &n.server_nonce)?;
                let hash = sha1_tail(&n.new_nonce);
                return Err(if crate::ct_eq(&hash, &fail.new_nonce_hash) {
                    HandshakeError::DhParamsFail
                } else {
                    HandshakeError::BadNewNonceHash(0)
                }
                .into());
            }
        };
        check_nonces(&ok.nonce, &n.nonce, &ok.server_nonce, &n.server_nonce)?;
        let aes = TmpAes::new(&n.server_nonce, &n.new_nonce);
        let enums::ServerDhInnerData::ServerDhInnerData(inner) =
            aes.decrypt::<enums::ServerDhInnerData>(&ok.encrypted_answer)?;
        check_nonces(&inner.nonce, &n.nonce, &inner.server_nonce, &n.server_nonce)?;
        check_server_group(&inner.dh_prime, inner.g, &inner.g_a)?;
        let group = Group {
            g: inner.g as u32,
            p: Modulus::new(&inner.dh_prime).map_err(|_| HandshakeError::BadDhPrime)?,
            g_a: inner.g_a,
            time_offset: (i64::from(inner.server_time) - now)
                .clamp(i32::MIN.into(), i32::MAX.into()) as i32,
        };
        send_g_b(self.nonces, aes, group, 0, 0, random)
    }
}

/// What the client keeps of `server_DH_inner_data` for the key and for retries.
#[derive(Clone)]
struct Group {
    g: u32,
    p: Modulus,
    /// Range-checked against `p`.
    g_a: Vec<u8>,
    time_offset: i32,
}

/// The last 16 bytes of SHA1(new_nonce): `server_DH_params_fail.new_nonce_hash`.
fn sha1_tail(new_nonce: &[u8; 32]) -> [u8; 16] {
    use sha1::{Digest, Sha1};
    let digest = Sha1::digest(new_nonce);
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[4..]);
    out
}

/// Draws `b`, computes `g_b` and seals `client_DH_inner_data`. The key `g_a^b` is left to
/// [`ClientAwaitingDhGen::compute_key`], so it can run while the request travels.
fn send_g_b(
    nonces: Nonces,
    aes: TmpAes,
    group: Group,
    retry_id: i64,
    retries: u32,
    random: &[u8; STEP3_RANDOM],
) -> Result<(Vec<u8>, ClientAwaitingDhGen), CryptoError> {
    let mut b = Zeroizing::new([0u8; DH_LEN]);
    b.copy_from_slice(&random[..DH_LEN]);
    let g_b = block_of(&group.p.pow_small_base(group.g, &*b));
    let p_bytes = group.p.value().to_bytes_be();
    check_dh_value(&g_b, &p_bytes).map_err(|_| HandshakeError::DhValueOutOfRange(DhValue::Gb))?;
    let inner: enums::ClientDhInnerData = types::ClientDhInnerData {
        nonce: nonces.nonce,
        server_nonce: nonces.server_nonce,
        retry_id,
        g_b: g_b.to_vec(),
    }
    .into();
    let mut padding = [0u8; ANSWER_PADDING_RANDOM];
    padding.copy_from_slice(&random[DH_LEN..]);
    let request = functions::SetClientDhParams {
        nonce: nonces.nonce,
        server_nonce: nonces.server_nonce,
        encrypted_data: aes.encrypt(&inner, &padding)?,
    };
    let next = ClientAwaitingDhGen {
        nonces,
        aes,
        group,
        key: KeyState::Pending(b),
        retries,
    };
    Ok((request.to_bytes(), next))
}

/// The auth key of one `set_client_DH_params` round: the secret `b` until `g_a^b` is computed.
#[derive(Clone)]
enum KeyState {
    /// `b`, wiped on drop.
    Pending(Zeroizing<[u8; DH_LEN]>),
    /// `g_a^b mod p`.
    Ready(AuthKey),
}

/// Sent `set_client_DH_params`; waiting for `dh_gen_ok`, `dh_gen_retry` or `dh_gen_fail`.
///
/// The auth key (`g_a^b mod p`, one 2048-bit exponentiation) is computed by
/// [`compute_key`](Self::compute_key), or by [`handle`](Self::handle) if that was not called.
/// Calling `compute_key` after sending the request and before waiting for the answer takes the
/// exponentiation off the round trip: the client computes its side while the server computes
/// `g_b^a`.
#[derive(Clone)]
pub struct ClientAwaitingDhGen {
    nonces: Nonces,
    aes: TmpAes,
    group: Group,
    key: KeyState,
    retries: u32,
}

impl core::fmt::Debug for ClientAwaitingDhGen {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ClientAwaitingDhGen")
            .field("retries", &self.retries)
            .field("key_ready", &matches!(self.key, KeyState::Ready(_)))
            .finish_non_exhaustive()
    }
}

/// The end of a `set_client_DH_params` round.
#[derive(Debug, Clone)]
pub enum ClientDhOutcome {
    /// `dh_gen_ok`: the key is agreed.
    Done(ClientFinished),
    /// `dh_gen_retry`: send another `g_b` with [`ClientDhRetry::handle`].
    Retry(ClientDhRetry),
}

impl ClientAwaitingDhGen {
    /// Computes the auth key `g_a^b mod p` now, if it is not computed yet (the secret `b` is
    /// wiped). Call it once the request is on its way, before waiting for the answer.
    #[must_use]
    pub fn compute_key(mut self) -> Self {
        self.ready_key();
        self
    }

    /// The auth key, computed on first use.
    fn ready_key(&mut self) -> AuthKey {
        let key = match &self.key {
            KeyState::Ready(key) => return key.clone(),
            KeyState::Pending(b) => {
                AuthKey::from_bytes(block_of(&self.group.p.pow(&self.group.g_a, &**b)))
            }
        };
        self.key = KeyState::Ready(key.clone());
        key
    }

    /// Checks the answer's nonces and `new_nonce_hash` (1, 2 or 3 by constructor), computing
    /// the key first if [`compute_key`](Self::compute_key) was not called.
    pub fn handle(mut self, answer: &[u8]) -> Result<ClientDhOutcome, CryptoError> {
        let auth_key = self.ready_key();
        let n = &self.nonces;
        let (nonce, server_nonce, hash, number) = match decode(answer)? {
            enums::SetClientDhParamsAnswer::DhGenOk(x) => {
                (x.nonce, x.server_nonce, x.new_nonce_hash1, 1)
            }
            enums::SetClientDhParamsAnswer::DhGenRetry(x) => {
                (x.nonce, x.server_nonce, x.new_nonce_hash2, 2)
            }
            enums::SetClientDhParamsAnswer::DhGenFail(x) => {
                (x.nonce, x.server_nonce, x.new_nonce_hash3, 3)
            }
        };
        check_nonces(&nonce, &n.nonce, &server_nonce, &n.server_nonce)?;
        if !crate::ct_eq(&auth_key.new_nonce_hash(&n.new_nonce, number), &hash) {
            return Err(HandshakeError::BadNewNonceHash(number).into());
        }
        match number {
            1 => Ok(ClientDhOutcome::Done(ClientFinished {
                first_salt: first_salt(&n.server_nonce, &n.new_nonce),
                time_offset: self.group.time_offset,
                auth_key,
            })),
            2 if self.retries >= MAX_RETRIES => {
                Err(HandshakeError::TooManyRetries(MAX_RETRIES).into())
            }
            2 => Ok(ClientDhOutcome::Retry(ClientDhRetry { state: self })),
            _ => Err(HandshakeError::DhGenFail.into()),
        }
    }
}

/// The server answered `dh_gen_retry`: a new `b` goes out with `retry_id` = the aux hash of the
/// key just refused.
#[derive(Debug, Clone)]
pub struct ClientDhRetry {
    state: ClientAwaitingDhGen,
}

impl ClientDhRetry {
    /// A new `set_client_DH_params` from fresh randomness (same layout as step 3's).
    pub fn handle(
        self,
        random: &[u8; STEP3_RANDOM],
    ) -> Result<(Vec<u8>, ClientAwaitingDhGen), CryptoError> {
        let mut s = self.state;
        let retry_id = i64::from_le_bytes(s.ready_key().aux_hash());
        send_g_b(s.nonces, s.aes, s.group, retry_id, s.retries + 1, random)
    }
}

/// The agreed key and what the session needs to start with it.
#[derive(Debug, Clone)]
pub struct ClientFinished {
    /// The new authorization key.
    pub auth_key: AuthKey,
    /// The first server salt: `new_nonce[0..8] XOR server_nonce[0..8]`.
    pub first_salt: i64,
    /// `server_time - now` in seconds, to correct the client's msg_ids.
    pub time_offset: i32,
}
