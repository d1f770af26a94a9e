//! `customers import` and what servers answer: an answer that acknowledges nothing, refusals
//! of every customer of a small file or of a whole import, and an HTTP 401 or 403 that carries
//! no API code. What the sandbox does not play, a hostile server on loopback plays.

mod common;

use common::evil::{Evil, Reply};
use common::{assert_exit, posts, Sandbox, Scrubbed, TempDir};
use std::path::{Path, PathBuf};
use std::process::Output;

/// `nxcdp customers import FILE ARGS` by `cmd`.
fn import(mut cmd: Scrubbed<assert_cmd::Command>, file: &Path, args: &[&str]) -> Output {
    cmd.args(["customers", "import"]).arg(file).args(args);
    cmd.output().unwrap()
}

/// An answer of STATUS whose body is BODY, whatever it holds.
fn raw(status: u16, body: &str) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.to_string(),
    }
}

/// `n` rows, named by `name(i)`, each with its own email.
fn rows(dir: &TempDir, n: usize, name: impl Fn(usize) -> String) -> PathBuf {
    let mut text = String::from("full_name,email\n");
    for i in 0..n {
        text.push_str(&format!("{},c{i}@example.com\n", name(i)));
    }
    let path = dir.join("in.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn journal_lines(file: &Path) -> usize {
    let journal = PathBuf::from(format!("{}.journal", file.display()));
    std::fs::read_to_string(journal).map_or(0, |j| j.lines().count())
}

/// Answers of HTTP 200 that are JSON but not the envelope with `code` 0: nothing is
/// acknowledged, the batches before stay in the journal, exit 5.
#[test]
fn an_answer_without_code_0_acknowledges_nothing() {
    for odd in [
        "{}",
        r#"{"code":"0","data":""}"#,
        r#"{"code":null,"message":"x"}"#,
        r#"{"status":"queued","error":"maintenance: request dropped"}"#,
    ] {
        let server = Evil::start(move |request| match request.n {
            0 => Reply::code(0, "\"\""),
            _ => raw(200, odd),
        });
        let dir = TempDir::new();
        let file = rows(&dir, 5, |i| format!("C {i}"));
        let out = import(
            server.nxcdp(),
            &file,
            &["--batch-size", "2", "--parallel", "1"],
        );
        let stderr = assert_exit(&out, 5);
        assert!(stderr.contains("unexpected response"), "{odd}: {stderr}");
        assert!(!stderr.contains("accepted"), "{odd}: {stderr}");
        assert_eq!(
            journal_lines(&file),
            2,
            "{odd}: the head and the one batch done"
        );
        assert!(stderr.contains("--resume"), "{odd}: {stderr}");
    }
}

/// A file of two rows that the server refuses one by one: each ends in the rejects file with
/// the server's message, as in a larger file.
#[test]
fn the_refused_rows_of_a_small_file_are_rejected_with_the_servers_message() {
    let sb = Sandbox::start(&["--customers", "0", "--refuse-names", "BLOCKED"]);
    let dir = TempDir::new();
    let file = rows(&dir, 2, |i| format!("BLOCKED {i}"));
    for parallel in ["1", "4"] {
        let rejects = dir.join("r.csv");
        let rejected = [
            "--parallel",
            parallel,
            "--rejects",
            rejects.to_str().unwrap(),
        ];
        let out = import(sb.nxcdp(), &file, &rejected);
        let stderr = assert_exit(&out, 4);
        assert!(
            stderr.contains("0 accepted; 0 rejected locally, 2 by the server"),
            "{stderr}"
        );
        let text = std::fs::read_to_string(&rejects).unwrap();
        let refused = text
            .lines()
            .filter(|l| l.contains("refused by the server"))
            .count();
        assert_eq!(refused, 2, "{text}");
    }
}

/// The first batch with one row the server takes, a shorter last batch that it refuses whole:
/// the import goes on whichever batch the server answers first (the last, when batches run at
/// once), and every row ends accepted or rejected.
#[test]
fn a_batch_refused_whole_after_one_accepted_row_never_stops_the_import() {
    let sb = Sandbox::start(&["--customers", "0", "--refuse-names", "BLOCKED"]);
    let dir = TempDir::new();
    let file = rows(&dir, 30, |i| match i {
        0 => "C 0".to_string(),
        _ => format!("BLOCKED {i}"),
    });
    let out = import(
        sb.nxcdp(),
        &file,
        &["--batch-size", "20", "--parallel", "4"],
    );
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("1 accepted; 0 rejected locally, 29 by the server"),
        "{stderr}"
    );
}

/// A server that refuses every customer: the first batch goes alone, so no other batch is split
/// while it shows that, and the import stops after that batch's requests.
#[test]
fn a_server_that_refuses_everything_is_found_out_by_one_batch() {
    let sb = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let file = rows(&dir, 300, |i| format!("C {i}"));
    // A tenant the account does not have: the sandbox refuses every batch with 1002.
    let mut cmd = sb.nxcdp();
    cmd.env("NXCDP_TENANT_ID", "2");
    let out = import(cmd, &file, &["--batch-size", "20", "--parallel", "4", "-v"]);
    let stderr = assert_exit(&out, 4);
    assert!(stderr.contains("refuses the import as a whole"), "{stderr}");
    assert!(
        stderr.contains("check the tenant id and the app key"),
        "{stderr}"
    );
    // Split until each of its 20 customers is alone: 1 + 2 + ... requests, 2·20 − 1 in all.
    assert!(posts(&stderr) < 2 * 20, "{} requests", posts(&stderr));
}

/// An HTTP 401 or 403 with no API code in the body (a gateway's answer) is about the
/// credentials: exit 3 and a hint about the key, for an import, a query and `nxcdp api`.
#[test]
fn http_401_or_403_without_an_api_code_is_about_the_credentials() {
    for (status, body) in [
        (401, r#"{"error":"Unauthorized"}"#),
        (403, "<html>Forbidden</html>"),
    ] {
        let server = Evil::start(move |_| raw(status, body));
        let dir = TempDir::new();
        let file = rows(&dir, 3, |i| format!("C {i}"));
        let import = import(server.nxcdp(), &file, &[]);
        let query = server
            .nxcdp()
            .args(["customers", "query", "--limit", "1"])
            .output()
            .unwrap();
        let api = server
            .nxcdp()
            .args(["api", "/saas/cdp/openapi/customers/query", "-F", "limit=1"])
            .output()
            .unwrap();
        for (what, out) in [("import", import), ("query", query), ("api", api)] {
            let stderr = assert_exit(&out, 3);
            assert!(
                stderr.contains(&format!("HTTP {status}")),
                "{what}: {stderr}"
            );
            assert!(stderr.contains("check the access key"), "{what}: {stderr}");
        }
    }
}
