//! `--parallel` against a server that behaves like a real SaaS API (API.md §7): a rate limit
//! shared by every request, a bulk import in one hour, `created_at` out of id order, cursors that
//! go the wrong way and `Retry-After` as an HTTP date. Every case asserts the exact set of ids.

mod common;

use common::{ids_of_jsonl, Sandbox};
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// `customers query --all -o jsonl EXTRA -v`: exit code, ids in order, stderr, wall time.
fn walk(sb: &Sandbox, extra: &[&str]) -> (Option<i32>, Vec<String>, String, Duration) {
    let started = Instant::now();
    let out = sb
        .nxcdp()
        .args(["customers", "query", "--all", "-o", "jsonl", "-v"])
        .args(extra)
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), ids_of_jsonl(&stdout), stderr, elapsed)
}

fn set(ids: &[String]) -> HashSet<&String> {
    ids.iter().collect()
}

fn expected(customers: usize, seed: u64, shape: nxcdp::sandbox::shape::Shape) -> Vec<String> {
    nxcdp::sandbox::data::generate_shaped(customers, seed, 1, &shape)
        .iter()
        .map(|c| c.id.to_string())
        .collect()
}

/// The 429s a run may meet under the sandbox's limit (a bucket of `limit` refilled at `limit` a
/// second): those of the requests sent before the first 429 came back, beyond the bucket, then a
/// share of the requests. The goal, 5% (issue 26, item 2), is the bench's figure; on two busy
/// cores a request's timing drifts, so the test allows one in eight: the pace that did not learn
/// the limit met one in five. Counted from `-v`, not timed.
fn few_429s(stderr: &str, limit: usize) {
    let throttle = "throttled, every request waits";
    let throttled = stderr.matches(throttle).count();
    let requests = common::posts(stderr);
    let before = stderr.split(throttle).next().unwrap_or_default();
    let blind = common::posts(before).saturating_sub(limit);
    assert!(
        throttled <= blind + 2 + requests / 8,
        "{throttled} x 429 in {requests} requests, {blind} of them sent blind"
    );
}

