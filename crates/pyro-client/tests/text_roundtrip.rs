//! Property tests: generated text (emoji, surrogate pairs, ZWJ sequences, RTL, markup
//! characters, line breaks) with generated entities (nested, adjacent, overlapping), in
//! canonical form, comes back identical from HTML and from Markdown; any input parses without
//! panicking.

use proptest::prelude::*;
use pyro_client::text::{FormattedText, normalize_entities};
use pyro_tl_types::api::enums::MessageEntity;
use pyro_tl_types::api::types;

/// Pieces text is built from: plain letters, markup characters of both languages, emoji with
/// surrogate pairs, a ZWJ family, RTL scripts, an astral letter, line breaks.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Z",
    " ",
    "\n",
    "*",
    "_",
    "-",
    "~",
    "|",
    "`",
    "[",
    "]",
    "(",
    ")",
    "!",
    ">",
    "\\",
    "<",
    "&",
    "\"",
    "&amp;",
    "👍",
    "👨\u{200d}👩\u{200d}👧",
    "ש",
    "م",
    "𝕏",
    "é",
    "\u{200f}",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|p| p.concat())
}

/// UTF-16 offsets of the text's character boundaries.
fn boundaries(text: &str) -> Vec<usize> {
    let mut offsets = vec![0];
    let mut at = 0;
    for c in text.chars() {
        at += c.len_utf16();
        offsets.push(at);
    }
    offsets
}

#[derive(Debug, Clone)]
enum Shape {
    Bold,
    Italic,
    Underline,
    Strike,
    Spoiler,
    Code,
    Pre(String),
    Link(String),
    Mention(i64),
    Emoji(i64),
    Quote(bool),
}

fn shape(quotes: bool) -> BoxedStrategy<Shape> {
    let inline = prop_oneof![
        Just(Shape::Bold),
        Just(Shape::Italic),
        Just(Shape::Underline),
        Just(Shape::Strike),
        Just(Shape::Spoiler),
        Just(Shape::Code),
        "[a-z+]{0,4}".prop_map(Shape::Pre),
        "[a-z:/.()\\\\ ]{1,12}".prop_map(Shape::Link),
        (1i64..1 << 40).prop_map(Shape::Mention),
        any::<i64>().prop_map(Shape::Emoji),
    ];
    if quotes {
        prop_oneof![4 => inline, 1 => any::<bool>().prop_map(Shape::Quote)].boxed()
    } else {
        inline.boxed()
    }
}

fn entity(shape: &Shape, offset: i32, length: i32) -> MessageEntity {
    match shape.clone() {
        Shape::Bold => types::MessageEntityBold { offset, length }.into(),
        Shape::Italic => types::MessageEntityItalic { offset, length }.into(),
        Shape::Underline => types::MessageEntityUnderline { offset, length }.into(),
        Shape::Strike => types::MessageEntityStrike { offset, length }.into(),
        Shape::Spoiler => types::MessageEntitySpoiler { offset, length }.into(),
        Shape::Code => types::MessageEntityCode { offset, length }.into(),
        Shape::Pre(language) => types::MessageEntityPre {
            offset,
            length,
            language,
        }
        .into(),
        Shape::Link(url) => types::MessageEntityTextUrl {
            offset,
            length,
            url,
        }
        .into(),
        Shape::Mention(user_id) => types::MessageEntityMentionName {
            offset,
            length,
            user_id,
        }
        .into(),
        Shape::Emoji(document_id) => types::MessageEntityCustomEmoji {
            offset,
            length,
            document_id,
        }
        .into(),
        Shape::Quote(collapsed) => types::MessageEntityBlockquote {
            collapsed,
            offset,
            length,
        }
        .into(),
    }
}

