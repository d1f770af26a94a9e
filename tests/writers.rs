//! One writer per export: while an export runs, a second nxcdp on the same file, new or
//! `--resume`, by any path to it, is refused and changes nothing; the first one's file is whole.
//! A writer killed with -9 leaves a pid that blocks no one.
#![cfg(unix)]

mod common;

use common::{
    ids_of_jsonl, lock_holder, saved_count, signal, stderr_of, suffixed, wait_until, Sandbox,
    TempDir,
};
use std::collections::HashSet;
use std::path::Path;

/// A second export of `path` by `through`, a path to the same file: refused with the first
/// writer's pid, nothing sent, and no suggestion to resume (someone is writing it).
fn assert_second_writer_refused(sb: &Sandbox, through: &Path, first: u32, args: &[&str]) {
    for resume in [&[][..], &["--resume"][..]] {
        let out = sb
            .nxcdp()
            .args(["customers", "export", "-v", "--page-size", "20"])
            .args(args)
            .args(resume)
            .arg("--file")
            .arg(through)
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        let shown = format!("{resume:?} through {}", through.display());
        assert_eq!(out.status.code(), Some(2), "{shown}: {stderr}");
        let message = format!(
            "another nxcdp (pid {first}) is writing {}",
            through.display()
        );
        assert!(stderr.contains(&message), "{shown}: {stderr}");
        assert!(!stderr.contains("> "), "{shown}: nothing sent: {stderr}");
        assert!(!stderr.contains("--resume"), "{shown}: {stderr}");
    }
}

#[test]
fn a_second_writer_is_refused_and_the_first_writes_a_whole_file() {
    // 150 pages of 20, each 50 ms, for 4 workers: the first writer is still writing for seconds
    // after its first page is saved.
    let sb = Sandbox::start(&["--customers", "3000", "--seed", "31", "--latency-ms", "50"]);
    let dir = TempDir::new();
    let real = dir.join("real");
    std::fs::create_dir(&real).unwrap();
    let link = dir.join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let path = real.join("customers.jsonl");
    let paths = [
        path.clone(),
        link.join("customers.jsonl"),
        real.join("../real/customers.jsonl"),
        link.join("../link/customers.jsonl"),
    ];
    let args = ["-o", "jsonl", "--parallel", "4"];

    // The server holds every request: the first writer waits in its planning.
    signal(sb.pid(), "STOP");
    let first = common::spawn_export(&sb, &path, &args);
    wait_until("the first writer's lock", || {
        lock_holder(&path) == Some(first.id())
    });
    for through in &paths {
        assert_second_writer_refused(&sb, through, first.id(), &args);
    }

    // Held again while it writes pages: a plain run would now find an unfinished export, and a
    // --resume used to cut the file under the first writer.
    signal(sb.pid(), "CONT");
    wait_until("a page saved", || saved_count(&path).is_some_and(|n| n > 0));
    signal(sb.pid(), "STOP");
    for through in &paths {
        assert_second_writer_refused(&sb, through, first.id(), &args);
    }
    signal(sb.pid(), "CONT");

    let out = first.wait();
    assert!(out.status.success(), "{}", stderr_of(&out));
    common::assert_stderr_has(&out, "wrote 3000 customers");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains('\0'), "no NUL bytes");
    let got = ids_of_jsonl(&text);
    assert_eq!(got.len(), 3000, "no customer twice");
    let expected: HashSet<String> = common::sandbox_ids(3000, 31).into_iter().collect();
    assert_eq!(got.into_iter().collect::<HashSet<_>>(), expected);
    let left: Vec<_> = std::fs::read_dir(&real).unwrap().collect();
    assert_eq!(left.len(), 1, "the file alone, no lock: {left:?}");
}

#[test]
fn a_writer_killed_with_sigkill_leaves_no_lock_that_blocks() {
    let data = ["--customers", "300", "--seed", "6"];
    let dir = TempDir::new();
    let path = dir.join("customers.jsonl");

    // Killed before its first page: whatever it had created, a new run goes through.
    let sb = Sandbox::start(&data);
    signal(sb.pid(), "STOP");
    let first = common::spawn_export(&sb, &path, &["-o", "jsonl"]);
    let pid = first.id();
    wait_until("the first writer's lock", || {
        lock_holder(&path) == Some(pid)
    });
    signal(pid, "KILL");
    assert_eq!(first.wait().status.code(), None, "killed");
    assert_eq!(lock_holder(&path), Some(pid), "its pid stays behind");
    signal(sb.pid(), "CONT");
    let out = common::export(&sb, &path, &["-o", "jsonl"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        ids_of_jsonl(&std::fs::read_to_string(&path).unwrap()),
        common::sandbox_ids(300, 6)
    );
    assert!(!suffixed(&path, ".lock").exists());
    std::fs::remove_file(&path).unwrap();

    // Killed while it writes (15 pages of 100 ms): what it saved is resumed.
    let slow = Sandbox::start(&[&data[..], &["--latency-ms", "100"]].concat());
    let first = common::spawn_export(&slow, &path, &["-o", "jsonl"]);
    let pid = first.id();
    wait_until("a page saved", || saved_count(&path).is_some_and(|n| n > 0));
    signal(pid, "KILL");
    assert_eq!(first.wait().status.code(), None, "killed");
    assert_eq!(lock_holder(&path), Some(pid), "its pid stays behind");
    // Nobody holds the lock: a new run is told to resume, and the resume goes through.
    let out = common::export(&slow, &path, &["-o", "jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_stderr_has(&out, "holds an unfinished export: add --resume");
    let out = common::export(&slow.restart(&data), &path, &["-o", "jsonl", "--resume"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        ids_of_jsonl(&std::fs::read_to_string(&path).unwrap()),
        common::sandbox_ids(300, 6)
    );
    assert!(!suffixed(&path, ".lock").exists());
}
