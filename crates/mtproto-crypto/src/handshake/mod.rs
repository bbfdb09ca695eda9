//! The auth-key exchange of core.telegram.org/mtproto/auth_key as typestates (feature
//! `handshake`): one type per step, for the client and for the server, pure over injected
//! randomness and time.
//!
//! # Wire
//! Every message in and out is a bare TL body (`req_pq_multi`, `resPQ`, `req_DH_params`, ...).
//! The caller wraps each in MTProto's unencrypted envelope (`auth_key_id` = 0, `msg_id`, length;
//! [`envelope::wrap_plain`]) and in its transport's framing, and unwraps the answers
//! ([`envelope::unwrap_plain`], which checks the envelope) before handing them over.
//!
//! # Steps
//! - Client ([`client`]): [`ClientStep1`] → [`ClientAwaitingResPq`] → [`ClientAwaitingDhParams`]
//!   → [`ClientAwaitingDhGen`] → [`ClientFinished`] (`auth_key`, `first_salt`, `time_offset`),
//!   or [`ClientDhRetry`] after `dh_gen_retry`. [`ClientAwaitingDhGen::compute_key`] computes
//!   the auth key once `set_client_DH_params` is sent, so the client's exponentiation overlaps
//!   the server's (otherwise the answer's `handle` computes it). By default it sends
//!   `p_q_inner_data_dc` (or `_temp_dc` for a temporary key) under RSA_PAD; [`ClientOptions`]
//!   can ask for the legacy forms.
//! - Server ([`server`]): [`ServerStart`] → [`ServerAwaitingDhParams`] →
//!   [`ServerAwaitingClientDh`] → [`ServerKeyCandidate`] → [`ServerFinished`]. It accepts all
//!   four inner-data constructors under RSA_PAD or the legacy RSA scheme, and reports which
//!   ([`KeyRequest`]). Its DH secret ([`ServerDhSecret`]) is computed by the caller, so a test DC
//!   can precompute it.
//!
//! Every check of core.telegram.org/mtproto/security_guidelines is made: nonce and server_nonce
//! echoes, the SHA-1 of each decrypted answer, `dh_prime` a 2048-bit safe prime, `g` and its
//! residue condition, `g_a` and `g_b` within `(2^1984, p - 2^1984)`, and `new_nonce_hash1/2/3`.
//! Failures are [`CryptoError::Handshake`] values ([`HandshakeError`]); nothing panics on input.
//!
//! # Example
//! ```
//! use pyro_mtproto_crypto::handshake::*;
//! use pyro_mtproto_crypto::rsa::RsaPrivateKey;
//!
//! # let pem = include_str!("../../tests/data/test_server_key.pem");
//! let server_key = RsaPrivateKey::from_pkcs1_pem(pem)?; // a test-only key
//! let keys = [server_key.clone()];
//! let known = [server_key.public_key().clone()];
//! let secret = ServerDhSecret::new(&[0x11; 256])?; // precomputable
//!
//! let (req_pq, client) = ClientStep1::new(ClientOptions::permanent(2)).start([1; 16]);
//! let server = ServerStart::new([2; 16], PqPair::known(0));
//! let (res_pq, server) = server.handle(&req_pq, &keys)?;
//! let (req_dh, client) = client.handle(&res_pq, &[3; STEP2_RANDOM], &known)?;
//! let (dh_params, server) = server.handle(&req_dh, &keys, &secret, 1_700_000_000, &[4; 16])?;
//! assert_eq!(server.request().kind, InnerDataKind::permanent(2));
//! let (set_dh, client) = client.handle(&dh_params, &[5; STEP3_RANDOM], 1_700_000_010)?;
//! let client = client.compute_key(); // set_dh is on its way: compute g_a^b meanwhile
//! let (dh_gen, server) = server.handle(&set_dh)?.accept();
//! let ClientDhOutcome::Done(client) = client.handle(&dh_gen)? else { unreachable!() };
//! assert_eq!(client.auth_key, server.auth_key);
//! assert_eq!(client.first_salt, server.first_salt);
//! assert_eq!(client.time_offset, -10);
//! # Ok::<(), pyro_mtproto_crypto::CryptoError>(())
//! ```

mod answer;
pub mod client;
mod dh_step;
pub mod envelope;
mod error;
mod inner;
mod pq;
pub mod server;

pub use answer::ANSWER_PADDING_RANDOM;
pub use client::{
    ClientAwaitingDhGen, ClientAwaitingDhParams, ClientAwaitingResPq, ClientDhOutcome,
    ClientDhRetry, ClientFinished, ClientOptions, ClientStep1, MAX_RETRIES, STEP2_RANDOM,
    STEP3_RANDOM,
};
pub use dh_step::ServerDhSecret;
pub use error::{DhValue, HandshakeError};
pub use inner::{InnerDataKind, RsaScheme};
pub use pq::{KNOWN_PQ, PqPair};
pub use server::{
    KeyRequest, ServerAwaitingClientDh, ServerAwaitingDhParams, ServerFinished, ServerKeyCandidate,
    ServerStart,
};

#[cfg(doc)]
use crate::CryptoError;

/// Decodes one whole TL value, mapping the decoder's error to the handshake's.
pub(crate) fn decode<T: pyro_tl_types::Deserializable>(bytes: &[u8]) -> Result<T, HandshakeError> {
    T::from_bytes(bytes).map_err(HandshakeError::from)
}

/// The nonce and server_nonce a message carries, against the exchange's.
pub(crate) fn check_nonces(
    nonce: &[u8; 16],
    want_nonce: &[u8; 16],
    server_nonce: &[u8; 16],
    want_server_nonce: &[u8; 16],
) -> Result<(), HandshakeError> {
    if nonce != want_nonce {
        Err(HandshakeError::WrongNonce)
    } else if server_nonce != want_server_nonce {
        Err(HandshakeError::WrongServerNonce)
    } else {
        Ok(())
    }
}
