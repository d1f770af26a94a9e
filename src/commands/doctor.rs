//! `nxcdp doctor`: checks everything between this machine and the API, one line per step, with
//! what to do when a step fails; exits with the code of the first failure.

use super::Context;
use crate::doctor::{self, Outcome, Step};
use crate::error::Error;
use crate::output::Terminal;
use anyhow::Result;
use clap::Args;
use std::io::Write;
use std::time::Duration;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp doctor
  nxcdp doctor --profile staging
  nxcdp doctor --region hk
  nxcdp doctor --sandbox

Guide: docs/config.md (in the source and in each release archive)";

/// `--dry-run` and `--curl` come with the request flags, but doctor refuses them: not shown.
#[derive(Args, Debug)]
#[command(mut_arg("dry_run", |a| a.hide(true)), mut_arg("curl", |a| a.hide(true)))]
pub struct DoctorArgs {
    #[command(flatten)]
    pub request: crate::cli::RequestArgs,
}

pub fn run(ctx: &Context, out: &mut dyn Write, terminal: Terminal) -> Result<()> {
    let request = ctx.request;
    if request.dry_run || request.curl {
        return Err(Error::Usage(
            "doctor sends its checks to see what answers; --dry-run and --curl do not apply".into(),
        )
        .into());
    }
    let runtime = super::runtime()?;
    let sandbox = match request.sandbox {
        true => Some(runtime.block_on(super::start_sandbox(&runtime))?),
        false => None,
    };
    let inputs = doctor::Inputs {
        profile: ctx.global.profile.as_deref(),
        connection: &request.connection,
        timeout: Duration::from_secs(request.timeout),
        sandbox,
    };
    let mut first_failure = None;
    let mut written = Ok(());
    let mut report = |step: Step| {
        if step.outcome == Outcome::Fail {
            first_failure.get_or_insert(step.code);
        }
        if written.is_ok() {
            written = print(out, &step, terminal);
        }
    };
    runtime.block_on(doctor::run(inputs, &mut report));
    written?;
    runtime.shutdown_background();
    match first_failure {
        None => Ok(()),
        Some(code) => Err(Error::Checks(code).into()),
    }
}

fn print(out: &mut dyn Write, step: &Step, terminal: Terminal) -> std::io::Result<()> {
    let (word, color) = match step.outcome {
        Outcome::Ok => ("ok", "32"),
        Outcome::Warn => ("warn", "33"),
        Outcome::Fail => ("FAIL", "31"),
        Outcome::Skipped => ("-", "2"),
    };
    let word = match terminal.color {
        true => format!("\u{1b}[{color}m{word:<4}\u{1b}[0m"),
        false => format!("{word:<4}"),
    };
    writeln!(out, "{word}  {:<8} {}", step.name, step.found)?;
    if let Some(hint) = &step.hint {
        writeln!(out, "      {:<8} → {hint}", "")?;
    }
    out.flush()
}
