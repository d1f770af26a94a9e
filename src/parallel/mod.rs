//! `--parallel N`: the `created_at` range is cut into windows, newest first, and N workers walk
//! their cursors at the same time. Windows do not overlap and the outermost ones are open-ended,
//! so every customer lies in exactly one whatever its time; ids are still de-duplicated. When a
//! worker runs dry, a busy window hands it half of what it has left ([`pool`]), so a bulk import
//! in one hour does not leave N-1 workers idle. The order is given up unless `--sorted` asks for
//! it back ([`merge`]).

mod merge;
mod pool;

use crate::error::Error;
use crate::paginator::{Cursor, Walk};
use crate::transport::Client;
use crate::wire::{CREATED_AT_FORMAT, TIME_FORMAT};
use jiff::civil::DateTime;
use std::sync::Arc;
use tokio::sync::mpsc;

pub use merge::Merge;

/// A `created_at` range walked by one cursor; a `None` bound is open.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    /// `YYYY-MM-DD HH:MM:SS`, as sent.
    pub start: Option<String>,
    pub end: Option<String>,
    pub cursor: Cursor,
}

/// The windows to start with, newest first.
#[derive(Debug, PartialEq)]
pub struct Plan {
    pub windows: Vec<Window>,
    /// The oldest customer's time: where an open start is taken to be when a window is split.
    pub floor: Option<DateTime>,
    /// Why the walk is not split, to tell the user.
    pub note: Option<String>,
}

impl Plan {
    /// One window: the user's own range.
    pub fn single(walk: &Walk, note: Option<String>) -> Plan {
        Plan {
            windows: vec![Window {
                start: walk.body.start_time.clone(),
                end: walk.body.end_time.clone(),
                cursor: walk.start,
            }],
            floor: None,
            note,
        }
    }
}

/// Plans `n` windows for `walk`. Where the user gave no range, it is estimated from the newest
/// and the oldest matching customer, one request each; the outermost windows stay open.
pub async fn plan(client: &Client, walk: &Walk, n: u32) -> Result<Plan, Error> {
    let mut probe = walk.clone();
    probe.page_size = 1;
    probe.limit = Some(1);
    let created = |cursor| {
        let mut body = probe.clone();
        body.start = cursor;
        async move {
            let page = client.query_page(&body.first_body()).await?;
            page.customers
                .first()
                .map(|raw| created_at(raw))
                .transpose()
        }
    };
    // `before: 0` is the page of the customers just newer than id 0: the oldest.
    let (Some(newest), Some(oldest)) = (
        created(Cursor::First).await?,
        created(Cursor::Before(0)).await?,
    ) else {
        return Ok(Plan::single(walk, None));
    };
    let given = |t: &Option<String>| t.as_deref().map(parse).transpose();
    let (start, end) = (given(&walk.body.start_time)?, given(&walk.body.end_time)?);
    Ok(cut(walk, start, end, newest, oldest, n))
}

/// The windows of [`plan`], from what the probes found.
fn cut(
    walk: &Walk,
    start: Option<DateTime>,
    end: Option<DateTime>,
    newest: DateTime,
    oldest: DateTime,
    n: u32,
) -> Plan {
    let low = start.unwrap_or(oldest);
    // One second past the newest, as a range's end is exclusive.
    let high = end.unwrap_or_else(|| {
        newest
            .checked_add(jiff::Span::new().seconds(1))
            .unwrap_or(newest)
    });
    if newest < oldest && (start.is_none() || end.is_none()) {
        let note = "created_at does not follow the id order here (the newest customer by id was \
                    created before the oldest), so the time range cannot be estimated; walking \
                    one cursor instead of --parallel";
        return Plan::single(walk, Some(note.into()));
    }
    let total = high.duration_since(low).as_secs();
    if total < 2 {
        return Plan::single(walk, None);
    }
    let n = i64::from(n).min(total);
    let at = |k: i64| {
        low.checked_add(jiff::Span::new().seconds(total * k / n))
            .map(|t| t.strftime(TIME_FORMAT).to_string())
            .ok()
    };
    let windows = (0..n)
        .rev()
        .map(|k| Window {
            // The outermost windows keep the user's bounds, or none.
            start: if k == 0 {
                walk.body.start_time.clone()
            } else {
                at(k)
            },
            end: if k + 1 == n {
                walk.body.end_time.clone()
            } else {
                at(k + 1)
            },
            cursor: Cursor::First,
        })
        .collect();
    Plan {
        windows,
        floor: Some(low),
        note: None,
    }
}

