//! Issue 14, reaching more of the API and more networks: regions, TLS with the system's store and
//! `--ca-cert` (against the sandbox served over HTTPS), `nxcdp api`, `customers get`, the man
//! pages and shell completions that know the values.

mod common;

use common::{
    assert_stderr_has, dead_url, nxcdp, run_ok, sandbox_ids, scrubbed, stderr_of, Sandbox, TempDir,
};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

// ---------------------------------------------------------------------------------------------
// Regions

/// Credentials from the environment, the base from FLAGS, ENV and a profile holding PROFILE's
/// lines; returns the URL `--dry-run` would send to and the `-v` line naming the base.
fn base_in_use(flags: &[&str], env: &[(&str, &str)], profile: &str) -> (String, String) {
    let mut cmd = nxcdp();
    let config = cmd.home.join("config.toml");
    std::fs::write(&config, format!("[default]\n{profile}")).unwrap();
    cmd.env("NXCDP_CONFIG", &config)
        .envs(common::FAKE_CREDENTIALS)
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
            .envs(common::FAKE_CREDENTIALS)
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

// ---------------------------------------------------------------------------------------------
// TLS

/// `nxcdp sandbox --port 0 --customers 5 ARGS`, its stdout lines (base URL, exports) and the
/// first stderr line (the banner); the CA file of `--tls` goes into its own temp dir.
struct TlsSandbox {
    child: Child,
    /// Kept open: the sandbox may write more to stderr.
    _stderr: BufReader<std::process::ChildStderr>,
    _tmp: TempDir,
    base_url: String,
    env: Vec<(String, String)>,
    banner: String,
}

impl TlsSandbox {
    fn start(args: &[&str]) -> TlsSandbox {
        let tmp = TempDir::new();
        let mut cmd = scrubbed(common::nxcdp_bin());
        let mut child = cmd
            .env("TMPDIR", tmp.path())
            .args(["sandbox", "--port", "0", "--customers", "5"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base_url = lines.next().unwrap().unwrap();
        let count = if args.contains(&"--tls") { 6 } else { 5 };
        let env = lines
            .by_ref()
            .take(count)
            .map(|l| {
                let l = l.unwrap();
                let (k, v) = l.trim_start_matches("export ").split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect();
        let mut banner = String::new();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        stderr.read_line(&mut banner).unwrap();
        TlsSandbox {
            child,
            _stderr: stderr,
            _tmp: tmp,
            base_url,
            env,
            banner,
        }
    }

    fn var(&self, name: &str) -> &str {
        &self.env.iter().find(|(k, _)| k == name).unwrap().1
    }

    /// `nxcdp` with the sandbox's variables, `NXCDP_CA_CERT` and the system store's variables
    /// left out.
    fn nxcdp(&self) -> common::Scrubbed<assert_cmd::Command> {
        let mut cmd = nxcdp();
        cmd.envs(
            self.env
                .iter()
                .filter(|(k, _)| k != "NXCDP_CA_CERT")
                .cloned(),
        )
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
        cmd
    }
}

impl Drop for TlsSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A CA made by the test (rcgen), and a leaf it signed for 127.0.0.1, written as PEM files.
struct TestCa {
    dir: TempDir,
}

impl TestCa {
    fn new() -> TestCa {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "Example Corp inspection CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = ca.self_signed(&ca_key).unwrap();
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&leaf_key, &ca, &ca_key)
            .unwrap();
        let dir = TempDir::new();
        std::fs::write(dir.join("ca.pem"), ca.pem()).unwrap();
        std::fs::write(dir.join("leaf.pem"), leaf.pem()).unwrap();
        std::fs::write(dir.join("leaf.key"), leaf_key.serialize_pem()).unwrap();
        TestCa { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn sandbox(&self) -> Sandbox {
        let (cert, key) = (self.path("leaf.pem"), self.path("leaf.key"));
        let sb = Sandbox::start(&[
            "--customers",
            "5",
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ]);
        assert!(
            sb.base_url.starts_with("https://127.0.0.1:"),
            "{}",
            sb.base_url
        );
        sb
    }
}

/// `customers query -o jsonl EXTRA` ids, for a run that must succeed.
fn ids_over(cmd: &mut assert_cmd::Command, extra: &[&std::ffi::OsStr]) -> Vec<String> {
    cmd.args(["customers", "query", "-o", "jsonl"]).args(extra);
    common::ids_of_jsonl(&run_ok(cmd))
}

#[test]
fn https_with_the_ca_given_by_flag_environment_profile_or_system_store() {
    let ca = TestCa::new();
    let sb = ca.sandbox();
    let want = sandbox_ids(5, 42);
    let plain = |cmd: &mut common::Scrubbed<assert_cmd::Command>| {
        cmd.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    };
    let ca_pem = ca.path("ca.pem");

    let mut cmd = sb.nxcdp();
    plain(&mut cmd);
    assert_eq!(
        ids_over(&mut cmd, &["--ca-cert".as_ref(), ca_pem.as_ref()]),
        want
    );

    let mut cmd = sb.nxcdp();
    plain(&mut cmd);
    cmd.env("NXCDP_CA_CERT", &ca_pem);
    assert_eq!(ids_over(&mut cmd, &[]), want);

    // In the profile, a relative path is relative to the config file.
    let mut cmd = sb.nxcdp();
    plain(&mut cmd);
    let config = ca.path("config.toml");
    std::fs::write(&config, "[default]\nca_cert = \"ca.pem\"\n").unwrap();
    cmd.env("NXCDP_CONFIG", &config);
    assert_eq!(ids_over(&mut cmd, &[]), want);

    // The system's store, pointed elsewhere as OpenSSL's variables do.
    let mut cmd = sb.nxcdp();
    plain(&mut cmd);
    cmd.env("SSL_CERT_FILE", &ca_pem);
    assert_eq!(ids_over(&mut cmd, &[]), want);

    let certs = ca.dir.join("certs");
    std::fs::create_dir(&certs).unwrap();
    std::fs::copy(&ca_pem, certs.join("corp-ca.crt")).unwrap();
    let mut cmd = sb.nxcdp();
    plain(&mut cmd);
    cmd.env("SSL_CERT_DIR", &certs);
    assert_eq!(ids_over(&mut cmd, &[]), want);
}

#[test]
fn an_untrusted_certificate_is_exit_5_with_what_to_do_and_no_retry() {
    let ca = TestCa::new();
    let sb = ca.sandbox();
    let mut cmd = sb.nxcdp();
    cmd.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    let out = cmd
        .args(["customers", "query", "-v", "--retries", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    for text in [
        "not trusted",
        "UnknownIssuer",
        "--ca-cert",
        "NXCDP_CA_CERT",
        "HTTPS_PROXY",
    ] {
        assert!(stderr.contains(text), "{text:?} not in {stderr}");
    }
    assert_eq!(
        common::posts(&stderr),
        1,
        "a certificate error is not retried: {stderr}"
    );
}

#[test]
fn a_ca_cert_that_is_not_a_certificate_is_exit_2_before_sending() {
    let dir = TempDir::new();
    let not_pem = dir.join("not.pem");
    std::fs::write(&not_pem, "hello\n").unwrap();
    let broken = dir.join("broken.pem");
    std::fs::write(
        &broken,
        "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    for (path, says) in [
        (dir.join("missing.pem"), "cannot read"),
        (not_pem, "holds no certificate"),
        (broken, "not a valid CA certificate"),
        // A pipe would block the read: refused, not waited on.
        (common::fifo(&dir.join("pipe.pem")), "not a regular file"),
    ] {
        let out = common::nxcdp_offline()
            .args(["customers", "query", "-v", "--ca-cert"])
            .arg(&path)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert_stderr_has(&out, says);
        assert!(!stderr_of(&out).contains("> POST"));
    }
}

#[test]
fn sandbox_tls_makes_a_ca_and_prints_its_path() {
    let sb = TlsSandbox::start(&["--tls"]);
    assert!(
        sb.base_url.starts_with("https://127.0.0.1:"),
        "{}",
        sb.base_url
    );
    assert_eq!(sb.var("NXCDP_BASE_URL"), sb.base_url);
    let ca = PathBuf::from(sb.var("NXCDP_CA_CERT"));
    assert!(
        ca.starts_with(sb._tmp.path()),
        "the CA is in the temp dir: {ca:?}"
    );
    assert!(std::fs::read_to_string(&ca)
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));
    let mut trusted = sb.nxcdp();
    trusted.env("NXCDP_CA_CERT", &ca);
    assert_eq!(ids_over(&mut trusted, &[]), sandbox_ids(5, 42));
    // localhost is in the certificate too.
    let mut by_name = sb.nxcdp();
    by_name.env("NXCDP_CA_CERT", &ca).env(
        "NXCDP_BASE_URL",
        sb.base_url.replace("127.0.0.1", "localhost"),
    );
    assert_eq!(ids_over(&mut by_name, &[]).len(), 5);
    let out = sb.nxcdp().args(["customers", "query"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_stderr_has(&out, "--ca-cert");
}

#[test]
fn sandbox_tls_files_that_are_not_a_certificate_and_key_are_exit_2() {
    let ca = TestCa::new();
    let out = nxcdp()
        .args(["sandbox", "--port", "0", "--tls-cert"])
        .arg(ca.path("leaf.key"))
        .arg("--tls-key")
        .arg(ca.path("leaf.pem"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_stderr_has(&out, "--tls-cert");
}

// ---------------------------------------------------------------------------------------------
// nxcdp api

fn api(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.nxcdp().arg("api").args(args).output().unwrap()
}

const FIELDS: &str = "/saas/cdp/openapi/customers/fields";
const QUERY: &str = "/saas/cdp/openapi/customers/query";

#[test]
fn api_gets_with_fields_in_the_query_string_and_posts_json() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let out = api(
        &sb,
        &[
            "-X",
            "get",
            FIELDS,
            "-f",
            "tenant_id={tenant_id}",
            "-f",
            "app_key={app_key}",
            "-F",
            "is_preset=false",
            "-v",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_stderr_has(
        &out,
        &format!(
            "> GET {}{FIELDS}?tenant_id=1&app_key=sandbox&is_preset=false",
            sb.base_url
        ),
    );
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields = body["data"].as_array().unwrap();
    assert!(
        !fields.is_empty() && fields.iter().all(|f| f["is_preset"] == false),
        "{body}"
    );

    // POST by default with fields; the answer is printed as it came: ids exact.
    let out = api(
        &sb,
        &[
            QUERY,
            "-F",
            "tenant_id={tenant_id}",
            "-f",
            "app_key={app_key}",
            "-F",
            "limit=3",
            "-v",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_stderr_has(&out, "> POST");
    let text = String::from_utf8(out.stdout).unwrap();
    let ids = sandbox_ids(30, 42);
    for id in &ids[..3] {
        assert!(
            text.contains(&format!("\"id\":{id},")),
            "{id} exact in {text}"
        );
    }
    assert!(!text.contains(&format!("\"id\":{},", ids[3])));
}

#[test]
fn api_input_bytes_are_signed_and_sent_unchanged() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let body = "{ \"tenant_id\" : 1,\n  \"app_key\":\"sandbox\", \"limit\":2 , \"name\":\"牛\"}";
    let file = dir.join("body.json");
    std::fs::write(&file, body).unwrap();
    let out = api(
        &sb,
        &[QUERY, "--input", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.ends_with(&format!("\n\n{body}\n")), "{shown}");
    // The sandbox checks the signature over the bytes it received.
    let out = api(&sb, &[QUERY, "--input", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["code"], 0);
    let out = sb
        .nxcdp()
        .args(["api", QUERY, "--input", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn api_signs_other_products_and_exits_by_code_and_status() {
    use md5::{Digest, Md5};
    let sb = Sandbox::start(&["--customers", "5"]);
    let out = api(
        &sb,
        &[
            "/openapi/agent/chat",
            "--biz-type",
            "100",
            "--action",
            "nxai",
            "-f",
            "q=hi",
            "--dry-run",
        ],
    );
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    let header = |name: &str| {
        shown
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in {shown}"))
            .to_string()
    };
    assert_eq!(header("bizType"), "100");
    assert_eq!(header("action"), "nxai");
    // API.md section 3, computed here independently of nxcdp's signer.
    let signed = format!(
        "accessKey=sandbox&action=nxai&bizType=100&ts={}&body={{\"q\":\"hi\"}}&accessSecret=sandbox-secret",
        header("ts")
    );
    assert_eq!(header("sign"), hex::encode(Md5::digest(signed.as_bytes())));

    // The sandbox serves the CDP only: another bizType is a parameter error, exit 4, and the
    // answer is printed.
    let out = api(&sb, &[FIELDS, "--biz-type", "100", "--action", "nxai"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["code"], 1002);
    assert_stderr_has(&out, "API error 1002");

    let out = sb
        .nxcdp()
        .env("NXCDP_ACCESS_SECRET", "wrong")
        .args(["api", FIELDS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));

    let out = api(&sb, &["/no/such/endpoint"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert_stderr_has(&out, "HTTP 404");
}

#[test]
fn api_retries_sends_extra_headers_and_prints_curl() {
    let sb = Sandbox::start(&["--customers", "5", "--fail-first", "2"]);
    let out = api(
        &sb,
        &[
            FIELDS,
            "-f",
            "tenant_id=1",
            "-f",
            "app_key=sandbox",
            "-X",
            "GET",
            "-vv",
            "-H",
            "X-Request-Note: hello",
            "--retries",
            "3",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("retry 2 of 3"), "{stderr}");
    assert!(stderr.contains("> X-Request-Note: hello"), "{stderr}");
    let out = api(&sb, &[QUERY, "-F", "limit=1", "--curl"]);
    let curl = String::from_utf8(out.stdout).unwrap();
    assert!(
        curl.starts_with("curl -X POST ")
            && curl.contains("'bizType: 2'")
            && curl.contains("--data-raw '{\"limit\":1}'"),
        "{curl}"
    );
}

#[test]
fn api_usage_errors_are_exit_2_before_sending() {
    let cases: &[(&[&str], &str)] = &[
        (&["https://api.nxcloud.com/x"], "not a URL"),
        (&["x"], "must start with /"),
        (&["/x", "-F", "limit=abc"], "not a JSON value"),
        (&["/x", "-f", "a=1", "-F", "a=2"], "given twice"),
        (&["/x", "-H", "sign: 1"], "set by nxcdp"),
        (&["/x", "-H", "no colon"], "Name: value"),
        (&["/x", "--biz-type", "1&x=2"], "use digits"),
        (&["/x", "--biz-type", "mt"], "use digits"),
        (&["/x", "--action", "a&b"], "no spaces, & or ="),
        (
            &["/x", "-X", "GET", "--input", "-"],
            "not with --method GET",
        ),
        (&["/x", "-X", "TRACE"], "possible values"),
    ];
    for (args, says) in cases {
        let out = common::nxcdp_offline()
            .arg("api")
            .args(*args)
            .arg("-v")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert_stderr_has(&out, says);
        assert!(!stderr_of(&out).contains("> "), "{args:?} sent nothing");
    }
}

#[test]
fn api_pretty_prints_on_a_terminal_with_ids_exact() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let mut cmd = scrubbed("script");
    cmd.args([
        "-qec",
        &format!(
            "{} api {QUERY} -F tenant_id=1 -f app_key=sandbox -F limit=1",
            common::nxcdp_bin().display()
        ),
        "/dev/null",
    ]);
    cmd.envs(&sb.env);
    let out = cmd.output().expect("script(1) from util-linux runs");
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(text.starts_with("{\n  \"code\": 0,\n"), "{text}");
    let id = &sandbox_ids(5, 42)[0];
    assert!(
        text.contains(&format!("\n        \"id\": {id},\n")),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// customers get

#[test]
fn get_prints_the_customers_found_in_every_format_and_exits_4_for_the_others() {
    let sb = Sandbox::start(&["--customers", "40"]);
    let ids = sandbox_ids(40, 42);
    let (newest, middle, oldest) = (&ids[0], &ids[17], &ids[39]);
    let unknown = (ids[17].parse::<i64>().unwrap() - 1).to_string();
    let get = |args: &[&str]| {
        sb.nxcdp()
            .args(["customers", "get"])
            .args(args)
            .output()
            .unwrap()
    };

    let out = get(&[middle, &unknown, oldest, newest, middle, "-o", "jsonl"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(common::ids_of_jsonl(&stdout), [&**middle, oldest, newest]);
    assert_stderr_has(&out, &format!("not found: customer {unknown}"));

    let all = get(&[newest, oldest, "-o", "json"]);
    assert!(all.status.success());
    let array: Vec<serde_json::Value> = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(array.len(), 2);
    for format in ["csv", "table"] {
        let out = get(&[oldest, "-o", format, "--columns", "id,full_name"]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(
            text.lines().nth(1).unwrap().starts_with(oldest.as_str()),
            "{text}"
        );
    }
    let out = get(&[newest, "--jq", ".id"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{newest}\n")
    );

    let out = sb
        .nxcdp()
        .args(["customers", "get", "-", "-o", "jsonl"])
        .write_stdin(format!("{oldest}\n{newest} {oldest}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        common::ids_of_jsonl(&String::from_utf8(out.stdout).unwrap()),
        [&**oldest, newest]
    );

    let out = get(&[&unknown]);
    assert_eq!(out.status.code(), Some(4));
    assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains(&unknown));
}

#[test]
fn get_refuses_what_is_not_an_id_before_sending() {
    for bad in ["abc", "0", "-5", "1.5", "99999999999999999999"] {
        let out = common::nxcdp_offline()
            .args(["customers", "get", "-v", "1", "--", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr_of(&out));
        assert_stderr_has(&out, "not a customer id");
    }
    let out = nxcdp()
        .args(["customers", "get", "--sandbox", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// Man pages

/// The pages a roff page cross-references: `\fBname\fR(1)` and `name(1)`.
fn references(page: &str) -> Vec<String> {
    let plain = page
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-");
    let mut found = Vec::new();
    let mut rest = plain.as_str();
    while let Some(at) = rest.find("(1)") {
        let before = &rest[..at];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        if before[start..].starts_with("nxcdp") {
            found.push(before[start..].to_string());
        }
        rest = &rest[at + 3..];
    }
    found
}

#[test]
fn man_writes_a_page_per_command_that_renders_and_references_only_pages_that_exist() {
    let dir = TempDir::new();
    let out_dir = dir.join("man");
    run_ok(nxcdp().args(["man", "-q", "--out-dir"]).arg(&out_dir));
    let names: std::collections::BTreeSet<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for want in [
        "nxcdp.1",
        "nxcdp-customers.1",
        "nxcdp-customers-query.1",
        "nxcdp-customers-get.1",
        "nxcdp-customers-export.1",
        "nxcdp-customers-fields.1",
        "nxcdp-api.1",
        "nxcdp-sandbox.1",
        "nxcdp-config.1",
        "nxcdp-config-set.1",
        "nxcdp-completions.1",
        "nxcdp-man.1",
    ] {
        assert!(names.contains(want), "{want} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let top = std::fs::read_to_string(out_dir.join("nxcdp.1")).unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(top.contains(section), "{section} not in nxcdp.1");
    }
    assert!(
        top.contains("NXCDP_REGION")
            && top.contains("NXCDP_CA_CERT")
            && top.contains("HTTPS_PROXY")
    );
    assert_eq!(run_ok(nxcdp().arg("man")), top, "nxcdp man prints nxcdp.1");
    let mut referenced = 0;
    for name in &names {
        let page = std::fs::read_to_string(out_dir.join(name)).unwrap();
        assert!(
            page.contains(&format!(".TH {}", name.trim_end_matches(".1"))),
            "{name}"
        );
        assert!(page.contains(".SH \"SEE ALSO\""), "{name} has SEE ALSO");
        for reference in references(&page) {
            referenced += 1;
            assert!(
                names.contains(&format!("{reference}.1")),
                "{name} refers to {reference}(1)"
            );
        }
    }
    assert!(
        referenced > 20,
        "the check saw the references ({referenced})"
    );
    let query = std::fs::read_to_string(out_dir.join("nxcdp-customers-query.1")).unwrap();
    assert!(query.contains(".SH EXAMPLES") && query.contains("\\-\\-source\\-type"));
    // The source types by name, and what --retries counts.
    assert!(query.contains("excel\\-import") && query.contains("customer\\-initiated\\-11"));
    assert!(query.contains("Retry\\-After spends none"));
    render(&out_dir.join("nxcdp.1"));
    render(&out_dir.join("nxcdp-api.1"));
}

/// Renders a page through groff (or `man -l`), with warnings on; the text must have its sections
/// and no roff warning. `.ci/run` installs groff.
fn render(page: &Path) {
    let have = |tool: &str| {
        common::scrubbed("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let out = if have("groff") {
        common::scrubbed("groff")
            .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
            .arg(page)
            .output()
            .unwrap()
    } else {
        assert!(
            have("man"),
            "rendering man pages needs groff (or man): install groff-base"
        );
        common::scrubbed("man")
            .arg("-l")
            .arg(page)
            .env("MANPAGER", "cat")
            .output()
            .unwrap()
    };
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "EXAMPLES", "SEE ALSO"] {
        assert!(
            text.contains(&format!("\n{section}\n")),
            "{section} not in {text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Completions

/// Completes the last word of LINE with the committed bash script; returns the candidates.
fn bash_complete(words: &[&str], env: &[(&str, &str)]) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/completions/nxcdp.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let program = format!(
        "source '{script}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\n_nxcdp nxcdp '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words[cword],
        words[cword - 1]
    );
    let bin_dir = common::nxcdp_bin().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = scrubbed("bash");
    let out = cmd
        .args(["--norc", "-c", &program])
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_source_types_regions_logic_columns_and_profiles() {
    let query = ["nxcdp", "customers", "query"];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        query.iter().copied().chain(extra.iter().copied()).collect()
    };
    let got = bash_complete(&with(&["--source-type", ""]), &[]);
    for name in [
        "excel-import",
        "sms-bulk",
        "form",
        "line",
        "third-party-api",
    ] {
        assert!(got.iter().any(|g| g == name), "{name} not in {got:?}");
    }
    assert_eq!(
        bash_complete(&with(&["--source-type", "ex"]), &[]),
        ["excel-import"]
    );
    assert_eq!(
        bash_complete(&with(&["--region", ""]), &[]),
        ["default", "hk", "americas", "idn"]
    );
    assert_eq!(
        bash_complete(&["nxcdp", "api", "--region", "a"], &[]),
        ["americas"]
    );
    assert_eq!(
        bash_complete(&with(&["--tags-logic", ""]), &[]),
        ["and", "or"]
    );
    let columns = bash_complete(&with(&["--columns", "full"]), &[]);
    assert_eq!(columns, ["full_name"]);
    let fields = bash_complete(
        &["nxcdp", "customers", "fields", "--columns", "display"],
        &[],
    );
    assert_eq!(fields, ["display_name", "display_en_name"]);
    let dir = TempDir::new();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        "[default]\n[staging]\n[prod-hk]\nregion = \"hk\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    assert_eq!(
        bash_complete(&with(&["--profile", ""]), &[("NXCDP_CONFIG", config)]),
        ["default", "prod-hk", "staging"]
    );
    assert_eq!(
        bash_complete(
            &["nxcdp", "config", "list", "--profile", "st"],
            &[("NXCDP_CONFIG", config)]
        ),
        ["staging"]
    );
}

#[test]
fn zsh_and_fish_scripts_know_the_values_and_ask_for_profiles() {
    for shell in ["zsh", "fish"] {
        let script = run_ok(nxcdp().args(["completions", shell]));
        for value in [
            "excel-import",
            "americas",
            "full_name",
            "display_en_name",
            "nxcdp config profiles",
        ] {
            assert!(script.contains(value), "{value} not in the {shell} script");
        }
    }
}

#[test]
fn bash_offers_profile_names_as_text_and_runs_none_of_them() {
    let dir = TempDir::new();
    let marker = dir.join("pwned");
    let config = dir.join("config.toml");
    let evil = format!("$(touch {})", marker.display());
    let tick = format!("`touch {}`", marker.display());
    std::fs::write(
        &config,
        format!("[\"{evil}\"]\n[\"{tick}\"]\n[\"x;y\"]\n[\"$HOME\"]\n"),
    )
    .unwrap();
    let env = [("NXCDP_CONFIG", config.to_str().unwrap())];
    let got = bash_complete(&["nxcdp", "customers", "query", "--profile", ""], &env);
    assert!(!marker.exists(), "completing a profile ran a command");
    let mut want = vec![evil, tick, "x;y".to_string(), "$HOME".to_string()];
    want.sort();
    let mut got = got;
    got.sort();
    assert_eq!(got, want);
}
