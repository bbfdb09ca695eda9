//! Errors of the TL parser and of the Rust generator.

use thiserror::Error;

/// A schema text that does not parse, with the place where parsing stopped.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}:{line}:{column}: {kind}")]
pub struct ParseError {
    /// Name of the schema file (as given to the parser), for messages.
    pub file: String,
    /// 1-based line of the offending token.
    pub line: usize,
    /// 1-based column (in characters) of the offending token.
    pub column: usize,
    /// What was wrong.
    pub kind: ParseErrorKind,
}

/// What kind of mistake a [`ParseError`] reports.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// A character that TL does not use outside comments.
    #[error("unexpected character {0:?}")]
    UnexpectedChar(char),
    /// A token other than the one the grammar requires here.
    #[error("expected {expected}, found {found}")]
    Expected {
        /// What the grammar allows at this point.
        expected: &'static str,
        /// What the text has instead.
        found: String,
    },
    /// The text ended inside a definition.
    #[error("unexpected end of input, expected {0}")]
    UnexpectedEnd(&'static str),
    /// A `#id` that is not 1 to 8 hexadecimal digits.
    #[error("invalid constructor id {0:?}")]
    InvalidId(String),
    /// A `flags.N?` condition whose bit is not 0..=31 or whose word was not declared with `:#`.
    #[error("invalid flag condition {0:?}")]
    InvalidFlag(String),
    /// A `---name---` section marker other than `types` and `functions`.
    #[error("unknown section {0:?}")]
    UnknownSection(String),
    /// A namespace nested more than one level deep (`a.b.c`), which the schema files never use.
    #[error("unsupported name {0:?}")]
    UnsupportedName(String),
}

/// A parsed schema that cannot be turned into Rust (or whose ids do not check out).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// A schema file failed to parse.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A schema file could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// A field refers to a type that no definition (or built-in) provides.
    #[error("{definition}: unknown type {ty}")]
    UnknownType {
        /// The definition holding the field.
        definition: String,
        /// The type as written in the schema.
        ty: String,
    },
    /// Two definitions map to the same Rust name or the same constructor id.
    #[error("duplicate {what}: {name}")]
    Duplicate {
        /// "Rust name", "constructor id", ...
        what: &'static str,
        /// The clashing name or id.
        name: String,
    },
    /// A declared id differs from the CRC32 of the definition's normalised text.
    #[error("{definition}: declared id {declared:08x}, computed {computed:08x}")]
    IdMismatch {
        /// The definition's TL name.
        definition: String,
        /// The id written after `#`.
        declared: u32,
        /// The CRC32 of the normalised text.
        computed: u32,
    },
    /// A boxed type none of whose constructors can be built without itself (an infinite value).
    #[error("type {0} has no finite constructor")]
    Unconstructible(String),
}
