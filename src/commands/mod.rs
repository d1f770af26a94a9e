//! The command layer: one file per command, each with its arguments and a `run` that wires them
//! to the stages doing the work. This module holds the top-level argument model, the dispatch
//! and what every request-sending command shares: the [`Session`].

pub mod api;
pub mod completions;
pub mod config;
pub mod doctor;
pub mod export;
pub mod fields;
pub mod get;
pub mod import;
pub mod man;
mod progress;
pub mod query;
pub mod sandbox;
pub mod watch;

use crate::cli::{Filters, Format, ParallelArgs, RequestArgs};
use crate::config as profiles;
use crate::customer;
use crate::error::Error;
use crate::output::{Formatter, Spec, Terminal};
use crate::paginator::{self, Cursor, Event, Walk};
use crate::parallel::{self, Plan};
use crate::sandbox as emulator;
use crate::stop::Stop;
use crate::transport::{Client, Prepared, Settings};
use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::future::Future;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::Receiver;

const ABOUT: &str = "Query the customers of an NXCloud CDP tenant";

const EXAMPLES: &str = "\
Examples:
  nxcdp customers query --sandbox --tag vip --limit 5
  nxcdp customers query --all -o jsonl | jq -r .email
  nxcdp customers query --source-type excel-import -o csv > customers.csv
  nxcdp sandbox --port 8080

Every flag of a command may also come before its name:
  nxcdp --sandbox -o jsonl customers query

Guide: README.md (in the source and in each release archive)";

const CUSTOMERS_GUIDE: &str = "\
Guide: README.md (the five jobs), then a page of docs/ per command (in the source and in each release archive)";

#[derive(Parser, Debug)]
#[command(name = "nxcdp", version = env!("NXCDP_LONG_VERSION"), about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// The options of every command.
#[derive(Args, Debug, Clone, Default)]
pub struct Global {
    /// Profile in the config file [env: NXCDP_PROFILE] [default: default]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Print no progress, hints or warnings
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Query, get, export, import and watch customers, and list their fields
    #[command(alias = "customer", after_help = CUSTOMERS_GUIDE)]
    Customers(Customers),
    /// Send a signed request to any NXCloud endpoint and print the answer
    #[command(after_help = api::EXAMPLES)]
    Api(Box<api::ApiArgs>),
    /// Run a local emulator of the CDP API (no account needed)
    #[command(after_help = sandbox::EXAMPLES)]
    Sandbox(emulator::Config),
    /// Show and change the config file's profiles
    #[command(subcommand, after_help = config::EXAMPLES)]
    Config(config::ConfigCommand),
    /// Check everything between this machine and the API, step by step
    #[command(after_help = doctor::EXAMPLES)]
    Doctor(doctor::DoctorArgs),
    /// Print a shell completion script
    #[command(after_help = completions::COMPLETIONS_EXAMPLES)]
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff), or write one per command into a directory
    #[command(after_help = man::EXAMPLES)]
    Man(man::ManArgs),
}

/// `nxcdp customers`: the request options apply to each of its commands.
#[derive(Args, Debug)]
pub struct Customers {
    #[command(flatten)]
    pub request: RequestArgs,
    #[command(subcommand)]
    pub command: CustomersCommand,
}

#[derive(Subcommand, Debug)]
pub enum CustomersCommand {
    /// Query customers by filters, walking every page needed
    #[command(after_help = query::EXAMPLES)]
    Query(Box<query::QueryArgs>),
    /// Print the customers with these ids
    #[command(after_help = get::EXAMPLES)]
    Get(Box<get::GetArgs>),
    /// List the tenant's customer fields, custom fields included
    #[command(after_help = fields::EXAMPLES)]
    Fields(fields::FieldsArgs),
    /// Export customers to a file that appears only when complete; resumable
    #[command(after_help = export::EXAMPLES)]
    Export(Box<export::ExportArgs>),
    /// Create customers from CSV, JSON lines, JSON or a workbook; every row accepted or rejected; resumable
    #[command(after_help = import::EXAMPLES)]
    Import(Box<import::ImportArgs>),
    /// Print new customers as they arrive, each once; --once --bookmark for cron jobs
    #[command(after_help = watch::EXAMPLES)]
    Watch(Box<watch::WatchArgs>),
}

