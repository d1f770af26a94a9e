//! Customers that arrive while the sandbox runs (API.md section 9): `--arrivals` with ids and
//! `created_at` of the moment, `--arrival-burst`, `--late` customers that queries see only after
//! customers with larger ids, and `--log`, read while the sandbox runs. Visibility is judged
//! against the clock read around each query, never against a sleep.

mod common;

use common::{Sandbox, TempDir};
use nxcdp::sandbox::data::{origin_ms, ID_BASE};
use nxcdp::wire::now_ms;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The whole lines of the log so far (a line being written is left for the next read).
fn log_lines(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    let whole = &text[..text.rfind('\n').map_or(0, |i| i + 1)];
    whole
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Reads the log until its lines satisfy `done`; panics after a minute.
fn wait_for(path: &Path, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let lines = log_lines(path);
        if done(&lines) {
            return lines;
        }
        assert!(
            Instant::now() < deadline,
            "the log never got there: {lines:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A sandbox started with ARGS and `--log` to a file in `dir`, and that file.
fn logged(dir: &TempDir, args: &[&str]) -> (Sandbox, PathBuf) {
    let log = dir.join("created.jsonl");
    let sb = Sandbox::start(&[args, &["--log", log.to_str().unwrap()]].concat());
    (sb, log)
}

fn int(v: &Value, key: &str) -> i64 {
    v[key].as_i64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// The ids a query of the last hour returns, and the clock just before and just after it.
fn recent_ids(sb: &Sandbox) -> (i64, HashSet<i64>, i64) {
    let before = now_ms();
    let out = common::run_ok(sb.nxcdp().env("TZ", "UTC").args([
        "customers",
        "query",
        "--since",
        "1h",
        "--all",
        "--jq",
        ".id",
    ]));
    let after = now_ms();
    (
        before,
        out.lines().map(|l| l.parse().unwrap()).collect(),
        after,
    )
}

#[test]
fn arrivals_have_ids_of_the_moment_and_late_ones_show_after_larger_ids() {
    let dir = TempDir::new();
    let (sb, log) = logged(
        &dir,
        &["--customers", "100", "--arrivals", "40", "--late", "0.3"],
    );
    let newest_generated: i64 = common::sandbox_ids(100, 42)[0].parse().unwrap();
    let lines = wait_for(&log, |lines| lines.len() >= 100);
    let late = lines.iter().take(100).filter(|l| l["late"] == true).count();
    // Drawn from the seed: the same share at every run.
    assert!((15..=45).contains(&late), "{late} of 100 late");
    let mut previous = newest_generated;
    for line in &lines {
        let (id, created, visible) = (
            int(line, "id"),
            int(line, "created_ms"),
            int(line, "visible_ms"),
        );
        assert!(id > previous, "ids grow in the order of creation: {line}");
        previous = id;
        assert_eq!(line["by"], "arrivals");
        // Of the moment: the id's milliseconds are its creation's (one more when the low bits
        // of several in a millisecond carried).
        let since_origin = (id - ID_BASE) >> 22;
        assert!(
            (0..=1).contains(&(since_origin - (created - origin_ms()))),
            "{line}"
        );
        let at = jiff::Timestamp::from_millisecond(created).unwrap();
        assert_eq!(
            line["created_at"],
            at.strftime("%Y-%m-%dT%H:%M:%S").to_string()
        );
        match line["late"].as_bool().unwrap() {
            true => assert!((1000..=4000).contains(&(visible - created)), "{line}"),
            false => assert_eq!(visible, created),
        }
    }

    // Queries see what the log says is visible, and nothing it says is not yet: a late customer
    // is missing while customers with larger ids are there. Customers that turned visible while
    // a query ran prove nothing either way.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen_late_gap = false;
    while !seen_late_gap {
        assert!(
            Instant::now() < deadline,
            "never saw a late customer missing"
        );
        let (before, ids, after) = recent_ids(&sb);
        let logged = log_lines(&log);
        let logged_ids: HashSet<i64> = logged.iter().map(|l| int(l, "id")).collect();
        let new: Vec<&i64> = ids.iter().filter(|&&id| id > newest_generated).collect();
        assert!(
            new.iter().all(|id| logged_ids.contains(id)),
            "every customer a query sees was logged before it was visible"
        );
        for line in &logged {
            let (id, visible) = (int(line, "id"), int(line, "visible_ms"));
            if visible <= before {
                assert!(
                    ids.contains(&id),
                    "visible since {visible}, queried at {before}: {line}"
                );
            }
            if visible > after {
                assert!(
                    !ids.contains(&id),
                    "visible only at {visible}, seen by {after}: {line}"
                );
                seen_late_gap |= ids.iter().any(|&other| other > id);
            }
        }
    }
}

#[test]
fn bursts_create_many_at_once_with_consecutive_ids() {
    let dir = TempDir::new();
    let (sb, log) = logged(&dir, &["--customers", "10", "--arrival-burst", "5"]);
    let lines = wait_for(&log, |lines| lines.len() >= 10);
    for burst in lines.chunks(5).take(2) {
        assert!(burst
            .iter()
            .all(|l| l["by"] == "arrival-burst" && l["late"] == false));
        let created = int(&burst[0], "created_ms");
        assert!(
            burst.iter().all(|l| int(l, "created_ms") == created),
            "{burst:?}"
        );
        let ids: Vec<i64> = burst.iter().map(|l| int(l, "id")).collect();
        assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "{ids:?}");
        let texts: Vec<String> = ids.iter().map(i64::to_string).collect();
        let out = common::run_ok(
            sb.nxcdp()
                .args(["customers", "get", "--jq", ".source_type"])
                .args(&texts),
        );
        assert_eq!(out, "2\n".repeat(5), "a burst is a bulk import");
    }
    assert_ne!(int(&lines[0], "created_ms"), int(&lines[5], "created_ms"));
}

#[test]
fn created_customers_are_logged_and_late_ones_appear_only_when_visible() {
    let dir = TempDir::new();
    let (sb, log) = logged(&dir, &["--customers", "10", "--late", "1"]);
    let body = r#"{"type":1,"tenant_id":1,"app_key":"sandbox","customers":[{"full_name":"Late Lee","email":"late@example.com"}]}"#;
    let out = sb
        .nxcdp()
        .args(["api", nxcdp::wire::BATCH_CREATE_PATH, "--input", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr_of(&out));
    let lines = log_lines(&log);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let line = &lines[0];
    assert_eq!(
        (&line["by"], &line["late"]),
        (&"batch_create".into(), &true.into())
    );
    let (id, visible) = (int(line, "id"), int(line, "visible_ms"));
    assert!(visible - int(line, "created_ms") >= 1000);
    // Asked for until it is there: never before the log said, and then with its data.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let before = now_ms();
        let out = sb
            .nxcdp()
            .args([
                "customers",
                "query",
                "--email",
                "late@example.com",
                "--jq",
                ".id",
            ])
            .output()
            .unwrap();
        let after = now_ms();
        let printed = String::from_utf8(out.stdout).unwrap();
        if after < visible {
            assert_eq!(
                printed, "",
                "not visible before {visible}, queried by {after}"
            );
        }
        if !printed.is_empty() {
            assert!(before >= visible || after >= visible);
            assert_eq!(printed.trim(), id.to_string());
            break;
        }
        assert!(Instant::now() < deadline, "never became visible");
        std::thread::sleep(Duration::from_millis(50));
    }
}
