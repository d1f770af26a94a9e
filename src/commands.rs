//! Wires each command's arguments to the stages that do the work.

use crate::cli::{
    Cli, Command, CustomersCommand, ExportArgs, FieldsArgs, Format, Global, OutputArgs,
    ParallelArgs, QueryArgs,
};
use crate::config::{self, Target};
use crate::customer;
use crate::error::Error;
use crate::export::{Export, Window};
use crate::jq::Jq;
use crate::output::{self, Column, CustomField, Spec, Terminal};
use crate::paginator::{self, Cursor, Event, Walk};
use crate::parallel;
use crate::query::QueryBody;
use crate::sandbox;
use crate::transport::{Client, Prepared, Settings};
use anyhow::Result;
use clap::CommandFactory;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufWriter, IsTerminal, Write};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::Receiver;

pub fn run(cli: Cli) -> Result<()> {
    let Cli { global, command } = cli;
    match command {
        Command::Sandbox(config) => serve_sandbox(config),
        Command::Customers(CustomersCommand::Query(args)) => query(&global, &args),
        Command::Customers(CustomersCommand::Fields(args)) => fields(&global, &args),
        Command::Customers(CustomersCommand::Export(args)) => export(&global, &args),
        Command::Config(command) => config::command(&global, command),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "nxcdp", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => Ok(clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?),
    }
}

/// A runtime and a client pointed at the configured API, or at an in-process sandbox.
struct Session {
    runtime: tokio::runtime::Runtime,
    client: Arc<Client>,
}

impl Session {
    fn open(global: &Global) -> Result<Session> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let target = if global.sandbox {
            let config = sandbox::Config::default();
            let (addr, server) = runtime.block_on(sandbox::bind(config.clone()))?;
            runtime.spawn(server);
            Target::sandbox(addr, &config)
        } else {
            let (target, warnings) = config::resolve(global)?;
            if !global.quiet {
                for w in warnings {
                    eprintln!("warning: {w}");
                }
            }
            target
        };
        let settings = Settings {
            algorithm: global.sign_algorithm,
            timeout: Duration::from_secs(global.timeout),
            retries: global.retries,
            verbose: global.verbose,
            quiet: global.quiet,
        };
        let client = Client::new(target, settings)?;
        Ok(Session {
            runtime,
            client: Arc::new(client),
        })
    }
}

/// The items a command prints: which columns it shows by default and which exist.
struct Catalog {
    table: &'static [&'static str],
    all: &'static [&'static str],
    /// Whether `customize_*` names are columns (custom fields of customers).
    custom_fields: bool,
}

const CUSTOMERS: Catalog = Catalog {
    table: customer::TABLE_COLUMNS,
    all: customer::FIELDS,
    custom_fields: true,
};

const FIELDS: Catalog = Catalog {
    table: customer::FIELD_TABLE_COLUMNS,
    all: customer::FIELD_KEYS,
    custom_fields: false,
};

/// Checks the output flags before anything is sent.
fn output_spec(args: &OutputArgs, catalog: &Catalog) -> Result<Spec, Error> {
    let shape = &args.shape;
    let jq = match args.jq.as_deref() {
        Some(expr) => Some(Jq::compile(expr).map_err(|e| Error::Usage(format!("--jq: {e}")))?),
        None => None,
    };
    let format = match (args.output, &jq) {
        (Some(Format::Table | Format::Csv), Some(_)) => {
            return Err(Error::Usage("--jq works with -o json or -o jsonl".into()))
        }
        (Some(format), _) => format,
        (None, Some(_)) => Format::Jsonl,
        (None, None) => Format::Table,
    };
    if shape.csv_safe && format != Format::Csv {
        return Err(Error::Usage("--csv-safe works with -o csv".into()));
    }
    if shape.ids_as_strings && !matches!(format, Format::Json | Format::Jsonl) {
        return Err(Error::Usage(
            "--ids-as-strings works with -o json or -o jsonl".into(),
        ));
    }
    for name in &shape.columns {
        let custom = catalog.custom_fields && name.starts_with("customize_");
        if !catalog.all.contains(&name.as_str()) && !custom {
            let extra = if catalog.custom_fields {
                ", or a custom field (customize_...)"
            } else {
                ""
            };
            return Err(Error::Usage(format!(
                "--columns: unknown column {name:?}; valid columns: {}{extra}",
                catalog.all.join(", ")
            )));
        }
    }
    let names: Vec<String> = match (shape.columns.is_empty(), format) {
        (false, _) => shape.columns.clone(),
        (true, Format::Table) => catalog.table.iter().map(|s| s.to_string()).collect(),
        (true, _) => catalog.all.iter().map(|s| s.to_string()).collect(),
    };
    let columns = names
        .into_iter()
        .map(|name| {
            if catalog.custom_fields && name.starts_with("customize_") && name != "customize_field"
            {
                Column::Custom(CustomField {
                    label: name.clone(),
                    name,
                    options: Vec::new(),
                })
            } else {
                Column::Field(name)
            }
        })
        .collect();
    Ok(Spec {
        format,
        columns,
        keys: (!shape.columns.is_empty()).then(|| shape.columns.clone()),
        ids_as_strings: shape.ids_as_strings,
        jq,
        csv_safe: shape.csv_safe,
        header: true,
    })
}

