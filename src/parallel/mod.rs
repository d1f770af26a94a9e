//! `--parallel N`: N workers walk windows of ids at the same time, each window from both ends.
//! Ids grow with time (API.md section 9), so a range of ids is a stretch of time, and the cursors
//! bound it: `after: X` walks down from X, `before: Y` up from Y. Two probes answered together
//! (a page of the newest customers and one of the oldest) give the range and the density at each
//! end, and the range is cut into N/2 windows that hold as many customers by those densities; each window is walked down from its top and up from its bottom by two workers, who
//! stop where they meet, so a window's customers are shared between its two workers whatever
//! their spread. A worker left without work cuts the window with the most customers left in two
//! where its walkers have not been (both its ends are walked, so the cut falls where customers
//! are, in a bulk import as in years of trickle) and walks one of the new ends ([`pool`]).
//! Windows never overlap and together hold every id, so every customer lies in exactly one,
//! whatever its `created_at`; each page is taken under a lock, keeping only the customers its
//! window still holds. The order is given up unless `--sorted` asks for it back ([`merge`]).
//! ARCHITECTURE.md argues the design.

mod merge;
mod pool;

use crate::error::Error;
use crate::paginator::{fetch, Cursor, Trail, Walk};
use crate::transport::Client;
use serde_json::value::RawValue;
use std::sync::Arc;
use tokio::sync::mpsc;

pub use merge::Merge;

/// The customers with ids in `(above, below)` (an open bound is `None`) and `created_at` in
/// `[start, end)`: what one window holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    /// `YYYY-MM-DD HH:MM:SS`, as sent.
    pub start: Option<String>,
    pub end: Option<String>,
    /// The walk down goes on below this id; `None`: from the newest customer.
    pub below: Option<i64>,
    /// The walk up goes on above this id; `None`: from the oldest customer.
    pub above: Option<i64>,
}

/// The windows to start with, newest first, and the pages the probes fetched.
#[derive(Debug)]
pub struct Plan {
    pub windows: Vec<Window>,
    /// The first page of the newest window's walk down and of the oldest window's walk up, as
    /// the probes fetched them: the workers go on from there instead of asking again.
    pub fetched: Vec<Fetched>,
}

/// A page fetched while planning, for the pool to take as a worker's first.
#[derive(Debug)]
pub struct Fetched {
    /// Walked up from the oldest customer (`before: 0`), else down from the newest.
    pub rising: bool,
    pub customers: Vec<Box<RawValue>>,
    /// No customer lies beyond it.
    pub last: bool,
}

impl Plan {
    /// One window: the user's own range.
    pub fn single(walk: &Walk) -> Plan {
        Plan {
            windows: vec![Window {
                start: walk.body.start_time.clone(),
                end: walk.body.end_time.clone(),
                below: match walk.start {
                    Cursor::After(id) => Some(id),
                    _ => None,
                },
                above: None,
            }],
            fetched: Vec::new(),
        }
    }
}

/// Plans the walk for `workers`: two probes sent together find the newest and the oldest
/// customers, a page of each, and their ids are cut into `workers / 2` windows that hold as
/// many customers each by the densities the two pages found (see [`plan_from`]). The two pages
/// are the first of the walk: checked as a walk checks its pages, and kept in the plan.
pub async fn plan(client: &Client, walk: &Walk, workers: usize) -> Result<Plan, Error> {
    let end = |cursor| async move {
        let body = walk.body_for(cursor, None);
        let mut trail = Trail::new(cursor);
        let (customers, next, invalid) = fetch(client, &body, cursor, &mut trail).await?;
        let ids: Vec<i64> = customers
            .iter()
            .filter_map(|c| crate::customer::id(c))
            .collect();
        let probe = Probe::of(&ids);
        // A page that ends in an error is fetched again by its walker, who stops there.
        let page = invalid.is_none().then(|| Fetched {
            rising: cursor != Cursor::First,
            customers,
            last: next.is_none(),
        });
        Ok::<_, Error>((probe, page))
    };
    // `before: 0` is the page of the customers just newer than id 0: the oldest.
    let ((top, newest), (bottom, oldest)) =
        futures_util::future::try_join(end(Cursor::First), end(Cursor::Before(0))).await?;
    let (Some(top), Some(bottom)) = (top, bottom) else {
        return Ok(Plan::single(walk));
    };
    let (mut plan, oldest) = match newest.as_ref().is_some_and(|page| page.last) {
        // The newest page holds every customer.
        true => (Plan::single(walk), None),
        // The two pages meet: between them they hold every customer.
        false if top.low <= bottom.high => (Plan::single(walk), oldest),
        false => {
            let ratio = match (top.density, bottom.density) {
                (Some(t), Some(b)) => t / b,
                _ => 1.0,
            };
            let pages = pages_between(&top, &bottom, walk.page_size);
            // A window's walkers meet on a part-empty page: a small tenant gets no more windows
            // than it has pages by far (64 workers on 20 pages made 32 windows and 64 requests),
            // at least the four of eight workers, as a bulk import between sparse ends fools
            // the estimate.
            let workers = workers.min(pages.max(8));
            let plan = plan_from(walk, top.high, bottom.low, ratio, workers);
            (plan, oldest)
        }
    };
    plan.fetched = newest.into_iter().chain(oldest).collect();
    Ok(plan)
}

