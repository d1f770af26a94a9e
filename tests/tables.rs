//! Tables as a person sees them on terminals of 80, 120 and 200 columns: the columns that fit by
//! importance, cells whole or cut to fill their column, what was left out said; headers that
//! `--columns` takes back (custom fields' labels too), "no customers match", source types by
//! name, `--columns` that forgives spaces and case but not a custom field the tenant lacks; a
//! watch that is one table, and runs appended to one file under one header.

mod common;

use common::screen::{width, Screen};
use common::{
    assert_stderr_has, nxcdp_bin, on_terminal, query, run_ok, scrubbed, stderr_of, try_query,
    Sandbox, TempDir,
};

/// Cells whose meaning a cut would lose: never cut (the sandbox's emails fit their cap).
const NEVER_CUT: &[&str] = &[
    "ID",
    "SMS_PHONE",
    "WHATSAPP_PHONE",
    "EMAIL",
    "COUNTRY",
    "SOURCE_TYPE",
    "CREATED_AT",
];

/// Checks a table on a terminal against the same query piped, where every cell is whole: each
/// cell shown is whole, or as much of it as its column holds (in terminal cells) and `…`.
fn assert_shows(screen: &Screen, piped: &str, never_cut: &[&str]) {
    let columns = screen.columns();
    let widths = screen.widths();
    let piped: Vec<Vec<&str>> = piped.lines().map(|l| l.split('\t').collect()).collect();
    let rows = screen.rows();
    assert_eq!(rows.len() + 1, piped.len(), "{}", screen.lines.join("\n"));
    for (k, (name, _)) in columns.iter().enumerate() {
        let j = piped[0].iter().position(|h| h.eq_ignore_ascii_case(name));
        let j = j.unwrap_or_else(|| panic!("{name} is a column piped"));
        for (row, whole) in rows.iter().zip(&piped[1..]) {
            let (shown, whole) = (row[k].as_str(), whole[j].trim_end());
            if shown == whole {
                continue;
            }
            let kept = shown.strip_suffix('…');
            let kept = kept.unwrap_or_else(|| panic!("{name}: {shown:?} is not {whole:?}"));
            assert!(
                whole.starts_with(kept),
                "{name}: {shown:?} is not {whole:?}"
            );
            assert!(!never_cut.contains(&name.as_str()), "{name} cut: {shown:?}");
            if k + 1 < columns.len() {
                assert!(
                    width(shown) + 1 >= widths[k],
                    "{name}: {shown:?} is cut short of its {} cells",
                    widths[k]
                );
            }
        }
    }
}

fn header(screen: &Screen) -> Vec<String> {
    screen.columns().into_iter().map(|(name, _)| name).collect()
}

#[test]
fn tables_show_whole_cells_by_importance_at_80_120_and_200_columns() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let mut wide_characters = 0;
    for args in ["--limit 40", "--tag vip --limit 20"] {
        let piped = query(&sb, &args.split(' ').collect::<Vec<_>>());
        for cols in [80, 120, 200] {
            let screen = Screen::of(&sb, cols, &format!("customers query {args}"));
            let seen = format!("{cols} columns, {args}:\n{}", screen.lines.join("\n"));
            assert_shows(&screen, &piped, NEVER_CUT);
            let names = header(&screen);
            assert_eq!(names[..2], ["ID", "FULL_NAME"], "{seen}");
            if args.contains("--tag vip") {
                assert!(names.contains(&"TAGS".to_string()), "{seen}");
            }
            wide_characters += screen
                .lines
                .iter()
                .filter(|l| width(l) > l.chars().count())
                .count();
            // The note names each column left out, says how to see it, and wraps between words.
            let left: Vec<&str> = nxcdp::customer::TABLE_COLUMNS
                .iter()
                .filter(|c| !names.contains(&c.to_uppercase()))
                .copied()
                .collect();
            let note = screen.notes.join(" ");
            let words: Vec<&str> = note.split([' ', ',', ';']).collect();
            assert_eq!(
                note.contains("left out"),
                !left.is_empty(),
                "{seen}\n{note}"
            );
            for name in &left {
                assert!(words.contains(name), "{name} named whole: {note}");
            }
            if !left.is_empty() {
                assert!(
                    note.contains("-o wide") && note.contains("--columns"),
                    "{note}"
                );
            }
            for line in &screen.notes {
                assert!(width(line) <= cols, "{line}");
            }
            if cols == 200 && !args.contains("--tag") {
                assert!(left.is_empty(), "{seen}");
            }
        }
    }
    assert!(wide_characters > 0, "names of wide characters were shown");
    // Columns the user picked all stay, cut where they must, and no note says otherwise.
    let picked = "customers query --limit 40 --columns id,full_name,tags,email,remark";
    let screen = Screen::of(&sb, 60, picked);
    assert_eq!(header(&screen).len(), 5, "{}", screen.lines.join("\n"));
    let piped = query(
        &sb,
        &[
            "--limit",
            "40",
            "--columns",
            "id,full_name,tags,email,remark",
        ],
    );
    assert_shows(&screen, &piped, &["ID"]);
    let cut = screen
        .rows()
        .into_iter()
        .flatten()
        .filter(|c| c.ends_with('…'));
    let note = screen.notes.join(" ");
    assert!(
        cut.count() > 0 && !note.contains("left out"),
        "{:?}",
        screen.lines
    );
    // -q silences the note, not the table.
    let quiet = Screen::of(&sb, 80, "customers query --limit 5 -q");
    assert!(
        quiet.notes.is_empty() && quiet.lines[0].starts_with("ID"),
        "{:?}",
        quiet.notes
    );
}

