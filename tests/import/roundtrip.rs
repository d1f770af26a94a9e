//! What nxcdp exports, nxcdp imports back, field by field.

use crate::common::{all_customers, assert_exit, run_ok, stderr_of, Sandbox, TempDir};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

/// `nxcdp customers import FILE ARGS` against `sb`.
pub fn import(sb: &Sandbox, file: &Path, args: &[&str]) -> Output {
    sb.nxcdp()
        .args(["customers", "import"])
        .arg(file)
        .args(args)
        .output()
        .unwrap()
}

/// What batch_create can set of a customer as the query returns it: the fields compared after a
/// round trip. Empty values are absent, as an empty CSV cell is; tags are their names.
pub fn importable(c: &Value) -> Value {
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

pub fn sorted(customers: &[Value]) -> Vec<String> {
    let mut all: Vec<String> = customers
        .iter()
        .map(|c| importable(c).to_string())
        .collect();
    all.sort();
    all
}

/// The ids of the rows of a rejects file (they carry the exported `id`), each with its reason.
pub fn rejected_ids(path: &Path) -> Vec<(String, String)> {
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
    let formats = [
        ("jsonl", "a.jsonl"),
        ("csv", "a.csv"),
        ("json", "a.json"),
        ("xlsx", "a.xlsx"),
    ];
    for (format, name) in formats {
        let file = dir.join(name);
        match format {
            // `export` writes CSV, JSON lines and workbooks; `query` a JSON array too.
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
        // A workbook's rejects are CSV.
        let rejects = match format {
            "xlsx" => dir.join("rejects-xlsx.csv"),
            _ => dir.join(format!("rejects.{format}")),
        };
        let out = import(&b, &file, &["--rejects", rejects.to_str().unwrap()]);
        let stderr = stderr_of(&out);
        let rejected = rejected_ids(&rejects);
        // Only what batch_create cannot take is rejected, each row for its own reason.
        for (_, why) in &rejected {
            // A sheet's row is named as Excel shows it.
            let why = match format {
                "xlsx" => {
                    let place = why.split_once(": ").unwrap().0;
                    assert!(place.starts_with("sheet \"customers\" row "), "{why}");
                    why.split_once(": ").unwrap().1
                }
                _ => why.as_str(),
            };
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

#[test]
fn an_export_takes_its_format_from_the_extension_as_an_import_reads_it() {
    let a = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    for (name, jsonl) in [("a.jsonl", true), ("b.NDJSON", true), ("c.csv", false)] {
        let file = dir.join(name);
        let out = crate::common::export(&a, &file, &[]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        let text = std::fs::read_to_string(&file).unwrap();
        let first = text.lines().next().unwrap();
        assert_eq!(first.starts_with("{\"id\":"), jsonl, "{name}: {first}");
        // The import reads it by the same extension: every row is valid.
        let dry = import(&a, &file, &["--dry-run", "--ignore-unknown"]);
        assert!(dry.status.success(), "{name}: {}", stderr_of(&dry));
    }
    // -o still chooses.
    let file = dir.join("d.jsonl");
    let out = crate::common::export(&a, &file, &["-o", "csv"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("id,"));
}

/// `rows` (JSON lines) imported into an empty sandbox, exported from it as `dir/a.csv`, and that
/// CSV imported into another empty sandbox with `args`: both sandboxes' customers and the
/// second import.
fn through_csv(dir: &TempDir, rows: &str, args: &[&str]) -> (Vec<Value>, Vec<Value>, Output) {
    let a = Sandbox::start(&["--customers", "0"]);
    let jsonl = dir.join("rows.jsonl");
    std::fs::write(&jsonl, rows).unwrap();
    assert_exit(&import(&a, &jsonl, &[]), 0);
    let csv = dir.join("a.csv");
    let out = crate::common::export(&a, &csv, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let b = Sandbox::start(&["--customers", "0"]);
    let out = import(&b, &csv, args);
    (all_customers(&a), all_customers(&b), out)
}

#[test]
fn a_tag_name_that_holds_the_cell_separator_comes_back_whole() {
    let dir = TempDir::new();
    let row = r#"{"full_name":"Ana","email":"ana@example.com","tags":["a;b","plain","back\\slash","\\;"]}"#;
    let (a, b, out) = through_csv(&dir, row, &[]);
    let stderr = assert_exit(&out, 0);
    let tags = importable(&a[0])["tags"].clone();
    assert_eq!(
        tags,
        json!(["\\;", "a;b", "back\\slash", "plain"]),
        "the server took them"
    );
    assert_eq!(sorted(&b), sorted(&a), "{stderr}");
    let csv = std::fs::read_to_string(dir.join("a.csv")).unwrap();
    assert!(csv.contains(r"a\;b;plain;back\\slash;\\\;"), "{csv}");
}

#[test]
fn a_custom_field_the_field_list_lost_comes_back_under_its_key() {
    let dir = TempDir::new();
    let mut rows = String::new();
    for (i, value) in [
        r#"["1","2"]"#,
        r#""5""#,
        "7",
        r#""plain, text""#,
        r#""""#,
        "[]",
    ]
    .iter()
    .enumerate()
    {
        rows.push_str(&format!(
            r#"{{"full_name":"C {i}","email":"c{i}@example.com","customize_field":{{"customize_9_99":{value},"customize_1_1":"Acme"}}}}"#
        ));
        rows.push('\n');
    }
    let (a, b, out) = through_csv(&dir, &rows, &[]);
    let stderr = assert_exit(&out, 0);
    assert!(
        stderr.contains("by their keys") && stderr.contains("customize_9_99"),
        "{stderr}"
    );
    let lost = |all: &[Value]| -> Vec<String> {
        let mut values: Vec<String> = all
            .iter()
            .map(|c| {
                let custom: Value =
                    serde_json::from_str(c["customize_field"].as_str().unwrap()).unwrap();
                custom["customize_9_99"].to_string()
            })
            .collect();
        values.sort();
        values
    };
    assert_eq!(
        lost(&a),
        [
            r#""""#,
            r#""5""#,
            r#""plain, text""#,
            "7",
            "[\"1\",\"2\"]",
            "[]"
        ]
    );
    assert_eq!(lost(&b), lost(&a), "exactly as JSON lines carry it");
    // Named by --map, or with --ignore-unknown, the column is the same custom field.
    let csv = dir.join("a.csv");
    let c = Sandbox::start(&["--customers", "0"]);
    for args in [
        &["--map", "customize_9_99=customize_9_99"][..],
        &["--ignore-unknown"],
    ] {
        let out = c
            .nxcdp()
            .args(["customers", "import", "--curl"])
            .arg(&csv)
            .args(args)
            .output()
            .unwrap();
        assert_exit(&out, 0);
        let curl = String::from_utf8_lossy(&out.stdout);
        assert!(
            curl.contains(r#"\"customize_9_99\":[\"1\",\"2\"]"#),
            "{args:?}: {curl}"
        );
    }
}
