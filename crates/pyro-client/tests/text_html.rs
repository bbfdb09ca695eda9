//! HTML parsing and rendering: every supported tag and its aliases, character references,
//! UTF-16 offsets, nesting and overlap, and the typed errors of malformed input.

use pyro_client::text::{FormattedText, HtmlError};
use pyro_tl_types::api::enums::MessageEntity;
use pyro_tl_types::api::types;

fn parse(html: &str) -> FormattedText {
    let parsed = FormattedText::from_html(html).unwrap_or_else(|e| panic!("{html:?}: {e}"));
    let again = FormattedText::from_html(&parsed.to_html());
    assert_eq!(
        again.as_ref(),
        Ok(&parsed),
        "round trip of {html:?} via {:?}",
        parsed.to_html()
    );
    parsed
}

fn check(html: &str, text: &str, entities: &[MessageEntity]) {
    let parsed = parse(html);
    assert_eq!(parsed.text, text, "text of {html:?}");
    assert_eq!(parsed.entities, entities, "entities of {html:?}");
}

fn bold(offset: i32, length: i32) -> MessageEntity {
    types::MessageEntityBold { offset, length }.into()
}
fn italic(offset: i32, length: i32) -> MessageEntity {
    types::MessageEntityItalic { offset, length }.into()
}
fn pre(offset: i32, length: i32, language: &str) -> MessageEntity {
    types::MessageEntityPre {
        offset,
        length,
        language: language.into(),
    }
    .into()
}

