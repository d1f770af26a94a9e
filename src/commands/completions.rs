//! `nxcdp completions SHELL` and `nxcdp man`: generated from the argument model.

use super::Cli;
use anyhow::Result;
use clap::{Args, CommandFactory};
use std::io::Write;

pub const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  nxcdp completions bash > ~/.local/share/bash-completion/completions/nxcdp
  nxcdp completions zsh > \"${fpath[1]}/_nxcdp\"
  nxcdp completions fish > ~/.config/fish/completions/nxcdp.fish";

pub const MAN_EXAMPLES: &str = "\
Examples:
  nxcdp man | man -l -
  nxcdp man > /usr/local/share/man/man1/nxcdp.1";

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    clap_complete::generate(args.shell, &mut Cli::command(), "nxcdp", out);
    Ok(())
}

pub fn man(out: &mut dyn Write) -> Result<()> {
    Ok(clap_mangen::Man::new(Cli::command()).render(out)?)
}