/// What the page a probe fetched says: its ids' range and its customers per id.
struct Probe {
    low: i64,
    high: i64,
    density: Option<f64>,
}

impl Probe {
    fn of(ids: &[i64]) -> Option<Probe> {
        let (low, high) = (*ids.iter().min()?, *ids.iter().max()?);
        let density =
            (ids.len() > 1 && high > low).then(|| (ids.len() - 1) as f64 / (high - low) as f64);
        Some(Probe { low, high, density })
    }
}

/// How many pages lie between the two probes' pages, by the densities they found (taken to
/// change exponentially between them, as [`share_ends`] does); two at least.
fn pages_between(top: &Probe, bottom: &Probe, page_size: u32) -> usize {
    let (t, b) = match (top.density, bottom.density) {
        (Some(t), Some(b)) => (t, b),
        (Some(d), None) | (None, Some(d)) => (d, d),
        (None, None) => return 2,
    };
    let mean = match (t / b).ln() {
        ln if ln.abs() < 1e-6 => t,
        ln => (t - b) / ln,
    };
    let ids = (i128::from(top.low) - i128::from(bottom.high)) as f64;
    let pages = ids * mean / f64::from(page_size.max(1));
    (pages.min(1e9) as usize).max(2)
}

/// Where the `k`th of `parts` equal shares of the customers ends, as a fraction of the ids from
/// the oldest, when the density changes exponentially from the oldest's to `ratio` times it at
/// the newest (a tenant that grows; `ratio` 1 is an even tenant, cut in equal lengths of ids).
fn share_ends(k: i128, parts: i128, ratio: f64) -> f64 {
    let share = k as f64 / parts as f64;
    // A page's density is known to within a few tens of percent: nearer 1 is noise.
    let ratio = ratio.clamp(1e-4, 1e4);
    if (ratio.ln()).abs() < 0.5 {
        return share;
    }
    (1.0 + share * (ratio - 1.0)).ln() / ratio.ln()
}

/// The plan, from the ids the probes found and the ratio of the densities at the newest and the
/// oldest: `workers / 2` windows of ids, each holding as many customers by that estimate.
fn plan_from(walk: &Walk, newest: i64, oldest: i64, ratio: f64, workers: usize) -> Plan {
    let single = Plan::single(walk);
    let parts = (workers / 2).max(1) as i128;
    let (low, high) = (
        i128::from(oldest.min(newest)),
        i128::from(newest.max(oldest)),
    );
    // Cut points strictly inside the range: the first window holds the newest, the last the
    // oldest, whatever comes meanwhile.
    let cuts: Vec<i64> = (1..parts)
        .map(|k| low + ((high - low) as f64 * share_ends(parts - k, parts, ratio)) as i128)
        .filter(|&c| c > low && c <= high)
        .map(|c| c as i64)
        .collect();
    let mut windows = Vec::with_capacity(cuts.len() + 1);
    let mut below = None;
    for cut in cuts {
        if below.is_some_and(|b| cut >= b) {
            continue;
        }
        windows.push(Window {
            below,
            above: Some(cut - 1),
            ..single.windows[0].clone()
        });
        below = Some(cut);
    }
    windows.push(Window {
        below,
        above: None,
        ..single.windows[0].clone()
    });
    Plan {
        windows,
        fetched: Vec::new(),
    }
}

