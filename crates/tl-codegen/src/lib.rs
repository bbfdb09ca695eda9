//! pyro-tl-codegen (being built; see the crate's Cargo.toml description).
