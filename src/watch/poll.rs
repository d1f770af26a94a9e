//! The walks of a watch, one request at a time: the first walk (which customers are there
//! before the watch begins), the `--since` catch-up, and the polls. The caller prints what each
//! step returns and saves the memory between steps.

use super::memory::{id_ms, CatchUp, Memory};
use crate::cli::Filters;
use crate::error::Error;
use crate::paginator::{fetch, Cursor, Trail, Walk};
use crate::query::QueryBody;
use crate::transport::Client;
use serde_json::value::RawValue;
use std::time::{Duration, Instant};

pub struct Watch {
    memory: Option<Memory>,
    /// The first walk is over (or the memory came from a bookmark): the memory may be saved.
    ready: bool,
    /// The filters and page size; each walk sets its own cursor.
    walk: Walk,
    lookback_ms: i64,
    /// When `memory.clock_ms` was read, on this process's monotonic clock.
    clock_read: Instant,
    /// The first id from the future this run met, and how far ahead it was, until it is told.
    future: Option<(i64, i64)>,
    /// It has been told: once a run.
    told: bool,
    /// What the server's clock did (went back, or its `Date` did alone), until it is told.
    clock_warning: Option<String>,
    /// The ids' clock when the server's clock last went back: customers made before it, printed
    /// again by the wider look-back, are not from the future.
    before_step: Option<i64>,
    /// `--once`: a walk that has not ended after [`ONCE_PAGES`] pages stops at the newest
    /// customer there then.
    once: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Newest first, down through the look-back: the customers there are not new.
    First,
    /// When no customer matches the filters yet: the newest of all, for where the ids' clock is.
    Probe,
    /// `--since`: every customer created since, oldest first.
    Since,
    /// From the look-back's start up to the newest customer: the ones not printed before.
    Poll,
}

/// One walk in progress.
pub struct Poll {
    kind: Kind,
    walk: Walk,
    cursor: Option<Cursor>,
    trail: Trail,
    /// An item that is not a customer: raised once the customers before it are printed.
    failure: Option<Error>,
    /// `--once`: the newest id this walk prints (the newest there when it was asked); newer ones
    /// are the next run's.
    until: Option<i64>,
    /// The walk stopped at `until`, with newer customers there.
    pub cut: bool,
    /// The ids' clock when this poll began: the next one looks back from there.
    started_ms: Option<i64>,
    /// Where a poll started walking up from (`before`).
    pub from: i64,
    pub requests: u32,
    pub printed: u64,
}

impl Watch {
    /// A watch of `walk`'s filters; `memory` is a bookmark's, `None` for a new watch.
    pub fn new(walk: Walk, lookback: Duration, memory: Option<Memory>) -> Watch {
        Watch {
            clock_warning: None,
            before_step: None,
            once: false,
            ready: memory.is_some(),
            memory,
            walk,
            lookback_ms: i64::try_from(lookback.as_millis()).unwrap_or(i64::MAX),
            clock_read: Instant::now(),
            future: None,
            told: false,
        }
    }

    /// `--once`: each walk stops at the customers made after it began, the next run's.
    pub fn once(self, once: bool) -> Watch {
        Watch { once, ..self }
    }

    /// The warning about the server's clock going back (each time it does), or else about the
    /// first customer whose id is from the future (once a run).
    pub fn take_warning(&mut self) -> Option<String> {
        if let Some(warning) = self.clock_warning.take() {
            return Some(warning);
        }
        let (id, ahead) = self.future.take()?;
        self.told = true;
        Some(format!(
            "warning: customer {id} has an id from the future: its time is {} ahead of what the other customers' ids allow (a server's clock that jumped?); it is printed, but the watch keeps its look-back where the other customers put it",
            ahead_text(ahead)
        ))
    }

    /// No walk has found out yet which customers were there before the watch.
    pub fn is_new(&self) -> bool {
        !self.ready
    }

    /// The memory as of now (its clock read now), for a bookmark; `None` until the first walk
    /// is over: half of it would make customers that were there look new.
    pub fn memory(&self) -> Option<Memory> {
        let mut memory = self.memory.clone().filter(|_| self.ready)?;
        memory.clock_ms = memory.clock(self.elapsed_ms());
        Some(memory)
    }

    fn elapsed_ms(&self) -> i64 {
        i64::try_from(self.clock_read.elapsed().as_millis()).unwrap_or(i64::MAX)
    }

    fn start(&self, kind: Kind, walk: Walk, cursor: Cursor) -> Poll {
        Poll {
            kind,
            walk,
            cursor: Some(cursor),
            trail: Trail::new(cursor),
            failure: None,
            until: None,
            cut: false,
            started_ms: None,
            from: 0,
            requests: 0,
            printed: 0,
        }
    }

    /// The first walk of a new watch: it prints nothing.
    pub fn first(&self) -> Poll {
        self.start(Kind::First, self.walk.clone(), Cursor::First)
    }

