//! `nxcdp customers export`: every matching customer into a file that appears only when complete,
//! with a checkpoint after each page so that a failed or interrupted export resumes.

use super::progress::Progress;
use super::{check_parallel, check_times, print_warnings, Context, Session};
use crate::cli::{Filters, Format, OutputArgs, ParallelArgs, Shape};
use crate::customer;
use crate::export::{Export, Window};
use crate::output::{self, Catalog, Spec, Terminal};
use crate::paginator::{self, Cursor, Event, Walk};
use crate::query::QueryBody;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers export --file customers.csv
  nxcdp customers export -o jsonl --file vip.jsonl --tag vip
  nxcdp customers export --file customers.csv --resume   # after a failure or Ctrl-C";

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// The file to write; it appears only when the last page has arrived
    #[arg(long, value_name = "PATH")]
    pub file: PathBuf,
    /// Continue an export that failed or was interrupted, from PATH.partial
    #[arg(long)]
    pub resume: bool,
    /// Customers per request (1..50)
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(1..=50))]
    pub page_size: u32,
    #[command(flatten)]
    pub parallel: ParallelArgs,
    /// File format
    #[arg(short, long, value_enum, default_value_t = ExportFormat::Csv)]
    pub output: ExportFormat,
    #[command(flatten)]
    pub shape: Shape,
    // Last: the filters' help heading would otherwise cover the options above.
    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

impl ExportArgs {
    /// The same choices as output flags, so one check serves `query` and `export`.
    fn output_args(&self) -> OutputArgs {
        OutputArgs {
            output: Some(match self.output {
                ExportFormat::Csv => Format::Csv,
                ExportFormat::Jsonl => Format::Jsonl,
            }),
            jq: None,
            shape: self.shape.clone(),
        }
    }
}

/// `out` receives only what `--dry-run` and `--curl` print: the customers go to the file.
pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    check_parallel(&args.parallel, true, false)?;
    check_times(&args.filters)?;
    let mut spec = Spec::from_args(&args.output_args(), &Catalog::CUSTOMERS)?;
    let session = Session::open(ctx)?;
    let target = session.client.target();
    let body = QueryBody::new(target.tenant_id, &target.app_key, &args.filters);
    let walk = Walk {
        body,
        start: Cursor::First,
        limit: None,
        page_size: args.page_size,
    };
    if session.show_request(ctx, out, |c| c.prepare_query(&walk.first_body()))? {
        return Ok(());
    }
    let query = String::from_utf8(walk.body.to_bytes()).expect("JSON is UTF-8");
    let format = format!("{:?}", args.output).to_lowercase();
    let mut export = if args.resume {
        Export::resume(&args.file, query, &format)?
    } else {
        let windows = session.plan(walk.clone(), &args.parallel)?;
        let windows = windows
            .into_iter()
            .map(|w| Window {
                start_time: w.body.start_time,
                end_time: w.body.end_time,
                last_id: None,
            })
            .collect();
        Export::create(&args.file, query, &format, windows)?
    };
    // Each window continues after the last customer written from it.
    let walks: Vec<Walk> = export
        .windows()
        .iter()
        .map(|w| {
            let mut window = walk.clone();
            (window.body.start_time, window.body.end_time) =
                (w.start_time.clone(), w.end_time.clone());
            window.start = w.last_id.map_or(Cursor::First, Cursor::After);
            window
        })
        .collect();
    spec.header = export.is_empty();
    let result = (|| -> Result<()> {
        session.label_custom_fields(ctx, &mut spec, args.shape.raw_custom_fields);
        let progress = Progress::new(!ctx.global.quiet);
        let pages = session.spawn(walks, args.parallel.sorted);
        let mut pages = paginator::interruptible(pages, session.runtime.handle());
        let mut out = output::formatter(spec, export.writer()?, Terminal::PLAIN);
        while let Some(event) = pages.blocking_recv() {
            if let Event::Page(customers) = event? {
                out.page(&customers)?;
                print_warnings(ctx, &mut *out);
                let last = customers.last().and_then(|c| customer::key(c));
                let last = last
                    .as_ref()
                    .map(|k| (k.created_at.as_deref().unwrap_or_default(), k.id));
                export.checkpoint(customers.len() as u64, last)?;
                progress.page(customers.len());
            }
        }
        progress.finish();
        out.finish()
    })();
    if let Err(e) = result {
        eprintln!("{}", export.stopped_message());
        return Err(e);
    }
    let count = export.count();
    let path = export.commit()?;
    if !ctx.global.quiet {
        eprintln!("wrote {count} customers to {}", path.display());
    }
    session.runtime.shutdown_background();
    Ok(())
}
