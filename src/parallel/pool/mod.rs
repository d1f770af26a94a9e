//! The workers of `--parallel` and the windows they share. A window is walked down from its top
//! and up from its bottom, one worker at each end; a page is taken under the lock, keeping only
//! the ids its window still holds, and the window is over when a page reaches what the other end
//! took. A worker without work joins the free end of the window with the most customers left,
//! or, when every window has both its walkers, cuts that window in two at the middle of the ids
//! neither has walked and walks down from the cut.

use super::Window;
use crate::error::Error;
use crate::paginator::{Cursor, Event, Split};
use serde_json::value::RawValue;
use std::collections::VecDeque;
use std::sync::Mutex;
use tokio::sync::{mpsc, Notify};

/// What workers tell the merge.
pub enum Message {
    Event(Event),
    /// A window walked to its end: no page of it comes after this.
    Done(usize),
    Failed(Error),
}

/// What [`Pool::assign`] gave a worker.
enum Assigned {
    /// An end to walk, after the cut that made it, if one did.
    End(Option<Split>),
    Wait,
    Stop,
}

/// The end of a window a worker walks from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Down from the newest customer it holds (`after`).
    Top,
    /// Up from the oldest (`before`).
    Bottom,
}

impl End {
    fn index(self) -> usize {
        self as usize
    }
}

/// A window joined only when it holds this many pages more, by estimate: its walkers meet on
/// a part-empty page, which costs a request.
const JOIN_PAGES: f64 = 2.0;
/// A window cut only when it holds this many pages more, by estimate: two for each walker.
const SPLIT_PAGES: f64 = 6.0;
/// The fewest ids on each side of a cut: a millisecond of a Snowflake id (API.md section 9).
const MIN_CUT_IDS: i64 = 1 << 22;
pub struct Pool {
    state: Mutex<State>,
    wake: Notify,
    workers: usize,
    page_size: f64,
    /// Held from a change of the windows until its event is sent: the events come in the
    /// order of the changes (a split before the pages its new window takes over).
    order: tokio::sync::Mutex<()>,
}

struct State {
    windows: Vec<Span>,
    /// Each worker's window and end, while it walks one.
    walking: Vec<Option<(usize, End)>>,
    /// Ends to walk first: the plan's, tops before bottoms.
    pending: VecDeque<(usize, End)>,
    /// Workers waiting in [`Pool::claim`]: when all are, with nothing pending, the walk is over.
    idle: usize,
    stop: bool,
    /// The newest and oldest ids seen: where open bounds are taken to be for estimates.
    newest: Option<i64>,
    oldest: Option<i64>,
}

struct Span {
    start: Option<String>,
    end: Option<String>,
    /// Ids in `(above, below)` are left; `None` is open.
    below: Option<i64>,
    above: Option<i64>,
    /// Whether a worker walks each end ([`End::index`]).
    walked: [bool; 2],
    /// Customers per id, as each end's last page found them.
    density: [Option<f64>; 2],
    /// No customer is left.
    over: bool,
    /// Its [`Message::Done`] was sent.
    told: bool,
}

impl Span {
    /// Whether this window still holds `id`.
    fn holds(&self, id: i64) -> bool {
        self.above.is_none_or(|a| id > a) && self.below.is_none_or(|b| id < b)
    }
}

