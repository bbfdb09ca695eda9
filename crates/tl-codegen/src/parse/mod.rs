//! The TL parser: schema text to [`Definition`]s.
//!
//! Grammar accepted (everything the Telegram schema files use):
//!
//! ```text
//! file       := { section | definition }
//! section    := "---types---" | "---functions---"
//! definition := name ["#" hex] { "{" ident ":" "Type" "}" } { param } "=" type ";"
//! param      := ident ":" ( "#" | [ ident "." digits "?" ] type )
//! type       := ["!"] name [ "<" type ">" ]
//! name       := [ namespace "." ] ident
//! ```
//!
//! `//` comments run to the end of the line. Definitions without `#id` get the computed id.

mod lexer;

use crate::ast::{Category, Definition, Flag, Param, ParamKind, Ty};
use crate::error::{ParseError, ParseErrorKind};
use crate::id::compute_id;
use lexer::{Spanned, Token, tokenize};

/// Parses one schema file. `file` only names the file in error messages.
pub fn parse_schema(file: &str, text: &str) -> Result<Vec<Definition>, ParseError> {
    let tokens = tokenize(text).map_err(|(line, column, kind)| ParseError {
        file: file.to_string(),
        line,
        column,
        kind,
    })?;
    let mut parser = Parser {
        file,
        tokens: &tokens,
        pos: 0,
        end: end_position(text),
    };
    let mut category = Category::Type;
    let mut defs = Vec::new();
    while let Some(spanned) = parser.peek() {
        if let Token::Section(word) = &spanned.token {
            category = match word.as_str() {
                "types" => Category::Type,
                "functions" => Category::Function,
                _ => {
                    return Err(
                        parser.error_at(spanned, ParseErrorKind::UnknownSection(word.clone()))
                    );
                }
            };
            parser.pos += 1;
            continue;
        }
        defs.push(parser.definition(category)?);
    }
    Ok(defs)
}

