//! The checked-in generated code must be what pyro-tl-codegen makes of `schema/` today.

use pyro_tl_codegen::project::project_files;
use std::path::Path;

#[test]
fn generated_code_is_up_to_date() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files = project_files(&repo).expect("schema generates");
    let stale: Vec<&str> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(repo.join(&f.path)).ok().as_deref() != Some(f.contents.as_str())
        })
        .map(|f| f.path.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "stale generated files (run `cargo xtask codegen`): {stale:?}"
    );
}
