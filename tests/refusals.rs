//! What cannot work is refused (exit 2) before anything is sent, with what to do instead.

mod common;

use common::{nxcdp, run_ok, stderr_of};

#[test]
fn sandbox_with_dry_run_or_curl_is_refused_with_a_hint() {
    for command in [
        &["customers", "query", "--sandbox"][..],
        &["customers", "fields", "--sandbox"],
        &["customers", "export", "--sandbox", "--file", "-"],
    ] {
        for flag in ["--dry-run", "--curl"] {
            let out = nxcdp().args(command).arg(flag).output().unwrap();
            let stderr = stderr_of(&out);
            assert_eq!(out.status.code(), Some(2), "{command:?} {flag}: {stderr}");
            assert!(out.stdout.is_empty(), "{command:?} {flag}: nothing printed");
            assert!(
                stderr.contains(flag) && stderr.contains("`nxcdp sandbox` in another shell"),
                "{command:?} {flag}: {stderr}"
            );
        }
    }
}

#[test]
fn a_start_time_not_before_the_end_time_is_refused() {
    let dir = common::TempDir::new();
    let file = dir.join("never.csv");
    let file = file.to_str().unwrap();
    for times in [
        &["--start-time", "2024-01-02", "--end-time", "2024-01-01"][..],
        &["--start-time", "2024-01-01", "--end-time", "2024-01-01"],
        &["--since", "7d", "--end-time", "2024-01-01"],
    ] {
        for command in [
            &["customers", "query", "--sandbox", "-v"][..],
            &["customers", "export", "--sandbox", "-v", "--file", file],
        ] {
            let out = nxcdp().args(command).args(times).output().unwrap();
            let stderr = stderr_of(&out);
            assert_eq!(out.status.code(), Some(2), "{times:?}: {stderr}");
            assert!(
                stderr.contains("is not before --end-time"),
                "{times:?}: {stderr}"
            );
            assert!(!stderr.contains("> "), "{times:?}: nothing sent: {stderr}");
        }
    }
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "no file started"
    );
    // A range that can hold customers still works.
    run_ok(nxcdp().args([
        "customers",
        "query",
        "--sandbox",
        "--start-time",
        "2024-01-01",
        "--end-time",
        "2024-01-02",
    ]));
}

#[test]
fn config_set_reads_the_secret_from_stdin_never_from_an_argument() {
    let dir = common::TempDir::new();
    let path = dir.join("config.toml");
    let config = || {
        let mut c = nxcdp();
        c.env("NXCDP_CONFIG", &path);
        c
    };
    let out = config()
        .args(["config", "set", "access_secret", "s3cr3t-value"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not taken as an argument") && stderr.contains("hint:"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("s3cr3t-value"),
        "the secret is not repeated"
    );
    assert!(!path.exists(), "nothing written");

    let out = config()
        .args(["config", "set", "access_secret"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an empty secret: {}",
        stderr_of(&out)
    );

    run_ok(
        config()
            .args(["config", "set", "access_secret"])
            .write_stdin("s3cr3t-value\n"),
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("access_secret = \"s3cr3t-value\""), "{text}");
    // Other keys still take their value as an argument, and need one.
    run_ok(config().args(["config", "set", "app_key", "shop"]));
    assert_eq!(
        run_ok(config().args(["config", "get", "app_key"])),
        "shop\n"
    );
    let out = config()
        .args(["config", "set", "app_key"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}

#[test]
fn a_resume_with_dry_run_or_curl_is_refused_rather_than_showing_a_new_export() {
    let dir = common::TempDir::new();
    let file = dir.join("e.csv");
    for flag in ["--dry-run", "--curl"] {
        let out = nxcdp()
            .args(["customers", "export", "--resume", flag, "--file"])
            .arg(&file)
            .args(["--access-key", "k", "--access-secret", "s"])
            .args(["--tenant-id", "1", "--app-key", "a"])
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{flag}: {stderr}");
        assert!(out.stdout.is_empty(), "{flag}: no request printed");
        assert!(stderr.contains("run it without"), "{flag}: {stderr}");
    }
}

#[test]
fn numbers_out_of_range_are_refused_in_words_and_values_in_any_case_taken() {
    for (args, says) in [
        (
            &["--limit", "0"][..],
            "expected a positive whole number, got \"0\"",
        ),
        (
            &["--page-size", "80"],
            "expected a whole number from 1 to 50, got \"80\"",
        ),
        (
            &["--parallel", "65"],
            "expected a whole number from 1 to 64",
        ),
    ] {
        let out = nxcdp()
            .args(["customers", "query", "--sandbox"])
            .args(args)
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains(".."), "no Rust range: {stderr}");
    }
    for (args, says) in [
        (&["sandbox", "--port", "70000"][..], "from 0 to 65535"),
        (
            &["sandbox", "--clock-skew-secs", "999999999999"],
            "from -316224000 to",
        ),
        (
            &["customers", "query", "--sandbox", "--after", "abc"],
            "expected an id",
        ),
        (
            &["customers", "query", "--sandbox", "--source-type", "16"],
            "from 0 to 15",
        ),
    ] {
        let out = nxcdp().args(args).output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(says) && !stderr.contains(".."),
            "{args:?}: {stderr}"
        );
    }
    let tagged = |logic: &str| {
        let args = [
            "--tag",
            "vip",
            "--tag",
            "beta tester",
            "--tags-logic",
            logic,
        ];
        run_ok(
            nxcdp()
                .args(["customers", "query", "--sandbox", "-o", "jsonl", "--all"])
                .args(args),
        )
    };
    assert_eq!(tagged("AND"), tagged("and"));
    assert_ne!(tagged("AND"), tagged("or"));
    let year = run_ok(nxcdp().args([
        "customers",
        "query",
        "--sandbox",
        "--since",
        "1y",
        "--all",
        "-o",
        "jsonl",
    ]));
    let week = run_ok(nxcdp().args([
        "customers",
        "query",
        "--sandbox",
        "--since",
        "1w",
        "--all",
        "-o",
        "jsonl",
    ]));
    assert!(year.lines().count() > week.lines().count() && !week.is_empty());
}
