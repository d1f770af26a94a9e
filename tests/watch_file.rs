//! `customers watch --file`: a run cuts only a tail that its bookmark wrote and did not cover (a
//! crashed run's), never what another writer added or another file at the path; `--file -` is
//! stdout. Against `nxcdp sandbox`, whose customers `--since` prints.

mod common;
mod watching;

use common::{assert_stderr_has, run_ok, stderr_of, Sandbox, TempDir};
use std::path::Path;

/// `--once --bookmark BOOKMARK --file FILE -o jsonl EXTRA` in `dir`.
fn run(
    sb: &Sandbox,
    dir: &TempDir,
    bookmark: &str,
    file: &str,
    extra: &[&str],
) -> std::process::Output {
    sb.nxcdp()
        .current_dir(dir.path())
        .args([
            "customers",
            "watch",
            "--once",
            "-o",
            "jsonl",
            "--bookmark",
            bookmark,
            "--file",
            file,
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn ok(out: std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

/// Refused before anything is written: exit 2, saying `why`.
fn refused(out: std::process::Output, why: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_stderr_has(&out, why);
}

const SINCE: [&str; 2] = ["--since", "500d"];

/// Sets what the bookmark at `path` says of its file's write in progress, as a run that died
/// between its two saves around a write leaves it.
fn set_writing(path: &Path, writing: bool) {
    let mut saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    saved["file"]["writing"] = writing.into();
    std::fs::write(path, serde_json::to_vec(&saved).unwrap()).unwrap();
}

fn append(path: &Path, text: &str) {
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
}

#[test]
fn two_bookmarks_on_one_file_refuse_each_other_instead_of_cutting() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let dir = TempDir::new();
    let file = dir.join("f.jsonl");
    // B starts the file and finds nothing new; A, another bookmark, takes the empty file over.
    ok(run(&sb, &dir, "B", "f.jsonl", &["--tag", "vip"]));
    ok(run(&sb, &dir, "A", "f.jsonl", &SINCE));
    let written = std::fs::read(&file).unwrap();
    assert!(written.len() > 1000);
    refused(
        run(&sb, &dir, "B", "f.jsonl", &["--tag", "vip"]),
        "another writer",
    );
    assert_eq!(std::fs::read(&file).unwrap(), written, "left as it was");
    ok(run(&sb, &dir, "A", "f.jsonl", &[]));
    assert_eq!(std::fs::read(&file).unwrap(), written);
}

#[test]
fn another_file_at_the_path_is_refused_and_a_moved_one_starts_anew() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let dir = TempDir::new();
    let file = dir.join("s.jsonl");
    ok(run(&sb, &dir, "b", "s.jsonl", &SINCE));
    let written = std::fs::read(&file).unwrap();
    std::fs::rename(&file, dir.join("archive.jsonl")).unwrap();
    // Another file, longer than what the bookmark covers.
    let other: String = (0..100_000).map(|n| format!("{n}\n")).collect();
    std::fs::write(&file, &other).unwrap();
    refused(
        run(&sb, &dir, "b", "s.jsonl", &[]),
        "not the ones this bookmark wrote",
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        other,
        "left as it was"
    );
    // Moved away: the next run starts a new file.
    std::fs::remove_file(&file).unwrap();
    ok(run(&sb, &dir, "b", "s.jsonl", &[]));
    assert_eq!(std::fs::read(&file).unwrap(), b"", "nothing new since");
    assert!(written.len() > 1000);
}

#[test]
fn only_the_tail_of_a_write_in_progress_is_cut() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let dir = TempDir::new();
    let (file, bookmark) = (dir.join("f.jsonl"), dir.join("b"));
    ok(run(&sb, &dir, "b", "f.jsonl", &SINCE));
    let written = std::fs::read(&file).unwrap();
    // Added by someone else after the last run: refused, not cut.
    append(&file, "{\"id\":1}\n");
    refused(run(&sb, &dir, "b", "f.jsonl", &[]), "another writer");
    assert!(std::fs::read(&file).unwrap().ends_with(b"{\"id\":1}\n"));
    // Written by a run of this bookmark that died before it covered them: cut.
    set_writing(&bookmark, true);
    ok(run(&sb, &dir, "b", "f.jsonl", &[]));
    assert_eq!(std::fs::read(&file).unwrap(), written);
}

#[test]
fn file_dash_is_stdout() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let dir = TempDir::new();
    let out = run(&sb, &dir, "b", "-", &SINCE);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let printed = common::ids_of_jsonl(&String::from_utf8(out.stdout).unwrap());
    assert!(printed.len() > 100, "{}", printed.len());
    assert!(!dir.join("-").exists(), "no file named -");
}