/// Runs a parsed command line, writing its data to `out` (stdout, or a buffer in tests).
pub fn run(cli: Cli, out: &mut dyn Write, terminal: Terminal) -> Result<()> {
    let Cli { global, command } = cli;
    match command {
        Command::Sandbox(config) => sandbox::run(config, out),
        Command::Customers(Customers { request, command }) => {
            let ctx = Context {
                global: &global,
                request: &request,
            };
            match command {
                CustomersCommand::Query(args) => query::run(&ctx, &args, out, terminal),
                CustomersCommand::Get(args) => get::run(&ctx, &args, out, terminal),
                CustomersCommand::Fields(args) => fields::run(&ctx, &args, out, terminal),
                CustomersCommand::Export(args) => export::run(&ctx, &args, out),
                CustomersCommand::Import(args) => import::run(&ctx, &args, out),
                CustomersCommand::Watch(args) => watch::run(&ctx, &args, out, terminal),
            }
        }
        Command::Api(args) => {
            let ctx = Context {
                global: &global,
                request: &args.request,
            };
            api::run(&ctx, &args, out, terminal)
        }
        Command::Config(command) => config::run(&global, command, out),
        Command::Doctor(args) => {
            let ctx = Context {
                global: &global,
                request: &args.request,
            };
            doctor::run(&ctx, out, terminal)
        }
        Command::Completions(args) => completions::completions(&args, out),
        Command::Man(args) => man::run(&args, global.quiet, out),
    }
}

/// What a request-sending command knows besides its own arguments.
pub struct Context<'a> {
    pub global: &'a Global,
    pub request: &'a RequestArgs,
}

/// A runtime and a client pointed at the configured API, or at an in-process sandbox.
pub struct Session {
    pub runtime: tokio::runtime::Runtime,
    pub client: Arc<Client>,
    /// Set by a command that saves something: the requests of `plan` and `label_custom_fields`
    /// then end at a stop signal too (see [`crate::stop`]).
    pub stop: Option<Stop>,
}

impl Session {
    /// `concurrency` is how many requests the command sends at once (`--parallel`).
    pub fn open(ctx: &Context, concurrency: u32) -> Result<Session> {
        let (global, request) = (ctx.global, ctx.request);
        if request.sandbox && (request.dry_run || request.curl) {
            let flag = if request.curl { "--curl" } else { "--dry-run" };
            return Err(Error::Usage(format!(
                "{flag} cannot be used with --sandbox: the in-process sandbox stops when nxcdp exits, so the printed request could not be sent\nhint: run `nxcdp sandbox` in another shell, paste the export lines it prints here, and run the command without --sandbox"
            ))
            .into());
        }
        let runtime = runtime()?;
        let target = if request.sandbox {
            runtime.block_on(start_sandbox(&runtime))?
        } else {
            let (target, warnings) =
                profiles::resolve(global.profile.as_deref(), &request.connection)?;
            if !global.quiet {
                for w in warnings {
                    crate::say!("warning: {w}");
                }
            }
            target
        };
        let settings = Settings {
            algorithm: request.sign_algorithm,
            timeout: Duration::from_secs(request.timeout),
            retries: request.retries,
            verbose: request.verbose,
            quiet: global.quiet,
            concurrency: concurrency as usize,
            rate: request.rate,
        };
        if request.verbose > 0 {
            let base = crate::error::masked_url(&target.base_url);
            crate::say!("* base {base} (from {})", target.base_from);
        }
        let client = Arc::new(Client::new(target, settings)?);
        Ok(Session {
            runtime,
            client,
            stop: None,
        })
    }

    /// Ends the session with the command's result. After a reader left (`| head`) the process
    /// is about to exit 0: requests still in flight are left to that exit rather than cancelled
    /// by a runtime shutdown, which their walkers would report (with `-v`) as network errors on
    /// stderr. Their pages then find the channel closed, and they stop.
    pub fn end(self, result: Result<()>) -> Result<()> {
        match &result {
            Ok(()) => self.runtime.shutdown_background(),
            Err(e) if crate::error::is_closed_pipe(e) => std::mem::forget(self),
            Err(_) => {}
        }
        result
    }

    /// `--dry-run` and `--curl`: prints the request instead of sending it; `false` when neither
    /// was asked for.
    pub fn show_request(
        &self,
        ctx: &Context,
        out: &mut dyn Write,
        request: impl FnOnce(&Client) -> Prepared,
    ) -> Result<bool> {
        let flags = ctx.request;
        if !(flags.dry_run || flags.curl) {
            return Ok(false);
        }
        let request = request(&self.client);
        if flags.curl {
            writeln!(out, "{}", request.to_curl())?;
            if !ctx.global.quiet {
                crate::say!(
                    "note: the signature holds a timestamp; the server accepts it for 60 s"
                );
            }
        } else {
            write!(out, "{request}")?;
        }
        Ok(true)
    }

