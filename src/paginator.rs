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
    /// Customers of one window (`--parallel`; always 0 for a single walk), newest first.
    /// `rising`: a page of a `--parallel` window walked up from its oldest customer, which comes
    /// before the pages of the customers just above it (its window's walk up goes on above the
    /// page's newest customer); otherwise the walk goes on below the page's oldest customer.
    Page {
        window: usize,
        customers: Vec<Box<RawValue>>,
        rising: bool,
    },
    /// The walk stopped at the limit while more pages exist: this cursor continues it.
    More(Cursor),
    /// `--parallel` cut a window in two, for a worker that had none.
    Split(Split),
}

/// Window `from`, which held the customers with ids in `(above, below)`, now holds those from
/// `at` up; window `window` holds those below `at`, with the same time range, and takes over the
/// walk up of `from` if it had one (its rising pages come as `window`'s from now on). Together
/// they hold exactly what `from` held, whatever the order of times and ids.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub from: usize,
    pub window: usize,
    pub at: i64,
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
    let mut trail = Trail::new(cursor);
    loop {
        let body = walk.body_for(cursor, remaining);
        let (mut customers, next, invalid) = fetch(client, &body, cursor, &mut trail).await?;
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
                rising: false,
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

/// What a walk remembers so that no server can make it loop or print a customer twice: the
/// cursors it sent, the furthest customer it printed, and the ids of the page before (a set:
/// a server may send far more than the 50 a page holds); every id is not kept.
pub struct Trail {
    used: HashSet<Cursor>,
    /// The cursor the walk started from: customers on its far side are not this walk's (a server
    /// that sends more than asked puts them there), dropped in silence, never taken as lost.
    origin: Option<i64>,
    /// The oldest id printed (with `after`; the newest with `before`).
    furthest: Option<i64>,
    /// The ids the page before sent; at the start, the cursor's own id: the customer a resume,
    /// a split or `--after` continues after was printed already, by the walk before.
    previous: HashSet<i64>,
}

impl Trail {
    pub fn new(start: Cursor) -> Trail {
        let origin = match start {
            Cursor::First => None,
            Cursor::After(id) | Cursor::Before(id) => Some(id),
        };
        Trail {
            used: HashSet::new(),
            origin,
            furthest: None,
            previous: origin.into_iter().collect(),
        }
    }

    /// Keeps the customers of a page that this walk has not printed, in their order, and says
    /// what the trail becomes once the page is taken ([`Trail::take`]). Ids only fall as a walk
    /// with `after` goes on (rise with `before`), so a customer on the wrong side of the cursor
    /// or of the furthest one printed is a repeat: dropped in silence when the page before held
    /// it (a server that starts each page with the last one again), else a customer the walk has
    /// passed and never printed. That is an answer the API does not send: the customers before
    /// it are kept, and the error ends the walk once they are written.
    fn sift(&self, cursor: Cursor, customers: &mut Vec<Box<RawValue>>) -> (Seen, Option<Error>) {
        let older = !matches!(cursor, Cursor::Before(_));
        let beyond = |id: i64, bound: i64| if older { id < bound } else { id > bound };
        let at = match cursor {
            Cursor::First => None,
            Cursor::After(id) | Cursor::Before(id) => Some(id),
        };
        let bound = match (at, self.furthest) {
            (Some(a), Some(f)) => Some(if beyond(a, f) { a } else { f }),
            (a, f) => a.or(f),
        };
        let mut seen = Seen {
            furthest: self.furthest,
            previous: HashSet::with_capacity(customers.len()),
        };
        let mut kept = Vec::with_capacity(customers.len());
        for customer in std::mem::take(customers) {
            let Some(id) = crate::customer::id(&customer) else {
                kept.push(customer);
                continue;
            };
            if self.origin.is_some_and(|o| !beyond(id, o)) {
                continue;
            }
            let passed = bound.filter(|&b| !beyond(id, b));
            let repeat = !seen.previous.insert(id) || self.previous.contains(&id);
            if let (Some(bound), false) = (passed, repeat) {
                *customers = kept;
                let error = Error::Malformed(format!(
                    "the server answered {cursor} with the customer {id}, which is not {} than \
                     {bound} and was on no page before: a customer this walk has passed without \
                     it; stopping rather than skip it",
                    if older { "older" } else { "newer" },
                ));
                return (seen, Some(error));
            }
            if passed.is_none() && !repeat {
                seen.furthest = Some(seen.furthest.filter(|&f| beyond(f, id)).unwrap_or(id));
                kept.push(customer);
            }
        }
        *customers = kept;
        (seen, None)
    }

    /// The page sifted is taken: its customers go on to be printed. A page refused is not, so a
    /// caller that asks for it again (a watch) gets its customers again.
    fn take(&mut self, seen: Seen) {
        (self.furthest, self.previous) = (seen.furthest, seen.previous);
    }
}

/// What a page would make of a [`Trail`].
struct Seen {
    furthest: Option<i64>,
    previous: HashSet<i64>,
}

/// The page `body` asks for (its cursor is `cursor`), the cursor that continues after it, and
/// the error to stop with once the page is written (an item that is not a customer, or one the
/// walk passed without it). Checked so that no server can make a walk loop or print a customer
/// twice: customers this walk printed are dropped, and a page with nothing new that claims a
/// next one, a cursor used before, and a cursor going the wrong way are malformed answers.
pub async fn fetch(
    client: &Client,
    body: &QueryBody,
    cursor: Cursor,
    trail: &mut Trail,
) -> Result<(Vec<Box<RawValue>>, Option<Cursor>, Option<Error>), Error> {
    let mut page = client.query_page(body).await?;
    let next = match cursor {
        Cursor::Before(_) => page.paging.previous.map(Cursor::Before),
        _ => page.paging.next.map(Cursor::After),
    };
    let (seen, passed) = trail.sift(cursor, &mut page.customers);
    if let Some(e) = passed.or(page.invalid) {
        trail.take(seen);
        return Ok((page.customers, None, Some(e)));
    }
    if page.customers.is_empty() && next.is_some() {
        return Err(Error::Malformed(
            "the server sent a page with nothing new (no customer, or only ones already printed) \
             that claims a next one; stopping so as not to loop"
                .into(),
        ));
    }
    trail.used.insert(cursor);
    if let Some(c) = next {
        if trail.used.contains(&c) {
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
    trail.take(seen);
    Ok((page.customers, next, None))
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
pub(crate) mod tests {
    use super::*;

    /// Customers with these ids and nothing else.
    pub(crate) fn page(ids: &[i64]) -> Vec<Box<RawValue>> {
        let raw = |id| RawValue::from_string(format!("{{\"id\":{id}}}")).unwrap();
        ids.iter().map(|&id| raw(id)).collect()
    }

    pub(crate) fn ids(customers: &[Box<RawValue>]) -> Vec<i64> {
        customers
            .iter()
            .filter_map(|c| crate::customer::id(c))
            .collect()
    }

    #[test]
    fn a_trail_drops_what_was_printed_and_stops_at_what_was_passed() {
        let mut trail = Trail::new(Cursor::First);
        let mut sift = |cursor, customers: &mut Vec<Box<RawValue>>| {
            let (seen, error) = trail.sift(cursor, customers);
            trail.take(seen);
            error
        };
        let mut first = page(&[9, 8, 8, 7]);
        assert!(sift(Cursor::First, &mut first).is_none());
        assert_eq!(ids(&first), [9, 8, 7], "a repeat within the page");
        // The server's cursor lags behind what was printed: 8 and 7 are repeats all the same.
        let mut second = page(&[7, 8, 6, 5]);
        assert!(sift(Cursor::After(8), &mut second).is_none());
        assert_eq!(ids(&second), [6, 5]);
        // 9 was printed two pages ago, not on the page before: passed, as far as a trail knows.
        let mut third = page(&[5, 4, 9, 3]);
        let error = sift(Cursor::After(5), &mut third).unwrap();
        assert_eq!(ids(&third), [4], "the customers before it are kept");
        assert!(error.to_string().contains("customer 9"), "{error}");
    }

    #[test]
    fn a_walk_from_a_cursor_knows_the_customer_at_it() {
        let trail = Trail::new(Cursor::Before(10));
        let mut customers = page(&[12, 11, 10]);
        assert!(trail.sift(Cursor::Before(10), &mut customers).1.is_none());
        assert_eq!(ids(&customers), [12, 11]);
    }

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
