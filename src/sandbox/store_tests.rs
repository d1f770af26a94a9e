//! Tests of `store.rs`.

use super::*;
use crate::sandbox::data::{origin_ms, Population, Rng};
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
        let store = Store::new(Population::new(600, 3, 1, &shape, origin_ms()), origin_ms());
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
    let data = Population::new(300, 4, 1, &Shape::default(), origin_ms());
    let template = data.customer(299);
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

/// A name no generated customer can have looks only at the customers batch_create added or
/// changed and the planted ones, and finds them; a name one may have still looks at all.
#[test]
fn a_name_no_generated_customer_has_finds_those_added() {
    assert!(!a_name_may_hold("zzyzx"));
    assert!(a_name_may_hold("a"));
    let data = Population::new(300, 4, 1, &Shape::default(), origin_ms());
    let template = data.customer(299);
    let mut store = Store::new(data, origin_ms());
    let mut zzyzx = template.clone();
    zzyzx.full_name = Some("Ann Zzyzx".into());
    zzyzx.id = store.next_id(0, 0);
    let id = zzyzx.id;
    store.push(zzyzx, 0);
    assert_eq!(walk(&store, r#","name":"zzyzx""#), [id]);
    assert_eq!(walk(&store, r#","name":"zzyzy""#), Vec::<i64>::new());
    let named = |name: &str| {
        let name = name.to_lowercase();
        newest_first(&store, |c| {
            c.full_name
                .as_ref()
                .is_some_and(|f| f.to_lowercase().contains(&name))
        })
    };
    assert_eq!(walk(&store, r#","name":"a""#), named("a"));
    assert!(named("a").len() > 100);
}
