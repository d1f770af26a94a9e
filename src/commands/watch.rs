//! `nxcdp customers watch`: new customers printed as they arrive, each once, late ones included;
//! `--once --bookmark` for cron jobs. The walks are `crate::watch`'s; here they are printed,
//! saved after what they printed is flushed, retried when time may cure a failure, and stopped
//! by a signal between pages.

use super::progress::Status;
use super::{check_times, Context, Session};
use crate::cli::{Filters, Format, OutputArgs};
use crate::error::{shown, Error};
use crate::lock::Lock;
use crate::output::{self, Catalog, Formatter, Spec, Terminal};
use crate::paginator::{Cursor, Walk};
use crate::query::QueryBody;
use crate::stop::Stop;
use crate::transport::Client;
use crate::watch::{self, Bookmark, Memory, Poll, Watch};
use anyhow::Result;
use clap::{Args, ValueHint};
use serde_json::value::RawValue;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const EXAMPLES: &str = "\
Examples:
  nxcdp customers watch -o jsonl | jq --unbuffered -r .email
  nxcdp customers watch --tag vip --interval 30s
  nxcdp customers watch --once --bookmark new.bookmark -o jsonl >> new.jsonl   # from cron
  nxcdp customers watch --once --bookmark new.bookmark --file new.csv -o csv";

#[derive(Args, Debug, Clone)]
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
    #[command(flatten)]
    pub output: OutputArgs,
    // Last: the filters' help heading would otherwise cover the options above.
    #[command(flatten)]
    pub filters: Filters,
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
    if args.output.output == Some(Format::Json) {
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
    // `-` is stdout, as for `export --file -`.
    let to_file = args.file.as_deref().filter(|p| p.as_os_str() != "-");
    if to_file.is_some() && args.bookmark.is_none() {
        return Err(Error::Usage(
            "--file needs --bookmark, which records how much of the file holds each customer once"
                .into(),
        )
        .into());
    }
    let mut spec = Spec::from_args(&args.output, &Catalog::CUSTOMERS)?;
    let session = Session::open(ctx, 1)?;
    let target = session.client.target();
    // `--since` is where the first run starts, not a filter of the polls.
    let filters = Filters {
        since: None,
        ..args.filters.clone()
    };
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
    if let Some(path) = &args.bookmark {
        watch::bookmark::check_path(path)?;
    }
    let _locks = [args.bookmark.as_deref(), to_file]
        .into_iter()
        .flatten()
        .map(Lock::acquire)
        .collect::<Result<Vec<_>, _>>()?;
    let (mut bookmark, memory) = match &args.bookmark {
        Some(path) => {
            let owner = watch::Owner {
                base_url: crate::error::masked_url(&target.base_url).into_owned(),
                tenant_id: target.tenant_id,
                app_key: target.app_key.clone(),
                filters: walk.body.filters(),
            };
            let (bookmark, memory) = Bookmark::open(path, owner, crate::wire::now_ms())?;
            (Some(bookmark), memory)
        }
        None => (None, None),
    };
    // A file this bookmark started goes on under its own CSV header.
    let mut headed = false;
    let file = match (to_file, &mut bookmark) {
        (Some(path), Some(bookmark)) => {
            let (file, covered) = watch::file::open(path, bookmark.file.as_ref(), &options(args))?;
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
    let stop = Stop::install(session.runtime.handle())?;
    let quiet = ctx.global.quiet;
    let sink = match &file {
        Some((file, path)) => Sink {
            out: output::formatter(spec, BufWriter::new(file), Terminal::PLAIN),
            file: Some((file, path)),
            table: false,
        },
        None => Sink {
            table: spec.format == Format::Table && terminal.is_tty,
            out: output::formatter(spec, out, terminal),
            file: None,
        },
    };
    let mut run = Run {
        ctx,
        args,
        watch: Watch::new(walk, args.lookback, memory),
        client: &session.client,
        runtime: session.runtime.handle(),
        bookmark,
        sink,
        status: Status::new(!quiet && !args.once, quiet, &session.client),
        stop,
        printed: 0,
    };
    let result = run.watch();
    run.status.finish();
    drop(run);
    session.end(result)
}

/// The output options that shape a `--file`, as a user would type them.
fn options(args: &WatchArgs) -> String {
    let shape = &args.output.shape;
    let format = match args.output.output {
        Some(f) => f,
        None if args.output.jq.is_some() => Format::Jsonl,
        None => Format::Table,
    };
    let mut text = format!("-o {format:?}").to_lowercase();
    if !shape.columns.is_empty() {
        text.push_str(&format!(" --columns {}", shape.columns.join(",")));
    }
    for (flag, on) in [
        ("--raw-custom-fields", shape.raw_custom_fields),
        ("--ids-as-strings", shape.ids_as_strings),
        ("--csv-safe", shape.csv_safe),
    ] {
        if on {
            text.push_str(&format!(" {flag}"));
        }
    }
    if let Some(jq) = &args.output.jq {
        text.push_str(&format!(" --jq {jq}"));
    }
    text
}

/// A memory as of a moment (this machine's clock, Unix ms), to save later.
type Saved = (Option<Memory>, i64);

/// Where customers go: stdout, or `--file`, which is synced after each page.
struct Sink<'a> {
    out: Box<dyn Formatter + 'a>,
    file: Option<(&'a File, &'a Path)>,
    /// A table on a terminal is held until it is finished: each batch is one.
    table: bool,
}

struct Run<'a> {
    ctx: &'a Context<'a>,
    args: &'a WatchArgs,
    watch: Watch,
    client: &'a Arc<Client>,
    runtime: &'a tokio::runtime::Handle,
    bookmark: Option<Bookmark>,
    sink: Sink<'a>,
    status: Status,
    stop: Stop,
    printed: u64,
}

