//! Test support: the real `nxcdp sandbox` binary on a free loopback port, and `nxcdp` commands
//! pointed at it with nothing inherited from the developer's environment or config.
#![allow(dead_code)]

pub mod evil;
pub mod proxy;
pub mod screen;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

mod running;
#[allow(unused_imports)] // Not every test file runs processes that way.
pub use running::*;

/// A fresh directory under the system's temp dir, removed with everything in it on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!("nxcdp-test-{}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return TempDir(path),
                // Left by an earlier run whose process had the same id: take the next name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => panic!("cannot create {}: {e}", path.display()),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.0.join(name)
    }
}

impl Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A command that runs with a scrubbed environment, and the temp dir that is its `HOME`; the
/// dir lives as long as the command. Derefs to the command.
pub struct Scrubbed<C> {
    pub cmd: C,
    pub home: TempDir,
}

impl<C> Deref for Scrubbed<C> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.cmd
    }
}

impl<C> DerefMut for Scrubbed<C> {
    fn deref_mut(&mut self) -> &mut C {
        &mut self.cmd
    }
}

/// The one way tests build a process, `nxcdp` or any other (`sh`, `script`, `python3`): no
/// `NXCDP_*` variable, no locale and no `NO_COLOR` from the developer's shell, and `HOME`,
/// `XDG_CONFIG_HOME` and `NXCDP_CONFIG` inside a fresh temp dir, where no config file exists.
/// Every sandbox it starts (`nxcdp sandbox`, `--sandbox`) generates its data as of the same time
/// as this process's `nxcdp::sandbox::data::generate` (`NXCDP_SANDBOX_AS_OF`), so that all of
/// them, and the data a test computes, agree on `created_at`.
pub fn scrubbed(program: impl AsRef<OsStr>) -> Scrubbed<Command> {
    let home = TempDir::new();
    let mut cmd = Command::new(program);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("NXCDP_") {
            cmd.env_remove(k);
        }
    }
    // No locale either: it picks the language of custom-field headers.
    for var in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        cmd.env_remove(var);
    }
    let as_of = jiff::Timestamp::from_millisecond(nxcdp::sandbox::data::anchor_ms()).unwrap();
    cmd.env_remove("NO_COLOR")
        .env(nxcdp::sandbox::AS_OF_ENV, as_of.to_string())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("NXCDP_CONFIG", home.join(".config/nxcdp/config.toml"));
    Scrubbed { cmd, home }
}

/// The path of the `nxcdp` binary under test.
pub fn nxcdp_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("nxcdp")
}

/// `nxcdp`, scrubbed (see [`scrubbed`]), as an `assert_cmd` command.
pub fn nxcdp() -> Scrubbed<assert_cmd::Command> {
    let Scrubbed { cmd, home } = scrubbed(nxcdp_bin());
    Scrubbed {
        cmd: assert_cmd::Command::from_std(cmd),
        home,
    }
}

pub struct Sandbox {
    child: Child,
    _home: TempDir,
    pub base_url: String,
    pub env: HashMap<String, String>,
}

impl Sandbox {
    /// Starts `nxcdp sandbox --port 0 ARGS` and waits for the lines it prints once it listens.
    pub fn start(args: &[&str]) -> Sandbox {
        Sandbox::start_on(0, args)
    }

    /// Stops this sandbox and starts `nxcdp sandbox ARGS` on its port: the same server for an
    /// export's state (its base URL), now serving as ARGS say (a failing one healthy again).
    pub fn restart(mut self, args: &[&str]) -> Sandbox {
        let port = self.base_url.rsplit(':').next().unwrap().parse().unwrap();
        stop(&mut self.child);
        Sandbox::start_on(port, args)
    }

