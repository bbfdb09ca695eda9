//! The formatting entities this module reads and writes, as spans over UTF-16 code units, and
//! their conversion from and to the API's `MessageEntity`.

use pyro_tl_types::api::{enums, enums::MessageEntity, types};

/// A formatting kind, with its payload. The declaration order is the canonical order of spans
/// with the same range: blocks and links outside, code and custom emoji inside.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// `messageEntityBlockquote`.
    Blockquote { collapsed: bool },
    /// `messageEntityPre`.
    Pre(String),
    /// `messageEntityTextUrl`.
    TextUrl(String),
    /// `messageEntityMentionName` (or `inputMessageEntityMentionName` with a plain user).
    MentionName(i64),
    /// `messageEntityBold`.
    Bold,
    /// `messageEntityItalic`.
    Italic,
    /// `messageEntityUnderline`.
    Underline,
    /// `messageEntityStrike`.
    Strike,
    /// `messageEntitySpoiler`.
    Spoiler,
    /// `messageEntityCode`.
    Code,
    /// `messageEntityCustomEmoji`.
    CustomEmoji(i64),
}

/// A kind over the UTF-16 range `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
}

/// The UTF-16 offset and length of any entity.
pub(super) fn range_of(entity: &MessageEntity) -> (i32, i32) {
    macro_rules! each {
        ($($variant:ident),*) => {
            match entity {
                $(MessageEntity::$variant(e) => (e.offset, e.length),)*
                MessageEntity::InputMessageEntityMentionName(e) => (e.offset, e.length),
            }
        };
    }
    each!(
        Unknown,
        Mention,
        Hashtag,
        BotCommand,
        Url,
        Email,
        Bold,
        Italic,
        Code,
        Pre,
        TextUrl,
        MentionName,
        Phone,
        Cashtag,
        Underline,
        Strike,
        BankCard,
        Spoiler,
        CustomEmoji,
        Blockquote,
        FormattedDate,
        DiffInsert,
        DiffReplace,
        DiffDelete
    )
}

/// The span of a formatting entity; `None` for entities the server detects (mentions, hashtags,
/// URLs...), which stay plain text, and for empty or negative ranges.
pub(super) fn span_of(entity: &MessageEntity) -> Option<Span> {
    let kind = match entity {
        MessageEntity::Bold(_) => Kind::Bold,
        MessageEntity::Italic(_) => Kind::Italic,
        MessageEntity::Underline(_) => Kind::Underline,
        MessageEntity::Strike(_) => Kind::Strike,
        MessageEntity::Spoiler(_) => Kind::Spoiler,
        MessageEntity::Code(_) => Kind::Code,
        MessageEntity::Pre(e) => Kind::Pre(e.language.clone()),
        MessageEntity::TextUrl(e) => Kind::TextUrl(e.url.clone()),
        MessageEntity::MentionName(e) => Kind::MentionName(e.user_id),
        MessageEntity::InputMessageEntityMentionName(e) => match &e.user_id {
            enums::InputUser::InputUser(user) => Kind::MentionName(user.user_id),
            _ => return None,
        },
        MessageEntity::CustomEmoji(e) => Kind::CustomEmoji(e.document_id),
        MessageEntity::Blockquote(e) => Kind::Blockquote {
            collapsed: e.collapsed,
        },
        _ => return None,
    };
    let (offset, length) = range_of(entity);
    let start = usize::try_from(offset).ok()?;
    let length = usize::try_from(length).ok().filter(|l| *l > 0)?;
    Some(Span {
        start,
        end: start.saturating_add(length),
        kind,
    })
}

/// The API entity of a span.
pub(super) fn entity_of(span: &Span) -> MessageEntity {
    let offset = i32::try_from(span.start).unwrap_or(i32::MAX);
    let length = i32::try_from(span.end - span.start).unwrap_or(i32::MAX);
    match &span.kind {
        Kind::Bold => types::MessageEntityBold { offset, length }.into(),
        Kind::Italic => types::MessageEntityItalic { offset, length }.into(),
        Kind::Underline => types::MessageEntityUnderline { offset, length }.into(),
        Kind::Strike => types::MessageEntityStrike { offset, length }.into(),
        Kind::Spoiler => types::MessageEntitySpoiler { offset, length }.into(),
        Kind::Code => types::MessageEntityCode { offset, length }.into(),
        Kind::Pre(language) => types::MessageEntityPre {
            offset,
            length,
            language: language.clone(),
        }
        .into(),
        Kind::TextUrl(url) => types::MessageEntityTextUrl {
            offset,
            length,
            url: url.clone(),
        }
        .into(),
        Kind::MentionName(user_id) => types::MessageEntityMentionName {
            offset,
            length,
            user_id: *user_id,
        }
        .into(),
        Kind::CustomEmoji(document_id) => types::MessageEntityCustomEmoji {
            offset,
            length,
            document_id: *document_id,
        }
        .into(),
        Kind::Blockquote { collapsed } => types::MessageEntityBlockquote {
            collapsed: *collapsed,
            offset,
            length,
        }
        .into(),
    }
}

/// Puts spans in canonical form: clipped to `len` UTF-16 units, empty ones dropped, overlapping
/// or touching spans of the same kind and payload merged (custom emoji excepted: each covers
/// one emoji), then sorted by start, longer first, then by kind.
pub(super) fn normalize_spans(mut spans: Vec<Span>, len: usize) -> Vec<Span> {
    for s in &mut spans {
        s.end = s.end.min(len);
    }
    spans.retain(|s| s.start < s.end);
    spans.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.start.cmp(&b.start)));
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(last) = merged.last_mut()
            && last.kind == span.kind
            && !matches!(span.kind, Kind::CustomEmoji(_))
            && span.start <= last.end
        {
            last.end = last.end.max(span.end);
            continue;
        }
        merged.push(span);
    }
    merged.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.cmp(&b.kind))
    });
    merged
}

/// Text being built, with its length in UTF-16 code units.
#[derive(Default)]
pub(super) struct Out {
    pub(super) text: String,
    pub(super) utf16: usize,
}

impl Out {
    pub(super) fn push(&mut self, c: char) {
        self.text.push(c);
        self.utf16 += c.len_utf16();
    }

    pub(super) fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.utf16 += utf16_len(s);
    }
}

/// The length of `s` in UTF-16 code units (the unit of entity offsets).
#[must_use]
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// For each UTF-16 offset `0..=utf16_len(text)`, the byte offset of the character boundary at
/// or after it (an offset inside a surrogate pair rounds up to the end of that character).
pub(super) fn byte_offsets(text: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        map.push(i);
        if c.len_utf16() == 2 {
            map.push(i + c.len_utf8());
        }
    }
    map.push(text.len());
    map
}
