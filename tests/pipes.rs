//! A reader that stops early (`| head -1`) is a normal way to finish, in every format and mode.

mod common;

use std::io::BufRead;
use std::process::Stdio;

/// Runs `nxcdp ARGS` (nothing inherited from the environment or a config file, in a scratch
/// directory), reads its first line and closes the pipe, as `| head -1` does. Returns the line,
/// the exit code and stderr.
fn first_line_then_close(args: &[&str]) -> (String, Option<i32>, String) {
    let mut cmd = common::scrubbed(common::nxcdp_bin());
    let home = cmd.home.to_path_buf();
    let mut child = cmd
        .current_dir(home)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (line, out.status.code(), stderr)
}

#[test]
fn a_closed_pipe_is_success_in_every_format_and_mode() {
    // The default sandbox holds 1000 customers: every mode writes far more than a pipe buffers,
    // so the reader leaves while nxcdp is still writing.
    let query = ["customers", "query", "--sandbox", "--all"];
    let export = ["customers", "export", "--sandbox", "--file", "-"];
    let modes: Vec<Vec<&str>> = vec![
        [&query[..], &["-o", "table"]].concat(),
        [&query[..], &["-o", "csv"]].concat(),
        [&query[..], &["-o", "csv", "--csv-safe"]].concat(),
        [&query[..], &["-o", "json"]].concat(),
        [&query[..], &["-o", "jsonl"]].concat(),
        [&query[..], &["--jq", "."]].concat(),
        [&query[..], &["-o", "jsonl", "--parallel", "4"]].concat(),
        [&query[..], &["-o", "csv", "--parallel", "4"]].concat(),
        [&export[..], &["-o", "csv"]].concat(),
        [&export[..], &["-o", "csv", "--csv-safe"]].concat(),
        [&export[..], &["-o", "jsonl", "--parallel", "4"]].concat(),
    ];
    for args in &modes {
        for _ in 0..3 {
            let (line, code, stderr) = first_line_then_close(args);
            assert!(!line.trim().is_empty(), "{args:?}: a first line came");
            assert_eq!(code, Some(0), "{args:?}: {stderr}");
            assert!(stderr.is_empty(), "{args:?}: nothing on stderr: {stderr}");
        }
    }
}

#[test]
fn export_to_stdout_writes_the_file_it_would_write_and_leaves_nothing() {
    let dir = common::TempDir::new();
    let file = dir.join("customers.csv");
    let mut to_file = common::nxcdp();
    to_file.current_dir(&dir).args([
        "customers",
        "export",
        "--sandbox",
        "--file",
        file.to_str().unwrap(),
    ]);
    common::run_ok(&mut to_file);
    let mut to_stdout = common::nxcdp();
    to_stdout
        .current_dir(&dir)
        .args(["customers", "export", "--sandbox", "--file", "-"]);
    let stdout = common::run_ok(&mut to_stdout);
    assert_eq!(stdout, std::fs::read_to_string(&file).unwrap());
    let mut left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["customers.csv"],
        "no partial file, no state, no file named -"
    );
    // Nothing to resume on stdout.
    let out = common::nxcdp()
        .current_dir(&dir)
        .args([
            "customers",
            "export",
            "--sandbox",
            "--file",
            "-",
            "--resume",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--resume"));
}

/// stderr closed or full is no reason to fail, let alone panic: the notes nxcdp writes there
/// ("more customers: ...") are lost, the data is not.
#[test]
fn a_closed_or_full_stderr_is_no_failure() {
    for args in [
        &[
            "customers",
            "query",
            "--sandbox",
            "--limit",
            "3",
            "-o",
            "jsonl",
        ][..],
        &["customers", "query", "--sandbox", "--limit", "3"],
        &["customers", "query", "--sandbox", "--limit", "3", "-v"],
    ] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut cmd = common::scrubbed(common::nxcdp_bin());
        let out = cmd.args(args).stderr(full).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?} with stderr full");
        assert!(String::from_utf8_lossy(&out.stdout).lines().count() >= 3);
        // stderr a pipe nobody reads any more.
        let mut cmd = common::scrubbed(common::nxcdp_bin());
        let mut child = cmd
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?} with stderr closed");
    }
    // A full stdout is a failure that says so (exit 1).
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut cmd = common::scrubbed(common::nxcdp_bin());
    let out = cmd
        .args(["customers", "query", "--sandbox", "--all", "-o", "jsonl"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write the output (stdout)"),
        "{stderr}"
    );
    // Help that cannot be written is a failure, as any output is.
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut cmd = common::scrubbed(common::nxcdp_bin());
    let out = cmd.arg("--help").stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}
