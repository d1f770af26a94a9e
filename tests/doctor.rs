//! `nxcdp doctor`: one line per step between this machine and the API, what to do when a step
//! fails, the exit code of the first failure, and never the secret.

mod common;

use common::evil::Reply;
use common::{dead_url, nxcdp, stderr_of, Sandbox, TempDir};

/// Runs `nxcdp doctor ARGS` with `cmd`; returns the exit code and the report.
fn doctor(cmd: &mut assert_cmd::Command, args: &[&str]) -> (Option<i32>, String) {
    let out = cmd.arg("doctor").args(args).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!report.contains("sandbox-secret"), "{report}");
    assert!(!stderr_of(&out).contains("sandbox-secret"));
    (out.status.code(), report)
}

/// The line of step NAME.
fn step<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(name))
        .unwrap_or_else(|| panic!("no {name} step in:\n{report}"))
}

#[test]
fn every_step_passes_against_a_working_api() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let (code, report) = doctor(&mut sb.nxcdp(), &[]);
    assert_eq!(code, Some(0), "{report}");
    for name in [
        "config", "profile", "API", "DNS", "TCP", "TLS", "clock", "request",
    ] {
        assert!(step(&report, name).starts_with("ok"), "{name}: {report}");
    }
    assert!(step(&report, "API").contains(&sb.base_url));
    assert!(step(&report, "config").contains("no file at"));
    let (code, report) = doctor(&mut nxcdp(), &["--sandbox"]);
    assert_eq!(code, Some(0), "{report}");
}

#[test]
fn a_wrong_secret_or_key_fails_the_request_step_and_names_what_to_do() {
    let sb = Sandbox::start(&["--customers", "5", "--access-secret", "the-real-one"]);
    let (code, report) = doctor(sb.nxcdp().env("NXCDP_ACCESS_SECRET", "sandbox-secret"), &[]);
    assert_eq!(code, Some(3), "{report}");
    let line = step(&report, "request");
    assert!(
        line.starts_with("FAIL") && line.contains("1003"),
        "{report}"
    );
    assert!(report.contains("→ check the access secret"), "{report}");

    let (code, report) = doctor(sb.nxcdp().env("NXCDP_ACCESS_KEY", "other"), &[]);
    assert_eq!(code, Some(3), "{report}");
    assert!(step(&report, "request").contains("1005"), "{report}");
    assert!(
        report.contains("--region hk") && report.contains("--region americas"),
        "1005 suggests the other regions: {report}"
    );
}

#[test]
fn an_unreachable_api_fails_at_the_step_that_breaks() {
    let (code, report) = doctor(
        nxcdp()
            .envs(common::FAKE_CREDENTIALS)
            .env("NXCDP_BASE_URL", dead_url()),
        &[],
    );
    assert_eq!(code, Some(5), "{report}");
    assert!(step(&report, "DNS").starts_with("ok"), "{report}");
    assert!(step(&report, "TCP").starts_with("FAIL"), "{report}");
    for later in ["TLS", "clock", "request"] {
        assert!(step(&report, later).contains("not checked"), "{report}");
    }
    // A host that no DNS knows: every step after DNS has its line.
    let (code, report) = doctor(
        nxcdp()
            .envs(common::FAKE_CREDENTIALS)
            .env("NXCDP_BASE_URL", "https://nxcdp-test.invalid"),
        &[],
    );
    assert_eq!(code, Some(5), "{report}");
    assert!(step(&report, "DNS").starts_with("FAIL"), "{report}");
    for later in ["TCP", "TLS", "clock", "request"] {
        assert!(step(&report, later).contains("not checked"), "{report}");
    }
}

