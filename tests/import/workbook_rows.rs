//! What issue 27's second attack found of workbooks (items 1, 3, 4, 5): a cell under no header
//! rejects its row and keeps a column of its own in the rejects file; a column of nothing
//! between two headers is left out; a cell with no text to send is kept in the rejects file as
//! Excel shows it, so it is fixed there and imported back; a date outside Excel's is no date,
//! and a time alone is sent as shown, never as a date of 1899.

use crate::common::{all_customers, assert_exit, stderr_of, Sandbox, TempDir};
use crate::roundtrip::import;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// full_name in A, nothing in B, email in C, sms_phone in D: Ana sent; Bo with a note in E,
/// under no header; Cy with a phone past 2^53.
fn gaps(dir: &TempDir) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("People").unwrap();
    for (col, name) in [(0, "full_name"), (2, "email"), (3, "sms_phone")] {
        sheet.write_string(0, col, name).unwrap();
    }
    for (row, name) in [(1, "Ana"), (2, "Bo"), (3, "Cy")] {
        sheet.write_string(row, 0, name).unwrap();
        let email = format!("{}@example.com", name.to_lowercase());
        sheet.write_string(row, 2, &email).unwrap();
    }
    sheet.write_string(2, 4, "note in E").unwrap();
    sheet.write_number(3, 3, 1e20).unwrap();
    let file = dir.join("gaps.xlsx");
    book.save(&file).unwrap();
    file
}

fn emails(sb: &Sandbox) -> Vec<String> {
    let mut emails: Vec<String> = all_customers(sb)
        .iter()
        .map(|c| c["email"].as_str().unwrap().to_string())
        .collect();
    emails.sort();
    emails
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn cells_under_no_header_and_cells_with_no_text_keep_their_columns_in_the_rejects_file() {
    let dir = TempDir::new();
    let file = gaps(&dir);
    let rejects = dir.join("rejects.csv");
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &["--rejects", rejects.to_str().unwrap()]);
    // Column B, with neither a header nor a cell, is left out (item 4).
    assert_exit(&out, 4);
    assert_eq!(emails(&sb), ["ana@example.com"]);
    let got = rows(&rejects);
    let why = got[1].last().unwrap();
    assert!(
        why.contains("cell E3 has no header (row 1 has no name above it)"),
        "{why}"
    );
    assert_eq!(
        got[0][..5],
        ["full_name", "", "email", "sms_phone", ""],
        "a column of its own for E: {got:?}"
    );
    let bo = &got[1];
    assert_eq!(bo[..5], ["Bo", "", "bo@example.com", "", "note in E"]);
    // The phone as Excel shows it, not dropped (item 5).
    let cy = &got[2];
    assert_eq!(cy[..4], ["Cy", "", "cy@example.com", "1E+20"]);
    // Imported back as it is: both rows rejected again, no email with the note in it.
    let again = dir.join("again.csv");
    let out = import(&sb, &rejects, &["--rejects", again.to_str().unwrap()]);
    assert_exit(&out, 4);
    let again = std::fs::read_to_string(&again).unwrap();
    assert!(
        again.contains("\"\"note in E\"\" is under no name"),
        "{again}"
    );
    assert_eq!(emails(&sb), ["ana@example.com"]);
    // Fixed there, imported back.
    let text = std::fs::read_to_string(&rejects).unwrap();
    let fixed = text
        .replace("note in E", "")
        .replace("1E+20", "447700900123");
    std::fs::write(&rejects, fixed).unwrap();
    let out = import(&sb, &rejects, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let all = all_customers(&sb);
    let cy = all.iter().find(|c| c["email"] == "cy@example.com").unwrap();
    assert_eq!(cy["sms_phone"], "447700900123");
    assert_eq!(emails(&sb).len(), 3);
}

#[test]
fn a_json_lines_rejects_file_keeps_a_cell_under_no_header_apart() {
    let dir = TempDir::new();
    let file = gaps(&dir);
    let rejects = dir.join("rejects.jsonl");
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &["--rejects", rejects.to_str().unwrap()]);
    assert_exit(&out, 4);
    let text = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["email"], "bo@example.com", "{text}");
    assert_eq!(
        lines[0]["reject_cells_without_header"],
        serde_json::json!(["note in E"])
    );
    assert_eq!(lines[1]["sms_phone"], "1E+20", "{text}");
    // The phone fixed: imported back, the cells under no header left out with a note.
    std::fs::write(&rejects, text.replace("1E+20", "447700900123")).unwrap();
    let out = import(&sb, &rejects, &[]);
    let stderr = assert_exit(&out, 0);
    assert!(stderr.contains("reject_cells_without_header"), "{stderr}");
    let all = all_customers(&sb);
    let bo = all.iter().find(|c| c["email"] == "bo@example.com").unwrap();
    assert!(!bo.to_string().contains("note in E"), "{bo}");
    assert_eq!(emails(&sb).len(), 3);
}

