//! Splits TL text into tokens with their positions, dropping `//` comments and whitespace.

use crate::error::ParseErrorKind;

/// A token of the TL grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A name: letters, digits, `_` and `.` (so `messages.sendMessage` and `flags.0` are one).
    Ident(String),
    /// The hex digits after `#` in `name#1cb5c415`.
    Id(String),
    /// A lone `#` (the natural-number type of flags words).
    Hash,
    Colon,
    Question,
    Lt,
    Gt,
    LBrace,
    RBrace,
    Bang,
    Equals,
    Semicolon,
    /// `---types---` or `---functions---` (the word between the dashes).
    Section(String),
}

impl Token {
    /// How the token reads in an error message.
    pub(crate) fn describe(&self) -> String {
        match self {
            Token::Ident(s) => format!("name {s:?}"),
            Token::Id(s) => format!("id #{s}"),
            Token::Section(s) => format!("section ---{s}---"),
            Token::Hash => "'#'".into(),
            Token::Colon => "':'".into(),
            Token::Question => "'?'".into(),
            Token::Lt => "'<'".into(),
            Token::Gt => "'>'".into(),
            Token::LBrace => "'{'".into(),
            Token::RBrace => "'}'".into(),
            Token::Bang => "'!'".into(),
            Token::Equals => "'='".into(),
            Token::Semicolon => "';'".into(),
        }
    }
}

/// A token and its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spanned {
    pub(crate) token: Token,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// A lexing failure at a position.
pub(crate) type LexError = (usize, usize, ParseErrorKind);

/// Tokenizes a whole schema file.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Spanned>, LexError> {
    let mut tokens = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        let line = index + 1;
        let code = raw_line.find("//").map_or(raw_line, |at| &raw_line[..at]);
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let column = i + 1;
            let start = i;
            i += 1;
            let token = match c {
                c if c.is_whitespace() => continue,
                ':' => Token::Colon,
                '?' => Token::Question,
                '<' => Token::Lt,
                '>' => Token::Gt,
                '{' => Token::LBrace,
                '}' => Token::RBrace,
                '!' => Token::Bang,
                '=' => Token::Equals,
                ';' => Token::Semicolon,
                '#' => {
                    while i < chars.len() && chars[i].is_ascii_hexdigit() {
                        i += 1;
                    }
                    if i == start + 1 {
                        Token::Hash
                    } else {
                        Token::Id(chars[start + 1..i].iter().collect())
                    }
                }
                '-' => {
                    let rest: String = chars[start..].iter().collect();
                    let word = rest
                        .strip_prefix("---")
                        .and_then(|r| r.split_once("---"))
                        .map(|(word, _)| word.to_string())
                        .ok_or((line, column, ParseErrorKind::UnexpectedChar('-')))?;
                    i = start + word.chars().count() + 6;
                    Token::Section(word)
                }
                c if c.is_ascii_alphabetic() || c == '_' => {
                    while i < chars.len()
                        && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '.'))
                    {
                        i += 1;
                    }
                    Token::Ident(chars[start..i].iter().collect())
                }
                other => return Err((line, column, ParseErrorKind::UnexpectedChar(other))),
            };
            tokens.push(Spanned {
                token,
                line,
                column,
            });
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_dropped_and_positions_kept() {
        let tokens = tokenize("// x\n  a#1f b:flags.0?true = T; // tail").expect("lexes");
        assert_eq!(tokens[0].token, Token::Ident("a".into()));
        assert_eq!((tokens[0].line, tokens[0].column), (2, 3));
        assert_eq!(tokens[1].token, Token::Id("1f".into()));
        assert_eq!(tokens[4].token, Token::Ident("flags.0".into()));
        assert_eq!(
            tokens.last().map(|t| t.token.clone()),
            Some(Token::Semicolon)
        );
    }

    #[test]
    fn sections_and_bad_characters() {
        let tokens = tokenize("---functions---").expect("lexes");
        assert_eq!(tokens[0].token, Token::Section("functions".into()));
        assert_eq!(tokenize("a\n  b@").err().map(|e| (e.0, e.1)), Some((2, 4)));
    }
}
