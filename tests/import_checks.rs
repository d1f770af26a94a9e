//! `customers import --dry-run`: every row is read and checked, nothing is sent. Most of these
//! run with no credentials and no server at all, which proves that nothing was sent; those that
//! read custom-field labels fetch the sandbox's field list.

mod common;

use common::{nxcdp, nxcdp_offline, stderr_of, Sandbox, Scrubbed, TempDir};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// `customers import --dry-run FILE ARGS` by `cmd`: offline, or pointed at a sandbox.
fn dry_run_with(mut cmd: Scrubbed<assert_cmd::Command>, file: &Path, args: &[&str]) -> Output {
    cmd.args(["customers", "import", "--dry-run"])
        .arg(file)
        .args(args);
    cmd.output().unwrap()
}

/// `nxcdp customers import --dry-run FILE ARGS`, offline.
fn dry_run(file: &Path, args: &[&str]) -> Output {
    dry_run_with(nxcdp_offline(), file, args)
}

fn write(dir: &TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[track_caller]
fn assert_exit(out: &Output, code: i32) -> String {
    let stderr = stderr_of(out);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(out.stdout.is_empty(), "stdout carries no data here");
    stderr
}

#[test]
fn a_spreadsheet_with_a_bom_crlf_and_its_own_columns_is_mapped() {
    let sb = Sandbox::start(&[]);
    let dry_run = |file: &Path, args: &[&str]| dry_run_with(sb.nxcdp(), file, args);
    let dir = TempDir::new();
    let csv = write(
        &dir,
        "fair.csv",
        "\u{feff} Phone , Name ,E-Mail\r\n+86 138-0013-8000,Ana Silva,ana@example.com\r\n8613900139000,\"Bo, Jr.\",\r\n",
    );
    let out = dry_run(&csv, &["--map", "phone=sms_phone,NAME=full_name"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("column \"E-Mail\" (line 1) is not a field nxcdp can import"),
        "{stderr}"
    );
    assert!(stderr.contains("--map 'E-Mail=FIELD'"), "{stderr}");
    let map = [
        "--map",
        "phone=sms_phone,NAME=full_name",
        "--map",
        "e-mail=email",
    ];
    let out = dry_run(&csv, &map);
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains(
            "line 2: sms_phone \"+86 138-0013-8000\" is not digits only (--normalize-phones"
        ),
        "{stderr}"
    );
    let out = dry_run(&csv, &[&map[..], &["--normalize-phones"]].concat());
    let stderr = assert_exit(&out, 0);
    assert!(
        stderr.contains("2 rows read; 2 would be sent in 1 batch, 0 rejected"),
        "{stderr}"
    );
    let out = dry_run(
        &csv,
        &[
            "--map",
            "phone=sms_phone,NAME=full_name",
            "--ignore-unknown",
            "--normalize-phones",
        ],
    );
    let stderr = assert_exit(&out, 0);
    assert!(
        stderr.contains("left out the columns nxcdp does not know (--ignore-unknown): \"E-Mail\""),
        "{stderr}"
    );
}

#[test]
fn every_rule_rejects_its_row_with_its_line_and_reason() {
    let dir = TempDir::new();
    let rows = [
        ("Ana,,,8613800138000,,,,", None),
        (",Bo,Li,,bo@example.com,,,", None),
        ("Cy,,,,,,,", Some("no identity key")),
        (
            ",,,8613800138001,,,,",
            Some("no full_name, nor a first_name or last_name"),
        ),
        (
            "Di,,,86-1380,,,,",
            Some("sms_phone \"86-1380\" is not digits only"),
        ),
        (
            "Ed,,,,ed@example.com,1990-02-30,,",
            Some("birthday \"1990-02-30\" is not a date yyyy-MM-dd"),
        ),
        (
            "Fa,,,,fa@example.com,,2,",
            Some("gender must be 0 (female) or 1 (male)"),
        ),
        (
            "Gu,,,,gu@example.com,,,\"{\"\"a\"\"\"",
            Some("\"customize_field\" is not a JSON object"),
        ),
        (
            "Ha,,,8613800138000,,,,",
            Some("sms_phone \"8613800138000\" is also on line 2"),
        ),
        (
            &format!("{},,,,x@example.com,,,", "x".repeat(256)),
            Some("full_name has 256 characters; at most 255"),
        ),
        (
            "Ji,,,,,,,,",
            Some("the row has 9 fields where the header has 8"),
        ),
    ];
    let mut text =
        "full_name,first_name,last_name,sms_phone,email,birthday,gender,customize_field\n"
            .to_string();
    for (row, _) in &rows {
        text.push_str(row);
        text.push('\n');
    }
    let csv = write(&dir, "in.csv", &text);
    let rejects = dir.join("rejects.csv");
    let out = dry_run(&csv, &["--rejects", rejects.to_str().unwrap()]);
    let stderr = assert_exit(&out, 4);
    let wanted: Vec<(usize, &str)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, (_, why))| why.map(|w| (i + 2, w)))
        .collect();
    assert!(
        stderr.contains(&format!(
            "{} rows read; 2 would be sent in 1 batch, {} rejected (in ",
            rows.len(),
            wanted.len()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "error: {} of {} rows were rejected",
            wanted.len(),
            rows.len()
        )),
        "{stderr}"
    );
    // Rectangular: a reader that refuses rows of another length reads it.
    let mut reader = csv::Reader::from_path(&rejects).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("reject_reason"));
    let got: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(got.len(), wanted.len());
    for (record, (line, why)) in got.iter().zip(&wanted) {
        let n = record.len();
        assert_eq!(&record[n - 2], line.to_string(), "{record:?}");
        assert!(
            record[n - 1].starts_with(why),
            "line {line}: {:?} is not {why:?}",
            &record[n - 1]
        );
        let original = rows[line - 2].0;
        let fields: Vec<&str> = record.iter().take(n - 2).collect();
        let mut again = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(original.as_bytes());
        let mut original: Vec<String> = again
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        // A longer row's extra fields are in its last column, as CSV.
        if original.len() > fields.len() {
            let extra = original.split_off(fields.len() - 1);
            original.push(extra.join(","));
        }
        assert_eq!(fields, original, "the row as it was");
    }
    // The rejects file imports as it is: its two columns are left out.
    let again = dry_run(&rejects, &[]);
    let stderr = assert_exit(&again, 4);
    assert!(!stderr.contains("not a field nxcdp can import"), "{stderr}");
}

