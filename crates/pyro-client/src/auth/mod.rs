//! Logging in and out: bot tokens, phone codes, 2FA passwords (SRP), sign-up and QR codes, as
//! methods on [`Client`](crate::Client).
//!
//! | step | method | answer |
//! |---|---|---|
//! | bot | [`sign_in_bot`](crate::Client::sign_in_bot) | the bot's [`User`](crate::types::User) |
//! | code | [`request_login_code`](crate::Client::request_login_code), then [`sign_in`](crate::Client::sign_in) | [`SignIn`]: done, or a [`PasswordToken`] / [`SignUpToken`] |
//! | 2FA | [`check_password`](crate::Client::check_password) (a new token: [`password_token`](crate::Client::password_token)) | the account |
//! | new number | [`sign_up`](crate::Client::sign_up) | the new account |
//! | QR code | [`qr_login`](crate::Client::qr_login), [`wait_qr_login`](crate::Client::wait_qr_login); the other side [`accept_qr_login`](crate::Client::accept_qr_login) | [`QrOutcome`] |
//! | session | [`get_me`](crate::Client::get_me), [`is_authorized`](crate::Client::is_authorized), [`log_out`](crate::Client::log_out) | |
//!
//! Wrong codes and passwords are the server's RPC errors (`PHONE_CODE_INVALID`,
//! `PASSWORD_HASH_INVALID`: [`Error::is_rpc`](crate::Error::is_rpc)); what the server cannot
//! say that way is [`Error::Login`](crate::Error::Login) with a [`LoginProblem`]. A login is
//! stored in the session (the account and its home DC), so a reopened session file is still
//! logged in.
//!
//! # Example
//!
//! A user with a 2FA password logs in against an embedded test DC (which hands out the login
//! code instead of sending an SMS):
//!
//! ```
//! use pyro_client::Client;
//! use pyro_client::auth::SignIn;
//! use pyro_test_dc::{Seed, SeedUser, TestDc};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let seed = Seed::new().user(SeedUser::person("alice", "15550001", "Alice").password("hunter2"));
//! let dc = TestDc::builder().seed(seed).start().await?;
//! let info = &dc.dcs()[0];
//! let client = Client::builder(1, "api-hash")
//!     .in_memory()
//!     .dc(info.id, info.addr)
//!     .rsa_key_pem(info.public_pem.clone())
//!     .connect()
//!     .await?;
//!
//! let token = client.request_login_code("+1 555 0001").await?;
//! let code = dc.telegram().last_login_code("15550001").ok_or("no code")?;
//! let me = match client.sign_in(&token, &code).await? {
//!     SignIn::Done(me) => me,
//!     SignIn::PasswordRequired(password) => {
//!         assert_eq!(password.hint(), None);
//!         client.check_password(password, "hunter2").await?
//!     }
//!     other => return Err(format!("unexpected {other:?}").into()),
//! };
//! assert_eq!(me.first_name(), "Alice");
//! assert!(client.is_authorized().await?);
//! client.log_out().await?;
//! assert!(!client.is_authorized().await?);
//! # Ok(())
//! # }
//! ```

mod login;
mod password;
mod qr;
mod qr_flow;
mod tokens;

pub use password::LoginProblem;
pub use qr::{QrLogin, QrOutcome};
pub use tokens::{LoginToken, PasswordToken, SignIn, SignUpToken};