    /// Records that a `--since` walk is to come, once the first walk is done: it is saved with
    /// the memory, so that a run that stops during it goes on with it.
    pub fn catch_up_from(&mut self, start_time: String) {
        let memory = self.memory.get_or_insert_default();
        memory.catch_up = Some(CatchUp {
            start_time,
            before: 0,
        });
    }

    /// The `--since` walk still to do, if one is: the customers created from its start time on,
    /// oldest first, all printed.
    pub fn since(&self) -> Option<Poll> {
        let catch_up = self.memory.as_ref()?.catch_up.clone()?;
        let mut walk = self.walk.clone();
        walk.body.start_time = Some(catch_up.start_time);
        Some(self.start(Kind::Since, walk, Cursor::Before(catch_up.before)))
    }

    /// A poll: up from the start of the look-back to the newest customer.
    pub fn poll(&mut self) -> Poll {
        let started_ms = self
            .memory
            .as_ref()
            .and_then(|m| m.clock(self.elapsed_ms()));
        let lookback_ms = self.lookback_ms;
        let from = self.memory.get_or_insert_default().begin(lookback_ms);
        let mut poll = self.start(Kind::Poll, self.walk.clone(), Cursor::Before(from));
        (poll.started_ms, poll.from) = (started_ms, from);
        poll
    }

    /// Sends the walk's next request: the customers to print from it, oldest first (none on the
    /// first walk), or `None` when the walk is over. A failed request can be tried again with
    /// the same `poll`: it goes on from where it was.
    pub async fn step(
        &mut self,
        client: &Client,
        poll: &mut Poll,
    ) -> Result<Option<Vec<Box<RawValue>>>, Error> {
        if let Some(e) = poll.failure.take() {
            return Err(e);
        }
        let Some(cursor) = poll.cursor else {
            let memory = self.memory.get_or_insert_default();
            match poll.kind {
                Kind::Poll => memory.completed(poll.started_ms),
                // Cut at `--once`'s bound, it goes on in the next run.
                Kind::Since if poll.cut => {}
                Kind::Since => memory.catch_up = None,
                Kind::First | Kind::Probe => self.ready = true,
            }
            return Ok(None);
        };
        let walks_up = matches!(poll.kind, Kind::Poll | Kind::Since);
        if self.once && walks_up && poll.until.is_none() && poll.requests >= ONCE_PAGES {
            poll.until = Some(newest(client, &poll.walk).await?.unwrap_or(i64::MAX));
            poll.requests += 1;
        }
        let body = poll.walk.body_for(cursor, None);
        let (mut customers, next, invalid) = fetch(client, &body, cursor, &mut poll.trail).await?;
        poll.requests += 1;
        poll.failure = invalid;
        poll.cursor = next;
        let mut ids = ids(&customers)?;
        if let Some(until) = poll.until.filter(|&u| ids.iter().any(|&id| id > u)) {
            let mut keep = ids.iter().map(|&id| id <= until);
            customers.retain(|_| keep.next().unwrap_or(false));
            ids.retain(|&id| id <= until);
            (poll.cursor, poll.cut) = (None, true);
        }
        self.follow_server_clock(client, poll);
        let lookback_ms = self.lookback_ms;
        match poll.kind {
            Kind::First
                if self.memory.is_none() && ids.is_empty() && !body.filters().is_empty() =>
            {
                // No customer matches yet: whichever does first is new only if made after now,
                // and the newest customer of all tells when now is on the ids' clock.
                let b = &poll.walk.body;
                poll.walk.body = QueryBody::new(b.tenant_id, &b.app_key, &Filters::default());
                // Two: the clock starts at the second newest.
                (poll.kind, poll.walk.page_size) = (Kind::Probe, 2);
                (poll.cursor, poll.trail) = (Some(Cursor::First), Trail::new(Cursor::First));
            }
            Kind::First | Kind::Probe => {
                if self.memory.is_none() {
                    let newest = Memory::starting_at(&ids, lookback_ms);
                    self.memory = Some(newest.unwrap_or_default());
                    self.clock_read = Instant::now();
                }
                let memory = self.memory.get_or_insert_default();
                if poll.kind == Kind::First {
                    for &id in &ids {
                        memory.remember(id);
                    }
                }
                // Newest first: past the look-back's start, older customers are not needed.
                if poll.kind == Kind::Probe || ids.last().is_some_and(|&id| id < memory.floor) {
                    poll.cursor = None;
                }
            }
            Kind::Since | Kind::Poll => return Ok(Some(self.new_ones(poll, customers, &ids))),
        }
        Ok(Some(Vec::new()))
    }

