//! Text and spans to Markdown that [`super::markdown_parse`] reads back to the same spans.
//!
//! Escaping is minimal but sufficient: `\`, `` ` ``, `[` and `]` always; `*`, `_`, `-`, `~`, `|`
//! when the next character is the same or markup follows; `!` when markup follows; `>` at a line
//! start. Inside code and pre only `` ` ``, `\` and a line-leading `>` are escaped. Code and pre
//! cannot overlap each other in Markdown: of two that do, the later one is left out. Blockquotes
//! cover whole lines in Markdown: one that starts or ends mid-line is widened to its lines, and a
//! final line break inside it is left outside when a non-empty line follows.

use super::nest::{Event, events};
use super::span::{Kind, Span};

/// The delimiters of a span kind, open and close.
fn delimiters(kind: &Kind) -> (String, String) {
    match kind {
        Kind::Bold => ("**".into(), "**".into()),
        Kind::Italic => ("__".into(), "__".into()),
        Kind::Underline => ("--".into(), "--".into()),
        Kind::Strike => ("~~".into(), "~~".into()),
        Kind::Spoiler => ("||".into(), "||".into()),
        Kind::Code => ("`".into(), "`".into()),
        Kind::Pre(language) => (
            format!("```{}\n", language.replace(['\n', '`'], "")),
            "```".into(),
        ),
        Kind::TextUrl(url) => (
            "[".into(),
            format!("]({})", url.replace('\\', "\\\\").replace(')', "\\)")),
        ),
        Kind::MentionName(id) => ("[".into(), format!("](tg://user?id={id})")),
        Kind::CustomEmoji(id) => ("![".into(), format!("](tg://emoji?id={id})")),
        Kind::Blockquote { .. } => (String::new(), String::new()),
    }
}

fn is_code(kind: &Kind) -> bool {
    matches!(kind, Kind::Code | Kind::Pre(_))
}

/// Blockquotes widened to whole lines (UTF-16 ranges), merged where they overlap.
fn quote_lines(text: &str, quotes: &[(usize, usize, bool)]) -> Vec<(usize, usize, bool)> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let newline = u16::from(b'\n');
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for &(start, end, collapsed) in quotes {
        let mut end = end.min(units.len());
        // A quote ending just after a line break, before a non-empty line, leaves the break out
        // (before an empty line or the end, it quotes that empty line, which is the same range).
        let next_line_empty = units.get(end).is_none_or(|&c| c == newline);
        if end > start && units.get(end - 1) == Some(&newline) && !next_line_empty {
            end -= 1;
        }
        let start = units
            .get(..start)
            .and_then(|u| u.iter().rposition(|&c| c == newline))
            .map_or(0, |p| p + 1);
        let end = units
            .get(end..)
            .and_then(|u| u.iter().position(|&c| c == newline))
            .map_or(units.len(), |p| end + p);
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end, collapsed)),
        }
    }
    out
}

/// Renders text and canonical spans as Markdown.
pub(super) fn render(text: &str, spans: &[Span]) -> String {
    let quotes: Vec<(usize, usize, bool)> = spans
        .iter()
        .filter_map(|s| match s.kind {
            Kind::Blockquote { collapsed } => Some((s.start, s.end, collapsed)),
            _ => None,
        })
        .collect();
    let quotes = quote_lines(text, &quotes);
    // Code and pre cannot overlap in Markdown (both are literal): the later one is dropped.
    let mut inline: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans
        .iter()
        .filter(|s| !matches!(s.kind, Kind::Blockquote { .. }))
    {
        let clashes = is_code(&span.kind)
            && inline
                .iter()
                .any(|k| is_code(&k.kind) && k.start < span.end && span.start < k.end);
        if !clashes {
            inline.push(span.clone());
        }
    }

    // Line starts inside quotes, and the ends of expandable quotes.
    let mut line_starts = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        line_starts.push(offset);
        offset += line.encode_utf16().count() + 1;
    }
    // A line start at a quote's end is an empty last line of it.
    let in_quote = |p: usize| quotes.iter().find(|q| q.0 <= p && p <= q.1).copied();
    let marker_at: Vec<(usize, &str)> = line_starts
        .iter()
        .filter_map(|&p| in_quote(p).map(|q| (p, if q.2 && p == q.0 { "**>" } else { ">" })))
        .collect();
    let quote_ends: Vec<usize> = quotes.iter().filter(|q| q.2).map(|q| q.1).collect();
    let mut points: Vec<usize> = marker_at.iter().map(|m| m.0).collect();
    points.extend(&quote_ends);

    let mut out = String::with_capacity(text.len() * 2);
    let mut code_depth = 0usize;
    let mut line_start = true;
    let mut position = 0usize;
    let evs = events(text, &inline, &points, is_code);
    for (n, ev) in evs.iter().enumerate() {
        match *ev {
            Event::Before(p) => {
                position = p;
                if let Some(&(_, marker)) = marker_at.iter().find(|m| m.0 == p) {
                    out.push_str(marker);
                }
            }
            Event::Between(p) => {
                if quote_ends.contains(&p) {
                    out.push_str("||");
                }
            }
            Event::Open(i) | Event::Close(i) => {
                let Some(span) = inline.get(i) else { continue };
                let (open, close) = delimiters(&span.kind);
                if matches!(ev, Event::Open(_)) {
                    out.push_str(&open);
                    if is_code(&span.kind) {
                        code_depth += 1;
                        line_start |= matches!(span.kind, Kind::Pre(_));
                        // A pre's language line ends in a line break: the next line needs its marker.
                        if matches!(span.kind, Kind::Pre(_))
                            && in_quote(position).is_some_and(|q| position < q.1)
                        {
                            out.push('>');
                        }
                    }
                } else {
                    out.push_str(&close);
                    code_depth = code_depth.saturating_sub(1);
                }
            }
            Event::Text(t) => {
                let markup_follows = evs.get(n + 1).is_some_and(|e| !matches!(e, Event::Text(_)));
                escape_into(&mut out, t, code_depth > 0, &mut line_start, markup_follows);
            }
        }
    }
    out
}

/// Appends `text` escaped for its context.
fn escape_into(
    out: &mut String,
    text: &str,
    code: bool,
    line_start: &mut bool,
    markup_follows: bool,
) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let last = next.is_none() && markup_follows;
        let escape = if code {
            c == '`' || c == '\\' || (c == '>' && *line_start)
        } else {
            match c {
                '\\' | '`' | '[' | ']' => true,
                '*' | '_' | '-' | '~' | '|' => next == Some(c) || last,
                '!' => last,
                '>' => *line_start,
                _ => false,
            }
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        *line_start = c == '\n';
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_widen_to_whole_lines() {
        assert_eq!(quote_lines("ab\ncd\nef", &[(1, 4, false)]), [(0, 5, false)]);
        assert_eq!(quote_lines("ab\ncd\nef", &[(3, 6, true)]), [(3, 5, true)]);
        // Before the end (or an empty line) the break stays: the quote covers the empty line.
        assert_eq!(quote_lines("ab\ncd\n", &[(3, 6, true)]), [(3, 6, true)]);
    }
}
