//! The values that carry a login from one step to the next: [`LoginToken`] (a code was sent),
//! [`PasswordToken`] (the account has a 2FA password), [`SignUpToken`] (the number has no
//! account yet), and [`SignIn`], what a sign-in step ended with.

use pyro_session::LoggedInUser;
use pyro_tl_types::api::{enums, types};

use crate::types::User;
use crate::{Client, Error};

/// A login code was sent: what [`Client::sign_in`](crate::Client::sign_in) needs with the code.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginToken {
    pub(crate) phone: String,
    pub(crate) phone_code_hash: String,
    pub(crate) sent: types::auth::SentCode,
}

impl LoginToken {
    /// The phone number the code was sent to, as given.
    pub fn phone(&self) -> &str {
        &self.phone
    }

    /// The `phone_code_hash` that ties the code to this request.
    pub fn phone_code_hash(&self) -> &str {
        &self.phone_code_hash
    }

    /// How the code was delivered (Telegram app, SMS, call, ...), raw.
    pub fn code_type(&self) -> &enums::auth::SentCodeType {
        &self.sent.r#type
    }

    /// The code's length, when the delivery says it.
    pub fn code_length(&self) -> Option<i32> {
        use enums::auth::SentCodeType as T;
        match &self.sent.r#type {
            T::App(t) => Some(t.length),
            T::Sms(t) => Some(t.length),
            T::Call(t) => Some(t.length),
            T::FragmentSms(t) => Some(t.length),
            _ => None,
        }
    }

    /// Seconds before [`Client::resend_login_code`](crate::Client::resend_login_code) may
    /// send the code another way, when the server says.
    pub fn timeout(&self) -> Option<i32> {
        self.sent.timeout
    }
}

/// The account has a two-step verification password: pass this to
/// [`Client::check_password`](crate::Client::check_password) with the password.
///
/// A token is good for one attempt (its SRP round is used up); after a wrong password ask for a
/// fresh one with [`Client::password_token`](crate::Client::password_token).
#[derive(Clone, PartialEq)]
pub struct PasswordToken {
    pub(crate) password: types::account::Password,
    /// The DC the password is checked on (where the login is pending).
    pub(crate) dc: Option<i32>,
}

impl std::fmt::Debug for PasswordToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordToken")
            .field("hint", &self.hint())
            .field("dc", &self.dc)
            .finish_non_exhaustive()
    }
}

impl PasswordToken {
    /// The hint the user set for the password.
    pub fn hint(&self) -> Option<&str> {
        self.password.hint.as_deref()
    }

    /// Whether a recovery email is set.
    pub fn has_recovery(&self) -> bool {
        self.password.has_recovery
    }

    /// The pattern of an unconfirmed recovery email (`a***@b.com`).
    pub fn email_unconfirmed_pattern(&self) -> Option<&str> {
        self.password.email_unconfirmed_pattern.as_deref()
    }

    /// The raw `account.password` the token was made from.
    pub fn raw(&self) -> &types::account::Password {
        &self.password
    }
}

/// The number has no account yet: pass this to [`Client::sign_up`](crate::Client::sign_up)
/// with a name to create one. Show [`SignUpToken::terms_of_service`] to the user first.
#[derive(Debug, Clone, PartialEq)]
pub struct SignUpToken {
    pub(crate) phone: String,
    pub(crate) phone_code_hash: String,
    pub(crate) terms: Option<types::help::TermsOfService>,
}

impl SignUpToken {
    /// The phone number being signed up.
    pub fn phone(&self) -> &str {
        &self.phone
    }

    /// The text of Telegram's terms of service, when the server sent them.
    pub fn terms_of_service(&self) -> Option<&str> {
        self.terms.as_ref().map(|t| t.text.as_str())
    }

    /// The minimum age the user must confirm, when the terms ask for one.
    pub fn min_age(&self) -> Option<i32> {
        self.terms.as_ref().and_then(|t| t.min_age_confirm)
    }

    /// The raw terms of service.
    pub fn raw_terms(&self) -> Option<&types::help::TermsOfService> {
        self.terms.as_ref()
    }
}

/// What a sign-in step ended with.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SignIn {
    /// Logged in as this account (stored in the session).
    Done(User),
    /// The account has a 2FA password: continue with
    /// [`Client::check_password`](crate::Client::check_password).
    PasswordRequired(PasswordToken),
    /// The number has no account: continue with [`Client::sign_up`](crate::Client::sign_up).
    SignUpRequired(SignUpToken),
}

impl SignIn {
    /// The account, if the step logged in.
    pub fn user(&self) -> Option<&User> {
        match self {
            Self::Done(user) => Some(user),
            _ => None,
        }
    }
}

impl Client {
    /// The account of an `auth.authorization` answer, stored in the session as the logged-in
    /// account (the client core also notices most sign-in answers; QR logins that finish on
    /// `auth.exportLoginToken` it does not).
    pub(crate) fn logged_in(&self, auth: types::auth::Authorization) -> Result<User, Error> {
        let user = User::from_raw(auth.user);
        self.remember(&user)?;
        Ok(user)
    }

    /// Stores `user` as the session's account, unless it is stored already.
    pub(crate) fn remember(&self, user: &User) -> Result<(), Error> {
        let stored = LoggedInUser {
            id: user.id(),
            bot: user.is_bot(),
        };
        if self.store().user()? != Some(stored) {
            self.store().set_user(Some(&stored))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lengths_come_from_the_delivery() {
        let mut token = LoginToken {
            phone: "+1 555".into(),
            phone_code_hash: "h".into(),
            sent: types::auth::SentCode {
                r#type: enums::auth::SentCodeType::Sms(types::auth::SentCodeTypeSms { length: 6 }),
                timeout: Some(60),
                ..Default::default()
            },
        };
        assert_eq!(token.code_length(), Some(6));
        assert_eq!(token.timeout(), Some(60));
        assert_eq!(token.phone(), "+1 555");
        token.sent.r#type =
            enums::auth::SentCodeType::FlashCall(types::auth::SentCodeTypeFlashCall {
                pattern: "*".into(),
            });
        assert_eq!(token.code_length(), None);
    }

    #[test]
    fn password_tokens_show_the_hint_but_never_the_srp_values() {
        let token = PasswordToken {
            password: types::account::Password {
                hint: Some("horse".into()),
                srp_b: Some(vec![0xab; 256]),
                ..Default::default()
            },
            dc: Some(2),
        };
        assert_eq!(token.hint(), Some("horse"));
        let shown = format!("{token:?}");
        assert!(shown.contains("horse") && !shown.contains("171"), "{shown}");
    }

    #[test]
    fn sign_up_tokens_carry_the_terms() {
        let token = SignUpToken {
            phone: "1".into(),
            phone_code_hash: "h".into(),
            terms: Some(types::help::TermsOfService {
                text: "Be nice.".into(),
                min_age_confirm: Some(16),
                ..Default::default()
            }),
        };
        assert_eq!(token.terms_of_service(), Some("Be nice."));
        assert_eq!(token.min_age(), Some(16));
        let outcome = SignIn::SignUpRequired(token);
        assert!(outcome.user().is_none());
    }
}
