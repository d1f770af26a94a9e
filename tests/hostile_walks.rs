//! Servers whose pages break the walk's order (the sandbox plays none of them): pages that make
//! no progress, customers on the wrong side of the cursor, a cursor too large for 64 bits. A walk
//! never prints a customer twice, never loops, and never drops a customer it has not printed.

mod common;

use common::evil::{Evil, Reply};
use common::{stderr_of, Sandbox, TempDir};

/// A customer id above 2^53, as the API's are.
const B: i64 = 1_153_190_411_183_731_196;

fn ids(stdout: &[u8]) -> Vec<String> {
    common::ids_of_jsonl(&String::from_utf8_lossy(stdout))
}

/// The ids as `ids` reads them back.
fn texts(ids: &[i64]) -> Vec<String> {
    ids.iter().map(i64::to_string).collect()
}

/// `paging` with only KEY (`next`, `previous`) set, to ID.
fn paging(key: &str, id: i64) -> String {
    format!(r#"{{"{key}":{id}}}"#)
}

/// `customers query --all -o jsonl EXTRA` against the server, which must end it with exit 5;
/// the ids printed, and stderr.
fn refused_walk(evil: &Evil, extra: &[&str]) -> (Vec<String>, String) {
    let out = evil
        .nxcdp()
        .args(["customers", "query", "--all", "-o", "jsonl"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(5), "{extra:?}: {stderr}");
    (ids(&out.stdout), stderr)
}

/// Every page holds the same three customers, and `next` is always one below the cursor sent:
/// each cursor is new and goes the right way, yet no page brings anything new. After 50
/// requests it gives up and ends the walk, so that a walk that does not stop ends all the same.
fn same_page() -> Evil {
    Evil::start(|r| match (r.path.contains("/fields"), r.n >= 50) {
        (true, _) => Reply::data("[]"),
        (false, true) => Reply::page(r#"{"next":null}"#, &[]),
        (false, false) => {
            let next = r.cursor("after").unwrap_or(B) - 1;
            Reply::page(&paging("next", next), &[B, B - 1, B - 2])
        }
    })
}

#[test]
fn pages_with_nothing_new_end_the_walk_at_once_and_print_nobody_twice() {
    let evil = same_page();
    let (printed, stderr) = refused_walk(&evil, &[]);
    assert!(stderr.contains("a page with nothing new"), "{stderr}");
    assert_eq!(printed, texts(&[B, B - 1, B - 2]), "each once");
    // The first page, and the one with nothing new.
    assert!(evil.requests() <= 2, "{} requests", evil.requests());
    // With --parallel, the walk up from the oldest gets the same page with no newer one: the
    // three are every customer, by its word, and the walk down met them. Each once, at once.
    let evil = same_page();
    let out = evil
        .nxcdp()
        .args([
            "customers",
            "query",
            "--all",
            "-o",
            "jsonl",
            "--parallel",
            "2",
        ])
        .output()
        .unwrap();
    let mut printed = ids(&out.stdout);
    printed.sort();
    assert_eq!(printed, texts(&[B - 2, B - 1, B]), "each once");
    // Two probes plan it; then a page from each end, and perhaps the one with nothing new.
    assert!(evil.requests() <= 5, "{} requests", evil.requests());
    let evil = same_page();
    let dir = TempDir::new();
    let file = dir.join("same.jsonl");
    let out = evil
        .nxcdp()
        .args(["customers", "export", "-o", "jsonl", "--file"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("3 customers are in"), "{stderr}");
    let partial = std::fs::read(common::suffixed(&file, ".partial")).unwrap();
    assert_eq!(ids(&partial), texts(&[B, B - 1, B - 2]));
    assert_eq!(evil.requests(), 2);
}

#[test]
fn a_customer_the_walk_passed_without_it_is_an_error_not_a_silent_drop() {
    // Page 2 starts with the last customer of page 1 again (a repeat: dropped quietly), then
    // holds one newer than the cursor that no page held: it would be lost.
    let evil = Evil::start(|r| match r.cursor("after") {
        None => Reply::page(&paging("next", B - 1), &[B, B - 1]),
        Some(after) if after == B - 1 => {
            Reply::page(&paging("next", B - 3), &[B - 1, B - 2, B + 7, B - 3])
        }
        Some(_) => Reply::page(r#"{"next":null}"#, &[]),
    });
    let (printed, stderr) = refused_walk(&evil, &[]);
    let named = format!("with the customer {}", B + 7);
    assert!(stderr.contains(&named), "the customer is named: {stderr}");
    assert_eq!(
        printed,
        texts(&[B, B - 1, B - 2]),
        "the ones before it, each once"
    );
}

#[test]
fn walking_with_before_the_wrong_side_is_older() {
    // `before` walks to newer customers, each page newest first; page 2 repeats the newest of
    // page 1, then holds one older than the cursor that no page held, yet newer than where the
    // walk started (one older than that, B - 12, is not this walk's: dropped in silence).
    let evil = Evil::start(|r| match r.cursor("before") {
        Some(before) if before == B - 10 => {
            Reply::page(&paging("previous", B - 7), &[B - 7, B - 8])
        }
        Some(before) if before == B - 7 => Reply::page(
            &paging("previous", B - 5),
            &[B - 5, B - 6, B - 7, B - 12, B - 9],
        ),
        _ => Reply::page(r#"{"previous":null}"#, &[]),
    });
    let (printed, stderr) = refused_walk(&evil, &["--before", &(B - 10).to_string()]);
    let named = format!("with the customer {}", B - 9);
    assert!(stderr.contains(&named), "{stderr}");
    assert_eq!(printed, texts(&[B - 7, B - 8, B - 5, B - 6]));
}

#[test]
fn a_server_that_repeats_customers_is_still_walked_quietly_in_parallel_and_on_resume() {
    let repeat = ["--customers", "300", "--seed", "6", "--repeat-customers"];
    let sb = Sandbox::start(&repeat);
    let all = common::sandbox_ids(300, 6);
    let out = common::try_query(&sb, &["--all", "-o", "jsonl", "--parallel", "4"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let mut got = ids(&out.stdout);
    got.sort();
    let mut want = all.clone();
    want.sort();
    assert_eq!(got, want, "every customer once");

    // A resume continues after the last customer written: the server repeats that one first.
    let failing = [&repeat[..], &["--garbage", "text", "--garbage-after", "5"]].concat();
    let sb = Sandbox::start(&failing);
    let dir = TempDir::new();
    let path = dir.join("repeat.jsonl");
    let out = common::export(&sb, &path, &["-o", "jsonl"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let out = common::export(&sb.restart(&repeat), &path, &["-o", "jsonl", "--resume"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let written = std::fs::read(&path).unwrap();
    assert_eq!(ids(&written), all, "every customer once, in order");
}

#[test]
fn a_cursor_too_large_for_64_bits_is_named_in_words() {
    let evil = Evil::start(|_| Reply::page(r#"{"next":18446744073709551617}"#, &[B]));
    let (_, stderr) = refused_walk(&evil, &[]);
    let said = "paging.next is not a 64-bit integer: 18446744073709551617";
    assert!(stderr.contains(said), "{stderr}");
    assert!(!stderr.contains("floating point"), "{stderr}");
}
