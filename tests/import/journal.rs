//! The journal: kill -9 or a signal, then `--resume`; a changed file or other options refused; one
//! import of a file at a time.

use crate::common::{all_customers, assert_exit, posts, scrubbed, Sandbox, TempDir};
use crate::rejects::empty_tenant;
use crate::roundtrip::import;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Child;

/// How many whole lines a journal holds (its head, then one per batch done).
pub fn journal_lines(path: &Path) -> usize {
    let text = std::fs::read(path).unwrap_or_default();
    text.iter().filter(|b| **b == b'\n').count()
}

pub fn journal_of(file: &Path) -> PathBuf {
    PathBuf::from(format!("{}.journal", file.display()))
}

/// Starts an import of `file` and waits until its journal records `batches` batches.
pub fn started(sb: &Sandbox, file: &Path, args: &[&str], batches: usize) -> Child {
    let mut cmd = sb.command();
    cmd.args(["customers", "import"]).arg(file).args(args);
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // The event waited for: lines of the journal, each written once a batch is acknowledged.
    while journal_lines(&journal_of(file)) < batches + 1 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child
}

#[test]
fn kill_9_then_resume_sends_only_what_was_not_acknowledged() {
    let (b, _dir, file) = empty_tenant(&["--latency-ms", "40"], 1500);
    let args = ["--batch-size", "20", "--parallel", "2"];
    let mut child = started(&b, &file, &args, 3);
    child.kill().unwrap();
    child.wait().unwrap();
    let done = journal_lines(&journal_of(&file)) - 1;
    let again = import(&b, &file, &args);
    let stderr = assert_exit(&again, 2);
    assert!(stderr.contains("holds an import that did not finish: add --resume"));
    let resumed = import(&b, &file, &[&args[..], &["--resume", "-v"]].concat());
    let stderr = assert_exit(&resumed, 0);
    assert_eq!(
        posts(&stderr),
        75 - done,
        "only the batches not recorded: {stderr}"
    );
    let earlier = format!("{done} batches were done by an earlier run");
    assert!(stderr.contains(&earlier), "{stderr}");
    assert!(stderr.contains("1500 accepted"), "{stderr}");
    assert_eq!(all_customers(&b).len(), 1500, "every row once");
    assert!(!journal_of(&file).exists());
}

#[test]
fn a_signal_stops_the_import_with_its_journal_and_a_resume_finishes_it() {
    let b = Sandbox::start(&["--customers", "0", "--latency-ms", "40"]);
    let dir = TempDir::new();
    let file = dir.join("in.jsonl");
    let mut text = String::new();
    for i in 0..600 {
        text.push_str(&format!(
            "{{\"full_name\":\"C {i}\",\"email\":\"c{i}@example.com\"}}\n"
        ));
    }
    std::fs::write(&file, text).unwrap();
    let args = ["--batch-size", "10", "--parallel", "1"];
    for (signal, resume) in [("TERM", false), ("INT", true), ("HUP", true)] {
        let extra: &[&str] = if resume { &["--resume"] } else { &[] };
        // Each run adds a few batches to the journal: wait for two more than it holds.
        let batches = journal_lines(&journal_of(&file)).saturating_sub(1) + 2;
        let child = started(&b, &file, &[&args[..], extra].concat(), batches);
        let mut kill = scrubbed("kill");
        kill.args([format!("-{signal}"), child.id().to_string()]);
        assert!(kill.status().unwrap().success());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "SIG{signal}: {stderr}");
        assert!(
            stderr.contains(&format!("import stopped by SIG{signal}: ")),
            "{stderr}"
        );
        assert!(stderr.contains("with --resume to continue"), "{stderr}");
    }
    let out = import(&b, &file, &[&args[..], &["--resume"]].concat());
    assert_exit(&out, 0);
    assert_eq!(all_customers(&b).len(), 600);
}

