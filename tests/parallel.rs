//! `--parallel N`: windows that tile the time range, every customer once, and `--sorted` order.

mod common;

use common::{ids_of_jsonl, query, run_ok, sandbox_ids, Sandbox, TempDir};
use nxcdp::paginator::{Cursor, Event};
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

/// What always holds, whatever the threads do: the first page of the one window is split for the
/// workers that have no window yet (whether they are already waiting or not yet started), every
/// window announced is walked, every customer comes once, and the windows tile the range. How
/// many windows there are in the end depends on which thread runs when: not asserted.
#[test]
fn splits_spread_the_work_and_the_windows_tile_the_range() {
    let config = nxcdp::sandbox::Config {
        customers: 1000,
        ..Default::default()
    };
    let (runtime, client, walk, plan) = common::planned(config);
    let data = nxcdp::sandbox::data::generate(1000, nxcdp::sandbox::DEFAULT_SEED, 1);
    let oldest = data
        .iter()
        .map(|c| c.created_at.replace('T', " "))
        .min()
        .unwrap();
    assert_eq!(plan.floor.unwrap().to_string().replace('T', " "), oldest);
    assert_eq!(plan.windows.len(), 1, "one open window to start with");
    // By number: a split while other pages are being written may be announced out of turn.
    let mut windows: std::collections::BTreeMap<usize, nxcdp::parallel::Window> =
        plan.windows.clone().into_iter().enumerate().collect();
    let mut events = nxcdp::parallel::spawn(client, walk, plan, 4, false, runtime.handle());
    let mut per_window = std::collections::HashMap::<usize, usize>::new();
    let mut ids = Vec::new();
    let mut first_split_after = None;
    while let Some(event) = events.blocking_recv() {
        match event.unwrap() {
            Event::Page { window, customers } => {
                *per_window.entry(window).or_default() += customers.len();
                ids.extend(customers.iter().map(|c| nxcdp::customer::id(c).unwrap()));
            }
            Event::Split(split) => {
                let from = windows
                    .get_mut(&split.from)
                    .expect("a window split is known");
                let older = nxcdp::parallel::Window {
                    start: from.start.replace(split.at.clone()),
                    end: Some(split.at.clone()),
                    cursor: Cursor::After(split.cursor),
                };
                assert!(
                    windows.insert(split.window, older).is_none(),
                    "a new number"
                );
                first_split_after.get_or_insert(ids.len());
            }
            Event::More(_) => {}
        }
    }
    assert_eq!(
        first_split_after,
        Some(50),
        "the first page of 50 is split for the three workers without a window"
    );
    assert_eq!(
        per_window.len(),
        windows.len(),
        "every window announced is walked"
    );
    assert_eq!(ids.len(), 1000);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 1000, "each once");
    let in_window = |w: &nxcdp::parallel::Window, created: &str| {
        let created = created.replace('T', " ");
        w.start.as_ref().is_none_or(|s| created >= *s)
            && w.end.as_ref().is_none_or(|e| created < *e)
    };
    assert!(
        data.iter().all(|c| windows
            .values()
            .filter(|w| in_window(w, &c.created_at))
            .count()
            == 1),
        "the windows tile the range"
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
        stderr.contains(" time windows, each with its cursor"),
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
