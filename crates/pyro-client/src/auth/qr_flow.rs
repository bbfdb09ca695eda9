//! Login by QR code, both sides (core.telegram.org/api/qr-login): the new app exports a token
//! and shows it ([`Client::qr_login`]), waits for `updateLoginToken`
//! ([`Client::wait_qr_login`]), then exports again to collect the login, importing it on the
//! account's DC when the server answers `auth.loginTokenMigrateTo`; a signed-in app accepts a
//! scanned code ([`Client::accept_qr_login`]).

use pyro_tl_types::api::{enums, functions, types};

use crate::auth::{LoginProblem, QrLogin, QrOutcome};
use crate::client::{RawUpdate, RawUpdates};
use crate::{Client, Error};

/// How many `auth.loginTokenMigrateTo` in a row are followed (Telegram sends at most one).
const MAX_TOKEN_MIGRATIONS: usize = 2;

impl Client {
    /// Asks for a QR login code, or collects a login whose code was accepted.
    ///
    /// The first call gives [`QrOutcome::Pending`] with a code to show (its
    /// [`QrLogin::url`] or [`QrLogin::qr_terminal`]). Call again (or use
    /// [`Client::wait_qr_login`]) once the code was scanned: the answer is then
    /// [`QrOutcome::Done`] or [`QrOutcome::PasswordRequired`], or a new pending code if the old
    /// one expired unscanned.
    pub async fn qr_login(&self) -> Result<QrOutcome, Error> {
        let except_ids = self.store().user()?.map(|u| u.id).into_iter().collect();
        let request = functions::auth::ExportLoginToken {
            api_id: self.api_id(),
            api_hash: self.api_hash().to_owned(),
            except_ids,
        };
        let mut answer = match self.invoke(&request).await {
            Err(Error::SessionPasswordNeeded) => {
                return Ok(QrOutcome::PasswordRequired(self.password_token().await?));
            }
            other => other?,
        };
        for _ in 0..=MAX_TOKEN_MIGRATIONS {
            let (dc, token) = match answer {
                enums::auth::LoginToken::LoginToken(t) => {
                    return Ok(QrOutcome::Pending(QrLogin::new(t.token, t.expires)));
                }
                enums::auth::LoginToken::Success(success) => return self.qr_success(*success),
                enums::auth::LoginToken::MigrateTo(m) => (m.dc_id, m.token),
            };
            // The account lives on `dc`: finish there (the client moves its home DC to the DC
            // that answers the login).
            let import = functions::auth::ImportLoginToken { token };
            answer = match self.invoke_in_dc(dc, &import).await {
                Err(Error::SessionPasswordNeeded) => {
                    let token = self.password_token_in(Some(dc)).await?;
                    return Ok(QrOutcome::PasswordRequired(token));
                }
                other => other?,
            };
        }
        Err(LoginProblem::UnexpectedAnswer("auth.importLoginToken").into())
    }

    /// Waits until `qr` is scanned and accepted (the server pushes `updateLoginToken`) or
    /// expires, then asks where the login stands ([`Client::qr_login`]).
    ///
    /// `updates` is the client's raw update feed ([`Client::take_raw_updates`]), taken before
    /// the code was shown; updates other than the login token's are dropped (before a login
    /// there are none for an account).
    pub async fn wait_qr_login(
        &self,
        qr: &QrLogin,
        updates: &mut RawUpdates,
    ) -> Result<QrOutcome, Error> {
        let expiry = tokio::time::sleep(qr.remaining());
        tokio::pin!(expiry);
        loop {
            tokio::select! {
                () = &mut expiry => break,
                item = updates.recv() => match item {
                    Some(RawUpdate::Updates { updates, .. }) if carries_login_token(&updates) => break,
                    Some(_) => {}
                    // The feed is gone: only the expiry is left to wait for.
                    None => {
                        (&mut expiry).await;
                        break;
                    }
                },
            }
        }
        self.qr_login().await
    }

    /// Accepts a QR login code scanned by this (logged-in) account, logging in the app that
    /// shows it. Returns the new session's description.
    ///
    /// Errors of the server's: `AUTH_TOKEN_EXPIRED`, `AUTH_TOKEN_ALREADY_ACCEPTED`,
    /// `AUTH_TOKEN_INVALID`.
    pub async fn accept_qr_login(&self, qr: &QrLogin) -> Result<types::Authorization, Error> {
        let request = functions::auth::AcceptLoginToken {
            token: qr.token.clone(),
        };
        let enums::Authorization::Authorization(session) = self.invoke(&request).await?;
        Ok(*session)
    }
}

impl Client {
    /// The account of an `auth.loginTokenSuccess`.
    fn qr_success(&self, success: types::auth::LoginTokenSuccess) -> Result<QrOutcome, Error> {
        match success.authorization {
            enums::auth::Authorization::Authorization(auth) => {
                Ok(QrOutcome::Done(self.logged_in(*auth)?))
            }
            enums::auth::Authorization::SignUpRequired(_) => {
                Err(LoginProblem::UnexpectedAnswer("auth.exportLoginToken").into())
            }
        }
    }
}

/// Whether an `Updates` carries `updateLoginToken`.
fn carries_login_token(updates: &enums::Updates) -> bool {
    let is_token = |u: &enums::Update| matches!(u, enums::Update::LoginToken);
    match updates {
        enums::Updates::UpdateShort(short) => is_token(&short.update),
        enums::Updates::Updates(all) => all.updates.iter().any(is_token),
        enums::Updates::Combined(all) => all.updates.iter().any(is_token),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_token_updates_are_recognised_in_every_container() {
        let short = enums::Updates::UpdateShort(Box::new(types::UpdateShort {
            update: enums::Update::LoginToken,
            date: 1,
        }));
        assert!(carries_login_token(&short));
        let full = enums::Updates::Updates(Box::new(types::Updates {
            updates: vec![
                enums::Update::DcOptions(types::UpdateDcOptions::default()),
                enums::Update::LoginToken,
            ],
            ..Default::default()
        }));
        assert!(carries_login_token(&full));
        let other = enums::Updates::TooLong;
        assert!(!carries_login_token(&other));
    }
}
