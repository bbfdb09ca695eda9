//! Emits one struct per constructor and per function, with its trait impls.

use super::model::{Field, Item, RType, rust_type};
use super::{SERDE, w};
use crate::ast::Category;
use crate::naming::field_name;

/// The generics of an item: `""` or `"<X>"`.
fn generics(item: &Item<'_>) -> String {
    if item.def.generics.is_empty() {
        String::new()
    } else {
        format!("<{}>", item.def.generics.join(", "))
    }
}

/// The generics of an impl whose type variables are bounded by `bound`.
fn bounded(item: &Item<'_>, bound: &str) -> String {
    if item.def.generics.is_empty() {
        String::new()
    } else {
        let vars: Vec<String> = item
            .def
            .generics
            .iter()
            .map(|g| format!("{g}: {bound}"))
            .collect();
        format!("<{}>", vars.join(", "))
    }
}

/// The Rust type of a field, with `Option` for flagged values.
fn field_type(field: &Field, root: &str) -> String {
    let ty = rust_type(&field.ty, root);
    match (&field.flag, &field.ty) {
        (Some(_), RType::True) | (None, _) => ty,
        (Some(_), _) => format!("Option<{ty}>"),
    }
}

/// Emits the struct, `Identifiable`, `Serializable`, `Deserializable` (and `RemoteCall` for
/// functions).
pub(crate) fn emit_struct(out: &mut String, item: &Item<'_>, root: &str) {
    let name = &item.rust_name;
    let tparams = generics(item);
    let is_fn = item.def.category == Category::Function;
    w!(out, "/// `{}`", item.def);
    w!(out, "#[derive(Debug, Clone, PartialEq, Default)]");
    w!(out, "{SERDE}");
    if item.fields.is_empty() {
        w!(out, "pub struct {name}{tparams} {{}}");
    } else {
        w!(out, "pub struct {name}{tparams} {{");
        for field in &item.fields {
            w!(out, "    /// `{}`", item.def.params[field.index - 1]);
            w!(
                out,
                "    pub {}: {},",
                field_name(&field.tl_name),
                field_type(field, root)
            );
        }
        w!(out, "}}");
    }
    w!(out, "impl{tparams} Identifiable for {name}{tparams} {{");
    w!(
        out,
        "    const CONSTRUCTOR_ID: u32 = {:#010x};",
        item.def.id
    );
    w!(out, "}}");
    emit_serialize(out, item, is_fn);
    emit_deserialize(out, item, is_fn);
    if is_fn {
        let ret = match &item.return_type {
            Some(ty) => rust_type(ty, root),
            None => format!("{}::Return", item.def.result.name),
        };
        w!(
            out,
            "impl{} RemoteCall for {name}{tparams} {{",
            bounded(item, "RemoteCall")
        );
        w!(out, "    type Return = {ret};");
        w!(out, "}}");
    }
}

fn emit_serialize(out: &mut String, item: &Item<'_>, is_fn: bool) {
    let (name, tparams) = (&item.rust_name, generics(item));
    let buf = if item.fields.is_empty() && item.flag_words.is_empty() && !is_fn {
        "_buf"
    } else {
        "buf"
    };
    w!(
        out,
        "impl{} Serializable for {name}{tparams} {{",
        bounded(item, "Serializable")
    );
    w!(out, "    fn serialize(&self, {buf}: &mut Vec<u8>) {{");
    if is_fn {
        w!(out, "        Self::CONSTRUCTOR_ID.serialize(buf);");
    }
    for entry in item.fields.iter().enumerate().map(Some).chain([None]) {
        let position = entry.map_or(item.fields.len(), |(k, _)| k);
        for (_, word) in item.word_positions.iter().filter(|(p, _)| *p == position) {
            let bits: Vec<String> = item
                .fields
                .iter()
                .filter_map(|f| {
                    let (fw, bit) = f.flag.as_ref()?;
                    let test = if f.ty == RType::True {
                        String::new()
                    } else {
                        ".is_some()".into()
                    };
                    (fw == word).then(|| {
                        format!(
                            " | u32::from(self.{}{test}) << {bit}",
                            field_name(&f.tl_name)
                        )
                    })
                })
                .collect();
            w!(out, "        (0u32{}).serialize(buf);", bits.concat());
        }
        let Some((_, field)) = entry else { continue };
        let fname = field_name(&field.tl_name);
        match (&field.flag, &field.ty) {
            (Some(_), RType::True) => {}
            (Some(_), ty) => w!(
                out,
                "        if let Some(v) = &self.{fname} {{ {} }}",
                write_value(ty, "v")
            ),
            (None, ty) => w!(out, "        {}", write_value(ty, &format!("self.{fname}"))),
        }
    }
    w!(out, "    }}");
    w!(out, "}}");
}

/// The statement writing one value.
fn write_value(ty: &RType, expr: &str) -> String {
    match ty {
        RType::BareVector(_) => format!("crate::write_bare_vec(&{expr}, buf);"),
        _ => format!("{expr}.serialize(buf);"),
    }
}

/// The expression reading one value.
fn read_value(ty: &RType) -> &'static str {
    match ty {
        RType::BareVector(_) => "crate::read_bare_vec(cur)?",
        _ => "Deserializable::deserialize(cur)?",
    }
}

fn emit_deserialize(out: &mut String, item: &Item<'_>, is_fn: bool) {
    let (name, tparams) = (&item.rust_name, generics(item));
    let cur = if item.fields.is_empty() && item.flag_words.is_empty() && !is_fn {
        "_cur"
    } else {
        "cur"
    };
    w!(
        out,
        "impl{} Deserializable for {name}{tparams} {{",
        bounded(item, "Deserializable")
    );
    w!(
        out,
        "    fn deserialize({cur}: &mut Cursor<'_>) -> Result<Self, DeserializeError> {{"
    );
    if is_fn {
        w!(
            out,
            "        cur.expect_id(Self::CONSTRUCTOR_ID, {:?})?;",
            item.def.full_name()
        );
    }
    let mut names = Vec::new();
    for entry in item.fields.iter().enumerate().map(Some).chain([None]) {
        let position = entry.map_or(item.fields.len(), |(k, _)| k);
        for (_, word) in item.word_positions.iter().filter(|(p, _)| *p == position) {
            let used = item
                .fields
                .iter()
                .any(|f| f.flag.as_ref().is_some_and(|(fw, _)| fw == word));
            let local = if used { word.clone() } else { "_".into() };
            w!(out, "        let {local} = u32::deserialize(cur)?;");
        }
        let Some((_, field)) = entry else { continue };
        let fname = field_name(&field.tl_name);
        match (&field.flag, &field.ty) {
            (Some((word, bit)), RType::True) => {
                w!(out, "        let {fname} = {word} & (1 << {bit}) != 0;");
            }
            (Some((word, bit)), ty) => w!(
                out,
                "        let {fname} = if {word} & (1 << {bit}) != 0 {{ Some({}) }} else {{ None }};",
                read_value(ty)
            ),
            (None, ty) => w!(out, "        let {fname} = {};", read_value(ty)),
        }
        names.push(fname);
    }
    w!(out, "        Ok(Self {{ {} }})", names.join(", "));
    w!(out, "    }}");
    w!(out, "}}");
}