#[test]
fn wide_shows_every_column_with_every_cell_whole() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let mut screen = Screen::of(&sb, 80, "customers query --limit 20 -o wide");
    // Lines as long as they need: the terminal wraps them, as kubectl's -o wide.
    screen.cols = usize::MAX;
    let names = header(&screen);
    assert_eq!(
        names.len(),
        nxcdp::customer::TABLE_COLUMNS.len(),
        "{names:?}"
    );
    let piped = query(&sb, &["--limit", "20"]);
    let rows = screen.rows();
    let whole: Vec<Vec<&str>> = piped
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    for (row, whole) in rows.iter().zip(&whole) {
        let whole: Vec<&str> = whole.iter().map(|c| c.trim_end()).collect();
        assert_eq!(row, &whole);
    }
    assert!(
        !screen.notes.join(" ").contains("left out"),
        "{:?}",
        screen.notes
    );
}

#[test]
fn a_watch_on_a_terminal_is_one_table() {
    let sb = Sandbox::start(&["--customers", "300"]);
    // Six pages, oldest first: one header, every row cut to the widths of the first page.
    let watch = ["customers", "watch", "--once", "--since", "800d"];
    let piped = run_ok(sb.nxcdp().args(watch));
    assert!(piped.lines().count() > 250, "{piped}");
    for cols in [80, 120, 200] {
        let screen = Screen::of(&sb, cols, &watch.join(" "));
        let headers = screen.lines.iter().filter(|l| l.starts_with("ID "));
        assert_eq!(headers.count(), 1, "{}", screen.lines.join("\n"));
        let whole = [
            "ID",
            "SMS_PHONE",
            "WHATSAPP_PHONE",
            "SOURCE_TYPE",
            "CREATED_AT",
        ];
        assert_shows(&screen, &piped, &whole);
    }
}

#[test]
fn runs_appended_to_one_file_share_one_header() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let nxcdp = nxcdp_bin();
    let run = |line: String| {
        let mut sh = scrubbed("sh");
        sh.envs(&sb.env).current_dir(dir.path()).args(["-c", &line]);
        let out = sh.output().unwrap();
        assert!(out.status.success(), "{line}: {}", stderr_of(&out));
    };
    let import = dir.join("new.csv");
    for format in ["table", "csv"] {
        // As cron runs it: the first run starts the file, the next ones append to it.
        let watch = |extra: &str| {
            let watch = "customers watch --once --bookmark";
            let out = format!("{format}.bookmark -o {format} --columns id,email {extra}");
            let out = format!("{out} >> out.{format}");
            run(format!("{} {watch} {out}", nxcdp.display()))
        };
        watch("--since 800d");
        let path = dir.join(format!("out.{format}"));
        let first = std::fs::read_to_string(&path).unwrap().lines().count();
        assert!(first > 20);
        let row = format!("full_name,email\nNew,{format}@example.com\n");
        std::fs::write(&import, row).unwrap();
        run(format!(
            "{} customers import {}",
            nxcdp.display(),
            import.display()
        ));
        watch("");
        watch("");
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), first + 1, "{text}");
        assert!(lines[0].starts_with("id"), "{text}");
        assert!(lines[1..].iter().all(|l| !l.starts_with("id")), "{text}");
        assert!(
            lines[first].ends_with(&format!("{format}@example.com")),
            "{text}"
        );
    }
    // --no-header: none, even where a run starts the output.
    let bare = [
        "customers",
        "watch",
        "--once",
        "--since",
        "800d",
        "--no-header",
    ];
    let bare = [&bare[..], &["--columns", "id,email"]].concat();
    for format in ["table", "csv"] {
        let out = run_ok(sb.nxcdp().args(&bare).args(["-o", format]));
        assert!(out.lines().count() > 20, "{out}");
        assert!(
            out.lines()
                .all(|l| l.starts_with(|c: char| c.is_ascii_digit())),
            "{out}"
        );
    }
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
fn custom_fields_headers_are_names_columns_takes_too() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let screen = Screen::of(&sb, 250, "customers query --columns id,customize_field");
    let header = header(&screen);
    assert_eq!(
        header,
        [
            "ID",
            "Company",
            "Plan",
            "Interests",
            "Renewal date",
            "other_custom_fields"
        ]
    );
    // Every header but other_custom_fields (what no other column holds) is a name --columns
    // takes, as the table shows it or in any case: a custom field's label names that field.
    let columns = header[..header.len() - 1].join(",");
    let csv = query(&sb, &["--limit", "3", "-o", "csv", "--columns", &columns]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "id,Company,Plan,Interests,Renewal date"
    );
    let json = query(
        &sb,
        &["--limit", "1", "-o", "jsonl", "--columns", "id, PLAN"],
    );
    assert!(json.contains("\"customize_3_17\":"), "{json}");
    let picked = Screen::of(
        &sb,
        80,
        "customers query --limit 3 --columns 'id,renewal date'",
    );
    assert_eq!(picked.columns()[1].0, "Renewal date", "{:?}", picked.lines);
    // A name that is none of them: exit 2, naming the labels and a near one.
    let out = try_query(&sb, &["--columns", "id,Plna"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_stderr_has(&out, "did you mean Plan?");
    assert_stderr_has(&out, "Plan (customize_3_17)");
    assert_stderr_has(&out, "hint: `nxcdp customers fields` lists the fields");
    assert!(out.stdout.is_empty());
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
