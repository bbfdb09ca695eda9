//! Login by QR code (core.telegram.org/api/qr-login): `auth.exportLoginToken` hands the new app
//! a short-lived token; a signed-in app accepts it with `auth.acceptLoginToken`, which pushes
//! `updateLoginToken` to the new app; the new app calls `auth.exportLoginToken` again and gets
//! `auth.loginTokenSuccess`, or `auth.loginTokenMigrateTo` when the account lives on another DC,
//! where `auth.importLoginToken` finishes the login. An account with a 2FA password answers
//! `SESSION_PASSWORD_NEEDED` at that last step, and the login goes on with
//! `account.getPassword` / `auth.checkPassword` as after a code.

use std::collections::HashMap;

use pyro_tl_types::Serializable;
use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::model::{Caller, Model};

/// Seconds a login token stays valid: "usually 30 seconds" (core.telegram.org/api/qr-login).
pub(crate) const LOGIN_TOKEN_LIFETIME: i32 = 30;

/// Bytes of a login token.
const TOKEN_LEN: usize = 32;

/// What a login token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// Shown as a QR code by the app on `auth_key_id`; `accepted` by a signed-in account.
    Export { accepted: Option<i64> },
    /// Handed out with `auth.loginTokenMigrateTo`: logs `user` in on `dc_id` with
    /// `auth.importLoginToken`.
    Migrate { user: i64 },
}

/// One login token.
#[derive(Debug, Clone)]
pub(crate) struct LoginTokenRecord {
    /// The auth key of the app that asked for it.
    auth_key_id: i64,
    /// The DC it is valid on.
    dc_id: i32,
    expires: i32,
    kind: TokenKind,
}

/// Login tokens by their bytes.
pub(crate) type LoginTokens = HashMap<Vec<u8>, LoginTokenRecord>;

pub(super) fn export(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::ExportLoginToken = decode(body)?;
    if request.api_id <= 0 || request.api_hash.is_empty() {
        return Err(RpcError::bad_request("API_ID_INVALID"));
    }
    let now = model.now();
    // Expired tokens are kept one more lifetime, so late calls hear `AUTH_TOKEN_EXPIRED`.
    model
        .login_tokens
        .retain(|_, t| t.expires + LOGIN_TOKEN_LIFETIME >= now);
    let accepted = model
        .login_tokens
        .iter()
        .find_map(|(bytes, t)| match t.kind {
            TokenKind::Export {
                accepted: Some(user),
            } if t.auth_key_id == caller.auth_key_id => Some((bytes.clone(), user)),
            _ => None,
        });
    if let Some((bytes, user)) = accepted {
        model.login_tokens.remove(&bytes);
        let home = model.user(user)?.dc_id;
        if home != caller.dc_id {
            let token =
                model.new_login_token(caller.auth_key_id, home, TokenKind::Migrate { user });
            return answer(&enums::auth::LoginToken::MigrateTo(
                types::auth::LoginTokenMigrateTo { dc_id: home, token },
            ));
        }
        return finish(model, caller, user);
    }
    // A new QR code replaces the app's previous one.
    model
        .login_tokens
        .retain(|_, t| t.auth_key_id != caller.auth_key_id);
    let kind = TokenKind::Export { accepted: None };
    let token = model.new_login_token(caller.auth_key_id, caller.dc_id, kind);
    answer(&enums::auth::LoginToken::LoginToken(
        types::auth::LoginToken {
            expires: now + LOGIN_TOKEN_LIFETIME,
            token,
        },
    ))
}

pub(super) fn import(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::ImportLoginToken = decode(body)?;
    let record = model.live_token(&request.token)?;
    let TokenKind::Migrate { user } = record.kind else {
        return Err(RpcError::bad_request("AUTH_TOKEN_INVALID"));
    };
    if record.dc_id != caller.dc_id {
        return Err(RpcError::bad_request("AUTH_TOKEN_INVALID"));
    }
    model.login_tokens.remove(&request.token);
    finish(model, caller, user)
}

pub(super) fn accept(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::AcceptLoginToken = decode(body)?;
    let me = caller.me()?;
    if model.user(me)?.bot {
        return Err(RpcError::bad_request("BOT_METHOD_INVALID"));
    }
    let record = model.live_token(&request.token)?;
    match record.kind {
        TokenKind::Export { accepted: None } => {}
        TokenKind::Export { accepted: Some(_) } => {
            return Err(RpcError::bad_request("AUTH_TOKEN_ALREADY_ACCEPTED"));
        }
        TokenKind::Migrate { .. } => return Err(RpcError::bad_request("AUTH_TOKEN_INVALID")),
    }
    if let Some(token) = model.login_tokens.get_mut(&request.token) {
        token.kind = TokenKind::Export { accepted: Some(me) };
    }
    let update = model.update_short(enums::Update::LoginToken);
    model.push_to_key(record.auth_key_id, &update);
    let now = model.now();
    let hash = model.rng.positive_i64();
    let app = model
        .auths
        .get(&record.auth_key_id)
        .and_then(|a| a.app.clone())
        .unwrap_or_default();
    answer(&enums::Authorization::Authorization(Box::new(
        types::Authorization {
            hash,
            device_model: app.device_model,
            platform: String::new(),
            system_version: app.system_version,
            api_id: app.api_id,
            app_name: String::new(),
            app_version: app.app_version,
            date_created: now,
            date_active: now,
            ip: "127.0.0.1".into(),
            ..types::Authorization::default()
        },
    )))
}

/// Signs the caller in as `user` (`auth.loginTokenSuccess`), or asks for the 2FA password.
fn finish(model: &mut Model, caller: &Caller, user: i64) -> Result<Vec<u8>, RpcError> {
    if model.user(user)?.password.is_some() {
        model
            .auth_mut(caller.auth_key_id, caller.dc_id)
            .awaiting_password = Some(user);
        return Err(RpcError::new(401, "SESSION_PASSWORD_NEEDED"));
    }
    let authorization = model.bind_authorization(caller, user);
    answer(&enums::auth::LoginToken::Success(Box::new(
        types::auth::LoginTokenSuccess { authorization },
    )))
}

impl Model {
    /// Makes and records a fresh token.
    fn new_login_token(&mut self, auth_key_id: i64, dc_id: i32, kind: TokenKind) -> Vec<u8> {
        let token = self.rng.bytes(TOKEN_LEN);
        let record = LoginTokenRecord {
            auth_key_id,
            dc_id,
            expires: self.now() + LOGIN_TOKEN_LIFETIME,
            kind,
        };
        self.login_tokens.insert(token.clone(), record);
        token
    }

    /// A token that exists and has not expired.
    fn live_token(&self, token: &[u8]) -> Result<LoginTokenRecord, RpcError> {
        let record = self
            .login_tokens
            .get(token)
            .ok_or_else(|| RpcError::bad_request("AUTH_TOKEN_INVALID"))?;
        if self.now() > record.expires {
            return Err(RpcError::bad_request("AUTH_TOKEN_EXPIRED"));
        }
        Ok(record.clone())
    }

    /// Queues `updates` for one auth key (signed in or not) if it listens to updates.
    fn push_to_key(&mut self, auth_key_id: i64, updates: &enums::Updates) {
        let Some(auth) = self.auths.get_mut(&auth_key_id) else {
            return;
        };
        if !auth.subscribed {
            return;
        }
        auth.queue.push_back(updates.to_bytes());
        if let Some(listener) = &self.listener {
            listener(auth_key_id);
        }
    }
}
