//! Project automation: `cargo xtask codegen [--check]`.
//!
//! `codegen` regenerates the TL code checked in under `crates/tl-types/src/generated/` (and the
//! generated round-trip tests under `crates/tl-types/tests/generated/`) from `schema/`;
//! `codegen --check` writes nothing and fails when any of those files is missing, different or
//! left over.

use pyro_tl_codegen::project::{GENERATED_DIR, TESTS_DIR, project_files};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        _ => Err("usage: cargo xtask codegen [--check]".to_string()),
    };
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: xtask's manifest lives in `<root>/xtask`.
fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or(manifest.clone(), Path::to_path_buf)
}

/// Every file currently under `dir`, as paths relative to `root`.
fn existing(root: &Path, dir: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![root.join(dir)];
    while let Some(path) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(root) {
                found.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

fn codegen(check: bool) -> Result<String, String> {
    let root = repo_root();
    let files = project_files(&root).map_err(|e| e.to_string())?;
    let wanted: BTreeSet<String> = files.iter().map(|f| f.path.clone()).collect();
    let mut present = existing(&root, GENERATED_DIR);
    present.extend(existing(&root, TESTS_DIR));
    let leftover: Vec<&String> = present.difference(&wanted).collect();
    let changed: Vec<&str> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(root.join(&f.path)).ok().as_deref() != Some(f.contents.as_str())
        })
        .map(|f| f.path.as_str())
        .collect();
    if check {
        if changed.is_empty() && leftover.is_empty() {
            return Ok(format!(
                "generated code is up to date ({} files)",
                files.len()
            ));
        }
        return Err(format!(
            "generated code is stale; run `cargo xtask codegen`\n  differ: {changed:?}\n  left over: {leftover:?}"
        ));
    }
    for file in files.iter().filter(|f| changed.contains(&f.path.as_str())) {
        let path = root.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    for path in &leftover {
        std::fs::remove_file(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(format!(
        "{} files written, {} removed, {} unchanged",
        changed.len(),
        leftover.len(),
        files.len() - changed.len()
    ))
}
