//! The README is tested: every command block runs against the sandbox (`nxcdp sandbox`, default
//! data, as a newcomer would run it), and every block of output is compared with what nxcdp
//! prints. A command that fails, prints nothing, or prints other than the README says fails this
//! test. Blocks that need a real account, a release archive or a build are marked in the README
//! with `<!-- test: skip: why -->` on the line before them.
//!
//! Each `sh` block runs in a directory of its own (the files one line writes, the next reads),
//! with `nxcdp` on `PATH`, `HOME` and the config file in that directory (the config file is the
//! README's example, its `staging` profile pointed at the sandbox), and every proxy variable
//! pointing at a dead loopback port: a command that tried to reach anything but the sandbox
//! would fail.

mod common;

use common::{dead_url, nxcdp_bin, scrubbed, Sandbox, TempDir};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const README: &str = include_str!("../README.md");

/// A fenced block of the README.
#[derive(Debug)]
struct Block {
    /// 1-based line of its opening fence.
    line: usize,
    lang: String,
    lines: Vec<String>,
    /// `skip: why`, from a `<!-- test: ... -->` comment on the line before the fence.
    note: Option<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(lang) = lines[i].trim_start().strip_prefix("```") else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - lines[i].trim_start().len();
        let note = lines[..i]
            .iter()
            .rev()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| l.trim().strip_prefix("<!-- test:"))
            .and_then(|l| l.strip_suffix("-->"))
            .map(|l| l.trim().to_string());
        let start = i;
        i += 1;
        let mut body = Vec::new();
        while i < lines.len() && lines[i].trim() != "```" {
            body.push(lines[i].get(indent..).unwrap_or("").to_string());
            i += 1;
        }
        found.push(Block {
            line: start + 1,
            lang: lang.trim().to_string(),
            lines: body,
            note,
        });
        i += 1;
    }
    found
}

