//! Scripting without corrupted ids: `--jq`, `--ids-as-strings` and `--columns` for JSON.

mod common;

use common::{query, try_query, Sandbox};
use serde_json::Value;

#[test]
fn jq_id_over_all_prints_every_id_exactly() {
    let sb = Sandbox::start(&["--customers", "700", "--seed", "4"]);
    let out = query(&sb, &["--all", "--jq", ".id"]);
    let expected: Vec<String> = common::sandbox_ids(700, 4);
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn jq_filters_by_tag_and_prints_strings_raw() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let all = common::all_customers(&sb);
    let vip_emails: Vec<String> = all
        .iter()
        .filter(|c| {
            c["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["tag_name"] == "vip")
        })
        .filter_map(|c| c["email"].as_str().map(String::from))
        .collect();
    assert!(!vip_emails.is_empty());
    let out = query(
        &sb,
        &[
            "--all",
            "--jq",
            r#"select(any(.tags[]; .tag_name == "vip")) | .email // empty"#,
        ],
    );
    assert_eq!(out.lines().collect::<Vec<_>>(), vip_emails);
}

#[test]
fn jq_with_json_sees_the_whole_array() {
    let sb = Sandbox::start(&["--customers", "120"]);
    let out = query(&sb, &["--all", "-o", "json", "--jq", "length"]);
    assert_eq!(out, "120\n");
    let out = query(&sb, &["--limit", "3", "-o", "json", "--jq", "map(.id)"]);
    let ids: Vec<Value> = serde_json::from_str(&out).unwrap();
    let all = common::all_customers(&sb);
    assert_eq!(
        ids,
        all[..3].iter().map(|c| c["id"].clone()).collect::<Vec<_>>()
    );
}

#[test]
fn a_bad_jq_expression_exits_2_and_sends_nothing() {
    let sb = Sandbox::start(&["--customers", "5"]);
    for expr in [".id | (", "nosuchfunction(1)"] {
        let out = try_query(&sb, &["-v", "--jq", expr]);
        assert_eq!(out.status.code(), Some(2), "{expr}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("--jq") && !stderr.contains("> POST"),
            "{stderr}"
        );
    }
    let out = try_query(&sb, &["--jq", ".id", "-o", "csv"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ids_as_strings_round_trip_every_id() {
    let sb = Sandbox::start(&["--customers", "150"]);
    let numeric = common::all_customers(&sb);
    let out = query(&sb, &["--all", "-o", "jsonl", "--ids-as-strings"]);
    let strings: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(strings.len(), numeric.len());
    for (s, n) in strings.iter().zip(&numeric) {
        assert_eq!(
            s["id"].as_str().unwrap(),
            n["id"].as_i64().unwrap().to_string()
        );
        assert_eq!(s["tenant_id"].as_str().unwrap(), n["tenant_id"].to_string());
        for (st, nt) in s["tags"]
            .as_array()
            .unwrap()
            .iter()
            .zip(n["tags"].as_array().unwrap())
        {
            assert_eq!(st["id"].as_str().unwrap(), nt["id"].to_string());
            assert_eq!(
                st["customer_id"].as_str().unwrap(),
                nt["customer_id"].to_string()
            );
            assert_eq!(st["user_id"].as_str().unwrap(), nt["user_id"].to_string());
        }
        assert_eq!(s["weight"], n["weight"], "other numbers stay numbers");
    }
    let json: Vec<Value> =
        serde_json::from_str(&query(&sb, &["--all", "-o", "json", "--ids-as-strings"])).unwrap();
    assert_eq!(json, strings);
}

#[test]
fn columns_select_json_keys_in_order() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let all = common::all_customers(&sb);
    let out = query(&sb, &["--all", "-o", "jsonl", "--columns", "email,id"]);
    for (line, c) in out.lines().zip(&all) {
        let expected = format!(
            "{{\"email\":{},\"id\":{}}}",
            serde_json::to_string(&c["email"]).unwrap(),
            c["id"].as_i64().unwrap()
        );
        assert_eq!(line, expected);
    }
    let out = query(
        &sb,
        &[
            "--limit",
            "2",
            "-o",
            "jsonl",
            "--columns",
            "id",
            "--ids-as-strings",
            "--jq",
            ".id",
        ],
    );
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        all[..2]
            .iter()
            .map(|c| c["id"].as_i64().unwrap().to_string())
            .collect::<Vec<_>>()
    );
}
