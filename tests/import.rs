//! `customers import` against the sandbox's batch_create: what nxcdp exports imports back field
//! by field, every row ends in the tenant once or in the rejects file with its line, and an
//! import stopped in any way resumes.

mod common;

use common::{all_customers, assert_exit, posts, run_ok, scrubbed, stderr_of, Sandbox, TempDir};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Output};

/// `nxcdp customers import FILE ARGS` against `sb`.
fn import(sb: &Sandbox, file: &Path, args: &[&str]) -> Output {
    sb.nxcdp()
        .args(["customers", "import"])
        .arg(file)
        .args(args)
        .output()
        .unwrap()
}

/// What batch_create can set of a customer as the query returns it: the fields compared after a
/// round trip. Empty values are absent, as an empty CSV cell is; tags are their names.
fn importable(c: &Value) -> Value {
    let mut out = Map::new();
    for key in [
        "first_name",
        "last_name",
        "full_name",
        "sms_phone",
        "whatsApp_phone",
        "viber_phone",
        "line",
        "messenger",
        "instagram",
        "email",
        "country",
        "birthday",
        "remark",
        "gender",
    ] {
        match &c[key] {
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            v => {
                out.insert(key.into(), v.clone());
            }
        }
    }
    let tags: BTreeSet<&str> = c["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["tag_name"].as_str())
        .collect();
    out.insert("tags".into(), json!(tags));
    let custom: Map<String, Value> = c["customize_field"]
        .as_str()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    // A CSV cell cannot tell an empty choice list from no value.
    let custom: Map<String, Value> = custom
        .into_iter()
        .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
        .collect();
    out.insert("custom".into(), Value::Object(custom));
    Value::Object(out)
}

fn sorted(customers: &[Value]) -> Vec<String> {
    let mut all: Vec<String> = customers
        .iter()
        .map(|c| importable(c).to_string())
        .collect();
    all.sort();
    all
}

/// The ids of the rows of a rejects file (they carry the exported `id`), each with its reason.
fn rejected_ids(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "csv") {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let at = |name| header.iter().position(|h| h == name).unwrap();
        let (id, why) = (at("id"), at("reject_reason"));
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[id].to_string(), r[why].to_string())
            })
            .collect()
    } else {
        let rows: Vec<Value> = match path.extension().is_some_and(|e| e == "json") {
            true => serde_json::from_str(&text).unwrap(),
            false => text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        };
        let why = |v: &Value| v["reject_reason"].as_str().unwrap().to_string();
        rows.iter().map(|v| (v["id"].to_string(), why(v))).collect()
    }
}

#[test]
fn what_nxcdp_exports_imports_back_field_by_field() {
    let a = Sandbox::start(&["--customers", "400", "--seed", "19"]);
    let originals = all_customers(&a);
    let dir = TempDir::new();
    for (format, name) in [("jsonl", "a.jsonl"), ("csv", "a.csv"), ("json", "a.json")] {
        let file = dir.join(name);
        match format {
            // `export` writes CSV and JSON lines; `query` a JSON array too.
            "json" => {
                let array = run_ok(
                    a.nxcdp()
                        .args(["customers", "query", "--all", "-o", "json"]),
                );
                std::fs::write(&file, array).unwrap();
            }
            _ => {
                let export = ["customers", "export", "-o", format, "--file"];
                run_ok(a.nxcdp().args(export).arg(&file));
            }
        }
        let b = Sandbox::start(&["--customers", "0"]);
        let rejects = dir.join(format!("rejects.{format}"));
        let out = import(&b, &file, &["--rejects", rejects.to_str().unwrap()]);
        let stderr = stderr_of(&out);
        let rejected = rejected_ids(&rejects);
        // Only what batch_create cannot take is rejected, each row for its own reason.
        for (_, why) in &rejected {
            assert!(
                why.starts_with("no full_name") || why.starts_with("no identity key"),
                "{format}: {why}"
            );
        }
        assert_exit(&out, if rejected.is_empty() { 0 } else { 4 });
        let ids: BTreeSet<&str> = rejected.iter().map(|(id, _)| id.as_str()).collect();
        let expected: Vec<Value> = originals
            .iter()
            .filter(|c| !ids.contains(c["id"].to_string().as_str()))
            .cloned()
            .collect();
        assert!(expected.len() > 300, "{format}: most rows get in: {stderr}");
        let imported = all_customers(&b);
        assert_eq!(imported.len(), expected.len(), "{format}: {stderr}");
        assert_eq!(
            sorted(&imported),
            sorted(&expected),
            "{format}: field by field"
        );
        let accepted = format!("{} accepted", expected.len());
        assert!(stderr.contains(&accepted), "{stderr}");
    }
}

