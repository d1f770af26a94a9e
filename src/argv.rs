//! The command line as typed, made into the one clap parses. Two things people type that clap
//! alone would refuse or mishandle:
//! - A command's flags before its name (`nxcdp --sandbox customers query`, `nxcdp -o json
//!   customers query`), as the aws CLI, kubectl and cargo take their options: they are moved after
//!   the command's name, where they mean what they always mean. `--help` of each command still
//!   lists only its own flags. A flag the command does not take is a usage error that names the
//!   commands that do.
//! - `--access-secret VALUE` whatever VALUE starts with: a secret may begin with `-`, and clap
//!   would then quote its first characters in an "unexpected argument" error.

use crate::error::Error;
use clap::{Arg, Command};
use std::ffi::OsString;

/// The flag whose value must never reach an error message.
const SECRET_FLAG: &str = "--access-secret";

/// The arguments to hand to clap (the program's name first).
pub fn prepare(cmd: &Command, args: Vec<OsString>) -> Result<Vec<OsString>, Error> {
    hoist(cmd, bind_secret(args))
}

/// The value given to `--access-secret`, if any: what an error message must not show.
pub fn secret(args: &[OsString]) -> Option<String> {
    args.iter().find_map(|a| {
        let value = a.to_str()?.strip_prefix(SECRET_FLAG)?.strip_prefix('=')?;
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// `--access-secret VALUE` becomes `--access-secret=VALUE`, so that clap takes any VALUE as the
/// value, `-S3CR3T` and `--S3CR3T` included.
fn bind_secret(args: Vec<OsString>) -> Vec<OsString> {
    let mut out = Vec::with_capacity(args.len());
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            out.push(arg);
            out.extend(args.by_ref());
            break;
        }
        match (arg == SECRET_FLAG, args.len() > 0) {
            (true, true) => {
                let mut bound = OsString::from(format!("{SECRET_FLAG}="));
                bound.push(args.next().unwrap_or_default());
                out.push(bound);
            }
            _ => out.push(arg),
        }
    }
    out
}

/// A flag as written: its name and whether its value is attached (`--x=1`, `-o1`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Name<'a> {
    Long(&'a str),
    Short(char),
}

impl Name<'_> {
    fn of(&self, arg: &Arg) -> bool {
        match *self {
            Name::Long(l) => {
                arg.get_long() == Some(l) || arg.get_all_aliases().is_some_and(|a| a.contains(&l))
            }
            Name::Short(s) => {
                arg.get_short() == Some(s)
                    || arg.get_all_short_aliases().is_some_and(|a| a.contains(&s))
            }
        }
    }
}

impl std::fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::Long(l) => write!(f, "--{l}"),
            Name::Short(s) => write!(f, "-{s}"),
        }
    }
}

fn defined_by<'c>(cmd: &'c Command, name: Name) -> Option<&'c Arg> {
    cmd.get_arguments().find(|a| name.of(a))
}

/// The flag's definition anywhere at or below `cmd`.
fn defined_below<'c>(cmd: &'c Command, name: Name) -> Option<&'c Arg> {
    defined_by(cmd, name).or_else(|| {
        cmd.get_subcommands()
            .find_map(|sub| defined_below(sub, name))
    })
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values() && arg.get_num_args().is_none_or(|n| n.min_values() > 0)
}

/// The names in one option token and how many tokens the option spans (2 when its value is the
/// next one); `None` when some name is not a flag of any command below `cmd` (clap reports it).
fn option<'a>(cmd: &Command, token: &'a str) -> Option<(Vec<Name<'a>>, usize)> {
    if let Some(long) = token.strip_prefix("--") {
        let (name, attached) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        let def = defined_below(cmd, Name::Long(name))?;
        let span = if takes_value(def) && !attached { 2 } else { 1 };
        return Some((vec![Name::Long(name)], span));
    }
    let mut names = Vec::new();
    let cluster = token.strip_prefix('-')?;
    for (at, c) in cluster.char_indices() {
        let def = defined_below(cmd, Name::Short(c))?;
        names.push(Name::Short(c));
        if takes_value(def) {
            let rest = &cluster[at + c.len_utf8()..];
            return Some((names, if rest.is_empty() { 2 } else { 1 }));
        }
    }
    Some((names, 1))
}

fn is_help_or_version(names: &[Name]) -> bool {
    names.iter().any(|n| {
        matches!(
            n,
            Name::Long("help" | "version") | Name::Short('h') | Name::Short('V')
        )
    })
}

