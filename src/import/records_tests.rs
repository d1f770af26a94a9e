//! Tests of [`super`]: rows and their lines in the three formats.

use super::*;

fn all(text: &str, format: Format) -> Result<Vec<(u64, String)>, String> {
    let mut records = Records::new(BufReader::new(text.as_bytes()), format, None, None)
        .map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    while let Some(r) = records.next_record().map_err(|e| e.to_string())? {
        let text = match r.raw {
            Raw::Csv(rec) => rec
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect::<Vec<_>>()
                .join("|"),
            Raw::Json(t) => String::from_utf8(t).unwrap(),
            Raw::TooLong(t) => format!("long:{}", t.len()),
            Raw::Refused(_, why, _) => format!("refused:{why}"),
        };
        rows.push((r.line, text));
    }
    Ok(rows)
}

#[test]
fn csv_rows_start_on_their_lines() {
    let csv = "full_name,remark\r\nAna,\"two\r\nlines\"\r\n\r\nBo,x\r\n";
    assert_eq!(
        all(csv, Format::Csv).unwrap(),
        [(2, "Ana|two\r\nlines".into()), (5, "Bo|x".into())]
    );
    assert_eq!(all("", Format::Csv).unwrap(), []);
}

#[test]
fn lines_end_with_a_cr_an_lf_or_both() {
    let csv = "a,b\r1,2\r\r\"x\ry\",3\n4,5\r\n6,7\r";
    assert_eq!(
        all(csv, Format::Csv).unwrap(),
        [
            (2, "1|2".into()),
            (4, "x\ry|3".into()),
            (6, "4|5".into()),
            (7, "6|7".into())
        ]
    );
    let array = "[\r{},\r\n{\"a\":\r1}\n,\r\r{}]";
    let lines: Vec<u64> = all(array, Format::Json)
        .unwrap()
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert_eq!(lines, [2, 3, 7]);
}

#[test]
fn text_after_a_closing_quote_is_found_in_its_field() {
    let csv = "a,b\n\"Bo\"x,1\r\n2,\"ok\"\r3,\"q\"\"\"z\n\"a\" ,\"\"\n";
    let mut records =
        Records::new(BufReader::new(csv.as_bytes()), Format::Csv, None, None).unwrap();
    let mut found = Vec::new();
    while let Some(r) = records.next_record().unwrap() {
        found.push((r.line, r.after_quote));
    }
    assert_eq!(found, [(2, Some(0)), (3, None), (4, Some(1)), (5, Some(0))]);
    let header = Records::new(
        BufReader::new(&b"a,\"b\"c\n1,2\n"[..]),
        Format::Csv,
        None,
        None,
    );
    let err = header.err().unwrap().to_string();
    assert!(
        err.starts_with("line 1: column 2 of the header has text"),
        "{err}"
    );
}

#[test]
fn a_csv_quote_that_never_closes_names_its_line() {
    let open = "a,b\n1,2\n\"3,4\n5,6\n7,8\n";
    let err = all(open, Format::Csv).unwrap_err();
    assert!(
        err.starts_with("line 3: a quoted field opens here and never closes"),
        "{err}"
    );
    assert!(all("\"a,b\n", Format::Csv)
        .unwrap_err()
        .starts_with("line 1: "));
    // Quotes as csv reads them: "" inside, text after a closing quote, a quote inside an
    // unquoted field.
    let fine = "a,b\n\"x \"\"y\"\"\nz\",q\"r\"s\nt\"u,\"\"\n";
    assert_eq!(
        all(fine, Format::Csv).unwrap(),
        [(2, "x \"y\"\nz|q\"r\"s".into()), (4, "t\"u|".into())]
    );
}

#[test]
fn a_csv_row_longer_than_the_limit_stops_the_reading() {
    let long = "x".repeat(MAX_ROW + 1);
    let text = format!("a,b\n1,2\n{long},3\n4,5\n");
    let err = all(&text, Format::Csv).unwrap_err();
    assert!(
        err.starts_with("line 3: a row is longer than 1 MiB"),
        "{err}"
    );
    let quoted = format!("a,b\n\"{long}\n");
    let err = all(&quoted, Format::Csv).unwrap_err();
    assert!(
        err.contains("a quoted field opens on line 2 and has not closed"),
        "{err}"
    );
    let many = "1,2\n".repeat(MAX_ROW);
    assert_eq!(
        all(&format!("a,b\n{many}"), Format::Csv).unwrap().len(),
        MAX_ROW
    );
}

#[test]
fn json_lines_skip_blank_lines_and_cut_long_ones() {
    let long = format!("{{\"a\":\"{}\"}}", "x".repeat(MAX_ROW));
    let text = format!("{{\"a\":1}}\r\n\n  \n{long}\n{{\"b\":2}}");
    assert_eq!(
        all(&text, Format::Jsonl).unwrap(),
        [
            (1, "{\"a\":1}".into()),
            (4, "long:1024".into()),
            (5, "{\"b\":2}".into())
        ]
    );
}

#[test]
fn array_elements_with_their_lines() {
    let text = "[\n  {\"a\": \"],[{\\\"\"},\n  {\"b\": [1,\n 2]}, 3 ,\"s\"\n]\n";
    assert_eq!(
        all(text, Format::Json).unwrap(),
        [
            (2, "{\"a\": \"],[{\\\"\"}".into()),
            (3, "{\"b\": [1,\n 2]}".into()),
            (4, "3".into()),
            (4, "\"s\"".into())
        ]
    );
    assert_eq!(all(" [ ] ", Format::Json).unwrap(), []);
    assert_eq!(all("", Format::Json).unwrap(), []);
}

#[test]
fn a_broken_array_is_an_error_that_names_the_line() {
    for (text, why) in [
        ("{}", "line 1: the input is not a JSON array"),
        (
            "[{},\n{}",
            "line 2: the JSON array ends without its closing ]",
        ),
        (
            "[{}\n{}]",
            "line 2: elements of the JSON array need a comma",
        ),
        ("[{},]", "line 1: a comma before the ]"),
        ("[{}]\nx", "line 2: text after the JSON array's end"),
        ("[{\"a\": \"]}", "line 1: the JSON array ends without"),
    ] {
        let err = all(text, Format::Json).unwrap_err();
        assert!(err.starts_with(why), "{text:?}: {err}");
    }
}
