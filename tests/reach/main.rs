//! Issue 14, reaching more of the API and more networks: regions, TLS with the system's store and
//! `--ca-cert` (against the sandbox served over HTTPS), `nxcdp api`, `customers get`, the man
//! pages and shell completions that know the values.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod api;
mod completions;
mod get;
mod man;
mod regions;
mod tls;
