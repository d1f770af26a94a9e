//! A tenant on loopback whose customers the test adds one by one, with Snowflake-like ids made
//! from this machine's clock, and ids it shows on top of them that no real tenant would: an id
//! from the future. It pages as the API does, `after` and `before` alike.
#![allow(dead_code)]

use crate::common::evil::{Evil, Reply};
use crate::common::Scrubbed;
use std::sync::{Arc, Mutex};

/// The ids' epoch: any will do, the watch never knows it.
const EPOCH_MS: i64 = 1_700_000_000_000;

/// The smallest id made at `ms` on this machine's clock (Unix milliseconds).
pub fn id_at(ms: i64) -> i64 {
    (ms - EPOCH_MS) << 22
}

/// An HTTP date (whole seconds, GMT) of Unix milliseconds.
fn http_date(ms: i64) -> String {
    let at = jiff::Timestamp::from_millisecond(ms).unwrap();
    at.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.unwrap().as_millis() as i64
}

#[derive(Default)]
struct State {
    /// The customers, oldest first.
    ids: Vec<i64>,
    /// Shown on every page as if they were customers, without being kept.
    shown: Vec<i64>,
    /// Its clock against this machine's: the ids it makes and its `Date`.
    skew_ms: i64,
    /// Its `Date` alone moved by this too (a proxy that rewrites it): not its ids.
    date_skew_ms: i64,
}

pub struct Tenant {
    pub evil: Evil,
    state: Arc<Mutex<State>>,
}

impl Tenant {
    /// A tenant whose customers were made `ages_ms` ago.
    pub fn start(ages_ms: &[i64]) -> Tenant {
        let state = Arc::new(Mutex::new(State::default()));
        let served = state.clone();
        let evil = Evil::start(move |r| {
            if r.path.contains("/fields") {
                return Reply::data("[]");
            }
            let state = served.lock().unwrap();
            let mut ids: Vec<i64> = state.ids.iter().chain(&state.shown).copied().collect();
            ids.sort_unstable_by(|a, b| b.cmp(a));
            ids.dedup();
            let date = now_ms() + state.skew_ms + state.date_skew_ms;
            page(
                &ids,
                r.cursor("after"),
                r.cursor("before"),
                r.body["limit"].as_u64(),
            )
            .header("Date", http_date(date).as_bytes())
        });
        let tenant = Tenant { evil, state };
        let now = now_ms();
        let mut ages = ages_ms.to_vec();
        ages.sort_unstable_by(|a, b| b.cmp(a));
        for age in ages {
            tenant.add(id_at(now - age));
        }
        tenant
    }

    fn add(&self, at_least: i64) -> i64 {
        let mut state = self.state.lock().unwrap();
        let above = state.ids.last().map_or(0, |last| last + 1);
        let id = at_least.max(above);
        state.ids.push(id);
        id
    }

    /// A customer made now, on the tenant's clock; its id. Behind a clock that was set back, it
    /// goes among the customers made before, at its place.
    pub fn arrive(&self) -> i64 {
        let at = id_at(now_ms() + self.state.lock().unwrap().skew_ms);
        let mut state = self.state.lock().unwrap();
        if state.ids.last().is_none_or(|&last| last < at) {
            drop(state);
            return self.add(at);
        }
        let mut id = at;
        while state.ids.binary_search(&id).is_ok() {
            id += 1;
        }
        let place = state.ids.binary_search(&id).unwrap_err();
        state.ids.insert(place, id);
        id
    }

    /// Sets the tenant's clock `skew_ms` off this machine's: its new customers' ids and its
    /// `Date` (and, with `date_only`, its `Date` alone, as a proxy that rewrites it would).
    pub fn set_clock(&self, skew_ms: i64, date_only: bool) {
        let mut state = self.state.lock().unwrap();
        match date_only {
            true => state.date_skew_ms = skew_ms,
            false => state.skew_ms = skew_ms,
        }
    }

    /// Shows `ids` on top of the customers from now on (none: stops showing them).
    pub fn show(&self, ids: &[i64]) {
        self.state.lock().unwrap().shown = ids.to_vec();
    }

    pub fn nxcdp(&self) -> Scrubbed<assert_cmd::Command> {
        self.evil.nxcdp()
    }
}

/// A page of `ids` (newest first) as the API answers one: `after` the page older than it,
/// `before` the page newer than it (still newest first), else the newest.
fn page(ids: &[i64], after: Option<i64>, before: Option<i64>, limit: Option<u64>) -> Reply {
    let limit = limit.unwrap_or(20) as usize;
    let selected: Vec<i64> = match (after, before) {
        (Some(after), _) => ids
            .iter()
            .copied()
            .filter(|&i| i < after)
            .take(limit)
            .collect(),
        (None, Some(before)) => {
            let mut newer: Vec<i64> = ids.iter().copied().filter(|&i| i > before).collect();
            newer.reverse();
            newer.truncate(limit);
            newer.reverse();
            newer
        }
        (None, None) => ids.iter().copied().take(limit).collect(),
    };
    let cursor = |id: Option<&i64>, more: bool| match (id, more) {
        (Some(id), true) => id.to_string(),
        _ => "null".into(),
    };
    let older = selected
        .last()
        .is_some_and(|last| ids.iter().any(|i| i < last));
    let newer = selected
        .first()
        .is_some_and(|first| ids.iter().any(|i| i > first));
    let paging = format!(
        r#"{{"next":{},"previous":{}}}"#,
        cursor(selected.last(), older),
        cursor(selected.first(), newer)
    );
    Reply::page(&paging, &selected)
}