    /// Where the answers' `Date` puts the server's clock, against where it stood before (the
    /// last answer, or the bookmark's last run). Gone back: the customers made since have ids
    /// that much lower, perhaps below the look-back, so the memory goes back by the step and a
    /// poll under way walks again from its new start (what it printed stays printed).
    fn follow_server_clock(&mut self, client: &Client, poll: &mut Poll) {
        let elapsed_ms = self.elapsed_ms();
        let (Some(now), Some(memory)) = (client.server_clock(), self.memory.as_mut()) else {
            return;
        };
        let step = memory.server_clock.and_then(|b| now.stepped_back_since(&b));
        memory.server_clock = Some(now);
        let step = match step {
            None => return,
            Some(Ok(step)) => step,
            Some(Err(step)) => {
                self.clock_warning = Some(format!(
                    "warning: the server's Date went back by about {}, but its clock did not (it still takes requests signed on the time before): the Date is not believed (a proxy's?), and the watch goes on as it was",
                    ahead_text(step)
                ));
                return;
            }
        };
        // The ids made before the step, up to the clock as it was, are not from the future.
        self.before_step = memory.clock(elapsed_ms).max(self.before_step);
        memory.step_back(step, elapsed_ms);
        self.clock_read = Instant::now();
        self.clock_warning = Some(format!(
            "warning: the server's clock went back by about {step} (the Date of its answers): its new customers have ids that much lower, so the watch looks back {step} further once; customers made in the {step} before the look-back may be printed a second time",
            step = ahead_text(step)
        ));
        if poll.kind == Kind::Poll {
            let from = memory.begin(self.lookback_ms);
            poll.started_ms = poll.started_ms.map(|s| s.saturating_sub(step));
            (poll.cursor, poll.trail, poll.from) = (
                Some(Cursor::Before(from)),
                Trail::new(Cursor::Before(from)),
                from,
            );
        }
    }

    /// The customers of a page of a poll (those not printed before) or of the `--since` walk
    /// (all), oldest first; each is remembered, and judged (oldest first: those that came before
    /// bound those after) before the clock moves to it.
    fn new_ones(
        &mut self,
        poll: &mut Poll,
        mut customers: Vec<Box<RawValue>>,
        ids: &[i64],
    ) -> Vec<Box<RawValue>> {
        let (lookback_ms, elapsed_ms) = (self.lookback_ms, self.elapsed_ms());
        let memory = self.memory.get_or_insert_default();
        let since = poll.kind == Kind::Since;
        let mut keep = vec![false; ids.len()];
        for (i, &id) in ids.iter().enumerate().rev() {
            let new = memory.remember(id);
            if !(new || since) {
                continue;
            }
            keep[i] = true;
            let ahead = memory.vouch(id, new && !since, lookback_ms, elapsed_ms);
            // Less than a second ahead is the clocks' grain; made before the server's clock went
            // back is no future.
            let before_step = self.before_step.is_some_and(|c| id_ms(id) <= c);
            let ahead = ahead.filter(|&a| a >= 1000 && !before_step);
            if let (Some(ahead), false) = (ahead, self.told || self.future.is_some()) {
                self.future = Some((id, ahead));
            }
        }
        if let (Some(catch_up), true) = (&mut memory.catch_up, since) {
            catch_up.before = catch_up.before.max(ids.first().copied().unwrap_or(0));
        }
        // Each page comes newest first: printed oldest first.
        let mut keep = keep.into_iter();
        customers.retain(|_| keep.next().unwrap_or(false));
        customers.reverse();
        poll.printed += customers.len() as u64;
        customers
    }
}

/// Pages a walk of a `--once` run takes before it asks where the newest customer is: a walk that
/// ends by then (an idle poll: one request) asks nothing more.
const ONCE_PAGES: u32 = 2;

/// The id of the newest customer that `walk`'s filters match, if one does: one request.
async fn newest(client: &Client, walk: &Walk) -> Result<Option<i64>, Error> {
    let walk = Walk {
        page_size: 1,
        ..walk.clone()
    };
    let body = walk.body_for(Cursor::First, None);
    let mut trail = Trail::new(Cursor::First);
    let (customers, _, invalid) = fetch(client, &body, Cursor::First, &mut trail).await?;
    if let Some(e) = invalid {
        return Err(e);
    }
    Ok(ids(&customers)?.first().copied())
}

/// How far ahead, in words: `40 s`, `59 min`, `3 h`, `12 days`, `69 years`.
fn ahead_text(ms: i64) -> String {
    let s = ms / 1000;
    match s {
        s if s < 120 => format!("{s} s"),
        s if s < 7200 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{} h", s / 3600),
        s if s < 2 * 31_557_600 => format!("{} days", s / 86_400),
        s => format!("{} years", s / 31_557_600),
    }
}

/// Every customer's id: a watch tells customers apart by it.
fn ids(customers: &[Box<RawValue>]) -> Result<Vec<i64>, Error> {
    let id = |c: &RawValue| {
        crate::customer::id(c).ok_or_else(|| {
            Error::Malformed(format!(
                "a customer has no integer id, so a watch cannot tell it from others: {}",
                crate::error::excerpt(c.get().as_bytes())
            ))
        })
    };
    customers.iter().map(|c| id(c)).collect()
}
