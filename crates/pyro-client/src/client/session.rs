//! One MTProto session to one DC: a pyro-session driver (which owns the connection and
//! reconnects by itself), the `invokeWithLayer(initConnection(...))` wrapping of its first call,
//! and the task that pumps its pushed updates into the raw update feed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use pyro_session::driver::{self, DriverConfig, DriverError, DriverState};
use pyro_session::engine::{Event, RequestError, RequestOptions};
use pyro_tl_types::api::functions;
use pyro_tl_types::{LAYER, Serializable};
use tokio::sync::{mpsc, watch};

use super::config::Config;
use super::error::Error;
use super::raw_updates::{MissedReason, RawUpdate, UpdateFeed};

/// A serialized TL function, written as it is (the `query:!X` of the wrappers).
struct RawBody<'a>(&'a [u8]);

impl Serializable for RawBody<'_> {
    fn serialize(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(self.0);
    }
}

/// `invokeWithLayer(LAYER, initConnection(api_id, device..., query))` around `body`.
pub(crate) fn wrap_init_connection(config: &Config, body: &[u8]) -> Vec<u8> {
    let device = &config.device;
    functions::InvokeWithLayer {
        layer: LAYER,
        query: functions::InitConnection {
            api_id: config.api_id,
            device_model: device.device_model.clone(),
            system_version: device.system_version.clone(),
            app_version: device.app_version.clone(),
            system_lang_code: device.system_lang_code.clone(),
            lang_pack: device.lang_pack.clone(),
            lang_code: device.lang_code.clone(),
            proxy: None,
            params: None,
            query: RawBody(body),
        },
    }
    .to_bytes()
}

/// Whether a session's connection is the main one of its DC or one for file parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    /// Every request except file parts; its updates feed the raw update feed.
    Main,
    /// File parts (`upload.*`), so large transfers do not delay other requests.
    Media,
}

/// One running session.
#[derive(Debug)]
pub(crate) struct Session {
    driver: driver::Client,
    /// Whether the server has seen `initConnection` on this session.
    initialized: AtomicBool,
}

impl Session {
    /// Starts the driver for DC `dc` and, for a main session, the pump of its updates into
    /// `feed` (forwarded only while `dc` is the home DC, so updates do not arrive twice).
    pub(crate) fn start(
        config: DriverConfig,
        key: pyro_mtproto_crypto::AuthKey,
        salt: i64,
        dc: i32,
        role: Role,
        home: Arc<AtomicI32>,
        feed: Arc<UpdateFeed>,
    ) -> Result<Self, Error> {
        let (driver, events) = driver::spawn(config, key, salt).map_err(|e| match e {
            DriverError::Random => Error::Random,
            other => Error::Session(other),
        })?;
        if role == Role::Main {
            tokio::spawn(pump(events, dc, home, feed));
        }
        Ok(Self {
            driver,
            initialized: AtomicBool::new(false),
        })
    }

    /// Sends `body` (wrapped in `initConnection` until the server has answered once) and waits
    /// for its answer.
    pub(crate) async fn call(
        &self,
        config: &Config,
        body: &[u8],
        options: RequestOptions,
    ) -> Result<Vec<u8>, DriverError> {
        let wrapped = !self.initialized.load(Ordering::Acquire);
        let bytes = if wrapped {
            wrap_init_connection(config, body)
        } else {
            body.to_vec()
        };
        // The engine times requests out only while connected; the outer bound also covers a
        // DC that stays unreachable (dropping the call cancels the request), and then says
        // why connecting failed rather than only that time ran out.
        let call = self.driver.invoke_with(bytes, options);
        let result = match options.timeout {
            Some(limit) => match tokio::time::timeout(limit, call).await {
                Ok(result) => result,
                Err(_) => Err(self.timed_out()),
            },
            None => call.await,
        };
        // Any answer from the server (a result or an RPC error) means the wrappers were read.
        if wrapped
            && matches!(
                &result,
                Ok(_) | Err(DriverError::Request(RequestError::Rpc(_)))
            )
        {
            self.initialized.store(true, Ordering::Release);
        }
        result
    }
}

impl Session {
    /// The driver's state, to follow (clock offset, transport errors, key in use).
    pub(crate) fn watch_state(&self) -> watch::Receiver<DriverState> {
        self.driver.watch_state()
    }

    /// Moves the session onto a new permanent key (the server forgot the old one): requests
    /// in flight go out again over it, and the next call is wrapped in `initConnection` again,
    /// as every new key's first call must be.
    pub(crate) fn replace_key(&self, key: pyro_mtproto_crypto::AuthKey, salt: i64) {
        if key.id() != self.driver.state().auth_key_id {
            self.initialized.store(false, Ordering::Release);
            self.driver.replace_key(key, salt);
        }
    }

    /// The error of a request that waited `request_timeout` in vain: the driver's last
    /// connect failure while it cannot connect (a proxy's refusal, the socket error of a DC
    /// that is down), else a timeout.
    fn timed_out(&self) -> DriverError {
        match self.driver.state().connect_failure {
            Some(failure) => DriverError::Transport(failure.error().clone()),
            None => DriverError::Request(RequestError::Timeout),
        }
    }

    /// Stops the driver; pending requests end as closed.
    pub(crate) fn stop(&self) {
        self.driver.shutdown();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.driver.shutdown();
    }
}

/// Forwards a main session's pushed updates and new-session signals to the feed until the
/// driver stops. The first new session of a driver started before the feed was taken is the
/// client's start, older than any state the feed's consumer starts from: it is not forwarded
/// even when this task gets to it after the feed was taken (its answer may reach the caller,
/// who then takes the feed, before this task runs).
async fn pump(
    mut events: mpsc::UnboundedReceiver<Event>,
    dc: i32,
    home: Arc<AtomicI32>,
    feed: Arc<UpdateFeed>,
) {
    let mut starting = !feed.is_taken();
    while let Some(event) = events.recv().await {
        if home.load(Ordering::Acquire) != dc {
            continue;
        }
        match event {
            Event::Update { body, .. } => feed.push_body(dc, &body).await,
            Event::SessionCreated { .. } => {
                if std::mem::take(&mut starting) && feed.is_taken() {
                    continue;
                }
                let missed = RawUpdate::MaybeMissed {
                    dc,
                    reason: MissedReason::SessionCreated,
                };
                feed.push(missed).await;
            }
            _ => {}
        }
    }
}
