//! `customers watch` while the server's clock is set: back (its new customers then get ids below
//! what the watch has walked), and right again after nxcdp learnt to sign on it; and `--once`
//! while customers arrive faster than pages come back. The server whose clock is set is a sandbox
//! restarted on the same port with another `--clock-skew-secs`, arrivals going on; both serve the
//! same data (`--as-of`), so the ids move with the clock alone. Nothing here waits for a time:
//! each wait is for a line in the sandbox's log or on the watch's output.

mod common;

mod watching;

use common::{Sandbox, TempDir};
use std::collections::HashSet;
use watching::log::{Created, Log};
use watching::tenant::Tenant;
use watching::{Running, PATIENCE};

/// The sandbox's options: the same data at every start, customers arriving, its clock `skew`
/// seconds off, every customer it creates written to `log`.
fn server(as_of: &str, skew: &str, arrivals: &str, log: &std::path::Path) -> Vec<String> {
    [
        "--as-of",
        as_of,
        "--clock-skew-secs",
        skew,
        "--arrivals",
        arrivals,
        "--log",
        log.to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec()
}

fn start(args: &[String]) -> Sandbox {
    Sandbox::start(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

fn restart(sb: Sandbox, args: &[String]) -> Sandbox {
    sb.restart(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

const WATCH: [&str; 6] = ["-o", "jsonl", "--interval", "200ms", "--lookback", "10s"];

/// Each customer of `due` printed, and once.
fn assert_each_once(printed: &[i64], due: &[Created]) {
    for c in due {
        let times = printed.iter().filter(|&&id| id == c.id).count();
        assert_eq!(times, 1, "customer {} printed {times} times", c.id);
    }
}

fn printed_all(due: &[Created]) -> impl Fn(&[i64]) -> bool + '_ {
    |printed| {
        let printed: HashSet<&i64> = printed.iter().collect();
        due.iter().all(|c| printed.contains(&c.id))
    }
}

#[test]
fn a_server_clock_set_back_loses_no_new_customer() {
    let dir = TempDir::new();
    let as_of = jiff::Timestamp::now().to_string();
    let sb = start(&server(&as_of, "0", "20", &dir.join("before.log")));
    let mut watch = Running::start(&sb, &WATCH);
    watch.wait_watching();
    watch.wait_printed(|p| p.len() >= 5);
    // 200 s behind: its customers' ids are 200 s below the watch's look-back.
    let sb = restart(sb, &server(&as_of, "-200", "20", &dir.join("after.log")));
    let after = Log::at(dir.join("after.log"));
    let due = after.wait(|c| c.len() >= 40)[..40].to_vec();
    watch.wait_printed(printed_all(&due));
    watch.wait_said("the server's clock went back by about 3 min");
    let printed = watch.stop();
    assert_each_once(&printed, &due);
    drop(sb);
}

#[test]
fn a_watch_goes_on_when_the_server_clock_is_right_again() {
    let dir = TempDir::new();
    let as_of = jiff::Timestamp::now().to_string();
    // 120 s ahead: the watch signs on the server's time.
    let sb = start(&server(&as_of, "120", "20", &dir.join("ahead.log")));
    let mut watch = Running::start(&sb, &WATCH);
    watch.wait_watching();
    watch.wait_said("retrying with the server's time");
    watch.wait_printed(|p| p.len() >= 5);
    let sb = restart(sb, &server(&as_of, "0", "20", &dir.join("right.log")));
    let right = Log::at(dir.join("right.log"));
    let due = right.wait(|c| c.len() >= 20)[..20].to_vec();
    watch.wait_printed(printed_all(&due));
    watch.wait_said("the server's clock agrees with this machine's again");
    let printed = watch.stop();
    assert_each_once(&printed, &due);
    drop(sb);
}

#[test]
fn a_bookmark_loses_no_customer_when_the_server_clock_was_set_back_between_runs() {
    let dir = TempDir::new();
    let as_of = jiff::Timestamp::now().to_string();
    let bookmark = dir.join("b.json");
    let once = |sb: &Sandbox| watching::once(sb, &bookmark);
    let sb = start(&server(&as_of, "0", "20", &dir.join("before.log")));
    once(&sb);
    let before = Log::at(dir.join("before.log"));
    let seen = before.read().len();
    before.wait(|c| c.len() >= seen + 10);
    once(&sb);
    let sb = restart(sb, &server(&as_of, "-200", "20", &dir.join("after.log")));
    let after = Log::at(dir.join("after.log"));
    let due = after.wait(|c| c.len() >= 20)[..20].to_vec();
    let (printed, said) = once(&sb);
    assert_each_once(&printed, &due);
    assert!(said.contains("the server's clock went back"), "{said}");
}

#[test]
fn once_ends_while_customers_arrive_faster_than_pages_come_back() {
    let dir = TempDir::new();
    let as_of = jiff::Timestamp::now().to_string();
    let log = dir.join("log");
    // A page of 50 every 200 ms at most: 250 customers a second; 500 arrive.
    let mut args = server(&as_of, "0", "500", &log);
    args.extend(["--latency-ms", "200"].map(String::from));
    let sb = start(&args);
    let log = Log::at(log);
    let bookmark = dir.join("b.json");
    let once = || {
        let bookmark = bookmark.to_str().unwrap();
        let args = [
            "--once",
            "-o",
            "jsonl",
            "--lookback",
            "2s",
            "--bookmark",
            bookmark,
        ];
        let mut run = Running::start(&sb, &args);
        let deadline = std::time::Instant::now() + PATIENCE;
        let code = loop {
            if let Some(status) = run.child.try_wait().unwrap() {
                break status.code();
            }
            // The run must end by itself; a run that never does fails the test here.
            assert!(std::time::Instant::now() < deadline, "--once did not end");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        run.finish();
        assert_eq!(code, Some(0), "{}", run.said.join("\n"));
        run.ids()
    };
    assert!(once().is_empty(), "the first run prints nothing");
    let from = log.read().len();
    let mut printed = Vec::new();
    for _ in 0..2 {
        let seen = log.read().len();
        log.wait(|c| c.len() >= seen + 500);
        printed.extend(once());
    }
    // What the runs did not reach, the next run prints: none is lost, none printed twice.
    let due = log.read()[from..from + 500].to_vec();
    assert_each_once(&printed, &due);
    let all: HashSet<i64> = log.read().iter().map(|c| c.id).collect();
    assert!(printed.iter().all(|id| all.contains(id)));
    assert_eq!(printed.len(), printed.iter().collect::<HashSet<_>>().len());
}

/// A tenant that keeps the customers made before its clock was set back (a sandbox restarted
/// does not: its newest customers are then all new): the wider walk meets them again, printed a
/// second time, but not as ids from the future, and the customers made after the step, among
/// them, are each printed.
#[test]
fn customers_made_before_the_step_do_not_hide_those_made_after_it() {
    let ages: Vec<i64> = (1..=60).map(|s| s * 500).collect();
    let tenant = Tenant::start(&ages);
    let args = ["-o", "jsonl", "--interval", "200ms", "--lookback", "2s"];
    let mut watch = Running::against(tenant.evil.addr, &args);
    watch.wait_watching();
    let before: Vec<i64> = (0..3).map(|_| tenant.arrive()).collect();
    watch.wait_printed(|p| before.iter().all(|id| p.contains(id)));
    // 20 s back: the new customers' ids are among those of the last 20 s.
    tenant.set_clock(-20_000, false);
    for _ in 0..10 {
        let id = tenant.arrive();
        watch.wait_printed(|p| p.contains(&id));
    }
    watch.wait_said("the server's clock went back by about");
    assert!(
        !watch.said.iter().any(|l| l.contains("from the future")),
        "{:?}",
        watch.said
    );
    watch.stop();
}

/// A `Date` that goes back a day while the server still takes requests signed on its clock is
/// not the server's clock: nothing is printed again.
#[test]
fn a_date_rewritten_on_the_way_is_not_believed() {
    let ages: Vec<i64> = (1..=200).map(|s| s * 1000).collect();
    let tenant = Tenant::start(&ages);
    let args = ["-o", "jsonl", "--interval", "200ms", "--lookback", "2s"];
    let mut watch = Running::against(tenant.evil.addr, &args);
    watch.wait_watching();
    let first = tenant.arrive();
    watch.wait_printed(|p| p.contains(&first));
    tenant.set_clock(-86_400_000, true);
    watch.wait_said("the Date is not believed");
    let after = tenant.arrive();
    watch.wait_printed(|p| p.contains(&after));
    let printed = watch.stop();
    assert_eq!(printed, [first, after], "only the new customers");
}