/// `n` customers as CSV: rows where `bad(i)` break a rule, rows where `refused(i)` have a name
/// the sandbox refuses (`REFUSED`).
fn customers_csv(n: usize, bad: impl Fn(usize) -> bool, refused: impl Fn(usize) -> bool) -> String {
    let mut text = String::from("full_name,email,sms_phone,birthday,tags\n");
    for i in 0..n {
        let name = match refused(i) {
            true => format!("REFUSED {i}"),
            false => format!("Customer {i}"),
        };
        let birthday = if bad(i) { "1990-13-01" } else { "1990-12-01" };
        text.push_str(&format!(
            "{name},c{i}@example.com,86138{i:08},{birthday},vip;new\n"
        ));
    }
    text
}

fn all_good(_: usize) -> bool {
    false
}

/// An empty tenant (a sandbox with `extra` flags), and `in.csv` of `n` good customers for it.
fn empty_tenant(extra: &[&str], n: usize) -> (Sandbox, TempDir, PathBuf) {
    let b = Sandbox::start(&[&["--customers", "0"][..], extra].concat());
    let dir = TempDir::new();
    let file = dir.join("in.csv");
    std::fs::write(&file, customers_csv(n, all_good, all_good)).unwrap();
    (b, dir, file)
}

#[test]
fn exactly_the_bad_rows_and_the_refused_rows_are_rejected() {
    let b = Sandbox::start(&["--customers", "0", "--refuse-names", "REFUSED"]);
    let dir = TempDir::new();
    let (bad, refused) = (|i: usize| i % 100 == 7, |i: usize| i % 100 == 42);
    let file = dir.join("in.csv");
    std::fs::write(&file, customers_csv(1000, bad, refused)).unwrap();
    let rejects = dir.join("rejects.csv");
    let args = [
        "--rejects",
        rejects.to_str().unwrap(),
        "--parallel",
        "3",
        "-v",
    ];
    let out = import(&b, &file, &args);
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("1000 rows read; 990 sent in 10 batches"),
        "{stderr}"
    );
    assert!(
        stderr.contains("980 accepted; 10 rejected locally, 10 by the server"),
        "{stderr}"
    );
    // Each refused row is found by halving its batch: about 2·log2(100) requests, not 100.
    let requests = posts(&stderr);
    assert!(requests <= 10 + 10 * 14, "{requests} requests");
    let mut reader = csv::Reader::from_path(&rejects).unwrap();
    let mut got: Vec<(u64, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[5].parse().unwrap(), r[6].to_string())
        })
        .collect();
    got.sort();
    let wanted: Vec<u64> = (0..1000)
        .filter(|&i| bad(i) || refused(i))
        .map(|i| i as u64 + 2)
        .collect();
    assert_eq!(got.iter().map(|(l, _)| *l).collect::<Vec<_>>(), wanted);
    for (line, why) in &got {
        match bad(*line as usize - 2) {
            true => assert_eq!(why, "birthday \"1990-13-01\" is not a date yyyy-MM-dd"),
            false => assert!(why.starts_with("refused by the server: "), "{why}"),
        }
    }
    let emails: BTreeSet<String> = all_customers(&b)
        .iter()
        .map(|c| c["email"].as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = (0..1000)
        .filter(|&i| !bad(i) && !refused(i))
        .map(|i| format!("c{i}@example.com"))
        .collect();
    assert_eq!(emails, expected, "every other row, once");
    assert!(
        !dir.join("in.csv.journal").exists(),
        "a finished import removes its journal"
    );
}

/// How many whole lines a journal holds (its head, then one per batch done).
fn journal_lines(path: &Path) -> usize {
    let text = std::fs::read(path).unwrap_or_default();
    text.iter().filter(|b| **b == b'\n').count()
}

