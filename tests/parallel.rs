//! `--parallel N`: windows that tile the time range, every customer once, and `--sorted` order.

mod common;

use common::{ids_of_jsonl, query, run_ok, sandbox_ids, Sandbox, TempDir};
use nxcdp::paginator::Event;
use std::collections::HashSet;

#[test]
fn parallel_returns_everyone_once_and_sorted_keeps_the_order() {
    let sb = Sandbox::start(&["--customers", "2000", "--seed", "12"]);
    let all = |extra: &[&str]| query(&sb, &[&["--all", "-o", "jsonl"], extra].concat());
    let sequential = all(&[]);
    let sorted = all(&["--parallel", "6", "--sorted"]);
    assert_eq!(sorted, sequential);
    let unsorted = ids_of_jsonl(&all(&["--parallel", "6"]));
    let expected = ids_of_jsonl(&sequential);
    assert_eq!(unsorted.len(), expected.len());
    assert_eq!(
        unsorted.iter().collect::<HashSet<_>>(),
        expected.iter().collect::<HashSet<_>>()
    );
    // With filters and a user's time range, too.
    let data = nxcdp::sandbox::data::generate(2000, 12, 1);
    let (start, end) = (
        data[1500].created_at.as_str(),
        data[500].created_at.as_str(),
    );
    let filters = [
        "--tag",
        "vip",
        "--start-time",
        &start.replace('T', " "),
        "--end-time",
        &end.replace('T', " "),
    ];
    let filtered = all(&filters);
    let parallel = all(&[&filters[..], &["--parallel", "5", "--sorted"]].concat());
    assert!(!filtered.is_empty());
    assert_eq!(parallel, filtered);
}

#[test]
fn parallel_export_writes_every_customer_once() {
    let sb = Sandbox::start(&["--customers", "900", "--seed", "13"]);
    let dir = TempDir::new();
    let path = dir.join("customers.jsonl");
    run_ok(sb.nxcdp().args([
        "customers",
        "export",
        "-o",
        "jsonl",
        "--parallel",
        "4",
        "--file",
        path.to_str().unwrap(),
    ]));
    let mut got = ids_of_jsonl(&std::fs::read_to_string(&path).unwrap());
    got.sort();
    let mut expected = sandbox_ids(900, 13);
    expected.sort();
    assert_eq!(got, expected);
}

/// What always holds, whatever the threads do: the plan cuts the ids into half as many windows
/// as workers, every window announced is walked, every customer comes once, and the windows tile
/// the ids. How many windows there are in the end depends on which thread runs when: not
/// asserted.
#[test]
fn splits_spread_the_work_and_the_windows_tile_the_ids() {
    let config = nxcdp::sandbox::Config {
        customers: 1000,
        ..Default::default()
    };
    let (runtime, client, walk, plan) = common::planned(config, 4);
    let data = nxcdp::sandbox::data::generate(1000, nxcdp::sandbox::DEFAULT_SEED, 1);
    assert_eq!(plan.windows.len(), 2, "two windows for four workers");
    assert_eq!(plan.windows[0].below, None, "the first holds the newest");
    assert_eq!(plan.windows[1].above, None, "the last holds the oldest");
    // By number: a split while other pages are being written may be announced out of turn.
    let mut windows: std::collections::BTreeMap<usize, nxcdp::parallel::Window> =
        plan.windows.clone().into_iter().enumerate().collect();
    let mut events = nxcdp::parallel::spawn(client, walk, plan, 4, false, runtime.handle());
    let mut per_window = std::collections::HashMap::<usize, usize>::new();
    let mut ids = Vec::new();
    while let Some(event) = events.blocking_recv() {
        match event.unwrap() {
            Event::Page {
                window, customers, ..
            } => {
                *per_window.entry(window).or_default() += customers.len();
                ids.extend(customers.iter().map(|c| nxcdp::customer::id(c).unwrap()));
            }
            Event::Split(split) => {
                let from = windows
                    .get_mut(&split.from)
                    .expect("a window split is known");
                let older = nxcdp::parallel::Window {
                    below: Some(split.at),
                    above: from.above.replace(split.at - 1),
                    ..from.clone()
                };
                assert!(
                    windows.insert(split.window, older).is_none(),
                    "a new number"
                );
            }
            Event::More(_) => {}
        }
    }
    assert!(
        per_window.keys().all(|w| windows.contains_key(w)),
        "every page of a window announced"
    );
    assert_eq!(ids.len(), 1000);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 1000, "each once");
    let holds = |w: &nxcdp::parallel::Window, id: i64| {
        w.above.is_none_or(|a| id > a) && w.below.is_none_or(|b| id < b)
    };
    assert!(
        data.iter()
            .all(|c| windows.values().filter(|w| holds(w, c.id)).count() == 1),
        "the windows tile the ids"
    );
}

#[test]
fn parallel_needs_all_and_no_cursor() {
    let sb = Sandbox::start(&["--customers", "5"]);
    for args in [
        vec!["--parallel", "4"],
        vec!["--all", "--parallel", "4", "--after", "5"],
        vec!["--all", "--sorted"],
    ] {
        let out = sb
            .nxcdp()
            .args(["customers", "query"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_parallel_export_resumes_each_window_from_its_cursor() {
    let expected: HashSet<String> = sandbox_ids(1200, 14).into_iter().collect();
    let dir = TempDir::new();
    let path = dir.join("customers.jsonl");
    let partial = format!("{}.partial", path.display());
    let export = |sb: &Sandbox, extra: &[&str]| {
        common::export(sb, &path, &[&["-o", "jsonl"], extra].concat())
    };
    // Two probes and ten pages, then garbage: the windows stop part-way.
    let data = ["--customers", "1200", "--seed", "14"];
    let failing =
        Sandbox::start(&[&data[..], &["--garbage", "text", "--garbage-after", "12"]].concat());
    let out = export(&failing, &["--parallel", "4"]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(" windows, each with its cursors"),
        "{stderr}"
    );
    let saved = ids_of_jsonl(&std::fs::read_to_string(&partial).unwrap()).len();
    assert!(saved > 0 && saved < 1200, "{saved}");
    // The same server, healthy again.
    let healthy = failing.restart(&data);
    let out = export(&healthy, &["--parallel", "4", "--resume"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = ids_of_jsonl(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(got.len(), 1200, "no customer twice");
    assert_eq!(got.into_iter().collect::<HashSet<_>>(), expected);
}
