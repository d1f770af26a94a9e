//! `nxcdp customers watch`: new customers printed as they arrive, each once, late ones included;
//! `--once --bookmark` for cron jobs. The walks are `crate::watch`'s; here they are printed,
//! saved after what they printed is flushed, retried when time may cure a failure, and stopped
//! by a signal between pages.

mod walks;

use super::progress::Status;
use super::{check_times, Context, Session};
use crate::cli::{Filters, Format, OutputArgs};
use crate::error::{shown, Error};
use crate::lock::Lock;
use crate::output::{self, Catalog, Spec, Terminal};
use crate::paginator::{Cursor, Walk};
use crate::query::QueryBody;
use crate::stop::Stop;
use crate::watch::{self, Bookmark, Watch};
use anyhow::Result;
use clap::{Args, ValueHint};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Duration;
use walks::{Run, Sink};

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers watch -o jsonl | jq --unbuffered -r .email
  nxcdp customers watch --tag vip --interval 30s
  nxcdp customers watch --once --bookmark new.bookmark -o jsonl >> new.jsonl   # from cron
  nxcdp customers watch --once --bookmark new.bookmark --file new.csv -o csv

Guide: docs/watch.md (in the source and in each release archive)";

#[derive(Args, Debug, Clone)]
// `--help` offers the formats a watch can print; the others are read, hidden, to be refused
// with the reason.
#[command(mut_arg("output", |arg| arg.value_parser(formats())))]
pub struct WatchArgs {
    /// How often to ask for new customers: 500ms, 10s, 2m
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = interval)]
    pub interval: Duration,
    /// How far back each poll looks, in the time the ids encode, for customers that became
    /// visible after newer ones
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = lookback)]
    pub lookback: Duration,
    /// Keep the watch's memory in FILE: the first run creates it, the next go on from it
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub bookmark: Option<PathBuf>,
    /// Poll once and exit: a cron job, with --bookmark
    #[arg(long)]
    pub once: bool,
    /// Append the customers to PATH instead of stdout, each exactly once (with --bookmark; "-"
    /// is stdout)
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// Print no header line (table and csv); without it, a header starts the output unless
    /// stdout is a file that already holds some (`>> file`, a run before)
    #[arg(long)]
    pub no_header: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    // Last: the filters' help heading would otherwise cover the options above.
    #[command(flatten)]
    pub filters: Filters,
}

/// Every format, those a watch cannot print as customers arrive hidden.
fn formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::{builder::TypedValueParser, ValueEnum};
    let values = Format::value_variants().iter().filter_map(|format| {
        let hidden = matches!(format, Format::Xlsx | Format::Parquet | Format::Json);
        Some(format.to_possible_value()?.hide(hidden))
    });
    clap::builder::PossibleValuesParser::new(values).map(|name: String| {
        Format::from_str(&name, true).expect("the parser holds only the formats' own names")
    })
}

fn interval(text: &str) -> Result<Duration, String> {
    within(text, Duration::from_millis(100), "100ms")
}

fn lookback(text: &str) -> Result<Duration, String> {
    within(text, Duration::from_secs(1), "1s")
}

/// A duration from `least` to a day.
fn within(text: &str, least: Duration, shown: &str) -> Result<Duration, String> {
    let d = crate::time::parse_duration(text)?;
    match d >= least && d <= Duration::from_secs(86_400) {
        true => Ok(d),
        false => Err(format!("{text:?}: give from {shown} to 1d")),
    }
}