#[test]
fn a_profile_that_cannot_be_read_is_named_first_and_nothing_after_it_is_checked() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let profile = "[default]\naccesskey = \"k\"\naccess_secret = \"sandbox-secret\"\nbase_url = \"http://127.0.0.1:9\"\ntenant_id = 1\napp_key = \"a\"\n";
    std::fs::write(&path, profile).unwrap();
    let (code, report) = doctor(nxcdp().env("NXCDP_CONFIG", &path), &[]);
    assert_eq!(code, Some(2), "{report}");
    let line = step(&report, "profile");
    assert!(
        line.starts_with("FAIL") && line.contains("did you mean access_key?"),
        "{report}"
    );
    assert!(
        !report.contains("api.nxcloud.com"),
        "the default API is not checked: {report}"
    );
    assert!(
        !report.contains("\nwarning:"),
        "the config step says it: {report}"
    );
    for later in ["API", "proxy", "DNS", "TCP", "TLS", "clock", "request"] {
        assert!(step(&report, later).contains("not checked"), "{report}");
    }
    // A config file that is not TOML at all: the same.
    std::fs::write(&path, "[default\nx=1\n").unwrap();
    let (code, report) = doctor(nxcdp().env("NXCDP_CONFIG", &path), &[]);
    assert_eq!(code, Some(2), "{report}");
    assert!(step(&report, "config").starts_with("FAIL"), "{report}");
    assert!(!report.contains("api.nxcloud.com"), "{report}");
    assert!(step(&report, "request").contains("not checked"), "{report}");
}

#[test]
fn a_clock_off_by_more_than_a_minute_fails_and_the_request_passes_only_on_the_server_s_time() {
    for (skew, how) in [
        ("-300", "ahead of the server"),
        ("120", "behind the server"),
    ] {
        let sb = Sandbox::start(&["--customers", "5", "--clock-skew-secs", skew]);
        let (code, report) = doctor(&mut sb.nxcdp(), &[]);
        assert_eq!(code, Some(3), "{report}");
        let line = step(&report, "clock");
        assert!(line.starts_with("FAIL") && line.contains(how), "{report}");
        let line = step(&report, "request");
        assert!(line.starts_with("warn"), "{report}");
        assert!(line.contains("only on the server's time"), "{report}");
        assert!(!line.contains("time accepted"), "{report}");
    }
}

