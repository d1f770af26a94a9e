//! TLS: the system store and `--ca-cert`, against the sandbox served over HTTPS.

use crate::common::{
    assert_stderr_has, nxcdp, run_ok, sandbox_ids, scrubbed, stderr_of, Sandbox, TempDir,
};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};

/// `nxcdp sandbox --port 0 --customers 5 ARGS`, its stdout lines (base URL, exports) and the
/// first stderr line (the banner); the CA file of `--tls` goes into its own temp dir.
pub struct TlsSandbox {
    child: Child,
    /// Kept open: the sandbox may write more to stderr.
    _stderr: BufReader<std::process::ChildStderr>,
    _tmp: TempDir,
    pub base_url: String,
    pub env: Vec<(String, String)>,
    pub banner: String,
}

impl TlsSandbox {
    pub fn start(args: &[&str]) -> TlsSandbox {
        let tmp = TempDir::new();
        let mut cmd = scrubbed(crate::common::nxcdp_bin());
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

    pub fn var(&self, name: &str) -> &str {
        &self.env.iter().find(|(k, _)| k == name).unwrap().1
    }

    /// `nxcdp` with the sandbox's variables, `NXCDP_CA_CERT` and the system store's variables
    /// left out.
    fn nxcdp(&self) -> crate::common::Scrubbed<assert_cmd::Command> {
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
        crate::common::stop(&mut self.child);
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

    pub fn path(&self, name: &str) -> PathBuf {
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
    crate::common::ids_of_jsonl(&run_ok(cmd))
}

#[test]
fn https_with_the_ca_given_by_flag_environment_profile_or_system_store() {
    let ca = TestCa::new();
    let sb = ca.sandbox();
    let want = sandbox_ids(5, 42);
    let plain = |cmd: &mut crate::common::Scrubbed<assert_cmd::Command>| {
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
        crate::common::posts(&stderr),
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
        (
            crate::common::fifo(&dir.join("pipe.pem")),
            "not a regular file",
        ),
    ] {
        let out = crate::common::nxcdp_offline()
            .args(["customers", "query", "-v", "--ca-cert"])
            .arg(&path)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert_stderr_has(&out, says);
        assert!(!stderr_of(&out).contains("> POST"));
    }
    // The message names where the CA was set.
    let out = crate::common::nxcdp_offline()
        .env("NXCDP_CA_CERT", dir.join("missing.pem"))
        .args(["customers", "query"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_stderr_has(&out, "NXCDP_CA_CERT ");
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
