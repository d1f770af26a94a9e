//! `--parallel N`: N workers walk windows of `created_at` at the same time. The walk starts as
//! one window, open-ended unless the user bounded it; a worker that is idle gets the older part
//! of the busy window with the most time left ([`pool`]), so the work spreads out wherever the
//! customers are: evenly over years, or 90% of them in one hour of a bulk import. Windows never
//! overlap and together cover the whole range, so every customer lies in exactly one whatever
//! its time; ids are still de-duplicated. A throttled run stops splitting, since the server's
//! rate sets its pace. The order is given up unless `--sorted` asks for it back ([`merge`]).

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

/// Plans the walk: one window, and where its open start is taken to be when it is split (the
/// oldest matching customer). One request finds the newest customer and one the oldest; when
/// their times disagree with their ids, the walk stays one cursor, and the plan says why.
pub async fn plan(client: &Client, walk: &Walk) -> Result<Plan, Error> {
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
    let start = walk.body.start_time.as_deref().map(parse).transpose()?;
    Ok(plan_from(walk, start, newest, oldest))
}

/// The plan, from what the probes found.
fn plan_from(walk: &Walk, start: Option<DateTime>, newest: DateTime, oldest: DateTime) -> Plan {
    if newest < oldest {
        let note = "created_at does not follow the id order here (the newest customer by id was \
                    created before the oldest), so the time range cannot be split; walking one \
                    cursor instead of --parallel";
        return Plan::single(walk, Some(note.into()));
    }
    Plan {
        floor: Some(start.unwrap_or(oldest)),
        ..Plan::single(walk, None)
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
    fn one_window_with_the_users_bounds_and_a_floor_to_split_at() {
        let plan = plan_from(
            &walk(Some("2025-01-01 00:00:00"), None),
            Some(time("2025-01-01 00:00:00")),
            time("2025-03-01 00:00:00"),
            time("2024-06-01 00:00:00"),
        );
        assert_eq!(plan.windows.len(), 1);
        assert_eq!(
            plan.windows[0].start.as_deref(),
            Some("2025-01-01 00:00:00")
        );
        assert_eq!(plan.windows[0].end, None);
        assert_eq!(plan.floor, Some(time("2025-01-01 00:00:00")));
        let open = plan_from(
            &walk(None, None),
            None,
            time("2025-03-01 00:00:00"),
            time("2024-06-01 00:00:00"),
        );
        assert_eq!(open.floor, Some(time("2024-06-01 00:00:00")));
        assert_eq!(
            (open.windows[0].start.clone(), open.windows[0].end.clone()),
            (None, None)
        );
    }

    #[test]
    fn times_against_the_id_order_fall_back_to_one_walk_and_say_so() {
        let plan = plan_from(
            &walk(None, None),
            None,
            time("2025-01-01 00:00:00"),
            time("2025-02-01 00:00:00"),
        );
        assert_eq!(plan.windows.len(), 1);
        assert!(plan.note.unwrap().contains("does not follow the id order"));
    }
}
