//! Walks the cursor: requests page after page and hands them to the writer through a small
//! channel. The next request goes out as soon as the current page's cursor is known, while the
//! writer is still printing, so a slow terminal or network never leaves the other idle.

use crate::error::Error;
use crate::query::QueryBody;
use crate::stop::Stop;
use crate::transport::Client;
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::sync::Arc;
use tokio::sync::mpsc;

/// What to walk: the query, where to start, which way, and how many customers in all.
#[derive(Debug, Clone)]
pub struct Walk {
    pub body: QueryBody,
    pub start: Cursor,
    /// `None` walks to the last page.
    pub limit: Option<u64>,
    pub page_size: u32,
}

impl Walk {
    /// The body of the request for `cursor` with `remaining` customers still wanted.
    pub fn body_for(&self, cursor: Cursor, remaining: Option<u64>) -> QueryBody {
        let mut body = self.body.clone();
        (body.after, body.before) = match cursor {
            Cursor::First => (None, None),
            Cursor::After(id) => (Some(id), None),
            Cursor::Before(id) => (None, Some(id)),
        };
        let size = u64::from(self.page_size);
        body.limit = Some(remaining.map_or(size, |r| r.min(size)) as u32);
        body
    }

    /// The first request's body: what `--dry-run` shows.
    pub fn first_body(&self) -> QueryBody {
        self.body_for(self.start, self.limit)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cursor {
    First,
    /// Older customers than this id, following `paging.next`.
    After(i64),
    /// Newer customers than this id, following `paging.previous`.
    Before(i64),
}

/// As the flag that starts a walk there.
impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cursor::First => Ok(()),
            Cursor::After(id) => write!(f, "--after {id}"),
            Cursor::Before(id) => write!(f, "--before {id}"),
        }
    }
}

#[derive(Debug)]
pub enum Event {
    /// Customers of one window (`--parallel`; always 0 for a single walk), in cursor order.
    Page {
        window: usize,
        customers: Vec<Box<RawValue>>,
    },
    /// The walk stopped at the limit while more pages exist: this cursor continues it.
    More(Cursor),
    /// `--parallel` gave the older part of a busy window to an idle worker.
    Split(Split),
}

/// Window `from`, walking `[start, end)` of `created_at`, now walks `[at, end)`; window `window`
/// walks `[start, at)`. Both continue after `cursor`, the last customer `from` sent: together
/// they hold exactly what `from` still had to walk, whatever the order of times and ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub from: usize,
    pub window: usize,
    /// `YYYY-MM-DD HH:MM:SS`, as sent.
    pub at: String,
    pub cursor: i64,
}

/// Passes the events on until a stop signal (see [`Stop`]), then ends the stream with
/// [`Error::Interrupted`]; the walk behind it stops when its receiver is dropped.
pub fn interruptible(
    mut events: mpsc::Receiver<Result<Event, Error>>,
    stop: &Stop,
    runtime: &tokio::runtime::Handle,
) -> mpsc::Receiver<Result<Event, Error>> {
    let (tx, rx) = mpsc::channel(1);
    let stop = stop.clone();
    runtime.spawn(async move {
        loop {
            let event = stop.or(async { Ok(events.recv().await) }).await;
            let event = match event {
                Ok(Some(event)) => event,
                Ok(None) => return,
                Err(interrupted) => Err(interrupted),
            };
            let last = event.is_err();
            if tx.send(event).await.is_err() || last {
                return;
            }
        }
    });
    rx
}

/// Starts walking on the runtime; pages arrive in order on the receiver, then at most one
/// `More`. An `Err` ends the stream. Dropping the receiver stops the walk.
pub fn spawn(
    client: Arc<Client>,
    walk: Walk,
    runtime: &tokio::runtime::Handle,
) -> mpsc::Receiver<Result<Event, Error>> {
    let (tx, rx) = mpsc::channel(2);
    runtime.spawn(async move {
        if let Err(e) = run(&client, walk, &tx).await {
            let _ = tx.send(Err(e)).await;
        }
    });
    rx
}

