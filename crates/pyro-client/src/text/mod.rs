//! Text formatting: Markdown and HTML to message entities and back.
//!
//! Telegram sends a message's formatting as entities: ranges of its text, counted in UTF-16
//! code units, with a kind (bold, link, custom emoji...). [`FormattedText`] converts between
//! entities and the two markups Pyrogram's users write:
//!
//! | entity | Markdown | HTML |
//! |---|---|---|
//! | bold | `**bold**` | `<b>`, `<strong>` |
//! | italic | `__italic__` | `<i>`, `<em>` |
//! | underline | `--underline--` | `<u>`, `<ins>` |
//! | strikethrough | `~~strike~~` | `<s>`, `<strike>`, `<del>` |
//! | spoiler | `\|\|spoiler\|\|` | `<tg-spoiler>`, `<span class="tg-spoiler">` |
//! | code | `` `code` `` | `<code>` |
//! | pre | ```` ```lang⏎code``` ```` | `<pre>`, `<pre language="x">`, `<pre><code class="language-x">` |
//! | link | `[text](https://…)` | `<a href="https://…">` |
//! | user mention | `[text](tg://user?id=1)` | `<a href="tg://user?id=1">` |
//! | custom emoji | `![👍](tg://emoji?id=5368324170671202286)` | `<tg-emoji emoji-id="…">` |
//! | blockquote | lines starting with `>` | `<blockquote>` |
//! | expandable blockquote | first line `**>`, last line ending in `\|\|` | `<blockquote expandable>` |
//!
//! Entities the server detects by itself (mentions, hashtags, URLs, commands, phone numbers...)
//! are not markup: rendering leaves their text plain, and the server finds them again.
//!
//! # Errors and edge cases (decided)
//! - **Markdown never fails.** `\` escapes any ASCII punctuation; a delimiter, backtick or
//!   bracket without its partner is literal text (`2 ** 3` stays `2 ** 3`).
//! - **HTML is strict**, like the Bot API's: an unclosed tag, a stray or mismatched closing tag,
//!   an unknown tag or a malformed one is an [`HtmlError`] with its byte offset. A `<` that does
//!   not start a tag and an unknown `&` reference are literal text.
//! - Nothing panics on any input; empty input gives empty text and no entities.
//! - Parsed entities are in canonical form (see [`normalize_entities`]): sorted by offset (longer
//!   first), with touching or overlapping entities of the same kind merged. Rendering then
//!   parsing canonical entities gives them back unchanged, for HTML always and for Markdown as
//!   long as every blockquote covers whole lines (Markdown quotes lines; a quote that starts or
//!   ends mid-line is widened to its lines, and quotes on consecutive lines become one), no code
//!   overlaps a pre or another code (Markdown keeps the first), and no entity crosses the end of
//!   an expandable quote. In code and pre, a line-leading `>` is a quote marker; write `\>`.
//! - Entities may overlap without nesting; rendering closes and reopens the inner one at the
//!   crossing (`<b>a<i>b</i></b><i>c</i>`), which parses back to the same two entities. In
//!   Markdown, code and pre are kept innermost the same way, since their content is literal.
//! - A mention parses to `messageEntityMentionName`; to send it, the client swaps in
//!   `inputMessageEntityMentionName` with the user's access hash.
//!
//! # Example
//!
//! ```
//! use pyro_client::text::{FormattedText, utf16_len};
//! use pyro_tl_types::api::{enums::MessageEntity, types};
//!
//! let parsed = FormattedText::from_markdown("**Hi** 👋 __[you](tg://user?id=42)__");
//! assert_eq!(parsed.text, "Hi 👋 you");
//! assert_eq!(
//!     parsed.entities,
//!     [
//!         MessageEntity::from(types::MessageEntityBold { offset: 0, length: 2 }),
//!         // 👋 is two UTF-16 units, so "you" starts at 6.
//!         types::MessageEntityMentionName { offset: 6, length: 3, user_id: 42 }.into(),
//!         types::MessageEntityItalic { offset: 6, length: 3 }.into(),
//!     ]
//! );
//! assert_eq!(utf16_len(&parsed.text), 9);
//!
//! // The same entities as HTML, and back.
//! let html = parsed.to_html();
//! assert_eq!(html, r#"<b>Hi</b> 👋 <a href="tg://user?id=42"><i>you</i></a>"#);
//! assert_eq!(FormattedText::from_html(&html)?, parsed);
//! assert_eq!(FormattedText::from_markdown(&parsed.to_markdown()), parsed);
//!
//! // Unclosed HTML is an error; unclosed Markdown is literal.
//! assert!(FormattedText::from_html("<b>bold").is_err());
//! assert_eq!(FormattedText::from_markdown("**bold").text, "**bold");
//! # Ok::<(), pyro_client::text::HtmlError>(())
//! ```

