//! HTML (Telegram's subset) to text and spans, and back.
//!
//! Parsing is strict, as the Bot API is: tags must nest and close, unknown tags are errors.
//! Text may use `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and numeric references; any other
//! `&` is literal, as is a `<` that does not start a tag.

use std::fmt::Write as _;

use super::nest::{Event, events};
use super::span::{Kind, Out, Span};
use super::{HtmlError, markdown_lex::tg_id};

/// A parsed tag.
struct Tag {
    closing: bool,
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An open element: its name, where its content starts, and the span kind it makes.
struct Element {
    name: String,
    start: usize,
    kind: Option<Kind>,
    at: usize,
}

/// Decodes a character reference at the start of `rest` (which begins with `&`); returns the
/// character and the bytes it took.
fn reference(rest: &str) -> Option<(char, usize)> {
    let end = rest.bytes().take(12).position(|b| b == b';')?;
    let name = rest.get(1..end)?;
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(value)?
        }
    };
    Some((c, end + 1))
}

/// Appends `text` with its character references decoded.
fn decode_into(out: &mut String, text: &str) {
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|r| !r.is_empty()) {
        if let Some((c, n)) = rest.starts_with('&').then(|| reference(rest)).flatten() {
            out.push(c);
            i += n;
        } else {
            let c = rest.chars().next().unwrap_or('&');
            out.push(c);
            i += c.len_utf8();
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'
}

/// Parses the tag starting at `src[at]` (a `<`); returns it and the offset after its `>`.
fn parse_tag(src: &str, at: usize) -> Result<(Tag, usize), HtmlError> {
    let malformed = HtmlError::MalformedTag { offset: at };
    let mut i = at + 1;
    let rest = src.get(i..).ok_or(malformed.clone())?;
    let closing = rest.starts_with('/');
    i += usize::from(closing);
    let take_name = |i: &mut usize| -> String {
        let s = src.get(*i..).unwrap_or("");
        let n = s.find(|c: char| !is_name_char(c)).unwrap_or(s.len());
        *i += n;
        s.get(..n).unwrap_or("").to_ascii_lowercase()
    };
    let name = take_name(&mut i);
    if name.is_empty() {
        return Err(malformed);
    }
    let mut attrs = Vec::new();
    loop {
        let rest = src.get(i..).unwrap_or("");
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with('>') {
            return Ok((
                Tag {
                    closing,
                    name,
                    attrs,
                },
                i + 1,
            ));
        }
        let attr = take_name(&mut i);
        if attr.is_empty() || closing {
            return Err(malformed);
        }
        let mut value = String::new();
        if src.get(i..).is_some_and(|r| r.starts_with('=')) {
            i += 1;
            let rest = src.get(i..).unwrap_or("");
            let (raw, taken) = if let Some(q @ ('"' | '\'')) = rest.chars().next() {
                let end = rest
                    .get(1..)
                    .and_then(|r| r.find(q))
                    .ok_or(malformed.clone())?;
                (rest.get(1..=end).unwrap_or(""), end + 2)
            } else {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                (rest.get(..end).unwrap_or(""), end)
            };
            decode_into(&mut value, raw);
            i += taken;
        }
        attrs.push((attr, value));
    }
}

/// Parses HTML into text and spans (not yet normalized).
pub(super) fn parse(src: &str) -> Result<(String, Vec<Span>), HtmlError> {
    let mut out = Out::default();
    let mut spans = Vec::new();
    let mut stack: Vec<Element> = Vec::new();
    let mut i = 0;
    while let Some(rest) = src.get(i..).filter(|r| !r.is_empty()) {
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or('<');
        if c == '<'
            && chars
                .next()
                .is_some_and(|n| n == '/' || n.is_ascii_alphabetic())
        {
            let (tag, next) = parse_tag(src, i)?;
            if tag.closing {
                match stack.pop() {
                    Some(el) if el.name == tag.name => {
                        if let Some(kind) = el.kind {
                            spans.push(Span {
                                start: el.start,
                                end: out.utf16,
                                kind,
                            });
                        }
                    }
                    _ => {
                        return Err(HtmlError::UnexpectedCloseTag {
                            tag: tag.name,
                            offset: i,
                        });
                    }
                }
            } else {
                let kind = open_kind(&tag, &mut stack, out.utf16, i)?;
                stack.push(Element {
                    name: tag.name,
                    start: out.utf16,
                    kind,
                    at: i,
                });
            }
            i = next;
        } else if let Some((c, n)) = (c == '&').then(|| reference(rest)).flatten() {
            out.push(c);
            i += n;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    match stack.pop() {
        Some(el) => Err(HtmlError::UnclosedTag {
            tag: el.name,
            offset: el.at,
        }),
        None => Ok((out.text, spans)),
    }
}

/// The span kind a start tag makes (`None`: no entity, such as the `code` carrying a pre's
/// language, or a link without `href`).
fn open_kind(
    tag: &Tag,
    stack: &mut [Element],
    here: usize,
    at: usize,
) -> Result<Option<Kind>, HtmlError> {
    let unsupported = || HtmlError::UnsupportedTag {
        tag: tag.name.clone(),
        offset: at,
    };
    Ok(Some(match tag.name.as_str() {
        "b" | "strong" => Kind::Bold,
        "i" | "em" => Kind::Italic,
        "u" | "ins" => Kind::Underline,
        "s" | "strike" | "del" => Kind::Strike,
        "tg-spoiler" => Kind::Spoiler,
        "span" if tag.attr("class") == Some("tg-spoiler") => Kind::Spoiler,
        "code" => {
            let language = tag.attr("class").and_then(|c| c.strip_prefix("language-"));
            if let (Some(language), Some(parent)) = (language, stack.last_mut())
                && let Some(Kind::Pre(pre_language)) = &mut parent.kind
                && parent.start == here
                && pre_language.is_empty()
                && parent.name == "pre"
            {
                language.clone_into(pre_language);
                return Ok(None);
            }
            Kind::Code
        }
        "pre" => Kind::Pre(tag.attr("language").unwrap_or("").to_owned()),
        "a" => match tag.attr("href") {
            Some(href) => tg_id(href, "user")
                .map_or_else(|| Kind::TextUrl(href.to_owned()), Kind::MentionName),
            None => return Ok(None),
        },
        "blockquote" => Kind::Blockquote {
            collapsed: tag.attr("expandable").is_some(),
        },
        "tg-emoji" => match tag.attr("emoji-id").and_then(|v| v.parse().ok()) {
            Some(id) => Kind::CustomEmoji(id),
            None => {
                return Err(HtmlError::MissingAttribute {
                    tag: tag.name.clone(),
                    attribute: "emoji-id",
                    offset: at,
                });
            }
        },
        _ => return Err(unsupported()),
    }))
}

/// Appends `text` with `&`, `<`, `>` (and in attributes `"`) escaped.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Renders text and canonical spans as HTML.
pub(super) fn render(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for ev in events(text, spans, &[], |_| false) {
        match ev {
            Event::Text(t) => escape_into(&mut out, t, false),
            Event::Open(i) => match spans.get(i).map(|s| &s.kind) {
                Some(Kind::Pre(language)) if !language.is_empty() => {
                    out.push_str("<pre><code class=\"language-");
                    escape_into(&mut out, language, true);
                    out.push_str("\">");
                }
                Some(Kind::TextUrl(url)) => {
                    out.push_str("<a href=\"");
                    escape_into(&mut out, url, true);
                    out.push_str("\">");
                }
                Some(Kind::MentionName(id)) => {
                    let _ = write!(out, "<a href=\"tg://user?id={id}\">");
                }
                Some(Kind::CustomEmoji(id)) => {
                    let _ = write!(out, "<tg-emoji emoji-id=\"{id}\">");
                }
                Some(Kind::Blockquote { collapsed: true }) => {
                    out.push_str("<blockquote expandable>");
                }
                Some(kind) => {
                    let _ = write!(out, "<{}>", tag_name(kind));
                }
                None => {}
            },
            Event::Close(i) => match spans.get(i).map(|s| &s.kind) {
                Some(Kind::Pre(language)) if !language.is_empty() => out.push_str("</code></pre>"),
                Some(kind) => {
                    let _ = write!(out, "</{}>", tag_name(kind));
                }
                None => {}
            },
            Event::Before(_) | Event::Between(_) => {}
        }
    }
    out
}

fn tag_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Bold => "b",
        Kind::Italic => "i",
        Kind::Underline => "u",
        Kind::Strike => "s",
        Kind::Spoiler => "tg-spoiler",
        Kind::Code => "code",
        Kind::Pre(_) => "pre",
        Kind::TextUrl(_) | Kind::MentionName(_) => "a",
        Kind::CustomEmoji(_) => "tg-emoji",
        Kind::Blockquote { .. } => "blockquote",
    }
}
