//! Proxy links as Telegram shares them: `tg://proxy?server=..&port=..&secret=..` and
//! `https://t.me/proxy?...` for MTProxy, `tg://socks?server=..&port=..&user=..&pass=..` and
//! `https://t.me/socks?...` for SOCKS5 (core.telegram.org/api/links#mtproxy-links and
//! #socks5-proxy-links). The host is resolved when the client connects.

use base64::Engine as _;
use pyro_transport::{Credentials, MtProxySecret, Proxy};

use super::error::Error;

/// A parsed proxy link, before its host name is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyLink {
    /// The proxy's host name or IP address.
    pub server: String,
    /// Its port.
    pub port: u16,
    /// What kind of proxy it is.
    pub kind: ProxyLinkKind,
}

/// The proxy kinds a link can name.
#[derive(Clone, PartialEq, Eq)]
pub enum ProxyLinkKind {
    /// An MTProxy with its secret.
    MtProxy(MtProxySecret),
    /// A SOCKS5 proxy, with credentials if the link has them.
    Socks5(Option<Credentials>),
}

impl std::fmt::Debug for ProxyLinkKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MtProxy(secret) => f.debug_tuple("MtProxy").field(secret).finish(),
            Self::Socks5(auth) => f.debug_tuple("Socks5").field(auth).finish(),
        }
    }
}

fn bad(why: &str) -> Error {
    Error::Config(format!("proxy link: {why}"))
}

/// Decodes `%XX` escapes and `+` (a space) of a query value.
fn percent_decode(value: &str) -> Result<String, Error> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).ok_or_else(|| bad("cut escape"))?;
                let hex = std::str::from_utf8(hex).map_err(|_| bad("bad escape"))?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad("bad escape"))?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| bad("a value is not UTF-8"))
}

/// An MTProxy secret in hex, or (as some links carry `ee` secrets) URL-safe base64.
fn parse_secret(text: &str) -> Result<MtProxySecret, Error> {
    if let Ok(secret) = MtProxySecret::from_hex(text) {
        return Ok(secret);
    }
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| bad("the secret is neither hex nor base64"))?;
    MtProxySecret::from_bytes(&raw).map_err(|e| bad(&e.to_string()))
}

impl ProxyLink {
    /// Parses a `tg://proxy`, `tg://socks`, `https://t.me/proxy` or `https://t.me/socks` link.
    pub fn parse(link: &str) -> Result<Self, Error> {
        let link = link.trim();
        let (head, query) = link.split_once('?').ok_or_else(|| bad("no parameters"))?;
        let head = head.trim_end_matches('/').to_ascii_lowercase();
        let path = head
            .strip_prefix("tg://")
            .or_else(|| head.strip_prefix("https://t.me/"))
            .or_else(|| head.strip_prefix("http://t.me/"))
            .or_else(|| head.strip_prefix("t.me/"))
            .ok_or_else(|| bad("not a tg:// or t.me link"))?;
        let (mut server, mut port, mut secret, mut user, mut pass) = (None, None, None, None, None);
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value)?;
            match key {
                "server" => server = Some(value),
                "port" => port = Some(value.parse::<u16>().map_err(|_| bad("bad port"))?),
                "secret" => secret = Some(value),
                "user" => user = Some(value),
                "pass" => pass = Some(value),
                _ => {}
            }
        }
        let server = server
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("no server"))?;
        let port = port.ok_or_else(|| bad("no port"))?;
        let kind = match path {
            "proxy" => {
                let secret = secret.ok_or_else(|| bad("an MTProxy link needs a secret"))?;
                ProxyLinkKind::MtProxy(parse_secret(&secret)?)
            }
            "socks" => ProxyLinkKind::Socks5(match (user, pass) {
                (Some(username), Some(password)) => Some(Credentials { username, password }),
                _ => None,
            }),
            _ => return Err(bad("only proxy and socks links name proxies")),
        };
        Ok(Self { server, port, kind })
    }

    /// Resolves the host and gives the transport's proxy setting.
    pub async fn resolve(&self) -> Result<Proxy, Error> {
        let addr = tokio::net::lookup_host((self.server.as_str(), self.port))
            .await
            .map_err(|e| Error::Transport(e.into()))?
            .next()
            .ok_or_else(|| bad("the server name has no address"))?;
        Ok(match &self.kind {
            ProxyLinkKind::MtProxy(secret) => Proxy::MtProxy {
                addr,
                secret: secret.clone(),
            },
            ProxyLinkKind::Socks5(auth) => Proxy::Socks5 {
                addr,
                auth: auth.clone(),
            },
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use pyro_transport::SecretMode;

    #[test]
    fn mtproxy_links_in_both_spellings() {
        let secret = "dd00112233445566778899aabbccddeeff";
        let tg = ProxyLink::parse(&format!(
            "tg://proxy?server=1.2.3.4&port=443&secret={secret}"
        ));
        let web = ProxyLink::parse(&format!(
            "https://t.me/proxy?server=1.2.3.4&port=443&secret={secret}"
        ));
        let tg = tg.unwrap();
        assert_eq!(tg, web.unwrap());
        assert_eq!((tg.server.as_str(), tg.port), ("1.2.3.4", 443));
        let ProxyLinkKind::MtProxy(s) = tg.kind else {
            panic!("not an MTProxy")
        };
        assert_eq!(s.mode, SecretMode::Padded);
    }

    #[test]
    fn fake_tls_secret_in_base64_and_socks_credentials() {
        let mut raw = vec![0xee];
        raw.extend_from_slice(&[7; 16]);
        raw.extend_from_slice(b"example.com");
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&raw);
        let link = ProxyLink::parse(&format!("tg://proxy?server=h&port=1&secret={b64}")).unwrap();
        assert!(
            matches!(link.kind, ProxyLinkKind::MtProxy(s) if s.mode == SecretMode::FakeTls { domain: "example.com".into() })
        );
        let socks =
            ProxyLink::parse("https://t.me/socks?server=h&port=1080&user=a%20b&pass=p").unwrap();
        let ProxyLinkKind::Socks5(Some(creds)) = socks.kind else {
            panic!("no credentials")
        };
        assert_eq!(
            (creds.username.as_str(), creds.password.as_str()),
            ("a b", "p")
        );
    }

    #[test]
    fn bad_links_are_config_errors() {
        for link in [
            "tg://proxy",
            "tg://proxy?server=h&port=x&secret=00",
            "tg://proxy?port=1&secret=00112233445566778899aabbccddeeff",
            "tg://proxy?server=h&port=1",
            "tg://proxy?server=h&port=1&secret=zz",
            "https://example.com/proxy?server=h&port=1",
            "tg://resolve?server=h&port=1",
            "tg://socks?server=h&port=1&user=%4",
        ] {
            assert!(
                matches!(ProxyLink::parse(link), Err(Error::Config(_))),
                "{link}"
            );
        }
    }
}
