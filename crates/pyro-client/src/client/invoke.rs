//! Sending one request: routing to the home DC, another DC or a media session; following
//! `*_MIGRATE_X`; sleeping through small flood waits; retrying internal server errors with
//! backoff; importing the account's authorization into other DCs; noticing logins.

use std::sync::atomic::Ordering;

use pyro_session::LoggedInUser;
use pyro_session::driver::DriverError;
use pyro_session::engine::{RequestError, RequestOptions};
use pyro_tl_types::api::{enums, functions};
use pyro_tl_types::{Deserializable, RemoteCall, Serializable};

use super::Inner;
use super::error::{Error, MigrateKind, RpcError, from_driver};
use super::retry::{Decision, decide};
use super::session::Role;

/// Where a request goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The account's home DC (follows home changes while the request runs).
    Home,
    /// A given DC.
    Dc(i32),
}

/// The TL name of a serialized function, for errors and logs.
pub(crate) fn method_name(body: &[u8]) -> &'static str {
    body.get(..4)
        .and_then(|id| id.try_into().ok())
        .map(u32::from_le_bytes)
        .and_then(pyro_tl_types::name_for_id)
        .unwrap_or("unknown method")
}

impl Inner {
    /// The home DC now.
    pub(crate) fn home(&self) -> i32 {
        self.home.load(Ordering::Acquire)
    }

    /// Moves the home DC to `dc` and persists it.
    pub(crate) fn set_home(&self, dc: i32) -> Result<(), Error> {
        self.store.set_home_dc(dc)?;
        self.home.store(dc, Ordering::Release);
        Ok(())
    }

    /// [`call`](Self::call) for a typed request, decoding the answer and caching the peers it
    /// mentions.
    pub(crate) async fn typed<R: RemoteCall>(
        &self,
        target: Target,
        role: Role,
        request: &R,
    ) -> Result<R::Return, Error>
    where
        R::Return: pyro_tl_types::CollectPeers,
    {
        let answer = self.call(target, role, &request.to_bytes()).await?;
        let value = R::Return::from_bytes(&answer)?;
        self.peers.note(&value);
        Ok(value)
    }

    /// Sends `body` to `target` on a session of `role` and returns the answer's bytes, handling
    /// migrations, flood waits and retries.
    pub(crate) async fn call(
        &self,
        mut target: Target,
        role: Role,
        body: &[u8],
    ) -> Result<Vec<u8>, Error> {
        let method = method_name(body);
        let mut options = if role == Role::Media {
            RequestOptions::file_part()
        } else {
            RequestOptions::default()
        };
        options.timeout = self.config.request_timeout;
        let (mut migrations, mut floods, mut retries) = (0u32, 0u32, 0u32);
        let mut reimported = false;
        loop {
            let dc = match target {
                Target::Home => self.home(),
                Target::Dc(dc) => dc,
            };
            let elsewhere = dc != self.home();
            if elsewhere {
                self.ensure_authorized(dc).await?;
            }
            let session = self.pool.session(dc, role).await?;
            let key_before = self.pool.slot(dc).current_key_id();
            let result = session.call(&self.config, body, options).await;
            let failure = match result {
                Ok(answer) => {
                    self.note_answer(method, dc, &answer)?;
                    self.feed.answer(dc, &answer);
                    return Ok(answer);
                }
                Err(e) => e,
            };
            // Another DC forgot the key the account was imported on: the call went out (or was
            // resent) over the new key, which is not logged in yet. Import again, once.
            if elsewhere
                && !reimported
                && is_unregistered(&failure)
                && self.pool.slot(dc).current_key_id() != key_before
            {
                reimported = true;
                continue;
            }
            let counts = (migrations, floods, retries);
            match decide(&self.config, &failure, counts) {
                Decision::Migrate(kind, to) => {
                    migrations += 1;
                    if kind.changes_home() && target == Target::Home {
                        self.set_home(to)?;
                    } else {
                        target = Target::Dc(to);
                    }
                }
                Decision::Sleep(pause) => {
                    floods += 1;
                    self.config.sleeper.sleep(pause).await;
                }
                Decision::Retry(pause) => {
                    retries += 1;
                    self.config.sleeper.sleep(pause).await;
                }
                Decision::Fail => return Err(from_driver(failure, method)),
            }
        }
    }

