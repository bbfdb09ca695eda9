//! The driver's temporary keys (perfect forward secrecy): making one on a fresh connection,
//! moving the session onto it, binding it first thing, and knowing when to make the next.

use std::time::Duration;

use pyro_mtproto_crypto::AuthKey;
use pyro_mtproto_crypto::handshake::ClientOptions;
use pyro_transport::FramedConnection;

use super::handshake::{create_auth_key, random};
use super::{BindError, DriverError, PfsConfig, TempKeyInfo};
use crate::engine::{Engine, Now, RequestError, RequestId, RequestOptions};
use crate::pfs::{TempKeyBinding, parse_bool};

/// The temporary key in use and its schedule (deadlines on [`Now::mono`]).
#[derive(Debug, Clone, Copy)]
struct Current {
    info: TempKeyInfo,
    /// From here on a new key is wanted: the driver stops taking requests and lets the answers
    /// in flight arrive.
    renew_at: Duration,
    /// The latest moment to switch, answers or not.
    drain_until: Duration,
}

/// What became of the binding request, once it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Bound {
    /// `boolTrue`: the temporary key acts for the permanent one.
    Yes,
    /// It ended in a way a new key may fix (too many resends, ...): make another.
    Retry,
    /// The server refused it: stop.
    Refused(BindError),
}

/// The permanent key, the temporary key made from it, and the pending binding.
#[derive(Debug)]
pub(super) struct TempKeys {
    config: PfsConfig,
    perm: AuthKey,
    current: Option<Current>,
    binding: Option<RequestId>,
}

impl TempKeys {
    pub(super) fn new(config: PfsConfig, perm: AuthKey) -> Self {
        Self {
            config,
            perm,
            current: None,
            binding: None,
        }
    }

    /// The key in use, for the driver's state.
    pub(super) fn info(&self) -> Option<TempKeyInfo> {
        self.current.map(|c| c.info)
    }

    /// Whether a new key must be made before the session can run (none yet, or renewal due).
    pub(super) fn needs_key(&self, mono: Duration) -> bool {
        self.current.is_none_or(|c| c.renew_at <= mono)
    }

    /// When to stop taking requests for a renewal (`None`: no key yet).
    pub(super) fn renew_at(&self) -> Option<Duration> {
        self.current.map(|c| c.renew_at)
    }

    /// When to switch keys even with answers still outstanding.
    pub(super) fn drain_until(&self) -> Option<Duration> {
        self.current.map(|c| c.drain_until)
    }

    /// A new permanent key (the server forgot the old one): the next temporary key is bound
    /// to it.
    pub(super) fn replace_permanent(&mut self, perm: AuthKey) {
        self.perm = perm;
        self.forget();
    }

    /// The server no longer knows the key (-404) or the binding failed: make a new one on the
    /// next connection.
    pub(super) fn forget(&mut self) {
        self.current = None;
    }

    /// Makes a temporary key over the plain channel of `conn` (nothing sent on it yet) and
    /// moves `engine` onto it, with the binding queued first.
    pub(super) async fn make(
        &mut self,
        conn: &mut FramedConnection,
        engine: &mut Engine,
        now: impl Fn() -> Now,
        timeout: Duration,
    ) -> Result<(), DriverError> {
        let secs = self.config.lifetime.as_secs().clamp(1, i32::MAX as u64) as i32;
        let options = ClientOptions::temporary(self.config.dc_id, secs);
        let exchange = create_auth_key(conn, options, &self.config.server_keys);
        let finished = tokio::time::timeout(timeout, exchange)
            .await
            .map_err(|_| {
                DriverError::Transport(pyro_transport::TransportError::Timeout(timeout))
            })??;
        let now = now();
        // A binding still pending names the old key and session: it is dropped with them.
        if let Some(old) = self.binding.take() {
            engine.cancel(old);
        }
        engine.switch_key(finished.auth_key.clone(), finished.first_salt, random()?);
        engine.set_time_offset(finished.time_offset);
        let server_now = now.unix.as_secs() as i64 + i64::from(engine.time_offset_secs());
        let expires_at = server_now + i64::from(secs);
        let binding = TempKeyBinding::new(
            self.perm.clone(),
            finished.auth_key.id(),
            engine.session_id(),
            expires_at.min(i64::from(i32::MAX)) as i32,
            random()?,
        );
        let id = engine.request_bound(now, binding.into_builder(), RequestOptions::default());
        engine.send_first(id);
        self.binding = Some(id);
        let margin = self.config.renew_before.min(self.config.lifetime / 2);
        let renew_at = now.mono + self.config.lifetime.saturating_sub(margin);
        self.current = Some(Current {
            info: TempKeyInfo {
                id: finished.auth_key.id(),
                expires_at,
                bound: false,
            },
            renew_at,
            drain_until: renew_at + margin / 2,
        });
        Ok(())
    }

    /// Whether request `id` is the binding; if so, what its outcome means.
    pub(super) fn on_response(
        &mut self,
        id: RequestId,
        result: &Result<Vec<u8>, RequestError>,
    ) -> Option<Bound> {
        if self.binding != Some(id) {
            return None;
        }
        self.binding = None;
        let bound = match result {
            Ok(bytes) => match parse_bool(bytes) {
                Some(true) => Bound::Yes,
                Some(false) => Bound::Refused(BindError::Refused),
                None => Bound::Refused(BindError::NotBool),
            },
            Err(RequestError::Rpc(e)) => Bound::Refused(BindError::Request(e.clone().into())),
            Err(_) => Bound::Retry,
        };
        match &bound {
            Bound::Yes => {
                if let Some(c) = &mut self.current {
                    c.info.bound = true;
                }
            }
            Bound::Retry | Bound::Refused(_) => self.forget(),
        }
        Some(bound)
    }
}
