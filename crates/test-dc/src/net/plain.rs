//! The server's side of the auth-key exchange over one connection's unencrypted envelope
//! (`auth_key_id` = 0, `msg_id`, length): `req_pq_multi` → `resPQ` → `req_DH_params` →
//! `server_DH_params_ok` → `set_client_DH_params` → `dh_gen_ok`, with server msg_ids (1 modulo
//! 4) from the server's clock. A new `req_pq_multi` restarts the exchange at any step, as a
//! client does after a failed attempt.

use pyro_mtproto_crypto::CryptoError;
use pyro_mtproto_crypto::handshake::envelope::{unwrap_plain, wrap_plain};
use pyro_mtproto_crypto::handshake::{
    ANSWER_PADDING_RANDOM, PqPair, ServerAwaitingClientDh, ServerAwaitingDhParams, ServerStart,
};
use pyro_mtproto_crypto::packet::Sender;
use pyro_tl_types::Identifiable;
use pyro_tl_types::mtproto::functions;

use crate::net::NetError;
use crate::net::dc::DcShared;
use crate::net::error::random_seed;

/// Where one connection's exchange stands.
#[derive(Debug, Default)]
pub(crate) enum Exchange {
    /// Waiting for `req_pq_multi`.
    #[default]
    Idle,
    /// Sent `resPQ`.
    AwaitingDhParams(ServerAwaitingDhParams),
    /// Sent `server_DH_params_ok`.
    AwaitingClientDh(Box<ServerAwaitingClientDh>),
}

/// Why a plain message was refused (the connection is then closed).
#[derive(Debug, thiserror::Error)]
pub(crate) enum PlainError {
    /// The envelope or a step of the exchange did not check out.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// A message that does not fit the step.
    #[error("unexpected message in the key exchange")]
    Unexpected,
    /// The OS generator failed.
    #[error(transparent)]
    Net(#[from] NetError),
}

fn random<const N: usize>() -> Result<[u8; N], NetError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| NetError::Random)?;
    Ok(out)
}

/// Server msg_ids for plain answers: the clock's seconds in the high half, strictly increasing,
/// 1 modulo 4.
#[derive(Debug, Default)]
pub(crate) struct PlainIds {
    last: i64,
}

impl PlainIds {
    pub(crate) fn next(&mut self, unix_nanos: i64) -> i64 {
        let secs = unix_nanos / 1_000_000_000;
        let frac = ((unix_nanos % 1_000_000_000) << 32) / 1_000_000_000;
        let candidate = ((secs << 32) | frac) & !3 | 1;
        self.last = if candidate > self.last {
            candidate
        } else {
            self.last + 4
        };
        self.last
    }
}

impl Exchange {
    /// Handles one plain packet; returns the enveloped answer to send.
    pub(crate) fn handle(
        &mut self,
        dc: &DcShared,
        packet: &[u8],
        ids: &mut PlainIds,
        unix_nanos: i64,
    ) -> Result<Vec<u8>, PlainError> {
        let message = unwrap_plain(packet, Sender::Client).map_err(CryptoError::from)?;
        let keys = std::slice::from_ref(dc.key.private());
        let server_time = (unix_nanos / 1_000_000_000) as i32;
        let state = std::mem::take(self);
        let restart = message.body.get(..4).is_some_and(|id| {
            let id = u32::from_le_bytes([id[0], id[1], id[2], id[3]]);
            id == functions::ReqPqMulti::CONSTRUCTOR_ID || id == functions::ReqPq::CONSTRUCTOR_ID
        });
        let answer = match state {
            _ if restart => {
                let [pick] = random::<1>()?;
                let start = ServerStart::new(random()?, pq_pair(pick));
                let (answer, next) = start.handle(message.body, keys)?;
                *self = Self::AwaitingDhParams(next);
                answer
            }
            Self::AwaitingDhParams(step) => {
                let secret = dc.dh.take()?;
                let padding: [u8; ANSWER_PADDING_RANDOM] = random()?;
                let (answer, next) =
                    step.handle(message.body, keys, &secret, server_time, &padding)?;
                *self = Self::AwaitingClientDh(Box::new(next));
                answer
            }
            Self::AwaitingClientDh(step) => self.finish(dc, *step, message.body, server_time)?,
            Self::Idle => return Err(PlainError::Unexpected),
        };
        Ok(wrap_plain(ids.next(unix_nanos), &answer))
    }

    /// `set_client_DH_params`: accept the key (registering it), or ask for another `g_b` when
    /// its id is taken.
    fn finish(
        &mut self,
        dc: &DcShared,
        step: ServerAwaitingClientDh,
        body: &[u8],
        server_time: i32,
    ) -> Result<Vec<u8>, PlainError> {
        let candidate = step.handle(body)?;
        if dc.registry.contains(candidate.auth_key().id()) {
            let (answer, next) = candidate.retry();
            *self = Self::AwaitingClientDh(Box::new(next));
            return Ok(answer);
        }
        let (answer, finished) = candidate.accept();
        let expires_at = finished
            .request
            .kind
            .temp_expires_in
            .map(|secs| i64::from(server_time) + i64::from(secs));
        dc.registry
            .insert(&finished, dc.dc_id, expires_at, random_seed()?);
        Ok(answer)
    }
}

/// A known prime pair whose product is below 2^63, as Telegram's always is: Telethon reads `pq`
/// as a signed number and fails on larger ones.
fn pq_pair(pick: u8) -> PqPair {
    let mut pair = PqPair::known(pick);
    let mut next = pick;
    while pair.pq() >= 1 << 63 {
        next = next.wrapping_add(1);
        pair = PqPair::known(next);
    }
    pair
}
