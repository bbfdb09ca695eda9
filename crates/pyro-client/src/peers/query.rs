//! [`PeerQuery`]: what a caller may name a peer by, parsed from ids, usernames, phone numbers and
//! links.
//!
//! | input | query |
//! |---|---|
//! | `12345`, `-123`, `-1001234567890` (an `i64` or its text) | [`PeerQuery::Id`] (marked id) |
//! | `@durov`, `durov` | [`PeerQuery::Username`] |
//! | `+1 555 0100` | [`PeerQuery::Phone`] (digits) |
//! | `t.me/durov`, `https://t.me/durov/42`, `t.me/s/durov`, `durov.t.me`, `telegram.me/…` | username |
//! | `tg://resolve?domain=durov`, `tg://resolve?phone=15550100` | username, phone |
//! | `t.me/+15550100` | phone |
//! | `t.me/c/1234567890/42` (a private channel's message link) | channel id |
//! | `tg://user?id=12345` | user id |
//! | `me`, `self` | [`PeerQuery::Me`] |
//!
//! Invite links (`t.me/+AbC…`, `t.me/joinchat/…`) and other link kinds name no peer to resolve
//! and are refused with [`PeerError::UnsupportedLink`].

use pyro_session::PeerId;

use super::error::PeerError;
use super::marked::{is_valid, peer_from_marked};
use super::peer_ref::PeerRef;

/// A peer as the caller names it, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerQuery {
    /// The logged-in account.
    Me,
    /// A peer by id.
    Id(PeerId),
    /// A public username, without `@`.
    Username(String),
    /// A phone number, digits only.
    Phone(String),
    /// An already addressable peer (resolves to itself).
    Ref(PeerRef),
}

/// Anything `resolve_peer` accepts: marked ids (`i64`), text (see [`PeerQuery::parse`]),
/// [`PeerId`], [`PeerRef`] and [`PeerQuery`].
pub trait IntoPeerQuery {
    /// The query, or why the value names no peer.
    fn into_peer_query(self) -> Result<PeerQuery, PeerError>;
}

impl IntoPeerQuery for PeerQuery {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        Ok(self)
    }
}

impl IntoPeerQuery for PeerId {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        Ok(PeerQuery::Id(self))
    }
}

impl IntoPeerQuery for PeerRef {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        Ok(PeerQuery::Ref(self))
    }
}

impl IntoPeerQuery for i64 {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        marked(self, &self.to_string())
    }
}

impl IntoPeerQuery for &str {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        PeerQuery::parse(self)
    }
}

impl IntoPeerQuery for &String {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        PeerQuery::parse(self)
    }
}

impl IntoPeerQuery for String {
    fn into_peer_query(self) -> Result<PeerQuery, PeerError> {
        PeerQuery::parse(&self)
    }
}

fn unparsable(input: &str, reason: &'static str) -> PeerError {
    PeerError::Unparsable {
        input: input.to_owned(),
        reason,
    }
}

fn marked(value: i64, input: &str) -> Result<PeerQuery, PeerError> {
    peer_from_marked(value).map(PeerQuery::Id).ok_or_else(|| {
        unparsable(
            input,
            "the number is in no peer id range (users 1..2^40, groups -1..-999999999999, \
             channels -100…)",
        )
    })
}

/// Link paths that are not usernames, and what they link to (core.telegram.org/api/links).
const RESERVED: &[(&str, &str)] = &[
    ("joinchat", "chat invite"),
    ("addstickers", "sticker set"),
    ("addemoji", "custom emoji set"),
    ("addtheme", "theme"),
    ("addlist", "chat folder"),
    ("proxy", "MTProxy"),
    ("socks", "SOCKS5 proxy"),
    ("share", "share"),
    ("login", "login code"),
    ("setlanguage", "language pack"),
    ("confirmphone", "phone confirmation"),
    ("invoice", "invoice"),
    ("bg", "wallpaper"),
    ("giftcode", "gift code"),
    ("boost", "boost"),
    ("m", "business chat"),
    ("nft", "collectible gift"),
];

/// A username without `@`: 3 to 32 of `A-Z a-z 0-9 _`, starting with a letter.
fn username(input: &str, name: &str) -> Result<PeerQuery, PeerError> {
    let ok = (3..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(PeerQuery::Username(name.to_owned()))
    } else {
        Err(unparsable(
            input,
            "a username is 3 to 32 letters, digits or underscores, starting with a letter",
        ))
    }
}

/// A phone number: `+`, then digits with optional spaces, dashes, dots or parentheses.
fn phone(input: &str, text: &str) -> Result<PeerQuery, PeerError> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let clean = text
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()".contains(c));
    if clean && (5..=15).contains(&digits.len()) {
        Ok(PeerQuery::Phone(digits))
    } else {
        Err(unparsable(
            input,
            "a phone number is + and 5 to 15 digits (spaces and dashes allowed)",
        ))
    }
}

