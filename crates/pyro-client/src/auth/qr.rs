//! A QR login code (core.telegram.org/api/qr-login): the token of `auth.exportLoginToken` as the
//! `tg://login?token=<base64url>` link a signed-in app scans, and that link as a QR code for a
//! terminal; and [`QrOutcome`], where a QR login stands.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use qrcode::render::unicode::Dense1x2;
use qrcode::{Color, QrCode};

use crate::auth::tokens::PasswordToken;
use crate::types::User;

/// The scheme and path of a login link.
const LINK_PREFIX: &str = "tg://login?token=";

/// A login token to show as a QR code; it expires (after about 30 s), and
/// [`Client::qr_login`](crate::Client::qr_login) then gives a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrLogin {
    pub(crate) token: Vec<u8>,
    /// Unix seconds (0 when unknown, for a token read from a link).
    pub(crate) expires: i32,
}

impl QrLogin {
    /// A token as the server sent it.
    pub(crate) fn new(token: Vec<u8>, expires: i32) -> Self {
        Self { token, expires }
    }

    /// The token read back from a scanned `tg://login?token=...` link (for
    /// [`Client::accept_qr_login`](crate::Client::accept_qr_login)); `None` if `link` is not one.
    pub fn from_url(link: &str) -> Option<Self> {
        let encoded = link.trim().strip_prefix(LINK_PREFIX)?;
        // Some encoders pad base64url; the link's own alphabet never contains '='.
        let encoded = encoded.trim_end_matches('=');
        let token = URL_SAFE_NO_PAD.decode(encoded).ok()?;
        (!token.is_empty()).then_some(Self { token, expires: 0 })
    }

    /// The `tg://login?token=...` link the QR code holds.
    pub fn url(&self) -> String {
        format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(&self.token))
    }

    /// The raw token bytes.
    pub fn token(&self) -> &[u8] {
        &self.token
    }

    /// When the server stops accepting this token (Unix seconds; 0 when unknown).
    pub fn expires(&self) -> i32 {
        self.expires
    }

    /// How long the token stays valid from now (zero once expired or when unknown).
    pub fn remaining(&self) -> Duration {
        let expires = UNIX_EPOCH + Duration::from_secs(u64::try_from(self.expires).unwrap_or(0));
        expires
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO)
    }

    /// The QR code's modules, row by row (`true` = dark), and its width in modules (no quiet
    /// zone), for drawing it some other way.
    pub fn qr_modules(&self) -> (usize, Vec<bool>) {
        match QrCode::new(self.url().as_bytes()) {
            Ok(code) => {
                let dark = code.to_colors().into_iter().map(|c| c == Color::Dark);
                (code.width(), dark.collect())
            }
            // Only data beyond a version-40 code fails; a login link is ~60 bytes.
            Err(_) => (0, Vec::new()),
        }
    }

    /// The QR code as text for a terminal: two modules per character (`▀`, `▄`, `█`, space),
    /// with the quiet zone. Light modules are drawn as blocks, so the code scans on the
    /// usual light-on-dark terminal; [`QrLogin::qr_terminal_inverted`] is for dark-on-light.
    pub fn qr_terminal(&self) -> String {
        self.render(true)
    }

    /// [`QrLogin::qr_terminal`] with dark modules drawn as blocks (for dark text on a light
    /// background).
    pub fn qr_terminal_inverted(&self) -> String {
        self.render(false)
    }

    fn render(&self, light_as_blocks: bool) -> String {
        let Ok(code) = QrCode::new(self.url().as_bytes()) else {
            return String::new();
        };
        let (dark, light) = if light_as_blocks {
            (Dense1x2::Light, Dense1x2::Dark)
        } else {
            (Dense1x2::Dark, Dense1x2::Light)
        };
        code.render::<Dense1x2>()
            .dark_color(dark)
            .light_color(light)
            .quiet_zone(true)
            .build()
    }
}

/// Where a QR login stands after [`Client::qr_login`](crate::Client::qr_login) or
/// [`Client::wait_qr_login`](crate::Client::wait_qr_login).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum QrOutcome {
    /// Not accepted yet: show this code (a new one replaces the previous, which no longer
    /// works) and wait.
    Pending(QrLogin),
    /// Logged in as this account (stored in the session).
    Done(User),
    /// Accepted, but the account has a 2FA password: continue with
    /// [`Client::check_password`](crate::Client::check_password).
    PasswordRequired(PasswordToken),
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip_in_base64url() {
        // 0xfb 0xff encode to "-_8" in base64url (RFC 4648 §5), "+/8=" in plain base64.
        let qr = QrLogin::new(vec![0xfb, 0xff, 0x00, 0x10], 1_700_000_030);
        assert_eq!(qr.url(), "tg://login?token=-_8AEA");
        let back = QrLogin::from_url(&qr.url()).unwrap();
        assert_eq!(back.token(), qr.token());
        assert_eq!(back.expires(), 0);
        assert_eq!(
            QrLogin::from_url("tg://login?token=-_8AEA==")
                .unwrap()
                .token(),
            qr.token()
        );
        assert!(QrLogin::from_url("tg://resolve?domain=x").is_none());
        assert!(QrLogin::from_url("tg://login?token=").is_none());
        assert!(QrLogin::from_url("tg://login?token=a+b").is_none());
    }

    #[test]
    fn expired_tokens_have_no_time_left() {
        assert_eq!(QrLogin::new(vec![1], 1_000).remaining(), Duration::ZERO);
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let later = QrLogin::new(vec![1], (now + 100) as i32);
        assert!(later.remaining() > Duration::from_secs(90));
    }

    #[test]
    fn the_terminal_code_is_the_qr_code_two_rows_a_line() {
        let qr = QrLogin::new((0u8..32).collect(), 0);
        let (width, modules) = qr.qr_modules();
        assert_eq!(modules.len(), width * width);
        // A version-n code is 17 + 4n modules wide; 32 bytes of token make a ~60-byte link.
        assert_eq!((width - 17) % 4, 0);
        // The three finder patterns: dark 7x7 squares' corners.
        assert!(modules[0] && modules[width - 1] && modules[(width - 1) * width]);
        let text = qr.qr_terminal();
        let lines: Vec<&str> = text.lines().collect();
        // Quiet zone of 4 modules on each side; two module rows per line.
        let side = width + 8;
        assert_eq!(lines.len(), side.div_ceil(2));
        assert!(lines.iter().all(|l| l.chars().count() == side));
        // Light-as-blocks: the quiet zone's first line is all full blocks.
        assert!(lines[0].chars().all(|c| c == '█'));
        assert!(
            qr.qr_terminal_inverted()
                .lines()
                .next()
                .unwrap()
                .chars()
                .all(|c| c == ' ')
        );
    }
}
