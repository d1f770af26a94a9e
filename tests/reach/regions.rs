//! Regions: a region or a base URL picks where requests go, at every level.

use crate::common::{assert_stderr_has, dead_url, nxcdp, run_ok, stderr_of, Sandbox, TempDir};
use crate::tls::TlsSandbox;

/// Credentials from the environment, the base from FLAGS, ENV and a profile holding PROFILE's
/// lines; returns the URL `--dry-run` would send to and the `-v` line naming the base.
fn base_in_use(flags: &[&str], env: &[(&str, &str)], profile: &str) -> (String, String) {
    let mut cmd = nxcdp();
    let config = cmd.home.join("config.toml");
    std::fs::write(&config, format!("[default]\n{profile}")).unwrap();
    cmd.env("NXCDP_CONFIG", &config)
        .envs(crate::common::FAKE_CREDENTIALS)
        .envs(env.iter().copied())
        .args(["customers", "query", "--dry-run", "-v"])
        .args(flags);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let url = stdout.lines().next().unwrap().trim_start_matches("POST ");
    let url = url
        .trim_end_matches("/saas/cdp/openapi/customers/query")
        .to_string();
    let base_line = stderr_of(&out)
        .lines()
        .find(|l| l.starts_with("* base "))
        .unwrap_or_default()
        .to_string();
    (url, base_line)
}

#[test]
fn regions_pick_the_base_url_and_a_base_url_beats_a_region_at_its_level_and_below() {
    let hk = "https://api-hk.nxlink.ai";
    let idn = "https://api-idn.nxlink.ai";
    let americas = "https://chl-api.nxlink.ai";
    // (flags, environment, profile lines, the base URL in use)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Case] = &[
        (&[], &[], "", "https://api.nxcloud.com"),
        (&["--region", "hk"], &[], "", hk),
        (&["--region", "default"], &[], "", "https://api.nxcloud.com"),
        (&[], &[("NXCDP_REGION", "idn")], "", idn),
        (&[], &[], "region = \"americas\"\n", americas),
        // A base URL beats a region at the same level...
        (
            &["--region", "hk", "--base-url", "http://a.test"],
            &[],
            "",
            "http://a.test",
        ),
        (
            &[],
            &[("NXCDP_REGION", "hk"), ("NXCDP_BASE_URL", "http://b.test")],
            "",
            "http://b.test",
        ),
        (
            &[],
            &[],
            "region = \"hk\"\nbase_url = \"http://c.test\"\n",
            "http://c.test",
        ),
        // ... and below it.
        (
            &["--base-url", "http://d.test"],
            &[("NXCDP_REGION", "hk")],
            "",
            "http://d.test",
        ),
        (
            &[],
            &[("NXCDP_BASE_URL", "http://e.test")],
            "region = \"idn\"\n",
            "http://e.test",
        ),
        // A region beats a base URL below it.
        (
            &["--region", "idn"],
            &[("NXCDP_BASE_URL", "http://f.test")],
            "",
            idn,
        ),
        (
            &[],
            &[("NXCDP_REGION", "americas")],
            "base_url = \"http://g.test\"\n",
            americas,
        ),
    ];
    for (flags, env, profile, want) in cases {
        let (url, _) = base_in_use(flags, env, profile);
        assert_eq!(
            &url, want,
            "flags {flags:?}, env {env:?}, profile {profile:?}"
        );
    }
    let (_, line) = base_in_use(&["--region", "hk"], &[], "");
    assert_eq!(line, format!("* base {hk} (from --region hk)"));
    let (_, line) = base_in_use(&[], &[("NXCDP_REGION", "idn")], "");
    assert_eq!(line, format!("* base {idn} (from NXCDP_REGION=idn)"));
    let (_, line) = base_in_use(&[], &[], "region = \"hk\"\n");
    assert_eq!(
        line,
        format!("* base {hk} (from region = hk in profile default)")
    );
}

#[test]
fn an_unknown_region_is_a_usage_error_that_lists_the_valid_ones() {
    let valid = "default, hk, americas, idn";
    let run = |flags: &[&str], env: &[(&str, &str)], profile: &str| {
        let mut cmd = nxcdp();
        let config = cmd.home.join("config.toml");
        std::fs::write(&config, format!("[default]\n{profile}")).unwrap();
        cmd.env("NXCDP_CONFIG", &config)
            .envs(crate::common::FAKE_CREDENTIALS)
            // Were anything sent, it would fail to connect: exit 5, not 2.
            .env("NXCDP_BASE_URL", dead_url())
            .envs(env.iter().copied())
            .args(["customers", "query", "-v"])
            .args(flags);
        cmd.output().unwrap()
    };
    for out in [
        run(&["--region", "eu"], &[], ""),
        run(&[], &[("NXCDP_REGION", "eu")], ""),
        run(&[], &[], "region = \"eu\"\n"),
    ] {
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains(valid) || stderr.contains("default, hk, americas, idn]"),
            "{stderr}"
        );
        assert!(!stderr.contains("> POST"), "nothing sent: {stderr}");
    }
    let mut set = nxcdp();
    let out = set
        .args(["config", "set", "region", "eu"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_has(&out, valid);
}

#[test]
fn config_set_region_replaces_the_base_url_and_list_shows_the_base_in_use() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let config = || {
        let mut c = nxcdp();
        c.env("NXCDP_CONFIG", &path);
        c
    };
    run_ok(config().args(["config", "set", "base_url", "http://old.test"]));
    let out = config()
        .args(["config", "set", "region", "HK"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_stderr_has(&out, "removed base_url");
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(
        file.contains("region = \"hk\"") && !file.contains("base_url"),
        "{file}"
    );
    let list = run_ok(config().args(["config", "list"]));
    assert!(list.contains("region = hk"), "{list}");
    assert!(
        list.contains(
            "# base URL in use: https://api-hk.nxlink.ai (from region = hk in profile default)"
        ),
        "{list}"
    );
    let list = run_ok(
        config()
            .env("NXCDP_BASE_URL", "http://env.test")
            .args(["config", "list"]),
    );
    assert!(
        list.contains("# base URL in use: http://env.test (from NXCDP_BASE_URL)"),
        "{list}"
    );
    // And back: a base URL set later replaces the region.
    run_ok(config().args(["config", "set", "base_url", "http://new.test"]));
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(
        file.contains("http://new.test") && !file.contains("region"),
        "{file}"
    );
}

#[test]
fn the_sandbox_and_verbose_runs_name_the_base_in_use() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-v", "--limit", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_stderr_has(
        &out,
        &format!("* base {} (from NXCDP_BASE_URL)", sb.base_url),
    );
    let out = nxcdp()
        .args(["customers", "query", "--sandbox", "-v", "--limit", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_stderr_has(&out, "(from the in-process sandbox)");
    let banner = TlsSandbox::start(&["--tls"]).banner.clone();
    assert!(
        banner.starts_with("nxcdp sandbox: 5 customers (seed 42) at https://127.0.0.1:"),
        "{banner}"
    );
}