fn journal_of(file: &Path) -> PathBuf {
    PathBuf::from(format!("{}.journal", file.display()))
}

/// Starts an import of `file` and waits until its journal records `batches` batches.
fn started(sb: &Sandbox, file: &Path, args: &[&str], batches: usize) -> Child {
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
        (vec!["--map", "x=email"], "--map differs"),
        (vec!["--normalize-phones"], "--normalize-phones differs"),
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
fn conflicts_keep_merge_or_replace_an_existing_customer() {
    let b = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let first = dir.join("first.jsonl");
    let ana = r#"{"full_name":"Ana Silva","email":"ana@example.com","country":"BR","tags":"vip"}"#;
    std::fs::write(&first, format!("{ana}\n")).unwrap();
    assert_exit(&import(&b, &first, &[]), 0);
    let again = dir.join("again.jsonl");
    let update = r#"{"full_name":"Ana S.","email":"ana@example.com","remark":"called"}"#;
    std::fs::write(&again, format!("{update}\n")).unwrap();
    let now = || {
        let all = all_customers(&b);
        assert_eq!(all.len(), 1, "one customer: the same one");
        importable(&all[0])
    };
    let before = now();
    assert_exit(&import(&b, &again, &[]), 0);
    assert_eq!(now(), before, "keep, the default, changes nothing");
    assert_exit(&import(&b, &again, &["--on-conflict", "merge"]), 0);
    let merged = now();
    assert_eq!(merged["full_name"], "Ana S.");
    assert_eq!(
        merged["country"], "BR",
        "merge keeps what the row does not give"
    );
    assert_eq!(merged["remark"], "called");
    assert_eq!(merged["tags"], json!(["vip"]));
    assert_exit(&import(&b, &again, &["--on-conflict", "replace"]), 0);
    let replaced = now();
    assert_eq!(
        replaced.get("country"),
        None,
        "replace empties what the row does not give"
    );
    assert_eq!(replaced["full_name"], "Ana S.");
}

#[test]
fn authentication_errors_stop_the_import_with_exit_3() {
    let (b, _dir, file) = empty_tenant(&[], 50);
    let out = b
        .nxcdp()
        .env("NXCDP_ACCESS_SECRET", "not-the-secret")
        .args(["customers", "import"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = assert_exit(&out, 3);
    assert!(stderr.contains("API error 1003"), "{stderr}");
    let again = "before the server acknowledged any batch; run the same command again";
    assert!(stderr.contains(again), "{stderr}");
    assert!(
        !stderr.contains("not-the-secret"),
        "the secret is never printed"
    );
    assert_exit(&import(&b, &file, &[]), 0);
    assert_eq!(all_customers(&b).len(), 50);
}

#[test]
fn curl_prints_the_first_batch_and_sends_nothing() {
    let (b, _dir, file) = empty_tenant(&[], 150);
    let out = import(&b, &file, &["--curl", "--on-conflict", "merge"]);
    assert_exit(&out, 0);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("curl "), "{stdout}");
    assert!(
        stdout.contains("/saas/cdp/openapi/customers/batch_create"),
        "{stdout}"
    );
    let head =
        r#"{"type":1,"tenant_id":1,"app_key":"sandbox","customers":[{"full_name":"Customer 0""#;
    assert!(stdout.contains(head), "{stdout}");
    assert!(
        stdout.contains("Customer 99\"") && !stdout.contains("Customer 100\""),
        "one batch"
    );
    assert!(all_customers(&b).is_empty());
}

#[test]
fn a_lost_server_stops_the_import_with_exit_5_and_its_journal() {
    let (b, _dir, file) = empty_tenant(&["--latency-ms", "40"], 2000);
    let child = started(&b, &file, &["--parallel", "1", "--retries", "1"], 2);
    drop(b);
    let out = child.wait_with_output().unwrap();
    let stderr = assert_exit(&out, 5);
    assert!(stderr.contains("network error"), "{stderr}");
    let done = journal_lines(&journal_of(&file)) - 1;
    let said = format!("import stopped: {done} batches are done, recorded in");
    assert!(stderr.contains(&said), "{stderr}");
    assert!(
        stderr.contains("run the same command with --resume to continue"),
        "{stderr}"
    );
}
