//! Exports as Parquet read back by DuckDB against the JSON lines of the same customers.

use crate::common::{export, posts, saved_count, stderr_of, suffixed, Sandbox, TempDir};
use crate::{duckdb, id_text, jsonl};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The sandbox's Plan and Interests options (its field list).
fn plan(id: &str) -> &'static str {
    ["Free", "Pro", "Enterprise"][id.parse::<usize>().unwrap() - 1]
}

fn interest(id: &str) -> &'static str {
    ["Sports", "Music", "Travel, food"][id.parse::<usize>().unwrap() - 1]
}

fn custom(c: &Map<String, Value>) -> Map<String, Value> {
    match &c["customize_field"] {
        Value::String(s) => serde_json::from_str(s).unwrap_or_default(),
        _ => Map::new(),
    }
}

#[test]
fn every_customer_reads_back_typed_and_exact() {
    let sb = Sandbox::start(&["--customers", "600", "--seed", "9"]);
    let dir = TempDir::new();
    let (parquet, lines) = (dir.join("c.parquet"), dir.join("c.jsonl"));
    let out = export(&sb, &parquet, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("wrote 600 customers to"));
    assert!(export(&sb, &lines, &[]).status.success());
    let sent = jsonl(&lines);
    let types: HashMap<String, String> = duckdb(&parquet, "describe select * from FILE")
        .into_iter()
        .map(|r| (r[0].as_str().unwrap().into(), r[1].as_str().unwrap().into()))
        .collect();
    for (column, wanted) in [
        ("id", "BIGINT"),
        ("tenant_id", "BIGINT"),
        ("weight", "BIGINT"),
        ("sms_phone", "VARCHAR"),
        ("source_type", "INTEGER"),
        ("source", "VARCHAR"),
        ("gender", "INTEGER"),
        ("created_at", "TIMESTAMP"),
        ("birthday", "DATE"),
        ("tags", r#"STRUCT(id BIGINT, "name" VARCHAR)[]"#),
        ("his_tags", r#"STRUCT(id BIGINT, "name" VARCHAR)[]"#),
        ("Plan", "VARCHAR"),
        ("Interests", "VARCHAR[]"),
        ("Renewal date", "DATE"),
        ("other_fields", "VARCHAR"),
    ] {
        assert_eq!(types[column], wanted, "{column}");
    }

    // The rows, in the file's order, ids exact (all past 2^53), the extremes too.
    let ids: Vec<String> = duckdb(&parquet, "select id from FILE")
        .iter()
        .map(|r| id_text(&r[0]))
        .collect();
    let sent_ids: Vec<String> = sent.iter().map(|c| id_text(&c["id"])).collect();
    assert_eq!(ids, sent_ids);
    let extremes = duckdb(&parquet, "select min(id), max(id), count(*) from FILE");
    let numbers: Vec<i64> = sent.iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(extremes[0][0].as_i64(), numbers.iter().min().copied());
    assert_eq!(extremes[0][1].as_i64(), numbers.iter().max().copied());
    assert!(numbers.iter().all(|&n| n > 1 << 53));
    assert_eq!(extremes[0][2].as_u64(), Some(600));

    // Tags unnested: one row per tag, by id and name.
    let mut tags: Vec<(String, i64, String)> = duckdb(
        &parquet,
        "select id, t.id, t.name from (select id, unnest(tags) as t from FILE)",
    )
    .iter()
    .map(|r| {
        (
            id_text(&r[0]),
            r[1].as_i64().unwrap(),
            r[2].as_str().unwrap().into(),
        )
    })
    .collect();
    let mut sent_tags: Vec<(String, i64, String)> = sent
        .iter()
        .flat_map(|c| {
            let id = id_text(&c["id"]);
            c["tags"].as_array().unwrap().iter().map(move |t| {
                let name = t["tag_name"].as_str().unwrap().to_string();
                (id.clone(), t["id"].as_i64().unwrap(), name)
            })
        })
        .collect();
    tags.sort();
    sent_tags.sort();
    assert!(sent_tags.len() > 300, "tags to unnest: {}", sent_tags.len());
    assert_eq!(tags, sent_tags);

    // Times on the API's wall clock, custom fields by label, the rest in other_fields.
    let rows = duckdb(
        &parquet,
        r#"select strftime(created_at, '%Y-%m-%dT%H:%M:%S'), birthday, source, "Plan", "Interests", other_fields from FILE"#,
    );
    for (row, c) in rows.iter().zip(&sent) {
        assert_eq!(row[0], c["created_at"], "created_at of {}", c["id"]);
        assert_eq!(row[1], c["birthday"], "birthday of {}", c["id"]);
        let code = c["source_type"].as_u64().unwrap() as usize;
        assert_eq!(row[2], nxcdp::customer::SOURCE_TYPES[code].1);
        let values = custom(c);
        let wanted_plan = values
            .get("customize_3_17")
            .map(|v| Value::from(plan(v[0].as_str().unwrap())));
        assert_eq!(row[3], wanted_plan.unwrap_or(Value::Null), "{}", c["id"]);
        let wanted: Option<Vec<&str>> = values.get("customize_4_52").map(|v| {
            let ids = v.as_array().unwrap();
            ids.iter().map(|i| interest(i.as_str().unwrap())).collect()
        });
        assert_eq!(row[4], serde_json::json!(wanted), "{}", c["id"]);
        let other: Value = serde_json::from_str(row[5].as_str().unwrap()).unwrap();
        assert_eq!(
            other["lifecycle"], c["lifecycle"],
            "a field nxcdp does not know"
        );
    }
    assert!(rows.iter().any(|r| !r[3].is_null()) && rows.iter().any(|r| !r[1].is_null()));
}

#[test]
fn parallel_and_sorted_exports_hold_the_same_rows() {
    let sb = Sandbox::start(&["--customers", "500", "--seed", "4"]);
    let dir = TempDir::new();
    let one = dir.join("one.parquet");
    assert!(export(&sb, &one, &[]).status.success());
    let all = "select * from FILE order by id";
    let rows = duckdb(&one, all);
    assert_eq!(rows.len(), 500);
    let ids = |path| -> Vec<String> {
        let rows = duckdb(path, "select id from FILE");
        rows.iter().map(|r| id_text(&r[0])).collect()
    };
    for (name, extra) in [
        ("parallel.parquet", &["--parallel", "4"][..]),
        ("sorted.parquet", &["--parallel", "4", "--sorted"][..]),
    ] {
        let path = dir.join(name);
        let out = export(&sb, &path, extra);
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        assert_eq!(duckdb(&path, all), rows, "{name}: the same rows");
    }
    assert_eq!(
        ids(&dir.join("sorted.parquet")),
        ids(&one),
        "--sorted: one cursor's order"
    );
}

#[test]
fn an_export_stopped_halfway_resumes_without_fetching_again() {
    let data = ["--customers", "400", "--seed", "6"];
    // The field list, then 8 pages of 20; the 9th request answers garbage.
    let failing = [&data[..], &["--garbage", "text", "--garbage-after", "9"]].concat();
    let sb = Sandbox::start(&failing);
    let dir = TempDir::new();
    let path = dir.join("c.parquet");
    let out = export(&sb, &path, &[]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let kept = saved_count(&path).unwrap();
    assert!(kept == 160 && !path.exists(), "kept {kept}");
    assert!(suffixed(&path, ".partial").exists());

    let sb = sb.restart(&data);
    let out = export(&sb, &path, &["--resume", "-v"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let resumed = posts(&stderr_of(&out));
    let clean = dir.join("clean.parquet");
    let out = export(&sb, &clean, &["-v"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let whole = posts(&stderr_of(&out));
    assert_eq!(whole, 20, "20 pages of 20");
    assert_eq!(resumed, whole - 8, "the 8 pages kept are not fetched again");
    let all = "select * from FILE";
    assert_eq!(
        duckdb(&path, all),
        duckdb(&clean, all),
        "the rows of one run"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&clean).unwrap(),
        "the bytes of one run"
    );
    assert!(!suffixed(&path, ".partial").exists() && !suffixed(&path, ".partial.state").exists());
}

#[test]
fn a_stream_is_the_file_an_export_writes() {
    let sb = Sandbox::start(&["--customers", "300", "--seed", "2"]);
    let dir = TempDir::new();
    let file = dir.join("c.parquet");
    assert!(export(&sb, &file, &[]).status.success());
    for (name, args) in [
        (
            "query.parquet",
            &["customers", "query", "--all", "-o", "parquet"][..],
        ),
        (
            "stdout.parquet",
            &["customers", "export", "-o", "parquet", "--file", "-"][..],
        ),
    ] {
        let out = sb.nxcdp().args(args).output().unwrap();
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        let path = dir.join(name);
        std::fs::write(&path, &out.stdout).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&file).unwrap(),
            "{name}"
        );
    }
    // --columns: those columns, a custom field by label, and other_fields for what does not fit.
    let out = sb
        .nxcdp()
        .args(["customers", "query", "--all", "-o", "parquet"])
        .args(["--columns", "id,plan,created_at"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let picked = dir.join("picked.parquet");
    std::fs::write(&picked, &out.stdout).unwrap();
    let names: Vec<Value> = duckdb(&picked, "describe select * from FILE")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(names, ["id", "Plan", "created_at", "other_fields"]);
    let whole = duckdb(&file, r#"select id, "Plan", created_at from FILE"#);
    let some = duckdb(&picked, r#"select id, "Plan", created_at from FILE"#);
    assert_eq!(some, whole);

    // Issue 28, item 7: his_tags is a column --columns can pick.
    let out = sb
        .nxcdp()
        .args(["customers", "query", "--all", "-o", "parquet"])
        .args(["--columns", "id,HIS_TAGS"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let picked = dir.join("his.parquet");
    std::fs::write(&picked, &out.stdout).unwrap();
    let names: Vec<Value> = duckdb(&picked, "describe select * from FILE")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(names, ["id", "his_tags", "other_fields"]);
    let whole = duckdb(&file, "select id, his_tags from FILE");
    assert_eq!(duckdb(&picked, "select id, his_tags from FILE"), whole);
}
