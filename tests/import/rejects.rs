//! Every row accepted or rejected: the rows that break a rule and the rows the server refuses.

use crate::common::{all_customers, assert_exit, posts, Sandbox, TempDir};
use crate::roundtrip::import;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// `n` customers as CSV: rows where `bad(i)` break a rule, rows where `refused(i)` have a name
/// the sandbox refuses (`REFUSED`).
pub fn customers_csv(
    n: usize,
    bad: impl Fn(usize) -> bool,
    refused: impl Fn(usize) -> bool,
) -> String {
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

pub fn all_good(_: usize) -> bool {
    false
}

/// An empty tenant (a sandbox with `extra` flags), and `in.csv` of `n` good customers for it.
pub fn empty_tenant(extra: &[&str], n: usize) -> (Sandbox, TempDir, PathBuf) {
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
