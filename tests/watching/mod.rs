//! A `customers watch` running in the background for the watch tests, its output arriving line
//! by line: a test waits for a line, never for a time.
#![allow(dead_code)]

pub mod log;
pub mod tenant;

use crate::common::Sandbox;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// Long enough for anything a test waits for on a loaded machine; reaching it fails the test.
pub const PATIENCE: Duration = Duration::from_secs(120);

pub struct Running {
    pub child: Child,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
    /// The stdout and stderr lines read so far.
    pub printed: Vec<String>,
    pub said: Vec<String>,
}

fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

impl Running {
    /// `nxcdp customers watch ARGS` against the sandbox.
    pub fn start(sb: &Sandbox, args: &[&str]) -> Running {
        let mut cmd = sb.command();
        cmd.args(["customers", "watch"]).args(args);
        Running::spawn_std(&mut cmd)
    }

    /// `nxcdp customers watch ARGS` against the test's own server at `addr`.
    pub fn against(addr: std::net::SocketAddr, args: &[&str]) -> Running {
        let mut cmd = crate::common::scrubbed(crate::common::nxcdp_bin());
        cmd.envs(crate::common::FAKE_CREDENTIALS)
            .env("NXCDP_BASE_URL", format!("http://{addr}"))
            .args(["customers", "watch"])
            .args(args);
        Running::spawn_std(&mut cmd)
    }

    fn spawn_std(cmd: &mut std::process::Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        Running {
            stdout: lines(child.stdout.take().unwrap()),
            stderr: lines(child.stderr.take().unwrap()),
            child,
            printed: Vec::new(),
            said: Vec::new(),
        }
    }

    /// Waits for a stderr line holding `text`.
    pub fn wait_said(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.said.iter().any(|l| l.contains(text)) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => self.said.push(line),
                Err(_) => panic!("no {text:?} on stderr: {:?}", self.said),
            }
        }
    }

    /// Waits for the watch's first walk to end.
    pub fn wait_watching(&mut self) {
        self.wait_said("watching for new customers");
    }

    /// Waits until `enough` holds of the ids printed (`-o jsonl`).
    pub fn wait_printed(&mut self, enough: impl Fn(&[i64]) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !enough(&self.ids()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stdout.recv_timeout(left) {
                Ok(line) => self.printed.push(line),
                Err(_) => panic!("printed only {} customers", self.printed.len()),
            }
        }
    }

    /// The ids printed so far, one JSON line each.
    pub fn ids(&self) -> Vec<i64> {
        let jsonl = self.printed.join("\n");
        let ids = crate::common::ids_of_jsonl(&jsonl);
        ids.iter().map(|id| id.parse().unwrap()).collect()
    }

    /// `kill -NAME` (`TERM`, `HUP`, ...).
    pub fn signal(&self, name: &str) {
        crate::common::signal(self.child.id(), name);
    }

    /// Waits for the exit: its code; `printed` and `said` then hold all it wrote.
    pub fn finish(&mut self) -> Option<i32> {
        let status = self.child.wait().unwrap();
        self.printed.extend(self.stdout.iter());
        self.said.extend(self.stderr.iter());
        status.code()
    }

    /// SIGTERM, then everything it printed; it must exit 0.
    pub fn stop(mut self) -> Vec<i64> {
        self.signal("TERM");
        let code = self.finish();
        assert_eq!(code, Some(0), "{}", self.said.join("\n"));
        self.ids()
    }

    /// `kill -9`: the ids it printed before.
    pub fn kill(mut self) -> Vec<i64> {
        self.child.kill().unwrap();
        self.finish();
        self.ids()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `customers watch --once -o jsonl --bookmark BOOKMARK`, which must exit 0: the ids it printed,
/// and what it said on stderr.
pub fn once(sb: &Sandbox, bookmark: &std::path::Path) -> (Vec<i64>, String) {
    let out = sb
        .nxcdp()
        .args(["customers", "watch", "--once", "-o", "jsonl", "--bookmark"])
        .arg(bookmark)
        .output()
        .unwrap();
    let said = crate::common::stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{said}");
    let ids = crate::common::ids_of_jsonl(&String::from_utf8_lossy(&out.stdout));
    (ids.iter().map(|id| id.parse().unwrap()).collect(), said)
}