#[test]
fn tags_and_aliases() {
    for tag in ["b", "strong", "B"] {
        check(&format!("<{tag}>x</{tag}>"), "x", &[bold(0, 1)]);
    }
    for tag in ["i", "em"] {
        check(&format!("<{tag}>x</{tag}>"), "x", &[italic(0, 1)]);
    }
    for tag in ["u", "ins"] {
        check(
            &format!("<{tag}>x</{tag}>"),
            "x",
            &[types::MessageEntityUnderline {
                offset: 0,
                length: 1,
            }
            .into()],
        );
    }
    for tag in ["s", "strike", "del"] {
        check(
            &format!("<{tag}>x</{tag}>"),
            "x",
            &[types::MessageEntityStrike {
                offset: 0,
                length: 1,
            }
            .into()],
        );
    }
    let spoiler: MessageEntity = types::MessageEntitySpoiler {
        offset: 0,
        length: 1,
    }
    .into();
    check(
        "<tg-spoiler>x</tg-spoiler>",
        "x",
        std::slice::from_ref(&spoiler),
    );
    check(r#"<span class="tg-spoiler">x</span>"#, "x", &[spoiler]);
    check(
        "<code>x</code>",
        "x",
        &[types::MessageEntityCode {
            offset: 0,
            length: 1,
        }
        .into()],
    );
    check("<pre>x</pre>", "x", &[pre(0, 1, "")]);
    check(r#"<pre language="c++">x</pre>"#, "x", &[pre(0, 1, "c++")]);
    check(
        r#"<pre><code class="language-rust">x</code></pre>"#,
        "x",
        &[pre(0, 1, "rust")],
    );
    check(
        r#"<a href="https://t.me/?a=1&amp;b=2">x</a>"#,
        "x",
        &[types::MessageEntityTextUrl {
            offset: 0,
            length: 1,
            url: "https://t.me/?a=1&b=2".into(),
        }
        .into()],
    );
    check(
        r"<a href='tg://user?id=77'>x</a>",
        "x",
        &[types::MessageEntityMentionName {
            offset: 0,
            length: 1,
            user_id: 77,
        }
        .into()],
    );
    check(
        r#"<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>"#,
        "👍",
        &[types::MessageEntityCustomEmoji {
            offset: 0,
            length: 2,
            document_id: 5_368_324_170_671_202_286,
        }
        .into()],
    );
    check(
        "<blockquote>q</blockquote><blockquote expandable>e</blockquote>",
        "qe",
        &[
            types::MessageEntityBlockquote {
                collapsed: false,
                offset: 0,
                length: 1,
            }
            .into(),
            types::MessageEntityBlockquote {
                collapsed: true,
                offset: 1,
                length: 1,
            }
            .into(),
        ],
    );
    // A link without href is plain text.
    check("<a>x</a>", "x", &[]);
}

#[test]
fn character_references_and_literal_brackets() {
    check("&lt;b&gt; &amp; &quot;q&quot; &apos;", "<b> & \"q\" '", &[]);
    check("&#128077; &#x1F44D; &#65;", "👍 👍 A", &[]);
    check(
        "a < b && c > d; &unknown; &#xZZ;",
        "a < b && c > d; &unknown; &#xZZ;",
        &[],
    );
    check("1 <2", "1 <2", &[]);
    let formatted = FormattedText::plain("<b>&amp;</b>");
    assert_eq!(formatted.to_html(), "&lt;b&gt;&amp;amp;&lt;/b&gt;");
    assert_eq!(parse(&formatted.to_html()), formatted);
}

#[test]
fn utf16_offsets() {
    check(
        "👨\u{200d}👩\u{200d}👧 <b>x</b>",
        "👨\u{200d}👩\u{200d}👧 x",
        &[bold(9, 1)],
    );
    check("مرحبا <i>עולם</i>", "مرحبا עולם", &[italic(6, 4)]);
    check("", "", &[]);
}

#[test]
fn nesting_adjacency_and_overlap() {
    check("<b>a<i>b</i>c</b>", "abc", &[bold(0, 3), italic(1, 1)]);
    check("<b>a</b><i>b</i>", "ab", &[bold(0, 1), italic(1, 1)]);
    check("<b>a</b><b>b</b>", "ab", &[bold(0, 2)]);
    check("<b><b>x</b></b>", "x", &[bold(0, 1)]);
    // Overlapping entities render by closing and reopening the inner one.
    let formatted = FormattedText {
        text: "abcde".into(),
        entities: vec![bold(0, 3), italic(2, 3)],
    };
    assert_eq!(formatted.to_html(), "<b>ab<i>c</i></b><i>de</i>");
    assert_eq!(parse(&formatted.to_html()).entities, formatted.entities);
    // The same span under several kinds.
    check(
        "<u><b>x</b></u>",
        "x",
        &[
            bold(0, 1),
            types::MessageEntityUnderline {
                offset: 0,
                length: 1,
            }
            .into(),
        ],
    );
}

#[test]
fn malformed_html_is_a_typed_error() {
    let cases: [(&str, HtmlError); 7] = [
        (
            "<b>bold",
            HtmlError::UnclosedTag {
                tag: "b".into(),
                offset: 0,
            },
        ),
        (
            "x</b>",
            HtmlError::UnexpectedCloseTag {
                tag: "b".into(),
                offset: 1,
            },
        ),
        (
            "<b><i>x</b></i>",
            HtmlError::UnexpectedCloseTag {
                tag: "b".into(),
                offset: 7,
            },
        ),
        (
            "<marquee>x</marquee>",
            HtmlError::UnsupportedTag {
                tag: "marquee".into(),
                offset: 0,
            },
        ),
        (
            "<span>x</span>",
            HtmlError::UnsupportedTag {
                tag: "span".into(),
                offset: 0,
            },
        ),
        ("<b", HtmlError::MalformedTag { offset: 0 }),
        (
            "<tg-emoji>x</tg-emoji>",
            HtmlError::MissingAttribute {
                tag: "tg-emoji".into(),
                attribute: "emoji-id",
                offset: 0,
            },
        ),
    ];
    for (html, error) in cases {
        assert_eq!(FormattedText::from_html(html), Err(error), "{html:?}");
    }
    assert!(matches!(
        FormattedText::from_html(r#"<a href="x>y</a>"#),
        Err(HtmlError::MalformedTag { .. })
    ));
}
