//! `customers watch` against a sandbox where customers arrive while it runs, 30% of them visible
//! only 1 to 4 s after customers with larger ids. What the watch printed is compared with the
//! sandbox's `--log` of what it created. Nothing here waits for a time: each wait is for a line
//! in the log or on the watch's output.

mod common;

mod watching;

use common::{Sandbox, TempDir};
use std::collections::HashSet;
use std::path::Path;
use watching::log::{Created, Log};
use watching::Running;

/// A watch's options in these tests: JSON lines, polls five times a second.
const WATCH: [&str; 4] = ["-o", "jsonl", "--interval", "200ms"];

fn arrivals(dir: &TempDir) -> (Sandbox, Log) {
    let log = dir.join("created.log");
    let sb = Sandbox::start(&[
        "--arrivals",
        "20",
        "--late",
        "0.3",
        "--log",
        log.to_str().unwrap(),
    ]);
    (sb, Log::at(log))
}

/// Each id printed at most once, each one a customer the sandbox created.
fn assert_once(printed: &[i64], created: &[Created]) {
    let mut seen = HashSet::new();
    let twice: Vec<&i64> = printed.iter().filter(|id| !seen.insert(**id)).collect();
    assert!(twice.is_empty(), "printed twice: {twice:?}");
    let known: HashSet<i64> = created.iter().map(|c| c.id).collect();
    let unknown: Vec<&i64> = printed.iter().filter(|id| !known.contains(id)).collect();
    assert!(unknown.is_empty(), "printed but never created: {unknown:?}");
}

fn all_printed(due: &[Created]) -> impl Fn(&[i64]) -> bool + '_ {
    move |printed| {
        let printed: HashSet<&i64> = printed.iter().collect();
        due.iter().all(|c| printed.contains(&c.id))
    }
}

#[test]
fn a_watch_prints_every_arrival_exactly_once_late_ones_included() {
    let dir = TempDir::new();
    let (sb, log) = arrivals(&dir);
    let mut watch = Running::start(&sb, &WATCH);
    watch.wait_watching();
    // Created after the watch's first walk: each must be printed.
    let from = log.read().len();
    let due = log.wait(|c| c.len() >= from + 60)[from..from + 60].to_vec();
    assert!(due.iter().any(|c| c.late), "some arrive late");
    watch.wait_printed(all_printed(&due));
    let printed = watch.stop();
    assert_once(&printed, &log.read());
}

#[test]
fn five_once_runs_print_every_arrival_once_across_the_runs() {
    let dir = TempDir::new();
    let (sb, log) = arrivals(&dir);
    let bookmark = dir.join("b");
    let once = || watching::once(&sb, &bookmark).0;
    assert_eq!(once(), Vec::<i64>::new(), "the first run prints nothing");
    let from = log.read().len();
    let mut printed = Vec::new();
    let mut due = Vec::new();
    for run in 0..4 {
        // Customers arrive between two runs; before the last, every one due is visible.
        let seen = log.read().len();
        let created = log.wait(|c| c.len() >= seen + 40);
        if run == 3 {
            due = created[from..].to_vec();
            log.wait_visible(&due);
        }
        printed.extend(once());
    }
    assert!(due.iter().any(|c| c.late), "some arrive late");
    assert!(all_printed(&due)(&printed), "a customer was lost");
    assert_once(&printed, &log.read());
}

#[test]
fn a_killed_watch_resumes_from_its_bookmark_with_no_customer_lost() {
    let dir = TempDir::new();
    let (sb, log) = arrivals(&dir);
    let bookmark = dir.join("b.json");
    let args = [&WATCH[..], &["--bookmark", bookmark.to_str().unwrap()]].concat();
    let mut first = Running::start(&sb, &args);
    first.wait_watching();
    let from = log.read().len();
    first.wait_printed(|p| p.len() >= 20);
    let before = first.kill();
    let due = log.read()[from..].to_vec();
    let mut second = Running::start(&sb, &args);
    second.wait_watching();
    second.wait_printed(|p| all_printed(&due)(&[&before[..], p].concat()));
    let after = second.stop();
    let created = log.read();
    assert_once(&before, &created);
    assert_once(&after, &created);
    // At least once: the page printed but not yet saved when the kill came, at most.
    let again: HashSet<&i64> = before.iter().collect();
    let twice = after.iter().filter(|id| again.contains(id)).count();
    assert!(twice <= 50, "{twice} printed again");
}

/// The ids of the whole lines of a JSON lines file.
fn ids_in(file: &Path) -> Vec<i64> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let whole = text.rfind('\n').map_or("", |end| &text[..=end]);
    let ids = common::ids_of_jsonl(whole);
    ids.iter().map(|id| id.parse().unwrap()).collect()
}

/// Waits until `enough` holds of the ids in `file`.
fn wait_file(file: &Path, enough: impl Fn(&[i64]) -> bool) {
    common::wait_until("customers in the file", || enough(&ids_in(file)));
}

#[test]
fn with_a_file_a_killed_watch_leaves_each_customer_in_it_exactly_once() {
    let dir = TempDir::new();
    let (sb, log) = arrivals(&dir);
    let (bookmark, file) = (dir.join("b.json"), dir.join("new.jsonl"));
    let paths = [bookmark.to_str().unwrap(), file.to_str().unwrap()];
    let args = [&WATCH[..], &["--bookmark", paths[0], "--file", paths[1]]].concat();
    let mut first = Running::start(&sb, &args);
    first.wait_watching();
    let from = log.read().len();
    wait_file(&file, |ids| ids.len() >= 20);
    first.kill();
    let due = log.read()[from..].to_vec();
    let mut second = Running::start(&sb, &args);
    second.wait_watching();
    wait_file(&file, all_printed(&due));
    assert!(second.stop().is_empty(), "nothing on stdout");
    assert_once(&ids_in(&file), &log.read());
}
