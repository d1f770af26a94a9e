//! `customers watch` and customer ids from the future (a server whose clock jumped, or a hostile
//! one): such an id is printed, once, with a warning, and the watch goes on printing every
//! customer that arrives after it. Each run is a `--once` with a bookmark against a tenant the
//! test grows between runs; nothing waits for a time.

mod common;
mod watching;

use common::{stderr_of, TempDir};
use watching::tenant::{id_at, now_ms, Tenant};

const HOUR_MS: i64 = 3_600_000;

/// One `--once` run of the bookmark in `dir`: the ids printed and stderr.
fn once(tenant: &Tenant, dir: &TempDir) -> (Vec<i64>, String) {
    let out = tenant
        .nxcdp()
        .args(["customers", "watch", "--once", "-o", "jsonl", "--bookmark"])
        .arg(dir.join("b.json"))
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let ids = common::ids_of_jsonl(&String::from_utf8(out.stdout).unwrap());
    (ids.iter().map(|id| id.parse().unwrap()).collect(), stderr)
}

fn arrivals(tenant: &Tenant, count: usize) -> Vec<i64> {
    (0..count).map(|_| tenant.arrive()).collect()
}

#[test]
fn an_id_from_the_future_is_printed_once_and_the_customers_after_it_are_not_lost() {
    // An hour ahead and seen by one run only (as in the attack), or the largest id there is and
    // there for good.
    for (future, stays) in [(id_at(now_ms() + HOUR_MS), false), (i64::MAX, true)] {
        let tenant = Tenant::start(&[30_000, 20_000, 10_000]);
        let dir = TempDir::new();
        assert_eq!(once(&tenant, &dir).0, Vec::<i64>::new(), "the first run");
        let mut due = arrivals(&tenant, 3);
        assert_eq!(once(&tenant, &dir).0, due);

        tenant.show(&[future]);
        due = arrivals(&tenant, 2);
        due.push(future);
        let (printed, stderr) = once(&tenant, &dir);
        assert_eq!(printed, due, "{stderr}");
        assert!(stderr.contains("from the future"), "{stderr}");
        assert!(stderr.contains(&future.to_string()), "{stderr}");

        if !stays {
            tenant.show(&[]);
        }
        for run in 0..3 {
            due = arrivals(&tenant, 2);
            let (printed, stderr) = once(&tenant, &dir);
            assert_eq!(printed, due, "run {run} after the future id: {stderr}");
            assert!(!stderr.contains("from the future"), "warned once: {stderr}");
        }
    }
}

#[test]
fn a_first_walk_topped_by_an_id_from_the_future_does_not_set_the_clock() {
    let tenant = Tenant::start(&[30_000, 20_000, 10_000]);
    tenant.show(&[i64::MAX]);
    let dir = TempDir::new();
    assert_eq!(once(&tenant, &dir).0, Vec::<i64>::new(), "the first run");
    for run in 0..3 {
        let due = arrivals(&tenant, 2);
        let (printed, stderr) = once(&tenant, &dir);
        assert_eq!(printed, due, "run {run}: {stderr}");
    }
}

/// Puts an id from the future into the bookmark in `dir` as an nxcdp before the rule did: its
/// high-water mark, its clock and the mark of its last poll. `legacy`: as version 1 wrote it,
/// with no ceiling.
fn poison(dir: &TempDir, future: i64, legacy: bool) {
    let path = dir.join("b.json");
    let mut saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let memory = &mut saved["memory"];
    memory["high"] = future.into();
    memory["clock_ms"] = (future >> 22).into();
    memory["mark_ms"] = (future >> 22).into();
    memory["seen"].as_array_mut().unwrap().push(future.into());
    if legacy {
        memory.as_object_mut().unwrap().remove("ceiling_ms");
        saved["nxcdp_watch_bookmark"] = 1.into();
    }
    std::fs::write(&path, serde_json::to_vec(&saved).unwrap()).unwrap();
}

#[test]
fn a_bookmark_whose_clock_an_id_from_the_future_moved_is_taken_back() {
    for legacy in [false, true] {
        let tenant = Tenant::start(&[30_000, 20_000, 10_000]);
        let dir = TempDir::new();
        once(&tenant, &dir);
        let due = arrivals(&tenant, 3);
        assert_eq!(once(&tenant, &dir).0, due);
        poison(&dir, i64::MAX, legacy);
        let due = arrivals(&tenant, 2);
        let (printed, stderr) = once(&tenant, &dir);
        assert_eq!(printed, due, "legacy {legacy}: {stderr}");
        assert!(
            stderr.contains("rested its clock on customer 9223372036854775807"),
            "{stderr}"
        );
        let due = arrivals(&tenant, 2);
        let (printed, stderr) = once(&tenant, &dir);
        assert_eq!(printed, due, "legacy {legacy}: {stderr}");
        assert!(!stderr.contains("rested its clock"), "once: {stderr}");
    }
}
