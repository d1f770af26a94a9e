//! `customers import` and the files it reads and writes: an input reached by another name, an
//! input that is not a regular file or that changes while it is imported, outputs that are not
//! regular files, CSV that a spreadsheet or a stray quote made, and stdin's temporary file.

mod common;

use common::{assert_exit, evil, nxcdp_offline, Sandbox, TempDir};
use std::path::{Path, PathBuf};
use std::process::Output;

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `nxcdp customers import FILE ARGS`, offline: an exit 2 proves nothing was sent.
fn offline(file: &Path, args: &[&str]) -> Output {
    nxcdp_offline()
        .args(["customers", "import"])
        .arg(file)
        .args(args)
        // A guard against a hang (a pipe opened for writing), not a measure of anything.
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap()
}

#[cfg(unix)]
const CSV: &str = "full_name,email\nAna,ana@example.com\nBo,\n";

#[cfg(unix)]
#[test]
fn rejects_or_a_journal_that_is_the_input_by_a_link_are_refused() {
    let dir = TempDir::new();
    let input = write(&dir, "in.csv", CSV);
    let hard = dir.join("hard.csv");
    std::fs::hard_link(&input, &hard).unwrap();
    let soft = dir.join("soft.csv");
    std::os::unix::fs::symlink(&input, &soft).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    for (file, args) in [
        (&input, vec!["--dry-run", "--rejects", &s(&hard)]),
        (&input, vec!["--dry-run", "--rejects", &s(&soft)]),
        (&soft, vec!["--dry-run", "--rejects", &s(&input)]),
        (&hard, vec!["--rejects", &s(&input)]),
        (&input, vec!["--journal", &s(&hard)]),
        (&soft, vec!["--journal", &s(&input)]),
    ] {
        let out = offline(file, &args);
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains("is the input file"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), CSV, "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn inputs_that_are_not_regular_files_are_refused_before_anything_is_written() {
    let dir = TempDir::new();
    let pipe = common::fifo(&dir.join("pipe.csv"));
    for (file, why) in [
        (pipe.as_path(), "is a pipe; to read one, use - (stdin)"),
        (Path::new("/dev/zero"), "is not a regular file"),
        (dir.path(), "is a directory"),
    ] {
        for dry_run in [true, false] {
            let args: &[&str] = if dry_run { &["--dry-run"] } else { &[] };
            let out = offline(file, args);
            let stderr = assert_exit(&out, 2);
            assert!(stderr.contains(why), "{}: {stderr}", file.display());
        }
    }
    // What a shell's process substitution hands over: /dev/fd/N, a pipe.
    let mut bash = common::scrubbed("bash");
    let line = format!(
        "{} customers import <(printf 'full_name,email\\n') --dry-run",
        common::nxcdp_bin().display()
    );
    let out = bash.args(["-c", &line]).output().unwrap();
    let stderr = assert_exit(&out, 2);
    assert!(stderr.contains("is a pipe; to read one, use -"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no journal or lock beside the pipe"
    );
}

#[cfg(unix)]
#[test]
fn rejects_and_journals_that_are_not_regular_files_are_refused() {
    let dir = TempDir::new();
    let input = write(&dir, "in.csv", CSV);
    let pipe = common::fifo(&dir.join("out.fifo"));
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    for path in [pipe.as_path(), Path::new("/dev/null"), sub.as_path()] {
        // A pipe or a device is a stream, which rejects are written straight into.
        let rejects = match path == sub {
            true => &[("--rejects", true), ("--rejects", false)][..],
            false => &[],
        };
        for &(flag, dry_run) in [rejects, &[("--journal", false)]].concat().iter() {
            let mut args = vec![flag, path.to_str().unwrap()];
            if dry_run {
                args.push("--dry-run");
            }
            let out = offline(&input, &args);
            let stderr = assert_exit(&out, 2);
            assert!(
                stderr.contains("is not a regular file"),
                "{args:?}: {stderr}"
            );
        }
    }
    let out = offline(&input, &["--journal", pipe.to_str().unwrap(), "--resume"]);
    assert!(assert_exit(&out, 2).contains("is not a regular file"));
}

#[cfg(unix)]
#[test]
fn an_import_through_a_symlink_takes_the_same_lock_as_the_file() {
    let sb = Sandbox::start(&["--customers", "0", "--latency-ms", "40"]);
    let dir = TempDir::new();
    let mut text = String::from("full_name,email\n");
    for i in 0..2000 {
        text.push_str(&format!("C {i},c{i}@example.com\n"));
    }
    let input = write(&dir, "k.csv", &text);
    let link = dir.join("kl.csv");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let mut first = sb.command();
    first
        .args([
            "customers",
            "import",
            "--batch-size",
            "10",
            "--parallel",
            "1",
        ])
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut first = first.spawn().unwrap();
    // The journal's first line is written once the lock is held.
    let journal = dir.join("k.csv.journal");
    while std::fs::read(&journal).map_or(true, |j| !j.contains(&b'\n')) {
        assert!(
            first.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let second = sb
        .nxcdp()
        .args(["customers", "import"])
        .arg(&link)
        .output()
        .unwrap();
    let stderr = assert_exit(&second, 2);
    let holder = format!("another nxcdp (pid {}) is writing", first.id());
    assert!(stderr.contains(&holder), "{stderr}");
    assert!(!dir.join("kl.csv.journal").exists());
    first.kill().unwrap();
    first.wait().unwrap();
}

#[test]
fn an_unterminated_quote_names_the_line_it_opens_on() {
    let dir = TempDir::new();
    let mut rows: Vec<String> = (0..1000).map(|i| format!("N{i},n{i}@x.com")).collect();
    rows[5] = "\"N5,n5@x.com".into();
    let text = format!("full_name,email\n{}\n", rows.join("\n"));
    let file = write(&dir, "uq.csv", &text);
    let out = offline(&file, &["--dry-run"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("line 7: a quoted field opens here and never closes"),
        "{stderr}"
    );
    // A quote closed on a later line is a field with a line break, as before.
    let closed = write(
        &dir,
        "ok.csv",
        "full_name,remark,email\nAna,\"two\nlines\",a@x.com\n",
    );
    let out = offline(&closed, &["--dry-run"]);
    assert!(assert_exit(&out, 0).contains("1 rows read; 1 would be sent"));
}

#[test]
fn a_csv_row_longer_than_1_mib_is_refused() {
    let dir = TempDir::new();
    let long = "a".repeat(3 << 20);
    let file = write(
        &dir,
        "big.csv",
        &format!("full_name,email\nAna,a@x.com\n{long},a@y.com\nBo,b@x.com\n"),
    );
    let out = offline(&file, &["--dry-run"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("line 3: a row is longer than 1 MiB"),
        "{stderr}"
    );
    let header = write(&dir, "header.csv", &format!("{long}\n"));
    let out = offline(&header, &["--dry-run"]);
    assert!(assert_exit(&out, 2).contains("line 1: a row is longer than 1 MiB"));
}

#[test]
fn a_csv_separated_otherwise_than_the_delimiter_told_says_so() {
    let dir = TempDir::new();
    for (name, text, seen) in [
        (
            "s.csv",
            "full_name;email\nAna;a@x.com\n",
            "separated by ';'",
        ),
        (
            "t.csv",
            "full_name\temail\nAna\ta@x.com\n",
            "separated by tab",
        ),
    ] {
        let file = write(&dir, name, text);
        let out = offline(&file, &["--dry-run", "--delimiter", ","]);
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains(seen), "{name}: {stderr}");
        assert!(stderr.contains("leave --delimiter out"), "{stderr}");
        assert!(!stderr.contains("did you mean"), "{stderr}");
        // Left to find it, the header line tells it.
        let out = offline(&file, &["--dry-run"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn names_in_messages_are_escaped_once() {
    let dir = TempDir::new();
    let file = write(&dir, "e.csv", "full_name,email,E\u{1b}[2J\nAna,a@x.com,x\n");
    // An unknown name is looked for among the custom fields: the sandbox's field list.
    let sb = Sandbox::start(&[]);
    let out = sb
        .nxcdp()
        .args(["customers", "import", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("column \"E\\u{1b}[2J\" (line 1)"),
        "{stderr}"
    );
    assert!(!stderr.contains("\\\\u"), "escaped twice: {stderr}");
}

#[test]
fn a_column_mapped_twice_is_refused() {
    let dir = TempDir::new();
    let file = write(&dir, "m.csv", "Name,email\nAna,a@x.com\n");
    for map in [
        vec!["--map", "Name=full_name,name=email"],
        vec!["--map", "Name=full_name", "--map", " NAME =last_name"],
    ] {
        let out = offline(&file, &[&map[..], &["--dry-run"]].concat());
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains("is mapped twice"), "{map:?}: {stderr}");
    }
}

#[test]
fn a_json_row_with_a_key_given_twice_is_rejected() {
    let dir = TempDir::new();
    let file = write(
        &dir,
        "d.jsonl",
        "{\"full_name\":\"A\",\"full_name\":\"B\",\"email\":\"a@x\"}\n{\"full_name\":\"C\",\"email\":\"c@x\",\"email\":\"c@x\"}\n",
    );
    let rejects = dir.join("r.jsonl");
    let out = offline(
        &file,
        &["--dry-run", "--rejects", rejects.to_str().unwrap()],
    );
    let stderr = assert_exit(&out, 4);
    assert!(stderr.contains("2 rows read; 1 would be sent"), "{stderr}");
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        text.contains(r#""reject_reason":"full_name is given twice: \"A\" and \"B\"""#),
        "{text}"
    );
}

#[test]
fn reasons_quote_values_as_written() {
    let dir = TempDir::new();
    let file = write(
        &dir,
        "v.jsonl",
        "{\"full_name\":\"A\",\"sms_phone\":1.5e3}\n{\"full_name\":\"B\",\"whats_app_phone\":\"Ana Lima\"}\n",
    );
    let rejects = dir.join("r.jsonl");
    let args = ["--dry-run", "--normalize-phones", "--rejects"];
    let out = offline(&file, &[&args[..], &[rejects.to_str().unwrap()]].concat());
    assert_exit(&out, 4);
    let text = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        text.contains(r#"sms_phone \"1.5e3\" is not digits only"#),
        "{text}"
    );
    assert!(
        text.contains(r#"whats_app_phone \"Ana Lima\" is not digits only"#),
        "{text}"
    );
}

#[test]
fn curl_with_no_row_to_send_says_so() {
    let dir = TempDir::new();
    let file = write(&dir, "n.csv", "full_name,email\nA,\n");
    let out = offline(&file, &["--curl"]);
    let stderr = assert_exit(&out, 4);
    assert!(out.stdout.is_empty(), "no request to print");
    assert!(stderr.contains("no row would be sent"), "{stderr}");
}

/// The temporary file that keeps stdin is unlinked as soon as it is open: a `kill -9` leaves
/// nothing behind.
#[cfg(target_os = "linux")]
#[test]
fn stdin_kept_for_two_passes_leaves_no_file_behind() {
    use std::io::Write;
    let tmp = TempDir::new();
    let mut cmd = common::scrubbed(common::nxcdp_bin());
    cmd.envs(common::FAKE_CREDENTIALS)
        .env("NXCDP_BASE_URL", common::dead_url())
        .env("TMPDIR", tmp.path())
        .args(["customers", "import", "-", "--journal"])
        .arg(tmp.join("j"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"full_name,email\nAna,a@x.com\n").unwrap();
    // Stdin stays open: the copy waits for more. The event: the process holds the file open.
    let fds = format!("/proc/{}/fd", child.id());
    let holds = || {
        std::fs::read_dir(&fds)
            .into_iter()
            .flatten()
            .flatten()
            .any(|fd| {
                std::fs::read_link(fd.path())
                    .is_ok_and(|p| p.to_string_lossy().contains("nxcdp-import-"))
            })
    };
    while !holds() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with("nxcdp-import-"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// The input rewritten in place between the check and the send: the send stops at the first
/// byte that differs from what was checked, and keeps the journal of the batches done.
#[test]
fn an_input_that_changes_while_it_is_sent_stops_the_import() {
    use std::sync::mpsc;
    use std::sync::Mutex;
    let dir = TempDir::new();
    let mut text = String::from("full_name,email\n");
    for i in 0..20000 {
        text.push_str(&format!("AAAA{i:05},m{i:05}@x.com\n"));
    }
    let file = write(&dir, "in.csv", &text);
    let (arrived, on_arrival) = mpsc::channel::<()>();
    let (go, on_go) = mpsc::channel::<()>();
    let (arrived, on_go) = (Mutex::new(arrived), Mutex::new(on_go));
    let server = evil::Evil::start(move |request| {
        if request.n == 0 {
            // The first batch waits until the test has rewritten the file.
            arrived.lock().unwrap().send(()).unwrap();
            on_go.lock().unwrap().recv().unwrap();
        }
        evil::Reply::code(0, "\"\"")
    });
    let mut cmd = common::scrubbed(common::nxcdp_bin());
    cmd.envs(common::FAKE_CREDENTIALS)
        .env("NXCDP_BASE_URL", format!("http://{}", server.addr))
        .args([
            "customers",
            "import",
            "--batch-size",
            "100",
            "--parallel",
            "1",
        ])
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    on_arrival.recv().unwrap();
    // As `>` or an editor that writes in place would: same length, other rows.
    let changed = text.replace("@x.com", ",,,,,,");
    std::fs::write(&file, &changed).unwrap();
    go.send(()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("changed while it was being imported"),
        "{stderr}"
    );
    let journal = std::fs::read_to_string(dir.join("in.csv.journal")).unwrap();
    let batches = journal.lines().count() - 1;
    assert!(batches >= 1, "the batches done are kept: {journal}");
    assert_eq!(
        server.requests(),
        batches,
        "no batch of unchecked rows sent"
    );
}
