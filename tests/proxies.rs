//! Issue 17, proxies that are named: `-v` says which one and from which variable (password
//! masked), errors name it rather than the base URL, a 407 is exit 5 and not retried, and a
//! variable that is not a URL is exit 2. The proxies are the test's own, on loopback: one that
//! relays plain HTTP to the sandbox, one that answers 407 to everything.

mod common;

use common::proxy::Proxy;
use common::{assert_stderr_has, nxcdp, stderr_of, Sandbox, Scrubbed};
use std::net::SocketAddr;

const VARIABLES: [&str; 8] = [
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// `nxcdp` with no proxy variable of the developer's, and these.
fn with_proxies(vars: &[(&str, &str)]) -> Scrubbed<assert_cmd::Command> {
    let mut cmd = nxcdp();
    for var in VARIABLES {
        cmd.env_remove(var);
    }
    cmd.envs(common::FAKE_CREDENTIALS)
        .envs(vars.iter().copied());
    cmd
}

fn sandbox_addr(sb: &Sandbox) -> SocketAddr {
    sb.base_url.trim_start_matches("http://").parse().unwrap()
}

#[test]
fn verbose_names_the_proxy_and_its_variable_with_the_password_masked() {
    let sb = Sandbox::start(&["--customers", "3"]);
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        let proxy = Proxy::start(Some(sandbox_addr(&sb)));
        let url = proxy.url("user:PW9@");
        let out = with_proxies(&[(var, &url)])
            .envs(&sb.env)
            .args(["customers", "query", "-v", "-o", "jsonl"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{var}: {}", stderr_of(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
        assert_stderr_has(
            &out,
            &format!("* proxy http://user:***@{}/ (from {var})", proxy.addr),
        );
        assert!(!stderr_of(&out).contains("PW9"), "{}", stderr_of(&out));
        let query = format!(
            "POST {}/saas/cdp/openapi/customers/query HTTP/1.1",
            sb.base_url
        );
        assert_eq!(
            proxy.seen(),
            vec![query],
            "{var}: the request went through the proxy"
        );
    }
}

#[test]
fn no_proxy_sends_its_hosts_directly_in_either_case() {
    let sb = Sandbox::start(&["--customers", "2"]);
    let refusing = Proxy::start(None);
    for no_proxy in [
        ("NO_PROXY", "127.0.0.1"),
        ("no_proxy", "localhost, 127.0.0.0/8"),
    ] {
        let out = with_proxies(&[("HTTP_PROXY", &refusing.url("")), no_proxy])
            .envs(&sb.env)
            .args(["customers", "query", "-v", "-o", "jsonl"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{no_proxy:?}: {}", stderr_of(&out));
        assert_stderr_has(&out, &format!("* no proxy: {} lists the host", no_proxy.0));
    }
    assert_eq!(refusing.seen(), Vec::<String>::new());
}

#[test]
fn a_407_is_exit_5_said_as_such_and_not_retried() {
    let sb = Sandbox::start(&["--customers", "2"]);
    // Plain HTTP goes to the proxy as a request: the 407 is its answer.
    let proxy = Proxy::start(None);
    let out = with_proxies(&[("HTTP_PROXY", &proxy.url(""))])
        .envs(&sb.env)
        .args(["customers", "query", "--retries", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert_stderr_has(&out, "proxy authentication required");
    assert_stderr_has(&out, "(from HTTP_PROXY)");
    assert_eq!(proxy.seen().len(), 1, "not retried: {:?}", proxy.seen());
    // HTTPS asks the proxy for a tunnel first: the 407 is the answer to CONNECT. The host is
    // never resolved here, and nothing leaves loopback.
    let proxy = Proxy::start(None);
    let out = with_proxies(&[("HTTPS_PROXY", &proxy.url(""))])
        .env("NXCDP_BASE_URL", "https://api.nxcdp.invalid")
        .args(["customers", "query", "--retries", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert_stderr_has(&out, "proxy authentication required");
    assert_stderr_has(&out, "(from HTTPS_PROXY)");
    assert_eq!(
        proxy.seen(),
        vec!["CONNECT api.nxcdp.invalid:443 HTTP/1.1".to_string()]
    );
}

#[test]
fn a_proxy_that_cannot_be_reached_is_named_with_its_variable_not_the_base_url() {
    let dead = common::dead_url();
    let out = with_proxies(&[("HTTPS_PROXY", &dead)])
        .env("NXCDP_BASE_URL", "https://api.nxcdp.invalid")
        .args(["customers", "query", "--retries", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert_stderr_has(
        &out,
        &format!("cannot connect through the proxy {dead} (from HTTPS_PROXY)"),
    );
    assert_stderr_has(&out, "check HTTPS_PROXY");
    assert!(
        !stderr_of(&out).contains("api.nxcdp.invalid"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_proxy_variable_that_is_not_a_url_is_exit_2_naming_it() {
    for (base, var, value) in [
        (
            "https://api.nxcdp.invalid",
            "HTTPS_PROXY",
            "http://user:PW9@[::1",
        ),
        (
            "https://api.nxcdp.invalid",
            "https_proxy",
            "http://user:PW9@proxy:notaport",
        ),
        (
            "https://api.nxcdp.invalid",
            "ALL_PROXY",
            "socks5://127.0.0.1:1080",
        ),
        ("http://127.0.0.1:9", "http_proxy", "http://"),
    ] {
        let out = with_proxies(&[(var, value)])
            .env("NXCDP_BASE_URL", base)
            .args(["customers", "query", "-v"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{var}={value}: {}",
            stderr_of(&out)
        );
        assert_stderr_has(&out, &format!("{var} is not a proxy URL"));
        assert!(!stderr_of(&out).contains("PW9"), "{}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("> POST"), "nothing sent");
    }
}

#[test]
fn a_proxy_url_with_control_characters_is_shown_escaped() {
    let dead = common::dead_url();
    let evil = format!("{dead}/\u{1b}]0;TITLE\u{7}\u{202e}");
    let out = with_proxies(&[("HTTP_PROXY", &evil)])
        .env("NXCDP_BASE_URL", "http://api.nxcdp.invalid")
        .args(["customers", "query", "--retries", "0", "-v"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert!(stderr.contains("TITLE"), "the proxy is named: {stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}') && !stderr.contains('\u{202e}'),
        "{stderr:?}"
    );
}
