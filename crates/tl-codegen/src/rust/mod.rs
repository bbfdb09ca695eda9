//! The Rust generator: a parsed schema to the modules of `pyro-tl-types`.
//!
//! For a schema generated as module `m` (`api` or `mtproto`) it writes:
//! - `m/mod.rs`: the module docs and `name_for_id`;
//! - `m/types/…`: one struct per constructor (bare serialization: no id);
//! - `m/enums/…`: one enum per boxed type (boxed serialization: id, then the constructor);
//! - `m/functions/…`: one struct per function (serialized with its id), implementing `RemoteCall`;
//! - with every type and enum, its `CollectPeers` walk (module `peers`);
//!
//! each split into one file per namespace (`types/messages.rs`), the root namespace in `mod.rs`.
//! Flags words are not stored: they are computed from the `Option`/`bool` fields when
//! serializing. Large enum variants are boxed (see [`enums`]).

mod enums;
mod model;
mod peers;
mod samples;
mod structs;

pub use samples::ENUM_SIZE_LIMIT;

use crate::ast::Definition;
use crate::error::GenerateError;
use crate::naming::module_name;
use model::{Item, Model};
use std::collections::{BTreeSet, HashMap};

/// `writeln!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}
pub(crate) use w;

/// The serde derive line put on every generated type.
pub(crate) const SERDE: &str =
    "#[cfg_attr(feature = \"serde\", derive(serde::Serialize, serde::Deserialize))]";

/// A constructor implemented by hand instead of generated (for example `message`, whose body's
/// length is given by another field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extern {
    /// The TL name of the constructor.
    pub tl_name: String,
    /// The Rust path of the hand-written type, re-exported from the `types` module.
    pub rust_path: String,
    /// A Rust expression building a sample value with every field non-default, for the round-trip
    /// test; `{root}` stands for the schema module's path.
    pub sample: String,
}

/// What to generate for one schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The Rust module name (`api`).
    pub module: String,
    /// One line describing the schema, for the module docs.
    pub title: String,
    /// The schema files, for the "generated from" notes.
    pub sources: Vec<String>,
    /// Hand-written constructors.
    pub externs: Vec<Extern>,
}

/// One generated file: its path relative to the output directory, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path with `/` separators.
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

/// Generates the library modules of one schema (paths relative to the `generated/` directory).
pub fn generate_module(
    defs: &[Definition],
    spec: &Spec,
) -> Result<Vec<GeneratedFile>, GenerateError> {
    let externs: HashMap<String, String> = spec
        .externs
        .iter()
        .map(|e| (e.tl_name.clone(), e.rust_path.clone()))
        .collect();
    let model = Model::build(defs, &externs)?;
    let reach = peers::Reach::of(&model);
    let root = format!("crate::{}", spec.module);
    let mut files = Vec::new();
    let m = &spec.module;
    let mut top = header(&format!("{}.", spec.title), spec);
    w!(top, "pub mod enums;\npub mod functions;\npub mod types;");
    w!(
        top,
        "/// The TL name of a constructor or function id of this schema, if it has one."
    );
    w!(
        top,
        "pub fn name_for_id(id: u32) -> Option<&'static str> {{"
    );
    w!(top, "    Some(match id {{");
    for item in model.types.iter().chain(&model.functions) {
        w!(
            top,
            "        {:#010x} => {:?},",
            item.def.id,
            item.def.full_name()
        );
    }
    w!(top, "        _ => return None,\n    }})\n}}");
    files.push(GeneratedFile {
        path: format!("{m}/mod.rs"),
        contents: top,
    });

    let types: Vec<&Item<'_>> = model.types.iter().collect();
    files.extend(split(
        spec,
        "types",
        "Constructors (bare: serialized without their id)",
        &types,
        |i| i.def.namespace.clone(),
        |out, item| {
            match &item.external {
                Some(path) => w!(out, "pub use {path};"),
                None => structs::emit_struct(out, item, &root),
            }
            peers::emit_struct_impl(out, item, &peers::impl_path(item, &root), &reach);
        },
    ));
    let boxed: Vec<&model::Boxed> = model.boxed.iter().collect();
    files.extend(split(
        spec,
        "enums",
        "Boxed types (serialized with the constructor id)",
        &boxed,
        |b| b.namespace.clone(),
        |out, b| {
            enums::emit_enum(out, b, &model, &root);
            peers::emit_enum_impl(out, b, &model, &reach);
        },
    ));
    let functions: Vec<&Item<'_>> = model.functions.iter().collect();
    files.extend(split(
        spec,
        "functions",
        "Functions (RPC requests, serialized with their id)",
        &functions,
        |i| i.def.namespace.clone(),
        |out, item| structs::emit_struct(out, item, &root),
    ));
    Ok(files)
}

/// Generates the round-trip test module of one schema; `crate_root` is how the test names the
/// schema module (`pyro_tl_types::api`).
pub fn generate_tests(
    defs: &[Definition],
    spec: &Spec,
    crate_root: &str,
) -> Result<String, GenerateError> {
    let externs: HashMap<String, String> = spec
        .externs
        .iter()
        .map(|e| (e.tl_name.clone(), e.rust_path.clone()))
        .collect();
    let model = Model::build(defs, &externs)?;
    Ok(samples::emit_tests(&model, spec, crate_root))
}

/// The first lines of every generated file.
fn header(doc: &str, spec: &Spec) -> String {
    let mut out = String::new();
    w!(out, "//! {doc}");
    w!(out, "//!");
    w!(
        out,
        "//! @generated by pyro-tl-codegen from {}; regenerate with `cargo xtask codegen`.",
        spec.sources.join(", ")
    );
    w!(
        out,
        "#![allow(unused_imports, clippy::all, clippy::pedantic)]"
    );
    w!(
        out,
        "use crate::{{Cursor, Deserializable, DeserializeError, Identifiable, RemoteCall, Serializable}};"
    );
    out
}

/// Writes `kind/mod.rs` (root namespace) and `kind/<namespace>.rs` files.
fn split<T>(
    spec: &Spec,
    kind: &str,
    what: &str,
    items: &[T],
    namespace: impl Fn(&T) -> Option<String>,
    mut emit: impl FnMut(&mut String, &T),
) -> Vec<GeneratedFile> {
    let namespaces: BTreeSet<String> = items.iter().filter_map(&namespace).collect();
    let mut root = header(&format!("{what} of {}.", spec.title), spec);
    for ns in &namespaces {
        w!(root, "pub mod {};", module_name(ns));
    }
    let mut files = Vec::new();
    for ns in &namespaces {
        let mut out = header(&format!("{what} of the `{ns}` namespace."), spec);
        for item in items.iter().filter(|i| namespace(i).as_ref() == Some(ns)) {
            emit(&mut out, item);
        }
        files.push(GeneratedFile {
            path: format!("{}/{kind}/{}.rs", spec.module, module_name(ns)),
            contents: out,
        });
    }
    for item in items.iter().filter(|i| namespace(i).is_none()) {
        emit(&mut root, item);
    }
    files.insert(
        0,
        GeneratedFile {
            path: format!("{}/{kind}/mod.rs", spec.module),
            contents: root,
        },
    );
    files
}
