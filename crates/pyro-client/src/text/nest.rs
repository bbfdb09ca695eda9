//! Turns text and (possibly overlapping) spans into a properly nested stream of open, close and
//! text events, which both renderers print.
//!
//! Markup languages nest; entities need not. Where a span must close while spans opened after it
//! are still open, those are closed first and reopened right after, so an overlap becomes two
//! adjacent spans of the same kind (which parsing merges back into one). Spans of an *innermost*
//! kind (Markdown's code and pre, whose content is literal) are likewise split around any span
//! that opens inside them, so that they always nest inside the others.

use super::span::{Kind, Span, byte_offsets};

/// One step of the nested stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Event<'a> {
    /// Text of the source between two boundaries.
    Text(&'a str),
    /// A boundary at this UTF-16 offset, before the spans ending there close.
    Before(usize),
    /// The same boundary, after the spans ending there closed and before new ones open.
    Between(usize),
    /// Opens `spans[i]` (or a piece of it).
    Open(usize),
    /// Closes `spans[i]` (or a piece of it).
    Close(usize),
}

/// The event stream of `text` with `spans` (canonical order, ends within the text). Boundaries
/// are every span start and end, offset 0, the text's end, and `points` (offsets the renderer
/// wants to act at, such as line starts).
pub(super) fn events<'a>(
    text: &'a str,
    spans: &[Span],
    points: &[usize],
    innermost: impl Fn(&Kind) -> bool,
) -> Vec<Event<'a>> {
    let bytes = byte_offsets(text);
    let len = bytes.len() - 1;
    let mut boundaries: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    boundaries.extend(points.iter().copied().filter(|p| *p <= len));
    boundaries.extend([0, len]);
    boundaries.sort_unstable();
    boundaries.dedup();

    let mut out = Vec::with_capacity(boundaries.len() * 3 + spans.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut last_byte = 0;
    for p in boundaries {
        let byte = bytes.get(p).copied().unwrap_or(text.len());
        if byte > last_byte
            && let Some(piece) = text.get(last_byte..byte)
        {
            out.push(Event::Text(piece));
            last_byte = byte;
        }
        out.push(Event::Before(p));
        if let Some(k) = stack
            .iter()
            .position(|&i| spans.get(i).is_some_and(|s| s.end <= p))
        {
            let popped = stack.split_off(k);
            out.extend(popped.iter().rev().map(|&i| Event::Close(i)));
            for i in popped {
                if spans.get(i).is_some_and(|s| s.end > p) {
                    stack.push(i);
                    out.push(Event::Open(i));
                }
            }
        }
        out.push(Event::Between(p));
        while let Some(span) = spans.get(next).filter(|s| s.start <= p) {
            let inner_at = if innermost(&span.kind) {
                None
            } else {
                stack
                    .iter()
                    .position(|&i| spans.get(i).is_some_and(|s| innermost(&s.kind)))
            };
            if let Some(m) = inner_at {
                let popped = stack.split_off(m);
                out.extend(popped.iter().rev().map(|&i| Event::Close(i)));
                stack.push(next);
                out.push(Event::Open(next));
                for i in popped {
                    stack.push(i);
                    out.push(Event::Open(i));
                }
            } else {
                stack.push(next);
                out.push(Event::Open(next));
            }
            next += 1;
        }
    }
    out.extend(stack.iter().rev().map(|&i| Event::Close(i)));
    if let Some(rest) = text.get(last_byte..).filter(|r| !r.is_empty()) {
        out.push(Event::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Event::{Close, Open, Text};
    use super::*;

    fn span(start: usize, end: usize, kind: Kind) -> Span {
        Span { start, end, kind }
    }

    /// The events without the boundary markers.
    fn markup<'a>(
        text: &'a str,
        spans: &[Span],
        innermost: impl Fn(&Kind) -> bool,
    ) -> Vec<Event<'a>> {
        events(text, spans, &[], innermost)
            .into_iter()
            .filter(|e| !matches!(e, Event::Before(_) | Event::Between(_)))
            .collect()
    }

    #[test]
    fn overlap_splits_the_later_span() {
        let spans = [span(0, 3, Kind::Bold), span(2, 5, Kind::Italic)];
        let got = markup("abcde", &spans, |_| false);
        assert_eq!(
            got,
            [
                Open(0),
                Text("ab"),
                Open(1),
                Text("c"),
                Close(1),
                Close(0),
                Open(1),
                Text("de"),
                Close(1)
            ]
        );
    }

    #[test]
    fn innermost_kinds_are_split_around_inner_spans() {
        let spans = [span(0, 3, Kind::Code), span(1, 2, Kind::Bold)];
        let got = markup("abc", &spans, |k| *k == Kind::Code);
        assert_eq!(
            got,
            [
                Open(0),
                Text("a"),
                Close(0),
                Open(1),
                Open(0),
                Text("b"),
                Close(0),
                Close(1),
                Open(0),
                Text("c"),
                Close(0)
            ]
        );
    }
}
