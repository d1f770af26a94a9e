//! `nxcdp customers fields`: the tenant's customer fields, custom fields included.

use super::{Context, Session};
use crate::cli::OutputArgs;
use crate::output::{self, Catalog, Spec, Terminal};
use anyhow::Result;
use clap::Args;
use std::io::Write;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers fields
  nxcdp customers fields --custom -o json
  nxcdp customers fields --jq 'select(.field_type == 4) | .name'

Guide: docs/api-command.md (in the source and in each release archive)";

#[derive(Args, Debug, Clone)]
pub struct FieldsArgs {
    /// Only the preset fields
    #[arg(long)]
    pub preset: bool,
    /// Only the custom fields
    #[arg(long, conflicts_with = "preset")]
    pub custom: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(
    ctx: &Context,
    args: &FieldsArgs,
    out: &mut dyn Write,
    terminal: Terminal,
) -> Result<()> {
    let spec = Spec::from_args(&args.output, &Catalog::FIELDS)?;
    spec.check_stream(terminal)?;
    let session = Session::open(ctx, 1)?;
    let is_preset = match (args.preset, args.custom) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    if session.show_request(ctx, out, |c| c.prepare_fields(is_preset))? {
        return Ok(());
    }
    let list = session.runtime.block_on(session.client.fields(is_preset))?;
    let mut out = output::formatter(spec, out, terminal);
    out.page(&list)?;
    out.finish()?;
    super::print_warnings(ctx, &mut *out);
    Ok(())
}