    /// Table and CSV show custom fields by their labels, from the field list, fetched once and
    /// only when a column needs it (or to check the custom fields `--columns` names). A field
    /// list that cannot be fetched is a warning: the custom fields are then headed by their keys.
    /// For Parquet it is an error (exit by the failure's kind), before anything is written: its
    /// schema, typed and named by the list, is promised stable, and a file whose custom columns
    /// went missing or came as text would break the reader's queries silently.
    pub fn label_custom_fields(&self, ctx: &Context, spec: &mut Spec, raw: bool) -> Result<()> {
        if !spec.wants_field_list(raw) {
            return Ok(());
        }
        let known = match self.block_on(self.client.fields(Some(false))) {
            Ok(list) => Some(customer::custom_fields(&list, spec.labels)),
            // The command stops at its next step; no warning for a list it no longer needs.
            Err(Error::Interrupted) => return Ok(()),
            Err(e) if spec.format == Format::Parquet => {
                return Err(anyhow::Error::from(e).context(
                    "cannot fetch the field list, which types and names a Parquet file's custom columns; nothing is written: try again, or add --raw-custom-fields to export customize_field as its JSON text without the list",
                ))
            }
            Err(e) => {
                warn(
                    ctx,
                    &format!(
                        "cannot fetch the field list ({}); custom fields are headed by their keys",
                        e.to_string().replace('\n', "; ")
                    ),
                );
                None
            }
        };
        Ok(spec.label_custom_fields(known.as_deref(), raw)?)
    }

    /// The windows to walk: the walk's own range, or with `--parallel` several.
    pub fn plan(&self, walk: &Walk, parallel: &ParallelArgs) -> Result<Plan> {
        if parallel.parallel < 2 {
            return Ok(Plan::single(walk));
        }
        let workers = parallel.parallel as usize;
        Ok(self.block_on(parallel::plan(&self.client, walk, workers))?)
    }

    /// Runs `work` on the runtime to its end, or with a [`Session::stop`] until a stop signal.
    fn block_on<T>(&self, work: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        match &self.stop {
            Some(stop) => self.runtime.block_on(stop.or(work)),
            None => self.runtime.block_on(work),
        }
    }

    /// Starts walking: one window is one cursor (with the walk's limit and direction); several
    /// are shared by `--parallel` workers.
    pub fn spawn(
        &self,
        mut walk: Walk,
        mut plan: Plan,
        parallel: &ParallelArgs,
    ) -> Receiver<Result<Event, Error>> {
        let runtime = self.runtime.handle();
        // A window bounded below (one left of a parallel export) needs the pool, which stops
        // there.
        if parallel.parallel < 2 && plan.windows.len() == 1 && plan.windows[0].above.is_none() {
            let window = plan.windows.remove(0);
            (walk.body.start_time, walk.body.end_time) = (window.start, window.end);
            if let Some(below) = window.below {
                walk.start = Cursor::After(below);
            }
            return paginator::spawn(self.client.clone(), walk, runtime);
        }
        let workers = parallel.parallel.max(1) as usize;
        parallel::spawn(
            self.client.clone(),
            walk,
            plan,
            workers,
            parallel.sorted,
            runtime,
        )
    }
}

/// The runtime of a command that sends requests: two workers are enough to keep a page in
/// flight while the last one is written.
fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// `--sandbox`: a sandbox with the default data, serving on a free loopback port of `runtime`
/// until the runtime stops; the target that points at it.
async fn start_sandbox(runtime: &tokio::runtime::Runtime) -> Result<crate::config::Target> {
    let config = emulator::Config::default();
    let (addr, server) = emulator::bind(config.clone()).await?;
    runtime.spawn(server);
    Ok(sandbox::target(addr, &config))
}

/// A warning on stderr, unless `--quiet`.
fn warn(ctx: &Context, warning: &str) {
    if !ctx.global.quiet {
        crate::say!("warning: {warning}");
    }
}

/// The warnings and notes a formatter gathered (custom-field keys the field list does not name,
/// columns a narrow terminal left out), each a whole line.
fn print_warnings(ctx: &Context, out: &mut dyn Formatter) {
    for line in out.messages() {
        if !ctx.global.quiet {
            crate::say!("{line}");
        }
    }
}

/// A time range that no customer can fall in is a mistake, not an empty answer.
fn check_times(filters: &Filters) -> Result<(), Error> {
    let start = match (&filters.start_time, &filters.since) {
        (Some(t), _) => Some((t, "--start-time".to_string())),
        (None, Some(s)) => Some((&s.time, format!("--since {}", s.text))),
        _ => None,
    };
    match (start, &filters.end_time) {
        (Some((start, flag)), Some(end)) if start >= end => Err(Error::Usage(format!(
            "{flag} ({start}) is not before --end-time ({end}): no customer can match"
        ))),
        _ => Ok(()),
    }
}

/// `--parallel` walks the whole range of ids in windows: it needs `--all` and no starting cursor.
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_argument_model_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parallel_needs_all_and_no_cursor() {
        let p = |parallel, sorted| ParallelArgs { parallel, sorted };
        assert!(check_parallel(&p(4, false), true, false).is_ok());
        assert!(check_parallel(&p(1, false), false, true).is_ok());
        assert!(check_parallel(&p(4, false), false, false).is_err());
        assert!(check_parallel(&p(4, false), true, true).is_err());
        assert!(check_parallel(&p(1, true), true, false).is_err());
    }
}
