//! Creating an auth key over the plain (unencrypted) channel of a fresh connection, with
//! pyro-mtproto-crypto's client typestates: `req_pq_multi` → `req_DH_params` →
//! `set_client_DH_params` (→ retries), each wrapped in MTProto's unencrypted envelope. The
//! client computes the auth key after sending `set_client_DH_params`, while the server computes
//! its own side.

use pyro_mtproto_crypto::CryptoError;
use pyro_mtproto_crypto::handshake::envelope::{PLAIN_HEADER_LEN, unwrap_plain, wrap_plain};
use pyro_mtproto_crypto::handshake::{
    ClientDhOutcome, ClientFinished, ClientOptions, ClientStep1, STEP2_RANDOM, STEP3_RANDOM,
};
use pyro_mtproto_crypto::packet::Sender;
use pyro_mtproto_crypto::rsa::RsaPublicKey;
use pyro_transport::{Frame, FramedConnection};

use super::DriverError;
use super::clock::Clock;
use crate::engine::MsgIdClock;

/// Runs the key exchange on `conn` (a new connection, nothing sent yet) and returns the agreed
/// key, the first salt and the server's clock offset. `options` chooses a permanent or temporary
/// key for a DC; `keys` are the server RSA keys the client trusts
/// ([`RsaPublicKey::production`] for Telegram). Randomness comes from the OS.
pub async fn create_auth_key(
    conn: &mut FramedConnection,
    options: ClientOptions,
    keys: &[RsaPublicKey],
) -> Result<ClientFinished, DriverError> {
    let clock = Clock::start();
    let mut ids = MsgIdClock::default();
    let mut exchange = Exchange {
        conn,
        clock,
        ids: &mut ids,
    };
    let (req_pq, state) = ClientStep1::new(options).start(random()?);
    let res_pq = exchange.round(&req_pq).await?;
    let (req_dh, state) = state.handle(&res_pq, &random::<STEP2_RANDOM>()?, keys)?;
    let dh_params = exchange.round(&req_dh).await?;
    let now = clock.now().unix.as_secs() as i64;
    let (mut set_dh, mut state) = state.handle(&dh_params, &random::<STEP3_RANDOM>()?, now)?;
    loop {
        // The request goes out before the key is computed: the client's `g_a^b` and the
        // server's `g_b^a` then run at the same time instead of one after the other.
        exchange.send(&set_dh).await?;
        state = state.compute_key();
        let answer = exchange.recv().await?;
        match state.handle(&answer)? {
            ClientDhOutcome::Done(finished) => return Ok(finished),
            ClientDhOutcome::Retry(retry) => {
                (set_dh, state) = retry.handle(&random::<STEP3_RANDOM>()?)?;
            }
        }
    }
}

/// The plain channel: one message out, one back.
struct Exchange<'a> {
    conn: &'a mut FramedConnection,
    clock: Clock,
    ids: &'a mut MsgIdClock,
}

impl Exchange<'_> {
    /// Sends `body` and waits for the answer.
    async fn round(&mut self, body: &[u8]) -> Result<Vec<u8>, DriverError> {
        self.send(body).await?;
        self.recv().await
    }

    /// Sends `body` in the unencrypted envelope.
    async fn send(&mut self, body: &[u8]) -> Result<(), DriverError> {
        let msg_id = self.ids.next(self.clock.now(), 0);
        self.conn.send(&wrap_plain(msg_id, body)).await?;
        Ok(())
    }

    /// The body of the next unencrypted message from the server.
    async fn recv(&mut self) -> Result<Vec<u8>, DriverError> {
        loop {
            let Frame::Packet { mut payload, .. } = self.conn.recv().await? else {
                continue;
            };
            // Padded framings add random bytes after the message: keep what its length covers.
            let declared = payload
                .get(16..20)
                .map_or(0, |l| u32::from_le_bytes([l[0], l[1], l[2], l[3]]) as usize);
            payload.truncate(PLAIN_HEADER_LEN.saturating_add(declared));
            let plain = unwrap_plain(&payload, Sender::Server).map_err(CryptoError::from)?;
            return Ok(plain.body.to_vec());
        }
    }
}

/// `N` bytes from the OS.
pub(super) fn random<const N: usize>() -> Result<[u8; N], DriverError> {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).map_err(|_| DriverError::Random)?;
    Ok(out)
}
