//! Text matchers: bot-style commands ([`Command`]: names, prefixes, the bot's username, as a
//! filter and as a parser that gives the handler its [`ParsedCommand`]) and regular
//! expressions (the `regex` crate).

use std::sync::Arc;

use regex::Regex;

use super::{Filter, Filterable};

/// A command matcher: `/name`, `/name@botname` and `/name args...`, with configurable prefixes.
///
/// Names match case-insensitively unless [`Command::case_sensitive`]. With a
/// [`Command::username`], a command addressed to another bot (`/start@otherbot`) does not
/// match; without one, any `@mention` is accepted (set the username in groups with several
/// bots).
#[derive(Debug, Clone)]
pub struct Command {
    inner: Arc<Spec>,
}

#[derive(Debug, Clone)]
struct Spec {
    names: Vec<String>,
    prefixes: Vec<String>,
    username: Option<String>,
    case_sensitive: bool,
}

impl Command {
    /// A matcher for these command names (without prefix), with the prefix `/`.
    pub fn new(names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            inner: Arc::new(Spec {
                names: names.into_iter().map(Into::into).collect(),
                prefixes: vec!["/".to_owned()],
                username: None,
                case_sensitive: false,
            }),
        }
    }

    fn edit(mut self, change: impl FnOnce(&mut Spec)) -> Self {
        change(Arc::make_mut(&mut self.inner));
        self
    }

    /// The matcher with these prefixes instead of `/` (`""` allows commands without one).
    #[must_use]
    pub fn prefixes(self, prefixes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let prefixes = prefixes.into_iter().map(Into::into).collect();
        self.edit(|s| s.prefixes = prefixes)
    }

    /// The matcher knowing the bot's username (with or without `@`), so that commands addressed
    /// to other bots do not match.
    #[must_use]
    pub fn username(self, username: impl Into<String>) -> Self {
        let username = username.into().trim_start_matches('@').to_owned();
        self.edit(|s| s.username = Some(username))
    }

    /// The matcher comparing names case-sensitively.
    #[must_use]
    pub fn case_sensitive(self) -> Self {
        self.edit(|s| s.case_sensitive = true)
    }

    /// The command in `text`, if `text` starts with one this matcher accepts.
    pub fn parse<'a>(&self, text: &'a str) -> Option<ParsedCommand<'a>> {
        let spec = &self.inner;
        spec.prefixes.iter().find_map(|prefix| {
            let rest = text.strip_prefix(prefix.as_str())?;
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (token, args) = rest.split_at(end);
            let (name, mention) = match token.split_once('@') {
                Some((name, mention)) => (name, Some(mention)),
                None => (token, None),
            };
            let known = spec.names.iter().any(|n| {
                if spec.case_sensitive {
                    n == name
                } else {
                    n.eq_ignore_ascii_case(name)
                }
            });
            let addressed = match (mention, &spec.username) {
                (Some(mention), Some(me)) => mention.eq_ignore_ascii_case(me),
                _ => true,
            };
            (!name.is_empty() && known && addressed).then(|| ParsedCommand {
                prefix: &text[..prefix.len()],
                name,
                mention,
                args_text: args.trim(),
            })
        })
    }

    /// This matcher as a filter on the update's text.
    pub fn filter<U: Filterable + ?Sized>(&self) -> Filter<U> {
        let command = self.clone();
        Filter::new(move |u: &U| u.text().is_some_and(|t| command.parse(t).is_some()))
    }
}

impl<U: Filterable + ?Sized> From<Command> for Filter<U> {
    fn from(command: Command) -> Self {
        command.filter()
    }
}

/// Updates whose text is one of these commands, with the prefix `/` (see [`Command`] for
/// prefixes, the bot's username and the parsed arguments).
pub fn command<U: Filterable + ?Sized>(
    names: impl IntoIterator<Item = impl Into<String>>,
) -> Filter<U> {
    Command::new(names).filter()
}

/// A command found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedCommand<'a> {
    /// The prefix it started with.
    pub prefix: &'a str,
    /// The name as typed (its case may differ from the matcher's).
    pub name: &'a str,
    /// The `@username` it was addressed to, without `@`.
    pub mention: Option<&'a str>,
    /// Everything after the command, trimmed.
    pub args_text: &'a str,
}

impl ParsedCommand<'_> {
    /// The arguments, split on whitespace; `"..."` or `'...'` group words into one argument
    /// (a backslash keeps the next character as it is, inside quotes or out). An unclosed quote
    /// runs to the end.
    pub fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut current = String::new();
        let mut in_arg = false;
        let mut quote: Option<char> = None;
        let mut chars = self.args_text.chars();
        while let Some(c) = chars.next() {
            match (c, quote) {
                ('\\', _) => {
                    current.extend(chars.next());
                    in_arg = true;
                }
                (c, Some(q)) if c == q => quote = None,
                (_, Some(_)) => current.push(c),
                ('"' | '\'', None) => {
                    quote = Some(c);
                    in_arg = true;
                }
                (c, None) if c.is_whitespace() => {
                    if in_arg {
                        args.push(std::mem::take(&mut current));
                        in_arg = false;
                    }
                }
                (c, None) => {
                    current.push(c);
                    in_arg = true;
                }
            }
        }
        if in_arg {
            args.push(current);
        }
        args
    }
}

/// Updates whose text matches `pattern` anywhere (anchor it with `^...$` to match the whole
/// text). An invalid pattern is the `regex` crate's error.
///
/// To use the captures in the handler, keep the compiled [`Regex`] and pass it to
/// [`regex_with`]; the handler runs `captures` on the same text again.
pub fn regex<U: Filterable + ?Sized>(pattern: &str) -> Result<Filter<U>, regex::Error> {
    Ok(regex_with(Regex::new(pattern)?))
}

/// Updates whose text matches an already compiled regular expression.
pub fn regex_with<U: Filterable + ?Sized>(regex: Regex) -> Filter<U> {
    Filter::new(move |u: &U| u.text().is_some_and(|t| regex.is_match(t)))
}
