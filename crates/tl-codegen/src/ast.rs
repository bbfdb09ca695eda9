//! The parsed form of a TL schema: definitions, their parameters and types.

use std::fmt;

/// Whether a definition is a constructor of a data type or an RPC function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Declared under `---types---` (the default at the top of a file).
    Type,
    /// Declared under `---functions---`.
    Function,
}

/// One TL combinator: `name#id {X:Type} params... = Result;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// Namespace before the dot (`messages` in `messages.sendMessage`), if any.
    pub namespace: Option<String>,
    /// Name without the namespace (`sendMessage`).
    pub name: String,
    /// The id written after `#`, if the schema gives one.
    pub declared_id: Option<u32>,
    /// The CRC32 of the normalised definition (see [`crate::id`]); the wire id.
    pub id: u32,
    /// Type variables declared as `{X:Type}`.
    pub generics: Vec<String>,
    /// Parameters in wire order.
    pub params: Vec<Param>,
    /// The result type after `=`.
    pub result: Ty,
    /// Constructor or function.
    pub category: Category,
    /// 1-based line of the definition in its file.
    pub line: usize,
}

impl Definition {
    /// The full TL name, `namespace.name` or `name`.
    pub fn full_name(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{ns}.{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// One `name:type` parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The parameter's name as written.
    pub name: String,
    /// A flags word or a value.
    pub kind: ParamKind,
}

/// What a parameter carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamKind {
    /// `flags:#`: a 32-bit word of presence bits, computed when serializing.
    Flags,
    /// A value, present always or only when a flag bit is set.
    Field {
        /// The value's type.
        ty: Ty,
        /// `flags.N?` condition, if any.
        flag: Option<Flag>,
    },
}

/// A `word.bit?` condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The flags word's parameter name (`flags`, `flags2`).
    pub word: String,
    /// The bit, 0..=31.
    pub bit: u32,
}

/// A type expression: `Vector<long>`, `messages.Messages`, `!X`, `int`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ty {
    /// Namespace of the type's name, if any.
    pub namespace: Option<String>,
    /// The name without namespace.
    pub name: String,
    /// Written with `!` (a type variable standing for a function).
    pub bang: bool,
    /// The argument in `<...>`, if any.
    pub arg: Option<Box<Ty>>,
}

impl Ty {
    /// A bare type starts with a lower-case letter (after the namespace): `int`, `vector`,
    /// `future_salt`. Boxed types (`Vector`, `InputPeer`) start with a capital.
    pub fn is_bare(&self) -> bool {
        self.name.chars().next().is_some_and(char::is_lowercase)
    }

    /// The full name, `namespace.name` or `name`, without arguments.
    pub fn full_name(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{ns}.{}", self.name),
            None => self.name.clone(),
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bang {
            f.write_str("!")?;
        }
        f.write_str(&self.full_name())?;
        if let Some(arg) = &self.arg {
            write!(f, "<{arg}>")?;
        }
        Ok(())
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParamKind::Flags => write!(f, "{}:#", self.name),
            ParamKind::Field { ty, flag: None } => write!(f, "{}:{ty}", self.name),
            ParamKind::Field {
                ty,
                flag: Some(flag),
            } => {
                write!(f, "{}:{}.{}?{ty}", self.name, flag.word, flag.bit)
            }
        }
    }
}

impl fmt::Display for Definition {
    /// The definition as the schema writes it, with its wire id:
    /// `inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{:08x}", self.full_name(), self.id)?;
        for generic in &self.generics {
            write!(f, " {{{generic}:Type}}")?;
        }
        for param in &self.params {
            write!(f, " {param}")?;
        }
        write!(f, " = {}", self.result)
    }
}