#[test]
fn dates_outside_excels_are_rejected_and_times_are_sent_as_shown() {
    let dir = TempDir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in ["full_name", "email", "remark"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    let rows: [(&str, f64, &str); 7] = [
        ("Far", 3e6, "yyyy-mm-dd"),
        ("Huge", 1e300, "yyyy-mm-dd"),
        ("Before", -5.0, "yyyy-mm-dd"),
        ("Zero", 0.0, "yyyy-mm-dd"),
        ("Noon", 0.5, "h:mm"),
        ("Long", 1.5, "[h]:mm"),
        ("Lap", 0.00625, "mm:ss"),
    ];
    for (i, (name, value, format)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, *name).unwrap();
        let email = format!("{}@example.com", name.to_lowercase());
        sheet.write_string(row, 1, &email).unwrap();
        let format = Format::new().set_num_format(*format);
        sheet
            .write_number_with_format(row, 2, *value, &format)
            .unwrap();
    }
    let file = dir.join("dates.xlsx");
    book.save(&file).unwrap();
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 4);
    for (row, serial) in [(2, "3000000"), (3, "1E+300"), (5, "0")] {
        let why =
            format!("row {row}: cell C{row} holds the date serial {serial}, outside Excel's dates");
        assert!(stderr.contains(&why), "{why}: {stderr}");
    }
    assert!(
        stderr.contains("cell C4 holds the date or time serial -5, before Excel's first date"),
        "{stderr}"
    );
    let all = all_customers(&sb);
    let remark = |email: &str| {
        let found = all.iter().find(|c| c["email"] == email);
        found.map(|c| c["remark"].clone())
    };
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(remark("noon@example.com").unwrap(), "12:00");
    assert_eq!(remark("long@example.com").unwrap(), "36:00");
    assert_eq!(remark("lap@example.com").unwrap(), "09:00");
}

/// Item 6: one cell of 2 MiB (300 MB in the attack's workbook of 300 KB, 1.2 GB to read) refuses
/// the workbook, read no further than the bound, as a CSV row past 1 MiB does.
#[test]
fn a_cell_longer_than_a_row_may_be_refuses_the_workbook() {
    use std::io::{Read, Write};
    let dir = TempDir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in ["full_name", "email", "remark"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "Ana").unwrap();
    sheet.write_string(1, 1, "ana@example.com").unwrap();
    sheet.write_string(1, 2, "HUGE-CELL").unwrap();
    let small = book.save_to_buffer().unwrap();
    // The workbook again, its shared string made 2 MiB long.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(small)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = Vec::new();
        part.read_to_end(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let text = text.replace("HUGE-CELL", &"x".repeat(2 << 20));
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let file = dir.join("huge.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let out = crate::common::nxcdp_offline()
        .args(["customers", "import", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("holds a text longer than 1 MiB in one piece"),
        "{stderr}"
    );
}

/// Item 7: a rejects file named as a workbook is refused before anything is read or sent; a CSV
/// named .xlsx is named for what it is; `--sheet` matches a name whatever its case, as Excel
/// does; a workbook whose sheets are all hidden says so; -0 is sent as 0.
#[test]
fn workbook_names_sheets_and_minus_zero() {
    let dir = TempDir::new();
    let csv = dir.join("people.xlsx");
    std::fs::write(&csv, "full_name,email\nAna,ana@example.com\n").unwrap();
    let offline = |args: &[&str]| {
        crate::common::nxcdp_offline()
            .args(["customers", "import"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = offline(&[csv.to_str().unwrap(), "--dry-run"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("it is text; if it is CSV, import it with --format csv"),
        "{stderr}"
    );
    let text = dir.join("people.csv");
    std::fs::copy(&csv, &text).unwrap();
    let rejects = dir.join("rejects.xlsx");
    let out = offline(&[
        text.to_str().unwrap(),
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    let stderr = assert_exit(&out, 2);
    assert!(stderr.contains("never as a workbook"), "{stderr}");
    assert!(!rejects.exists());
    let mut book = Workbook::new();
    let lookup = book.add_worksheet();
    lookup.set_name("Lookup").unwrap();
    lookup.write_string(0, 0, "full_name").unwrap();
    lookup.write_string(0, 1, "email").unwrap();
    lookup.write_string(0, 2, "remark").unwrap();
    lookup.write_string(1, 0, "Bo").unwrap();
    lookup.write_string(1, 1, "bo@example.com").unwrap();
    lookup.write_number(1, 2, -0.0).unwrap();
    lookup.set_hidden(true);
    let people = book.add_worksheet();
    people.set_name("People").unwrap();
    people.write_string(0, 0, "full_name").unwrap();
    people.write_string(0, 1, "email").unwrap();
    people.write_string(1, 0, "Ana").unwrap();
    people.write_string(1, 1, "ana@example.com").unwrap();
    let file = dir.join("book.xlsx");
    book.save(&file).unwrap();
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &["--sheet", "lookup"]);
    assert_exit(&out, 0);
    let all = all_customers(&sb);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["email"], "bo@example.com");
    assert_eq!(all[0]["remark"], "0");
}