/// Table and CSV show custom fields by their labels: replaces `customize_field` with one column
/// per custom field and labels the `customize_*` columns. Fetches the field list once, if needed.
fn label_custom_fields(spec: &mut Spec, session: &Session, raw: bool) -> Result<()> {
    let wanted = |c: &Column| {
        matches!(c, Column::Custom(_)) || *c == Column::Field("customize_field".into())
    };
    if raw
        || !matches!(spec.format, Format::Table | Format::Csv)
        || !spec.columns.iter().any(wanted)
    {
        return Ok(());
    }
    let list = session
        .runtime
        .block_on(session.client.fields(Some(false)))?;
    let known: Vec<CustomField> = list
        .iter()
        .filter_map(|raw| CustomField::from_api(raw.get()))
        .collect();
    spec.columns = std::mem::take(&mut spec.columns)
        .into_iter()
        .flat_map(|c| match c {
            Column::Field(name) if name == "customize_field" => {
                known.iter().cloned().map(Column::Custom).collect()
            }
            Column::Custom(f) => vec![Column::Custom(
                known
                    .iter()
                    .find(|k| k.name == f.name)
                    .cloned()
                    .unwrap_or(f),
            )],
            other => vec![other],
        })
        .collect();
    Ok(())
}

/// `--dry-run` and `--curl`: the request is printed, not sent.
fn show_request(global: &Global, request: &Prepared) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if global.curl {
        writeln!(out, "{}", request.to_curl())?;
        if !global.quiet {
            eprintln!("note: the signature holds a timestamp; the server accepts it for 60 s");
        }
    } else {
        write!(out, "{request}")?;
    }
    Ok(())
}

/// The walks: one cursor, or with `--parallel` one per time window.
fn plan(session: &Session, walk: Walk, parallel: &ParallelArgs) -> Result<Vec<Walk>> {
    if parallel.parallel < 2 {
        return Ok(vec![walk]);
    }
    let plan = parallel::plan(&session.client, &walk, parallel.parallel);
    Ok(session.runtime.block_on(plan)?)
}

/// Starts the walks; several are merged, and `sorted` keeps their order.
fn spawn(session: &Session, mut walks: Vec<Walk>, sorted: bool) -> Receiver<Result<Event, Error>> {
    let runtime = session.runtime.handle();
    match walks.len() {
        1 => paginator::spawn(session.client.clone(), walks.remove(0), runtime),
        _ => parallel::spawn(session.client.clone(), walks, sorted, runtime),
    }
}

/// `--parallel` walks whole time windows: it needs `--all` and no starting cursor.
fn check_parallel(parallel: &ParallelArgs, all: bool, cursor: bool) -> Result<(), Error> {
    match (parallel.parallel > 1, all, cursor) {
        (true, false, _) => Err(Error::Usage("--parallel works with --all".into())),
        (true, _, true) => Err(Error::Usage(
            "--parallel cannot start at --after or --before".into(),
        )),
        (false, _, _) if parallel.sorted => {
            Err(Error::Usage("--sorted goes with --parallel".into()))
        }
        _ => Ok(()),
    }
}

fn query(global: &Global, args: &QueryArgs) -> Result<()> {
    let paging = &args.paging;
    check_parallel(
        &paging.parallel,
        paging.all,
        paging.after.is_some() || paging.before.is_some(),
    )?;
    let mut spec = output_spec(&args.output, &CUSTOMERS)?;
    let session = Session::open(global)?;
    let target = session.client.target();
    let walk = Walk {
        body: QueryBody::new(target.tenant_id, &target.app_key, &args.filters),
        start: match (paging.after, paging.before) {
            (Some(id), _) => Cursor::After(id),
            (_, Some(id)) => Cursor::Before(id),
            _ => Cursor::First,
        },
        limit: (!paging.all).then_some(paging.limit),
        page_size: paging.page_size,
    };
    if global.dry_run || global.curl {
        return show_request(global, &session.client.prepare_query(&walk.first_body()));
    }
    label_custom_fields(&mut spec, &session, args.output.shape.raw_custom_fields)?;
    let long = walk.limit.is_none_or(|l| l > u64::from(walk.page_size));
    let progress = Progress::new(long && !global.quiet);
    let walks = plan(&session, walk, &paging.parallel)?;
    let mut pages = spawn(&session, walks, paging.parallel.sorted);
    let stdout = std::io::stdout();
    let mut out = output::formatter(spec, BufWriter::new(stdout.lock()), Terminal::stdout());
    let mut more = None;
    while let Some(event) = pages.blocking_recv() {
        match event {
            Ok(Event::Page(customers)) => {
                progress.page(customers.len());
                out.page(&customers)?;
            }
            Ok(Event::More(cursor)) => more = Some(cursor),
            Err(e) => {
                progress.finish();
                out.abort()?;
                return Err(e.into());
            }
        }
    }
    progress.finish();
    out.finish()?;
    drop(out);
    if let (Some(cursor), false) = (more, global.quiet) {
        eprintln!("more customers: continue with {cursor}, or use --all");
    }
    session.runtime.shutdown_background();
    Ok(())
}

