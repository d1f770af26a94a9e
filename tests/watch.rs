//! `nxcdp customers watch` end to end, against `nxcdp sandbox`: bookmarks, `--file`, refusals,
//! signals, failures waited out. Every wait is for an event (a line, a file, an exit).

mod common;
mod watching;

use common::{assert_stderr_has, nxcdp_offline, posts, run_ok, stderr_of, Sandbox, TempDir};
use std::path::Path;
use watching::Running;

fn watch(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.nxcdp()
        .args(["customers", "watch"])
        .args(args)
        .output()
        .unwrap()
}

fn ids(jsonl: &str) -> Vec<i64> {
    common::ids_of_jsonl(jsonl)
        .iter()
        .map(|id| id.parse().unwrap())
        .collect()
}

fn text(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

#[test]
fn the_first_run_of_a_bookmark_prints_nothing_and_an_idle_poll_costs_one_request() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let bookmark = text(&dir.join("new.bookmark"));
    let args = ["--once", "--bookmark", &bookmark, "-o", "jsonl", "-v"];
    let first = watch(&sb, &args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    assert!(first.stdout.is_empty());
    assert!(dir.join("new.bookmark").is_file());
    for _ in 0..2 {
        let again = watch(&sb, &args);
        assert_eq!(again.status.code(), Some(0), "{}", stderr_of(&again));
        assert!(again.stdout.is_empty(), "nothing new");
        assert_eq!(posts(&stderr_of(&again)), 1, "{}", stderr_of(&again));
    }
}

#[test]
fn since_prints_the_customers_it_asks_for_oldest_first_then_nothing_twice() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let bookmark = text(&dir.join("b"));
    let args = [
        "--once",
        "--bookmark",
        &bookmark,
        "-o",
        "jsonl",
        "--since",
        "500d",
    ];
    let printed = ids(&run_ok(sb.nxcdp().args(["customers", "watch"]).args(args)));
    let mut expected = ids(&common::query(
        &sb,
        &["--since", "500d", "--all", "-o", "jsonl"],
    ));
    expected.reverse();
    assert!(expected.len() > 100);
    assert_eq!(printed, expected);
    // The bookmark exists: --since no longer applies, and nothing is new.
    assert_eq!(
        run_ok(sb.nxcdp().args(["customers", "watch"]).args(args)),
        ""
    );
}

#[test]
fn a_bookmark_is_refused_for_other_filters_or_another_server() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let bookmark = text(&dir.join("b.json"));
    run_ok(
        sb.nxcdp()
            .args(["customers", "watch", "--once", "--bookmark", &bookmark]),
    );
    let saved = std::fs::read(&bookmark).unwrap();
    let other = watch(&sb, &["--once", "--bookmark", &bookmark, "--tag", "vip"]);
    assert_eq!(other.status.code(), Some(2));
    assert_stderr_has(&other, "made with other filters: --tag/--tag-id none");
    let elsewhere = Sandbox::start(&[]);
    let moved = watch(&elsewhere, &["--once", "--bookmark", &bookmark]);
    assert_eq!(moved.status.code(), Some(2));
    assert_stderr_has(&moved, &format!("it was made against {}", sb.base_url));
    assert_eq!(std::fs::read(&bookmark).unwrap(), saved, "left as it was");
    std::fs::write(&bookmark, "not json").unwrap();
    let damaged = watch(&sb, &["--once", "--bookmark", &bookmark]);
    assert_eq!(damaged.status.code(), Some(2));
    assert_stderr_has(&damaged, "is not a watch bookmark, or is damaged");
}