    /// The sandbox's process id, to hold it (`SIGSTOP`: it then answers nothing) and let it go.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the sandbox has exited, and how.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().unwrap()
    }

    fn start_on(port: u16, args: &[&str]) -> Sandbox {
        let Scrubbed { mut cmd, home } = scrubbed(nxcdp_bin());
        let mut child = cmd
            .args(["sandbox", "--port", &port.to_string()])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the nxcdp binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base_url = lines.next().expect("a base URL line").unwrap();
        let mut env = HashMap::new();
        // With --tls, a sixth line: NXCDP_CA_CERT.
        let count = if args.contains(&"--tls") { 6 } else { 5 };
        for line in lines.by_ref().take(count) {
            let line = line.unwrap();
            let (k, v) = line.trim_start_matches("export ").split_once('=').unwrap();
            env.insert(k.to_string(), v.to_string());
        }
        assert_eq!(env["NXCDP_BASE_URL"], base_url);
        Sandbox {
            child,
            _home: home,
            base_url,
            env,
        }
    }

    /// `nxcdp`, scrubbed, with the sandbox's `NXCDP_*` variables and no config file.
    pub fn nxcdp(&self) -> Scrubbed<assert_cmd::Command> {
        let mut cmd = nxcdp();
        cmd.envs(&self.env);
        cmd
    }

    /// The same as a `std::process::Command`, for tests that spawn it and act while it runs.
    pub fn command(&self) -> Scrubbed<Command> {
        let mut cmd = scrubbed(nxcdp_bin());
        cmd.envs(&self.env);
        cmd
    }

    pub fn secret(&self) -> &str {
        &self.env["NXCDP_ACCESS_SECRET"]
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
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

/// `nxcdp customers query ARGS` against the sandbox; returns stdout, panics with stderr when
/// it fails.
pub fn query(sb: &Sandbox, args: &[&str]) -> String {
    run_ok(sb.nxcdp().args(["customers", "query"]).args(args))
}

/// `nxcdp customers query ARGS` against the sandbox, whatever its outcome.
pub fn try_query(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.nxcdp()
        .args(["customers", "query"])
        .args(args)
        .output()
        .unwrap()
}

/// Credentials in the environment that no server accepts: enough for nxcdp to get as far as
/// sending.
pub const FAKE_CREDENTIALS: [(&str, &str); 4] = [
    ("NXCDP_ACCESS_KEY", "k"),
    ("NXCDP_ACCESS_SECRET", "s"),
    ("NXCDP_TENANT_ID", "1"),
    ("NXCDP_APP_KEY", "a"),
];

/// `nxcdp` with [`FAKE_CREDENTIALS`] and a base URL where nothing listens: were anything sent,
/// it would fail to connect (exit 5), so an exit 2 proves nothing was.
pub fn nxcdp_offline() -> Scrubbed<assert_cmd::Command> {
    let mut cmd = nxcdp();
    cmd.envs(FAKE_CREDENTIALS).env("NXCDP_BASE_URL", dead_url());
    cmd
}

/// A named pipe at `path`: what blocks a reader that expects a file.
pub fn fifo(path: &Path) -> PathBuf {
    let made = scrubbed("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
    path.to_path_buf()
}

/// The data of [`failing_sandbox`]: 300 customers from seed 6.
pub const FAILING_DATA: [&str; 4] = ["--customers", "300", "--seed", "6"];

/// A sandbox of 300 customers (seed 6) whose answers turn to garbage after five requests:
/// exports stop part-way. `.restart(&FAILING_DATA)` makes it healthy again for a resume.
pub fn failing_sandbox() -> Sandbox {
    Sandbox::start(
        &[
            &FAILING_DATA[..],
            &["--garbage", "text", "--garbage-after", "5"],
        ]
        .concat(),
    )
}

/// An address on loopback where nothing listens (a port the system just handed out and took
/// back).
pub fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

/// A walk of every customer of the sandbox's tenant, 50 a page.
pub fn walk_all() -> nxcdp::paginator::Walk {
    nxcdp::paginator::Walk {
        body: nxcdp::query::QueryBody {
            tenant_id: 1,
            app_key: "sandbox".into(),
            ..Default::default()
        },
        start: nxcdp::paginator::Cursor::First,
        limit: None,
        page_size: 50,
    }
}

/// An in-process sandbox, and the `--parallel` plan of a walk of all its customers for
/// `workers`.
pub fn planned(
    config: nxcdp::sandbox::Config,
    workers: usize,
) -> (
    tokio::runtime::Runtime,
    std::sync::Arc<nxcdp::transport::Client>,
    nxcdp::paginator::Walk,
    nxcdp::parallel::Plan,
) {
    let (runtime, client) = in_process(config, 0);
    let walk = walk_all();
    let plan = runtime
        .block_on(nxcdp::parallel::plan(&client, &walk, workers))
        .unwrap();
    (runtime, client, walk, plan)
}

/// The ids of the customers a sandbox of `count` customers from `seed` serves, newest first.
pub fn sandbox_ids(count: usize, seed: u64) -> Vec<String> {
    nxcdp::sandbox::data::generate(count, seed, 1)
        .iter()
        .map(|c| c.id.to_string())
        .collect()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts that a run exited with CODE; returns its stderr, which the failure shows.
#[track_caller]
pub fn assert_exit(out: &std::process::Output, code: i32) -> String {
    let stderr = stderr_of(out);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

/// Asserts that a run's stderr holds TEXT; shows the stderr when it does not.
#[track_caller]
pub fn assert_stderr_has(out: &std::process::Output, text: &str) {
    let stderr = stderr_of(out);
    assert!(stderr.contains(text), "{text:?} not in stderr: {stderr}");
}

/// How many requests `-v` says were sent.
pub fn posts(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("> POST")).count()
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

/// Runs nxcdp on a pseudo-terminal (util-linux `script`), `cols` columns wide (and 50 rows: a
/// terminal of no rows has no size).
pub fn on_terminal(sb: &Sandbox, cols: u32, no_color: bool, args: &str) -> String {
    let mut cmd = scrubbed("script");
    cmd.args([
        "-qec",
        &format!("stty rows 50 cols {cols}; {} {args}", nxcdp_bin().display()),
        "/dev/null",
    ]);
    cmd.envs(&sb.env);
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().expect("script(1) from util-linux runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