#[test]
fn json_keys_nxcdp_does_not_know_are_refused_unless_the_api_sent_them() {
    let sb = Sandbox::start(&[]);
    let dry_run = |file: &Path, args: &[&str]| dry_run_with(sb.nxcdp(), file, args);
    let dir = TempDir::new();
    let own = write(
        &dir,
        "own.jsonl",
        "{\"full_name\":\"A\",\"email\":\"a@b\"}\n\n{\"full_name\":\"B\",\"emial\":\"b@c\"}\n",
    );
    let out = dry_run(&own, &[]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains(
            "column \"emial\" (line 3) is not a field nxcdp can import (did you mean email?)"
        ),
        "{stderr}"
    );
    let exported = write(
        &dir,
        "exported.json",
        "[\n{\"id\":1021110718827683840,\"full_name\":\"A\",\"email\":\"a@b\",\"lifecycle\":{\"stage\":\"lead\"},\"created_at\":\"2025-01-01T00:00:00\",\"whatsApp_phone\":\"86138\"}\n]\n",
    );
    let out = dry_run(&exported, &[]);
    let stderr = assert_exit(&out, 0);
    assert!(
        stderr.contains("note: left out what batch_create cannot set: created_at, id, lifecycle"),
        "{stderr}"
    );
    assert!(stderr.contains("1 rows read; 1 would be sent"), "{stderr}");
}

#[test]
fn rejected_json_rows_keep_their_text_and_format() {
    let dir = TempDir::new();
    let lines = "{\"full_name\":\"A\",\"email\":\"a@b\"}\n{\"full_name\": \"B\" ,\"gender\":7, \"email\":\"b@c\"}\nnot json\n[1]\n";
    let jsonl = write(&dir, "in.jsonl", lines);
    let rejects = dir.join("r.jsonl");
    let out = dry_run(&jsonl, &["--rejects", rejects.to_str().unwrap()]);
    assert_exit(&out, 4);
    let text = std::fs::read_to_string(&rejects).unwrap();
    let got: Vec<&str> = text.lines().collect();
    assert_eq!(
        got,
        [
            r#"{"input_line":2,"reject_reason":"gender must be 0 (female) or 1 (male), not \"7\"","full_name": "B" ,"gender":7, "email":"b@c"}"#,
            r#"{"input_line":3,"reject_reason":"the row is not JSON: expected ident at line 1 column 2","text":"not json"}"#,
            r#"{"input_line":4,"reject_reason":"the row is not a JSON object","text":"[1]"}"#,
        ]
    );
    let array = write(
        &dir,
        "in.json",
        &format!(
            "[\n{}\n]",
            lines.lines().take(2).collect::<Vec<_>>().join(",\n")
        ),
    );
    let rejects = dir.join("r.json");
    let out = dry_run(&array, &["--rejects", rejects.to_str().unwrap()]);
    assert_exit(&out, 4);
    let parsed: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&rejects).unwrap()).unwrap();
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0]["input_line"], 3);
}

#[test]
fn a_broken_file_is_exit_2_naming_the_line() {
    let dir = TempDir::new();
    for (name, text, why) in [
        (
            "a.json",
            "[\n{\"full_name\":\"A\"},\n{\"full_name\":\"B\"}",
            "line 3: the JSON array ends without its closing ]",
        ),
        (
            "b.json",
            "{\"full_name\":\"A\",\"email\":\"a\"}\n[",
            "line 2: the row is not JSON",
        ),
        (
            "c.json",
            "[{}] x",
            "line 1: text after the JSON array's end",
        ),
    ] {
        let path = write(&dir, name, text);
        let out = dry_run(&path, &[]);
        let stderr = stderr_of(&out);
        assert!(stderr.contains(why), "{name}: {stderr}");
        assert!(matches!(out.status.code(), Some(2 | 4)), "{name}: {stderr}");
    }
}

