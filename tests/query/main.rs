//! `nxcdp customers query` end to end: the real binary against the real sandbox over loopback.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod errors;
mod filters;
mod walks;
