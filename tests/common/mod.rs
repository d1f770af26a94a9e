//! Test support: the real `nxcdp sandbox` binary on a free loopback port, and `nxcdp` commands
//! pointed at it with nothing inherited from the developer's environment or config.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Sandbox {
    child: Child,
    pub base_url: String,
    pub env: HashMap<String, String>,
}

impl Sandbox {
    /// Starts `nxcdp sandbox --port 0 ARGS` and waits for the lines it prints once it listens.
    pub fn start(args: &[&str]) -> Sandbox {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("nxcdp"))
            .args(["sandbox", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the nxcdp binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base_url = lines.next().expect("a base URL line").unwrap();
        let mut env = HashMap::new();
        for line in lines.by_ref().take(5) {
            let line = line.unwrap();
            let (k, v) = line.trim_start_matches("export ").split_once('=').unwrap();
            env.insert(k.to_string(), v.to_string());
        }
        assert_eq!(env["NXCDP_BASE_URL"], base_url);
        Sandbox {
            child,
            base_url,
            env,
        }
    }

    /// `nxcdp` with the sandbox's `NXCDP_*` variables and no config file.
    pub fn nxcdp(&self) -> assert_cmd::Command {
        let mut cmd = nxcdp();
        cmd.envs(&self.env);
        cmd
    }

    pub fn secret(&self) -> &str {
        &self.env["NXCDP_ACCESS_SECRET"]
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `nxcdp` with no `NXCDP_*` variables from outside and a config path that does not exist.
pub fn nxcdp() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("nxcdp").unwrap();
    for (k, _) in std::env::vars() {
        if k.starts_with("NXCDP_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("NXCDP_CONFIG", "/nonexistent/nxcdp-test/config.toml");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs a query and returns stdout; panics with stderr when it fails.
pub fn run_ok(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "nxcdp failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `id` of each JSON line, as text exactly as printed.
pub fn ids_of_jsonl(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            v["id"].as_i64().expect("an integer id").to_string()
        })
        .collect()
}

/// Every customer of a sandbox as JSON values, newest first, via `--all -o jsonl`.
pub fn all_customers(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    run_ok(
        sandbox
            .nxcdp()
            .args(["customers", "query", "--all", "-o", "jsonl"]),
    )
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect()
}

/// A sandbox inside the test process and a client pointed at it, for tests of the library's
/// stages (paginator, windows) rather than of the binary.
pub fn in_process(
    config: nxcdp::sandbox::Config,
    retries: u32,
) -> (
    tokio::runtime::Runtime,
    std::sync::Arc<nxcdp::transport::Client>,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (addr, server) = runtime
        .block_on(nxcdp::sandbox::bind(config.clone()))
        .unwrap();
    runtime.spawn(server);
    let settings = nxcdp::transport::Settings {
        algorithm: nxcdp::sign::Algorithm::Md5,
        timeout: std::time::Duration::from_secs(10),
        retries,
        verbose: 0,
        quiet: true,
        concurrency: 8,
        rate: None,
    };
    let target = nxcdp::commands::sandbox::target(addr, &config);
    (
        runtime,
        std::sync::Arc::new(nxcdp::transport::Client::new(target, settings).unwrap()),
    )
}

/// `nxcdp customers export --file PATH --page-size 20 EXTRA` against the sandbox.
pub fn export(sb: &Sandbox, path: &std::path::Path, extra: &[&str]) -> std::process::Output {
    sb.nxcdp()
        .args([
            "customers",
            "export",
            "--file",
            path.to_str().unwrap(),
            "--page-size",
            "20",
        ])
        .args(extra)
        .output()
        .unwrap()
}
