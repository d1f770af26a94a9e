//! What is sent and how it ends: dry runs and curl without the secret, a closed pipe, times people
//! type, no progress when piped.

use crate::common::{run_ok, scrubbed, try_query, Sandbox};
use serde_json::Value;

#[test]
fn dry_run_and_curl_show_the_request_without_the_secret() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let out = try_query(&sb, &["-v", "--tag", "vip", "--dry-run"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .all(|l| !l.starts_with("> POST")),
        "nothing sent"
    );
    assert!(text.starts_with(&format!(
        "POST {}/saas/cdp/openapi/customers/query\n",
        sb.base_url
    )));
    for header in [
        "accessKey: sandbox",
        "bizType: 2",
        "action: mt",
        "sign: ",
        "ts: ",
        "Content-Type: application/json",
    ] {
        assert!(text.contains(header), "{header} in {text}");
    }
    assert!(
        text.trim_end().ends_with(
            r#"{"tenant_id":1,"app_key":"sandbox","tags":[{"tag_name":"vip"}],"limit":50}"#
        ),
        "{text}"
    );
    assert!(!text.contains(sb.secret()));

    let curl = run_ok(
        sb.nxcdp()
            .args(["customers", "query", "--tag", "it's", "--curl"]),
    );
    assert!(curl.starts_with("curl -X POST '"), "{curl}");
    assert!(curl.contains(r#"--data-raw '{"tenant_id":1,"app_key":"sandbox","tags":[{"tag_name":"it'\''s"}],"limit":50}'"#), "{curl}");
    assert!(!curl.contains(sb.secret()));
    // The printed command is a working request: a shell runs it and the sandbox accepts it.
    if scrubbed("curl").arg("--version").output().is_ok() {
        let answer = scrubbed("sh").arg("-c").arg(curl.trim()).output().unwrap();
        let answer: Value = serde_json::from_slice(&answer.stdout).unwrap();
        assert_eq!(answer["code"], 0, "{answer}");
    }
    let fields = run_ok(sb.nxcdp().args(["customers", "fields", "--dry-run"]));
    assert!(fields.starts_with("GET ") && fields.contains("tenant_id=1&app_key=sandbox"));
}

#[test]
fn a_closed_pipe_ends_quietly_and_stops_fetching() {
    let sb = Sandbox::start(&["--customers", "3000"]);
    // Reads one line, then closes the pipe, as `| head -1` does; returns the line, the exit
    // code and stderr.
    let head_1 = |extra: &[&str]| {
        let mut cmd = sb.command();
        let mut child = cmd
            .args(["customers", "query", "--all", "-o", "jsonl"])
            .args(["--page-size", "10"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(line.starts_with("{\"id\":"), "{extra:?}: {line}");
        assert_eq!(out.status.code(), Some(0), "{extra:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // As a user sees it: not a word on stderr.
    let stderr = head_1(&[]);
    assert!(stderr.is_empty(), "{stderr}");
    // -v counts the requests. The request in flight when nxcdp exits is cut off with the
    // runtime ("runtime dropped the dispatch task"); with retries, -v would narrate a retry of
    // it that never happens. --retries 0 keeps the exit out of the narration, so every line is
    // a request or an answer (after the "* base" line): no error, no retry, no panic.
    let stderr = head_1(&["-v", "--retries", "0"]);
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with("> ") || l.starts_with("< ") || l.starts_with("* base ")),
        "{stderr}"
    );
    let requests = stderr.lines().filter(|l| l.starts_with("> POST")).count();
    assert!(
        requests < 300,
        "stopped fetching after the reader left: {requests} of 300 pages"
    );
}

#[test]
fn times_people_type() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let body = |args: &[&str]| -> Value {
        let out = sb
            .nxcdp()
            .env("TZ", "UTC")
            .args(["customers", "query", "--dry-run"])
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        serde_json::from_str(text.lines().last().unwrap()).unwrap()
    };
    assert_eq!(
        body(&["--start-time", "2024-05-07"])["start_time"],
        "2024-05-07 00:00:00"
    );
    assert_eq!(
        body(&["--end-time", "2024-05-07T08:00:00+08:00"])["end_time"],
        "2024-05-07 00:00:00"
    );
    assert_eq!(
        body(&["--start-time", "2024-05-07 10:11:12"])["start_time"],
        "2024-05-07 10:11:12"
    );
    let since = body(&["--since", "7d"])["start_time"]
        .as_str()
        .unwrap()
        .to_string();
    let expected = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * 7))
        .unwrap();
    let expected = expected
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    assert!(since.starts_with(&expected[..13]), "{since} vs {expected}");
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let out = try_query(&sb, &["--all", "-o", "jsonl"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