/// Text with canonical entities. Custom emoji cover one character (as on Telegram). For
/// Markdown (`quotes_on_lines`), blockquotes cover whole lines and are not expandable.
fn formatted(quotes: bool, quotes_on_lines: bool) -> impl Strategy<Value = FormattedText> {
    text()
        .prop_flat_map(move |text| {
            let offsets = boundaries(&text);
            let n = offsets.len();
            let entities = proptest::collection::vec((shape(quotes), 0..n, 0..n), 0..8);
            (Just(text), Just(offsets), entities)
        })
        .prop_map(move |(text, offsets, raw)| {
            let lines: Vec<(usize, usize)> = line_ranges(&text);
            let mut entities = Vec::new();
            for (shape, a, b) in raw {
                let (mut start, mut end) = (offsets[a.min(b)], offsets[a.max(b)]);
                match &shape {
                    Shape::Emoji(_) => end = offsets.get(a.min(b) + 1).copied().unwrap_or(end),
                    Shape::Quote(_) if quotes_on_lines => {
                        let first = lines
                            .iter()
                            .find(|l| l.1 >= start)
                            .copied()
                            .unwrap_or((0, 0));
                        let last = lines
                            .iter()
                            .rev()
                            .find(|l| l.0 < end)
                            .copied()
                            .filter(|l| l.0 >= first.0);
                        let last = last.unwrap_or(first);
                        (start, end) = (first.0, last.1);
                    }
                    _ => {}
                }
                let shape = match shape {
                    Shape::Quote(_) if quotes_on_lines => Shape::Quote(false),
                    other => other,
                };
                entities.push(entity(&shape, start as i32, end as i32 - start as i32));
            }
            let mut entities = normalize_entities(&text, &entities);
            if quotes_on_lines {
                drop_overlapping_code(&text, &mut entities);
            }
            FormattedText { text, entities }
        })
}

/// Markdown cannot overlap code with pre or code with code (the first of such pairs is kept),
/// and quotes on consecutive lines are one quote.
fn drop_overlapping_code(text: &str, entities: &mut Vec<MessageEntity>) {
    let mut quotes: Vec<(i32, i32)> = Vec::new();
    entities.retain(|e| match e {
        MessageEntity::Blockquote(q) => {
            quotes.push((q.offset, q.offset + q.length));
            false
        }
        _ => true,
    });
    quotes.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for (a, b) in quotes.into_iter().filter(|(a, b)| a < b) {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    entities.extend(
        merged
            .into_iter()
            .map(|(a, b)| entity(&Shape::Quote(false), a, b - a)),
    );
    let range = |e: &MessageEntity| match e {
        MessageEntity::Code(c) => Some((c.offset, c.offset + c.length)),
        MessageEntity::Pre(p) => Some((p.offset, p.offset + p.length)),
        _ => None,
    };
    let mut kept: Vec<(i32, i32)> = Vec::new();
    entities.retain(|e| match range(e) {
        Some((a, b)) if kept.iter().any(|&(c, d)| a < d && c < b) => false,
        Some(r) => {
            kept.push(r);
            true
        }
        None => true,
    });
    *entities = normalize_entities(text, entities);
}

/// (start, end) UTF-16 offsets of each line, without its line break.
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let len: usize = line.chars().map(char::len_utf16).sum();
        out.push((at, at + len));
        at += len + 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn html_round_trip(f in formatted(true, false)) {
        let html = f.to_html();
        prop_assert_eq!(FormattedText::from_html(&html), Ok(f), "via {}", html);
    }

    #[test]
    fn markdown_round_trip(f in formatted(true, true)) {
        let markdown = f.to_markdown();
        prop_assert_eq!(FormattedText::from_markdown(&markdown), f, "via {:?}", markdown);
    }

    #[test]
    fn parsing_never_panics_and_is_canonical(source in text()) {
        let md = FormattedText::from_markdown(&source);
        prop_assert_eq!(normalize_entities(&md.text, &md.entities), md.entities.clone());
        if let Ok(html) = FormattedText::from_html(&source) {
            prop_assert_eq!(normalize_entities(&html.text, &html.entities), html.entities);
        }
        // Whatever Markdown gives, rendering it again is stable.
        prop_assert_eq!(FormattedText::from_markdown(&md.to_markdown()), md);
    }
}