/// The position just past the end of the text, for "unexpected end" errors.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.lines().count().max(1);
    let column = text.lines().last().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Parser<'t> {
    file: &'t str,
    tokens: &'t [Spanned],
    pos: usize,
    end: (usize, usize),
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Spanned> {
        self.tokens.get(self.pos)
    }

    fn error_at(&self, at: &Spanned, kind: ParseErrorKind) -> ParseError {
        ParseError {
            file: self.file.to_string(),
            line: at.line,
            column: at.column,
            kind,
        }
    }

    /// The next token, or an "unexpected end" error naming what was expected.
    fn next(&mut self, expected: &'static str) -> Result<&Spanned, ParseError> {
        let token = self.tokens.get(self.pos).ok_or_else(|| ParseError {
            file: self.file.to_string(),
            line: self.end.0,
            column: self.end.1,
            kind: ParseErrorKind::UnexpectedEnd(expected),
        })?;
        self.pos += 1;
        Ok(token)
    }

    fn expect(&mut self, want: &Token, expected: &'static str) -> Result<(), ParseError> {
        let got = self.next(expected)?.clone();
        if &got.token == want {
            Ok(())
        } else {
            let kind = ParseErrorKind::Expected {
                expected,
                found: got.token.describe(),
            };
            Err(self.error_at(&got, kind))
        }
    }

    fn ident(&mut self, expected: &'static str) -> Result<(String, Spanned), ParseError> {
        let got = self.next(expected)?.clone();
        match &got.token {
            Token::Ident(name) => Ok((name.clone(), got)),
            other => {
                let kind = ParseErrorKind::Expected {
                    expected,
                    found: other.describe(),
                };
                Err(self.error_at(&got, kind))
            }
        }
    }

    fn eat(&mut self, want: &Token) -> bool {
        if self.peek().is_some_and(|t| &t.token == want) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn definition(&mut self, category: Category) -> Result<Definition, ParseError> {
        let (full, at) = self.ident("a definition's name")?;
        let (namespace, name) = self.split_name(&full, &at)?;
        let mut declared_id = None;
        if let Some(Spanned {
            token: Token::Id(hex),
            ..
        }) = self.peek()
        {
            let parsed = (hex.len() <= 8)
                .then(|| u32::from_str_radix(hex, 16).ok())
                .flatten();
            let spanned = self.tokens[self.pos].clone();
            declared_id =
                Some(parsed.ok_or_else(|| {
                    self.error_at(&spanned, ParseErrorKind::InvalidId(hex.clone()))
                })?);
            self.pos += 1;
        }
        let mut generics = Vec::new();
        while self.eat(&Token::LBrace) {
            let (var, _) = self.ident("a type variable")?;
            self.expect(&Token::Colon, "':'")?;
            let (kind, at) = self.ident("Type")?;
            if kind != "Type" {
                let found = format!("name {kind:?}");
                return Err(self.error_at(
                    &at,
                    ParseErrorKind::Expected {
                        expected: "Type",
                        found,
                    },
                ));
            }
            self.expect(&Token::RBrace, "'}'")?;
            generics.push(var);
        }
        let mut params = Vec::new();
        while !self.eat(&Token::Equals) {
            params.push(self.param(&params)?);
        }
        let result = self.ty()?;
        self.expect(&Token::Semicolon, "';'")?;
        let mut def = Definition {
            namespace,
            name,
            declared_id,
            id: 0,
            generics,
            params,
            result,
            category,
            line: at.line,
        };
        def.id = declared_id.unwrap_or_else(|| compute_id(&def));
        Ok(def)
    }

    fn param(&mut self, earlier: &[Param]) -> Result<Param, ParseError> {
        let (name, _) = self.ident("a parameter name or '='")?;
        self.expect(&Token::Colon, "':'")?;
        if self.eat(&Token::Hash) {
            return Ok(Param {
                name,
                kind: ParamKind::Flags,
            });
        }
        let flag = match (self.tokens.get(self.pos), self.tokens.get(self.pos + 1)) {
            (
                Some(
                    at @ Spanned {
                        token: Token::Ident(cond),
                        ..
                    },
                ),
                Some(Spanned {
                    token: Token::Question,
                    ..
                }),
            ) => {
                let flag = parse_flag(cond, earlier)
                    .ok_or_else(|| self.error_at(at, ParseErrorKind::InvalidFlag(cond.clone())))?;
                self.pos += 2;
                Some(flag)
            }
            _ => None,
        };
        let ty = self.ty()?;
        Ok(Param {
            name,
            kind: ParamKind::Field { ty, flag },
        })
    }

    fn ty(&mut self) -> Result<Ty, ParseError> {
        let bang = self.eat(&Token::Bang);
        let (full, at) = self.ident("a type")?;
        let (namespace, name) = self.split_name(&full, &at)?;
        let arg = if self.eat(&Token::Lt) {
            let inner = self.ty()?;
            self.expect(&Token::Gt, "'>'")?;
            Some(Box::new(inner))
        } else {
            None
        };
        Ok(Ty {
            namespace,
            name,
            bang,
            arg,
        })
    }

    fn split_name(&self, full: &str, at: &Spanned) -> Result<(Option<String>, String), ParseError> {
        let unsupported = || self.error_at(at, ParseErrorKind::UnsupportedName(full.to_string()));
        match full.split_once('.') {
            None => Ok((None, full.to_string())),
            Some((ns, name)) if !ns.is_empty() && !name.is_empty() && !name.contains('.') => {
                if name.starts_with(|c: char| c.is_ascii_digit()) {
                    return Err(unsupported());
                }
                Ok((Some(ns.to_string()), name.to_string()))
            }
            Some(_) => Err(unsupported()),
        }
    }
}

/// Parses `flags.3` into a [`Flag`], requiring an earlier `flags:#` parameter and a bit below 32.
fn parse_flag(cond: &str, earlier: &[Param]) -> Option<Flag> {
    let (word, bit) = cond.split_once('.')?;
    let bit: u32 = bit.parse().ok().filter(|b| *b < 32)?;
    earlier
        .iter()
        .any(|p| p.name == word && p.kind == ParamKind::Flags)
        .then(|| Flag {
            word: word.to_string(),
            bit,
        })
}

#[cfg(test)]
mod tests;
