//! `nxcdp completions SHELL`: generated from the argument model, with the profile names asked
//! of `nxcdp config profiles` when the shell completes `--profile`.

use super::Cli;
use crate::customer;
use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;

pub const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  nxcdp completions bash > ~/.local/share/bash-completion/completions/nxcdp
  mkdir -p ~/.zfunc && nxcdp completions zsh > ~/.zfunc/_nxcdp
  mkdir -p ~/.config/fish/completions && nxcdp completions fish > ~/.config/fish/completions/nxcdp.fish

Guide: docs/install.md (in the source and in each release archive)";

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, ignore_case = true)]
    pub shell: Shell,
}

/// The argument model as completions and man pages show it: `Cli`'s, with the column names of
/// `customers fields --columns` (parsing accepts any name there and checks it later).
pub fn command() -> clap::Command {
    Cli::command().mut_subcommand("customers", |customers| {
        customers.mut_subcommand("fields", |fields| {
            fields.mut_arg("columns", |columns| {
                columns.value_parser(crate::cli::column_names(|| {
                    crate::cli::names(customer::FIELD_KEYS)
                }))
            })
        })
    })
}

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command(), "nxcdp", &mut script);
    let script = String::from_utf8(script)?;
    let script = complete_profiles(args.shell, &script);
    out.write_all(commands_first(args.shell, &script).as_bytes())?;
    Ok(())
}

/// clap_complete's bash script offers a command's flags and its subcommands in one list, and
/// bash sorts `--flags` first: `nxcdp customers <Tab>` showed 30 flags before `query`. As gh
/// and kubectl do, a word that does not start with `-` completes to the subcommands alone (where
/// there are some), and `-<Tab>` to the flags.
fn commands_first(shell: Shell, script: &str) -> String {
    const OFFER: &str = "                COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )\n                return 0";
    const COMMANDS_ONLY: &str = "                if [[ ${cur} != -* ]]; then local o words=\"\"; for o in ${opts}; do [[ ${o} == [a-z]* ]] && words+=\" ${o}\"; done; [[ -n ${words} ]] && opts=${words}; fi\n";
    match shell {
        Shell::Bash => script.replace(OFFER, &format!("{COMMANDS_ONLY}{OFFER}")),
        _ => script.to_string(),
    }
}

/// clap_complete completes `--profile` with file names; the profiles are in the config file, so
/// the scripts ask `nxcdp config profiles` at completion time instead (bash, zsh and fish; the
/// other shells keep clap's default).
fn complete_profiles(shell: Shell, script: &str) -> String {
    const ASK: &str = "nxcdp config profiles 2>/dev/null";
    match shell {
        Shell::Bash => script.replace(
            "--profile)\n                    COMPREPLY=($(compgen -f \"${cur}\"))",
            // Each name as plain text: `compgen -W` would expand `$(...)` in a profile's name.
            &format!("--profile)\n                    COMPREPLY=(); while IFS= read -r p; do [[ \"$p\" == \"${{cur}}\"* ]] && COMPREPLY+=(\"$p\"); done < <({ASK})"),
        ),
        Shell::Zsh => script
            .lines()
            .map(|line| match line.starts_with("'--profile=") {
                true => line.replace(
                    ":NAME:_default'",
                    &format!(":NAME:{{compadd -- ${{(f)\"$({ASK})\"}}}}'"),
                ),
                false => line.to_string(),
            })
            .map(|line| line + "\n")
            .collect(),
        Shell::Fish => script
            .lines()
            .map(|line| match line.contains(" -l profile ") && line.ends_with(" -r") {
                true => format!("{line} -f -a \"({ASK})\""),
                false => line.to_string(),
            })
            .map(|line| line + "\n")
            .collect(),
        _ => script.to_string(),
    }
}
