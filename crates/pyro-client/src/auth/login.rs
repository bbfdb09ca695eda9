//! Logging in with a bot token or a phone code, the 2FA step (the server's SRP round,
//! `account.getPassword`, and the answer, `auth.checkPassword`, computed off the async threads:
//! PBKDF2 runs 100 000 rounds), signing up a new number, and the session's account
//! ([`Client::get_me`], [`Client::is_authorized`], [`Client::log_out`]).
//!
//! `*_MIGRATE_X` answers (an account on another DC) are followed inside
//! [`Client::invoke`]; the client stores the logged-in account and its home DC by itself when a
//! sign-in method answers `auth.authorization`.

use pyro_tl_types::api::{enums, functions, types};

use crate::auth::password::srp_answer;
use crate::auth::{LoginProblem, LoginToken, PasswordToken, SignIn, SignUpToken};
use crate::types::User;
use crate::{Client, Error};

impl Client {
    /// Logs in as the bot with this token (from @BotFather).
    pub async fn sign_in_bot(&self, token: &str) -> Result<User, Error> {
        let request = functions::auth::ImportBotAuthorization {
            flags: 0,
            api_id: self.api_id(),
            api_hash: self.api_hash().to_owned(),
            bot_auth_token: token.to_owned(),
        };
        match self.invoke(&request).await? {
            enums::auth::Authorization::Authorization(auth) => self.logged_in(*auth),
            enums::auth::Authorization::SignUpRequired(_) => {
                Err(LoginProblem::UnexpectedAnswer("auth.importBotAuthorization").into())
            }
        }
    }

    /// Asks Telegram to send a login code to `phone` (international format; spaces and `+`
    /// are fine). Pass the token and the code to [`Client::sign_in`].
    pub async fn request_login_code(&self, phone: &str) -> Result<LoginToken, Error> {
        let request = functions::auth::SendCode {
            phone_number: phone.to_owned(),
            api_id: self.api_id(),
            api_hash: self.api_hash().to_owned(),
            settings: enums::CodeSettings::default(),
        };
        let sent = self.invoke(&request).await?;
        login_token(phone, sent)
    }

    /// Sends the code again, the way the server chose as the next one (SMS, call, ...); only
    /// after [`LoginToken::timeout`] has passed.
    pub async fn resend_login_code(&self, token: &LoginToken) -> Result<LoginToken, Error> {
        let request = functions::auth::ResendCode {
            phone_number: token.phone.clone(),
            phone_code_hash: token.phone_code_hash.clone(),
            reason: None,
        };
        let sent = self.invoke(&request).await?;
        login_token(&token.phone, sent)
    }

    /// Signs in with the code sent for `token`.
    ///
    /// A wrong code is the RPC error `PHONE_CODE_INVALID` (an expired one `PHONE_CODE_EXPIRED`;
    /// check with [`Error::is_rpc`]). An account with a 2FA password gives
    /// [`SignIn::PasswordRequired`]; a number without an account [`SignIn::SignUpRequired`].
    pub async fn sign_in(&self, token: &LoginToken, code: &str) -> Result<SignIn, Error> {
        let request = functions::auth::SignIn {
            phone_number: token.phone.clone(),
            phone_code_hash: token.phone_code_hash.clone(),
            phone_code: Some(code.trim().to_owned()),
            email_verification: None,
        };
        match self.invoke(&request).await {
            Ok(enums::auth::Authorization::Authorization(auth)) => {
                Ok(SignIn::Done(self.logged_in(*auth)?))
            }
            Ok(enums::auth::Authorization::SignUpRequired(required)) => {
                Ok(SignIn::SignUpRequired(SignUpToken {
                    phone: token.phone.clone(),
                    phone_code_hash: token.phone_code_hash.clone(),
                    terms: required.terms_of_service.map(|t| {
                        let enums::help::TermsOfService::TermsOfService(terms) = t;
                        *terms
                    }),
                }))
            }
            Err(Error::SessionPasswordNeeded) => {
                Ok(SignIn::PasswordRequired(self.password_token().await?))
            }
            Err(e) => Err(e),
        }
    }

    /// Creates the account for a number [`Client::sign_in`] found without one, and accepts the
    /// terms of service the server sent (show them to the user before calling this).
    pub async fn sign_up(
        &self,
        token: &SignUpToken,
        first_name: &str,
        last_name: &str,
    ) -> Result<User, Error> {
        let request = functions::auth::SignUp {
            no_joined_notifications: false,
            phone_number: token.phone.clone(),
            phone_code_hash: token.phone_code_hash.clone(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
        };
        let enums::auth::Authorization::Authorization(auth) = self.invoke(&request).await? else {
            return Err(LoginProblem::UnexpectedAnswer("auth.signUp").into());
        };
        if let Some(terms) = &token.terms {
            let accept = functions::help::AcceptTermsOfService {
                id: terms.id.clone(),
            };
            self.invoke(&accept).await?;
        }
        self.logged_in(*auth)
    }
}

impl Client {
    /// A fresh [`PasswordToken`] for the pending login (one SRP round of `account.getPassword`):
    /// after a wrong password, or to show the hint again.
    pub async fn password_token(&self) -> Result<PasswordToken, Error> {
        self.password_token_in(None).await
    }

