//! The sandbox's customers, as a server holds them: oldest first, each with its JSON rendered once,
//! pages found by binary search. New customers (batch_create, arrivals) have ids above every
//! other, so they are appended; a late one is held back from queries until it becomes visible.

use super::data::{id_at, Customer};
use super::query::Query;
use crate::wire::Paging;
use serde_json::value::RawValue;
use std::collections::HashMap;

pub struct Store {
    /// Ascending id, so oldest first.
    customers: Vec<Customer>,
    /// Each customer's JSON, rendered when it is stored: a page is then a concatenation.
    rendered: Vec<Box<RawValue>>,
    /// The generated customers come first and are visible from the start.
    generated: usize,
    /// When each later customer becomes visible to queries (Unix ms, the sandbox's clock).
    visible_ms: Vec<i64>,
    /// `latest_up_to[i]`: the customer with the latest `created_at` among `0..=i`. Its
    /// `created_at` never falls as `i` grows, so no customer below the first `i` where it reaches
    /// `start_time` can be at or after it, even when `created_at` does not sort like `id`
    /// (`--time-jitter`).
    latest_up_to: Vec<usize>,
    /// `earliest_from[i]`: the customer with the earliest `created_at` among `i..`. Its
    /// `created_at` never falls as `i` grows, so no customer from the first `i` where it reaches
    /// `end_time` on can be before it.
    earliest_from: Vec<usize>,
    /// Unix ms of the data's origin: a customer created at `t` has the id `id_at(t - origin)`.
    origin_ms: i64,
    /// (identity key, value) → the newest customer with it; built at the first batch_create.
    identities: Option<HashMap<(usize, String), usize>>,
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

impl Store {
    /// A store of `customers` (in any order), all visible, created after `origin_ms`.
    pub fn new(mut customers: Vec<Customer>, origin_ms: i64) -> Store {
        customers.sort_by_key(|c| c.id);
        let n = customers.len();
        let at = |i: usize| &customers[i].created_at;
        let mut latest_up_to: Vec<usize> = Vec::with_capacity(n);
        for i in 0..n {
            let prev = latest_up_to.last().copied();
            latest_up_to.push(prev.filter(|&p| at(p) >= at(i)).unwrap_or(i));
        }
        let mut earliest_from = vec![0; n];
        for i in (0..n).rev() {
            let next = (i + 1 < n).then(|| earliest_from[i + 1]);
            earliest_from[i] = next.filter(|&p| at(p) <= at(i)).unwrap_or(i);
        }
        Store {
            rendered: customers.iter().map(render).collect(),
            generated: n,
            customers,
            visible_ms: Vec::new(),
            latest_up_to,
            earliest_from,
            origin_ms,
            identities: None,
        }
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    pub fn get(&self, i: usize) -> &Customer {
        &self.customers[i]
    }

    pub fn rendered(&self, i: usize) -> &RawValue {
        &self.rendered[i]
    }

    /// Where the customer with this id is.
    pub fn index_of(&self, id: i64) -> Option<usize> {
        self.customers.binary_search_by_key(&id, |c| c.id).ok()
    }

    /// Whether queries see customer `i` at `now_ms`.
    pub fn visible(&self, i: usize, now_ms: i64) -> bool {
        i < self.generated || self.visible_ms[i - self.generated] <= now_ms
    }

    /// The id of a customer created at `created_ms` (with these low bits): of the moment, and
    /// above every id stored, whatever the clock did.
    pub fn next_id(&self, created_ms: i64, low: i64) -> i64 {
        let of_the_moment = id_at(created_ms.saturating_sub(self.origin_ms), low);
        let above = self
            .customers
            .last()
            .map_or(i64::MIN, |c| c.id.saturating_add(1));
        of_the_moment.max(above)
    }

    /// Stores a new customer, whose id must be above every other (see [`Store::next_id`]),
    /// visible from `visible_ms` on.
    pub fn push(&mut self, c: Customer, visible_ms: i64) {
        let i = self.customers.len();
        debug_assert!(self.customers.last().is_none_or(|last| last.id < c.id));
        if let Some(index) = &mut self.identities {
            for (key, value) in identity(&c).into_iter().enumerate() {
                if let Some(value) = value {
                    index.insert((key, value.clone()), i);
                }
            }
        }
        self.rendered.push(render(&c));
        self.visible_ms.push(visible_ms);
        let created = &c.created_at;
        let at = |j: usize| &self.customers[j].created_at;
        let latest = self.latest_up_to.last().copied();
        let latest = latest.filter(|&p| at(p) >= created).unwrap_or(i);
        // The suffix minima it undercuts: a tail of them, since they never fall with the index.
        let undercut = (0..i)
            .rev()
            .take_while(|&j| at(self.earliest_from[j]) > created)
            .last()
            .unwrap_or(i);
        self.latest_up_to.push(latest);
        self.earliest_from[undercut..].fill(i);
        self.earliest_from.push(i);
        self.customers.push(c);
    }

    /// Puts `c` in the place of customer `i` (same id and `created_at`).
    pub fn replace(&mut self, i: usize, c: Customer) {
        debug_assert_eq!(self.customers[i].id, c.id);
        if let Some(index) = &mut self.identities {
            for (key, value) in identity(&self.customers[i]).into_iter().enumerate() {
                if let Some(value) = value {
                    let entry = (key, value.clone());
                    if index.get(&entry) == Some(&i) {
                        index.remove(&entry);
                    }
                }
            }
            for (key, value) in identity(&c).into_iter().enumerate() {
                if let Some(value) = value {
                    index.insert((key, value.clone()), i);
                }
            }
        }
        self.rendered[i] = render(&c);
        self.customers[i] = c;
    }

    /// The stored customer (visible or not) that has one of these identity keys, the first
    /// key in the order of `wire::IDENTITY_KEYS` deciding.
    pub fn existing(&mut self, keys: &[Option<&String>; 6]) -> Option<usize> {
        let customers = &self.customers;
        let index = self.identities.get_or_insert_with(|| {
            let mut index = HashMap::new();
            for (i, c) in customers.iter().enumerate() {
                for (key, value) in identity(c).into_iter().enumerate() {
                    if let Some(value) = value {
                        index.insert((key, value.clone()), i);
                    }
                }
            }
            index
        });
        keys.iter()
            .enumerate()
            .find_map(|(key, value)| index.get(&(key, (*value)?.clone())).copied())
    }

    /// The page `q` asks for, as seen at `now_ms`: its customers' indices, newest first, and
    /// its paging.
    pub fn page(&self, q: &Query, now_ms: i64) -> (Vec<usize>, Paging) {
        let customers = &self.customers;
        let filtered = q.has_filters();
        // Exact: the time range is a filter like the others; the bounds below only narrow the
        // indices to look at.
        let matching =
            |i: &usize| self.visible(*i, now_ms) && (!filtered || q.matches(&customers[*i]));
        let at = |j: usize| &customers[j].created_at;
        // Binary searches, not scans: the time range bounds the indices, the cursor starts them.
        let lo = q
            .start_time
            .as_ref()
            .map_or(0, |s| self.latest_up_to.partition_point(|&j| at(j) < s));
        let hi = q.end_time.as_ref().map_or(customers.len(), |e| {
            self.earliest_from.partition_point(|&j| at(j) < e)
        });
        let found: Vec<usize> = match q.before {
            Some(b) => {
                let from = customers.partition_point(|c| c.id <= b).max(lo);
                let mut found: Vec<usize> = (from..hi.max(from))
                    .filter(matching)
                    .take(q.limit)
                    .collect();
                found.reverse();
                found
            }
            None => {
                let to = q
                    .after
                    .map_or(customers.len(), |a| customers.partition_point(|c| c.id < a))
                    .min(hi);
                (lo..to.max(lo))
                    .rev()
                    .filter(matching)
                    .take(q.limit)
                    .collect()
            }
        };
        let (Some(&newest), Some(&oldest)) = (found.first(), found.last()) else {
            return (found, Paging::default());
        };
        let newer_exists = (newest + 1..hi).any(|i| matching(&i));
        let older_exists = (lo..oldest).rev().any(|i| matching(&i));
        let paging = Paging {
            after: Some(customers[oldest].id),
            before: Some(customers[newest].id),
            next: older_exists.then_some(customers[oldest].id),
            previous: newer_exists.then_some(customers[newest].id),
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
mod tests {
    use super::*;
    use crate::sandbox::data::{generate, generate_shaped, origin_ms, Rng};
    use crate::sandbox::shape::Shape;

    /// Every id a forward walk (`after = next`) returns at `now`.
    fn walk_at(store: &Store, filters: &str, now: i64) -> Vec<i64> {
        let mut ids = Vec::new();
        let mut after: Option<i64> = None;
        loop {
            let cursor = after.map(|a| format!(",\"after\":{a}")).unwrap_or_default();
            let body = format!(r#"{{"tenant_id":1,"app_key":"k","limit":7{filters}{cursor}}}"#);
            let (indices, paging) = store.page(&Query::parse(body.as_bytes()).unwrap(), now);
            ids.extend(indices.iter().map(|&i| store.get(i).id));
            match paging.next {
                Some(next) => after = Some(next),
                None => return ids,
            }
        }
    }

    /// Every id a forward walk returns once every customer is visible.
    fn walk(store: &Store, filters: &str) -> Vec<i64> {
        walk_at(store, filters, i64::MAX)
    }

    /// The ids of the customers that `keep` selects, newest first.
    fn newest_first(store: &Store, keep: impl Fn(&Customer) -> bool) -> Vec<i64> {
        let all = (0..store.len()).rev().map(|i| store.get(i));
        all.filter(|c| keep(c)).map(|c| c.id).collect()
    }

    fn text(t: &str) -> String {
        t.replacen('T', " ", 1)
    }

    /// Time filters of random ranges against the customers that fall in them.
    fn check_time_filters(store: &Store, seed: u64) {
        let mut rng = Rng::new(seed);
        for _ in 0..20 {
            let a = &store.get(rng.below(store.len() as u64) as usize).created_at;
            let b = &store.get(rng.below(store.len() as u64) as usize).created_at;
            let (start, end) = if a <= b { (a, b) } else { (b, a) };
            let expected = newest_first(store, |c| c.created_at >= *start && c.created_at < *end);
            let filters = format!(
                r#","start_time":"{}","end_time":"{}""#,
                text(start),
                text(end)
            );
            assert_eq!(walk(store, &filters), expected, "{filters}");
            let only_start = format!(r#","start_time":"{}""#, text(start));
            let later = newest_first(store, |c| c.created_at >= *start);
            assert_eq!(walk(store, &only_start), later);
        }
    }

    #[test]
    fn time_filters_are_exact_when_created_at_does_not_follow_id() {
        for time_jitter in [0, 7200, 200_000] {
            let shape = Shape {
                burst: 0.3,
                time_jitter,
                ..Shape::default()
            };
            let store = Store::new(generate_shaped(600, 3, 1, &shape), origin_ms());
            check_time_filters(&store, time_jitter);
        }
    }

    /// A customer like `template`, created at `created` (a `created_at`), with the next id.
    fn pushed(store: &mut Store, template: &Customer, created: &str, visible_ms: i64) -> i64 {
        let mut c = template.clone();
        c.id = store.next_id(0, 0);
        c.created_at = created.to_string();
        let id = c.id;
        store.push(c, visible_ms);
        id
    }

    #[test]
    fn pushed_customers_keep_the_time_bounds_exact_and_appear_when_visible() {
        let data = generate(300, 4, 1);
        let template = data[0].clone();
        let mut store = Store::new(data, origin_ms());
        // Created before most others (a skewed clock), then after all: the bounds must follow.
        let middle = store.get(150).created_at.clone();
        let oldest = store.get(0).created_at.clone();
        let late = pushed(&mut store, &template, &middle, 5_000);
        pushed(&mut store, &template, &oldest, 0);
        pushed(&mut store, &template, "2999-01-01T00:00:00", 0);
        check_time_filters(&store, 9);
        assert!(!walk_at(&store, "", 4_999).contains(&late));
        let seen = walk_at(&store, "", 5_000);
        assert_eq!(seen.len(), store.len());
        assert!(seen.contains(&late));
        assert!(seen.windows(2).all(|w| w[0] > w[1]));
    }
}