#[test]
fn a_resume_refuses_a_changed_file_or_other_options() {
    let (b, _dir, file) = empty_tenant(&["--latency-ms", "40"], 2000);
    let mut child = started(&b, &file, &["--parallel", "1"], 2);
    child.kill().unwrap();
    child.wait().unwrap();
    for (args, why) in [
        (
            vec!["--batch-size", "50"],
            "--batch-size differs: the import was started with 100",
        ),
        (
            vec!["--on-conflict", "merge"],
            "--on-conflict differs: the import was started with keep",
        ),
        (vec!["--map", "email=email"], "--map differs"),
        (vec!["--normalize-phones"], "--normalize-phones differs"),
        // The same bytes read otherwise would be other customers.
        (
            vec!["--encoding", "big5"],
            "--encoding differs: the import was started with UTF-8",
        ),
    ] {
        let out = import(&b, &file, &[&args[..], &["--resume"]].concat());
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains(why), "{args:?}: {stderr}");
    }
    let other = Sandbox::start(&["--customers", "0"]);
    let out = import(&other, &file, &["--resume"]);
    assert!(assert_exit(&out, 2).contains("the API differs"));
    let mut appended = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    appended.write_all(b"X,x@example.com,,,\n").unwrap();
    let out = import(&b, &file, &["--resume"]);
    assert!(assert_exit(&out, 2).contains("the input changed since the import started"));
}

#[test]
fn two_imports_of_one_file_are_refused() {
    let (b, _dir, file) = empty_tenant(&["--latency-ms", "40"], 2000);
    let args = ["--batch-size", "10", "--parallel", "1"];
    let mut first = started(&b, &file, &args, 1);
    let second = import(&b, &file, &["--resume"]);
    let stderr = assert_exit(&second, 2);
    let holder = format!("another nxcdp (pid {}) is writing", first.id());
    assert!(stderr.contains(&holder), "{stderr}");
    first.kill().unwrap();
    first.wait().unwrap();
}

#[test]
fn a_journal_line_that_does_not_fit_the_input_is_refused_naming_it() {
    let (b, _dir, file) = empty_tenant(&["--latency-ms", "40"], 250);
    let rejects = file.with_extension("rejects.csv");
    let args = ["--parallel", "1", "--rejects", rejects.to_str().unwrap()];
    let mut child = started(&b, &file, &args, 1);
    child.kill().unwrap();
    child.wait().unwrap();
    // What the killed run began: a resume writes it anew.
    std::fs::remove_file(rejects.with_extension("csv.partial")).unwrap();
    // The journal as a run stopped after batch 0 leaves it: its head, then batch 0.
    let journal = journal_of(&file);
    let text = std::fs::read_to_string(&journal).unwrap();
    let head = text.lines().next().unwrap().to_string();
    let batch0: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(batch0["batch"], 0);
    assert_eq!(batch0["lines"], serde_json::json!([2, 101]));
    let before = all_customers(&b).len();
    let edits = [
        (
            r#"{"batch":1,"lines":[2,101],"accepted":100}"#,
            "its line 2 says batch 1 holds the rows of lines 2 to 101, but the input's batch 1 holds lines 102 to 201",
        ),
        (
            r#"{"batch":3,"lines":[2,101],"accepted":100}"#,
            "its line 2 records batch 3, but the input makes 3 batches, 0 to 2",
        ),
        (
            r#"{"batch":0,"lines":[2,101],"accepted":90}"#,
            "its line 2 counts 90 accepted and 0 rejected rows in batch 0, which holds 100",
        ),
        (
            r#"{"batch":0,"lines":[2,101],"accepted":99,"rejected":[[150,"refused"]]}"#,
            "its line 2 rejects rows that are not rows of batch 0",
        ),
    ];
    let resume = [&args[..], &["--resume"]].concat();
    for (line, why) in edits {
        std::fs::write(&journal, format!("{head}\n{line}\n")).unwrap();
        let out = import(&b, &file, &resume);
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains(why), "{line}: {stderr}");
        assert!(stderr.contains("not what nxcdp wrote"), "{stderr}");
        assert_eq!(all_customers(&b).len(), before, "nothing sent");
        let partial = rejects.with_extension("csv.partial");
        assert!(
            !partial.exists() && !rejects.exists(),
            "no rejects file begun"
        );
    }
    std::fs::write(&journal, format!("{head}\n{batch0}\n")).unwrap();
    // --curl would print batch 0, which the journal holds.
    let out = import(&b, &file, &["--curl", "--resume"]);
    assert!(assert_exit(&out, 2).contains("--curl sends nothing"));
    assert!(out.stdout.is_empty());
    let out = import(&b, &file, &[&args[..], &["--resume"]].concat());
    let stderr = assert_exit(&out, 0);
    assert!(stderr.contains("250 accepted"), "{stderr}");
    assert!(
        stderr.contains("1 batch was done by an earlier run"),
        "{stderr}"
    );
    assert_eq!(all_customers(&b).len(), 250);
}
