//! The workers of `--parallel` and the windows they share. A worker takes a pending window and
//! walks its cursor; while some worker has no window, the busy window with the largest time range
//! left hands its older half to it, down to one second.

use super::Window;
use crate::customer;
use crate::error::Error;
use crate::paginator::{self, Cursor, Event, Split, Walk};
use crate::transport::Client;
use crate::wire::{CREATED_AT_FORMAT, TIME_FORMAT};
use jiff::civil::DateTime;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, Notify};

/// What workers tell the merge.
pub enum Message {
    Event(Event),
    /// A window walked to its end.
    Done(usize),
    Failed(Error),
}

pub struct Pool {
    state: Mutex<State>,
    wake: Notify,
    workers: usize,
    /// Where an open start is taken to be when a window is split: the oldest customer's time.
    floor: Option<DateTime>,
    /// A window is split only when it still holds about this many customers: each window ends
    /// on a part-empty page, so splitting near the end would cost more requests than it saves.
    worth_splitting: f64,
}

/// Pages a window must still hold, by its walk so far, to be worth a split.
const SPLIT_PAGES: f64 = 4.0;
/// The most pages a window keeps when it splits, by the density of its last page: in a bulk
/// import the dense part goes on below the cursor, and the idle worker then starts right in it
/// rather than in the empty older half of the time.
const KEEP_PAGES: f64 = 16.0;

struct State {
    windows: Vec<Bounds>,
    pending: VecDeque<(usize, Cursor)>,
    /// Workers waiting in [`Pool::claim`]: when all are, the walk is over.
    idle: usize,
    /// Splits announced to the merge whose windows are not pending yet.
    reserved: usize,
    stop: bool,
}

struct Bounds {
    start: Option<String>,
    end: Option<String>,
    busy: bool,
    /// The last page walked: how many customers, created from `first` down to `last`. `last` is
    /// the top of the range still to walk; the page tells how dense it is there.
    first: Option<DateTime>,
    last: Option<DateTime>,
    walked: u64,
}

