//! Faults over loopback: the sandbox misbehaves, nxcdp keeps going where it can and stops
//! cleanly where it cannot, never losing or duplicating a customer.

mod common;

use common::{
    assert_stderr_has, export, ids_of_jsonl, nxcdp, posts, run_ok, sandbox_ids, stderr_of,
    try_query, Sandbox, TempDir,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[test]
fn failed_and_dropped_requests_are_retried_and_everyone_returns_once() {
    // (fault, customers, seed, --retries, more POSTs than): one request in five failing; a
    // quarter of the connections dropped mid-answer.
    for (fault, customers, seed, retries, more_posts_than) in [
        (["--fail-rate", "0.2"], 1500, 2, 8, 30),
        (["--drop-rate", "0.25"], 600, 3, 10, 12),
    ] {
        let (count, seed_text) = (customers.to_string(), seed.to_string());
        let mut args = vec!["--customers", &count, "--seed", &seed_text];
        args.extend(fault);
        let sb = Sandbox::start(&args);
        let out = sb
            .nxcdp()
            .args(["customers", "query", "-v", "--all", "-o", "jsonl"])
            .args(["--retries", &retries.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{fault:?}: {}", stderr_of(&out));
        assert_eq!(
            ids_of_jsonl(&String::from_utf8_lossy(&out.stdout)),
            sandbox_ids(customers, seed),
            "{fault:?}: everyone once"
        );
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains(&format!("retry 1 of {retries}")),
            "{fault:?}: failures were retried: {stderr}"
        );
        assert!(
            posts(&stderr) > more_posts_than,
            "{fault:?}: all pages and some retries"
        );
    }
}

/// `nxcdp customers query ARGS` against a fresh sandbox of 10 customers with FAULTS.
fn ten_customers(faults: &[&str], args: &[&str]) -> std::process::Output {
    let sb = Sandbox::start(&[&["--customers", "10"], faults].concat());
    try_query(&sb, args)
}

#[test]
fn each_attempt_is_signed_again_and_retries_are_bounded() {
    let out = ten_customers(
        &["--fail-first", "2", "--fail-status", "502"],
        &["-vv", "-o", "jsonl"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    let signs: HashSet<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("> sign: "))
        .collect();
    assert_eq!(posts(&stderr), 3);
    assert_eq!(signs.len(), 3, "three attempts, three signatures: {stderr}");

    let out = ten_customers(&["--fail-first", "5"], &["-v", "--retries", "2"]);
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(posts(&stderr_of(&out)), 3, "one try and two retries");
    assert!(stderr_of(&out).contains("503"));
}

#[test]
fn retry_after_is_honoured() {
    let out = ten_customers(
        &[
            "--fail-first",
            "1",
            "--fail-status",
            "429",
            "--retry-after",
            "1",
        ],
        &["-v", "-o", "jsonl"],
    );
    assert!(out.status.success());
    assert_stderr_has(&out, "in 1000 ms");
}

#[test]
fn business_errors_are_not_retried() {
    let sb = Sandbox::start(&["--customers", "10"]);
    for (env, value, code) in [
        ("NXCDP_ACCESS_SECRET", "wrong", 3),
        ("NXCDP_ACCESS_KEY", "wrong", 3),
        ("NXCDP_APP_KEY", "wrong", 4),
    ] {
        let out = sb
            .nxcdp()
            .env(env, value)
            .args(["customers", "query", "-v"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code));
        assert_eq!(posts(&stderr_of(&out)), 1, "{env}: {}", stderr_of(&out));
    }
}

#[test]
fn timeouts_are_retried_and_reported() {
    let stalled = ["--stall-first", "1", "--stall-ms", "2500"];
    let out = ten_customers(&stalled, &["-v", "-o", "jsonl", "--timeout", "1"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 10);
    let out = ten_customers(&stalled, &["--timeout", "1", "--retries", "0"]);
    assert_eq!(out.status.code(), Some(5));
    assert_stderr_has(&out, "no response within 1 s");
}

#[test]
fn a_skewed_clock_is_measured_and_corrected_once() {
    for (skew, word) in [("120", "behind"), ("-300", "ahead of")] {
        let out = ten_customers(&["--clock-skew-secs", skew], &["-o", "jsonl"]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        let stderr = stderr_of(&out);
        let secs = skew.trim_start_matches('-').parse::<i64>().unwrap();
        let said: i64 = stderr
            .split("clock is ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((said - secs).abs() <= 2, "{stderr}");
        assert!(stderr.contains(word), "{stderr}");
    }
}

#[test]
fn malformed_answers_exit_5_with_an_escaped_excerpt() {
    for (kind, expect) in [
        ("html", "Bad Gateway"),
        ("text", "OK"),
        ("truncated", "not the API's JSON"),
        ("shape", "not a page of customers"),
        ("huge", "larger than"),
    ] {
        let out = ten_customers(&["--garbage", kind], &[]);
        assert_eq!(out.status.code(), Some(5), "{kind}");
        let stderr = stderr_of(&out);
        assert!(stderr.contains(expect), "{kind}: {stderr}");
        assert!(
            !stderr.contains('\u{1b}'),
            "an escape in the answer is shown, not run: {stderr}"
        );
        assert!(stderr.len() < 2000, "a short excerpt");
    }
}

#[test]
fn a_repeated_cursor_or_an_empty_page_with_a_next_one_stops_the_walk() {
    for fault in ["--repeat-cursor", "--empty-next"] {
        let sb = Sandbox::start(&["--customers", "100", fault]);
        let out = try_query(&sb, &["-v", "--all", "-o", "jsonl", "--page-size", "10"]);
        assert_eq!(out.status.code(), Some(5), "{fault}");
        let stderr = stderr_of(&out);
        assert!(stderr.contains("so as not to loop"), "{stderr}");
        assert!(posts(&stderr) <= 3, "{fault} stopped at once: {stderr}");
    }
}

fn partial(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.partial", path.display()))
}

#[test]
fn exports_appear_only_whole_and_resume_without_duplicates() {
    for format in ["csv", "jsonl"] {
        let dir = TempDir::new();
        let healthy = Sandbox::start(&["--customers", "300", "--seed", "6"]);
        let clean = dir.join(format!("clean.{format}"));
        let out = export(&healthy, &clean, &["-o", format]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert!(!partial(&clean).exists());

        // A server that goes bad after 5 requests: the file must not appear.
        let failing = common::failing_sandbox();
        let path = dir.join(format!("customers.{format}"));
        let out = export(&failing, &path, &["-o", format]);
        assert_eq!(out.status.code(), Some(5));
        assert!(!path.exists(), "no file that looks complete");
        assert!(partial(&path).exists());
        let stderr = stderr_of(&out);
        // Five good answers: pages of 20, after the field list for csv's custom-field columns.
        let saved = if format == "csv" { 80 } else { 100 };
        assert!(
            stderr.contains(&format!("{saved} customers are in")),
            "{stderr}"
        );
        assert!(
            stderr.contains("--resume") && stderr.contains("--after"),
            "{stderr}"
        );

        // The same server, healthy again. Starting again over an unfinished export is refused;
        // other filters cannot resume it.
        let healthy = failing.restart(&common::FAILING_DATA);
        assert_eq!(
            export(&healthy, &path, &["-o", format]).status.code(),
            Some(2)
        );
        assert_eq!(
            export(&healthy, &path, &["-o", format, "--resume", "--tag", "vip"])
                .status
                .code(),
            Some(2)
        );

        let out = export(&healthy, &path, &["-o", format, "--resume"]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert!(!partial(&path).exists());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&clean).unwrap(),
            "{format}: the same bytes as a clean export"
        );
    }
}

/// Resumes the jsonl export at `path` from its sandbox `sb` (seed 6), healthy again; the file
/// then holds every customer once, in order.
fn resume_holds_everyone(sb: Sandbox, path: &Path, customers: usize) {
    let healthy = sb.restart(&["--customers", &customers.to_string(), "--seed", "6"]);
    assert!(export(&healthy, path, &["-o", "jsonl", "--resume"])
        .status
        .success());
    assert_eq!(
        ids_of_jsonl(&std::fs::read_to_string(path).unwrap()),
        sandbox_ids(customers, 6)
    );
}

#[test]
fn a_half_written_page_is_dropped_on_resume() {
    let sb = Sandbox::start(&[
        "--customers",
        "100",
        "--seed",
        "6",
        "--garbage",
        "text",
        "--garbage-after",
        "2",
    ]);
    let dir = TempDir::new();
    let path = dir.join("half.jsonl");
    assert_eq!(export(&sb, &path, &["-o", "jsonl"]).status.code(), Some(5));
    // Bytes past the last whole page, as a crash in the middle of a write would leave.
    std::fs::OpenOptions::new()
        .append(true)
        .open(partial(&path))
        .unwrap()
        .write_all(b"{\"id\":12")
        .unwrap();
    resume_holds_everyone(sb, &path, 100);
}

use std::io::Write;

#[test]
fn csv_safe_neutralizes_formulas_and_plain_csv_stays_exact() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let csv = |extra: &[&str]| {
        run_ok(
            sb.nxcdp()
                .args(["customers", "query", "--all", "-o", "csv"])
                .args(extra)
                .arg("--raw-custom-fields"),
        )
    };
    let (safe, plain) = (csv(&["--csv-safe"]), csv(&[]));
    let cells = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let (safe, plain) = (cells(&safe), cells(&plain));
    let mut neutralized = 0;
    for (s, p) in safe.iter().flatten().zip(plain.iter().flatten()) {
        if p.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert_eq!(*s, format!("'{p}"));
            neutralized += 1;
        } else {
            assert_eq!(s, p);
        }
    }
    assert!(neutralized > 0);
    assert_eq!(
        nxcdp()
            .args(["customers", "query", "--sandbox", "--csv-safe"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_secret_never_appears_in_any_output() {
    let secret = "S3cr3t-never-shown";
    let sb = Sandbox::start(&[
        "--customers",
        "30",
        "--access-secret",
        secret,
        "--fail-first",
        "1",
    ]);
    let dir = TempDir::new();
    let config = dir.join("config.toml");
    let secret_file = dir.join("secret");
    std::fs::write(&secret_file, format!("{secret}\n")).unwrap();
    let secret_file = secret_file.to_str().unwrap();
    // NXCDP_ACCESS_SECRET for a run: the sandbox's, none, or a wrong one.
    enum Env {
        Sandbox,
        Unset,
        Wrong,
    }
    let cases = [
        (
            Env::Sandbox,
            vec!["customers", "query", "-vv", "--limit", "60"],
            "",
        ),
        (
            Env::Sandbox,
            vec!["customers", "query", "-vv", "--dry-run"],
            "",
        ),
        (Env::Sandbox, vec!["customers", "query", "--curl"], ""),
        (Env::Sandbox, vec!["customers", "fields", "-vv"], ""),
        (
            Env::Sandbox,
            vec!["customers", "query", "-vv", "--tenant-id", "9"],
            "",
        ),
        (
            Env::Sandbox,
            vec!["config", "set", "access_secret", secret],
            "",
        ),
        (Env::Sandbox, vec!["config", "list"], ""),
        (Env::Sandbox, vec!["config", "get", "access_secret"], ""),
        (Env::Sandbox, vec!["--help"], ""),
        (
            Env::Unset,
            vec![
                "customers",
                "query",
                "-vv",
                "--access-secret-file",
                secret_file,
            ],
            "",
        ),
        (
            Env::Unset,
            vec![
                "customers",
                "query",
                "--access-secret-file",
                "-",
                "-o",
                "jsonl",
            ],
            secret,
        ),
        (
            Env::Unset,
            vec!["customers", "query", "-vv", "--access-secret", secret],
            "",
        ),
        (Env::Wrong, vec!["customers", "query", "-vv"], ""),
    ];
    let runs: Vec<std::process::Output> = cases
        .into_iter()
        .map(|(env, args, stdin)| {
            let mut c = sb.nxcdp();
            c.env("NXCDP_CONFIG", &config);
            match env {
                Env::Sandbox => {}
                Env::Unset => {
                    c.env_remove("NXCDP_ACCESS_SECRET");
                }
                Env::Wrong => {
                    c.env("NXCDP_ACCESS_SECRET", "wrong");
                }
            }
            if !stdin.is_empty() {
                c.write_stdin(stdin);
            }
            c.args(&args).output().unwrap()
        })
        .collect();
    for (i, out) in runs.iter().enumerate() {
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(secret), "run {i} showed the secret:\n{all}");
    }
    // The ones that should work did work, so the scan saw real output.
    assert!(runs[0].status.success() && runs[9].status.success() && runs[10].status.success());
    assert!(stderr_of(&runs[11]).contains("visible to other processes"));
}
