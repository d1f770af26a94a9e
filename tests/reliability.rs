//! Faults over loopback: the sandbox misbehaves, nxcdp keeps going where it can and stops
//! cleanly where it cannot, never losing or duplicating a customer.

mod common;

use common::{export, ids_of_jsonl, nxcdp, run_ok, scrubbed, Sandbox, TempDir};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn sandbox_ids(count: usize, seed: u64) -> Vec<String> {
    nxcdp::sandbox::data::generate(count, seed, 1)
        .iter()
        .map(|c| c.id.to_string())
        .collect()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn posts(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("> POST")).count()
}

#[test]
fn one_request_in_five_failing_still_returns_everyone_once() {
    let sb = Sandbox::start(&["--customers", "1500", "--seed", "2", "--fail-rate", "0.2"]);
    let out = sb
        .nxcdp()
        .args([
            "customers",
            "query",
            "-v",
            "--all",
            "-o",
            "jsonl",
            "--retries",
            "8",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        ids_of_jsonl(&String::from_utf8_lossy(&out.stdout)),
        sandbox_ids(1500, 2)
    );
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("retry 1 of 8"),
        "failures were retried: {stderr}"
    );
    assert!(posts(&stderr) > 30, "30 pages and some retries");
}

#[test]
fn dropped_connections_are_retried_without_duplicates() {
    let sb = Sandbox::start(&["--customers", "600", "--seed", "3", "--drop-rate", "0.25"]);
    let out = sb
        .nxcdp()
        .args([
            "customers",
            "query",
            "-v",
            "--all",
            "-o",
            "jsonl",
            "--retries",
            "10",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        ids_of_jsonl(&String::from_utf8_lossy(&out.stdout)),
        sandbox_ids(600, 3)
    );
    assert!(stderr_of(&out).contains("retry 1"));
}

#[test]
fn each_attempt_is_signed_again_and_retries_are_bounded() {
    let sb = Sandbox::start(&[
        "--customers",
        "10",
        "--fail-first",
        "2",
        "--fail-status",
        "502",
    ]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-vv", "-o", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    let signs: HashSet<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("> sign: "))
        .collect();
    assert_eq!(posts(&stderr), 3);
    assert_eq!(signs.len(), 3, "three attempts, three signatures: {stderr}");

    let sb = Sandbox::start(&["--customers", "10", "--fail-first", "5"]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-v", "--retries", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(posts(&stderr_of(&out)), 3, "one try and two retries");
    assert!(stderr_of(&out).contains("503"));
}

#[test]
fn retry_after_is_honoured() {
    let sb = Sandbox::start(&[
        "--customers",
        "10",
        "--fail-first",
        "1",
        "--fail-status",
        "429",
        "--retry-after",
        "1",
    ]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-v", "-o", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stderr_of(&out).contains("in 1000 ms"),
        "{}",
        stderr_of(&out)
    );
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
    let sb = Sandbox::start(&[
        "--customers",
        "10",
        "--stall-first",
        "1",
        "--stall-ms",
        "2500",
    ]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-v", "-o", "jsonl", "--timeout", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 10);
    let sb = Sandbox::start(&[
        "--customers",
        "10",
        "--stall-first",
        "1",
        "--stall-ms",
        "2500",
    ]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "--timeout", "1", "--retries", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr_of(&out).contains("no response within 1 s"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_skewed_clock_is_measured_and_corrected_once() {
    for (skew, word) in [("120", "behind"), ("-300", "ahead of")] {
        let sb = Sandbox::start(&["--customers", "10", "--clock-skew-secs", skew]);
        let out = sb
            .nxcdp()
            .args(["customers", "query", "-o", "jsonl"])
            .output()
            .unwrap();
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
        let sb = Sandbox::start(&["--customers", "10", "--garbage", kind]);
        let out = sb.nxcdp().args(["customers", "query"]).output().unwrap();
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
        let out = sb
            .nxcdp()
            .args([
                "customers",
                "query",
                "-v",
                "--all",
                "-o",
                "jsonl",
                "--page-size",
                "10",
            ])
            .output()
            .unwrap();
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
        let failing = Sandbox::start(&[
            "--customers",
            "300",
            "--seed",
            "6",
            "--garbage",
            "text",
            "--garbage-after",
            "5",
        ]);
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

        // Starting again over an unfinished export is refused; other filters cannot resume it.
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
    let healthy = Sandbox::start(&["--customers", "100", "--seed", "6"]);
    assert!(export(&healthy, &path, &["-o", "jsonl", "--resume"])
        .status
        .success());
    assert_eq!(
        ids_of_jsonl(&std::fs::read_to_string(&path).unwrap()),
        sandbox_ids(100, 6)
    );
}

use std::io::Write;

#[cfg(unix)]
#[test]
fn ctrl_c_keeps_a_resumable_partial_file() {
    let slow = Sandbox::start(&["--customers", "400", "--seed", "6", "--latency-ms", "150"]);
    let dir = TempDir::new();
    let path = dir.join("interrupted.jsonl");
    let mut cmd = slow.command();
    let child = cmd
        .args([
            "customers",
            "export",
            "-o",
            "jsonl",
            "--page-size",
            "20",
            "--file",
            path.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until a page is safely in the partial file (the state file says so), then interrupt.
    let state = PathBuf::from(format!("{}.partial.state", path.display()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !std::fs::read_to_string(&state).is_ok_and(|s| !s.contains("\"count\":0")) {
        assert!(std::time::Instant::now() < deadline, "no page arrived");
        std::thread::yield_now();
    }
    let status = scrubbed("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("interrupted") && stderr_of(&out).contains("--resume"));
    assert!(!path.exists() && partial(&path).exists());
    let healthy = Sandbox::start(&["--customers", "400", "--seed", "6"]);
    assert!(export(&healthy, &path, &["-o", "jsonl", "--resume"])
        .status
        .success());
    assert_eq!(
        ids_of_jsonl(&std::fs::read_to_string(&path).unwrap()),
        sandbox_ids(400, 6)
    );
}

#[test]
fn csv_safe_neutralizes_formulas_and_plain_csv_stays_exact() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let safe = run_ok(sb.nxcdp().args([
        "customers",
        "query",
        "--all",
        "-o",
        "csv",
        "--csv-safe",
        "--raw-custom-fields",
    ]));
    let plain = run_ok(sb.nxcdp().args([
        "customers",
        "query",
        "--all",
        "-o",
        "csv",
        "--raw-custom-fields",
    ]));
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
    let mut runs: Vec<std::process::Output> = Vec::new();
    let base = || {
        let mut c = sb.nxcdp();
        c.env("NXCDP_CONFIG", &config);
        c
    };
    for args in [
        vec!["customers", "query", "-vv", "--limit", "60"],
        vec!["customers", "query", "-vv", "--dry-run"],
        vec!["customers", "query", "--curl"],
        vec!["customers", "fields", "-vv"],
        vec!["customers", "query", "-vv", "--tenant-id", "9"],
        vec!["config", "set", "access_secret", secret],
        vec!["config", "list"],
        vec!["config", "get", "access_secret"],
        vec!["--help"],
    ] {
        runs.push(base().args(&args).output().unwrap());
    }
    runs.push(
        base()
            .env_remove("NXCDP_ACCESS_SECRET")
            .args([
                "customers",
                "query",
                "-vv",
                "--access-secret-file",
                secret_file.to_str().unwrap(),
            ])
            .output()
            .unwrap(),
    );
    runs.push(
        base()
            .env_remove("NXCDP_ACCESS_SECRET")
            .args([
                "customers",
                "query",
                "--access-secret-file",
                "-",
                "-o",
                "jsonl",
            ])
            .write_stdin(secret)
            .output()
            .unwrap(),
    );
    runs.push(
        base()
            .env_remove("NXCDP_ACCESS_SECRET")
            .args(["customers", "query", "-vv", "--access-secret", secret])
            .output()
            .unwrap(),
    );
    runs.push(
        base()
            .env("NXCDP_ACCESS_SECRET", "wrong")
            .args(["customers", "query", "-vv"])
            .output()
            .unwrap(),
    );
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