mod html;
mod markdown_lex;
mod markdown_parse;
mod markdown_render;
mod nest;
mod span;

use pyro_tl_types::api::enums::MessageEntity;
use thiserror::Error;

pub use span::utf16_len;

/// Why HTML could not be parsed (always the input's fault). Offsets are in bytes of the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HtmlError {
    /// A tag opened and never closed.
    #[error("<{tag}> at byte {offset} is never closed")]
    UnclosedTag {
        /// The tag's name.
        tag: String,
        /// Where it opened.
        offset: usize,
    },
    /// A closing tag that does not close the innermost open tag.
    #[error("</{tag}> at byte {offset} closes no open tag")]
    UnexpectedCloseTag {
        /// The tag's name.
        tag: String,
        /// Where it is.
        offset: usize,
    },
    /// A tag Telegram does not support.
    #[error("unsupported tag <{tag}> at byte {offset}")]
    UnsupportedTag {
        /// The tag's name.
        tag: String,
        /// Where it is.
        offset: usize,
    },
    /// A tag that does not end, or whose name or attributes are malformed.
    #[error("malformed tag at byte {offset}")]
    MalformedTag {
        /// Where it starts.
        offset: usize,
    },
    /// A tag without an attribute it needs (`tg-emoji` without a numeric `emoji-id`).
    #[error("<{tag}> at byte {offset} needs attribute {attribute}")]
    MissingAttribute {
        /// The tag's name.
        tag: String,
        /// The attribute.
        attribute: &'static str,
        /// Where the tag is.
        offset: usize,
    },
}

/// Text with its formatting entities (offsets and lengths in UTF-16 code units).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormattedText {
    /// The plain text.
    pub text: String,
    /// The entities over it.
    pub entities: Vec<MessageEntity>,
}

impl FormattedText {
    /// Text without formatting.
    #[must_use]
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            entities: Vec::new(),
        }
    }

    /// Parses Pyrogram-style Markdown. Never fails: unpaired markup is literal text.
    #[must_use]
    pub fn from_markdown(markdown: &str) -> Self {
        let (text, spans) = markdown_parse::parse(markdown);
        Self::from_spans(text, spans)
    }

    /// Parses Telegram's HTML subset.
    pub fn from_html(html: &str) -> Result<Self, HtmlError> {
        let (text, spans) = html::parse(html)?;
        Ok(Self::from_spans(text, spans))
    }

    /// Renders the formatting entities as Markdown (server-detected entities stay plain).
    #[must_use]
    pub fn to_markdown(&self) -> String {
        markdown_render::render(&self.text, &self.spans())
    }

    /// Renders the formatting entities as HTML (server-detected entities stay plain).
    #[must_use]
    pub fn to_html(&self) -> String {
        html::render(&self.text, &self.spans())
    }

    fn from_spans(text: String, spans: Vec<span::Span>) -> Self {
        let spans = span::normalize_spans(spans, utf16_len(&text));
        Self {
            entities: spans.iter().map(span::entity_of).collect(),
            text,
        }
    }

    fn spans(&self) -> Vec<span::Span> {
        let spans = self.entities.iter().filter_map(span::span_of).collect();
        span::normalize_spans(spans, utf16_len(&self.text))
    }
}

/// The formatting entities of `entities` in canonical form: clipped to the text, empty and
/// server-detected ones dropped, touching or overlapping ones of the same kind merged (custom
/// emoji excepted), sorted by offset, longer first, then by kind (blockquote, pre, link,
/// mention, bold, italic, underline, strike, spoiler, code, custom emoji). This is the form
/// parsing returns.
#[must_use]
pub fn normalize_entities(text: &str, entities: &[MessageEntity]) -> Vec<MessageEntity> {
    let formatted = FormattedText {
        text: text.to_owned(),
        entities: entities.to_vec(),
    };
    formatted.spans().iter().map(span::entity_of).collect()
}