#[test]
fn stdin_is_read_by_its_first_character() {
    for (text, rows) in [
        ("full_name,email\nA,a@b\nB,b@c\n", 2),
        ("{\"full_name\":\"A\",\"email\":\"a\"}\n", 1),
        ("[{\"full_name\":\"A\",\"email\":\"a\"}]", 1),
    ] {
        let out = nxcdp_offline()
            .args(["customers", "import", "--dry-run", "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        let stderr = assert_exit(&out, 0);
        assert!(
            stderr.contains(&format!("{rows} rows read; {rows} would be sent")),
            "{stderr}"
        );
    }
}

#[test]
fn flags_and_paths_are_checked_before_anything_is_read_or_sent() {
    let dir = TempDir::new();
    let csv = write(&dir, "in.csv", "full_name,email\nA,a@b\n");
    let path = csv.to_str().unwrap();
    for (args, why) in [
        (vec!["--batch-size", "0"], "--batch-size"),
        (vec!["--batch-size", "101"], "--batch-size"),
        (vec!["--parallel", "0"], "--parallel"),
        (vec!["--on-conflict", "overwrite"], "--on-conflict"),
        (vec!["--map", "Phone"], "is not COLUMN=FIELD"),
        (vec!["--dry-run", "--resume"], "nothing to --resume"),
        (vec!["--curl", "--resume"], "--curl sends nothing"),
        (vec!["--rejects", path], "--rejects"),
        (vec!["--journal", path], "--journal"),
    ] {
        let out = nxcdp_offline()
            .args(["customers", "import", path])
            .args(&args)
            .output()
            .unwrap();
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains(why), "{args:?}: {stderr}");
    }
    let out = nxcdp_offline()
        .args(["customers", "import", "-", "--resume"])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("--resume of stdin needs --journal PATH"));
    let out = nxcdp_offline()
        .args(["customers", "import", "-", "--access-secret-file", "-"])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("both read stdin"));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "full_name,email\nA,a@b\n"
    );
}

#[test]
fn custom_field_labels_become_option_ids_through_the_field_list() {
    let sb = Sandbox::start(&[]);
    let dry_run = |file: &Path, args: &[&str]| dry_run_with(sb.nxcdp(), file, args);
    let dir = TempDir::new();
    let csv = write(
        &dir,
        "labels.csv",
        "full_name,email,Plan,兴趣,customize_1_1,other_custom_fields\nA,a@b,Pro,\"Sports;Travel, food\",Acme,\"{\"\"customize_9\"\":1}\"\nB,b@c,Gold,,,\n",
    );
    let out = dry_run(&csv, &["--curl"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "--dry-run and --curl exclude each other"
    );
    let rejects = dir.join("r.csv");
    let out = dry_run(&csv, &["--rejects", rejects.to_str().unwrap()]);
    let stderr = assert_exit(&out, 4);
    assert!(stderr.contains("2 rows read; 1 would be sent"), "{stderr}");
    let text = std::fs::read_to_string(&rejects).unwrap();
    let why = "3,\"\"\"Plan\"\": \"\"Gold\"\" is not one of its options (Free, Pro, Enterprise)\"";
    assert!(text.contains(why), "{text}");
    let unknown = write(&dir, "unknown.csv", "full_name,email,Nope\n");
    let out = dry_run(&unknown, &[]);
    assert!(assert_exit(&out, 2).contains("column \"Nope\" (line 1)"));
    // Without credentials the labels cannot be read: the error says why, and nothing is sent.
    let out = dry_run_with(nxcdp(), &csv, &[]);
    let stderr = assert_exit(&out, 2);
    let why = "column \"Plan\" is not a customer field, and the field list that could name it as a custom field cannot be fetched";
    assert!(stderr.contains(why), "{stderr}");
}

#[test]
fn every_reason_of_a_row_is_named_at_once_and_phones_as_people_type_them_normalize() {
    let dir = TempDir::new();
    let file = write(
        &dir,
        "in.csv",
        "full_name,email,birthday,gender,sms_phone\nAna,ana@example.com,1990-13-01,2,+1 (415) 555-0100\n",
    );
    let rejects = dir.join("rejects.csv");
    let out = dry_run(&file, &["--rejects", rejects.to_str().unwrap()]);
    assert_exit(&out, 4);
    let reject = std::fs::read_to_string(&rejects).unwrap();
    for why in ["birthday", "gender", "sms_phone"] {
        assert!(reject.contains(why), "{why} in {reject}");
    }
    // --normalize-phones takes the parentheses, spaces, dots and dashes people type.
    let dotted = write(
        &dir,
        "dots.csv",
        "full_name,sms_phone\nBo,+1 (415) 555.0100\n",
    );
    assert_exit(&dry_run(&dotted, &["--normalize-phones"]), 0);
}
