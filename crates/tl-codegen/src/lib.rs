//! A parser for Telegram's TL schema language and a Rust code generator for it.
//!
//! pyro checks in the generated code (`crates/tl-types/src/generated/`); `cargo xtask codegen`
//! regenerates it with [`project::project_files`] and `cargo xtask codegen --check` fails when
//! the checked-in copy is stale.
//!
//! - [`parse::parse_schema`] turns schema text into [`ast::Definition`]s (errors carry line and
//!   column);
//! - [`id`] computes each definition's constructor id (CRC32 of its normalised text) so that
//!   declared ids can be verified and missing ones filled in;
//! - [`rust`] writes the Rust modules; [`naming`] documents how TL names become Rust names.
//!
//! ```
//! use pyro_tl_codegen::parse::parse_schema;
//!
//! let defs = parse_schema("example.tl", "inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;")?;
//! assert_eq!(defs[0].id, 0xdde8a54c);
//! assert_eq!(pyro_tl_codegen::id::compute_id(&defs[0]), 0xdde8a54c);
//! assert_eq!(defs[0].to_string(), "inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer");
//! # Ok::<(), pyro_tl_codegen::error::ParseError>(())
//! ```

pub mod ast;
pub mod error;
pub mod id;
pub mod naming;
pub mod parse;
pub mod project;
pub mod rust;

pub use error::{GenerateError, ParseError};
