//! Issues 17 and 18, the config: a first run that says what to do, `config init` and `config
//! set` that check their answers without repeating them, a config file read safely (a regular
//! file, each profile on its own, errors naming the key) and edited in place (comments, links).
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod file;
mod init;
mod set;
