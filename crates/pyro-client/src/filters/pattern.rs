//! Regular expression filters on the update's text, with the `regex` crate.

use regex::Regex;

use super::{Filter, Filterable};

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
