//! Workbooks imported as they are (issue 27, items 1 and 2): a sheet's header wherever its first
//! row with anything is, a phone typed as a number sent as its digits, a date cell as
//! `yyyy-MM-dd`, a formula's cached value, empty rows and columns around the data ignored, a
//! number past what a spreadsheet holds exactly rejected with its cell, rejects naming the sheet
//! and the row Excel shows; `--sheet` by name or number, an unknown one listed.
//!
//! The workbooks are built here with rust_xlsxwriter (the reader is calamine: another library).

use crate::common::{all_customers, assert_exit, stderr_of, Sandbox, TempDir};
use crate::roundtrip::import;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value;
use std::path::PathBuf;

/// A workbook with a sheet "People" (a blank row 1, the header on row 2, data from row 3, an
/// empty row among them and formatted empty cells after them) and a sheet "Other".
fn people(dir: &TempDir) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("People").unwrap();
    let header = ["Name", "sms_phone", "birthday", "email", "remark", "gender"];
    for (col, name) in header.iter().enumerate() {
        sheet.write_string(1, col as u16, *name).unwrap();
    }
    // Row 3: a phone typed as a number, a date cell, a formula with its cached value.
    sheet.write_string(2, 0, "Ana Lima").unwrap();
    sheet.write_number(2, 1, 8613912345678.0).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let born = ExcelDateTime::from_ymd(1990, 5, 1).unwrap();
    sheet
        .write_datetime_with_format(2, 2, &born, &date)
        .unwrap();
    sheet.write_string(2, 3, "ana@example.com").unwrap();
    let formula = Formula::new("=CONCAT(\"VIP \",\"2024\")").set_result("VIP 2024");
    sheet.write_formula(2, 4, formula).unwrap();
    sheet.write_number(2, 5, 1.0).unwrap();
    // Row 4 empty. Row 5: a boolean and a decimal in text fields.
    sheet.write_string(4, 0, "Bo").unwrap();
    sheet.write_string(4, 1, "447700900123").unwrap();
    sheet.write_boolean(4, 4, true).unwrap();
    sheet.write_string(4, 3, "bo@example.com").unwrap();
    // Row 6: an id-sized number a spreadsheet has already rounded.
    sheet.write_string(5, 0, "Cy").unwrap();
    sheet.write_number(5, 1, 1.0211e18).unwrap();
    // Formatted cells that hold nothing, past the data: no rows, no columns.
    let bold = Format::new().set_bold();
    sheet.write_blank(9, 0, &bold).unwrap();
    sheet.write_blank(2, 9, &bold).unwrap();
    let other = book.add_worksheet();
    other.set_name("Other").unwrap();
    names_and_emails(other, &[("Di", "di@example.com")]);
    let path = dir.join("people.xlsx");
    book.save(&path).unwrap();
    path
}

/// Rows of (full_name, email) under their header, from the sheet's first cell.
pub fn names_and_emails(sheet: &mut Worksheet, rows: &[(&str, &str)]) {
    sheet.write_string(0, 0, "full_name").unwrap();
    sheet.write_string(0, 1, "email").unwrap();
    for (i, (name, email)) in rows.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, *name).unwrap();
        sheet.write_string(i as u32 + 1, 1, *email).unwrap();
    }
}

fn by_email(sb: &Sandbox, email: &str) -> Value {
    let all = all_customers(sb);
    let found = all.iter().find(|c| c["email"] == email);
    found.unwrap_or_else(|| panic!("{email} imported")).clone()
}

#[test]
fn cells_keep_what_the_person_meant() {
    let sb = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let file = people(&dir);
    let rejects = dir.join("rejects.csv");
    let args = [
        "--map",
        "Name=full_name",
        "--rejects",
        rejects.to_str().unwrap(),
    ];
    let out = import(&sb, &file, &args);
    let stderr = assert_exit(&out, 4);
    assert!(stderr.contains("1 rejected"), "{stderr}");
    let ana = by_email(&sb, "ana@example.com");
    assert_eq!(ana["full_name"], "Ana Lima");
    assert_eq!(ana["sms_phone"], "8613912345678");
    assert_eq!(ana["birthday"], "1990-05-01");
    assert_eq!(ana["remark"], "VIP 2024", "the formula's cached value");
    assert_eq!(ana["gender"], 1);
    let bo = by_email(&sb, "bo@example.com");
    assert_eq!(bo["remark"], "TRUE");
    assert_eq!(all_customers(&sb).len(), 2, "the empty rows are no rows");
    let mut reader = csv::Reader::from_path(&rejects).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let (line, why) = (&rows[0][6], &rows[0][7]);
    assert_eq!(line, "6", "the row Excel shows");
    assert!(
        why.starts_with("sheet \"People\" row 6: cell B6 holds the number 1.0211e18"),
        "{why}"
    );
    assert!(why.contains("enter it as text"), "{why}");
}

#[test]
fn another_sheet_by_name_or_number_and_an_unknown_one_listed() {
    let dir = TempDir::new();
    let file = people(&dir);
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &["--sheet", "Nope", "--dry-run"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("its sheets: \"People\", \"Other\""),
        "{stderr}"
    );
    for told in ["Other", "2"] {
        let sb = Sandbox::start(&["--customers", "0"]);
        let out = import(&sb, &file, &["--sheet", told]);
        assert_exit(&out, 0);
        let all = all_customers(&sb);
        assert_eq!(all.len(), 1, "{told}");
        assert_eq!(all[0]["full_name"], "Di");
    }
}

