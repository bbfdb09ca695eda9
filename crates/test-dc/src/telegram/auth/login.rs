//! Phone login: `auth.sendCode`, `auth.signIn`, `auth.signUp`, and the 2FA step
//! (`account.getPassword`, `auth.checkPassword`).

use pyro_tl_types::api::{enums, functions, types};

use crate::error::RpcError;
use crate::telegram::api::LoginCode;
use crate::telegram::auth::srp;
use crate::telegram::dispatch::{answer, decode};
use crate::telegram::faults::{MigrateKind, migrate_error};
use crate::telegram::model::{Caller, Model};
use crate::telegram::state::PendingCode;

/// Digits of a generated login code (Telegram's app codes have 5).
const CODE_LENGTH: i32 = 5;

fn normalise(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

pub(super) fn send_code(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::SendCode = decode(body)?;
    let phone = normalise(&request.phone_number);
    if phone.len() < 5 {
        return Err(RpcError::bad_request("PHONE_NUMBER_INVALID"));
    }
    if request.api_id <= 0 || request.api_hash.is_empty() {
        return Err(RpcError::bad_request("API_ID_INVALID"));
    }
    let existing = model.phones.get(&phone).and_then(|id| model.users.get(id));
    if let Some(user) = existing.filter(|u| u.dc_id != caller.dc_id) {
        return Err(migrate_error(MigrateKind::Phone, user.dc_id));
    }
    let code = match existing.and_then(|u| u.fixed_code.clone()) {
        Some(code) => code,
        None => format!("{:05}", model.rng.below(100_000)),
    };
    let hash = format!("{:016x}", model.rng.next_u64());
    let expires = model.now() + model.limits.code_lifetime;
    model.codes.insert(
        hash.clone(),
        PendingCode {
            phone: phone.clone(),
            code: code.clone(),
            expires,
        },
    );
    model.delivered_codes.push(LoginCode {
        phone,
        code,
        phone_code_hash: hash.clone(),
    });
    answer(&enums::auth::SentCode::SentCode(Box::new(
        types::auth::SentCode {
            r#type: enums::auth::SentCodeType::App(types::auth::SentCodeTypeApp {
                length: CODE_LENGTH,
            }),
            phone_code_hash: hash,
            next_type: None,
            timeout: None,
        },
    )))
}

/// Checks a `phone_code_hash` against a phone number; returns the pending code.
fn pending(model: &Model, phone: &str, hash: &str) -> Result<PendingCode, RpcError> {
    let pending = model
        .codes
        .get(hash)
        .ok_or_else(|| RpcError::bad_request("PHONE_CODE_HASH_EMPTY"))?;
    if pending.phone != phone {
        return Err(RpcError::bad_request("PHONE_NUMBER_INVALID"));
    }
    if model.now() > pending.expires {
        return Err(RpcError::bad_request("PHONE_CODE_EXPIRED"));
    }
    Ok(pending.clone())
}

pub(super) fn sign_in(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::SignIn = decode(body)?;
    let phone = normalise(&request.phone_number);
    let pending = pending(model, &phone, &request.phone_code_hash)?;
    let code = request
        .phone_code
        .ok_or_else(|| RpcError::bad_request("PHONE_CODE_EMPTY"))?;
    if code != pending.code {
        return Err(RpcError::bad_request("PHONE_CODE_INVALID"));
    }
    let Some(&user) = model.phones.get(&phone) else {
        // The code stays valid for auth.signUp.
        return answer(&enums::auth::Authorization::SignUpRequired(Box::default()));
    };
    model.codes.remove(&request.phone_code_hash);
    if model.user(user)?.password.is_some() {
        model
            .auth_mut(caller.auth_key_id, caller.dc_id)
            .awaiting_password = Some(user);
        return Err(RpcError::new(401, "SESSION_PASSWORD_NEEDED"));
    }
    model.bind(caller, user)
}

pub(super) fn sign_up(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::SignUp = decode(body)?;
    let phone = normalise(&request.phone_number);
    pending(model, &phone, &request.phone_code_hash)?;
    if model.phones.contains_key(&phone) {
        return Err(RpcError::bad_request("PHONE_NUMBER_OCCUPIED"));
    }
    if request.first_name.trim().is_empty() {
        return Err(RpcError::bad_request("FIRST_NAME_INVALID"));
    }
    model.codes.remove(&request.phone_code_hash);
    let user = model.create_user(
        &request.first_name,
        &request.last_name,
        Some(phone),
        false,
        caller.dc_id,
    );
    model.bind(caller, user)
}

/// The account whose password is being asked for: the signed-in one or the one awaiting 2FA.
fn password_owner(model: &Model, caller: &Caller) -> Result<i64, RpcError> {
    let auth = model.auths.get(&caller.auth_key_id);
    caller
        .user
        .or_else(|| auth.and_then(|a| a.awaiting_password))
        .ok_or_else(RpcError::unregistered)
}

pub(super) fn get_password(model: &mut Model, caller: &Caller) -> Result<Vec<u8>, RpcError> {
    let user = password_owner(model, caller)?;
    let new_salt = model.rng.bytes(8);
    let secure_random = model.rng.bytes(32);
    let record = model.user_mut(user)?.password.as_mut().map(|record| {
        srp::ensure_verifier(record);
        record.clone()
    });
    let mut password = types::account::Password {
        new_algo: srp::algo(new_salt, Vec::new()),
        new_secure_algo: enums::SecurePasswordKdfAlgo::Unknown,
        secure_random,
        ..types::account::Password::default()
    };
    if let Some(record) = record {
        let round = srp::start_round(user, &record, &mut model.rng);
        let srp_id = model.rng.positive_i64();
        password.has_password = true;
        password.current_algo = Some(srp::algo(record.salt1.clone(), record.salt2.clone()));
        password.srp_b = Some(round.g_b.clone());
        password.srp_id = Some(srp_id);
        password.hint.clone_from(&record.hint);
        model.srp.insert(srp_id, round);
    }
    answer(&enums::account::Password::Password(Box::new(password)))
}

pub(super) fn check_password(
    model: &mut Model,
    caller: &Caller,
    body: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let request: functions::auth::CheckPassword = decode(body)?;
    let user = password_owner(model, caller)?;
    let enums::InputCheckPasswordSrp::InputCheckPasswordSrp(input) = &request.password else {
        return Err(RpcError::bad_request("PASSWORD_HASH_INVALID"));
    };
    let round = model.srp.remove(&input.srp_id).filter(|r| r.user == user);
    let round = round.ok_or_else(|| RpcError::bad_request("SRP_ID_INVALID"))?;
    let record = model
        .user(user)?
        .password
        .clone()
        .ok_or_else(|| RpcError::bad_request("PASSWORD_EMPTY"))?;
    srp::check(&round, &record, &input.a, &input.m1)?;
    model.bind(caller, user)
}