/// The commands of a shell block: continuation lines joined, comment lines and blank lines left
/// out.
fn commands(block: &Block) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in &block.lines {
        let trimmed = line.trim();
        if current.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(part) => current.push_str(part),
            None => {
                current.push_str(trimmed);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

/// What one command must do.
struct Expect {
    /// Fed to its stdin.
    stdin: Option<&'static str>,
    /// Its exit code.
    code: i32,
    /// Prints nothing on stdout by design (it writes a file or changes the config).
    quiet: bool,
    /// Text its stdout must hold.
    holds: Option<&'static str>,
}

/// The command as the test runs it: `cargo run --release --` is the binary under test.
fn runnable(command: &str) -> String {
    command.replace("cargo run --release --", "nxcdp")
}

fn expect(command: &str) -> Expect {
    let mut e = Expect {
        stdin: None,
        code: 0,
        quiet: false,
        holds: None,
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    match words.as_slice() {
        ["nxcdp", "config", "init", ..] => {
            e.stdin = Some(CONFIG_ANSWERS);
            e.quiet = true;
        }
        ["nxcdp", "config", "set", "access_secret", ..] => {
            e.stdin = Some("a-secret\n");
            e.quiet = true;
        }
        ["nxcdp", "config", "set", ..] | ["mkdir", ..] | ["cp", ..] => e.quiet = true,
        _ => {}
    }
    if command.contains("--biz-type 100") {
        // The README promises the sandbox's 1002 for another product: exit 4, the answer printed.
        e.code = 4;
        e.holds = Some("1002");
    }
    e
}

/// What `nxcdp config init` reads when stdin is not a terminal: one answer per line.
const CONFIG_ANSWERS: &str = "default\nsandbox\nsandbox-secret\n1\nsandbox\n";

/// Files the README's commands read, as a user would have them.
fn fixtures(dir: &Path) {
    std::fs::write(dir.join("answers.txt"), CONFIG_ANSWERS).unwrap();
    std::fs::write(dir.join("secret.txt"), "sandbox-secret\n").unwrap();
    std::fs::write(
        dir.join("customers.json"),
        r#"{"type":2,"tenant_id":1,"app_key":"sandbox","customers":[{"full_name":"Ana Silva","sms_phone":"5511999990001"}]}"#,
    )
    .unwrap();
}

/// The README's example config file, its `staging` profile pointed at the sandbox.
fn config_file(home: &Path, sandbox: &Sandbox) -> std::path::PathBuf {
    let example = blocks(README)
        .into_iter()
        .find(|b| b.lang == "toml")
        .expect("the README shows a config file");
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
struct Shell {
    dir: TempDir,
    env: Vec<(String, String)>,
    /// `nxcdp sandbox` lines of the block, running until the block ends.
    servers: Vec<Child>,
}

impl Drop for Shell {
    fn drop(&mut self) {
        for server in &mut self.servers {
            let _ = server.kill();
            let _ = server.wait();
        }
    }
}

impl Shell {
    fn new(sandbox: &Sandbox) -> Shell {
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

    fn command(&self, line: &str) -> Command {
        let mut cmd = scrubbed("sh").cmd;
        cmd.args(["-c", line])
            .current_dir(self.dir.path())
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    /// `nxcdp sandbox ...`: started, and its lines read: the base URL, then the `export` lines,
    /// which the block's next commands get (a user pastes them into another shell).
    fn serve(&mut self, line: &str) -> Result<Vec<String>, String> {
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

    /// Runs one command line; `Err` says how it broke the README's word.
    fn run(&mut self, line: &str) -> Result<(), String> {
        let line = runnable(line);
        if line.starts_with("nxcdp sandbox") {
            // Another way to start the sandbox: a user stops the one before first.
            for mut server in self.servers.drain(..) {
                let _ = server.kill();
                let _ = server.wait();
            }
            let printed = self.serve(&line)?;
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
                "exit {:?}, the README means {}",
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
    fn stop_part_way(&self, line: &str) {
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
        common::wait_until("a saved page", || {
            common::saved_count(&path).unwrap_or(0) > 0
        });
        common::signal(child.id(), "INT");
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(1),
            "an export stopped by Ctrl-C exits 1"
        );
        assert!(common::suffixed(&path, ".partial.state").exists());
    }
}

impl Shell {
    /// A watch runs until it is stopped: it must print, then exit 0 when SIGTERM reaches it (a
    /// reader it is piped into then ends with its input).
    fn stop_after_it_prints(&self, line: &str) -> Result<(), String> {
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
            common::signal(pid, "TERM");
        }
        if first.is_err() {
            common::signal(group, "KILL");
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
fn in_group(group: u32, name: &str) -> Vec<u32> {
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
fn listing(dir: &Path) -> Vec<(String, u64)> {
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

/// The blocks of output the README shows, each with the command that prints it and what may
/// differ (a port, a trace id). A new block of output must be added here, or the test fails.
fn check_output(block: &Block, sandbox: &Sandbox) -> Result<(), String> {
    let shown = block.lines.join("\n");
    let first = block.lines.first().map(String::as_str).unwrap_or("");
    let (printed, wanted) = if first.starts_with("http://127.0.0.1:8080") {
        // What `nxcdp sandbox` prints, on the port it got.
        let mut shell = Shell::new(sandbox);
        let printed = shell.serve("nxcdp sandbox --port 0")?;
        let base = printed[0].clone();
        (
            printed.join("\n"),
            shown.replace("http://127.0.0.1:8080", &base),
        )
    } else if first.starts_with("error: API error 1003") {
        let out = scrubbed(nxcdp_bin())
            .cmd
            .envs(&sandbox.env)
            .env("NXCDP_ACCESS_SECRET", "wrong")
            .args(["customers", "query", "--limit", "1"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
        let trace = |t: &str| t.split("traceId ").nth(1).map(|r| r[..32].to_string());
        let mine = trace(&stderr).ok_or(format!("no traceId in {stderr}"))?;
        let theirs = trace(&shown).unwrap();
        (stderr, shown.replace(&theirs, &mine))
    } else if first.starts_with("error: network error: TLS: the certificate of") {
        let mut shell = Shell::new(sandbox);
        let printed = shell.serve("nxcdp sandbox --port 0 --tls")?;
        let base = printed[0].clone();
        let out = scrubbed(nxcdp_bin())
            .cmd
            .envs(&sandbox.env)
            .env("NXCDP_BASE_URL", &base)
            .args(["customers", "query", "--limit", "1"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
        (stderr, shown.replace("https://api.nxcloud.com", &base))
    } else {
        return Err("a block of output this test does not know: add how to print it".into());
    };
    match printed.trim_end() == wanted.trim_end() {
        true => Ok(()),
        false => Err(format!(
            "nxcdp printed:\n{printed}\nthe README shows:\n{wanted}"
        )),
    }
}

#[test]
fn every_command_block_of_the_readme_runs_as_it_says() {
    let sandbox = Sandbox::start(&[]);
    let mut failures = Vec::new();
    let mut ran = 0;
    for block in blocks(README) {
        if let Some(note) = &block.note {
            assert!(
                note.strip_prefix("skip:")
                    .is_some_and(|why| !why.trim().is_empty()),
                "README line {}: a test note is `skip: why`, not {note:?}",
                block.line
            );
            continue;
        }
        match block.lang.as_str() {
            "sh" => {
                let mut shell = Shell::new(&sandbox);
                for command in commands(&block) {
                    ran += 1;
                    if let Err(why) = shell.run(&command) {
                        failures.push(format!("README line {}: `{command}`: {why}", block.line));
                    }
                }
            }
            "" | "text" => {
                ran += 1;
                if let Err(why) = check_output(&block, &sandbox) {
                    failures.push(format!("README line {} (output): {why}", block.line));
                }
            }
            // The config file example is used above; other languages are not commands.
            _ => {}
        }
    }
    assert!(ran > 40, "the test saw the README's blocks ({ran})");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn blocks_are_read_as_the_readme_writes_them() {
    let text = "a\n<!-- test: skip: needs an account -->\n```sh\nnxcdp x \\\n  --y   # z\n# only a comment\n\nnxcdp w\n```\n   ```sh\n   nxcdp v\n   ```\n";
    let found = blocks(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].note.as_deref(), Some("skip: needs an account"));
    assert_eq!(commands(&found[0]), ["nxcdp x --y   # z", "nxcdp w"]);
    assert_eq!(found[1].line, 10);
    assert_eq!(commands(&found[1]), ["nxcdp v"]);
}
