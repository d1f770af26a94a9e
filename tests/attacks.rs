//! What a black-box attack on the binary found, each kept from coming back: special files as
//! an export's target, rates and sizes that overflowed, a server that asks for no wait at all,
//! a config file that quoted the secret, and an access key that cannot be a header.

mod common;

use common::{nxcdp_offline, stderr_of, try_query, Sandbox, TempDir};

#[cfg(unix)]
#[test]
fn an_export_never_replaces_a_device_or_a_pipe() {
    let dir = TempDir::new();
    let fifo = common::fifo(&dir.join("pipe"));
    let out = nxcdp_offline()
        .args(["customers", "export", "--file"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
}

#[test]
fn rates_and_sizes_out_of_range_are_usage_errors_not_crashes() {
    for rate in ["1e-300", "1e-19", "0", "-1", "nan", "inf", "1e9"] {
        let out = nxcdp_offline()
            .args(["customers", "query", "--rate", rate])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "--rate {rate}: {}",
            stderr_of(&out)
        );
    }
    for customers in ["18446744073709551615", "4294967296", "10000001"] {
        let out = common::nxcdp()
            .args(["sandbox", "--port", "0", "--customers", customers])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--customers {customers}");
    }
    let out = common::nxcdp()
        .args(["sandbox", "--port", "0", "--fail-rate", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_retry_after_of_nothing_gets_a_backoff_not_a_storm() {
    let sb = Sandbox::start(&[
        "--customers",
        "5",
        "--fail-first",
        "3",
        "--fail-status",
        "429",
        "--retry-after",
        "0",
    ]);
    let out = try_query(&sb, &["-v", "-o", "jsonl"]);
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let waits: Vec<u64> = stderr
        .split("next attempt in ")
        .skip(1)
        .map(|rest| rest.split(" ms").next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(waits.len(), 3, "{stderr}");
    assert!(waits.iter().all(|ms| *ms >= 100), "{waits:?}");
}

#[test]
fn a_config_file_that_is_not_toml_never_quotes_the_secret() {
    let dir = TempDir::new();
    let config = dir.join("config.toml");
    for line in [
        "access_secret = TOPSECRET77",
        "access_secret = \"TOPSECRET77\\q\"",
        "access_secret = \"TOPSECRET77",
        "access_secret = \"TOPSECRET77\" junk",
        "access_secret = 7731415926535",
    ] {
        std::fs::write(&config, format!("[default]\n{line}\n")).unwrap();
        for args in [&["config", "list"][..], &["customers", "query"]] {
            let out = common::nxcdp()
                .env("NXCDP_CONFIG", &config)
                .args(args)
                .output()
                .unwrap();
            let stderr = stderr_of(&out);
            assert_eq!(out.status.code(), Some(2), "{line}: {stderr}");
            assert!(stderr.contains("line 2"), "{stderr}");
            assert!(!stderr.contains("TOPSECRET77"), "{line}: {stderr}");
            assert!(!stderr.contains("7731415926535"), "{line}: {stderr}");
        }
    }
}

#[test]
fn an_access_key_that_cannot_be_a_header_is_a_usage_error() {
    let out = nxcdp_offline()
        .env("NXCDP_ACCESS_KEY", "k\r\nX-Evil: 1")
        .args(["customers", "query"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}

#[cfg(unix)]
#[test]
fn man_pages_are_never_written_through_a_link() {
    let dir = TempDir::new();
    let (pages, victim) = (dir.join("man"), dir.join("victim.txt"));
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, pages.join("nxcdp-customers.1")).unwrap();
    let out = common::nxcdp()
        .args(["man", "--out-dir"])
        .arg(&pages)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let stderr = stderr_of(&out);
    assert_eq!(
        stderr.matches("does not write through").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn api_headers_cannot_reframe_the_signed_request() {
    for header in [
        "Content-Length: 0",
        "transfer-encoding: chunked",
        "Host: evil.example",
    ] {
        let out = nxcdp_offline()
            .args(["api", "/x", "-f", "a=bb", "-H", header])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{header}: {}", stderr_of(&out));
    }
}

#[test]
fn a_server_that_sends_more_than_asked_loses_no_customer() {
    let honest = Sandbox::start(&["--customers", "200", "--seed", "31"]);
    let overfull = Sandbox::start(&["--customers", "200", "--seed", "31", "--overfill", "30"]);
    let ids = |sb: &Sandbox, args: &[&str]| {
        let args = [&["-o", "jsonl", "--page-size", "10"][..], args].concat();
        common::ids_of_jsonl(&common::query(sb, &args))
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    for args in [&["--limit", "15"][..], &["--limit", "45"], &["--all"]] {
        assert_eq!(ids(&overfull, args), ids(&honest, args), "{args:?}");
    }
    // A walk up (`--before`) and the windows of --parallel, walked from both ends: an overfull
    // page past a walk's start holds customers that are not the walk's, never lost ones.
    let start = &ids(&honest, &["--all"])[150];
    let up = [&["--before", start.as_str(), "--all"][..]];
    assert_eq!(ids(&overfull, up[0]), ids(&honest, up[0]), "--before");
    let parallel = ["--all", "--parallel", "8"];
    assert_eq!(
        sorted(ids(&overfull, &parallel)),
        sorted(ids(&honest, &["--all"])),
        "--parallel 8"
    );
    let more = try_query(&overfull, &["--limit", "15", "--page-size", "10"]);
    let hint = format!("--after {}", ids(&honest, &["--limit", "15"])[14]);
    assert!(stderr_of(&more).contains(&hint), "{}", stderr_of(&more));
}

#[test]
fn a_server_that_repeats_customers_gets_each_printed_once() {
    let sb = Sandbox::start(&["--customers", "120", "--seed", "32", "--repeat-customers"]);
    let out = common::query(&sb, &["--all", "-o", "jsonl", "--page-size", "10"]);
    assert_eq!(
        common::ids_of_jsonl(&out),
        common::sandbox_ids(120, 32),
        "every customer once, in order"
    );
}

#[test]
fn a_sandbox_stopped_by_sigterm_removes_its_ca_file() {
    use std::io::BufRead;
    let mut cmd = common::scrubbed(common::nxcdp_bin());
    let mut child = cmd
        .args(["sandbox", "--port", "0", "--tls"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let ca = lines
        .map(Result::unwrap)
        .find_map(|l| l.strip_prefix("export NXCDP_CA_CERT=").map(str::to_string))
        .expect("the CA line");
    assert!(std::path::Path::new(&ca).is_file());
    let pid = child.id().to_string();
    let killed = common::scrubbed("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stopped, not killed");
    assert!(!std::path::Path::new(&ca).exists(), "{ca} is left behind");
}

#[test]
fn the_tests_stop_their_tls_sandboxes_as_a_user_does() {
    // tests/common's Sandbox is dropped after every test: it must leave no CA in the temp dir.
    let sb = Sandbox::start(&["--customers", "5", "--tls"]);
    let ca = std::path::PathBuf::from(&sb.env["NXCDP_CA_CERT"]);
    assert!(ca.is_file());
    drop(sb);
    assert!(!ca.exists(), "{} is left behind", ca.display());
}

#[test]
fn api_paths_stay_under_the_base_url() {
    for path in ["/a/../../b", "/a/./b", "/.."] {
        let out = nxcdp_offline().args(["api", path]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{path}: {}", stderr_of(&out));
    }
}
