//! What the server decides: conflicts, authentication, a lost server; `--curl` sends nothing.

use crate::common::{all_customers, assert_exit, Sandbox, TempDir};
use crate::journal::journal_lines;
use crate::journal::journal_of;
use crate::journal::started;
use crate::rejects::empty_tenant;
use crate::roundtrip::import;
use crate::roundtrip::importable;
use serde_json::json;

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
