//! Markdown parsing and rendering on tricky inputs: UTF-16 offsets over emoji, surrogate pairs,
//! ZWJ sequences and RTL text; empty input; unclosed markup; nested, adjacent and overlapping
//! entities; code, pre, links, mentions, custom emoji and blockquotes.

use pyro_client::text::{FormattedText, utf16_len};
use pyro_tl_types::api::enums::MessageEntity;
use pyro_tl_types::api::types;

fn bold(offset: i32, length: i32) -> MessageEntity {
    types::MessageEntityBold { offset, length }.into()
}
fn italic(offset: i32, length: i32) -> MessageEntity {
    types::MessageEntityItalic { offset, length }.into()
}
fn code(offset: i32, length: i32) -> MessageEntity {
    types::MessageEntityCode { offset, length }.into()
}
fn quote(offset: i32, length: i32, collapsed: bool) -> MessageEntity {
    types::MessageEntityBlockquote {
        collapsed,
        offset,
        length,
    }
    .into()
}

/// Parses, checks text and entities, and checks that rendering parses back to the same.
fn check(markdown: &str, text: &str, entities: &[MessageEntity]) {
    let parsed = FormattedText::from_markdown(markdown);
    assert_eq!(parsed.text, text, "text of {markdown:?}");
    assert_eq!(parsed.entities, entities, "entities of {markdown:?}");
    let again = FormattedText::from_markdown(&parsed.to_markdown());
    assert_eq!(
        again,
        parsed,
        "round trip of {markdown:?} via {:?}",
        parsed.to_markdown()
    );
}

#[test]
fn empty_and_plain() {
    check("", "", &[]);
    check("just text", "just text", &[]);
    assert_eq!(FormattedText::plain("a*b").to_markdown(), "a*b");
}

#[test]
fn every_inline_kind() {
    check("**b**", "b", &[bold(0, 1)]);
    check("__i__", "i", &[italic(0, 1)]);
    check(
        "--u--",
        "u",
        &[types::MessageEntityUnderline {
            offset: 0,
            length: 1,
        }
        .into()],
    );
    check(
        "~~s~~",
        "s",
        &[types::MessageEntityStrike {
            offset: 0,
            length: 1,
        }
        .into()],
    );
    check(
        "||x||",
        "x",
        &[types::MessageEntitySpoiler {
            offset: 0,
            length: 1,
        }
        .into()],
    );
    check("`c`", "c", &[code(0, 1)]);
    check(
        "```rust\nfn main() {}```",
        "fn main() {}",
        &[types::MessageEntityPre {
            offset: 0,
            length: 12,
            language: "rust".into(),
        }
        .into()],
    );
    check(
        "```one line```",
        "one line",
        &[types::MessageEntityPre {
            offset: 0,
            length: 8,
            language: String::new(),
        }
        .into()],
    );
    check(
        "[site](https://example.com/a_(b))",
        "site)",
        &[types::MessageEntityTextUrl {
            offset: 0,
            length: 4,
            url: "https://example.com/a_(b".into(),
        }
        .into()],
    );
    check(
        "[site](https://example.com/a_\\(b\\))",
        "site",
        &[types::MessageEntityTextUrl {
            offset: 0,
            length: 4,
            url: "https://example.com/a_(b)".into(),
        }
        .into()],
    );
    check(
        "[Al](tg://user?id=123)",
        "Al",
        &[types::MessageEntityMentionName {
            offset: 0,
            length: 2,
            user_id: 123,
        }
        .into()],
    );
    check(
        "![👍](tg://emoji?id=5368324170671202286)",
        "👍",
        &[types::MessageEntityCustomEmoji {
            offset: 0,
            length: 2,
            document_id: 5_368_324_170_671_202_286,
        }
        .into()],
    );
}

#[test]
fn utf16_offsets_over_emoji_zwj_and_rtl() {
    // 👍 is one surrogate pair (2 units); the family is 3 emoji joined by 2 ZWJs (8 units).
    check("👍 **x**", "👍 x", &[bold(3, 1)]);
    let family = "👨\u{200d}👩\u{200d}👧";
    assert_eq!(utf16_len(family), 8);
    check(
        &format!("**{family}** __y__"),
        &format!("{family} y"),
        &[bold(0, 8), italic(9, 1)],
    );
    // Hebrew and Arabic are one unit per letter; direction does not change offsets.
    check("שלום **עולם** مرحبا", "שלום עולם مرحبا", &[bold(5, 4)]);
    // An astral letter (𝕏, U+1D54F) inside code.
    check("`a𝕏b`", "a𝕏b", &[code(0, 4)]);
}

#[test]
fn unclosed_markup_is_literal() {
    check("**bold", "**bold", &[]);
    check("2 ** 3 = 8", "2 ** 3 = 8", &[]);
    check("`tick", "`tick", &[]);
    check("```fence", "```fence", &[]);
    check("[text](no end", "[text](no end", &[]);
    check("a ] b [ c", "a ] b [ c", &[]);
    check("**a __b** c", "a __b c", &[bold(0, 5)]);
    check(
        "![x](https://e.com)",
        "!x",
        &[types::MessageEntityTextUrl {
            offset: 1,
            length: 1,
            url: "https://e.com".into(),
        }
        .into()],
    );
}

