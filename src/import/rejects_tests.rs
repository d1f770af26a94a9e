//! The rejects file: its rows, its columns and its place.

use super::*;

fn record(line: u64, raw: Raw) -> Record {
    Record {
        line,
        raw,
        after_quote: None,
    }
}

#[test]
fn json_rows_keep_their_text_behind_line_and_reason() {
    let json = |text: &str| record(7, Raw::Json(text.as_bytes().to_vec()));
    assert_eq!(
        json_reject(
            &json(r#"{ "id": 1021110718827683840, "x":"é" }"#),
            "why \"so\""
        ),
        r#"{"input_line":7,"reject_reason":"why \"so\"","id": 1021110718827683840, "x":"é" }"#
    );
    assert_eq!(
        json_reject(&json("{ }"), "r"),
        r#"{"input_line":7,"reject_reason":"r"}"#
    );
    assert_eq!(
        json_reject(
            &json(r#"{"input_line":3,"reject_reason":"old","a":1}"#),
            "new"
        ),
        r#"{"input_line":7,"reject_reason":"new","a":1}"#
    );
    assert_eq!(
        json_reject(&json("[1, 2"), "r"),
        r#"{"input_line":7,"reject_reason":"r","text":"[1, 2"}"#
    );
}

#[test]
fn csv_rows_get_two_columns_or_fill_their_own() {
    let dir = std::env::temp_dir().join(format!("nxcdp-rejects-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("r.csv");
    let header = csv::ByteRecord::from(vec!["full_name", "email"]);
    let mut rejects = Rejects::create(&path, Format::Csv, Some(&header)).unwrap();
    let row = csv::ByteRecord::from(vec!["Ana, Jr.", "a@b"]);
    rejects
        .write(&record(4, Raw::Csv(row)), "no \"key\"")
        .unwrap();
    rejects.finish(true).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "full_name,email,input_line,reject_reason\n\"Ana, Jr.\",a@b,4,\"no \"\"key\"\"\"\n"
    );
    let header = csv::ByteRecord::from(vec!["input_line", "full_name", "reject_reason"]);
    let mut again = Rejects::create(&path, Format::Csv, Some(&header)).unwrap();
    let row = csv::ByteRecord::from(vec!["4", "Ana", "old"]);
    again.write(&record(2, Raw::Csv(row)), "new").unwrap();
    again.finish(true).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, "input_line,full_name,reject_reason\n2,Ana,new\n");
    // Rows of another length: still a cell for each column, line and reason in theirs.
    let mut uneven = Rejects::create(&path, Format::Csv, Some(&header)).unwrap();
    let long = csv::ByteRecord::from(vec!["4", "Ana", "x, y", "z", "old"]);
    uneven.write(&record(2, Raw::Csv(long)), "long").unwrap();
    let short = csv::ByteRecord::from(vec!["Bo"]);
    uneven.write(&record(3, Raw::Csv(short)), "short").unwrap();
    uneven.finish(true).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "input_line,full_name,reject_reason\n\
         2,\"Ana,\"\"x, y\"\",z\",\"long (here, fields 2 to 4 are one cell, \"\"full_name\"\")\"\n\
         3,,short\n"
    );
    let array = dir.join("r.json");
    let mut rejects = Rejects::create(&array, Format::Json, None).unwrap();
    rejects
        .write(&record(2, Raw::Json(b"{}".to_vec())), "a")
        .unwrap();
    rejects
        .write(&record(3, Raw::Json(b"{}".to_vec())), "b")
        .unwrap();
    rejects.finish(true).unwrap();
    let text = std::fs::read_to_string(&array).unwrap();
    let parsed: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}
