//! A watch's walks printed page by page (to stdout or `--file`), the bookmark saved after what
//! they printed is flushed, the failures time may cure waited out, a stop signal obeyed between
//! pages.

use super::WatchArgs;
use crate::commands::progress::Status;
use crate::commands::Context;
use crate::error::{shown, Error};
use crate::output::Formatter;
use crate::stop::Stop;
use crate::transport::Client;
use crate::watch::{self, Bookmark, Memory, Poll, Watch};
use anyhow::Result;
use serde_json::value::RawValue;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A memory as of a moment (this machine's clock, Unix ms), to save later.
type Saved = (Option<Memory>, i64);

/// Where customers go: stdout, or `--file`, which is synced after each page.
pub(super) struct Sink<'a> {
    pub(super) out: Box<dyn Formatter + 'a>,
    pub(super) file: Option<(&'a File, &'a Path)>,
    /// A table on a terminal, shown batch by batch under one header.
    pub(super) table: bool,
}

/// A watch under way: the walks, where they print, the bookmark, the status line.
pub(super) struct Run<'a> {
    pub(super) ctx: &'a Context<'a>,
    pub(super) args: &'a WatchArgs,
    pub(super) watch: Watch,
    pub(super) client: &'a Arc<Client>,
    pub(super) runtime: &'a tokio::runtime::Handle,
    pub(super) bookmark: Option<Bookmark>,
    pub(super) sink: Sink<'a>,
    pub(super) status: Status,
    pub(super) stop: Stop,
    pub(super) printed: u64,
    /// This run created the bookmark.
    pub(super) created: bool,
}

impl Run<'_> {
    /// The first walk and the `--since` walk of a new watch, then the polls; a stop signal ends
    /// it with the bookmark saved, and exit 0.
    pub(super) fn watch(&mut self) -> Result<()> {
        let result = self.polls();
        match result {
            Err(e) if matches!(e.downcast_ref(), Some(Error::Interrupted)) => {
                self.save()?;
                let signal = self.stop.signal().unwrap_or("a signal");
                let kept = match (&self.bookmark, self.watch.memory().is_some()) {
                    (Some(b), true) => format!("; {} goes on from here", shown(b.path())),
                    // Stopped before the first walk's answer: nothing to go on from.
                    (Some(b), false) => format!(
                        "; no answer came, so {} holds nothing: the next run starts anew",
                        shown(b.path())
                    ),
                    (None, _) => String::new(),
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
        let mut cut = false;
        if let Some(since) = self.watch.since() {
            cut = self.walk(since)?.cut;
            self.save()?;
        }
        // `--once`: a `--since` walk cut at the run's start goes on in the next run, before its
        // polls.
        if self.args.once && (fresh || cut) {
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
                    crate::commands::progress::requests(poll.requests),
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
                        "warning: this poll failed ({failures} in a row): {first}; the watch polls again in {}",
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
                sink.out.flush()?;
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
        self.once_done();
        Ok(())
    }

    /// What a `--once` run did, on stderr: to a person at a terminal, how many customers were
    /// new and where the bookmark is (cron's mail gets nothing); to anyone, that without a
    /// bookmark the next run cannot know where this one stopped.
    fn once_done(&self) {
        use std::io::IsTerminal;
        let Some(bookmark) = &self.bookmark else {
            self.say("warning: --once without --bookmark keeps no memory: the next run will not know where this one stopped; add --bookmark FILE");
            return;
        };
        if !std::io::stderr().is_terminal() {
            return;
        }
        let path = shown(bookmark.path());
        let new = match self.printed {
            1 => "1 new customer".to_string(),
            n => format!("{n} new customers"),
        };
        let again = "run the same command again to print the customers that come after";
        self.say(&match (self.created, self.args.filters.since.is_some()) {
            (true, false) => format!(
                "created the bookmark {path}; the customers already there are not printed: {again}"
            ),
            (true, true) => {
                format!("created the bookmark {path}; {new} printed by --since: {again}")
            }
            (false, _) => {
                format!("{new} since the last run, saved in the bookmark {path}: {again}")
            }
        });
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
                        "note: the server asks nxcdp to wait (HTTP 429, or Retry-After); waiting {} s",
                        wait.as_secs_f64().ceil()
                    ));
                }
            }
        }
    }
}
