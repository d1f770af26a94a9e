//! What an export checks before it writes: its output path and every file it writes beside it,
//! the server and the options a resume is given against the ones it was started with, the state
//! against the partial file, and links.

mod common;

use common::{export, stderr_of, suffixed, Sandbox, FAILING_DATA};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn healthy() -> Sandbox {
    Sandbox::start(&FAILING_DATA)
}

/// Starts an export that stops part-way, leaving `PATH.partial` and its state; returns its
/// server, healthy again, to resume from.
fn stopped_export(path: &Path, args: &[&str]) -> Sandbox {
    let failing = common::failing_sandbox();
    let out = export(&failing, path, args);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(suffixed(path, ".partial.state").exists());
    failing.restart(&FAILING_DATA)
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
    let csv = dir.join("customers.csv");
    let started = ["-o", "csv", "--columns", "id,email,customize_field"];
    let sb = stopped_export(&csv, &[&started[..], &["--raw-custom-fields"]].concat());
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
            "-o differs: the export was started with -o csv",
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
    let sb = stopped_export(&jsonl, &["-o", "jsonl", "--ids-as-strings"]);
    assert_refused(
        &sb,
        &jsonl,
        &["-o", "jsonl"],
        "--ids-as-strings differs: the export was started with it",
    );

    // Issue 28, item 4: a file's custom columns keep the first run's labels.
    for format in ["parquet", "csv"] {
        let path = dir.join(format!("labels.{format}"));
        let sb = stopped_export(&path, &["--field-labels", "en"]);
        assert_refused(
            &sb,
            &path,
            &["--field-labels", "zh"],
            "--field-labels differs: the export was started with --field-labels en",
        );
    }
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
    let sb = stopped_export(&path, &["-o", "jsonl", "--since", "1000w"]);
    let (state, value) = state_of(&path);
    assert_eq!(value["request"]["since"], "1000w");
    let resolved = value["request"]["query"]["start_time"].as_str().unwrap();
    // Pretend the first run was long ago: its time, not a new one, must be asked for.
    let text = std::fs::read_to_string(&state).unwrap();
    let older = text.replace(resolved, "2000-01-01 00:00:00");
    assert!(older != text);
    std::fs::write(&state, older).unwrap();
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
    for format in ["jsonl", "csv"] {
        let dir = common::TempDir::new();
        let path = dir.join(format!("customers.{format}"));
        let sb = stopped_export(&path, &["-o", format]);
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
        assert_refused(&sb, &path, &["-o", format], "names no window");
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
    let sb = stopped_export(&path, &["-o", "jsonl"]);
    std::fs::rename(&partial, &victim).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&victim)
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"precious"))
        .unwrap();
    let precious = std::fs::read(&victim).unwrap();
    std::os::unix::fs::symlink(&victim, &partial).unwrap();
    let out = export(&sb, &path, &["-o", "jsonl", "--resume"]);
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

#[test]
fn every_file_the_export_writes_is_checked_before_sending() {
    let dir = common::TempDir::new();
    // PATH and PATH.lock fit in 255 bytes, PATH.partial.state.tmp (258) does not.
    let long = dir.join("n".repeat(240));
    let out = export_to(long.to_str().unwrap());
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(".partial.state.tmp beside it") && stderr.contains("cannot be created"),
        "{stderr}"
    );
    assert!(!stderr.contains("> "), "nothing sent: {stderr}");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "nothing left behind, no lock: {left:?}");

    // A directory where the state goes would fail its first save.
    let path = dir.join("customers.csv");
    std::fs::create_dir(suffixed(&path, ".partial.state")).unwrap();
    let out = export_to(path.to_str().unwrap());
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(".partial.state is a directory"), "{stderr}");
    assert!(!stderr.contains("> "), "nothing sent: {stderr}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only that directory"
    );
}