    /// [`Client::password_token`] on DC `dc` (a QR login that moved to another DC), or the home
    /// DC.
    pub(crate) async fn password_token_in(&self, dc: Option<i32>) -> Result<PasswordToken, Error> {
        let request = functions::account::GetPassword {};
        let enums::account::Password::Password(password) = match dc {
            Some(dc) => self.invoke_in_dc(dc, &request).await?,
            None => self.invoke(&request).await?,
        };
        Ok(PasswordToken {
            password: *password,
            dc,
        })
    }

    /// Finishes a login that needs the account's 2FA password.
    ///
    /// A wrong password is the RPC error `PASSWORD_HASH_INVALID` (check with
    /// [`Error::is_rpc`]); the token is used up either way, so ask for a new one with
    /// [`Client::password_token`] before trying again.
    pub async fn check_password(
        &self,
        token: PasswordToken,
        password: impl AsRef<[u8]>,
    ) -> Result<User, Error> {
        let mut a = [0u8; 256];
        getrandom::fill(&mut a).map_err(|_| Error::Random)?;
        let password = password.as_ref().to_vec();
        let account = token.password;
        let answer = tokio::task::spawn_blocking(move || srp_answer(&account, &password, &a))
            .await
            .map_err(|_| Error::Closed)??;
        let request = functions::auth::CheckPassword { password: answer };
        let authorization = match token.dc {
            Some(dc) => self.invoke_in_dc(dc, &request).await?,
            None => self.invoke(&request).await?,
        };
        match authorization {
            enums::auth::Authorization::Authorization(auth) => self.logged_in(*auth),
            enums::auth::Authorization::SignUpRequired(_) => {
                Err(LoginProblem::UnexpectedAnswer("auth.checkPassword").into())
            }
        }
    }
}

impl Client {
    /// The logged-in account, fresh from the server (`users.getUsers` of `inputUserSelf`); the
    /// stored account is updated with it.
    ///
    /// A session that is not logged in gets [`Error::AuthKeyUnregistered`].
    pub async fn get_me(&self) -> Result<User, Error> {
        let request = functions::users::GetUsers {
            id: vec![enums::InputUser::InputUserSelf],
        };
        let users = self.invoke(&request).await?;
        // Telegram lists nobody as "self" only for a session that is not logged in.
        let Some(raw) = users.into_iter().next() else {
            return Err(Error::AuthKeyUnregistered);
        };
        let me = User::from_raw(raw);
        self.remember(&me)?;
        Ok(me)
    }

    /// Whether the session is logged in, asked of the server (a stored session may have been
    /// logged out elsewhere). A session the server no longer knows as logged in also forgets
    /// its stored account.
    pub async fn is_authorized(&self) -> Result<bool, Error> {
        match self.get_me().await {
            Ok(_) => Ok(true),
            Err(Error::AuthKeyUnregistered) => {
                self.store().set_user(None)?;
                Ok(false)
            }
            // A login waiting for its 2FA password is not finished.
            Err(Error::SessionPasswordNeeded) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Logs out: Telegram unbinds the session's auth key from the account, and the stored
    /// account is forgotten (the auth key stays, ready for another login).
    pub async fn log_out(&self) -> Result<(), Error> {
        self.invoke(&functions::auth::LogOut {}).await?;
        self.store().set_user(None)?;
        Ok(())
    }
}

/// The token for a `auth.sentCode`, or why there is none.
fn login_token(phone: &str, sent: enums::auth::SentCode) -> Result<LoginToken, Error> {
    match sent {
        enums::auth::SentCode::SentCode(sent) => {
            let sent: types::auth::SentCode = *sent;
            Ok(LoginToken {
                phone: phone.to_owned(),
                phone_code_hash: sent.phone_code_hash.clone(),
                sent,
            })
        }
        enums::auth::SentCode::PaymentRequired(_) => Err(LoginProblem::PaymentRequired.into()),
        // Only answered to requests that carry logout tokens, which pyro does not send.
        enums::auth::SentCode::Success(_) => {
            Err(LoginProblem::UnexpectedAnswer("auth.sendCode").into())
        }
    }
}
