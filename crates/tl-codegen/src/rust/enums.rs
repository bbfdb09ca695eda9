//! Emits one enum per boxed type: its variants, `Default`, `Serializable`, `Deserializable` and
//! `From` each constructor.

use super::model::{Boxed, Item, Model, RType};
use super::{SERDE, w};
use crate::naming::{module_name, variant_name};

/// Variants whose struct may be bigger than this (estimated, in bytes) are boxed, so that every
/// enum stays small however large its biggest constructor is.
const INLINE_LIMIT: usize = 40;

/// The estimated size of a value of `ty`, or `None` when it holds an enum or a type variable
/// (those variants are always boxed: it also breaks recursive types).
fn estimate(ty: &RType, model: &Model<'_>) -> Option<usize> {
    Some(match ty {
        RType::Bool | RType::True => 1,
        RType::Int => 4,
        RType::Long | RType::Double => 8,
        RType::Int128 => 16,
        RType::Int256 => 32,
        RType::String | RType::Bytes | RType::Vector(_) | RType::BareVector(_) => 24,
        RType::Enum(..) | RType::Generic(_) => return None,
        RType::Struct(ns, name) => {
            let item = model
                .types
                .iter()
                .find(|t| &t.def.namespace == ns && &t.rust_name == name)?;
            item_size(item, model)?
        }
    })
}

/// The estimated size of a constructor's struct, `None` if it must be boxed regardless.
fn item_size(item: &Item<'_>, model: &Model<'_>) -> Option<usize> {
    if item.external.is_some() {
        return None;
    }
    item.fields.iter().try_fold(0, |sum, f| {
        let size = estimate(&f.ty, model)?;
        Some(
            sum + if f.flag.is_some() && f.ty != RType::True {
                size + 8
            } else {
                size
            },
        )
    })
}

/// Whether the variant for `item` holds a `Box`.
pub(crate) fn is_boxed(item: &Item<'_>, model: &Model<'_>) -> bool {
    item_size(item, model).is_none_or(|size| size > INLINE_LIMIT)
}

/// Whether the variant for `item` carries no data.
pub(crate) fn is_unit(item: &Item<'_>) -> bool {
    item.fields.is_empty() && item.external.is_none()
}

/// The variant names of a boxed type, falling back to full names where stripping would clash.
pub(crate) fn variants(boxed: &Boxed, model: &Model<'_>) -> Vec<String> {
    let short: Vec<String> = boxed
        .ctors
        .iter()
        .map(|&c| variant_name(&boxed.rust_name, &model.types[c].rust_name))
        .collect();
    short
        .iter()
        .zip(&boxed.ctors)
        .map(|(v, &c)| {
            if short.iter().filter(|o| *o == v).count() > 1 {
                model.types[c].rust_name.clone()
            } else {
                v.clone()
            }
        })
        .collect()
}

/// The path of a constructor's struct.
pub(crate) fn struct_path(item: &Item<'_>, root: &str) -> String {
    match &item.def.namespace {
        Some(ns) => format!("{root}::types::{}::{}", module_name(ns), item.rust_name),
        None => format!("{root}::types::{}", item.rust_name),
    }
}

/// Emits the enum of one boxed type and its impls.
pub(crate) fn emit_enum(out: &mut String, boxed: &Boxed, model: &Model<'_>, root: &str) {
    let name = &boxed.rust_name;
    let names = variants(boxed, model);
    let ctors: Vec<&Item<'_>> = boxed.ctors.iter().map(|&c| &model.types[c]).collect();
    w!(
        out,
        "/// The boxed TL type `{}`: one of its {} constructors.",
        boxed.tl_name,
        ctors.len()
    );
    w!(out, "#[derive(Debug, Clone, PartialEq)]");
    w!(out, "{SERDE}");
    w!(out, "pub enum {name} {{");
    for (variant, item) in names.iter().zip(&ctors) {
        w!(out, "    /// `{}`", item.def);
        let path = struct_path(item, root);
        if is_unit(item) {
            w!(out, "    {variant},");
        } else if is_boxed(item, model) {
            w!(out, "    {variant}(Box<{path}>),");
        } else {
            w!(out, "    {variant}({path}),");
        }
    }
    w!(out, "}}");
    let simplest = boxed
        .ctors
        .iter()
        .position(|&c| c == boxed.simplest)
        .unwrap_or(0);
    let default = match (names.get(simplest), ctors.get(simplest)) {
        (Some(v), Some(item)) if is_unit(item) => format!("Self::{v}"),
        (Some(v), Some(item)) if is_boxed(item, model) => format!("Self::{v}(Box::default())"),
        (Some(v), _) => format!("Self::{v}(Default::default())"),
        _ => String::new(),
    };
    w!(out, "impl Default for {name} {{");
    w!(out, "    fn default() -> Self {{ {default} }}");
    w!(out, "}}");
    w!(out, "impl Serializable for {name} {{");
    w!(out, "    fn serialize(&self, buf: &mut Vec<u8>) {{");
    w!(out, "        match self {{");
    for (variant, item) in names.iter().zip(&ctors) {
        if is_unit(item) {
            w!(
                out,
                "            Self::{variant} => {:#010x}u32.serialize(buf),",
                item.def.id
            );
        } else {
            w!(
                out,
                "            Self::{variant}(x) => {{ {:#010x}u32.serialize(buf); x.serialize(buf) }}",
                item.def.id
            );
        }
    }
    w!(out, "        }}");
    w!(out, "    }}");
    w!(out, "}}");
    w!(out, "impl Deserializable for {name} {{");
    w!(
        out,
        "    fn deserialize(cur: &mut Cursor<'_>) -> Result<Self, DeserializeError> {{"
    );
    w!(out, "        let id = cur.enter()?;");
    w!(out, "        let value = match id {{");
    for (variant, item) in names.iter().zip(&ctors) {
        let id = item.def.id;
        if is_unit(item) {
            w!(out, "            {id:#010x} => Self::{variant},");
        } else if is_boxed(item, model) {
            w!(
                out,
                "            {id:#010x} => Self::{variant}(Box::new(Deserializable::deserialize(cur)?)),"
            );
        } else {
            w!(
                out,
                "            {id:#010x} => Self::{variant}(Deserializable::deserialize(cur)?),"
            );
        }
    }
    w!(
        out,
        "            _ => return Err(DeserializeError::UnknownConstructor {{ id, type_name: {:?} }}),",
        boxed.tl_name
    );
    w!(out, "        }};");
    w!(out, "        cur.leave();");
    w!(out, "        Ok(value)");
    w!(out, "    }}");
    w!(out, "}}");
    for (variant, item) in names.iter().zip(&ctors) {
        let path = struct_path(item, root);
        let body = if is_unit(item) {
            format!("Self::{variant}")
        } else if is_boxed(item, model) {
            format!("Self::{variant}(Box::new(x))")
        } else {
            format!("Self::{variant}(x)")
        };
        let arg = if is_unit(item) { "_" } else { "x" };
        w!(out, "impl From<{path}> for {name} {{");
        w!(out, "    fn from({arg}: {path}) -> Self {{ {body} }}");
        w!(out, "}}");
    }
}
