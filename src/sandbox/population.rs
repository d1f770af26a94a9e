//! The generated customers, made when a page asks for them: customer `i` comes from the seed and
//! `i` alone (its id from its slot of the shape's timeline, its fields from streams of their own),
//! so a sandbox of ten million customers starts at once and holds none of them. Ids grow with the
//! index, so a cursor is found by binary search; a filter draws only the fields it reads.

use super::data::{self, Customer, Draws, Numbers, Stream, TagDef, ID_BASE};
use super::planted::{Planted, README_ID};
use super::query::Facets;
use super::shape::{Shape, Timeline, SPAN_MS};
use std::borrow::Cow;

pub struct Population {
    count: usize,
    seed: u64,
    tenant_id: i64,
    /// Unix ms of the data's origin.
    origin: i64,
    timeline: Timeline,
    /// `--time-jitter`, ms.
    jitter_ms: i64,
    numbers: Numbers,
    planted: Planted,
}

/// The first index in `0..n` where `before` is false (it is true, then false).
pub fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match before(mid) {
            true => lo = mid + 1,
            false => hi = mid,
        }
    }
    lo
}

impl Population {
    pub fn new(count: usize, seed: u64, tenant_id: i64, shape: &Shape, origin: i64) -> Population {
        let mut population = Population {
            count,
            seed,
            tenant_id,
            origin,
            timeline: Timeline::new(count, shape),
            jitter_ms: shape.time_jitter.saturating_mul(1000).min(SPAN_MS as u64) as i64,
            numbers: Numbers::new(seed),
            planted: Planted::default(),
        };
        let below = partition(count, |i| population.drawn_id(i) < README_ID);
        population.planted = Planted::new(count, below);
        population
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn numbers(&self) -> &Numbers {
        &self.numbers
    }

    /// The README's customers, whose values are not drawn (see `planted`).
    pub fn planted(&self) -> impl Iterator<Item = usize> {
        self.planted.indices()
    }

    fn draws(&self, i: usize) -> Draws {
        Draws::of(self.seed, i)
    }

    /// The id drawn in customer `i`'s slot.
    fn drawn_id(&self, i: usize) -> i64 {
        let (start, ids) = self.timeline.ids(i);
        let low = self.draws(i).stream(Stream::Id).below(ids as u64) as i64;
        ID_BASE.saturating_add(start).saturating_add(low)
    }

    /// Customer `i`'s id: above those of every customer before it.
    pub fn id(&self, i: usize) -> i64 {
        match self.planted.place(i, self.origin) {
            Some((id, _)) => id,
            None => self.drawn_id(i),
        }
    }

    /// When its id says customer `i` was made (Unix ms): never earlier than the one before it,
    /// the vendor's day aside.
    fn id_time(&self, i: usize) -> i64 {
        self.origin + ((self.id(i) - ID_BASE) >> 22)
    }

    /// Customer `i`'s `created_at` (Unix ms): its id's time, moved by up to `--time-jitter`.
    pub fn created_ms(&self, i: usize) -> i64 {
        if let Some((_, created)) = self.planted.place(i, self.origin) {
            return created;
        }
        let shown = self.id_time(i);
        match self.jitter_ms {
            0 => shown,
            j => {
                let mut rng = self.draws(i).stream(Stream::Jitter);
                shown - j + rng.below(2 * j as u64 + 1) as i64
            }
        }
    }

    /// Customer `i`, whole.
    pub fn customer(&self, i: usize) -> Customer {
        let mut c = data::customer(
            &self.numbers,
            self.draws(i),
            i,
            self.id(i),
            self.created_ms(i),
            self.tenant_id,
            self.origin + SPAN_MS,
            self.timeline.imported(i),
        );
        self.planted.finish(i, &mut c);
        c
    }

    /// The first index whose id is at least `id`.
    pub fn first_at_least(&self, id: i64) -> usize {
        partition(self.count, |i| self.id(i) < id)
    }

    /// The indices that may hold customers created from `start` (Unix ms, included) to `end`
    /// (excluded): bounds from the ids' times, which grow with the index, widened by the jitter.
    /// The vendor's day (index 0, created at a fixed time) is let in when it may be in range.
    pub fn created_within(&self, start: Option<i64>, end: Option<i64>) -> (usize, usize) {
        let vendor = |i: usize| i == 0 && self.planted.holds(0) && self.count > 2;
        let j = self.jitter_ms;
        let lo = start.map_or(0, |s| {
            let lo = partition(self.count, |i| vendor(i) || self.id_time(i) + j < s);
            match vendor(0) && self.created_ms(0) >= s {
                true => 0,
                false => lo,
            }
        });
        let hi = end.map_or(self.count, |e| {
            partition(self.count, |i| vendor(i) || self.id_time(i) - j < e)
        });
        (lo, hi)
    }

    /// Customer `i`'s fields as a filter reads them: drawn one group at a time, as asked.
    pub fn facets(&self, i: usize) -> Box<dyn Facets + '_> {
        match self.planted.holds(i) {
            true => Box::new(self.customer(i)),
            false => Box::new(Drawn {
                population: self,
                i,
                d: self.draws(i),
            }),
        }
    }