#[test]
fn escapes() {
    check(r"\*\*not bold\*\*", "**not bold**", &[]);
    check(r"a\\b", r"a\b", &[]);
    check(r"`a\`b`", "a`b", &[code(0, 3)]);
    check(r"\`", "`", &[]);
    // Rendering escapes what would otherwise parse as markup.
    let tricky = FormattedText::plain("a**b __c-- ||d|| `e` [f](g) ![h] > i\n> j \\ --- ~~");
    assert_eq!(FormattedText::from_markdown(&tricky.to_markdown()), tricky);
}

#[test]
fn nested_adjacent_and_overlapping() {
    check("**a __b__ c**", "a b c", &[bold(0, 5), italic(2, 1)]);
    check("**a**__b__", "ab", &[bold(0, 1), italic(1, 1)]);
    // Overlap without nesting.
    check("**ab__c**de__", "abcde", &[bold(0, 3), italic(2, 3)]);
    // Adjacent same-kind pieces merge.
    check("**a****b**", "ab", &[bold(0, 2)]);
    // Formatting inside code is literal; code inside bold is not.
    check("`**a**`", "**a**", &[code(0, 5)]);
    check("**`a`**", "a", &[bold(0, 1), code(0, 1)]);
    // A link with formatting inside.
    check(
        "[**x** y](https://t.me)",
        "x y",
        &[
            types::MessageEntityTextUrl {
                offset: 0,
                length: 3,
                url: "https://t.me".into(),
            }
            .into(),
            bold(0, 1),
        ],
    );
}

#[test]
fn bold_inside_code_renders_by_splitting_the_code() {
    let formatted = FormattedText {
        text: "abc".into(),
        entities: vec![code(0, 3), bold(1, 1)],
    };
    let markdown = formatted.to_markdown();
    assert_eq!(markdown, "`a`**`b`**`c`");
    let parsed = FormattedText::from_markdown(&markdown);
    assert_eq!(parsed.entities, [code(0, 3), bold(1, 1)]);
}

#[test]
fn blockquotes() {
    check("> a\n> b\nc", " a\n b\nc", &[quote(0, 5, false)]);
    check(">a\n>b", "a\nb", &[quote(0, 3, false)]);
    check("x\n>q\ny", "x\nq\ny", &[quote(2, 1, false)]);
    check(
        "**>hidden\n>more||\nafter",
        "hidden\nmore\nafter",
        &[quote(0, 11, true)],
    );
    // Formatting across quoted lines.
    check(">**a\n>b**", "a\nb", &[quote(0, 3, false), bold(0, 3)]);
    // A quote line starting with '>' text needs the escape.
    check(">\\>x", ">x", &[quote(0, 2, false)]);
    // Pre inside a quote keeps its lines quoted.
    check(
        ">```py\n>x = 1\n>y```",
        "x = 1\ny",
        &[
            quote(0, 7, false),
            types::MessageEntityPre {
                offset: 0,
                length: 7,
                language: "py".into(),
            }
            .into(),
        ],
    );
}

#[test]
fn quotes_that_do_not_cover_whole_lines_are_widened() {
    let formatted = FormattedText {
        text: "ab\ncd\n".into(),
        entities: vec![quote(1, 3, false)],
    };
    let parsed = FormattedText::from_markdown(&formatted.to_markdown());
    assert_eq!(parsed.text, formatted.text);
    assert_eq!(parsed.entities, [quote(0, 5, false)]);
}

#[test]
fn server_detected_entities_stay_plain() {
    let formatted = FormattedText {
        text: "@user #tag https://t.me".into(),
        entities: vec![
            types::MessageEntityMention {
                offset: 0,
                length: 5,
            }
            .into(),
            types::MessageEntityHashtag {
                offset: 6,
                length: 4,
            }
            .into(),
            types::MessageEntityUrl {
                offset: 11,
                length: 12,
            }
            .into(),
        ],
    };
    assert_eq!(formatted.to_markdown(), "@user #tag https://t.me");
    assert_eq!(formatted.to_html(), "@user #tag https://t.me");
}

#[test]
fn out_of_range_entities_are_clipped_not_panicking() {
    let formatted = FormattedText {
        text: "a👍".into(),
        entities: vec![
            bold(-1, 5),
            italic(2, 100),
            code(1, 1),
            bold(0, 0),
            italic(50, 2),
        ],
    };
    // A negative offset and empty or out-of-range entities are dropped; offset 2 falls inside
    // the surrogate pair and rounds to the end of 👍, so the code covers the whole emoji and the
    // italic nothing.
    let parsed = FormattedText::from_markdown(&formatted.to_markdown());
    assert_eq!(parsed.text, "a👍");
    assert_eq!(parsed.entities, [code(1, 2)]);
    let parsed = FormattedText::from_html(&formatted.to_html()).unwrap_or_default();
    assert_eq!(parsed.entities, [code(1, 2)]);
}