/// `nxcdp customers export -v --file PATH --page-size 20 -o jsonl EXTRA` against `sb`, with
/// `vars` over its environment.
fn export_with(sb: &Sandbox, path: &Path, vars: &[(&str, &str)], extra: &[&str]) -> Output {
    let mut cmd = sb.nxcdp();
    cmd.envs(vars.iter().copied())
        .args([
            "customers",
            "export",
            "-v",
            "-o",
            "jsonl",
            "--page-size",
            "20",
        ])
        .arg("--file")
        .arg(path)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_resume_goes_only_to_the_server_the_export_came_from() {
    let dir = common::TempDir::new();
    let path = dir.join("customers.jsonl");
    let partial = suffixed(&path, ".partial");
    let failing = common::failing_sandbox();
    // A password in the base URL: recorded masked, as every printed URL is.
    let url = failing.base_url.replace("http://", "http://user:hunter2@");
    let first = [("NXCDP_BASE_URL", url.as_str())];
    assert_eq!(
        export_with(&failing, &path, &first, &[]).status.code(),
        Some(5)
    );
    let (_, state) = state_of(&path);
    let recorded = failing.base_url.replace("http://", "http://user:***@");
    assert_eq!(state["request"]["target"]["base_url"], recorded.as_str());
    assert_eq!(state["request"]["target"]["access_key"], "sandbox");
    assert_eq!(state["request"]["target"]["region"], Value::Null);
    let text = state.to_string();
    assert!(
        !text.contains("hunter2") && !text.contains(failing.secret()),
        "{text}"
    );

    let other = healthy();
    let saved = std::fs::read(&partial).unwrap();
    for (vars, extra, message) in [
        (vec![], vec![], format!("the server differs: the export was started against {recorded}, this run goes to {}", other.base_url)),
        (first.to_vec(), vec!["--region", "hk"], "the region differs: the export was started in no region (a base URL of its own), this run is in region hk".to_string()),
        (first.to_vec(), vec!["--access-key", "another"], "the access key differs: the export was started with sandbox, this run uses another".to_string()),
    ] {
        let out = export_with(&other, &path, &vars, &[&extra[..], &["--resume"]].concat());
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {stderr}");
        assert!(stderr.contains(&message), "{extra:?}: {message:?} in {stderr}");
        assert!(!stderr.contains("> "), "{extra:?}: nothing sent: {stderr}");
        assert!(!stderr.contains("hunter2"), "{stderr}");
        assert_eq!(std::fs::read(&partial).unwrap(), saved, "nothing written");
    }

    // Its own server, healthy again: the file holds every customer once.
    let same = failing.restart(&FAILING_DATA);
    let out = export_with(&same, &path, &first, &["--resume"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let got = common::ids_of_jsonl(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(got, common::sandbox_ids(300, 6));
}

#[test]
fn a_resumed_export_says_so_and_counts_from_what_is_saved() {
    let dir = common::TempDir::new();
    let path = dir.join("customers.csv");
    let sb = stopped_export(&path, &[]);
    let saved = common::saved_count(&path).expect("a saved count");
    assert!(saved > 0);
    let out = export(&sb, &path, &["--resume"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains(&format!("{saved} customers are already in it")),
        "{stderr}"
    );
    // On a terminal, the progress line counts on from them.
    let again = dir.join("again.csv");
    let sb = stopped_export(&again, &[]);
    let shown = common::on_terminal(
        &sb,
        120,
        true,
        &format!(
            "customers export --file {} --page-size 20 --resume",
            again.display()
        ),
    );
    assert!(shown.contains("resumed: "), "{shown}");
}

#[test]
fn a_custom_field_the_tenant_lacks_is_refused_before_the_export_starts() {
    let sb = healthy();
    let dir = common::TempDir::new();
    let path = dir.join("customers.csv");
    let out = export(&sb, &path, &["--columns", "id,customize_99_1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("no custom field \"customize_99_1\""));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing is left behind: {left:?}");
}