#[test]
fn a_file_holds_each_customer_once_whatever_a_crash_left_after_the_last_save() {
    let sb = Sandbox::start(&["--latency-ms", "100"]);
    let dir = TempDir::new();
    let (bookmark, file) = (dir.join("b"), dir.join("new.csv"));
    let args = [
        "--once",
        "--bookmark",
        bookmark.to_str().unwrap(),
        "--file",
        file.to_str().unwrap(),
        "-o",
        "csv",
        "--since",
        "500d",
        "--columns",
        "id,email",
    ];
    // Killed as soon as the file has something in it, likely part-way through.
    let crashed = watching::Running::start(&sb, &args);
    common::wait_until("customers in the file", || {
        std::fs::metadata(&file).is_ok_and(|m| m.len() > 0)
    });
    crashed.kill();
    // What a run killed while writing leaves behind, wherever this one was killed.
    set_writing(&bookmark, true);
    append(&file, "999,half@a");
    run_ok(sb.nxcdp().args(["customers", "watch"]).args(args));
    let written = std::fs::read_to_string(&file).unwrap();
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("id,email"), "one header");
    let got: Vec<String> = lines
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    let mut expected = common::ids_of_jsonl(&common::query(
        &sb,
        &["--since", "500d", "--all", "-o", "jsonl"],
    ));
    expected.reverse();
    assert_eq!(got, expected, "each customer once, in order");
    // Another output into the same file, or a file it did not start, is refused.
    let mut other = args.to_vec();
    other[6] = "jsonl";
    refused(
        sb.nxcdp()
            .args(["customers", "watch"])
            .args(&other)
            .output()
            .unwrap(),
        "was started with `-o csv --columns id,email`",
    );
    std::fs::write(dir.join("stranger.csv"), "a,b\n").unwrap();
    let mut foreign = args.to_vec();
    let stranger = dir.join("stranger.csv");
    foreign[4] = stranger.to_str().unwrap();
    refused(
        sb.nxcdp()
            .args(["customers", "watch"])
            .args(&foreign)
            .output()
            .unwrap(),
        "was not written by this bookmark",
    );
}

/// Its lock is on the file itself while it runs: a hard link made to it, even while it is still
/// empty, is not a second file to write.
#[cfg(unix)]
#[test]
fn a_running_watchs_file_is_refused_to_another_writer_by_another_name() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let file = dir.join("w.jsonl");
    let bookmark = dir.join("a.json");
    let mut first = watching::Running::start(
        &sb,
        &[
            "--bookmark",
            bookmark.to_str().unwrap(),
            "--file",
            file.to_str().unwrap(),
            "--interval",
            "200ms",
        ],
    );
    first.wait_said("watching for new customers every 200ms");
    std::fs::hard_link(&file, dir.join("h.jsonl")).unwrap();
    let second = run(&sb, &dir, "b.json", "h.jsonl", &[]);
    assert_eq!(second.status.code(), Some(2), "{}", stderr_of(&second));
    assert_stderr_has(&second, "another nxcdp is using");
    first.signal("TERM");
    assert_eq!(first.finish(), Some(0), "{:?}", first.said);
}

/// Without `-o`, `--file`'s extension says the format, as an export's: `.csv` is CSV, `.ndjson`
/// JSON lines; a workbook or a JSON array is refused with the reason (it wrote a table).
#[test]
fn the_files_extension_says_its_format() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let watch = |bookmark: &str, file: &str| {
        sb.nxcdp()
            .current_dir(dir.path())
            .args(["customers", "watch", "--once", "--since", "400d"])
            .args(["--bookmark", bookmark, "--file", file])
            .output()
            .unwrap()
    };
    ok(watch("a", "new.csv"));
    let csv = std::fs::read_to_string(dir.join("new.csv")).unwrap();
    assert!(csv.starts_with("id,first_name,"), "{csv}");
    ok(watch("b", "new.ndjson"));
    let jsonl = std::fs::read_to_string(dir.join("new.ndjson")).unwrap();
    assert!(
        !jsonl.is_empty() && jsonl.lines().all(|l| l.starts_with("{\"id\":")),
        "{jsonl}"
    );
    refused(watch("c", "new.xlsx"), "a watch has no last row");
    refused(watch("d", "new.json"), "use -o jsonl");
}