    /// The generated customer whose identity key `key` (in the order of `wire::IDENTITY_KEYS`)
    /// would hold `value`: the serial its email or number leads back to (whether that customer
    /// holds it is for the caller to check).
    pub fn owner(&self, key: usize, value: &str) -> Option<usize> {
        let digits = |n: usize, from: u64| -> Option<u64> {
            let tail = value.get(value.len().checked_sub(n)?..)?;
            let v: u64 = tail.parse().ok()?;
            (tail.bytes().all(|b| b.is_ascii_digit()) && v >= from).then_some(v - from)
        };
        let numbers = &self.numbers;
        let serial = match key {
            0 | 1 | 3 => numbers.phone.serial(digits(10, data::PHONE_FROM)?),
            2 => {
                let n = value.strip_prefix("user")?.strip_suffix("@example.com")?;
                let i: u64 = n.parse().ok()?;
                (i.to_string() == n).then_some(i)?
            }
            4 => numbers.messenger.serial(digits(15, data::HANDLE_FROM)?),
            5 => numbers.instagram.serial(digits(15, data::HANDLE_FROM)?),
            _ => return None,
        };
        usize::try_from(serial).ok().filter(|&i| i < self.count)
    }
}

/// A generated customer's fields, drawn when read.
struct Drawn<'a> {
    population: &'a Population,
    i: usize,
    d: Draws,
}

impl Drawn<'_> {
    fn phone(&self, k: usize) -> Option<Cow<'_, str>> {
        let phone = data::phone(&self.population.numbers, self.d, self.i);
        phone.field(k).map(Cow::Owned)
    }
}

