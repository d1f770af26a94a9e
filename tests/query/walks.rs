//! Walks: every page, `--limit`, `--before`, every format back to the same customers, exact
//! numbers.

use crate::common::{ids_of_jsonl, query, try_query, Sandbox};
use serde_json::Value;

pub fn ids(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .map(|c| c["id"].as_i64().unwrap().to_string())
        .collect()
}

#[test]
fn all_walks_every_page_and_ids_are_exactly_the_sandboxs() {
    let sb = Sandbox::start(&["--customers", "5000", "--seed", "3"]);
    let out = query(&sb, &["--all", "-o", "jsonl"]);
    let got = ids_of_jsonl(&out);
    let expected: Vec<String> = crate::common::sandbox_ids(5000, 3);
    assert_eq!(got.len(), 5000);
    assert_eq!(
        got, expected,
        "every customer once, newest first, ids exact"
    );
    // The ids as printed, not only as parsed: the text of each line holds the exact id.
    for (line, id) in out.lines().zip(&expected) {
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{line}");
    }
}

#[test]
fn limit_counts_customers_and_says_how_to_continue() {
    let sb = Sandbox::start(&["--customers", "500"]);
    let out = try_query(&sb, &["-v", "--limit", "120", "-o", "jsonl"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let got = ids_of_jsonl(&stdout);
    assert_eq!(got.len(), 120);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("> POST")).count(),
        3,
        "{stderr}"
    );
    let all = ids(&crate::common::all_customers(&sb));
    assert_eq!(got, all[..120]);
    // The hint continues exactly where the listing stopped.
    let hint = stderr
        .lines()
        .find(|l| l.contains("--after"))
        .expect("a continuation hint");
    let after = hint
        .split_whitespace()
        .skip_while(|w| *w != "--after")
        .nth(1)
        .unwrap()
        .trim_end_matches(',');
    assert_eq!(after, all[119]);
    let rest = ids_of_jsonl(&query(
        &sb,
        &["--limit", "30", "--after", after, "-o", "jsonl"],
    ));
    assert_eq!(rest, all[120..150]);
    // Page size never asks for more than is still needed.
    let small = try_query(&sb, &["-vv", "--limit", "7", "-o", "jsonl"]);
    assert!(String::from_utf8_lossy(&small.stderr).contains("\"limit\":7"));
}

#[test]
fn before_walks_backwards() {
    let sb = Sandbox::start(&["--customers", "200"]);
    let all = ids(&crate::common::all_customers(&sb));
    let got = ids_of_jsonl(&query(
        &sb,
        &[
            "--before",
            &all[150],
            "--all",
            "--page-size",
            "50",
            "-o",
            "jsonl",
        ],
    ));
    // Pages come newest-last: [100..150], then [50..100], then [0..50], each newest first.
    let expected: Vec<String> = [&all[100..150], &all[50..100], &all[0..50]].concat();
    assert_eq!(got, expected);
}

#[test]
fn every_format_parses_back_to_the_same_customers() {
    let sb = Sandbox::start(&["--customers", "400", "--seed", "8"]);
    let jsonl: Vec<Value> = crate::common::all_customers(&sb);
    let expected = ids(&jsonl);

    let json: Vec<Value> = serde_json::from_str(&query(&sb, &["--all", "-o", "json"])).unwrap();
    assert_eq!(json, jsonl);
    let empty = query(&sb, &["--name", "no such name anywhere", "-o", "json"]);
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&empty).unwrap(),
        Vec::<Value>::new()
    );

    let csv_text = query(&sb, &["--all", "-o", "csv", "--raw-custom-fields"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, nxcdp::customer::FIELDS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.iter().map(|r| r[0].to_string()).collect::<Vec<_>>(),
        expected
    );
    for (row, c) in rows.iter().zip(&jsonl) {
        // Commas, quotes, newlines and a leading '=' all survive, byte for byte.
        assert_eq!(&row[3], c["full_name"].as_str().unwrap_or(""));
        assert_eq!(&row[13], c["remark"].as_str().unwrap_or(""));
        assert_eq!(&row[23], c["customize_field"].as_str().unwrap_or(""));
        let tags: Vec<&str> = c["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tag_name"].as_str().unwrap())
            .collect();
        assert_eq!(&row[20], tags.join(";"));
    }
    assert!(rows.iter().any(|r| r[3].contains('\n')) && rows.iter().any(|r| r[3].starts_with('=')));

    // Piped, a table is tab-separated text with a header, nothing truncated, one line per row.
    let table = query(&sb, &["--all"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], nxcdp::customer::TABLE_COLUMNS.join("\t"));
    assert_eq!(lines.len(), 401);
    assert_eq!(
        lines[1..]
            .iter()
            .map(|l| l.split('\t').next().unwrap())
            .collect::<Vec<_>>(),
        expected
    );
    assert!(!table.contains('\u{1b}'), "control characters are escaped");
}

#[test]
fn unknown_fields_and_exact_numbers_survive_json_output() {
    let sb = Sandbox::start(&["--customers", "20"]);
    let out = query(&sb, &["--limit", "20", "-o", "jsonl"]);
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(
            v["lifecycle"]["stage"].is_string(),
            "a field not in API.md is kept: {line}"
        );
        let reserialized = serde_json::to_string(&v).unwrap();
        assert_eq!(line, reserialized, "the line is the API's JSON unchanged");
    }
}
