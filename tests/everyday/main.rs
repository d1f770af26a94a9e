//! Everyday use: fields, readable custom fields, columns, dry runs, pipes, completions, man page
//! and `nxcdp config`.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod config;
mod docs;
mod fields;
mod requests;
mod terminal;