fn parse(text: &str) -> Result<DateTime, Error> {
    DateTime::strptime(TIME_FORMAT, text)
        .map_err(|e| Error::Usage(format!("cannot split the time range at {text:?}: {e}")))
}

fn created_at(raw: &serde_json::value::RawValue) -> Result<DateTime, Error> {
    let key = crate::customer::key(raw);
    let created = key
        .as_ref()
        .and_then(|k| k.created_at.as_deref())
        .ok_or_else(|| {
            Error::Malformed("a customer without id or created_at; --parallel needs both".into())
        })?;
    DateTime::strptime(CREATED_AT_FORMAT, created)
        .map_err(|e| Error::Malformed(format!("created_at {created:?}: {e}")))
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
    let pool = pool::Pool::new(plan.windows, workers, plan.floor, base.page_size);
    let pool = Arc::new(pool);
    for _ in 0..workers {
        let work = pool::work(
            pool.clone(),
            client.clone(),
            base.clone(),
            worker_tx.clone(),
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

    fn walk(start: Option<&str>, end: Option<&str>) -> Walk {
        Walk {
            body: QueryBody {
                start_time: start.map(str::to_string),
                end_time: end.map(str::to_string),
                ..QueryBody::default()
            },
            start: Cursor::First,
            limit: None,
            page_size: 50,
        }
    }

    fn time(t: &str) -> DateTime {
        DateTime::strptime(TIME_FORMAT, t).unwrap()
    }

    #[test]
    fn outer_windows_are_open_and_inner_cuts_even() {
        let plan = cut(
            &walk(None, None),
            None,
            None,
            time("2025-01-01 00:00:03"),
            time("2025-01-01 00:00:00"),
            2,
        );
        let bounds: Vec<_> = plan
            .windows
            .iter()
            .map(|w| (w.start.as_deref(), w.end.as_deref()))
            .collect();
        assert_eq!(
            bounds,
            [
                (Some("2025-01-01 00:00:02"), None),
                (None, Some("2025-01-01 00:00:02"))
            ]
        );
        assert_eq!(plan.floor, Some(time("2025-01-01 00:00:00")));
    }

    #[test]
    fn the_users_bounds_stay_on_the_outer_windows() {
        let (s, e) = ("2025-01-01 00:00:00", "2025-01-01 00:01:00");
        let plan = cut(
            &walk(Some(s), Some(e)),
            Some(time(s)),
            Some(time(e)),
            time(e),
            time(s),
            3,
        );
        assert_eq!(plan.windows.len(), 3);
        assert_eq!(plan.windows[0].end.as_deref(), Some(e));
        assert_eq!(plan.windows[2].start.as_deref(), Some(s));
        assert_eq!(
            plan.windows[1].start.as_deref(),
            Some("2025-01-01 00:00:20")
        );
    }

    #[test]
    fn times_against_the_id_order_fall_back_to_one_walk_and_say_so() {
        let plan = cut(
            &walk(None, None),
            None,
            None,
            time("2025-01-01 00:00:00"),
            time("2025-02-01 00:00:00"),
            4,
        );
        assert_eq!(plan.windows.len(), 1);
        assert!(plan.note.unwrap().contains("does not follow the id order"));
    }
}
