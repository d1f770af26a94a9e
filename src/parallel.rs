//! `--parallel N`: the `created_at` range is cut into N windows, newest first, and each window's
//! cursor is walked at the same time. Windows do not overlap, and ids are still de-duplicated,
//! so every customer comes once; the order is given up unless `--sorted` asks for it back.

use crate::error::Error;
use crate::paginator::{self, Cursor, Event, Walk};
use crate::transport::Client;
use jiff::civil::DateTime;
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::mpsc;

use crate::wire::TIME_FORMAT as API_FORMAT;

/// Cuts `walk`'s time range into `n` windows, newest first. A range the user did not bound is
/// bounded by the newest and the oldest matching customer, asked for with one request each.
pub async fn plan(client: &Client, walk: &Walk, n: u32) -> Result<Vec<Walk>, Error> {
    let mut probe = walk.clone();
    probe.page_size = 1;
    probe.limit = Some(1);
    let edge = |cursor| {
        let mut body = probe.clone();
        body.start = cursor;
        async move { client.query_page(&body.first_body()).await }
    };
    let created = |page: &crate::transport::Page| -> Result<Option<DateTime>, Error> {
        let Some(raw) = page.customers.first() else {
            return Ok(None);
        };
        created_at(raw).map(Some)
    };
    let end = match &walk.body.end_time {
        Some(t) => parse(t)?,
        None => match created(&edge(Cursor::First).await?)? {
            // One second past the newest, as the range's end is exclusive.
            Some(newest) => newest
                .checked_add(jiff::Span::new().seconds(1))
                .map_err(bad_time)?,
            None => return Ok(vec![walk.clone()]),
        },
    };
    let start = match &walk.body.start_time {
        Some(t) => parse(t)?,
        // `before: 0` is the page of the customers just newer than id 0: the oldest.
        None => match created(&edge(Cursor::Before(0)).await?)? {
            Some(oldest) => oldest,
            None => return Ok(vec![walk.clone()]),
        },
    };
    let total = end.duration_since(start).as_secs().max(1);
    let n = i64::from(n).min(total);
    let at = |k: i64| {
        start
            .checked_add(jiff::Span::new().seconds(total * k / n))
            .map_err(bad_time)
    };
    (0..n)
        .rev()
        .map(|k| {
            let mut w = walk.clone();
            w.body.start_time = Some(at(k)?.strftime(API_FORMAT).to_string());
            w.body.end_time = Some(
                if k + 1 == n { end } else { at(k + 1)? }
                    .strftime(API_FORMAT)
                    .to_string(),
            );
            w.start = Cursor::First;
            Ok(w)
        })
        .collect()
}

fn parse(text: &str) -> Result<DateTime, Error> {
    DateTime::strptime(API_FORMAT, text).map_err(bad_time)
}

fn bad_time(e: impl std::fmt::Display) -> Error {
    Error::Malformed(format!("cannot split the time range: {e}"))
}

fn created_at(raw: &RawValue) -> Result<DateTime, Error> {
    let created = crate::customer::key(raw).and_then(|k| k.created_at.map(|c| c.into_owned()));
    let created =
        created.ok_or_else(|| Error::Malformed("a customer without id or created_at".into()))?;
    DateTime::strptime(crate::wire::CREATED_AT_FORMAT, &created).map_err(bad_time)
}

/// Walks every window at once; pages come in the order they arrive, or newest first with
/// `sorted`, where later windows wait in memory until the ones before them are done.
pub fn spawn(
    client: Arc<Client>,
    windows: Vec<Walk>,
    sorted: bool,
    runtime: &tokio::runtime::Handle,
) -> mpsc::Receiver<Result<Event, Error>> {
    let (tx, rx) = mpsc::channel(2);
    let (merged_tx, mut merged) =
        mpsc::channel::<(usize, Option<Result<Event, Error>>)>(windows.len() * 2);
    let count = windows.len();
    for (i, walk) in windows.into_iter().enumerate() {
        let mut events = paginator::spawn(client.clone(), walk, runtime);
        let merged_tx = merged_tx.clone();
        runtime.spawn(async move {
            while let Some(event) = events.recv().await {
                if merged_tx.send((i, Some(event))).await.is_err() {
                    return;
                }
            }
            let _ = merged_tx.send((i, None)).await;
        });
    }
    drop(merged_tx);
    runtime.spawn(async move {
        let mut seen = HashSet::new();
        let mut waiting: Vec<Vec<Vec<Box<RawValue>>>> = vec![Vec::new(); count];
        let mut done = vec![false; count];
        let mut current = 0;
        while let Some((i, event)) = merged.recv().await {
            match event {
                Some(Ok(Event::Page(mut customers))) => {
                    customers.retain(|c| crate::customer::id(c).is_none_or(|id| seen.insert(id)));
                    if !sorted || i == current {
                        if tx.send(Ok(Event::Page(customers))).await.is_err() {
                            return;
                        }
                    } else {
                        waiting[i].push(customers);
                    }
                }
                Some(Ok(Event::More(_))) => {}
                Some(Err(e)) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
                None => {
                    done[i] = true;
                    while sorted && current < count && done[current] {
                        current += 1;
                        for page in waiting
                            .get_mut(current)
                            .map(std::mem::take)
                            .unwrap_or_default()
                        {
                            if tx.send(Ok(Event::Page(page))).await.is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        }
    });
    rx
}
