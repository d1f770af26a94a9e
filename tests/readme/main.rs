//! The docs are tested: every command block of README.md and docs/*.md runs against the sandbox
//! (`nxcdp sandbox`, default data, as a newcomer would run it), and every block of output is
//! compared with what nxcdp prints. A command that fails, prints nothing, or prints other than the
//! page says fails this test. Blocks that need a real account, a release archive or a build are
//! marked with `<!-- test: skip: why -->` on the line before them. A link between the pages that
//! points nowhere fails too, and so does a command whose `--help` names no guide page.
//!
//! A `console` block holds commands (`$ ...`) and what a terminal shows of each: it runs on a
//! pseudo-terminal 80 columns wide against a sandbox of its own, so what earlier blocks did to
//! the data does not change it.
//!
//! Each `sh` block runs in a directory of its own (the files one line writes, the next reads),
//! with `nxcdp` on `PATH`, `HOME` and the config file in that directory (the config file is the
//! docs' example, its `staging` profile pointed at the sandbox), and every proxy variable
//! pointing at a dead loopback port: a command that tried to reach anything but the sandbox
//! would fail.
//!
//! One test binary, a module per part.

#[path = "../common/mod.rs"]
mod common;

mod blocks;
mod console;
mod help;
mod links;
mod output;
mod shell;
