//! MTProxy secrets: 16 bytes of key, optionally prefixed `dd` (padded intermediate forced) or
//! `ee` (fake TLS, followed by the domain the ClientHello names), as MTProxy links spell them in
//! hex (core.telegram.org/proxy and the MTProxy README describe the three forms).

use crate::error::{Result, TransportError};
use crate::frame::CodecKind;

/// How an MTProxy secret asks the client to disguise its traffic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretMode {
    /// Plain obfuscated2 with the secret; any codec.
    Plain,
    /// `dd`: obfuscated2 with the padded intermediate codec only.
    Padded,
    /// `ee`: obfuscated2 inside fake TLS 1.3 application-data records.
    FakeTls {
        /// The domain sent as the ClientHello's server name.
        domain: String,
    },
}

/// A parsed MTProxy secret.
#[derive(Clone, PartialEq, Eq)]
pub struct MtProxySecret {
    /// The 16-byte key mixed into the obfuscation keys (and the fake-TLS HMAC key).
    pub key: [u8; 16],
    /// The disguise the secret selects.
    pub mode: SecretMode,
}

impl std::fmt::Debug for MtProxySecret {
    /// Keeps the key out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MtProxySecret")
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl MtProxySecret {
    /// Parses a secret's raw bytes: 16 bytes, `0xdd` + 16, or `0xee` + 16 + domain.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let bad = TransportError::Config("an MTProxy secret is 16 bytes, dd+16, or ee+16+domain");
        let (mode, rest) = match bytes.split_first() {
            Some((0xdd, rest)) if rest.len() == 16 => (SecretMode::Padded, rest),
            Some((0xee, rest)) if rest.len() > 16 => {
                let domain = std::str::from_utf8(&rest[16..])
                    .map_err(|_| TransportError::Config("fake-TLS domain is not UTF-8"))?;
                if domain.is_empty() || domain.len() > 253 {
                    return Err(TransportError::Config(
                        "fake-TLS domain length out of range",
                    ));
                }
                let domain = domain.to_owned();
                (SecretMode::FakeTls { domain }, &rest[..16])
            }
            _ if bytes.len() == 16 => (SecretMode::Plain, bytes),
            _ => return Err(bad),
        };
        let key = rest.try_into().map_err(|_| bad)?;
        Ok(Self { key, mode })
    }

    /// Parses the hex form used in `tg://proxy?secret=` links.
    pub fn from_hex(hex: &str) -> Result<Self> {
        let bad = TransportError::Config("MTProxy secret is not valid hex");
        if !hex.len().is_multiple_of(2) {
            return Err(bad);
        }
        let digits = hex.as_bytes();
        let bytes = digits
            .chunks(2)
            .map(|pair| {
                let text = std::str::from_utf8(pair).ok()?;
                u8::from_str_radix(text, 16).ok()
            })
            .collect::<Option<Vec<u8>>>()
            .ok_or(bad)?;
        Self::from_bytes(&bytes)
    }

    /// The secret's raw bytes (prefix, key, domain), as [`MtProxySecret::from_bytes`] reads them.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(17);
        match &self.mode {
            SecretMode::Plain => out.extend_from_slice(&self.key),
            SecretMode::Padded => {
                out.push(0xdd);
                out.extend_from_slice(&self.key);
            }
            SecretMode::FakeTls { domain } => {
                out.push(0xee);
                out.extend_from_slice(&self.key);
                out.extend_from_slice(domain.as_bytes());
            }
        }
        out
    }

    /// The codec a client must use with this secret, given the one it would like.
    pub fn codec_for(&self, wanted: CodecKind) -> CodecKind {
        match (&self.mode, wanted) {
            (SecretMode::Plain, CodecKind::Full) => CodecKind::Intermediate,
            (SecretMode::Plain, kind) => kind,
            (SecretMode::Padded | SecretMode::FakeTls { .. }, _) => CodecKind::PaddedIntermediate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_parse_and_round_trip() {
        let key = "0123456789abcdef0123456789abcdef";
        let plain = MtProxySecret::from_hex(key).unwrap();
        assert_eq!(plain.mode, SecretMode::Plain);
        let padded = MtProxySecret::from_hex(&format!("dd{key}")).unwrap();
        assert_eq!(padded.mode, SecretMode::Padded);
        let tls = MtProxySecret::from_hex(&format!("ee{key}676f6f676c652e636f6d")).unwrap();
        assert_eq!(
            tls.mode,
            SecretMode::FakeTls {
                domain: "google.com".into()
            }
        );
        for secret in [plain, padded, tls] {
            assert_eq!(
                MtProxySecret::from_bytes(&secret.to_bytes()).unwrap(),
                secret
            );
            assert_eq!(secret.key[0], 0x01);
        }
    }

    #[test]
    fn malformed_secrets_are_config_errors() {
        for bad in [
            "",
            "0",
            "zz",
            "00",
            "ee0123456789abcdef0123456789abcdef",
            "dd00",
        ] {
            assert!(matches!(
                MtProxySecret::from_hex(bad),
                Err(TransportError::Config(_))
            ));
        }
    }
}