async fn run(
    client: &Client,
    walk: Walk,
    tx: &mpsc::Sender<Result<Event, Error>>,
) -> Result<(), Error> {
    let mut cursor = walk.start;
    let mut remaining = walk.limit;
    let mut used = HashSet::new();
    loop {
        let body = walk.body_for(cursor, remaining);
        let (mut customers, next, invalid) = fetch(client, &body, cursor, &mut used).await?;
        // A server that sends more than asked must not make us print more than the limit; the
        // cursor then continues after the last customer printed. Short of the limit, every
        // customer it sent is kept: the server's cursor continues after them.
        let mut resume = next;
        if let Some(r) = remaining {
            let want = usize::try_from(r).unwrap_or(usize::MAX);
            if customers.len() > want {
                customers.truncate(want);
                resume =
                    customers
                        .last()
                        .and_then(|c| crate::customer::id(c))
                        .map(|id| match cursor {
                            Cursor::Before(_) => Cursor::Before(id),
                            _ => Cursor::After(id),
                        });
            }
        }
        let count = customers.len() as u64;
        if tx
            .send(Ok(Event::Page {
                window: 0,
                customers,
            }))
            .await
            .is_err()
        {
            return Ok(()); // the writer stopped reading
        }
        if let Some(e) = invalid {
            return Err(e);
        }
        if let Some(r) = remaining.as_mut() {
            *r -= count.min(*r);
            if *r == 0 {
                if let Some(c) = resume {
                    let _ = tx.send(Ok(Event::More(c))).await;
                }
                return Ok(());
            }
        }
        match next {
            Some(c) => cursor = c,
            None => return Ok(()),
        }
    }
}

/// The page `body` asks for (its cursor is `cursor`), the cursor that continues after it, and
/// the error to stop with once the page is written (an item that is not a customer). Checked so
/// that no server can make a walk loop: a page that is empty but claims a next one, a cursor
/// used before, and a cursor going the wrong way are malformed answers.
pub async fn fetch(
    client: &Client,
    body: &QueryBody,
    cursor: Cursor,
    used: &mut HashSet<Cursor>,
) -> Result<(Vec<Box<RawValue>>, Option<Cursor>, Option<Error>), Error> {
    let page = client.query_page(body).await?;
    let next = match cursor {
        Cursor::Before(_) => page.paging.previous.map(Cursor::Before),
        _ => page.paging.next.map(Cursor::After),
    };
    if page.invalid.is_some() {
        return Ok((page.customers, None, page.invalid));
    }
    if page.customers.is_empty() && next.is_some() {
        return Err(Error::Malformed(
            "the server sent an empty page that claims a next one; stopping so as not to loop"
                .into(),
        ));
    }
    used.insert(cursor);
    if let Some(c) = next {
        if used.contains(&c) {
            return Err(Error::Malformed(format!(
                "the server sent the cursor {c} a second time; stopping so as not to loop"
            )));
        }
        if goes_back(cursor, c) {
            return Err(Error::Malformed(format!(
                "the server answered {cursor} with the cursor {c}, which goes the wrong way; \
                 stopping so as not to loop"
            )));
        }
    }
    // Customers on the wrong side of the cursor came on an earlier page already (ids only
    // fall as a walk goes on): a server that repeats them must not make a walk print them twice.
    let mut customers = page.customers;
    customers.retain(|c| match (cursor, crate::customer::id(c)) {
        (Cursor::After(at), Some(id)) => id < at,
        (Cursor::Before(at), Some(id)) => id > at,
        _ => true,
    });
    Ok((customers, next, None))
}

/// Whether `next` goes the wrong way after `used`: with `after`, each cursor must be smaller than
/// the one before (older customers); with `before`, larger.
fn goes_back(used: Cursor, next: Cursor) -> bool {
    match (used, next) {
        (Cursor::After(u), Cursor::After(n)) => n >= u,
        (Cursor::Before(u), Cursor::Before(n)) => n <= u,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_must_move_the_way_of_the_walk() {
        assert!(!goes_back(Cursor::First, Cursor::After(5)));
        assert!(!goes_back(Cursor::After(10), Cursor::After(9)));
        assert!(goes_back(Cursor::After(10), Cursor::After(11)));
        assert!(goes_back(Cursor::After(10), Cursor::After(10)));
        assert!(!goes_back(Cursor::Before(10), Cursor::Before(11)));
        assert!(goes_back(Cursor::Before(10), Cursor::Before(9)));
    }
}
