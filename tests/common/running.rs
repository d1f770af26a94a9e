//! Exports left running, the signals sent to them and to sandboxes, and what a test waits for
//! while they run: a lock taken, a page saved.

use super::{scrubbed, Sandbox, Scrubbed};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Sends `kill -SIGNAL PID` (`TERM`, `STOP`, ...).
pub fn signal(pid: u32, signal: &str) {
    let status = scrubbed("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// Stops a server as a user does, SIGTERM (and SIGCONT, should a test have held it with
/// SIGSTOP), and waits for it: a `--tls` sandbox then removes its CA file from the temp dir,
/// which SIGKILL would leave behind. One that is still there a minute later is killed.
pub fn stop(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(None) = child.try_wait() {
        for signal in ["-TERM", "-CONT"] {
            let _ = scrubbed("kill")
                .args([signal, &child.id().to_string()])
                .stderr(Stdio::null())
                .status();
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while let Ok(None) = child.try_wait() {
            if std::time::Instant::now() > deadline {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Waits until `done` holds, checking every few milliseconds; fails after a minute, saying what
/// it waited for.
#[track_caller]
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !done() {
        assert!(
            std::time::Instant::now() < deadline,
            "waited a minute for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// `PATH` followed by `suffix`: `PATH.partial`, `PATH.lock`, ...
pub fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// How many customers the state of the export at `path` says are in its partial file.
pub fn saved_count(path: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(suffixed(path, ".partial.state")).ok()?;
    let state: serde_json::Value = serde_json::from_str(&text).ok()?;
    state["count"].as_u64()
}

/// The pid written in the lock of the export at `path`, once a process holds it.
pub fn lock_holder(path: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(suffixed(path, ".lock")).ok()?;
    text.trim().parse().ok()
}

/// An `nxcdp` process left running, its stderr piped and read once it ends; killed if the test
/// fails first.
pub struct Running {
    child: Option<Child>,
    _cmd: Scrubbed<Command>,
}

impl Running {
    pub fn id(&self) -> u32 {
        self.child.as_ref().map_or(0, Child::id)
    }

    /// Waits for it to end.
    pub fn wait(mut self) -> std::process::Output {
        self.child.take().unwrap().wait_with_output().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `nxcdp customers export --page-size 20 --file PATH EXTRA` against the sandbox, left running.
pub fn spawn_export(sb: &Sandbox, path: &Path, extra: &[&str]) -> Running {
    let mut cmd = sb.command();
    let child = cmd
        .args(["customers", "export", "--page-size", "20", "--file"])
        .arg(path)
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    Running {
        child: Some(child),
        _cmd: cmd,
    }
}