#[test]
fn a_rate_limit_slows_every_worker_together() {
    let sb = Sandbox::start(&["--customers", "2000", "--rate-limit", "5"]);
    let (code, sequential, stderr, seq_time) = walk(&sb, &[]);
    assert_eq!(code, Some(0));
    few_429s(&stderr, 5);
    let (code, parallel, stderr, par_time) = walk(&sb, &["--parallel", "8"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(parallel.len(), 2000, "every customer once");
    assert_eq!(set(&parallel), set(&sequential));
    few_429s(&stderr, 5);
    // Not a timing test: the bound is loose, it fails only when workers retry on their own.
    assert!(
        par_time <= seq_time * 3 / 2 + Duration::from_secs(2),
        "--parallel 8 took {par_time:?}, one walk {seq_time:?}"
    );
}

#[test]
fn an_import_under_a_rate_limit_learns_it() {
    let dir = common::TempDir::new();
    let path = dir.join("rows.csv");
    let rows: String = (0..1500)
        .map(|i| format!("Customer {i},86138{i:08}\n"))
        .collect();
    std::fs::write(&path, format!("full_name,sms_phone\n{rows}")).unwrap();
    let sb = Sandbox::start(&["--customers", "0", "--rate-limit", "5"]);
    let out = sb
        .nxcdp()
        .args([
            "customers",
            "import",
            "-v",
            "--batch-size",
            "25",
            "--parallel",
            "8",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("1500 accepted"), "{stderr}");
    few_429s(&stderr, 5);
}

/// Item 1 of issue 26: on every shape of tenant, `--parallel 8` prints every customer once,
/// with at most 15% more requests than pages, and 24 more (the probes, and a part-empty page
/// where two walkers meet or a window is cut); `--sorted` in the order of one cursor.
#[test]
fn every_shape_is_walked_once_in_few_requests() {
    let n = 5000;
    let pages = n / 50;
    for shape in ["even", "burst", "bursts", "growth", "tail"] {
        let sb = Sandbox::start(&["--customers", "5000", "--seed", "24", "--shape", shape]);
        let layout = <nxcdp::sandbox::shape::Layout as clap::ValueEnum>::from_str(shape, false);
        let expected = expected(n, 24, nxcdp::sandbox::shape::Shape::of(layout.unwrap()));
        for workers in ["8", "3"] {
            let (code, ids, stderr, _) = walk(&sb, &["--parallel", workers]);
            assert_eq!(code, Some(0), "{shape}: {stderr}");
            assert_eq!(
                ids.len(),
                n,
                "{shape}, {workers} workers: every customer once"
            );
            assert_eq!(set(&ids), set(&expected), "{shape}");
            let requests = common::posts(&stderr);
            assert!(
                requests * 100 <= pages * 115 + 2400,
                "{shape}, {workers} workers: {requests} requests for {pages} pages"
            );
        }
        let (code, sorted, stderr, _) = walk(&sb, &["--parallel", "8", "--sorted"]);
        assert_eq!(code, Some(0), "{shape}: {stderr}");
        assert_eq!(
            sorted, expected,
            "{shape}: --sorted is the order of one cursor"
        );
    }
}

/// A small tenant walked by many workers: no more windows than it has pages by far, none at all
/// when the two probes' pages hold every customer (64 workers made 62 requests for 2 pages), and
/// no cut from one end's density alone (a bulk import's edge: 16 workers made 72 for 4).
#[test]
fn a_small_tenant_is_walked_in_few_requests_by_many_workers() {
    for (shape, n) in [
        ("even", 90usize),
        ("even", 200),
        ("growth", 1000),
        ("tail", 200),
    ] {
        let count = n.to_string();
        // A round trip long enough for workers left idle to act while pages are in flight.
        let sb = Sandbox::start(&[
            "--customers",
            &count,
            "--shape",
            shape,
            "--latency-ms",
            "20",
        ]);
        let pages = n.div_ceil(50);
        for workers in ["16", "64"] {
            let (code, ids, stderr, _) = walk(&sb, &["--parallel", workers]);
            assert_eq!(code, Some(0), "{shape}: {stderr}");
            assert_eq!(set(&ids).len(), n, "{shape} {n}, {workers} workers");
            assert_eq!(ids.len(), n, "{shape} {n}, {workers} workers");
            let requests = common::posts(&stderr);
            assert!(
                requests * 100 <= pages * 115 + 2400,
                "{shape} {n}, {workers} workers: {requests} requests for {pages} pages"
            );
        }
    }
}

#[test]
fn times_out_of_id_order_lose_no_customer() {
    let args = [
        "--customers",
        "2000",
        "--seed",
        "22",
        "--time-jitter",
        "7200",
    ];
    let sb = Sandbox::start(&args);
    let (_, sequential, _, _) = walk(&sb, &[]);
    assert_eq!(sequential.len(), 2000);
    for extra in [&["--parallel", "8"][..], &["--parallel", "8", "--sorted"]] {
        let (code, parallel, stderr, _) = walk(&sb, extra);
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(parallel.len(), 2000, "{extra:?}: every customer once");
        assert_eq!(set(&parallel), set(&sequential));
    }
}

#[test]
fn a_cursor_going_the_wrong_way_stops_the_walk() {
    let sb = Sandbox::start(&["--customers", "500", "--wrong-way-cursor"]);
    for extra in [&[][..], &["--parallel", "4"]] {
        let (code, _, stderr, _) = walk(&sb, extra);
        assert_eq!(code, Some(5), "{extra:?}: {stderr}");
        assert!(stderr.contains("goes the wrong way"), "{stderr}");
        let requests = stderr.matches("> POST").count();
        assert!(
            requests <= 100,
            "{extra:?}: stopped after {requests} requests"
        );
    }
}

#[test]
fn retry_after_as_an_http_date_is_waited_for() {
    let sb = Sandbox::start(&[
        "--customers",
        "10",
        "--fail-first",
        "1",
        "--retry-after",
        "2",
        "--retry-after-date",
    ]);
    let (code, ids, stderr, _) = walk(&sb, &["--retries", "0"]);
    assert_eq!(code, Some(0), "a throttle spends no retry: {stderr}");
    assert_eq!(ids.len(), 10);
    let waited: u64 = stderr
        .split("next attempt in ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|ms| ms.parse().ok())
        .unwrap_or_else(|| panic!("a throttled line: {stderr}"));
    assert!(
        waited >= 1000,
        "the date 2 s ahead means a wait, not {waited} ms"
    );
}

#[test]
fn an_interrupted_parallel_export_of_a_bulk_import_resumes_exactly() {
    let dir = common::TempDir::new();
    let path = dir.join("burst.jsonl");
    let data = ["--customers", "3000", "--seed", "23", "--burst", "0.9"];
    let failing =
        Sandbox::start(&[&data[..], &["--garbage", "text", "--garbage-after", "40"]].concat());
    let export = |sb: &Sandbox, extra: &[&str]| {
        common::export(
            sb,
            &path,
            &[&["-o", "jsonl", "--parallel", "8"], extra].concat(),
        )
    };
    let out = export(&failing, &[]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The same server, healthy again.
    let healthy = failing.restart(&data);
    let out = export(&healthy, &["--resume"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = ids_of_jsonl(&std::fs::read_to_string(&path).unwrap());
    let shape = nxcdp::sandbox::shape::Shape {
        burst: 0.9,
        ..Default::default()
    };
    assert_eq!(got.len(), 3000, "every customer once");
    assert_eq!(set(&got), set(&expected(3000, 23, shape)));
}
