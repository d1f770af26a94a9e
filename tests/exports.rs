//! What an export checks before it writes: its output path, the options a resume is given
//! against the ones it was started with, the state against the partial file, and links.

mod common;

use common::{export, Sandbox};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn healthy() -> Sandbox {
    Sandbox::start(&["--customers", "300", "--seed", "6"])
}

/// Starts an export that stops part-way, leaving `PATH.partial` and its state.
fn stopped_export(path: &Path, args: &[&str]) {
    let out = export(&common::failing_sandbox(), path, args);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(suffixed(path, ".partial.state").exists());
}

/// Asserts a refused resume: exit 2, the message, and the partial file untouched.
fn assert_refused(sb: &Sandbox, path: &Path, args: &[&str], message: &str) {
    let partial = suffixed(path, ".partial");
    let before = std::fs::read(&partial).unwrap();
    let out = export(sb, path, &[args, &["--resume", "-v"]].concat());
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(
        stderr.contains(message),
        "{args:?}: {message:?} in {stderr}"
    );
    assert!(!stderr.contains("> "), "{args:?}: nothing sent: {stderr}");
    assert_eq!(
        std::fs::read(&partial).unwrap(),
        before,
        "{args:?}: nothing written"
    );
    assert!(!path.exists());
}

#[test]
fn a_resume_with_other_options_is_refused_and_names_the_option() {
    let dir = common::TempDir::new();
    let sb = healthy();
    let csv = dir.join("customers.csv");
    let started = ["-o", "csv", "--columns", "id,email,customize_field"];
    stopped_export(&csv, &[&started[..], &["--raw-custom-fields"]].concat());
    for (args, message) in [
        (
            &["-o", "csv", "--columns", "id,email", "--raw-custom-fields"][..],
            "--columns differs: the export was started with id,email,customize_field",
        ),
        (
            &started[..],
            "--raw-custom-fields differs: the export was started with it",
        ),
        (
            &[&started[..], &["--raw-custom-fields", "--csv-safe"]].concat(),
            "--csv-safe differs: the export was started without it",
        ),
        (
            &[&started[..], &["--raw-custom-fields", "--tag", "vip"]].concat(),
            "--tag/--tag-id differs: the export was started without it",
        ),
        (
            &["-o", "jsonl", "--columns", "id,email,customize_field"][..],
            "-o differs: the export was started with csv",
        ),
    ] {
        assert_refused(&sb, &csv, args, message);
    }
    let args = [&started[..], &["--raw-custom-fields"]].concat();
    let out = export(&sb, &csv, &[&args[..], &["--resume"]].concat());
    assert!(out.status.success(), "{}", stderr_of(&out));
    let clean = dir.join("clean.csv");
    assert!(export(&sb, &clean, &args).status.success());
    assert_eq!(std::fs::read(&csv).unwrap(), std::fs::read(&clean).unwrap());

    let jsonl = dir.join("customers.jsonl");
    stopped_export(&jsonl, &["-o", "jsonl", "--ids-as-strings"]);
    assert_refused(
        &sb,
        &jsonl,
        &["-o", "jsonl"],
        "--ids-as-strings differs: the export was started with it",
    );
}

/// The start time `--since` resolved to, as the state records it.
fn state_of(path: &Path) -> (PathBuf, Value) {
    let state = suffixed(path, ".partial.state");
    let value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    (state, value)
}

#[test]
fn a_resume_with_the_same_since_asks_for_the_first_runs_time() {
    let dir = common::TempDir::new();
    let path = dir.join("recent.jsonl");
    stopped_export(&path, &["-o", "jsonl", "--since", "1000w"]);
    let (state, value) = state_of(&path);
    assert_eq!(value["request"]["since"], "1000w");
    let resolved = value["request"]["query"]["start_time"].as_str().unwrap();
    // Pretend the first run was long ago: its time, not a new one, must be asked for.
    let text = std::fs::read_to_string(&state).unwrap();
    let older = text.replace(resolved, "2000-01-01 00:00:00");
    assert!(older != text);
    std::fs::write(&state, older).unwrap();
    let sb = healthy();
    assert_refused(
        &sb,
        &path,
        &["-o", "jsonl", "--since", "1001w"],
        "--since differs: the export was started with 1000w",
    );
    let out = export(
        &sb,
        &path,
        &["-o", "jsonl", "--since", "1000w", "--resume", "-vv"],
    );
    let stderr = stderr_of(&out);
    assert!(out.status.success(), "{stderr}");
    let bodies: Vec<&str> = stderr.lines().filter(|l| l.starts_with("> {")).collect();
    assert!(!bodies.is_empty(), "{stderr}");
    for body in bodies {
        assert!(
            body.contains(r#""start_time":"2000-01-01 00:00:00""#),
            "{body}"
        );
    }
    let clean = dir.join("clean.jsonl");
    assert!(export(&sb, &clean, &["-o", "jsonl"]).status.success());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&clean).unwrap()
    );
}

