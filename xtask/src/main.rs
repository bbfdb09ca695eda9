//! Project automation. `cargo xtask codegen` is filled in with the TL code generator.
fn main() {}