impl Pool {
    pub fn new(windows: Vec<Window>, workers: usize, page_size: u32) -> Pool {
        let count = windows.len();
        let tops = (0..count).map(|w| (w, End::Top));
        let pending = tops.chain((0..count).map(|w| (w, End::Bottom))).collect();
        let windows = windows
            .into_iter()
            .map(|w| Span {
                start: w.start,
                end: w.end,
                below: w.below,
                above: w.above,
                walked: [false; 2],
                density: [None; 2],
                over: false,
                told: false,
            })
            .collect();
        Pool {
            state: Mutex::new(State {
                windows,
                walking: vec![None; workers],
                pending,
                idle: 0,
                stop: false,
                newest: None,
                oldest: None,
            }),
            wake: Notify::new(),
            workers,
            page_size: f64::from(page_size),
            order: tokio::sync::Mutex::new(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn stop(&self) {
        self.lock().stop = true;
        self.wake.notify_waiters();
    }

    /// An end for `worker` to walk, waiting while the others work; `None` when all is walked.
    /// A cut it makes is announced before it returns.
    async fn claim(&self, worker: usize, tx: &mpsc::Sender<Message>) -> Option<()> {
        loop {
            let woken = self.wake.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            let order = self.order.lock().await;
            match self.assign(worker) {
                Assigned::Stop => return None,
                Assigned::End(split) => {
                    if let Some(split) = split {
                        tx.send(Message::Event(Event::Split(split))).await.ok()?;
                    }
                    drop(order);
                    return Some(());
                }
                Assigned::Wait => {}
            }
            drop(order);
            woken.await;
            self.lock().idle -= 1;
        }
    }

    /// Gives `worker` an end to walk, if there is one.
    fn assign(&self, worker: usize) -> Assigned {
        let mut s = self.lock();
        if s.stop {
            return Assigned::Stop;
        }
        let (found, split) = self.choose(&mut s);
        if let Some((window, end)) = found {
            s.windows[window].walked[end.index()] = true;
            s.walking[worker] = Some((window, end));
            return Assigned::End(split);
        }
        if s.idle + 1 == self.workers && s.pending.is_empty() {
            s.stop = true;
            drop(s);
            self.wake.notify_waiters();
            return Assigned::Stop;
        }
        s.idle += 1;
        Assigned::Wait
    }

    /// The end to walk next: a pending one, the free end of the window with the most left, or
    /// a cut of the window with the most left when all have both their walkers.
    fn choose(&self, s: &mut State) -> (Option<(usize, End)>, Option<Split>) {
        while let Some((w, end)) = s.pending.pop_front() {
            let span = &s.windows[w];
            if !span.over && !span.walked[end.index()] {
                return (Some((w, end)), None);
            }
        }
        let open = |span: &Span| !span.over && span.walked.iter().any(|&w| w);
        let most = |wanted: &dyn Fn(&Span) -> bool, pages: f64| {
            (0..s.windows.len())
                .filter(|&w| open(&s.windows[w]) && wanted(&s.windows[w]))
                .filter_map(|w| s.left(&s.windows[w], self.page_size).map(|left| (w, left)))
                .filter(|(_, (left, _, _))| *left >= pages * self.page_size)
                .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0))
        };
        let one_walker = |span: &Span| span.walked.iter().filter(|&&w| w).count() == 1;
        if let Some((w, _)) = most(&one_walker, JOIN_PAGES) {
            let end = match s.windows[w].walked[End::Top.index()] {
                true => End::Bottom,
                false => End::Top,
            };
            return (Some((w, end)), None);
        }
        // Both walked, and both with a density: an end whose first page has not come tells
        // nothing yet, and a cut from the other end's density alone, which a walker at a bulk
        // import's edge has, cut the sparse stretch next to it again and again.
        let both = |span: &Span| {
            span.walked.iter().all(|&w| w) && span.density.iter().all(Option::is_some)
        };
        let Some((w, (_, at, there))) = most(&both, SPLIT_PAGES) else {
            return (None, None);
        };
        let span = &s.windows[w];
        if span.above.is_some_and(|a| at - 1 <= a) || span.below.is_some_and(|b| at >= b) {
            return (None, None);
        }
        // Each side a millisecond of ids at least: customers created in one millisecond (the
        // sandbox's two README customers, ids one apart) tell a density no stretch beside them
        // has, and cuts made from it fell in empty stretches one after the other (1 400
        // requests for 100 pages).
        let low = span.above.or(s.oldest.map(|o| o - 1));
        let high = span.below.or(s.newest.map(|n| n + 1));
        let narrow = |a: Option<i64>, b: Option<i64>| {
            a.zip(b)
                .is_some_and(|(a, b)| b.saturating_sub(a) < MIN_CUT_IDS)
        };
        if narrow(low, Some(at)) || narrow(Some(at), high) {
            return (None, None);
        }
        // The new window holds the ids below `at`, with the walk up of `w` (its bottom end).
        let from = &mut s.windows[w];
        let older = Span {
            start: from.start.clone(),
            end: from.end.clone(),
            below: Some(at),
            above: from.above.replace(at - 1),
            walked: [false, true],
            density: [
                Some(there),
                from.density[End::Bottom.index()].replace(there),
            ],
            over: false,
            told: false,
        };
        from.walked[End::Bottom.index()] = false;
        s.windows.push(older);
        let window = s.windows.len() - 1;
        for walking in s.walking.iter_mut().flatten() {
            if *walking == (w, End::Bottom) {
                *walking = (window, End::Bottom);
            }
        }
        let split = Split {
            from: w,
            window,
            at,
        };
        (Some((window, End::Top)), Some(split))
    }

    /// Where `worker` starts: its window's time range and the cursor of its end.
    fn start(&self, worker: usize) -> Option<(Option<String>, Option<String>, Cursor, End)> {
        let s = self.lock();
        let (w, end) = s.walking[worker]?;
        let span = &s.windows[w];
        let cursor = match end {
            End::Top => span.below.map_or(Cursor::First, Cursor::After),
            // `before: 0` is the oldest page.
            End::Bottom => Cursor::Before(span.above.unwrap_or(0)),
        };
        Some((span.start.clone(), span.end.clone(), cursor, end))
    }

    /// Takes a page `worker` fetched: the customers its window still holds, the window they
    /// belong to, and whether the window is over (the page reached what the other end took, or
    /// `last`: nothing lies beyond it).
    fn take(
        &self,
        worker: usize,
        customers: Vec<Box<RawValue>>,
        last: bool,
    ) -> (usize, Vec<Box<RawValue>>, bool) {
        let mut s = self.lock();
        let Some((w, end)) = s.walking[worker] else {
            return (0, Vec::new(), true);
        };
        let (kept, over) = Self::take_at(&mut s, w, end, customers, last);
        drop(s);
        self.wake.notify_waiters();
        (w, kept, over)
    }

    /// A page the plan fetched: taken as its window's first page from the newest (from the
    /// oldest when `rising`), before any worker runs. Says what the merge is to be told.
    pub fn fetched(&self, page: super::Fetched) -> Vec<Message> {
        let mut s = self.lock();
        let (w, end) = match page.rising {
            true => (s.windows.len() - 1, End::Bottom),
            false => (0, End::Top),
        };
        let (customers, over) = Self::take_at(&mut s, w, end, page.customers, page.last);
        let mut messages = Vec::new();
        if !customers.is_empty() {
            messages.push(Message::Event(Event::Page {
                window: w,
                customers,
                rising: page.rising,
            }));
        }
        // Nobody walks a window over: its end is told here.
        let span = &mut s.windows[w];
        if over && !span.told {
            span.told = true;
            messages.push(Message::Done(w));
        }
        messages
    }

    /// Takes a page of window `w` walked from `end`: see [`Pool::take`].
    fn take_at(
        s: &mut State,
        w: usize,
        end: End,
        customers: Vec<Box<RawValue>>,
        last: bool,
    ) -> (Vec<Box<RawValue>>, bool) {
        let span = &mut s.windows[w];
        if span.over {
            return (Vec::new(), true);
        }
        let mut reached = false;
        let mut ids = Vec::with_capacity(customers.len());
        let kept: Vec<Box<RawValue>> = customers
            .into_iter()
            .filter(|c| match crate::customer::id(c) {
                Some(id) if span.holds(id) => {
                    ids.push(id);
                    true
                }
                // Past the other end's bound: the window's end. Behind this end's own bound (a
                // walker behind another at the same end) it is taken already, and says nothing.
                Some(id) => {
                    reached |= match end {
                        End::Top => span.above.is_some_and(|a| id <= a),
                        End::Bottom => span.below.is_some_and(|b| id >= b),
                    };
                    false
                }
                // Not placed by an id: kept, once, by the walker that met it.
                None => true,
            })
            .collect();
        let (low, high) = (ids.iter().min().copied(), ids.iter().max().copied());
        if let (Some(low), Some(high)) = (low, high) {
            match end {
                End::Top => span.below = Some(low),
                End::Bottom => span.above = Some(high),
            }
            if let Some(density) = leading_density(&mut ids, end) {
                span.density[end.index()] = Some(density);
            }
        }
        let exhausted = matches!((span.above, span.below), (Some(a), Some(b)) if b - a <= 1);
        span.over = reached || last || exhausted;
        let over = span.over;
        s.newest = s.newest.max(high);
        s.oldest = match (s.oldest, low) {
            (Some(o), Some(l)) => Some(o.min(l)),
            (o, l) => o.or(l),
        };
        (kept, over)
    }

    /// `worker` is done with its end: the window's [`Message::Done`] goes once it is over and
    /// nobody walks it.
    async fn leave(&self, worker: usize, tx: &mpsc::Sender<Message>) -> Result<(), ()> {
        let _order = self.order.lock().await;
        let done = {
            let mut s = self.lock();
            let Some((w, end)) = s.walking[worker].take() else {
                return Ok(());
            };
            let span = &mut s.windows[w];
            span.walked[end.index()] = false;
            let done = span.over && !span.told && !span.walked.iter().any(|&w| w);
            span.told |= done;
            done.then_some(w)
        };
        self.wake.notify_waiters();
        match done {
            Some(w) => tx.send(Message::Done(w)).await.map_err(|_| ()),
            None => Ok(()),
        }
    }

    fn stopped(&self) -> bool {
        self.lock().stop
    }

    /// Whether `worker` leaves what its window has left to the walker at the other end: less
    /// than a page, by estimate, which the other walker's next page takes (it is in flight, or
    /// leaves next), where two walkers that both fetch the last customers waste a request. The
    /// end is given up here, under the lock, so that of two walkers one at most yields: the one
    /// left never does, and tells the window's end when it leaves.
    fn yields(&self, worker: usize) -> bool {
        let mut s = self.lock();
        let Some((w, end)) = s.walking[worker] else {
            return false;
        };
        let other = match end {
            End::Top => End::Bottom,
            End::Bottom => End::Top,
        };
        let span = &s.windows[w];
        let yields = span.walked[other.index()]
            && s.left(span, self.page_size)
                .is_some_and(|(left, _, _)| left < self.page_size);
        if yields {
            // Given up whole: a worker that joins this end later is its only walker, and no
            // `leave` of this one clears its mark (two walkers at one end: the one behind would
            // take the customers the other took first for the window's end).
            s.windows[w].walked[end.index()] = false;
            s.walking[worker] = None;
        }
        yields
    }
}

mod estimate;
mod walker;

use estimate::leading_density;

pub use walker::work;

#[cfg(test)]
mod tests;
