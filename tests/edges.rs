//! Issue 17, the secret that never leaks and the smaller edges: one reader of stdin per command,
//! local files that must be regular and small, values the filters refuse, a URL too long to
//! send, and what `-vv` shows.

mod common;

use common::{assert_stderr_has, nxcdp, nxcdp_offline, stderr_of, Sandbox, TempDir};
use std::process::Output;
use std::time::Duration;

/// Exit 2, saying SAYS, and nothing sent (`-v` shows no request). A stderr too long to read
/// is shown cut.
#[track_caller]
fn assert_usage(out: &Output, says: &str) {
    let stderr = stderr_of(out);
    let shown: String = stderr.chars().take(2000).collect();
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(stderr.contains(says), "{says:?} not in stderr: {shown}");
    assert!(!stderr.contains("> "), "nothing sent: {shown}");
}

#[test]
fn two_readers_of_stdin_are_refused_before_reading_and_the_secret_never_shows() {
    for args in [
        &["customers", "get", "-", "--access-secret-file", "-"][..],
        &["api", "/x", "--input", "-", "--access-secret-file", "-"],
    ] {
        let out = nxcdp_offline()
            .env_remove("NXCDP_ACCESS_SECRET")
            .args(args)
            .arg("-v")
            .write_stdin("S3CR3T\n")
            .output()
            .unwrap();
        assert_usage(&out, "both read stdin");
        assert_stderr_has(&out, "--access-secret-file -");
        assert!(!stderr_of(&out).contains("S3CR3T"), "{}", stderr_of(&out));
    }
    // One reader alone still reads it.
    let sb = Sandbox::start(&["--customers", "2"]);
    let id = &common::sandbox_ids(2, nxcdp::sandbox::DEFAULT_SEED)[0];
    let out = sb
        .nxcdp()
        .env_remove("NXCDP_ACCESS_SECRET")
        .args([
            "customers",
            "get",
            id,
            "-o",
            "jsonl",
            "--access-secret-file",
            "-",
        ])
        .write_stdin(format!("{}\n", sb.secret()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn files_given_to_read_must_be_small_regular_files() {
    let dir = TempDir::new();
    let large = dir.join("large");
    std::fs::write(&large, vec![b'a'; 5 * 1024 * 1024]).unwrap();
    let pipe = common::fifo(&dir.join("pipe"));
    for path in [
        std::path::PathBuf::from("/dev/zero"),
        pipe.clone(),
        dir.path().to_path_buf(),
        large.clone(),
    ] {
        let says = match path == large {
            true => "larger than 4 MiB",
            false => "not a regular file",
        };
        let secret = nxcdp_offline()
            .env_remove("NXCDP_ACCESS_SECRET")
            .args(["customers", "query", "-v", "--access-secret-file"])
            .arg(&path)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_usage(
            &secret,
            &format!("--access-secret-file {}: {says}", path.display()),
        );
        let input = nxcdp_offline()
            .args(["api", "/x", "-v", "--input"])
            .arg(&path)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_usage(&input, &format!("--input {}: {says}", path.display()));
        let certs = nxcdp_offline()
            .env("SSL_CERT_FILE", &path)
            .args(["customers", "query", "-v"])
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_usage(&certs, &format!("SSL_CERT_FILE {}: {says}", path.display()));
    }
}

#[cfg(unix)]
#[test]
fn local_paths_in_errors_are_escaped_as_a_shell_takes_them_back() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new();
    let name = std::ffi::OsStr::from_bytes(b"w\x1b]0;TITLE\x07\ncaf\xe9");
    let path = dir.join(name);
    for flag in ["--access-secret-file", "--input", "--ca-cert"] {
        let mut cmd = nxcdp_offline();
        match flag {
            "--input" => cmd.args(["api", "/x"]),
            _ => cmd.args(["customers", "query"]),
        };
        let out = cmd.arg(flag).arg(&path).output().unwrap();
        match flag {
            // A secret file that is not there is not named: it may be the secret itself.
            "--access-secret-file" => assert_usage(&out, "--access-secret-file: no such file"),
            _ => assert_usage(&out, "w\\x1b]0;TITLE\\x07\\ncaf\\xe9': cannot read it"),
        }
        assert!(
            !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07),
            "{}",
            stderr_of(&out)
        );
    }
}

#[test]
fn filters_refuse_what_the_api_cannot_mean() {
    for (args, says) in [
        (
            &["--tag-id", "0"][..],
            "\"0\" is not a tag id (a positive integer",
        ),
        (&["--tag-id=-5"], "is not a tag id"),
        (&["--his-tag-id", "0"], "is not a tag id"),
        (&["--since", "99999999d"], "\"99999999d\" is too large"),
        (&["--since", "99999999999999999999s"], "is too large"),
        (&["--start-time", "2016-12-31 23:59:60"], "is a leap second"),
        (&["--end-time", "2016-12-31T23:59:60Z"], "is a leap second"),
        (
            &["--start-time", "0000-01-01T00:00:00+14:00"],
            "is in the year -1",
        ),
    ] {
        let out = nxcdp_offline()
            .args(["customers", "query", "-v"])
            .args(args)
            .output()
            .unwrap();
        assert_usage(&out, says);
    }
}

#[test]
fn customer_ids_are_digits_only() {
    for id in ["+5", "0", "5x", "", "1e3", " 5"] {
        let out = nxcdp_offline()
            .args(["customers", "get", id])
            .output()
            .unwrap();
        assert_usage(&out, "is not a customer id");
    }
}

#[test]
fn a_secret_in_the_environment_with_white_space_around_it_gets_a_warning() {
    for (secret, warned) in [("s3cr3t\n", true), (" s3cr3t", true), ("s3cr3t", false)] {
        let out = nxcdp_offline()
            .env("NXCDP_ACCESS_SECRET", secret)
            .args(["customers", "query", "--dry-run"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let says = "NXCDP_ACCESS_SECRET begins or ends with white space";
        assert_eq!(
            stderr_of(&out).contains(says),
            warned,
            "{secret:?}: {}",
            stderr_of(&out)
        );
        assert!(!stderr_of(&out).contains("s3cr3t"));
    }
}

#[test]
fn a_url_too_long_to_send_is_exit_2() {
    let long = "a".repeat(70_000);
    for (args, says) in [
        (
            vec!["api".to_string(), format!("/{long}")],
            "the URL would be 700",
        ),
        (
            vec![
                "api".into(),
                "-X".into(),
                "GET".into(),
                "/x".into(),
                "-f".into(),
                format!("q={long}"),
            ],
            "put long values in the body",
        ),
        (
            vec![
                "customers".into(),
                "query".into(),
                "--base-url".into(),
                format!("http://127.0.0.1:9/{long}"),
            ],
            "the base URL is 70019 characters long",
        ),
    ] {
        let out = nxcdp_offline().args(&args).arg("-v").output().unwrap();
        assert_usage(&out, says);
        assert!(
            out.stderr.len() < 2000,
            "the URL is not quoted whole: {}",
            out.stderr.len()
        );
    }
}

#[test]
fn double_verbose_shows_the_response_headers() {
    let sb = Sandbox::start(&["--customers", "1"]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-vv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    let status = stderr.find("< HTTP 200").expect("the status line");
    let header = stderr
        .find("< content-type: application/json")
        .expect(&stderr);
    let body = stderr.find("< {").expect("the body");
    assert!(status < header && header < body, "{stderr}");
    let once = nxcdp()
        .args(["customers", "query", "--sandbox", "-v"])
        .output()
        .unwrap();
    assert!(
        !stderr_of(&once).contains("< content-type"),
        "{}",
        stderr_of(&once)
    );
}

#[test]
fn a_secret_with_white_space_around_it_is_warned_of_wherever_it_comes_from() {
    let dir = TempDir::new();
    let file = dir.join("secret.txt");
    std::fs::write(&file, " s3cr3t \n").unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "[default]\naccess_secret = \"s3cr3t \"\n").unwrap();
    for (env, args, from) in [
        (
            None,
            vec!["--access-secret-file", file.to_str().unwrap()],
            "the file of --access-secret-file",
        ),
        (
            Some(config.as_path()),
            vec![],
            "access_secret in the profile",
        ),
    ] {
        let mut cmd = nxcdp_offline();
        cmd.env_remove("NXCDP_ACCESS_SECRET");
        if let Some(config) = env {
            cmd.env("NXCDP_CONFIG", config);
        }
        let out = cmd
            .args(["customers", "query", "--dry-run"])
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let says = format!("the secret of {from} begins or ends with white space");
        assert!(stderr_of(&out).contains(&says), "{}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("s3cr3t"));
    }
}

#[test]
fn a_secret_typed_as_the_secret_file_is_not_repeated() {
    let out = nxcdp_offline()
        .env_remove("NXCDP_ACCESS_SECRET")
        .args([
            "customers",
            "query",
            "--access-secret-file",
            "Zq9-S3CR3T-value",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("no such file"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("S3CR3T"), "{}", stderr_of(&out));
}

/// What a user typed, quoted back in an error, cannot act on the terminal or forge a line.
#[test]
fn typed_text_quoted_in_errors_is_escaped() {
    for args in [
        vec!["api", "/x", "-H", "X-A: a\r\nforged: line"],
        vec!["api", "/x", "-F", "j=\u{1b}[2J\nforged: line"],
        vec!["customers", "query", "--jq", ".\u{1b}[31m\nforged: line"],
        vec![
            "customers",
            "query",
            "--tag",
            "a",
            "--since",
            "\u{1b}]0;T\u{7}",
        ],
    ] {
        let out = nxcdp_offline().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = stderr_of(&out);
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\r'),
            "{args:?}: {stderr:?}"
        );
        assert!(
            !stderr.lines().any(|l| l.starts_with("forged")),
            "{args:?}: {stderr}"
        );
    }
}
