//! `nxcdp customers export`: every matching customer into a file that appears only when complete,
//! with a checkpoint after each page so that a failed or interrupted export resumes.

use super::progress::Progress;
use super::{check_parallel, check_times, print_warnings, Context, Session};
use crate::cli::{Filters, Format, OutputArgs, ParallelArgs, Shape};
use crate::customer::{self, Labels};
use crate::error::{masked_url, shown, Error};
use crate::export::{self, CsvHeader, Export, Options, Request, Window};
use crate::lock::Lock;
use crate::output::{self, Catalog, Column, Spec, Terminal};
use crate::paginator::{self, Cursor, Event, Walk};
use crate::parallel::{self, Plan};
use crate::place::followed;
use crate::query::QueryBody;
use crate::region::Region;
use crate::stop::Stop;
use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers export --file customers.csv
  nxcdp customers export -o jsonl --file vip.jsonl --tag vip
  nxcdp customers export --file customers.csv --resume   # after a failure or Ctrl-C
  nxcdp customers export --file customers.parquet        # typed columns for DuckDB, pandas
  nxcdp customers export -o jsonl --file - | gzip > customers.jsonl.gz

Guide: docs/export.md (in the source and in each release archive)";

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// The file to write; it appears only when the last page has arrived ("-" for stdout)
    #[arg(long, value_name = "PATH")]
    pub file: PathBuf,
    /// Continue an export that failed or was interrupted, from PATH.partial
    #[arg(long)]
    pub resume: bool,
    /// Customers per request, 1 to 50
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = crate::cli::number::<u32>(1, 50))]
    pub page_size: u32,
    #[command(flatten)]
    pub parallel: ParallelArgs,
    /// File format [default: by the file's extension: `.jsonl` or `.ndjson` is jsonl, `.xlsx`
    /// xlsx, `.parquet` parquet, any other csv]
    #[arg(short, long, value_enum, ignore_case = true)]
    pub output: Option<ExportFormat>,
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
    /// An Excel workbook; kept as CSV in PATH.partial while the export runs
    Xlsx,
    /// Apache Parquet, typed columns; kept as JSON lines in PATH.partial while the export runs
    Parquet,
}

impl ExportFormat {
    /// The output format, and the name the export's state records.
    fn format(self) -> Format {
        match self {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Jsonl => Format::Jsonl,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Parquet => Format::Parquet,
        }
    }
}

impl ExportArgs {
    /// `-o`, else the file's extension: what an import of the file will take it for.
    fn format(&self) -> ExportFormat {
        let by_name = match Format::of_file(&self.file) {
            Format::Jsonl => ExportFormat::Jsonl,
            Format::Xlsx => ExportFormat::Xlsx,
            Format::Parquet => ExportFormat::Parquet,
            _ => ExportFormat::Csv,
        };
        self.output.unwrap_or(by_name)
    }

    /// The same choices as output flags, so one check serves `query` and `export`.
    fn output_args(&self) -> OutputArgs {
        OutputArgs {
            output: Some(self.format().format()),
            jq: None,
            shape: self.shape.clone(),
        }
    }

    /// What shapes the file, recorded by name in the export's state.
    fn options(&self) -> Options {
        Options {
            format: self.format().format().name().to_string(),
            columns: self.shape.columns.clone(),
            raw_custom_fields: self.shape.raw_custom_fields,
            ids_as_strings: self.shape.ids_as_strings,
            csv_safe: self.shape.csv_safe,
            bom: self.shape.bom,
            field_labels: self.field_labels(),
        }
    }

    /// The language custom fields are labelled in, where the file has labels.
    fn field_labels(&self) -> Option<String> {
        let labelled = !matches!(self.format(), ExportFormat::Jsonl);
        let labels = self.shape.field_labels.unwrap_or_else(Labels::from_locale);
        let name = labels.to_possible_value().expect("no label is skipped");
        (labelled && !self.shape.raw_custom_fields).then(|| name.get_name().to_string())
    }
}

