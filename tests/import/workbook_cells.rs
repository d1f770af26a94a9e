//! What issue 27's attack found of workbooks (items 1, 2, 4, 6): a number is sent as its format
//! shows it (a phone formatted `00000000000` keeps its leading 0, `50%`, `3.10`), a format not
//! rendered is said once; a hidden first sheet is passed over for the first visible one; an
//! .xls (built here by xlwt, as Excel 97-2003 saved it) is read; a workbook's rejects file is
//! JSON lines when its name says so.

use crate::common::{all_customers, assert_exit, stderr_of, Sandbox, TempDir};
use crate::roundtrip::import;
use crate::workbooks::names_and_emails;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::path::PathBuf;

fn by_email<'a>(all: &'a [Value], email: &str) -> &'a Value {
    let found = all.iter().find(|c| c["email"] == email);
    found.unwrap_or_else(|| panic!("{email} imported"))
}

/// Rows of (full_name, email, sms_phone, remark), the phone and the remark numbers in the
/// formats given.
fn formatted(dir: &TempDir) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in ["full_name", "email", "sms_phone", "remark"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    let rows: [(&str, f64, &str, f64, &str); 4] = [
        ("Ana", 1391234567.0, "00000000000", 0.5, "0%"),
        ("Bo", 8613912345678.0, "#,##0", 3.1, "0.00"),
        ("Cy", 447700900123.0, "0", 1234.5, "#,##0.00"),
        ("Di", 4915112345678.0, "@", 12345.0, "0.00E+00"),
    ];
    for (i, (name, phone, phone_format, remark, remark_format)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, *name).unwrap();
        let email = format!("{}@example.com", name.to_lowercase());
        sheet.write_string(row, 1, &email).unwrap();
        let phone_format = Format::new().set_num_format(*phone_format);
        sheet
            .write_number_with_format(row, 2, *phone, &phone_format)
            .unwrap();
        let remark_format = Format::new().set_num_format(*remark_format);
        sheet
            .write_number_with_format(row, 3, *remark, &remark_format)
            .unwrap();
    }
    let path = dir.join("formatted.xlsx");
    book.save(&path).unwrap();
    path
}

#[test]
fn numbers_are_sent_as_their_format_shows_them() {
    let dir = TempDir::new();
    let file = formatted(&dir);
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 0);
    let all = all_customers(&sb);
    let got = |email: &str, key: &str| by_email(&all, email)[key].as_str().unwrap().to_string();
    assert_eq!(
        got("ana@example.com", "sms_phone"),
        "01391234567",
        "zero-padded"
    );
    assert_eq!(got("ana@example.com", "remark"), "50%");
    // Grouping commas are the reader's locale, not the digits typed.
    assert_eq!(got("bo@example.com", "sms_phone"), "8613912345678");
    assert_eq!(got("bo@example.com", "remark"), "3.10");
    assert_eq!(got("cy@example.com", "remark"), "1234.50");
    assert_eq!(got("di@example.com", "sms_phone"), "4915112345678");
    // A format nxcdp does not render: the plain value, and said once.
    assert_eq!(got("di@example.com", "remark"), "12345");
    assert_eq!(stderr.matches("0.00E+00").count(), 1, "{stderr}");
    assert!(
        stderr.contains("do not render") || stderr.contains("does not render"),
        "{stderr}"
    );
}

#[test]
fn a_hidden_first_sheet_is_passed_over_unless_named() {
    let dir = TempDir::new();
    let mut book = Workbook::new();
    let lookup = book.add_worksheet();
    lookup.set_name("Lookup").unwrap();
    names_and_emails(lookup, &[("Hidden", "hidden@example.com")]);
    lookup.set_hidden(true);
    let people = book.add_worksheet();
    people.set_name("People").unwrap();
    people.set_active(true);
    names_and_emails(people, &[("Di", "di@example.com")]);
    let file = dir.join("hidden.xlsx");
    book.save(&file).unwrap();
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 0);
    assert!(
        stderr
            .contains("read sheet \"People\", the first visible one; hidden before it: \"Lookup\""),
        "{stderr}"
    );
    let all = all_customers(&sb);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["full_name"], "Di");
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &["--sheet", "Lookup"]);
    let stderr = assert_exit(&out, 0);
    assert!(!stderr.contains("first visible"), "{stderr}");
    assert_eq!(all_customers(&sb)[0]["full_name"], "Hidden");
}

#[test]
fn an_xls_saved_by_excel_97_is_read() {
    let dir = TempDir::new();
    let file = dir.join("people.xls");
    // xlwt writes BIFF8, as Excel 97-2003 does; `.ci/run` installs it.
    let script = r#"
import sys, datetime, xlwt
book = xlwt.Workbook()
sheet = book.add_sheet("Kunden")
for col, name in enumerate(["full_name", "sms_phone", "birthday", "email"]):
    sheet.write(0, col, name)
sheet.write(1, 0, "Jürgen")
sheet.write(1, 1, 4915112345678)
sheet.write(1, 2, datetime.date(1985, 12, 24), xlwt.easyxf(num_format_str="DD.MM.YY"))
sheet.write(1, 3, "j@example.com")
sheet.write(2, 0, "Bo")
sheet.write(2, 1, 1.0211e18)
sheet.write(2, 3, "bo@example.com")
book.save(sys.argv[1])
"#;
    let made = crate::common::scrubbed("python3")
        .args(["-c", script])
        .arg(&file)
        .status()
        .unwrap();
    assert!(
        made.success(),
        "xlwt (.ci/run installs it) made the workbook"
    );
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("sheet \"Kunden\" row 3: cell B3 holds the number 1.0211e18"),
        "{stderr}"
    );
    let all = all_customers(&sb);
    assert_eq!(all.len(), 1, "{stderr}");
    assert_eq!(all[0]["full_name"], "Jürgen");
    assert_eq!(all[0]["sms_phone"], "4915112345678");
    assert_eq!(all[0]["birthday"], "1985-12-24");
}

#[test]
fn a_workbooks_rejects_are_json_lines_when_the_name_says_so() {
    let dir = TempDir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("People").unwrap();
    for (col, name) in ["full_name", "email", "sms_phone"].iter().enumerate() {
        sheet.write_string(1, col as u16, *name).unwrap();
    }
    sheet.write_string(2, 0, "Ana").unwrap();
    sheet.write_string(2, 1, "ana@example.com").unwrap();
    sheet.write_string(3, 0, "Cy").unwrap();
    sheet.write_string(3, 1, "cy@example.com").unwrap();
    sheet.write_number(3, 2, 1.0211e18).unwrap();
    let file = dir.join("people.xlsx");
    book.save(&file).unwrap();
    let rejects = dir.join("rejects.jsonl");
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &["--rejects", rejects.to_str().unwrap()]);
    assert_exit(&out, 4);
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert_eq!(lines[0]["input_line"], 4, "the row Excel shows");
    let why = lines[0]["reject_reason"].as_str().unwrap();
    assert!(
        why.starts_with("sheet \"People\" row 4: cell C4 holds the number"),
        "{why}"
    );
    assert_eq!(lines[0]["full_name"], "Cy");
    assert_eq!(lines[0]["email"], "cy@example.com");
    // The cell kept as Excel shows it (issue 27b, item 5).
    assert_eq!(lines[0]["sms_phone"], "1.0211E+18");
    // The file imports back as it is (its own two keys left out), once the cell is fixed.
    let fixed = text.replace("1.0211E+18", "447700900123");
    std::fs::write(&rejects, fixed).unwrap();
    let out = import(&sb, &rejects, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(all_customers(&sb).len(), 2);
}
