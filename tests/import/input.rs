//! The input as it was written: its line ends, its quotes, rows of another length, and the
//! columns `--map` names.

use crate::common::{all_customers, assert_exit, Sandbox, TempDir};
use crate::roundtrip::import;
use std::path::PathBuf;

/// An empty tenant and a file `name` holding `text`.
fn tenant_and(name: &str, text: &str) -> (Sandbox, TempDir, PathBuf) {
    let b = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    (b, dir, file)
}

/// The emails of the tenant's customers, sorted.
fn emails(sb: &Sandbox) -> Vec<String> {
    let mut all: Vec<String> = all_customers(sb)
        .iter()
        .map(|c| c["email"].as_str().unwrap_or_default().to_string())
        .collect();
    all.sort();
    all
}

/// The rows of a CSV rejects file, read by a reader that refuses rows of another length.
fn rejects_rows(path: &PathBuf) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn cr_line_ends_count_as_lines_in_every_reason() {
    // Old Excel for Mac: CR alone ends each line, inside a quoted cell too.
    let text = "full_name,email,birthday\r\
                Ana,ana@example.com,1990-01-01\r\
                Bo,bo@example.com,1990-13-01\r\
                \"Cy\rCosta\",cy@example.com,\r\
                Di,di@example.com,1990-02-30\r";
    let (b, dir, file) = tenant_and("mac.csv", text);
    let rejects = dir.join("rejects.csv");
    let out = import(&b, &file, &["--rejects", rejects.to_str().unwrap()]);
    let stderr = assert_exit(&out, 4);
    let (_, rows) = rejects_rows(&rejects);
    let lines: Vec<&str> = rows.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(lines, ["3", "6"], "{stderr}");
    assert_eq!(emails(&b), ["ana@example.com", "cy@example.com"]);
    let out = import(&b, &file, &[]);
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("line 3: birthday \"1990-13-01\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 6: birthday \"1990-02-30\""),
        "{stderr}"
    );
}

#[test]
fn text_after_a_closing_quote_rejects_its_row() {
    let text = "full_name,email\n\"Bo\"x,bo@example.com\nAna,\"ana@example.com\"\n";
    let (b, _dir, file) = tenant_and("quotes.csv", text);
    let out = import(&b, &file, &[]);
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("line 2: column \"full_name\" has text after its closing quote"),
        "{stderr}"
    );
    assert_eq!(emails(&b), ["ana@example.com"], "nothing changed silently");
}

#[test]
fn rows_of_another_length_keep_the_rejects_file_rectangular() {
    let text = "full_name,email,remark\nAna,a@x.com,extra,2\nBo\nCy,c@x.com,fine\n";
    let (b, dir, file) = tenant_and("uneven.csv", text);
    let rejects = dir.join("rejects.csv");
    let out = import(&b, &file, &["--rejects", rejects.to_str().unwrap()]);
    assert_exit(&out, 4);
    let (header, rows) = rejects_rows(&rejects);
    assert_eq!(
        header,
        [
            "full_name",
            "email",
            "remark",
            "input_line",
            "reject_reason"
        ]
    );
    assert_eq!(rows[0][..4], ["Ana", "a@x.com", "extra,2", "2"]);
    assert_eq!(
        rows[0][4],
        "the row has 4 fields where the header has 3 (here, fields 3 to 4 are one cell, \"remark\")"
    );
    assert_eq!(rows[1][..4], ["Bo", "", "", "3"]);
    assert_eq!(rows[1][4], "the row has 1 fields where the header has 3");
    assert_eq!(emails(&b), ["c@x.com"]);
}

#[test]
fn a_repeated_phone_is_quoted_as_written_before_normalize_phones() {
    let text = "full_name,sms_phone\nAna,+86 138-0013-8000\nBo,86 138 0013 8000\n";
    let (b, _dir, file) = tenant_and("phones.csv", text);
    let out = import(&b, &file, &["--normalize-phones"]);
    let stderr = assert_exit(&out, 4);
    let why = "line 3: sms_phone \"86 138 0013 8000\" is also on line 2, which came first";
    assert!(stderr.contains(why), "{stderr}");
    let phones: Vec<String> = all_customers(&b)
        .iter()
        .map(|c| c["sms_phone"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(phones, ["8613800138000"]);
}

#[test]
fn the_map_a_hint_prints_works_and_a_map_of_no_column_is_refused() {
    let text = "full_name,\"Phone, mobile\",Mail=Work\nAna,86 138 0013 8000,ana@example.com\n";
    let (b, _dir, file) = tenant_and("own.csv", text);
    let out = import(&b, &file, &[]);
    let stderr = assert_exit(&out, 2);
    let hint = "hint: name what it holds with --map 'Phone, mobile=FIELD'";
    assert!(stderr.contains(hint), "{stderr}");
    // The hint's form, FIELD filled in; a column that holds = by its last =.
    let map = [
        "--map",
        "Phone, mobile=sms_phone",
        "--map",
        "Mail=Work=email",
    ];
    for (typo, near) in [
        ("Phone mobile", "Phone, mobile"),
        ("Mail=Wrok", "Mail=Work"),
    ] {
        let map = format!("{typo}=sms_phone,Mail=Work=email");
        let out = import(&b, &file, &["--map", &map, "--normalize-phones"]);
        let stderr = assert_exit(&out, 2);
        let why = format!("--map: the input has no column \"{typo}\" (did you mean \"{near}\"?)");
        assert!(stderr.contains(&why), "{stderr}");
        assert!(all_customers(&b).is_empty(), "nothing sent");
    }
    let out = import(&b, &file, &[&map[..], &["--normalize-phones"]].concat());
    assert_exit(&out, 0);
    let all = all_customers(&b);
    assert_eq!(all[0]["sms_phone"], "8613800138000");
    assert_eq!(all[0]["email"], "ana@example.com");
}