#[test]
fn every_rule_of_a_csv_import_holds() {
    let dir = TempDir::new();
    let file = people(&dir);
    let sb = Sandbox::start(&["--customers", "0"]);
    // An unknown column is refused before anything is sent, naming its row.
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 2);
    assert!(stderr.contains("column \"Name\" (line 2)"), "{stderr}");
    // A dry run sends nothing; --format names a workbook whatever the file's name.
    let out = import(&sb, &file, &["--map", "Name=full_name", "--dry-run"]);
    assert_exit(&out, 4);
    assert!(all_customers(&sb).is_empty());
    let renamed = dir.join("people.dat");
    std::fs::rename(&file, &renamed).unwrap();
    let out = import(
        &sb,
        &renamed,
        &["--map", "Name=full_name", "--format", "xlsx"],
    );
    assert_exit(&out, 4);
    assert_eq!(all_customers(&sb).len(), 2);
}

#[test]
fn an_ods_is_read_as_an_xlsx_is() {
    let dir = TempDir::new();
    let file = dir.join("people.ods");
    let script = r#"
import sys, zipfile
content = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Kunden">
<table:table-row><table:table-cell office:value-type="string"><text:p>full_name</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>sms_phone</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>birthday</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Jürgen</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="4915112345678"><text:p>4,92E+12</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="1985-12-24"><text:p>24.12.85</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>'''
# As LibreOffice writes it: no white space between the elements.
content = content.replace("\n", "")
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content)
    z.writestr("META-INF/manifest.xml", '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>''')
"#;
    let made = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .status()
        .unwrap();
    assert!(made.success());
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &[]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let all = all_customers(&sb);
    assert_eq!(all[0]["full_name"], "Jürgen");
    assert_eq!(all[0]["sms_phone"], "4915112345678");
    assert_eq!(all[0]["birthday"], "1985-12-24");
}

/// One cell far from the others (at XFD1048576) would make every row as wide as the sheet, a
/// million rows from the data: the sheet is refused with exit 2, the process never aborts.
#[test]
fn a_sheet_spread_over_millions_of_cells_is_refused() {
    let dir = TempDir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    names_and_emails(sheet, &[("Ana", "ana@example.com")]);
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let path = dir.join("far.xlsx");
    book.save(&path).unwrap();
    let out = crate::common::nxcdp_offline()
        .args(["customers", "import", "--dry-run"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("spans 1048576 rows and 16384 columns"),
        "{stderr}"
    );
}

/// A formula saved without its value (openpyxl and other programs do not compute them): the row
/// is refused naming the cell, not sent without the value. The workbook is openpyxl's.
#[test]
fn a_formula_with_no_value_saved_refuses_its_row() {
    let dir = TempDir::new();
    let path = dir.join("fx.xlsx");
    let script = "import openpyxl,sys\nb=openpyxl.Workbook()\ns=b.active\ns.append(['full_name','sms_phone','email'])\ns.append(['Ana','=\"86\"&\"13900000002\"','ana@example.com'])\ns.append(['Bo',None,'bo@example.com'])\nb.save(sys.argv[1])\n";
    let made = crate::common::scrubbed("python3")
        .args(["-c", script])
        .arg(&path)
        .status()
        .unwrap();
    assert!(
        made.success(),
        "openpyxl (.ci/run installs it) made the workbook"
    );
    let out = crate::common::nxcdp_offline()
        .args(["customers", "import", "--dry-run"])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("cell B2 holds a formula with no value saved"),
        "{stderr}"
    );
    assert!(stderr.contains("1 would be sent"), "{stderr}");
}

/// An .xlsx sheet is streamed (issue 27, item 3): a sheet five times as long takes about the
/// same memory. calamine's `Range`, held whole, took some 4 KiB a row here (60 numbers: 33 MiB
/// more at 8 000 rows than at 1 000, 15 MiB at 5 000); streamed, under 2 MiB more.
/// Peak RSS is the kernel's (`getrusage` of the finished child), not a timing.
#[cfg(target_os = "linux")]
#[test]
fn a_long_sheet_is_read_in_flat_memory() {
    let dir = TempDir::new();
    // The field list is asked for the columns it does not know.
    let sb = Sandbox::start(&["--customers", "0"]);
    let peak_kib = |rows: u32| -> u64 {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "full_name").unwrap();
        sheet.write_string(0, 1, "email").unwrap();
        for col in 0..60u16 {
            sheet.write_string(0, col + 2, format!("x{col}")).unwrap();
        }
        for row in 1..=rows {
            sheet.write_string(row, 0, format!("Person {row}")).unwrap();
            sheet
                .write_string(row, 1, format!("p{row}@example.com"))
                .unwrap();
            for col in 0..60u16 {
                sheet
                    .write_number(row, col + 2, f64::from(row) + f64::from(col))
                    .unwrap();
            }
        }
        let path = dir.join(format!("long{rows}.xlsx"));
        book.save(&path).unwrap();
        let measure = "import resource, subprocess, sys\nsubprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";
        let out = crate::common::scrubbed("python3")
            .envs(&sb.env)
            .args(["-c", measure])
            .arg(crate::common::nxcdp_bin())
            .args([
                "--quiet",
                "customers",
                "import",
                "--dry-run",
                "--ignore-unknown",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    let (short, long) = (peak_kib(1_000), peak_kib(5_000));
    assert!(
        long < short + 8 * 1024,
        "peak RSS {short} KiB at 1 000 rows, {long} KiB at 5 000"
    );
}