#[test]
fn what_cannot_work_is_refused_before_anything_is_sent() {
    let dir = TempDir::new();
    let bookmark = text(&dir.join("b"));
    let cases: &[(&[&str], &str)] = &[
        (&["-o", "json"], "use -o jsonl"),
        (&["-o", "XLSX"], "a watch has no last row"),
        (&["-o", "parquet"], "a watch has no last row"),
        (
            &["-o", "yaml"],
            "[possible values: table, wide, csv, jsonl]",
        ),
        (&["--file", "x.jsonl"], "--bookmark"),
        (&["--interval", "10"], "is not a duration"),
        (&["--interval", "10ms"], "give from 100ms to 1d"),
        (&["--lookback", "3y"], "is not a duration"),
        (
            &["--bookmark", &bookmark, "--sandbox"],
            "cannot be used with --sandbox",
        ),
        (
            &["--bookmark", "/nonexistent/dir/b"],
            "its directory does not exist",
        ),
        (
            &["--bookmark", dir.path().to_str().unwrap()],
            "is not a regular file",
        ),
    ];
    for (args, message) in cases {
        let out = nxcdp_offline()
            .args(["customers", "watch"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert_stderr_has(&out, message);
    }
}

/// `--help` offers only the formats a watch prints as customers arrive.
#[test]
fn help_offers_the_formats_a_watch_can_print() {
    let help = run_ok(nxcdp_offline().args(["customers", "watch", "--help"]));
    let offered: Vec<&str> = help
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("- "))
        .filter_map(|line| line.split(':').next())
        .collect();
    assert!(offered.contains(&"jsonl"), "{help}");
    for refused in ["xlsx", "parquet", "json"] {
        assert!(!offered.contains(&refused), "{refused} offered: {help}");
    }
}

#[test]
fn a_second_watch_on_a_bookmark_is_refused_and_a_signal_saves_and_exits_0() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let bookmark = text(&dir.join("b.json"));
    let mut first = Running::start(&sb, &["--bookmark", &bookmark, "--interval", "200ms"]);
    first.wait_said("watching for new customers every 200ms");
    let second = watch(&sb, &["--once", "--bookmark", &bookmark]);
    assert_eq!(second.status.code(), Some(2));
    assert_stderr_has(&second, &format!("(pid {}) is writing", first.child.id()));
    std::fs::remove_file(&bookmark).unwrap();
    first.signal("HUP");
    assert_eq!(first.finish(), Some(0), "{:?}", first.said);
    assert!(first.printed.is_empty());
    first.wait_said("stopped by SIGHUP");
    assert!(Path::new(&bookmark).is_file(), "saved on the way out");
}

/// A first watch stopped before any answer came has no position to keep, and says so.
#[test]
fn a_first_watch_stopped_before_any_answer_says_nothing_was_kept() {
    let sb = Sandbox::start(&[
        "--fail-status",
        "429",
        "--fail-first",
        "50",
        "--retry-after",
        "30",
    ]);
    let dir = TempDir::new();
    let bookmark = text(&dir.join("b.json"));
    let mut first = Running::start(&sb, &["--bookmark", &bookmark]);
    first.wait_said("the server asks nxcdp to wait");
    first.signal("INT");
    assert_eq!(first.finish(), Some(0), "{:?}", first.said);
    first.wait_said("no answer came, so");
    assert!(!Path::new(&bookmark).exists());
}

#[test]
fn failures_are_waited_out_by_a_watch_and_fail_a_single_poll() {
    let sb = Sandbox::start(&["--fail-first", "4"]);
    let mut watching = Running::start(&sb, &["--retries", "0", "--interval", "100ms"]);
    watching.wait_said("watching for new customers");
    watching.wait_said("this poll failed (4 in a row)");
    assert!(watching
        .said
        .iter()
        .any(|l| l.ends_with("the watch polls again in 100ms")));
    watching.wait_said("the server answers again, after 4 failed attempts");
    watching.stop();
    let failing = Sandbox::start(&["--fail-first", "4"]);
    let once = watch(&failing, &["--once", "--retries", "0"]);
    assert_eq!(once.status.code(), Some(5), "{}", stderr_of(&once));
}

#[test]
fn a_wrong_secret_stops_the_watch_at_once_with_exit_3() {
    let sb = Sandbox::start(&[]);
    let out = sb
        .nxcdp()
        .env("NXCDP_ACCESS_SECRET", "wrong")
        .args(["customers", "watch", "--interval", "100ms"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert_stderr_has(&out, "API error 1003");
}

#[test]
fn once_says_what_it_did_on_a_terminal_and_nothing_to_cron() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let bookmark = dir.join("b.json");
    let args = format!("customers watch --once --bookmark {}", bookmark.display());
    let first = common::on_terminal(&sb, 120, true, &args);
    assert!(first.contains("created the bookmark"), "{first}");
    assert!(first.contains("run the same command again"), "{first}");
    let again = common::on_terminal(&sb, 120, true, &args);
    assert!(
        again.contains("0 new customers since the last run"),
        "{again}"
    );
    // Piped, as from cron: stderr stays empty.
    let out = watch(&sb, &["--once", "--bookmark", bookmark.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr_of(&out), "");
    // Without a bookmark, a warning whatever stderr is.
    let out = watch(&sb, &["--once"]);
    assert!(stderr_of(&out).contains("the next run will not know where this one stopped"));
}