    /// Imports the account's authorization into `dc` once per client, if the account is logged
    /// in (auth.exportAuthorization on the home DC, auth.importAuthorization on `dc`).
    async fn ensure_authorized(&self, dc: i32) -> Result<(), Error> {
        if self.store.user()?.is_none() {
            return Ok(());
        }
        let slot = self.pool.slot(dc);
        let mut imported_on = slot.authorized.lock().await;
        if imported_on.is_some() && *imported_on == slot.current_key_id() {
            return Ok(());
        }
        let export = functions::auth::ExportAuthorization { dc_id: dc };
        let bytes = Box::pin(self.call(Target::Home, Role::Main, &export.to_bytes())).await?;
        let enums::auth::ExportedAuthorization::ExportedAuthorization(exported) =
            enums::auth::ExportedAuthorization::from_bytes(&bytes)?;
        let import = functions::auth::ImportAuthorization {
            id: exported.id,
            bytes: exported.bytes,
        };
        let session = self.pool.session(dc, Role::Main).await?;
        let body = import.to_bytes();
        session
            .call(&self.config, &body, RequestOptions::default())
            .await
            .map_err(|e| from_driver(e, method_name(&body)))?;
        *imported_on = slot.current_key_id();
        Ok(())
    }

    /// Records what an answer says about the session: a login (`auth.authorization` from the
    /// sign-in methods) sets the user and the home DC; `auth.logOut` forgets the user.
    fn note_answer(&self, method: &str, dc: i32, answer: &[u8]) -> Result<(), Error> {
        match method {
            "auth.signIn"
            | "auth.signUp"
            | "auth.importBotAuthorization"
            | "auth.checkPassword"
            | "auth.importAuthorization"
            | "auth.recoverPassword"
            | "auth.importLoginToken"
            | "auth.importWebTokenAuthorization" => {}
            "auth.logOut" => {
                self.store.set_user(None)?;
                return Ok(());
            }
            _ => return Ok(()),
        }
        let user = match enums::auth::Authorization::from_bytes(answer) {
            Ok(enums::auth::Authorization::Authorization(auth)) => auth.user,
            _ => match enums::auth::LoginToken::from_bytes(answer) {
                Ok(enums::auth::LoginToken::Success(success)) => match success.authorization {
                    enums::auth::Authorization::Authorization(auth) => auth.user,
                    enums::auth::Authorization::SignUpRequired(_) => return Ok(()),
                },
                _ => return Ok(()),
            },
        };
        let (id, bot) = match user {
            enums::User::User(user) => (user.id, user.bot),
            enums::User::Empty(user) => (user.id, false),
        };
        if method == "auth.importAuthorization" {
            // Another DC's copy of the same login: the home DC stays.
            return Ok(());
        }
        self.store.set_user(Some(&LoggedInUser { id, bot }))?;
        if dc != self.home() {
            self.set_home(dc)?;
        }
        Ok(())
    }
}

/// Whether an RPC error is a migration, and where to.
pub(crate) fn migration(err: &RpcError) -> Option<(MigrateKind, i32)> {
    let kind = MigrateKind::from_name(&err.name)?;
    let dc = i32::try_from(err.value?).ok()?;
    Some((kind, dc))
}

/// Whether a driver failure is worth sending again: an internal server error, or a request the
/// session layer gave up on (too many resends, refused message).
pub(crate) fn is_transient(err: &DriverError) -> bool {
    match err {
        DriverError::Request(RequestError::Rpc(rpc)) => {
            rpc.code == 500
                || rpc.code == -503
                || rpc.code == -500
                || rpc.name.eq_ignore_ascii_case("Timeout")
                || rpc.name.ends_with("_INTERNAL")
                || rpc.name == "RPC_CALL_FAIL"
                || rpc.name == "RPC_MCGET_FAIL"
        }
        DriverError::Request(RequestError::TooManyResends(_)) => true,
        _ => false,
    }
}

/// Whether a driver failure is `401 AUTH_KEY_UNREGISTERED`: the key the call went over is not
/// logged in.
fn is_unregistered(err: &DriverError) -> bool {
    matches!(err, DriverError::Request(RequestError::Rpc(rpc)) if rpc.name == "AUTH_KEY_UNREGISTERED")
}