/// `out` receives what `--dry-run` and `--curl` print, and the customers with `--file -`;
/// otherwise the customers go to the file.
pub fn run(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    check_parallel(&args.parallel, true, false)?;
    check_times(&args.filters)?;
    let json = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json && args.output.is_none() {
        return Err(Error::Usage(format!(
            "--file {}: an export writes CSV, JSON lines, xlsx or parquet, and `customers import` reads a .json file as a JSON array; name it .jsonl or .csv, or give -o",
            crate::error::shown(&args.file)
        ))
        .into());
    }
    let mut spec = Spec::from_args(&args.output_args(), &Catalog::CUSTOMERS)?;
    let to_stdout = args.file.as_os_str() == "-";
    match (to_stdout, args.resume) {
        (true, true) => {
            return Err(Error::Usage(
                "--resume continues a file; an export to stdout (--file -) cannot be resumed"
                    .into(),
            )
            .into())
        }
        (true, false) => {}
        (false, _) => export::check_path(&args.file)?,
    }
    // The file the path leads to: the finished export is renamed over it, never over a link.
    let file = followed(&args.file);
    if args.resume && (ctx.request.dry_run || ctx.request.curl) {
        let flag = if ctx.request.curl {
            "--curl"
        } else {
            "--dry-run"
        };
        return Err(Error::Usage(format!(
            "{flag} shows the first request of a new export; a --resume continues from its saved state, which {flag} does not read: run it without {flag}"
        ))
        .into());
    }
    let mut session = Session::open(ctx, args.parallel.parallel)?;
    let target = session.client.target();
    let body = QueryBody::new(target.tenant_id, &target.app_key, &args.filters);
    let mut walk = Walk {
        body,
        start: Cursor::First,
        limit: None,
        page_size: args.page_size,
    };
    if session.show_request(ctx, out, |c| c.prepare_query(&walk.first_body()))? {
        return Ok(());
    }
    if to_stdout {
        spec.check_stream(Terminal::stdout())?;
        return to_stdout_run(ctx, args, session, walk, spec, out);
    }
    // From here on SIGINT, SIGTERM and SIGHUP stop the export, which saves what it has, instead
    // of ending the process; and no other nxcdp writes this export until this one ends.
    let stop = Stop::install(session.runtime.handle())?;
    session.stop = Some(stop.clone());
    let _lock = Lock::acquire(&file)?;
    export::check_names(&file)?;
    let query = match serde_json::to_value(&walk.body).expect("a QueryBody serializes") {
        Value::Object(map) => map,
        _ => unreachable!("a QueryBody is a JSON object"),
    };
    let request = Request {
        target: Some(recorded(ctx, session.client.target())),
        query,
        since: args.filters.since.as_ref().map(|s| s.text.clone()),
        options: args.options(),
    };
    let raw = args.shape.raw_custom_fields;
    // The pages the plan's probes fetched, the walk's first: a new export's (a resume plans
    // nothing: it goes on from its state).
    let mut fetched = Vec::new();
    let mut export = if args.resume {
        let export = Export::resume(&file, &request)?;
        // The same `--since` asks for the time of the first run.
        walk.body.start_time = export.start_time();
        if !ctx.global.quiet {
            crate::say!(
                "resuming the export to {}: {} customers are already in it",
                shown(&file),
                export.count()
            );
        }
        export
    } else {
        Export::check_new(&file)?;
        // A custom field the tenant lacks is refused before anything is created.
        session.label_custom_fields(ctx, &mut spec, raw)?;
        let plan = session.plan(&walk, &args.parallel).inspect_err(|_| {
            if let Some(signal) = stop.signal() {
                crate::say!("{}", export::nothing_kept(Some(signal)));
            }
        })?;
        fetched = plan.fetched;
        let windows = plan.windows.into_iter().map(|w| Window {
            start_time: w.start,
            end_time: w.end,
            last_id: w.below,
            above: w.above,
        });
        Export::create(&file, request, windows.collect())?
    };
    // A resumed CSV goes on under the header it has.
    let columns: Option<Vec<Column>> = match export.header().filter(|_| !export.is_empty()) {
        Some(header) => Some(serde_json::from_value(header.columns.clone()).map_err(|e| {
            Error::Usage(format!(
                "the export's state is damaged ({e}); delete it and the partial file to start again"
            ))
        })?),
        None => None,
    };
    spec.header = export.is_empty();
    // A workbook is kept as CSV while the export runs, a Parquet file as the customers' JSON
    // lines as the API sent them: those files can be appended to and resumed, a zip or a file
    // with its footer last cannot. Each becomes the file asked for when it is whole.
    let converted = spec.format;
    match converted {
        Format::Xlsx => spec.format = Format::Csv,
        Format::Parquet => {
            spec.format = Format::Jsonl;
            spec.keys = None;
        }
        _ => {}
    }
    let mut fallback = Vec::new();
    let result = (|| -> Result<()> {
        // Each window holds what was not written of it: below the last customer written from
        // its top, above the last one written from its bottom.
        let windows = export.windows().map(|w| parallel::Window {
            start: w.start_time.clone(),
            end: w.end_time.clone(),
            below: w.last_id,
            above: w.above,
        });
        let plan = Plan {
            windows: windows.collect(),
            fetched: std::mem::take(&mut fetched),
        };
        match columns {
            Some(columns) => spec.columns = columns,
            None if args.resume => session.label_custom_fields(ctx, &mut spec, raw)?,
            None => {}
        }
        fallback = spec.columns.clone();
        // A Parquet file's columns, custom fields labelled, for a resume to make the same file.
        if converted == Format::Parquet && export.header().is_none() {
            export.set_header(CsvHeader {
                columns: serde_json::to_value(&spec.columns).expect("columns serialize"),
                bytes: 0,
            });
        }
        let progress = Progress::resumed(!ctx.global.quiet, &session.client, export.count());
        let pages = session.spawn(walk, plan, &args.parallel);
        let mut pages = paginator::interruptible(pages, &stop, session.runtime.handle());
        let mut out = output::formatter(spec, export.writer()?, Terminal::PLAIN);
        while let Some(event) = pages.blocking_recv() {
            let (window, customers, rising) = match event? {
                Event::Page {
                    window,
                    customers,
                    rising,
                } => (window, customers, rising),
                Event::Split(split) => {
                    export.split(&split)?;
                    continue;
                }
                Event::More(_) => continue,
            };
            out.page(&customers)?;
            print_warnings(ctx, &mut *out);
            // The first page's header, recorded once for a resume to go on under it.
            let header = export.header().is_none().then(|| out.header()).flatten();
            if let Some(header) = header {
                export.set_header(CsvHeader {
                    columns: serde_json::to_value(header.columns).expect("columns serialize"),
                    bytes: header.bytes,
                });
            }
            let ids = customers.iter().filter_map(|c| customer::id(c));
            // The walk goes on below the page, or above it when it walks up.
            let reached = match rising {
                false => ids.min(),
                true => ids.max(),
            };
            export.checkpoint(window, customers.len() as u64, reached, rising)?;
            progress.page(customers.len());
        }
        progress.finish();
        out.finish()
    })();
    if let Err(e) = result {
        crate::say!("{}", export.stop(stop.signal()));
        return Err(e);
    }
    let count = export.count();
    // The columns as the first page settled them (a custom field the list lacks included); an
    // export of no customer has only those asked for.
    let columns: Vec<Column> = export
        .header()
        .and_then(|h| serde_json::from_value(h.columns.clone()).ok())
        .unwrap_or(fallback);
    // A stop signal ends the conversion too: every customer is kept for a resume to convert.
    let stopped = || stop.signal().is_some();
    let converted = match converted {
        Format::Xlsx => export.commit_converted(|csv, out| {
            output::xlsx::from_csv(csv, &columns, out, &stopped)
                .map_err(|e| unconverted(e, Error::Usage))
        }),
        Format::Parquet => {
            let picked = !args.shape.columns.is_empty();
            let mut warnings = Vec::new();
            let path = export.commit_converted(|jsonl, out| {
                let jsonl = std::io::BufReader::new(jsonl);
                warnings = output::parquet::from_jsonl(jsonl, &columns, picked, out, &stopped)
                    .map_err(|e| unconverted(e, Error::Output))?;
                Ok(())
            });
            if !ctx.global.quiet && path.is_ok() {
                warnings.iter().for_each(|w| crate::say!("{w}"));
            }
            path
        }
        _ => return finish(ctx, session, count, export.commit()?),
    };
    let path = converted.inspect_err(|_| crate::say!("{}", export.unconverted(stop.signal())))?;
    finish(ctx, session, count, path)
}

