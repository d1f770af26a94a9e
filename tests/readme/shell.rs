//! A block's own directory and how its commands run: fixtures, the example config file, processes,
//! files changed.

use crate::blocks::blocks;
use crate::blocks::expect;
use crate::blocks::pages;
use crate::blocks::runnable;
use crate::common::{dead_url, nxcdp_bin, scrubbed, stop, Sandbox, TempDir};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// What `nxcdp config init` reads when stdin is not a terminal: one answer per line.
pub const CONFIG_ANSWERS: &str = "default\nsandbox\nsandbox-secret\n1\nsandbox\n";

/// Files the docs' commands read, as a user would have them.
pub fn fixtures(dir: &Path) {
    std::fs::write(dir.join("answers.txt"), CONFIG_ANSWERS).unwrap();
    std::fs::write(dir.join("secret.txt"), "sandbox-secret\n").unwrap();
}

/// The docs' example config file (docs/config.md), its `staging` profile pointed at the sandbox.
pub fn config_file(home: &Path, sandbox: &Sandbox) -> std::path::PathBuf {
    let example = pages()
        .iter()
        .flat_map(|page| blocks(&page.text))
        .find(|b| b.lang == "toml")
        .expect("the docs show a config file");
    let text = example
        .lines
        .join("\n")
        .replace("http://127.0.0.1:8080", &sandbox.base_url);
    let path = home.join(".config/nxcdp/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    // As the README says to keep it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

/// A block's directory and how its commands run.
pub struct Shell {
    pub dir: TempDir,
    pub env: Vec<(String, String)>,
    /// `nxcdp sandbox` lines of the block, running until the block ends.
    pub servers: Vec<Child>,
}

impl Drop for Shell {
    fn drop(&mut self) {
        for server in &mut self.servers {
            stop(server);
        }
    }
}

impl Shell {
    pub fn new(sandbox: &Sandbox) -> Shell {
        let dir = TempDir::new();
        let home = dir.join("home");
        std::fs::create_dir_all(&home).unwrap();
        let config = config_file(&home, sandbox);
        fixtures(&dir);
        let bin = nxcdp_bin().parent().unwrap().to_path_buf();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let dead = dead_url();
        let mut env: Vec<(String, String)> = sandbox
            .env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in [
            ("PATH", path),
            ("HOME", home.display().to_string()),
            (
                "XDG_CONFIG_HOME",
                home.join(".config").display().to_string(),
            ),
            ("NXCDP_CONFIG", config.display().to_string()),
            ("MANPAGER", "cat".into()),
            ("PAGER", "cat".into()),
        ] {
            env.push((k.into(), v));
        }
        for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
            env.push((var.into(), dead.clone()));
            env.push((var.to_lowercase(), dead.clone()));
        }
        for var in ["NO_PROXY", "no_proxy"] {
            env.push((var.into(), "127.0.0.1,localhost".into()));
        }
        Shell {
            dir,
            env,
            servers: Vec::new(),
        }
    }

    pub fn command(&self, line: &str) -> Command {
        let mut cmd = scrubbed("sh").cmd;
        cmd.args(["-c", line])
            .current_dir(self.dir.path())
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    /// `nxcdp sandbox ...`: started, and its lines read: the base URL, then the `export` lines,
    /// which the block's next commands get (a user pastes them into another shell).
    pub fn serve(&mut self, line: &str) -> Result<Vec<String>, String> {
        let mut child = self
            .command(&format!("exec {line}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let count = 6 + usize::from(line.contains("--tls") && !line.contains("--tls-cert"));
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut printed = Vec::new();
        for _ in 0..count {
            let mut text = String::new();
            if reader.read_line(&mut text).unwrap_or(0) == 0 {
                let _ = child.kill();
                let _ = child.wait();
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                return Err(format!("stopped after {printed:?}: {err}"));
            }
            printed.push(text.trim_end().to_string());
        }
        for exported in printed.iter().filter_map(|l| l.strip_prefix("export ")) {
            let (k, v) = exported.split_once('=').unwrap();
            self.env.retain(|(key, _)| key != k);
            self.env.push((k.to_string(), v.to_string()));
        }
        self.servers.push(child);
        Ok(printed)
    }

    /// Runs one command line; `Err` says how it broke the page's word.
    pub fn run(&mut self, line: &str) -> Result<(), String> {
        let line = runnable(line);
        if line.starts_with("nxcdp sandbox") {
            // Another way to start the sandbox: a user stops the one before first.
            for mut server in self.servers.drain(..) {
                stop(&mut server);
            }
            let printed = match self.serve(&line) {
                // The default port is taken on this machine (another sandbox, another run of
                // this test): the README's own hint, `--port 0`, is what a user does next.
                Err(e)
                    if !line.contains("--port") && e.contains("`--port 0` picks a free port") =>
                {
                    self.serve(&line.replacen("nxcdp sandbox", "nxcdp sandbox --port 0", 1))?
                }
                printed => printed?,
            };
            return match printed[0].starts_with("http") {
                true => Ok(()),
                false => Err(format!("printed {printed:?}")),
            };
        }
        if line.contains("customers watch") && !line.contains("--once") {
            return self.stop_after_it_prints(&line);
        }
        let e = expect(&line);
        if line.contains("--resume") {
            self.stop_part_way(&line);
        }
        let before = listing(self.dir.path());
        let mut cmd = self.command(&line);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = e.stdin.unwrap_or("").to_string();
        let feeder = std::thread::spawn(move || {
            let _ = std::io::Write::write_all(&mut stdin, input.as_bytes());
        });
        let out = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let fail = |why: &str| Err(format!("{why}\nstdout: {stdout}\nstderr: {stderr}"));
        if out.status.code() != Some(e.code) {
            return fail(&format!(
                "exit {:?}, the page means {}",
                out.status.code(),
                e.code
            ));
        }
        if let Some(text) = e.holds {
            if !stdout.contains(text) {
                return fail(&format!("stdout does not hold {text:?}"));
            }
        }
        let wrote = listing(self.dir.path()) != before;
        if stdout.trim().is_empty() && !e.quiet && !wrote {
            return fail("printed nothing and wrote no file");
        }
        // A table's or a CSV's header alone is no customer at all.
        let mut lines = stdout.lines().filter(|l| !l.trim().is_empty());
        let header = lines
            .next()
            .is_some_and(|l| l.starts_with("id\t") || l.starts_with("id,"));
        if header && lines.next().is_none() {
            return fail("printed a header and no row");
        }
        Ok(())
    }
}

impl Shell {
    /// What `--resume` continues: the same export, stopped by Ctrl-C once it has saved a page
    /// (slowed with `--rate`, so that it is still running then).
    pub fn stop_part_way(&self, line: &str) {
        let words: Vec<&str> = line.split('#').next().unwrap().split_whitespace().collect();
        let file = words
            .windows(2)
            .find(|w| w[0] == "--file")
            .map(|w| w[1])
            .unwrap();
        let first = line
            .split('#')
            .next()
            .unwrap()
            .replace("--resume", "--rate 5 --page-size 10");
        let mut child = self
            .command(&format!("exec {first}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let path = self.dir.join(file);
        crate::common::wait_until("a saved page", || {
            crate::common::saved_count(&path).unwrap_or(0) > 0
        });
        crate::common::signal(child.id(), "INT");
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(1),
            "an export stopped by Ctrl-C exits 1"
        );
        assert!(crate::common::suffixed(&path, ".partial.state").exists());
    }
}

impl Shell {
    /// A watch runs until it is stopped: it must print, then exit 0 when SIGTERM reaches it (a
    /// reader it is piped into then ends with its input).
    pub fn stop_after_it_prints(&self, line: &str) -> Result<(), String> {
        use std::os::unix::process::CommandExt;
        let mut child = self
            .command(line)
            .process_group(0)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
            let _ = tx.send(lines.next());
            lines.count()
        });
        let first = rx.recv_timeout(std::time::Duration::from_secs(60));
        let group = child.id();
        for pid in in_group(group, "nxcdp") {
            crate::common::signal(pid, "TERM");
        }
        if first.is_err() {
            crate::common::signal(group, "KILL");
        }
        let out = child.wait_with_output().unwrap();
        let _ = reader.join();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match (first, out.status.code()) {
            (Ok(Some(_)), Some(0)) => Ok(()),
            (Ok(Some(_)), code) => Err(format!("exit {code:?} after SIGTERM\nstderr: {stderr}")),
            _ => Err(format!("printed nothing within a minute\nstderr: {stderr}")),
        }
    }
}

/// The processes named `name` in the process group `group` (Linux's /proc).
pub fn in_group(group: u32, name: &str) -> Vec<u32> {
    let entries = std::fs::read_dir("/proc").into_iter().flatten().flatten();
    let stat = |pid: u32| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok();
    let pids = entries.filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok());
    pids.filter(|&pid| {
        stat(pid).is_some_and(|s| {
            // pid (comm) state ppid pgrp ...
            let (head, rest) = s.rsplit_once(')').unwrap_or_default();
            let pgrp = rest.split_whitespace().nth(2);
            head.ends_with(&format!("({name}")) && pgrp == Some(&group.to_string())
        })
    })
    .collect()
}

/// Every file under `dir` with its length: what a command changed.
pub fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) => found.push((path.display().to_string(), m.len())),
                Err(_) => {}
            }
        }
    }
    found.sort();
    found
}