#[test]
fn a_server_date_in_the_year_9999_is_out_of_range() {
    let evil = common::evil::Evil::start(|r| {
        let reply = match r.path.contains("/fields") {
            true => Reply::data("[]"),
            false => Reply::page(r#"{"next":null}"#, &[]),
        };
        reply.header("Date", b"Fri, 31 Dec 9999 23:59:59 GMT")
    });
    let (_, report) = doctor(&mut evil.nxcdp(), &[]);
    let line = step(&report, "clock");
    assert!(line.contains("out of range"), "{report}");
    assert!(!line.contains("not a date"), "{report}");
}

#[test]
fn a_failing_answer_gets_a_hint_that_says_something_or_none() {
    for args in [&["--garbage", "text"][..], &["--fail-first", "10"]] {
        let sb = Sandbox::start(args);
        let (code, report) = doctor(&mut sb.nxcdp(), &[]);
        assert_eq!(code, Some(5), "{report}");
        assert!(step(&report, "request").starts_with("FAIL"), "{report}");
        assert!(!report.contains("see the message"), "{report}");
        assert!(!report.contains("see above"), "{report}");
    }
}

#[test]
fn help_lists_no_flag_doctor_refuses() {
    let out = nxcdp().args(["doctor", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--timeout"), "{help}");
    assert!(
        !help.contains("--dry-run") && !help.contains("--curl"),
        "{help}"
    );
}

#[test]
fn the_config_file_and_the_profile() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let profile = format!(
        "[default]\nbase_url = \"{}\"\naccess_key = \"sandbox\"\naccess_secret = \"sandbox-secret\"\ntenant_id = 1\napp_key = \"sandbox\"\n[half]\naccess_key = \"k\"\n",
        sb.base_url
    );
    std::fs::write(&path, profile).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (code, report) = doctor(nxcdp().env("NXCDP_CONFIG", &path), &[]);
        assert_eq!(code, Some(0), "a warning is not a failure: {report}");
        assert!(step(&report, "config").starts_with("warn"), "{report}");
        assert!(report.contains("chmod 600"), "{report}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let (code, report) = doctor(nxcdp().env("NXCDP_CONFIG", &path), &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(step(&report, "config").starts_with("ok"), "{report}");
    let (code, report) = doctor(nxcdp().env("NXCDP_CONFIG", &path), &["--profile", "half"]);
    assert_eq!(code, Some(2), "{report}");
    assert!(step(&report, "profile").starts_with("FAIL"), "{report}");
    assert!(step(&report, "request").contains("not checked"), "{report}");
}

#[test]
fn tls_names_the_store_that_trusted_the_server() {
    let sb = Sandbox::start(&["--customers", "5", "--tls"]);
    let ca = sb.env["NXCDP_CA_CERT"].clone();
    let (code, report) = doctor(&mut sb.nxcdp(), &[]);
    assert_eq!(code, Some(0), "{report}");
    let line = step(&report, "TLS");
    assert!(
        line.contains("TLS 1.3") && line.contains("the CA of NXCDP_CA_CERT"),
        "{report}"
    );
    assert!(line.contains(&ca), "{report}");
    let flag = ["--ca-cert", ca.as_str()];
    let (code, report) = doctor(sb.nxcdp().env_remove("NXCDP_CA_CERT"), &flag);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        step(&report, "TLS").contains("the CA of --ca-cert"),
        "{report}"
    );
    let (code, report) = doctor(sb.nxcdp().env_remove("NXCDP_CA_CERT"), &[]);
    assert_eq!(code, Some(5), "{report}");
    assert!(step(&report, "TLS").starts_with("FAIL"), "{report}");
    assert!(report.contains("--ca-cert PATH"), "{report}");
}

#[test]
fn the_proxy_is_named_and_checked_on_the_way() {
    use common::proxy::Proxy;
    let sb = Sandbox::start(&["--customers", "5"]);
    let upstream = sb.base_url.trim_start_matches("http://").parse().unwrap();
    let relay = Proxy::start(Some(upstream));
    let through = |proxy: &str| {
        let mut cmd = sb.nxcdp();
        for var in [
            "http_proxy",
            "https_proxy",
            "all_proxy",
            "no_proxy",
            "NO_PROXY",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HTTP_PROXY", proxy);
        cmd
    };
    let (code, report) = doctor(&mut through(&relay.url("user:pa55@")), &[]);
    assert_eq!(code, Some(0), "{report}");
    let line = step(&report, "proxy");
    assert!(
        line.contains("user:***@") && line.contains("(from HTTP_PROXY)"),
        "{report}"
    );
    assert!(!report.contains("pa55"), "{report}");
    let port = relay.addr.port().to_string();
    assert!(
        step(&report, "TCP").contains(&port),
        "the proxy's address: {report}"
    );
    assert!(
        relay.seen().iter().any(|l| l.starts_with("HEAD http://")),
        "{:?}",
        relay.seen()
    );

    // A proxy that answers 407 fails at the proxy's step, the clock unchecked.
    let refusing = Proxy::start(None);
    let (code, report) = doctor(&mut through(&refusing.url("")), &[]);
    assert_eq!(code, Some(5), "{report}");
    let refused = report
        .lines()
        .rfind(|l| l.contains("proxy authentication required"));
    assert!(
        refused.is_some_and(|l| l.starts_with("FAIL  proxy")),
        "{report}"
    );
    assert!(step(&report, "clock").contains("not checked"), "{report}");
    assert!(
        report.contains("put the user and password in HTTP_PROXY"),
        "{report}"
    );

    // A proxy that is not there: the hint is about the proxy's variable, not a firewall's.
    let (code, report) = doctor(&mut through(&dead_url()), &[]);
    assert_eq!(code, Some(5), "{report}");
    assert!(step(&report, "TCP").starts_with("FAIL"), "{report}");
    assert!(report.contains("check HTTP_PROXY"), "{report}");
    assert!(!report.contains("firewall"), "{report}");

    let (code, report) = doctor(&mut through("http://[not a url"), &[]);
    assert_eq!(code, Some(2), "{report}");
    assert!(step(&report, "proxy").starts_with("FAIL") && report.contains("HTTP_PROXY"));
}
