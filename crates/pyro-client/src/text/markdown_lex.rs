//! The Markdown tokenizer: code spans and pre blocks are found whole (their content stays
//! literal), delimiters, link brackets, quote markers and line breaks become tokens, and escapes
//! are resolved.

use super::span::Kind;

/// A lexical piece of Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tok {
    /// Literal text, escapes resolved.
    Text(String),
    /// A line break.
    Newline,
    /// A quote marker at a line start: `>`, or `**>` opening an expandable quote.
    Quote { expandable: bool },
    /// `**`, `__`, `--`, `~~` or `||`; `line_end` when a line break or the end follows.
    Delim {
        kind: Kind,
        raw: &'static str,
        line_end: bool,
    },
    /// The start of a code span or pre block (always closed: found whole).
    CodeOpen(Kind),
    /// The end of a code span or pre block.
    CodeClose,
    /// `[`, or `![` for a custom emoji.
    LinkOpen { emoji: bool },
    /// `](url)`, with its source text for when it stays literal.
    LinkClose { url: String, raw: String },
}

pub(super) const DELIMS: [(&str, Kind); 5] = [
    ("**", Kind::Bold),
    ("__", Kind::Italic),
    ("--", Kind::Underline),
    ("~~", Kind::Strike),
    ("||", Kind::Spoiler),
];

struct Lexer<'a> {
    src: &'a str,
    toks: Vec<Tok>,
    text: String,
}

impl Lexer<'_> {
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.toks.push(Tok::Text(std::mem::take(&mut self.text)));
        }
    }

    fn push(&mut self, tok: Tok) {
        self.flush();
        self.toks.push(tok);
    }

    /// Handles a line start at byte `i`; returns the bytes a quote marker took.
    fn line_start(&mut self, i: usize, in_code: bool) -> usize {
        let rest = self.src.get(i..).unwrap_or("");
        if !in_code && rest.starts_with("**>") {
            self.push(Tok::Quote { expandable: true });
            return 3;
        }
        if rest.starts_with('>') {
            self.push(Tok::Quote { expandable: false });
            return 1;
        }
        0
    }

    /// A code span (`` ` ``) or pre block (```` ``` ````) at byte `i`, found whole; without
    /// its closing fence the opening one is literal text. Returns the offset after it.
    fn code(&mut self, i: usize, fence: bool) -> usize {
        let (open_len, close) = if fence { (3, "```") } else { (1, "`") };
        let Some(end) = find_close(self.src, i + open_len, close) else {
            self.text.push_str(close);
            return i + open_len;
        };
        let mut start = i + open_len;
        let body = self.src.get(start..end).unwrap_or("");
        match body.find('\n') {
            Some(nl) if fence => {
                let language = body.get(..nl).unwrap_or("").to_owned();
                self.push(Tok::CodeOpen(Kind::Pre(language)));
                start += nl + 1;
                start += self.line_start(start, true);
            }
            _ if fence => self.push(Tok::CodeOpen(Kind::Pre(String::new()))),
            _ => self.push(Tok::CodeOpen(Kind::Code)),
        }
        self.code_content(start, end);
        self.push(Tok::CodeClose);
        end + close.len()
    }

    /// Literal content of code or pre: `\` escapes only `` ` ``, `\` and `>`; an unescaped `>`
    /// at a line start is a quote marker here too (so a quote may start or go on inside a pre).
    fn code_content(&mut self, from: usize, to: usize) {
        let mut i = from;
        while i < to {
            let Some(c) = self.src.get(i..).and_then(|r| r.chars().next()) else {
                return;
            };
            let next = self.src.get(i + 1..).and_then(|r| r.chars().next());
            if c == '\\' && matches!(next, Some('`' | '\\' | '>')) && i + 1 < to {
                self.text.push(next.unwrap_or('\\'));
                i += 2;
            } else if c == '\n' {
                self.push(Tok::Newline);
                i += 1;
                if i < to {
                    i += self.line_start(i, true);
                }
            } else {
                self.text.push(c);
                i += c.len_utf8();
            }
        }
    }
}

/// The byte offset of the first unescaped `close` at or after `from`.
fn find_close(src: &str, from: usize, close: &str) -> Option<usize> {
    let mut i = from;
    while let Some(rest) = src.get(i..) {
        if rest.starts_with(close) {
            return Some(i);
        }
        let mut chars = rest.chars();
        match chars.next()? {
            '\\' => i += 1 + chars.next().map_or(0, char::len_utf8),
            c => i += c.len_utf8(),
        }
    }
    None
}

pub(super) fn tokenize(src: &str) -> Vec<Tok> {
    let mut lx = Lexer {
        src,
        toks: Vec::new(),
        text: String::new(),
    };
    let mut i = 0;
    let mut at_line_start = true;
    while let Some(rest) = src.get(i..).filter(|r| !r.is_empty()) {
        if at_line_start {
            at_line_start = false;
            let taken = lx.line_start(i, false);
            if taken > 0 {
                i += taken;
                continue;
            }
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let next = chars.next();
        if let Some((raw, kind)) = DELIMS.iter().find(|(raw, _)| rest.starts_with(raw)) {
            let after = rest.get(2..).unwrap_or("");
            let line_end = after.is_empty() || after.starts_with('\n');
            lx.push(Tok::Delim {
                kind: kind.clone(),
                raw,
                line_end,
            });
            i += 2;
            continue;
        }
        match c {
            '\\' if next.is_some_and(|n| n.is_ascii_punctuation()) => {
                lx.text.push(next.unwrap_or('\\'));
                i += 2;
            }
            '\n' => {
                lx.push(Tok::Newline);
                at_line_start = true;
                i += 1;
            }
            '`' => i = lx.code(i, rest.starts_with("```")),
            '[' => {
                lx.push(Tok::LinkOpen { emoji: false });
                i += 1;
            }
            '!' if next == Some('[') => {
                lx.push(Tok::LinkOpen { emoji: true });
                i += 2;
            }
            ']' if next == Some('(') => {
                if let Some(end) = find_close(src, i + 2, ")") {
                    let url = unescape_url(src.get(i + 2..end).unwrap_or(""));
                    let raw = src.get(i..=end).unwrap_or("").to_owned();
                    lx.push(Tok::LinkClose { url, raw });
                    i = end + 1;
                } else {
                    lx.text.push(']');
                    i += 1;
                }
            }
            c => {
                lx.text.push(c);
                i += c.len_utf8();
            }
        }
    }
    lx.flush();
    lx.toks
}

fn unescape_url(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&n)) if n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The user id of a `tg://user?id=N` link, or the document id of `tg://emoji?id=N`.
pub(super) fn tg_id(url: &str, host: &str) -> Option<i64> {
    url.strip_prefix("tg://")?
        .strip_prefix(host)?
        .strip_prefix("?id=")?
        .parse()
        .ok()
}