/// Moves the flags written before a command's name after it, when the command takes them.
fn hoist(root: &Command, args: Vec<OsString>) -> Result<Vec<OsString>, Error> {
    let mut root = root.clone();
    root.build();
    let mut node = &root;
    let mut path: Vec<&str> = Vec::new();
    let mut kept: Vec<OsString> = args.first().cloned().into_iter().collect();
    let mut moved: Vec<(Vec<Name>, &[OsString])> = Vec::new();
    // `--help` or `--version` among them: the rest does not matter then.
    let mut asked: Option<OsString> = None;
    let mut commands: Vec<OsString> = Vec::new();
    let mut i = 1;
    while i < args.len() && node.has_subcommands() {
        let Some(token) = args[i].to_str() else {
            return Ok(args);
        };
        if token.starts_with('-') && token != "-" && token != "--" {
            let Some((names, span)) = option(node, token) else {
                return Ok(args);
            };
            if is_help_or_version(&names) {
                asked.get_or_insert(args[i].clone());
                i += 1;
                continue;
            }
            let tokens = &args[i..(i + span).min(args.len())];
            if names.iter().all(|n| defined_by(node, *n).is_some()) {
                kept.extend(tokens.iter().cloned());
            } else {
                moved.push((names, tokens));
            }
            i += span;
            continue;
        }
        match node.find_subcommand(token) {
            Some(sub) => {
                kept.push(args[i].clone());
                commands.push(args[i].clone());
                path.push(sub.get_name());
                node = sub;
                i += 1;
            }
            // A word that is no command: clap says what is wrong (about the word, not about a
            // flag left before it when help was asked).
            None => {
                let Some(flag) = asked else {
                    return Ok(args);
                };
                let program = args[..1].iter().cloned();
                let rest = args[i..].iter().cloned();
                return Ok(program.chain(commands).chain(rest).chain([flag]).collect());
            }
        }
    }
    if let Some(flag) = asked {
        // `--version` is the program's; `--help` is the command's named after it, as
        // `nxcdp COMMAND --help` shows it.
        let program = args.into_iter().take(1);
        return Ok(match flag.to_str() {
            Some("-V" | "--version") => program.chain([flag]).collect(),
            _ => program.chain(commands).chain([flag]).collect(),
        });
    }
    if node.has_subcommands() {
        return Ok(args);
    }
    for (names, _) in &moved {
        if let Some(name) = names.iter().find(|n| defined_by(node, **n).is_none()) {
            return Err(not_taken(&root, &path, *name));
        }
        // The sandbox's --access-key, --access-secret, ... are the server's, not the account's
        // that the other commands' flags of those names give: before `sandbox`, where a
        // profile's flags usually stand, one would hand the account's secret to a server that
        // prints it.
        if path == ["sandbox"] {
            let mut takers = Vec::new();
            if let Some(name) = names.iter().find(|n| {
                takers.clear();
                leaves_taking(&root, **n, "nxcdp", &mut takers);
                takers.len() > 1
            }) {
                return Err(Error::Usage(format!(
                    "{name} before `nxcdp sandbox` would set the sandbox's own {name}, which means something else for the other commands; write it after `sandbox` if you mean the sandbox's"
                )));
            }
        }
    }
    kept.extend(moved.into_iter().flat_map(|(_, t)| t.iter().cloned()));
    kept.extend(args[i..].iter().cloned());
    Ok(kept)
}

/// `--region` before `nxcdp sandbox`: which commands take it instead.
fn not_taken(root: &Command, path: &[&str], name: Name) -> Error {
    let mut takers = Vec::new();
    leaves_taking(root, name, "nxcdp", &mut takers);
    Error::Usage(format!(
        "{name} is not an option of `nxcdp {}`; it goes with {}",
        path.join(" "),
        takers.join(", ")
    ))
}