/// Walks the plan's windows with `workers` workers; events come as they arrive, or with
/// `sorted` window by window, newest first.
pub fn spawn(
    client: Arc<Client>,
    base: Walk,
    plan: Plan,
    workers: usize,
    sorted: bool,
    runtime: &tokio::runtime::Handle,
) -> mpsc::Receiver<Result<crate::paginator::Event, Error>> {
    let (tx, rx) = mpsc::channel(2);
    let (worker_tx, mut messages) = mpsc::channel(workers * 2);
    let mut merge = Merge::new(plan.windows.len(), sorted);
    let pool = Arc::new(pool::Pool::new(plan.windows, workers, base.page_size));
    for page in plan.fetched {
        for message in pool.fetched(page) {
            // Before any worker runs: the channel has room for these few.
            if worker_tx.try_send(message).is_err() {
                unreachable!("the planned pages fit the workers' channel");
            }
        }
    }
    for worker in 0..workers {
        let work = pool::work(
            pool.clone(),
            client.clone(),
            base.clone(),
            worker_tx.clone(),
            worker,
        );
        runtime.spawn(work);
    }
    drop(worker_tx);
    runtime.spawn(async move {
        while let Some(message) = messages.recv().await {
            let events = match message {
                pool::Message::Event(event) => merge.push(event),
                pool::Message::Done(window) => merge.finish(window),
                pool::Message::Failed(e) => {
                    pool.stop();
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            };
            for event in events {
                if tx.send(Ok(event)).await.is_err() {
                    pool.stop();
                    return;
                }
            }
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::QueryBody;

    fn walk() -> Walk {
        Walk {
            body: QueryBody {
                start_time: Some("2025-01-01 00:00:00".into()),
                ..QueryBody::default()
            },
            start: Cursor::First,
            limit: None,
            page_size: 50,
        }
    }

    #[test]
    fn the_ids_are_cut_into_half_as_many_windows_as_workers() {
        let plan = plan_from(&walk(), 1000, 200, 1.0, 8);
        let bounds: Vec<_> = plan.windows.iter().map(|w| (w.below, w.above)).collect();
        assert_eq!(
            bounds,
            [
                (None, Some(799)),
                (Some(800), Some(599)),
                (Some(600), Some(399)),
                (Some(400), None)
            ]
        );
        assert!(plan
            .windows
            .iter()
            .all(|w| w.start.as_deref() == Some("2025-01-01 00:00:00") && w.end.is_none()));
        // One customer, or two workers: one window.
        assert_eq!(plan_from(&walk(), 5, 5, 1.0, 8).windows.len(), 1);
        assert_eq!(plan_from(&walk(), 1000, 200, 1.0, 2).windows.len(), 1);
        assert_eq!(plan_from(&walk(), 1000, 999, 1.0, 8).windows.len(), 1);
    }

    /// Item 2 of issue 26: on a growing tenant (the newest customers 55 times as dense as the
    /// oldest) the windows hold as many customers each, not as many ids: the newest narrowest.
    #[test]
    fn a_growing_tenant_is_cut_into_windows_of_as_many_customers() {
        let (oldest, newest, ratio) = (0i64, 1_000_000i64, 55.0f64);
        let plan = plan_from(&walk(), newest, oldest, ratio, 8);
        assert_eq!(plan.windows.len(), 4);
        // Customers between two ids under a density growing exponentially by `ratio`.
        let count = |a: f64, b: f64| {
            let f = |x: f64| ratio.powf(x / newest as f64);
            f(b) - f(a)
        };
        let bounds: Vec<f64> = std::iter::once(newest as f64)
            .chain(
                plan.windows
                    .iter()
                    .filter_map(|w| w.above)
                    .map(|a| a as f64),
            )
            .chain(std::iter::once(oldest as f64))
            .collect();
        let counts: Vec<f64> = bounds.windows(2).map(|w| count(w[1], w[0])).collect();
        let (least, most) = counts
            .iter()
            .fold((f64::MAX, 0.0f64), |(l, m), &c| (l.min(c), m.max(c)));
        assert!(most / least < 1.01, "{counts:?}");
        // A density alike at both ends within the noise of a page: equal lengths, as before.
        assert_eq!(
            plan_from(&walk(), 1000, 200, 1.3, 8).windows,
            plan_from(&walk(), 1000, 200, 1.0, 8).windows
        );
    }
}
