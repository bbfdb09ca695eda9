//! pyro's layout: which schema files make which module of `pyro-tl-types`, and where the
//! generated files go. Used by `cargo xtask codegen` and by the staleness test of `pyro-tl-types`.

use crate::ast::Definition;
use crate::error::GenerateError;
use crate::id::compute_id;
use crate::parse::parse_schema;
use crate::rust::{Extern, GeneratedFile, Spec, generate_module, generate_tests, w};
use std::path::Path;

/// Where the library modules go, relative to the repository root.
pub const GENERATED_DIR: &str = "crates/tl-types/src/generated";
/// Where the generated round-trip tests go, relative to the repository root.
pub const TESTS_DIR: &str = "crates/tl-types/tests/generated";

/// The schema files of the API module, relative to `schema/`.
pub const API_FILES: &[&str] = &["api.tl"];
/// The schema files of the MTProto module, relative to `schema/`.
pub const MTPROTO_FILES: &[&str] = &["auth_key.tl", "sys_msgs.tl", "mtproto_core.tl"];

/// Reads and parses schema files from `schema_dir`, in order.
pub fn load(schema_dir: &Path, files: &[&str]) -> Result<(Vec<Definition>, String), GenerateError> {
    let mut defs = Vec::new();
    let mut first_text = String::new();
    for file in files {
        let path = schema_dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| GenerateError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        defs.extend(parse_schema(file, &text)?);
        if first_text.is_empty() {
            first_text = text;
        }
    }
    Ok((defs, first_text))
}

/// The layer number from a schema's `// LAYER N` comment.
pub fn layer_of(text: &str) -> Option<i32> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("// LAYER ")?.trim().parse().ok())
}

/// Definitions whose declared id differs from the computed one: (name, declared, computed).
pub fn id_mismatches(defs: &[Definition]) -> Vec<(String, u32, u32)> {
    defs.iter()
        .filter_map(|d| {
            let computed = compute_id(d);
            d.declared_id
                .filter(|&id| id != computed)
                .map(|id| (d.full_name(), id, computed))
        })
        .collect()
}

/// The hand-written MTProto constructors (module `pyro_tl_types::envelope`): their layout depends
/// on other fields or on the end of the message, which TL cannot express.
fn mtproto_externs() -> Vec<Extern> {
    let message = "{root}::types::Message { msg_id: 1_000_001, seqno: 3, body: vec![1, 2, 3, 4, 5, 6, 7, 8] }";
    vec![
        Extern {
            tl_name: "message".into(),
            rust_path: "crate::envelope::Message".into(),
            sample: message.into(),
        },
        Extern {
            tl_name: "msg_container".into(),
            rust_path: "crate::envelope::MsgContainer".into(),
            sample: format!(
                "{{root}}::types::MsgContainer {{ messages: vec![{message}, {message}] }}"
            ),
        },
        Extern {
            tl_name: "rpc_result".into(),
            rust_path: "crate::envelope::RpcResult".into(),
            sample: "{root}::types::RpcResult { req_msg_id: 77, result: vec![9, 8, 7, 6, 5] }"
                .into(),
        },
    ]
}

fn specs() -> [(Spec, &'static [&'static str]); 2] {
    [
        (
            Spec {
                module: "api".into(),
                title: "the Telegram API (`schema/api.tl`)".into(),
                sources: vec!["schema/api.tl".into()],
                externs: Vec::new(),
            },
            API_FILES,
        ),
        (
            Spec {
                module: "mtproto".into(),
                title:
                    "the MTProto schema (`schema/auth_key.tl`, `sys_msgs.tl`, `mtproto_core.tl`)"
                        .into(),
                sources: MTPROTO_FILES
                    .iter()
                    .map(|f| format!("schema/{f}"))
                    .collect(),
                externs: mtproto_externs(),
            },
            MTPROTO_FILES,
        ),
    ]
}

/// Every generated file of the project, paths relative to the repository root.
pub fn project_files(repo_root: &Path) -> Result<Vec<GeneratedFile>, GenerateError> {
    let schema_dir = repo_root.join("schema");
    let mut files = Vec::new();
    let mut layer = None;
    for (spec, sources) in specs() {
        let (defs, text) = load(&schema_dir, sources)?;
        layer = layer.or_else(|| layer_of(&text));
        for file in generate_module(&defs, &spec)? {
            files.push(GeneratedFile {
                path: format!("{GENERATED_DIR}/{}", file.path),
                contents: file.contents,
            });
        }
        let tests = generate_tests(&defs, &spec, &format!("pyro_tl_types::{}", spec.module))?;
        files.push(GeneratedFile {
            path: format!("{TESTS_DIR}/roundtrip_{}.rs", spec.module),
            contents: tests,
        });
    }
    let mut root = String::new();
    w!(root, "//! The generated schema modules.");
    w!(root, "//!");
    w!(
        root,
        "//! @generated by pyro-tl-codegen from schema/; regenerate with `cargo xtask codegen`."
    );
    w!(
        root,
        "#[cfg(feature = \"api\")]\npub mod api;\n#[cfg(feature = \"mtproto\")]\npub mod mtproto;"
    );
    w!(
        root,
        "/// The API layer of `schema/api.tl` (its `// LAYER` line): sent in `invokeWithLayer`."
    );
    w!(
        root,
        "pub const LAYER: i32 = {};",
        layer.unwrap_or_default()
    );
    files.push(GeneratedFile {
        path: format!("{GENERATED_DIR}/mod.rs"),
        contents: root,
    });
    Ok(files)
}
