//! The README is tested: every command block runs against the sandbox (`nxcdp sandbox`, default
//! data, as a newcomer would run it), and every block of output is compared with what nxcdp
//! prints. A command that fails, prints nothing, or prints other than the README says fails this
//! test. Blocks that need a real account, a release archive or a build are marked in the README
//! with `<!-- test: skip: why -->` on the line before them.
//!
//! Each `sh` block runs in a directory of its own (the files one line writes, the next reads),
//! with `nxcdp` on `PATH`, `HOME` and the config file in that directory (the config file is the
//! README's example, its `staging` profile pointed at the sandbox), and every proxy variable
//! pointing at a dead loopback port: a command that tried to reach anything but the sandbox
//! would fail.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod blocks;
mod output;
mod shell;