impl Run<'_> {
    /// The first walk and the `--since` walk of a new watch, then the polls; a stop signal ends
    /// it with the bookmark saved, and exit 0.
    fn watch(&mut self) -> Result<()> {
        let result = self.polls();
        match result {
            Err(e) if matches!(e.downcast_ref(), Some(Error::Interrupted)) => {
                self.save()?;
                let signal = self.stop.signal().unwrap_or("a signal");
                let kept = match &self.bookmark {
                    Some(b) => format!("; {} goes on from here", shown(b.path())),
                    None => String::new(),
                };
                self.say(&format!(
                    "stopped by {signal}: {} new customers printed{kept}",
                    self.printed
                ));
                Ok(())
            }
            other => other,
        }
    }

    fn polls(&mut self) -> Result<()> {
        let fresh = self.watch.is_new();
        if fresh {
            let first = self.watch.first();
            self.walk(first)?;
            if let Some(since) = &self.args.filters.since {
                self.watch.catch_up_from(since.time.clone());
            }
            self.save()?;
        }
        if let Some(since) = self.watch.since() {
            self.walk(since)?;
            self.save()?;
        }
        if self.args.once && fresh {
            return self.finish();
        }
        if !self.args.once {
            let from = match (&self.bookmark, fresh) {
                (Some(b), false) => format!(", from {}", shown(b.path())),
                _ => String::new(),
            };
            self.say(&format!(
                "watching for new customers every {}{from} (looking back {}); Ctrl-C stops",
                crate::time::show_duration(self.args.interval),
                crate::time::show_duration(self.args.lookback)
            ));
        }
        loop {
            let started = Instant::now();
            let poll = self.watch.poll();
            let poll = self.walk(poll)?;
            self.save()?;
            if self.ctx.request.verbose > 0 {
                self.say(&format!(
                    "* poll: {}, {} new customers, looked back from id {}",
                    super::progress::requests(poll.requests),
                    poll.printed,
                    poll.from
                ));
            }
            self.status
                .polled(poll.requests, poll.printed, self.printed);
            if self.args.once {
                return self.finish();
            }
            self.pause(started + self.args.interval)?;
        }
    }

    /// Waits until `until`, unless a stop signal comes first.
    fn pause(&self, until: Instant) -> Result<(), Error> {
        let stop = self.stop.clone();
        let until = tokio::time::Instant::from_std(until);
        self.runtime.block_on(async {
            tokio::select! {
                _ = tokio::time::sleep_until(until) => Ok(()),
                _ = stop.wait() => Err(Error::Interrupted),
            }
        })
    }

    /// Walks `poll` to its end, printing each page and saving after it. A watch that runs on
    /// waits out what time may cure (throttling, 5xx, the network, a garbled answer) without
    /// limit, and goes on from the page that failed; `--once` fails as any command does.
    fn walk(&mut self, mut poll: Poll) -> Result<Poll> {
        let mut failures = 0u32;
        loop {
            // What the bookmark may say while the page is written to a file: as before it.
            let before = self
                .sink
                .file
                .map(|_| (self.watch.memory(), crate::wire::now_ms()));
            let step = {
                let (watch, client, status) = (&mut self.watch, &**self.client, &self.status);
                let step = reporting(watch.step(client, &mut poll), client, status);
                self.runtime.block_on(self.stop.or(step))
            };
            match step {
                Ok(Some(customers)) => {
                    if failures > 0 {
                        self.say(&format!(
                            "note: the server answers again, after {failures} failed attempts"
                        ));
                        failures = 0;
                    }
                    if !customers.is_empty() {
                        self.print(&customers, before)?;
                        self.save()?;
                    }
                    if let Some(warning) = self.watch.take_warning() {
                        self.say(&warning);
                    }
                    if self.stop.signal().is_some() {
                        return Err(Error::Interrupted.into());
                    }
                }
                Ok(None) => return Ok(poll),
                Err(e) if !self.args.once && watch::waits_out(&e) => {
                    failures += 1;
                    let first = e.to_string();
                    let first = first.lines().next().unwrap_or_default();
                    self.say(&format!(
                        "warning: {first}; trying again in {} ({failures} failed in a row)",
                        crate::time::show_duration(self.args.interval)
                    ));
                    self.status
                        .waiting(&format!("the server failed {failures} times in a row"));
                    self.pause(Instant::now() + self.args.interval)?;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Writes customers and flushes them (to disk, for `--file`). A file's bookmark says first,
    /// with the memory `before` the page, that a write is in progress: a run that dies during
    /// it leaves a tail the next run may cut, and no other.
    fn print(&mut self, customers: &[Box<RawValue>], before: Option<Saved>) -> Result<()> {
        if let (Some(bookmark), Some((Some(memory), at))) = (&mut self.bookmark, before) {
            if let Some(covered) = &mut bookmark.file {
                covered.writing = true;
                bookmark.save(&memory, at)?;
            }
        }
        let sink = &mut self.sink;
        self.status.suspend(|| -> Result<()> {
            sink.out.page(customers)?;
            if sink.table {
                sink.out.finish()?;
            }
            Ok(())
        })?;
        self.printed += customers.len() as u64;
        let messages = self.sink.out.messages();
        for line in messages.iter().filter(|_| !self.ctx.global.quiet) {
            self.status.say(line);
        }
        if let (Some((file, path)), Some(bookmark)) = (&self.sink.file, &mut self.bookmark) {
            let (bytes, tail) = watch::file::settle(file, path)?;
            if let Some(covered) = &mut bookmark.file {
                (covered.bytes, covered.tail_sha256) = (bytes, Some(tail));
                covered.writing = false;
                if covered.columns.is_none() {
                    covered.columns = self
                        .sink
                        .out
                        .header()
                        .map(|h| serde_json::to_value(h.columns).expect("columns serialize"));
                }
            }
        }
        Ok(())
    }

    /// `--once` is done: a CSV with no new customers still gets its header.
    fn finish(&mut self) -> Result<()> {
        if self.sink.file.is_none() && !self.sink.table {
            self.sink.out.finish()?;
        }
        Ok(())
    }

    fn save(&self) -> Result<(), Error> {
        match (&self.bookmark, self.watch.memory()) {
            (Some(bookmark), Some(memory)) => bookmark.save(&memory, crate::wire::now_ms()),
            _ => Ok(()),
        }
    }

    fn say(&self, line: &str) {
        if !self.ctx.global.quiet {
            self.status.say(line);
        }
    }
}

/// Runs `step`, saying on stderr when the server starts throttling it (the client waits as the
/// server asks, which may take minutes).
async fn reporting<T>(
    step: impl std::future::Future<Output = Result<T, Error>>,
    client: &Client,
    status: &Status,
) -> Result<T, Error> {
    tokio::pin!(step);
    let mut throttled = client.pace().throttled;
    loop {
        tokio::select! {
            result = &mut step => return result,
            _ = tokio::time::sleep(Duration::from_millis(250)) => {
                let pace = client.pace();
                if let (true, Some(wait)) = (pace.throttled > throttled, pace.paused_for) {
                    throttled = pace.throttled;
                    status.say(&format!(
                        "note: the server asks nxcdp to slow down (HTTP 429); waiting {} s",
                        wait.as_secs_f64().ceil()
                    ));
                }
            }
        }
    }
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
