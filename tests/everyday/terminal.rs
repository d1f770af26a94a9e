//! On a terminal: tables fit the width and honour NO_COLOR, progress, rows of a failed walk.

use crate::common::Sandbox;

#[test]
fn terminal_tables_fit_the_width_and_honour_no_color() {
    let sb = Sandbox::start(&["--customers", "200"]);
    let all = crate::common::all_customers(&sb);
    let colored =
        crate::common::on_terminal(&sb, 160, false, "customers query --limit 200 2>/dev/null");
    assert!(
        colored.contains("\u{1b}[1m"),
        "bold headers on a terminal: {colored}"
    );
    let plain =
        crate::common::on_terminal(&sb, 160, true, "customers query --limit 200 2>/dev/null");
    assert!(
        !plain.contains('\u{1b}'),
        "NO_COLOR, and no escape from the data reaches the terminal"
    );
    assert!(plain.lines().next().unwrap().contains("CREATED"));
    // Ids are never cut, and no line is wider than the terminal.
    for c in &all[..200] {
        assert!(plain.contains(&c["id"].as_i64().unwrap().to_string()));
    }
    let narrow =
        crate::common::on_terminal(&sb, 80, true, "customers query --limit 20 2>/dev/null");
    for line in narrow.lines() {
        assert!(
            crate::common::screen::width(line.trim_end()) <= 80,
            "{line}"
        );
    }
    assert!(narrow.contains(&all[0]["id"].as_i64().unwrap().to_string()));
}

#[test]
fn progress_is_drawn_on_a_terminal_unless_quiet() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let shown = crate::common::on_terminal(
        &sb,
        100,
        true,
        "customers query --all -o jsonl --page-size 10 > /dev/null",
    );
    assert!(
        shown.contains("customers, ") && shown.contains(" pages, "),
        "{shown}"
    );
    let quiet = crate::common::on_terminal(
        &sb,
        100,
        true,
        "customers query --all -o jsonl --page-size 10 --quiet > /dev/null",
    );
    assert!(!quiet.contains(" pages, "), "{quiet}");
}

#[test]
fn a_failed_walk_still_shows_the_rows_that_came_on_a_terminal() {
    let sb = Sandbox::start(&[
        "--customers",
        "200",
        "--garbage",
        "text",
        "--garbage-after",
        "2",
    ]);
    let all_ids: Vec<String> = crate::common::sandbox_ids(200, nxcdp::sandbox::DEFAULT_SEED);
    let shown = crate::common::on_terminal(
        &sb,
        160,
        true,
        "customers query --all --page-size 10; echo exit=$?",
    );
    assert!(
        shown.contains(&all_ids[19]) && !shown.contains(&all_ids[20]),
        "two pages shown: {shown}"
    );
    assert!(
        shown.contains("exit=5") && shown.contains("not the API's JSON"),
        "{shown}"
    );
}
