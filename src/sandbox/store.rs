//! The sandbox's customers, as a server holds them: the generated ones made when a page asks for
//! them (`population`), those batch_create changed kept beside them, and the new ones (batch_create,
//! arrivals) after them, oldest first. Customer `i` is the `i`th by id; pages are found by binary
//! search. New customers have ids above every other, so they are appended; a late one is held
//! back from queries until it becomes visible.

use super::data::{a_name_may_hold, id_at, Customer};
use super::population::Population;
use super::query::Query;
use crate::wire::Paging;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

pub struct Store {
    /// The generated customers, `0..generated`, visible from the start.
    population: Population,
    generated: usize,
    /// Generated customers changed by batch_create, with their JSON.
    changed: HashMap<usize, (Customer, Box<RawValue>)>,
    /// The customers created since the start, `generated..`, ascending id.
    added: Vec<Customer>,
    /// Each added customer's JSON, rendered when it is stored.
    rendered: Vec<Box<RawValue>>,
    /// When each added customer becomes visible to queries (Unix ms, the sandbox's clock).
    visible_ms: Vec<i64>,
    /// `latest_up_to[k]`: the added customer with the latest `created_at` among `0..=k`. Its
    /// `created_at` never falls as `k` grows, so no customer below the first `k` where it reaches
    /// `start_time` can be at or after it, even when `created_at` does not sort like `id` (a
    /// clock set back).
    latest_up_to: Vec<usize>,
    /// `earliest_from[k]`: the added customer with the earliest `created_at` among `k..`. Its
    /// `created_at` never falls as `k` grows, so no customer from the first `k` where it reaches
    /// `end_time` on can be before it.
    earliest_from: Vec<usize>,
    /// Unix ms of the data's origin: a customer created at `t` has the id `id_at(t - origin)`.
    origin_ms: i64,
    /// (identity key, value) → the newest added, changed or planted customer with it. A
    /// generated customer's keys lead back to it without an index (`Population::owner`).
    identities: HashMap<(usize, String), usize>,
}

/// A customer's identity keys, in the order of `wire::IDENTITY_KEYS`.
pub fn identity(c: &Customer) -> [Option<&String>; 6] {
    [
        c.sms_phone.as_ref(),
        c.whatsapp_phone.as_ref(),
        c.email.as_ref(),
        c.viber_phone.as_ref(),
        c.messenger.as_ref(),
        c.instagram.as_ref(),
    ]
}

fn render(c: &Customer) -> Box<RawValue> {
    serde_json::value::to_raw_value(c).expect("customers always serialize")
}

/// `YYYY-MM-DDTHH:MM:SS` (a query's time, as `created_at` is written) as Unix ms.
fn unix_ms(time: &str) -> Option<i64> {
    let t = jiff::civil::DateTime::strptime(crate::wire::CREATED_AT_FORMAT, time).ok()?;
    Some(
        t.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_millisecond(),
    )
}

/// The part of `r` from `from` to `to`.
fn clip(r: &Range<usize>, from: usize, to: usize) -> Range<usize> {
    let start = r.start.max(from);
    start..r.end.min(to).max(start)
}

impl Store {
    /// A store of the generated `population`, created after `origin_ms`.
    pub fn new(population: Population, origin_ms: i64) -> Store {
        let mut store = Store {
            generated: population.len(),
            population,
            changed: HashMap::new(),
            added: Vec::new(),
            rendered: Vec::new(),
            visible_ms: Vec::new(),
            latest_up_to: Vec::new(),
            earliest_from: Vec::new(),
            origin_ms,
            identities: HashMap::new(),
        };
        // The README's values are set, not drawn: they lead back through the index.
        for i in store.population.planted().collect::<Vec<_>>() {
            let c = store.population.customer(i);
            store.index(&c, i);
        }
        store
    }

    pub fn len(&self) -> usize {
        self.generated + self.added.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Cow<'_, Customer> {
        match i.checked_sub(self.generated) {
            Some(k) => Cow::Borrowed(&self.added[k]),
            None => match self.changed.get(&i) {
                Some((c, _)) => Cow::Borrowed(c),
                None => Cow::Owned(self.population.customer(i)),
            },
        }
    }

