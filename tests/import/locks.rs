//! An import's files are writers like an export's: `--rejects` takes a lock, refuses the names
//! other nxcdp writers keep beside their files, and replaces its file whole; an input is
//! imported by one process at a time, whatever name each gives it.

use crate::common::{
    assert_exit, lock_holder, saved_count, spawn_export, suffixed, wait_until, Sandbox, TempDir,
};
use crate::journal::started;
use crate::rejects::{customers_csv, empty_tenant};
use crate::roundtrip::import;

/// A CSV of 20 rows whose every third row breaks a rule: rejects to write.
fn with_rejects(dir: &TempDir) -> std::path::PathBuf {
    let file = dir.join("small.csv");
    std::fs::write(&file, customers_csv(20, |i| i % 3 == 0, |_| false)).unwrap();
    file
}

#[test]
fn rejects_are_refused_where_another_nxcdp_writes() {
    let sb = Sandbox::start(&["--customers", "3000", "--latency-ms", "20"]);
    let dir = TempDir::new();
    let out = dir.join("x.jsonl");
    let export = spawn_export(&sb, &out, &["-o", "jsonl"]);
    // The event waited for: the export holds its lock and has saved a page.
    wait_until("the export saves a page", || {
        lock_holder(&out) == Some(export.id()) && saved_count(&out).is_some()
    });
    let input = with_rejects(&dir);
    let partial = suffixed(&out, ".partial");
    for (rejects, says) in [
        (partial.clone(), "is a name nxcdp writes beside"),
        (out.clone(), "is writing"),
        (suffixed(&out, ".lock"), "the name of a lock file"),
    ] {
        let run = import(
            &sb,
            &input,
            &["--dry-run", "--rejects", rejects.to_str().unwrap()],
        );
        let stderr = assert_exit(&run, 2);
        assert!(stderr.contains(says), "{stderr}");
        if says != "the name of a lock file" {
            assert!(stderr.contains(&format!("pid {}", export.id())), "{stderr}");
        }
    }
    let done = export.wait();
    assert!(done.status.success());
    // Every line is a customer, each once: no rejects file was written into the export.
    let text = std::fs::read_to_string(&out).unwrap();
    let ids = crate::common::ids_of_jsonl(&text);
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), text.lines().count());
    assert!(ids.len() >= 3000);
}

#[cfg(unix)]
#[test]
fn rejects_replace_their_file_whole_and_never_write_through_another_name() {
    let sb = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let keep = dir.join("keep.txt");
    std::fs::write(&keep, "precious\n").unwrap();
    let rejects = dir.join("rej.csv");
    std::fs::hard_link(&keep, &rejects).unwrap();
    let run = import(
        &sb,
        &with_rejects(&dir),
        &["--dry-run", "--rejects", rejects.to_str().unwrap()],
    );
    assert_exit(&run, 4);
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "precious\n");
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(written.lines().count(), 1 + 7, "{written}");
    assert!(!suffixed(&rejects, ".partial").exists());
}

#[cfg(unix)]
#[test]
fn an_input_is_imported_once_at_a_time_whatever_its_name() {
    let (b, dir, file) = empty_tenant(&["--latency-ms", "40"], 2000);
    let linked = dir.join("linked.csv");
    std::fs::hard_link(&file, &linked).unwrap();
    let args = ["--batch-size", "10", "--parallel", "1"];
    let mut first = started(&b, &file, &args, 1);
    let journal = dir.join("other.journal");
    for (input, extra) in [
        (&linked, vec![]),
        (&file, vec!["--journal", journal.to_str().unwrap()]),
    ] {
        let second = import(&b, input, &extra);
        let stderr = assert_exit(&second, 2);
        assert!(stderr.contains("another nxcdp is using"), "{stderr}");
    }
    first.kill().unwrap();
    first.wait().unwrap();
}

#[cfg(unix)]
#[test]
fn a_running_imports_input_is_not_replaced_by_another_writer_by_any_name() {
    let (b, dir, file) = empty_tenant(&["--latency-ms", "40"], 2000);
    let linked = dir.join("linked.csv");
    std::fs::hard_link(&file, &linked).unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut first = started(&b, &file, &["--batch-size", "10", "--parallel", "1"], 1);
    let rejects = with_rejects(&dir);
    for target in [&file, &linked] {
        let over = crate::common::export(&b, target, &[]);
        let stderr = assert_exit(&over, 2);
        assert!(stderr.contains("another nxcdp is using"), "{stderr}");
        let dry = ["--dry-run", "--rejects", target.to_str().unwrap()];
        let stderr = assert_exit(&import(&b, &rejects, &dry), 2);
        assert!(stderr.contains("another nxcdp is using"), "{stderr}");
    }
    first.kill().unwrap();
    first.wait().unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_file_being_exported_is_not_imported_until_the_export_ends() {
    let sb = Sandbox::start(&["--customers", "3000", "--latency-ms", "20"]);
    let dir = TempDir::new();
    let out = dir.join("x.csv");
    // A finished export of an earlier day, which the running one will replace.
    std::fs::write(&out, customers_csv(5, |_| false, |_| false)).unwrap();
    let export = spawn_export(&sb, &out, &[]);
    wait_until("the export saves a page", || {
        lock_holder(&out) == Some(export.id()) && saved_count(&out).is_some()
    });
    let run = import(&sb, &out, &[]);
    let stderr = assert_exit(&run, 2);
    assert!(
        stderr.contains(&format!("another nxcdp (pid {}) is writing", export.id())),
        "{stderr}"
    );
    // The export's partial file, by another name, is refused as an output too.
    #[cfg(unix)]
    {
        let linked = dir.join("linked.jsonl");
        std::fs::hard_link(suffixed(&out, ".partial"), &linked).unwrap();
        let dry = ["--dry-run", "--rejects", linked.to_str().unwrap()];
        let stderr = assert_exit(&import(&sb, &with_rejects(&dir), &dry), 2);
        assert!(stderr.contains("another nxcdp is using"), "{stderr}");
    }
    assert!(export.wait().status.success());
}

#[test]
fn an_export_to_a_json_file_says_how_to_name_it_and_tmp_names_are_free() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let out = crate::common::export(&sb, &dir.join("a.JSON"), &[]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("name it .jsonl or .csv, or give -o"),
        "{stderr}"
    );
    // `.tmp` is no name nxcdp writes beside an export: export to X.tmp, then `mv`.
    let slow = Sandbox::start(&["--customers", "3000", "--latency-ms", "20"]);
    let main = dir.join("out.csv");
    let export = spawn_export(&slow, &main, &[]);
    wait_until("the export holds its lock", || {
        lock_holder(&main) == Some(export.id())
    });
    let beside = crate::common::export(&sb, &dir.join("out.csv.tmp"), &[]);
    assert!(
        beside.status.success(),
        "{}",
        crate::common::stderr_of(&beside)
    );
    assert!(export.wait().status.success());
}
