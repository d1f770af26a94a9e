//! Spreadsheets in and out (issue 27): `-o xlsx` read back by openpyxl, a reader of its own
//! (ids and phones exact, types, header, sheets), `-o csv --bom`, and workbooks an import reads.
//!
//! One test binary, a module per part. openpyxl is Python's; `.ci/run` installs it.

#[path = "../common/mod.rs"]
mod common;

mod export;

use serde_json::Value;
use std::path::Path;

/// What openpyxl reads of a workbook: per sheet its name, frozen cell, autofilter, whether the
/// header is bold, and each row's cells as `[type, text]` (openpyxl's data types: `s` text, `n`
/// number, `d` date, `f` formula), `null` for an empty cell.
pub fn openpyxl(path: &Path) -> Value {
    const READ: &str = r#"
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in book.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = [None if c.value is None else [c.data_type, c.value.isoformat() if hasattr(c.value, "isoformat") else str(c.value)] for c in row]
        while cells and cells[-1] is None:
            cells.pop()
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "bold": all(c.font.b for c in ws[1]), "rows": rows})
print(json.dumps(out))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", READ])
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "openpyxl reads {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The text of column `name` of each row of a sheet read by [`openpyxl`], with its type.
pub fn column<'a>(sheet: &'a Value, name: &str) -> Vec<Option<(&'a str, &'a str)>> {
    let rows = sheet["rows"].as_array().unwrap();
    let header = rows[0].as_array().unwrap();
    let at = header
        .iter()
        .position(|c| c[1] == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    rows[1..]
        .iter()
        .map(|r| {
            let cell = r.as_array().unwrap().get(at).filter(|c| !c.is_null())?;
            Some((cell[0].as_str().unwrap(), cell[1].as_str().unwrap()))
        })
        .collect()
}