    pub fn rendered(&self, i: usize) -> Cow<'_, RawValue> {
        match i.checked_sub(self.generated) {
            Some(k) => Cow::Borrowed(&self.rendered[k]),
            None => match self.changed.get(&i) {
                Some((_, r)) => Cow::Borrowed(r),
                None => Cow::Owned(render(&self.population.customer(i))),
            },
        }
    }

    fn id(&self, i: usize) -> i64 {
        match i.checked_sub(self.generated) {
            Some(k) => self.added[k].id,
            None => self.population.id(i),
        }
    }

    /// The first customer whose id is at least `id`.
    fn first_at_least(&self, id: i64) -> usize {
        match self.added.first().is_some_and(|c| c.id <= id) {
            true => self.generated + self.added.partition_point(|c| c.id < id),
            false => self.population.first_at_least(id),
        }
    }

    /// Where the customer with this id is.
    pub fn index_of(&self, id: i64) -> Option<usize> {
        let i = self.first_at_least(id);
        (i < self.len() && self.id(i) == id).then_some(i)
    }

    /// Whether queries see customer `i` at `now_ms`.
    pub fn visible(&self, i: usize, now_ms: i64) -> bool {
        i < self.generated || self.visible_ms[i - self.generated] <= now_ms
    }

    /// Whether customer `i` passes the filters of `q`; `pinned` is [`Store::pinned`]'s answer.
    fn matches(&self, q: &Query, pinned: Option<[Option<usize>; 2]>, i: usize) -> bool {
        if let Some(k) = i.checked_sub(self.generated) {
            return q.matches(&self.added[k]);
        }
        // Most runs change nothing: no hash of `i` for them.
        if let Some((c, _)) = (!self.changed.is_empty())
            .then(|| self.changed.get(&i))
            .flatten()
        {
            return q.matches(c);
        }
        pinned.is_none_or(|only| only.contains(&Some(i))) && q.matches(&*self.population.facets(i))
    }

    /// With an email or phone among the filters, the generated customers that may hold it (the
    /// one its value leads back to, and a README's customer that has it), found by the value
    /// instead of a scan of every customer; `None` without such a filter.
    fn pinned(&self, q: &Query) -> Option<[Option<usize>; 2]> {
        let (key, value) = q.identity()?;
        let planted = self.identities.get(&(key, value.to_string())).copied();
        let planted = planted.filter(|&i| self.population.planted().any(|p| p == i));
        Some([self.population.owner(key, value), planted])
    }

    /// The id of a customer created at `created_ms` (with these low bits): of the moment, and
    /// above every id stored, whatever the clock did.
    pub fn next_id(&self, created_ms: i64, low: i64) -> i64 {
        let of_the_moment = id_at(created_ms.saturating_sub(self.origin_ms), low);
        let above = match self.len() {
            0 => i64::MIN,
            n => self.id(n - 1).saturating_add(1),
        };
        of_the_moment.max(above)
    }

    fn index(&mut self, c: &Customer, i: usize) {
        for (key, value) in identity(c).into_iter().enumerate() {
            if let Some(value) = value {
                self.identities.insert((key, value.clone()), i);
            }
        }
    }

    /// Stores a new customer, whose id must be above every other (see [`Store::next_id`]),
    /// visible from `visible_ms` on.
    pub fn push(&mut self, c: Customer, visible_ms: i64) {
        let k = self.added.len();
        debug_assert!(self.is_empty() || self.id(self.len() - 1) < c.id);
        self.index(&c, self.generated + k);
        self.rendered.push(render(&c));
        self.visible_ms.push(visible_ms);
        let created = &c.created_at;
        let at = |j: usize| &self.added[j].created_at;
        let latest = self.latest_up_to.last().copied();
        let latest = latest.filter(|&p| at(p) >= created).unwrap_or(k);
        // The suffix minima it undercuts: a tail of them, since they never fall with the index.
        let undercut = (0..k)
            .rev()
            .take_while(|&j| at(self.earliest_from[j]) > created)
            .last()
            .unwrap_or(k);
        self.latest_up_to.push(latest);
        self.earliest_from[undercut..].fill(k);
        self.earliest_from.push(k);
        self.added.push(c);
    }

    /// Puts `c` in the place of customer `i` (same id and `created_at`).
    pub fn replace(&mut self, i: usize, c: Customer) {
        let old = self.get(i).into_owned();
        debug_assert_eq!(old.id, c.id);
        for (key, value) in identity(&old).into_iter().enumerate() {
            if let Some(value) = value {
                let entry = (key, value.clone());
                if self.identities.get(&entry) == Some(&i) {
                    self.identities.remove(&entry);
                }
            }
        }
        self.index(&c, i);
        let rendered = render(&c);
        match i.checked_sub(self.generated) {
            Some(k) => (self.added[k], self.rendered[k]) = (c, rendered),
            None => {
                self.changed.insert(i, (c, rendered));
            }
        }
    }

    /// The stored customer (visible or not) that has one of these identity keys, the first
    /// key in the order of `wire::IDENTITY_KEYS` deciding: an added or changed one (the newest),
    /// else the generated one that holds it.
    pub fn existing(&self, keys: &[Option<&String>; 6]) -> Option<usize> {
        keys.iter().enumerate().find_map(|(key, value)| {
            let value = (*value)?;
            if let Some(&i) = self.identities.get(&(key, value.clone())) {
                return Some(i);
            }
            let i = self.population.owner(key, value)?;
            (identity(&self.get(i))[key] == Some(value)).then_some(i)
        })
    }

    /// The indices that may hold the customers of `q`'s time range, ascending: generated, then
    /// added. Exact on their own when `created_at` follows the id; the filters decide.
    fn ranges(&self, q: &Query) -> [Range<usize>; 2] {
        let start = q.start_time.as_deref().and_then(unix_ms);
        let end = q.end_time.as_deref().and_then(unix_ms);
        let (lo, hi) = self.population.created_within(start, end);
        let at = |j: usize| &self.added[j].created_at;
        let a_lo = q
            .start_time
            .as_ref()
            .map_or(0, |s| self.latest_up_to.partition_point(|&j| at(j) < s));
        let a_hi = q.end_time.as_ref().map_or(self.added.len(), |e| {
            self.earliest_from.partition_point(|&j| at(j) < e)
        });
        let g = self.generated;
        [lo..hi.max(lo), g + a_lo..g + a_hi.max(a_lo)]
    }

    /// The page `q` asks for, as seen at `now_ms`: its customers' indices, newest first, and
    /// its paging. A filter draws only what it reads of each generated customer it passes.
    pub fn page(&self, q: &Query, now_ms: i64) -> (Vec<usize>, Paging) {
        let filtered = q.has_filters();
        let pinned = self.pinned(q);
        let matching =
            |i: &usize| self.visible(*i, now_ms) && (!filtered || self.matches(q, pinned, *i));
        let ranges = self.ranges(q);
        // With an email or phone, only the customers that may hold it are looked at: the pinned
        // ones, those batch_create changed, and those it added, oldest first. So with a name no
        // generated customer can have: the planted ones instead of the pinned.
        let only: Option<Vec<usize>> = match pinned {
            Some(pinned) => Some(pinned.into_iter().flatten().collect()),
            None if q.name().is_some_and(|n| !a_name_may_hold(n)) => {
                Some(self.population.planted().collect())
            }
            None => None,
        };
        let candidates: Option<Vec<usize>> = only.map(|only| {
            let mut all: Vec<usize> = only
                .into_iter()
                .chain(self.changed.keys().copied())
                .chain(self.generated..self.len())
                .filter(|i| ranges.iter().any(|r| r.contains(i)))
                .collect();
            all.sort_unstable();
            all.dedup();
            all
        });
        // Oldest first from `from`, newest first below `to`.
        type Indices<'a> = Box<dyn Iterator<Item = usize> + 'a>;
        let up = |from: usize| -> Indices<'_> {
            match &candidates {
                Some(c) => Box::new(c.iter().copied().filter(move |&i| i >= from)),
                None => Box::new(ranges.iter().flat_map(move |r| clip(r, from, usize::MAX))),
            }
        };
        let down = |to: usize| -> Indices<'_> {
            match &candidates {
                Some(c) => Box::new(c.iter().rev().copied().filter(move |&i| i < to)),
                None => Box::new(ranges.iter().rev().flat_map(move |r| clip(r, 0, to).rev())),
            }
        };
        let found: Vec<usize> = match q.before {
            Some(b) => {
                let from = self.first_at_least(b.saturating_add(1));
                let mut found: Vec<usize> = up(from).filter(matching).take(q.limit).collect();
                found.reverse();
                found
            }
            None => {
                let to = q.after.map_or(self.len(), |a| self.first_at_least(a));
                down(to).filter(matching).take(q.limit).collect()
            }
        };
        let (Some(&newest), Some(&oldest)) = (found.first(), found.last()) else {
            return (found, Paging::default());
        };
        let newer_exists = up(newest + 1).any(|i| matching(&i));
        let older_exists = down(oldest).any(|i| matching(&i));
        let paging = Paging {
            after: Some(self.id(oldest)),
            before: Some(self.id(newest)),
            next: older_exists.then_some(self.id(oldest)),
            previous: newer_exists.then_some(self.id(newest)),
        };
        (found, paging)
    }

    /// The `extra` customers after `next`, and the paging after them: what `--overfill` adds
    /// to a page.
    pub fn following(
        &self,
        q: &Query,
        next: i64,
        extra: usize,
        now_ms: i64,
    ) -> (Vec<usize>, Paging) {
        let mut more = q.clone();
        (more.after, more.before, more.limit) = (Some(next), None, extra);
        self.page(&more, now_ms)
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