/// The file is whole.
fn finish(ctx: &Context, session: Session, count: u64, path: PathBuf) -> Result<()> {
    if !ctx.global.quiet {
        crate::say!("wrote {count} customers to {}", shown(&path));
    }
    session.runtime.shutdown_background();
    Ok(())
}

/// A conversion's failure: a stop signal is [`Error::Interrupted`], anything else `kind`.
fn unconverted(e: anyhow::Error, kind: fn(String) -> Error) -> Error {
    match e.downcast_ref::<Error>() {
        Some(Error::Interrupted) => Error::Interrupted,
        _ => kind(format!("{e:#}")),
    }
}

/// The server the export's customers come from, as its state records it.
fn recorded(ctx: &Context, target: &crate::config::Target) -> export::Target {
    let base_url = match ctx.request.sandbox {
        true => "--sandbox".to_string(),
        // As given, without the `/` a masked URL gains.
        false => masked_url(&target.base_url)
            .trim_end_matches('/')
            .to_string(),
    };
    let region = Region::of_base_url(&target.base_url);
    export::Target {
        base_url,
        region: region.map(|r| r.name().to_string()),
        access_key: target.access_key.clone(),
    }
}

/// `--file -`: the customers go to stdout as they come, with no partial file and no state; a
/// reader that stops early ends the export quietly.
fn to_stdout_run(
    ctx: &Context,
    args: &ExportArgs,
    session: Session,
    walk: Walk,
    mut spec: Spec,
    out: &mut dyn Write,
) -> Result<()> {
    session.label_custom_fields(ctx, &mut spec, args.shape.raw_custom_fields)?;
    let plan = session.plan(&walk, &args.parallel)?;
    let progress = Progress::new(!ctx.global.quiet, &session.client);
    let mut pages = session.spawn(walk, plan, &args.parallel);
    let mut out = output::formatter(spec, out, Terminal::PLAIN);
    let result = (|| -> Result<()> {
        while let Some(event) = pages.blocking_recv() {
            if let Event::Page { customers, .. } = event? {
                out.page(&customers)?;
                print_warnings(ctx, &mut *out);
                progress.page(customers.len());
            }
        }
        progress.finish();
        out.finish()
    })();
    drop((out, pages));
    session.end(result)
}