fn leaves_taking(cmd: &Command, name: Name, prefix: &str, found: &mut Vec<String>) {
    if !cmd.has_subcommands() {
        if defined_by(cmd, name).is_some() {
            found.push(format!("`{prefix}`"));
        }
        return;
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        leaves_taking(sub, name, &format!("{prefix} {}", sub.get_name()), found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    fn prepared(line: &str) -> Result<String, String> {
        let cmd = crate::commands::Cli::command();
        match prepare(&cmd, args(line)) {
            Ok(a) => Ok(a
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" ")),
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn flags_before_the_command_move_after_it() {
        for (typed, parsed) in [
            (
                "nxcdp --sandbox customers query --tag vip",
                "nxcdp customers query --sandbox --tag vip",
            ),
            (
                "nxcdp -o json --profile customers customers query",
                "nxcdp --profile customers customers query -o json",
            ),
            (
                "nxcdp -vv customers --limit 5 query",
                "nxcdp customers query -vv --limit 5",
            ),
            (
                "nxcdp -ojson customers get 5",
                "nxcdp customers get -ojson 5",
            ),
            ("nxcdp --region=hk api /x", "nxcdp api --region=hk /x"),
            (
                "nxcdp customers --sandbox query",
                "nxcdp customers --sandbox query",
            ),
            ("nxcdp -q config list", "nxcdp -q config list"),
            // Nothing to move, or clap's to report.
            ("nxcdp --help", "nxcdp --help"),
            // Help and version, wherever they stand: the rest does not matter then.
            ("nxcdp --sandbox --help", "nxcdp --help"),
            (
                "nxcdp --sandbox --help customers query",
                "nxcdp customers query --help",
            ),
            (
                "nxcdp -o jsonl -h customers query",
                "nxcdp customers query -h",
            ),
            ("nxcdp --port 0 --help sandbox", "nxcdp sandbox --help"),
            ("nxcdp --sandbox --version", "nxcdp --version"),
            ("nxcdp -V customers query", "nxcdp -V"),
            (
                "nxcdp --sandbox --help customers nosuch",
                "nxcdp customers nosuch --help",
            ),
            (
                "nxcdp --nope customers query",
                "nxcdp --nope customers query",
            ),
            ("nxcdp --sandbox customers", "nxcdp --sandbox customers"),
        ] {
            assert_eq!(prepared(typed).as_deref(), Ok(parsed), "{typed}");
        }
    }

    #[test]
    fn a_flag_the_command_does_not_take_names_the_commands_that_do() {
        let e = prepared("nxcdp --region hk sandbox").unwrap_err();
        assert!(
            e.starts_with("--region is not an option of `nxcdp sandbox`"),
            "{e}"
        );
        assert!(
            e.contains("`nxcdp customers query`") && e.contains("`nxcdp api`"),
            "{e}"
        );
        let e = prepared("nxcdp --access-secret s sandbox").unwrap_err();
        assert!(e.contains("the sandbox's own --access-secret"), "{e}");
        assert!(prepared("nxcdp --seed 7 sandbox").is_ok());
        let e = prepared("nxcdp --file x customers query").unwrap_err();
        let with = "it goes with `nxcdp customers export`, `nxcdp customers watch`";
        assert!(e.ends_with(with), "{e}");
    }

    #[test]
    fn the_secret_is_bound_to_its_flag_whatever_it_starts_with() {
        for secret in ["--S3CR3T", "-S3CR3T", "S3CR3T"] {
            let line = format!("nxcdp customers query --access-secret {secret} --limit 1");
            let bound = format!("nxcdp customers query --access-secret={secret} --limit 1");
            assert_eq!(prepared(&line), Ok(bound.clone()));
            assert_eq!(secret_of(&bound), Some(secret.to_string()));
        }
        let before = "nxcdp --access-secret -S customers query";
        assert_eq!(
            prepared(before).as_deref(),
            Ok("nxcdp customers query --access-secret=-S")
        );
    }

    fn secret_of(line: &str) -> Option<String> {
        secret(&args(line))
    }

    /// A flag spelt the same in two commands takes a value in both or in neither: the position of
    /// its value is found before the command is known.
    #[test]
    fn every_flag_name_has_one_arity() {
        fn visit(cmd: &Command, seen: &mut std::collections::HashMap<String, bool>) {
            for arg in cmd.get_arguments() {
                let names = arg.get_long().map(|l| format!("--{l}")).into_iter();
                let names = names.chain(arg.get_short().map(|s| format!("-{s}")));
                for name in names {
                    let takes = takes_value(arg);
                    let before = *seen.entry(name.clone()).or_insert(takes);
                    assert_eq!(before, takes, "{name} in {}", cmd.get_name());
                }
            }
            for sub in cmd.get_subcommands() {
                visit(sub, seen);
            }
        }
        let mut cmd = crate::commands::Cli::command();
        cmd.build();
        visit(&cmd, &mut Default::default());
    }
}