pub fn run(ctx: &Context, args: &WatchArgs, out: &mut dyn Write, terminal: Terminal) -> Result<()> {
    check_times(&args.filters)?;
    // `-` is stdout, as for `export --file -`.
    let to_file = args.file.as_deref().filter(|p| p.as_os_str() != "-");
    let output = OutputArgs {
        output: args
            .output
            .output
            // Without `-o` or `--jq` (jsonl), `--file`'s extension says, as an export's.
            .or_else(|| {
                to_file
                    .filter(|_| args.output.jq.is_none())
                    .map(Format::of_file)
            }),
        ..args.output.clone()
    };
    if output.output == Some(Format::Json) {
        return Err(Error::Usage(
            "-o json is one array, closed at the end; a watch prints customers as they arrive: use -o jsonl".into(),
        )
        .into());
    }
    if ctx.request.sandbox && args.bookmark.is_some() {
        return Err(Error::Usage(
            "--bookmark cannot be used with --sandbox: the in-process sandbox ends with nxcdp, and the next run would meet another\nhint: run `nxcdp sandbox` in another shell and paste the export lines it prints here".into(),
        )
        .into());
    }
    if to_file.is_some() && args.bookmark.is_none() {
        return Err(Error::Usage(
            "--file needs --bookmark, which records how much of the file holds each customer once"
                .into(),
        )
        .into());
    }
    let mut spec = Spec::from_args(&output, &Catalog::CUSTOMERS)?;
    if matches!(spec.format, Format::Xlsx | Format::Parquet) {
        let (name, what) = match spec.format {
            Format::Xlsx => (
                "xlsx",
                "a workbook is written whole when its last row is in",
            ),
            _ => (
                "parquet",
                "a Parquet file ends with a footer after its last row",
            ),
        };
        return Err(Error::Usage(format!(
            "-o {name}: {what}, and a watch has no last row; watch -o csv or -o jsonl, or export -o {name}"
        ))
        .into());
    }
    let session = Session::open(ctx, 1)?;
    let target = session.client.target();
    // `--since` is where the first run starts, not a filter of the polls.
    let filters = Filters {
        since: None,
        ..args.filters.clone()
    };
    spec.priority.keep_also(&filters.columns());
    let walk = Walk {
        body: QueryBody::new(target.tenant_id, &target.app_key, &filters),
        start: Cursor::First,
        limit: None,
        page_size: 50,
    };
    if session.show_request(ctx, out, |c| c.prepare_query(&walk.first_body()))? {
        return Ok(());
    }
    // Everything that can refuse the run does so before the first request.
    // The bookmark is renamed over the file its links lead to, never over a link.
    let bookmark_file = match args.bookmark.as_deref() {
        Some(path) => {
            watch::bookmark::check_path(path)?;
            Some(crate::place::followed(path))
        }
        None => None,
    };
    let _locks = [bookmark_file.as_deref(), to_file]
        .into_iter()
        .flatten()
        .map(Lock::acquire)
        .collect::<Result<Vec<_>, _>>()?;
    let (mut bookmark, memory) = match &bookmark_file {
        Some(path) => {
            let owner = watch::Owner {
                base_url: crate::error::masked_url(&target.base_url).into_owned(),
                tenant_id: target.tenant_id,
                app_key: target.app_key.clone(),
                filters: walk.body.filters(),
            };
            let (bookmark, mut memory) = Bookmark::open(path, owner, crate::wire::now_ms())?;
            let lookback_ms = i64::try_from(args.lookback.as_millis()).unwrap_or(i64::MAX);
            let taken = memory
                .as_mut()
                .and_then(|m| m.repair(lookback_ms, bookmark.legacy));
            if let (Some(id), false) = (taken, ctx.global.quiet) {
                crate::say!(
                    "warning: the bookmark {} rested its clock on customer {id}, which no other customer vouches for (an id from the future?): taken back to the customers before it; if nothing was printed since that id came, delete the bookmark and run once with --since from then",
                    shown(path)
                );
            }
            (Some(bookmark), memory)
        }
        None => (None, None),
    };
    let created = bookmark.is_some() && memory.is_none();
    // A file this bookmark started goes on under its own CSV header.
    let mut headed = false;
    let file = match (to_file, &mut bookmark) {
        (Some(path), Some(bookmark)) => {
            let (file, covered) =
                watch::file::open(path, bookmark.file.as_ref(), &options(&output))?;
            spec.header = covered.bytes == 0;
            if let Some(columns) = &covered.columns {
                spec.columns = serde_json::from_value(columns.clone()).map_err(|e| {
                    Error::Usage(format!("the bookmark's columns are damaged ({e})"))
                })?;
                headed = true;
            }
            bookmark.file = Some(covered);
            Some((file, path))
        }
        _ => None,
    };
    if !headed {
        session.label_custom_fields(ctx, &mut spec, args.output.shape.raw_custom_fields)?;
    }
    // Runs appended to one file (cron's `>> file`) share the header of the first.
    if args.no_header || (file.is_none() && terminal.appending) {
        spec.header = false;
    }
    let stop = Stop::install(session.runtime.handle())?;
    let quiet = ctx.global.quiet;
    let sink = match &file {
        Some((file, path)) => Sink {
            out: output::formatter(spec, BufWriter::new(file), Terminal::PLAIN),
            file: Some((file, path)),
            table: false,
        },
        None => Sink {
            table: matches!(spec.format, Format::Table | Format::Wide) && terminal.is_tty,
            out: output::formatter(spec, out, terminal),
            file: None,
        },
    };
    let mut run = Run {
        ctx,
        args,
        watch: Watch::new(walk, args.lookback, memory).once(args.once),
        client: &session.client,
        runtime: session.runtime.handle(),
        bookmark,
        sink,
        status: Status::new(!quiet && !args.once, quiet, &session.client),
        stop,
        printed: 0,
        created,
    };
    let result = run.watch();
    run.status.finish();
    drop(run);
    session.end(result)
}

/// The output options that shape a `--file`, as a user would type them.
fn options(output: &OutputArgs) -> String {
    let shape = &output.shape;
    let format = match output.output {
        Some(f) => f,
        None if output.jq.is_some() => Format::Jsonl,
        None => Format::Table,
    };
    let mut text = format!("-o {}", format.name());
    if !shape.columns.is_empty() {
        text.push_str(&format!(" --columns {}", shape.columns.join(",")));
    }
    for (flag, on) in [
        ("--raw-custom-fields", shape.raw_custom_fields),
        ("--ids-as-strings", shape.ids_as_strings),
        ("--csv-safe", shape.csv_safe),
        ("--bom", shape.bom),
    ] {
        if on {
            text.push_str(&format!(" {flag}"));
        }
    }
    if let Some(jq) = &output.jq {
        text.push_str(&format!(" --jq {jq}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_and_look_backs_have_bounds() {
        assert!(interval("50ms").is_err() && interval("2d").is_err());
        assert_eq!(lookback("90s"), Ok(Duration::from_secs(90)));
    }
}
