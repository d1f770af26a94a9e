//! Tables that say what they leave out: the columns a narrow terminal drops, headers that
//! `--columns` takes back, "no customers match", source types by name, and `--columns` that
//! forgives spaces and case but not a custom field the tenant lacks.

mod common;

use common::{assert_stderr_has, on_terminal, query, stderr_of, try_query, Sandbox};

#[test]
fn a_narrow_terminal_says_which_columns_it_left_out() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let narrow = on_terminal(&sb, 80, true, "customers query --limit 5");
    assert!(
        narrow.contains("note: left out to fit 80 columns: ")
            && narrow.contains("whatsApp_phone")
            && narrow.contains("--columns")
            && narrow.contains("-o csv"),
        "{narrow}"
    );
    let wide = on_terminal(&sb, 250, true, "customers query --limit 5");
    assert!(!wide.contains("left out"), "{wide}");
    // Columns the user picked are never left out, so nothing is said.
    let picked = on_terminal(
        &sb,
        80,
        true,
        "customers query --limit 5 --columns id,email",
    );
    assert!(!picked.contains("left out"), "{picked}");
    // -q silences the note, not the table.
    let quiet = on_terminal(&sb, 80, true, "customers query --limit 5 -q");
    assert!(
        !quiet.contains("left out") && quiet.contains("ID"),
        "{quiet}"
    );
}

#[test]
fn headers_are_the_names_columns_takes() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let shown = on_terminal(&sb, 250, true, "customers query --limit 5");
    let header: Vec<&str> = shown.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header.len(),
        nxcdp::customer::TABLE_COLUMNS.len(),
        "{shown}"
    );
    // Every header, as printed, is a column name --columns takes back; spaces do not matter.
    let columns = header.join(", ");
    let csv = query(&sb, &["--limit", "5", "-o", "csv", "--columns", &columns]);
    let names: Vec<String> = nxcdp::customer::TABLE_COLUMNS
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(csv.lines().next().unwrap(), names.join(","));
    // Source types by the names --source-type takes.
    let piped = query(&sb, &["--all", "--columns", "source_type"]);
    let types: std::collections::HashSet<&str> = piped.lines().skip(1).collect();
    assert!(
        types.contains("excel-import") && types.contains("third-party-api"),
        "{types:?}"
    );
    for name in &types {
        assert!(
            nxcdp::customer::parse_source_type(name).is_ok(),
            "{name} is a --source-type"
        );
    }
}

#[test]
fn an_empty_answer_on_a_terminal_says_so() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let shown = on_terminal(
        &sb,
        120,
        true,
        "customers query --name nobody-has-this-name",
    );
    assert!(shown.contains("no customers match"), "{shown}");
    assert!(!shown.contains("FULL_NAME"), "no bare header: {shown}");
    // Piped, the header alone: plain data for a script.
    let piped = query(&sb, &["--name", "nobody-has-this-name"]);
    assert_eq!(piped.lines().count(), 1);
}

#[test]
fn customers_fields_fits_80_columns_with_the_key_whole() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let shown = on_terminal(&sb, 80, true, "customers fields 2>/dev/null");
    let names = common::run_ok(sb.nxcdp().args(["customers", "fields", "--jq", ".name"]));
    let keys: Vec<&str> = names.lines().collect();
    assert!(keys.iter().any(|k| k.starts_with("customize_")), "{keys:?}");
    for key in &keys {
        assert!(
            shown
                .lines()
                .any(|l| l.split_whitespace().next() == Some(*key)),
            "{key} shown whole: {shown}"
        );
    }
    for line in shown.lines() {
        assert!(line.trim_end().chars().count() <= 80, "{line}");
    }
}

#[test]
fn columns_forgive_spaces_and_case_but_not_unknown_names() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let spaced = query(
        &sb,
        &[
            "--limit",
            "2",
            "-o",
            "csv",
            "--columns",
            "id, email ,whatsapp_phone",
        ],
    );
    assert_eq!(spaced.lines().next().unwrap(), "id,email,whatsApp_phone");
    let json = query(
        &sb,
        &[
            "--limit",
            "1",
            "-o",
            "jsonl",
            "--columns",
            "ID,WhatsApp_Phone",
        ],
    );
    assert!(
        json.starts_with("{\"id\":") && json.contains("\"whatsApp_phone\":"),
        "{json}"
    );

    let out = try_query(&sb, &["--columns", "id,emial"]);
    assert_eq!(out.status.code(), Some(2));
    assert_stderr_has(&out, "did you mean email?");
    // A custom field the tenant's field list lacks: exit 2 in every format, naming the ones it has.
    for format in ["table", "csv", "jsonl"] {
        let out = try_query(&sb, &["-o", format, "--columns", "id,customize_99_1"]);
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stderr_of(&out));
        assert_stderr_has(&out, "no custom field \"customize_99_1\"");
        assert_stderr_has(&out, "customize_3_17");
        assert!(out.stdout.is_empty());
    }
}