fn export(global: &Global, args: &ExportArgs) -> Result<()> {
    check_parallel(&args.parallel, true, false)?;
    let mut spec = output_spec(&args.output_args(), &CUSTOMERS)?;
    let session = Session::open(global)?;
    let target = session.client.target();
    let body = QueryBody::new(target.tenant_id, &target.app_key, &args.filters);
    let walk = Walk {
        body,
        start: Cursor::First,
        limit: None,
        page_size: args.page_size,
    };
    if global.dry_run || global.curl {
        return show_request(global, &session.client.prepare_query(&walk.first_body()));
    }
    let query = String::from_utf8(walk.body.to_bytes()).expect("JSON is UTF-8");
    let format = format!("{:?}", args.output).to_lowercase();
    let mut export = if args.resume {
        Export::resume(&args.file, query, &format)?
    } else {
        let windows = plan(&session, walk.clone(), &args.parallel)?;
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
        label_custom_fields(&mut spec, &session, args.shape.raw_custom_fields)?;
        let progress = Progress::new(!global.quiet);
        let pages = spawn(&session, walks, args.parallel.sorted);
        let mut pages = paginator::interruptible(pages, session.runtime.handle());
        let mut out = output::formatter(
            spec,
            export.writer()?,
            Terminal {
                is_tty: false,
                color: false,
            },
        );
        while let Some(event) = pages.blocking_recv() {
            if let Event::Page(customers) = event? {
                out.page(&customers)?;
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
    if !global.quiet {
        eprintln!("wrote {count} customers to {}", path.display());
    }
    session.runtime.shutdown_background();
    Ok(())
}

fn fields(global: &Global, args: &FieldsArgs) -> Result<()> {
    let spec = output_spec(&args.output, &FIELDS)?;
    let session = Session::open(global)?;
    let is_preset = match (args.preset, args.custom) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    if global.dry_run || global.curl {
        return show_request(global, &session.client.prepare_fields(is_preset));
    }
    let list = session.runtime.block_on(session.client.fields(is_preset))?;
    let mut out = output::formatter(
        spec,
        BufWriter::new(std::io::stdout().lock()),
        Terminal::stdout(),
    );
    out.page(&list)?;
    out.finish()
}

/// A progress line on stderr for long walks, only when stderr is a terminal.
struct Progress {
    bar: Option<ProgressBar>,
    pages: std::cell::Cell<u64>,
}

impl Progress {
    fn new(wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let style = ProgressStyle::with_template("{spinner} {pos} customers, {msg}, {elapsed}")
                .expect("the template is valid");
            ProgressBar::new_spinner().with_style(style)
        });
        Progress {
            bar,
            pages: Default::default(),
        }
    }

    fn page(&self, customers: usize) {
        if let Some(bar) = &self.bar {
            self.pages.set(self.pages.get() + 1);
            bar.inc(customers as u64);
            let rate = bar.position() as f64 / bar.elapsed().as_secs_f64().max(0.001);
            bar.set_message(format!("{} pages, {rate:.0}/s", self.pages.get()));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn serve_sandbox(config: sandbox::Config) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (addr, server) = sandbox::bind(config.clone()).await?;
        let mut stdout = std::io::stdout().lock();
        for line in sandbox::env_lines(addr, &config) {
            writeln!(stdout, "{line}")?;
        }
        stdout.flush()?;
        drop(stdout);
        eprintln!(
            "nxcdp sandbox: {} customers (seed {}), listening until Ctrl-C",
            config.customers, config.seed
        );
        tokio::select! {
            result = server => result.map_err(|e| Error::Network(format!("sandbox server failed: {e}")))?,
            _ = tokio::signal::ctrl_c() => {}
        }
        Ok(())
    })
}
