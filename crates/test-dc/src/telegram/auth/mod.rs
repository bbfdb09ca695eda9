//! `auth.*` and `account.getPassword`: logging in with a code (delivered through
//! [`crate::Telegram::login_codes`]), 2FA with SRP, signing up, bots, moving an authorization
//! to another DC, login by QR code (`qr`), and logging out. Signing in binds the caller's auth
//! key to the account.

mod login;
mod qr;
mod srp;

pub(crate) use qr::LoginTokens;

pub(crate) use srp::make_password;

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::faults::{MigrateKind, migrate_error};
use crate::telegram::model::{Caller, Model};

/// Routes `auth.*` and `account.*`.
pub(crate) fn handle(
    model: &mut Model,
    caller: &Caller,
    method: &str,
    body: &[u8],
) -> Option<Result<Vec<u8>, RpcError>> {
    Some(match method {
        "auth.sendCode" => login::send_code(model, caller, body),
        "auth.signIn" => login::sign_in(model, caller, body),
        "auth.signUp" => login::sign_up(model, caller, body),
        "account.getPassword" => login::get_password(model, caller),
        "auth.checkPassword" => login::check_password(model, caller, body),
        "auth.importBotAuthorization" => import_bot(model, caller, body),
        "auth.exportAuthorization" => export(model, caller, body),
        "auth.importAuthorization" => import(model, caller, body),
        "auth.logOut" => log_out(model, caller),
        "auth.exportLoginToken" => qr::export(model, caller, body),
        "auth.importLoginToken" => qr::import(model, caller, body),
        "auth.acceptLoginToken" => qr::accept(model, caller, body),
        _ => return None,
    })
}

impl Model {
    /// Binds the caller's auth key to `user` and answers `auth.authorization`.
    pub(crate) fn bind(&mut self, caller: &Caller, user: i64) -> Result<Vec<u8>, RpcError> {
        answer(&self.bind_authorization(caller, user))
    }

    /// Binds the caller's auth key to `user`; the `auth.authorization` that says so.
    pub(crate) fn bind_authorization(
        &mut self,
        caller: &Caller,
        user: i64,
    ) -> enums::auth::Authorization {
        let auth = self.auth_mut(caller.auth_key_id, caller.dc_id);
        auth.user = Some(user);
        auth.awaiting_password = None;
        enums::auth::Authorization::Authorization(Box::new(types::auth::Authorization {
            user: self.user_tl(Some(user), user),
            ..types::auth::Authorization::default()
        }))
    }
}

fn import_bot(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::ImportBotAuthorization = decode(body)?;
    let user = *model
        .bot_tokens
        .get(&request.bot_auth_token)
        .ok_or_else(|| RpcError::bad_request("ACCESS_TOKEN_INVALID"))?;
    let home = model.user(user)?.dc_id;
    if home != caller.dc_id {
        return Err(migrate_error(MigrateKind::User, home));
    }
    model.bind(caller, user)
}

fn export(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::ExportAuthorization = decode(body)?;
    let me = caller.me()?;
    if !model.dcs.iter().any(|dc| dc.id == request.dc_id) || request.dc_id == caller.dc_id {
        return Err(RpcError::bad_request("DC_ID_INVALID"));
    }
    let id = model.rng.positive_i64();
    let bytes = model.rng.bytes(32);
    model
        .exported
        .insert(id, (me, bytes.clone(), request.dc_id));
    answer(&enums::auth::ExportedAuthorization::ExportedAuthorization(
        types::auth::ExportedAuthorization { id, bytes },
    ))
}

fn import(model: &mut Model, caller: &Caller, body: &[u8]) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::ImportAuthorization = decode(body)?;
    match model.exported.get(&request.id) {
        Some((user, bytes, dc)) if *bytes == request.bytes && *dc == caller.dc_id => {
            let user = *user;
            model.exported.remove(&request.id);
            model.bind(caller, user)
        }
        _ => Err(RpcError::bad_request("AUTH_BYTES_INVALID")),
    }
}

fn log_out(model: &mut Model, caller: &Caller) -> Result<Vec<u8>, RpcError> {
    caller.me()?;
    let auth = model.auth_mut(caller.auth_key_id, caller.dc_id);
    auth.user = None;
    auth.queue.clear();
    answer(&enums::auth::LoggedOut::LoggedOut(
        types::auth::LoggedOut::default(),
    ))
}
