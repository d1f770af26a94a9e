//! `-o parquet` (issue 28) read back by DuckDB, a reader of its own: the rows, ids exact, types,
//! tags unnested, custom fields by label, times against `created_at`, what nxcdp does not know in
//! `other_fields`; `--parallel`, `--sorted`, a stopped export resumed, and the refusals.
//!
//! One test binary, a module per part. DuckDB is Python's (`pip install duckdb`); `.ci/run`
//! installs it, and a test that needs it fails without it.

#[path = "../common/mod.rs"]
mod common;

mod export;
mod refusals;

use serde_json::Value;
use std::path::Path;

/// The rows DuckDB reads for `sql`, in which `FILE` stands for the Parquet file at `path`: each
/// row an array of values (integers exact, times and dates ISO 8601, lists and structs as JSON).
pub fn duckdb(path: &Path, sql: &str) -> Vec<Vec<Value>> {
    const READ: &str = r#"
import json, sys, duckdb
sql = sys.argv[2].replace("FILE", "read_parquet(" + repr(sys.argv[1]) + ")")
rows = duckdb.sql(sql).fetchall()
print(json.dumps(rows, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v)))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", READ])
        .arg(path)
        .arg(sql)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "DuckDB reads {} ({sql}): {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().clone())
        .collect()
}

/// Each customer of a JSON lines file, as the API sent it.
pub fn jsonl(path: &Path) -> Vec<serde_json::Map<String, Value>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A customer's id as text, exactly as sent.
pub fn id_text(v: &Value) -> String {
    assert!(v.is_i64(), "an integer id: {v}");
    v.to_string()
}
