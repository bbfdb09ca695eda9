//! Markdown to text and spans: tokenize ([`super::markdown_lex`]), pair the delimiters (an
//! unpaired one is literal text), then emit the text while measuring it in UTF-16.

use super::markdown_lex::{DELIMS, Tok, tg_id, tokenize};
use super::span::{Kind, Out, Span};

/// How the pairing pass resolved a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Emitted as what it is (text, line breaks, quote markers, code).
    Plain,
    /// An opening delimiter or link start with a partner.
    Open,
    /// A closing delimiter or link end with a partner.
    Close,
    /// `![` whose link is not a custom emoji: a literal `!` and a link start.
    BangOpen,
    /// `||` ending an expandable quote.
    QuoteEnd,
    /// Unpaired: its source text is literal.
    Literal,
}

/// Parses Markdown into text and spans (not yet normalized).
pub(super) fn parse(source: &str) -> (String, Vec<Span>) {
    let toks = tokenize(source);
    let roles = pair(&toks);
    emit(&toks, &roles)
}

/// Decides which delimiters pair, which `||` ends an expandable quote, and what stays literal.
fn pair(toks: &[Tok]) -> Vec<Role> {
    let mut roles = vec![Role::Plain; toks.len()];
    let mut open: [Option<usize>; 5] = [None; 5];
    let mut links: Vec<usize> = Vec::new();
    let mut expandable_quote = false;
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Quote { expandable } => {
                if *expandable || !expandable_quote {
                    expandable_quote = *expandable;
                }
            }
            Tok::Newline => {
                if !matches!(toks.get(i + 1), Some(Tok::Quote { .. })) {
                    expandable_quote = false;
                }
            }
            Tok::Delim { kind, line_end, .. } => {
                let slot = DELIMS.iter().position(|(_, k)| k == kind).unwrap_or(0);
                if *kind == Kind::Spoiler && *line_end && expandable_quote && open[4].is_none() {
                    roles[i] = Role::QuoteEnd;
                    expandable_quote = false;
                } else if let Some(j) = open[slot].take() {
                    roles[j] = Role::Open;
                    roles[i] = Role::Close;
                } else {
                    open[slot] = Some(i);
                }
            }
            Tok::LinkOpen { .. } => links.push(i),
            Tok::LinkClose { url, .. } => match links.pop() {
                Some(j) => {
                    let emoji = matches!(toks.get(j), Some(Tok::LinkOpen { emoji: true }));
                    roles[j] = if emoji && tg_id(url, "emoji").is_none() {
                        Role::BangOpen
                    } else {
                        Role::Open
                    };
                    roles[i] = Role::Close;
                }
                None => roles[i] = Role::Literal,
            },
            Tok::Text(_) | Tok::CodeOpen(_) | Tok::CodeClose => {}
        }
    }
    for j in open.into_iter().flatten().chain(links) {
        roles[j] = Role::Literal;
    }
    roles
}

fn emit(toks: &[Tok], roles: &[Role]) -> (String, Vec<Span>) {
    let mut out = Out::default();
    let mut spans = Vec::new();
    let mut starts: [usize; 5] = [0; 5];
    let mut links: Vec<usize> = Vec::new();
    let mut code: Option<(usize, Kind)> = None;
    let mut quote: Option<(usize, bool)> = None;
    let mut before_newline: Option<usize> = None;
    for (i, (tok, role)) in toks.iter().zip(roles).enumerate() {
        let last_newline = before_newline.take();
        match (tok, role) {
            (Tok::Text(t), _) => out.push_str(t),
            (Tok::Newline, _) => {
                before_newline = Some(out.utf16);
                if !matches!(toks.get(i + 1), Some(Tok::Quote { .. }))
                    && let Some((start, collapsed)) = quote.take()
                {
                    spans.push(Span {
                        start,
                        end: out.utf16,
                        kind: Kind::Blockquote { collapsed },
                    });
                }
                out.push('\n');
            }
            (Tok::Quote { expandable }, _) => match quote {
                Some((start, collapsed)) if *expandable => {
                    let end = last_newline.unwrap_or(out.utf16);
                    spans.push(Span {
                        start,
                        end,
                        kind: Kind::Blockquote { collapsed },
                    });
                    quote = Some((out.utf16, true));
                }
                Some(_) => {}
                None => quote = Some((out.utf16, *expandable)),
            },
            (Tok::Delim { .. }, Role::QuoteEnd) => {
                if let Some((start, collapsed)) = quote.take() {
                    spans.push(Span {
                        start,
                        end: out.utf16,
                        kind: Kind::Blockquote { collapsed },
                    });
                }
            }
            (Tok::Delim { kind, raw, .. }, role) => {
                let slot = DELIMS.iter().position(|(_, k)| k == kind).unwrap_or(0);
                match role {
                    Role::Open => starts[slot] = out.utf16,
                    Role::Close => spans.push(Span {
                        start: starts[slot],
                        end: out.utf16,
                        kind: kind.clone(),
                    }),
                    _ => out.push_str(raw),
                }
            }
            (Tok::CodeOpen(kind), _) => code = Some((out.utf16, kind.clone())),
            (Tok::CodeClose, _) => {
                if let Some((start, kind)) = code.take() {
                    spans.push(Span {
                        start,
                        end: out.utf16,
                        kind,
                    });
                }
            }
            (Tok::LinkOpen { emoji }, role) => match role {
                Role::Open => links.push(out.utf16),
                Role::BangOpen => {
                    out.push('!');
                    links.push(out.utf16);
                }
                _ => out.push_str(if *emoji { "![" } else { "[" }),
            },
            (Tok::LinkClose { url, raw }, role) => match (role, links.pop()) {
                (Role::Close, Some(start)) => {
                    let kind = if let Some(id) = tg_id(url, "emoji") {
                        Kind::CustomEmoji(id)
                    } else if let Some(id) = tg_id(url, "user") {
                        Kind::MentionName(id)
                    } else {
                        Kind::TextUrl(url.clone())
                    };
                    spans.push(Span {
                        start,
                        end: out.utf16,
                        kind,
                    });
                }
                _ => out.push_str(raw),
            },
        }
    }
    if let Some((start, collapsed)) = quote {
        let end = before_newline.unwrap_or(out.utf16);
        spans.push(Span {
            start,
            end,
            kind: Kind::Blockquote { collapsed },
        });
    }
    (out.text, spans)
}