impl Facets for Drawn<'_> {
    fn created_at(&self) -> Cow<'_, str> {
        Cow::Owned(data::datetime(self.population.created_ms(self.i)))
    }

    fn source_type(&self) -> u8 {
        let imported = self.population.timeline.imported(self.i);
        data::source(self.d, self.i, imported).0
    }

    fn full_name(&self) -> Option<Cow<'_, str>> {
        let (first, last) = data::names(self.d);
        data::full_name(first, last).map(Cow::Owned)
    }

    fn source_channel_key(&self) -> Option<Cow<'_, str>> {
        data::source(self.d, self.i, false).1.map(Cow::Owned)
    }

    fn sms_phone(&self) -> Option<Cow<'_, str>> {
        self.phone(0)
    }

    fn whatsapp_phone(&self) -> Option<Cow<'_, str>> {
        self.phone(1)
    }

    fn viber_phone(&self) -> Option<Cow<'_, str>> {
        self.phone(2)
    }

    fn email(&self) -> Option<Cow<'_, str>> {
        data::email(self.d, self.i).map(Cow::Owned)
    }

    fn tags(&self) -> Cow<'_, [&'static TagDef]> {
        Cow::Owned(data::tags(self.d).0)
    }

    fn his_tags(&self) -> Cow<'_, [&'static TagDef]> {
        Cow::Owned(data::tags(self.d).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::data::{origin_ms, Rng};
    use crate::sandbox::query::Query;
    use crate::sandbox::shape::Layout;
    use crate::sandbox::store::{identity, Store};

    fn page(store: &Store, cursor: &str, filters: &str) -> (Vec<i64>, crate::wire::Paging) {
        let body = format!(r#"{{"tenant_id":1,"app_key":"k","limit":50{filters}{cursor}}}"#);
        let (indices, paging) = store.page(&Query::parse(body.as_bytes()).unwrap(), i64::MAX);
        (indices.iter().map(|&i| store.get(i).id).collect(), paging)
    }

    /// Item 4 of issue 26: ten million customers, none made until asked for; a page from the
    /// middle is the customers there, made alone, and the next page follows on.
    #[test]
    fn a_page_from_the_middle_of_ten_million_is_the_customers_there() {
        let n = 10_000_000;
        let population = Population::new(n, 42, 1, &Shape::of(Layout::Burst), origin_ms());
        let store = Store::new(population, origin_ms());
        for i in [1, 17, 3_333_333, 6_000_000, 6_500_000, n - 1] {
            let id = store.get(i).id;
            assert_eq!(store.index_of(id), Some(i));
            let (ids, paging) = page(&store, &format!(r#","after":{id}"#), "");
            let there: Vec<i64> = (i.saturating_sub(50)..i)
                .rev()
                .map(|j| store.get(j).id)
                .collect();
            assert_eq!(ids, there);
            assert!(there.windows(2).all(|w| w[0] > w[1]));
            if let Some(next) = paging.next {
                let (more, _) = page(&store, &format!(r#","after":{next}"#), "");
                assert_eq!(more[0], store.get(i - 51).id);
            }
        }
    }

    /// The same page, reached by a walk from the newest customer, and asked for by its cursor.
    #[test]
    fn a_page_walked_to_equals_the_page_asked_for() {
        let shape = Shape {
            burst: 0.5,
            time_jitter: 600,
            ..Shape::default()
        };
        let store = Store::new(
            Population::new(5000, 9, 1, &shape, origin_ms()),
            origin_ms(),
        );
        let (mut after, mut walked) = (None::<i64>, Vec::new());
        loop {
            let cursor = after
                .map(|a| format!(r#","after":{a}"#))
                .unwrap_or_default();
            let (ids, paging) = page(&store, &cursor, "");
            walked.extend(ids);
            match paging.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let all: Vec<i64> = (0..5000).rev().map(|i| store.get(i).id).collect();
        assert_eq!(walked, all);
        for i in [50, 2500, 4999] {
            let (ids, _) = page(&store, &format!(r#","after":{}"#, all[4999 - i]), "");
            assert_eq!(ids, all[5000 - i..(5050 - i).min(5000)]);
        }
    }

    /// Every filter, drawn field by field for the generated customers, agrees with the filter
    /// applied to the whole customers (a full scan).
    #[test]
    fn filters_agree_with_a_full_scan() {
        for (layout, jitter) in [(Layout::Even, 0), (Layout::Burst, 3600), (Layout::Tail, 0)] {
            let shape = Shape {
                layout,
                time_jitter: jitter,
                ..Shape::default()
            };
            let population = Population::new(1500, 5, 1, &shape, origin_ms());
            let customers: Vec<Customer> = (0..1500).map(|i| population.customer(i)).collect();
            let store = Store::new(population, origin_ms());
            let mut rng = Rng::new(jitter);
            let mut pick = || &customers[rng.below(1500) as usize];
            let (a, b, c) = (pick().clone(), pick().clone(), pick().clone());
            let text = |t: &str| t.replacen('T', " ", 1);
            let (from, to) = match a.created_at < b.created_at {
                true => (&a.created_at, &b.created_at),
                false => (&b.created_at, &a.created_at),
            };
            let quote = |o: &Option<String>| serde_json::to_string(o).unwrap();
            let mut filters = vec![
                format!(
                    r#","start_time":"{}","end_time":"{}""#,
                    text(from),
                    text(to)
                ),
                format!(r#","start_time":"{}""#, text(&c.created_at)),
                format!(r#","end_time":"{}""#, text(&c.created_at)),
                r#","source_type":2"#.to_string(),
                r#","source_type":7,"tags":[{"tag_name":"vip"}]"#.to_string(),
                r#","name":"an""#.to_string(),
                r#","tags":[27237,27240],"tags_logic_type":"and""#.to_string(),
                r#","his_tags":[{"tag_name":"test"}]"#.to_string(),
                r#","email":"user77@example.com""#.to_string(),
                // The README's customer's phone: set, not drawn.
                r#","sms_phone":"8618593272678""#.to_string(),
                r#","viber_phone":"8618593272678","source_type":2"#.to_string(),
            ];
            for x in [&a, &b, &c] {
                filters.push(format!(r#","sms_phone":{}"#, quote(&x.sms_phone)));
                filters.push(format!(r#","whatsApp_phone":{}"#, quote(&x.whatsapp_phone)));
                filters.push(format!(r#","viber_phone":{}"#, quote(&x.viber_phone)));
                filters.push(format!(r#","email":{}"#, quote(&x.email)));
                let key = &x.source_channel_key;
                filters.push(format!(r#","source_channel_key":{}"#, quote(key)));
            }
            for f in &filters {
                let q = Query::parse(format!(r#"{{"tenant_id":1,"app_key":"k"{f}}}"#).as_bytes());
                let q = q.unwrap();
                let scan = customers.iter().rev().filter(|c| q.matches(*c));
                let scan: Vec<i64> = scan.map(|c| c.id).collect();
                let (mut after, mut walked) = (None::<i64>, Vec::new());
                loop {
                    let cursor = after
                        .map(|a| format!(r#","after":{a}"#))
                        .unwrap_or_default();
                    let (ids, paging) = page(&store, &cursor, f);
                    walked.extend(ids);
                    match paging.next {
                        Some(next) => after = Some(next),
                        None => break,
                    }
                }
                assert_eq!(walked, scan, "{layout:?} {f}");
            }
        }
    }

    /// batch_create finds every generated customer by each identity key it holds, without an
    /// index of them, and no customer by a key it does not hold.
    #[test]
    fn every_identity_key_leads_back_to_its_customer() {
        let population = Population::new(2000, 3, 1, &Shape::default(), origin_ms());
        let store = Store::new(population, origin_ms());
        let mut found = [0; 6];
        for i in 0..2000 {
            let c = store.get(i).into_owned();
            for (key, value) in identity(&c).into_iter().enumerate() {
                let mut keys = [None; 6];
                keys[key] = value;
                assert_eq!(store.existing(&keys), value.map(|_| i), "{i} {key}");
                found[key] += usize::from(value.is_some());
            }
        }
        assert!(found.iter().all(|&n| n > 100), "{found:?}");
        let stranger = "user2000@example.com".to_string();
        assert_eq!(
            store.existing(&[None, None, Some(&stranger), None, None, None]),
            None
        );
    }
}