impl Pool {
    pub fn new(
        windows: Vec<Window>,
        workers: usize,
        floor: Option<DateTime>,
        page_size: u32,
    ) -> Pool {
        let pending = windows.iter().map(|w| w.cursor).enumerate().collect();
        let windows = windows
            .into_iter()
            .map(|w| Bounds {
                start: w.start,
                end: w.end,
                busy: false,
                first: None,
                last: None,
                walked: 0,
            })
            .collect();
        Pool {
            state: Mutex::new(State {
                windows,
                pending,
                idle: 0,
                reserved: 0,
                stop: false,
            }),
            wake: Notify::new(),
            workers,
            floor,
            worth_splitting: SPLIT_PAGES * f64::from(page_size),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn stop(&self) {
        self.lock().stop = true;
        self.wake.notify_waiters();
    }

    /// The next window to walk, waiting while others are busy; `None` when all are done.
    async fn claim(&self) -> Option<(usize, Cursor)> {
        loop {
            let woken = self.wake.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            {
                let mut s = self.lock();
                if s.stop {
                    return None;
                }
                if let Some((window, cursor)) = s.pending.pop_front() {
                    s.windows[window].busy = true;
                    return Some((window, cursor));
                }
                if s.idle + 1 == self.workers && s.reserved == 0 {
                    s.stop = true;
                    drop(s);
                    self.wake.notify_waiters();
                    return None;
                }
                s.idle += 1;
            }
            woken.await;
            self.lock().idle -= 1;
        }
    }

    /// Notes how far `window` got and, when a worker has no window and this is the busy window
    /// with the most time left, cuts off its older half; the caller announces it, then releases
    /// it.
    /// A throttled run splits no more: the server's rate, not the workers, sets the pace, and
    /// each split costs a part-empty page.
    fn split(
        &self,
        window: usize,
        walked: (u64, DateTime, DateTime),
        cursor: i64,
        throttled: bool,
    ) -> Option<Split> {
        let mut s = self.lock();
        let (count, first, last) = walked;
        let b = &mut s.windows[window];
        (b.walked, b.first, b.last) = (count, Some(first), Some(last));
        // The workers without a window, whether already waiting or not yet started: counted so,
        // a split does not depend on which thread ran first.
        let busy = s.windows.iter().filter(|b| b.busy).count();
        let free = self.workers.saturating_sub(busy);
        if throttled || s.stop || free <= s.pending.len() + s.reserved {
            return None;
        }
        // The busy windows worth splitting, by the time they have left; the largest splits.
        let left = |b: &Bounds| -> Option<(DateTime, i64)> {
            let start = match &b.start {
                Some(t) => DateTime::strptime(TIME_FORMAT, t).ok()?,
                None => self.floor?,
            };
            let (first, last) = (b.first?, b.last?);
            let secs = last.duration_since(start).as_secs();
            // The time left, as dense as the last page.
            let walked = first.duration_since(last).as_secs_f64().max(1.0);
            let expected = b.walked as f64 * secs as f64 / walked;
            (b.busy && secs >= 2 && expected >= self.worth_splitting).then_some((start, secs))
        };
        let (start, secs) = left(&s.windows[window])?;
        let page_secs = first.duration_since(last).as_secs_f64().max(1.0);
        let keep = (secs / 2).min((KEEP_PAGES * page_secs) as i64).max(1);
        let largest = s
            .windows
            .iter()
            .filter_map(|b| left(b).map(|(_, secs)| secs))
            .max();
        if largest > Some(secs) {
            return None;
        }
        let at = start
            .checked_add(jiff::Span::new().seconds(secs - keep))
            .ok()?
            .strftime(TIME_FORMAT)
            .to_string();
        let older = Bounds {
            start: s.windows[window].start.replace(at.clone()),
            end: Some(at.clone()),
            busy: false,
            first: None,
            last: None,
            walked: 0,
        };
        s.windows.push(older);
        s.reserved += 1;
        Some(Split {
            from: window,
            window: s.windows.len() - 1,
            at,
            cursor,
        })
    }

    fn release(&self, split: &Split) {
        let mut s = self.lock();
        s.reserved -= 1;
        s.pending
            .push_back((split.window, Cursor::After(split.cursor)));
        drop(s);
        self.wake.notify_waiters();
    }

    fn bounds(&self, window: usize) -> (Option<String>, Option<String>, bool) {
        let s = self.lock();
        let b = &s.windows[window];
        (b.start.clone(), b.end.clone(), s.stop)
    }

    fn finished(&self, window: usize) {
        self.lock().windows[window].busy = false;
    }
}

/// One worker: walks windows until none is left.
pub async fn work(pool: Arc<Pool>, client: Arc<Client>, base: Walk, tx: mpsc::Sender<Message>) {
    while let Some((window, cursor)) = pool.claim().await {
        let message = match walk(&pool, &client, &base, window, cursor, &tx).await {
            Ok(()) => Message::Done(window),
            Err(e) => Message::Failed(e),
        };
        pool.finished(window);
        let failed = matches!(message, Message::Failed(_));
        if tx.send(message).await.is_err() || failed {
            pool.stop();
            return;
        }
    }
}

async fn walk(
    pool: &Pool,
    client: &Client,
    base: &Walk,
    window: usize,
    mut cursor: Cursor,
    tx: &mpsc::Sender<Message>,
) -> Result<(), Error> {
    let mut trail = paginator::Trail::new(cursor);
    loop {
        let (start, end, stop) = pool.bounds(window);
        if stop {
            return Ok(());
        }
        let mut body = base.body_for(cursor, None);
        (body.start_time, body.end_time) = (start, end);
        let (customers, next, invalid) =
            paginator::fetch(client, &body, cursor, &mut trail).await?;
        let created = |c: &serde_json::value::RawValue| {
            let key = customer::key(c)?;
            DateTime::strptime(CREATED_AT_FORMAT, key.created_at.as_deref()?).ok()
        };
        let count = customers.len() as u64;
        let (first, last) = (
            customers.first().and_then(|c| created(c)),
            customers.last().and_then(|c| created(c)),
        );
        let page = Event::Page { window, customers };
        if tx.send(Message::Event(page)).await.is_err() {
            return Ok(());
        }
        if let Some(e) = invalid {
            return Err(e);
        }
        let Some(next) = next else { return Ok(()) };
        cursor = next;
        // Without a readable created_at the window is walked whole, never split.
        let (Cursor::After(id), Some(first), Some(last)) = (next, first, last) else {
            continue;
        };
        let throttled = client.pace().throttled > 0;
        if let Some(split) = pool.split(window, (count, first, last), id, throttled) {
            if tx
                .send(Message::Event(Event::Split(split.clone())))
                .await
                .is_err()
            {
                return Ok(());
            }
            pool.release(&split);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(t: &str) -> DateTime {
        DateTime::strptime(TIME_FORMAT, t).unwrap()
    }

    #[tokio::test]
    async fn workers_not_yet_waiting_count_as_free_for_a_split() {
        let window = Window {
            start: None,
            end: None,
            cursor: Cursor::First,
        };
        let pool = Pool::new(vec![window], 2, Some(time("2024-01-01 00:00:00")), 50);
        assert_eq!(pool.claim().await, Some((0, Cursor::First)));
        // The first page: 50 customers of one day, with two years still to walk. The other
        // worker has not asked for work yet, and gets it all the same.
        let page = (50, time("2026-01-02 00:00:00"), time("2026-01-01 00:00:00"));
        assert_eq!(pool.split(0, page, 7, true), None, "throttled: no split");
        let split = pool.split(0, page, 7, false).expect("a split");
        assert_eq!((split.from, split.window, split.cursor), (0, 1, 7));
        assert_eq!(
            pool.split(0, page, 6, false),
            None,
            "one free worker, one split"
        );
        pool.release(&split);
        assert_eq!(pool.claim().await, Some((1, Cursor::After(7))));
        assert_eq!(pool.split(0, page, 5, false), None, "no worker is free");
    }
}