#[test]
fn a_state_that_does_not_match_the_partial_file_is_refused() {
    let sb = healthy();
    for format in ["jsonl", "csv"] {
        let dir = common::TempDir::new();
        let path = dir.join(format!("customers.{format}"));
        stopped_export(&path, &["-o", format]);
        let partial = suffixed(&path, ".partial");
        let (state, value) = state_of(&path);
        let bytes = value["bytes"].as_u64().unwrap();
        let edit = |change: &dyn Fn(&mut Value)| {
            let mut v = value.clone();
            change(&mut v);
            std::fs::write(&state, v.to_string()).unwrap();
        };
        assert!(bytes > 0 && std::fs::metadata(&partial).unwrap().len() >= bytes);
        // More bytes than the file holds.
        edit(&|v| v["bytes"] = (std::fs::metadata(&partial).unwrap().len() + 1).into());
        assert_refused(&sb, &path, &["-o", format], "but it holds");
        // Not the end of a record.
        edit(&|v| v["bytes"] = (bytes - 1).into());
        assert_refused(&sb, &path, &["-o", format], "not the end of a record");
        // No window to walk would end at once and look complete.
        edit(&|v| v["windows"] = Value::Array(Vec::new()));
        assert_refused(&sb, &path, &["-o", format], "names no time window");
        if format == "csv" {
            // Fewer bytes than the header it recorded.
            edit(&|v| v["header"]["bytes"] = (bytes + 1).into());
            assert_refused(&sb, &path, &["-o", format], "fewer than the CSV header");
        }
        edit(&|_| {});
        let out = export(&sb, &path, &["-o", format, "--resume"]);
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
}

/// `nxcdp customers export --sandbox -v --parallel 4 --file PATH`: the plan would send
/// requests first, so anything sent shows on stderr.
fn export_to(path: &str) -> Output {
    common::nxcdp()
        .args(["customers", "export", "--sandbox", "-v", "--parallel", "4"])
        .args(["--file", path])
        .output()
        .unwrap()
}

#[test]
fn the_output_path_is_checked_before_anything_is_sent() {
    let dir = common::TempDir::new();
    let shown = dir.display().to_string();
    let missing = dir.join("missing").join("customers.csv");
    for (path, message) in [
        (shown.clone(), "is a directory"),
        (format!("{shown}/"), "ends with /"),
        (missing.display().to_string(), "does not exist"),
        (String::new(), "--file"),
    ] {
        let out = export_to(&path);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{path}: {stderr}");
        assert!(stderr.contains(message), "{path}: {stderr}");
        assert!(!stderr.contains("> "), "{path}: nothing sent: {stderr}");
    }
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "nothing created: {left:?}");
    assert!(!suffixed(&dir, ".partial").exists());

    // A directory nxcdp may not write to (root may write anywhere but in /sys).
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let writable = |d: &Path| std::fs::write(d.join("nxcdp-probe"), "").is_ok();
    let locked = match writable(&locked) {
        false => Some(locked),
        true => Some(PathBuf::from("/sys")).filter(|d| d.is_dir() && !writable(d)),
    };
    match locked {
        Some(locked) => {
            let out = export_to(locked.join("customers.csv").to_str().unwrap());
            let stderr = stderr_of(&out);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(!stderr.contains("> "), "nothing sent: {stderr}");
        }
        None => eprintln!("no directory here refuses writes: that case is not checked"),
    }
}

#[cfg(unix)]
#[test]
fn a_link_at_the_partial_path_is_refused_never_followed() {
    let dir = common::TempDir::new();
    let path = dir.join("customers.jsonl");
    let partial = suffixed(&path, ".partial");
    let victim = dir.join("victim");
    // A new export: the link points nowhere yet; following it would create the victim.
    std::os::unix::fs::symlink(&victim, &partial).unwrap();
    let out = common::nxcdp()
        .args(["customers", "export", "--sandbox", "-o", "jsonl", "--file"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("symbolic link"),
        "{}",
        stderr_of(&out)
    );
    assert!(!victim.exists(), "the link was not followed");
    std::fs::remove_file(&partial).unwrap();

    // A resume: the partial file was swapped for a link to another file.
    stopped_export(&path, &["-o", "jsonl"]);
    std::fs::rename(&partial, &victim).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&victim)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"precious"))
        .unwrap();
    let precious = std::fs::read(&victim).unwrap();
    std::os::unix::fs::symlink(&victim, &partial).unwrap();
    let out = export(&healthy(), &path, &["-o", "jsonl", "--resume"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("symbolic link"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        precious,
        "the victim is untouched"
    );
    assert!(std::fs::symlink_metadata(&partial)
        .unwrap()
        .file_type()
        .is_symlink());
}