/// The value of `key` in a `a=b&c=d` query string.
fn query_value<'q>(query: &'q str, key: &str) -> Option<&'q str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

/// `tg://…` links.
fn tg_link(input: &str, rest: &str) -> Result<PeerQuery, PeerError> {
    let (action, query) = rest.split_once('?').unwrap_or((rest, ""));
    match action.trim_end_matches('/') {
        "resolve" => {
            if let Some(domain) = query_value(query, "domain") {
                username(input, domain)
            } else if let Some(number) = query_value(query, "phone") {
                phone(input, number)
            } else {
                Err(unparsable(input, "tg://resolve needs domain= or phone="))
            }
        }
        "user" => match query_value(query, "id").map(str::parse::<i64>) {
            Some(Ok(id)) if is_valid(pyro_session::PeerType::User, id) => {
                Ok(PeerQuery::Id(PeerId::user(id)))
            }
            _ => Err(unparsable(input, "tg://user needs a valid id=")),
        },
        "join" => Err(PeerError::UnsupportedLink {
            link: input.to_owned(),
            kind: "chat invite",
        }),
        _ => Err(unparsable(
            input,
            "only tg://resolve and tg://user name a peer",
        )),
    }
}

/// `t.me/…` paths (after the host).
fn t_me_path(input: &str, path: &str) -> Result<PeerQuery, PeerError> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    let first = parts
        .next()
        .ok_or_else(|| unparsable(input, "the link has no path"))?;
    if let Some(after_plus) = first.strip_prefix('+') {
        return if after_plus.chars().all(|c| c.is_ascii_digit()) {
            phone(input, after_plus)
        } else {
            Err(PeerError::UnsupportedLink {
                link: input.to_owned(),
                kind: "chat invite",
            })
        };
    }
    match first {
        "c" => match parts.next().map(str::parse::<i64>) {
            Some(Ok(id)) if is_valid(pyro_session::PeerType::Channel, id) => {
                Ok(PeerQuery::Id(PeerId::channel(id)))
            }
            _ => Err(unparsable(input, "t.me/c/ links need a channel id")),
        },
        "s" => username(input, parts.next().unwrap_or_default()),
        _ => match RESERVED
            .iter()
            .find(|(path, _)| first.eq_ignore_ascii_case(path))
        {
            Some((_, kind)) => Err(PeerError::UnsupportedLink {
                link: input.to_owned(),
                kind,
            }),
            None => username(input, first),
        },
    }
}

impl PeerQuery {
    /// Parses text as the module table shows; surrounding whitespace is ignored.
    ///
    /// ```
    /// use pyro_client::peers::PeerQuery;
    /// use pyro_session::PeerId;
    ///
    /// assert_eq!(PeerQuery::parse("@durov")?, PeerQuery::Username("durov".into()));
    /// assert_eq!(PeerQuery::parse("https://t.me/durov/42")?, PeerQuery::Username("durov".into()));
    /// assert_eq!(PeerQuery::parse("-1001234567890")?, PeerQuery::Id(PeerId::channel(1234567890)));
    /// assert_eq!(PeerQuery::parse("+1 555 0100")?, PeerQuery::Phone("15550100".into()));
    /// assert_eq!(PeerQuery::parse("me")?, PeerQuery::Me);
    /// assert!(PeerQuery::parse("t.me/joinchat/AbCdEf").is_err());
    /// # Ok::<(), pyro_client::peers::PeerError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Self, PeerError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(unparsable(input, "it is empty"));
        }
        if text.eq_ignore_ascii_case("me") || text.eq_ignore_ascii_case("self") {
            return Ok(Self::Me);
        }
        if let Some(rest) = strip_prefix_ignore_case(text, "tg://") {
            return tg_link(input, rest);
        }
        if let Some(number) = text.strip_prefix('+') {
            return phone(input, number);
        }
        if let Some(name) = text.strip_prefix('@') {
            return username(input, name);
        }
        if text.starts_with('-') || text.starts_with(|c: char| c.is_ascii_digit()) {
            return match text.parse::<i64>() {
                Ok(value) => marked(value, input),
                Err(_) => Err(unparsable(input, "it is not a whole number")),
            };
        }
        let without_scheme = strip_prefix_ignore_case(text, "https://")
            .or_else(|| strip_prefix_ignore_case(text, "http://"))
            .unwrap_or(text);
        let (host, path) = without_scheme
            .split_once('/')
            .unwrap_or((without_scheme, ""));
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        if ["t.me", "telegram.me", "telegram.dog"].contains(&host) {
            return t_me_path(input, path);
        }
        if let Some(name) = host.strip_suffix(".t.me") {
            return username(input, name);
        }
        if without_scheme.len() != text.len() || text.contains(['/', '.', '?']) {
            return Err(unparsable(
                input,
                "only t.me, telegram.me and tg:// links name peers",
            ));
        }
        username(input, text)
    }
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
