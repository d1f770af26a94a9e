//! `-o xlsx`: what openpyxl reads of nxcdp's workbooks, and `-o csv --bom`.

use crate::common::{
    assert_exit, export, failing_sandbox, on_terminal, stderr_of, suffixed, Sandbox, TempDir,
    FAILING_DATA,
};
use crate::{column, openpyxl};
use serde_json::Value;
use std::path::Path;

/// Each customer of a JSON lines export as (id, sms_phone, whatsApp_phone) texts, exactly as the
/// API sent them (ids past 2^53 read as numbers would be rounded).
fn exact(jsonl: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(jsonl).unwrap();
    text.lines()
        .map(|line| {
            let raw: std::collections::HashMap<String, Box<serde_json::value::RawValue>> =
                serde_json::from_str(line).unwrap();
            let text = |k: &str| {
                let v = raw[k].get();
                match v {
                    "null" => String::new(),
                    v => v.trim_matches('"').to_string(),
                }
            };
            (text("id"), text("sms_phone"), text("whatsApp_phone"))
        })
        .collect()
}

/// The same triples from a workbook's sheets, every sheet after the first header row.
fn from_book(book: &Value) -> Vec<(String, String, String)> {
    let mut all = Vec::new();
    for sheet in book.as_array().unwrap() {
        let ids = column(sheet, "id");
        let sms = column(sheet, "sms_phone");
        let wa = column(sheet, "whatsApp_phone");
        for ((id, sms), wa) in ids.into_iter().zip(sms).zip(wa) {
            let text = |c: Option<(&str, &str)>| {
                c.map_or(String::new(), |(kind, text)| {
                    assert_eq!(kind, "s", "an id or phone is a text cell: {text}");
                    text.to_string()
                })
            };
            all.push((text(id), text(sms), text(wa)));
        }
    }
    all
}

#[test]
fn ids_and_phones_are_exact_text_and_each_cell_has_its_type() {
    let sb = Sandbox::start(&[]);
    let dir = TempDir::new();
    let (xlsx, jsonl) = (dir.join("c.xlsx"), dir.join("c.jsonl"));
    let out = export(&sb, &xlsx, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(export(&sb, &jsonl, &[]).status.success());
    let book = openpyxl(&xlsx);
    let sheet = &book[0];
    assert_eq!(sheet["name"], "customers");
    assert_eq!(sheet["freeze"], "A2", "the header row is frozen");
    assert!(sheet["bold"].as_bool().unwrap(), "the header is bold");
    let rows = sheet["rows"].as_array().unwrap();
    let width = rows[0].as_array().unwrap().len();
    // Columns past Z are AA, AB, ...: the export has fewer than 52.
    let last = match width - 1 {
        n if n < 26 => format!("{}", (b'A' + n as u8) as char),
        n => format!("A{}", (b'A' + (n - 26) as u8) as char),
    };
    assert_eq!(sheet["filter"], format!("A1:{last}{}", rows.len()));
    let want = exact(&jsonl);
    assert_eq!(from_book(&book), want);
    assert!(want
        .iter()
        .any(|(id, _, _)| id.parse::<i64>().unwrap() > 1 << 53));
    let kinds = |name: &str| -> Vec<&str> {
        let mut k: Vec<&str> = column(sheet, name)
            .into_iter()
            .flatten()
            .map(|c| c.0)
            .collect();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(kinds("created_at"), ["d"]);
    assert_eq!(kinds("birthday"), ["d"]);
    assert_eq!(kinds("weight"), ["n"]);
    assert_eq!(kinds("tags"), ["s"]);
    for row in rows {
        for cell in row.as_array().unwrap().iter().filter(|c| !c.is_null()) {
            assert_ne!(cell[0], "f", "server text is never a formula: {cell}");
        }
    }
    let birthday = column(sheet, "birthday")
        .into_iter()
        .flatten()
        .next()
        .unwrap();
    assert!(birthday.1.ends_with("T00:00:00"), "{birthday:?}");
}

#[test]
fn a_stopped_xlsx_export_resumes_and_parallel_sorted_gives_the_same_rows() {
    let dir = TempDir::new();
    let path = dir.join("c.xlsx");
    let failing = failing_sandbox();
    let out = export(&failing, &path, &[]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(!path.exists(), "no workbook before the export is whole");
    let partial = std::fs::read_to_string(suffixed(&path, ".partial")).unwrap();
    assert!(partial.starts_with("id,"), "kept as CSV while it runs");
    let sb = failing.restart(&FAILING_DATA);
    let out = export(&sb, &path, &["--resume"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!suffixed(&path, ".partial").exists());
    assert!(!suffixed(&path, ".partial.state").exists());
    let resumed = from_book(&openpyxl(&path));
    assert_eq!(resumed.len(), 300);
    let jsonl = dir.join("c.jsonl");
    assert!(export(&sb, &jsonl, &[]).status.success());
    assert_eq!(resumed, exact(&jsonl), "every customer once, in order");
    let sorted = dir.join("sorted.xlsx");
    let out = export(&sb, &sorted, &["--parallel", "4", "--sorted"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(from_book(&openpyxl(&sorted)), resumed);
}

#[test]
fn a_workbook_never_goes_to_a_terminal_or_a_watch() {
    let sb = Sandbox::start(&["--customers", "3"]);
    let screen = on_terminal(&sb, 120, true, "customers query -o xlsx; echo exit=$?");
    assert!(screen.contains("not for a terminal"), "{screen}");
    assert!(screen.contains("exit=2"), "{screen}");
    assert!(!screen.contains("PK"), "no zip bytes: {screen}");
    let out = sb
        .nxcdp()
        .args(["customers", "watch", "--once", "-o", "xlsx"])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("a watch has no last row"));
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-o", "xlsx", "--csv-safe"])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("never a formula"));
}

#[test]
fn a_query_to_a_pipe_is_the_same_workbook() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let (piped, exported) = (dir.join("q.xlsx"), dir.join("e.xlsx"));
    let out = sb
        .nxcdp()
        .args(["customers", "query", "--all", "-o", "xlsx"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    std::fs::write(&piped, &out.stdout).unwrap();
    assert!(export(&sb, &exported, &[]).status.success());
    let (a, b) = (openpyxl(&piped), openpyxl(&exported));
    assert_eq!(a[0]["rows"], b[0]["rows"]);
    assert_eq!(from_book(&a).len(), 30);
}

#[test]
fn bom_starts_a_csv_once_even_resumed() {
    let dir = TempDir::new();
    let path = dir.join("c.csv");
    let failing = failing_sandbox();
    assert_eq!(export(&failing, &path, &["--bom"]).status.code(), Some(5));
    let sb = failing.restart(&FAILING_DATA);
    let out = export(&sb, &path, &["--resume"]);
    assert!(assert_exit(&out, 2).contains("--bom differs"));
    let out = export(&sb, &path, &["--bom", "--resume"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid,"));
    let boms = bytes.windows(3).filter(|w| w == b"\xEF\xBB\xBF").count();
    assert_eq!(boms, 1);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "-o", "json", "--bom"])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("--bom works with CSV"));
}
