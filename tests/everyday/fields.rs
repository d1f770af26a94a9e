//! The field list: every format, custom fields as labelled columns, fetched only when needed,
//! `--columns`.

use crate::common::{query, run_ok, try_query, Sandbox};
use serde_json::Value;

#[test]
fn fields_in_every_format() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let fields = |args: &[&str]| run_ok(sb.nxcdp().args(["customers", "fields"]).args(args));
    let json_of = |args: &[&str]| -> Vec<Value> { serde_json::from_str(&fields(args)).unwrap() };
    let json = json_of(&["-o", "json"]);
    assert!(json.len() >= 7);
    let jsonl = fields(&["-o", "jsonl"]);
    let from_lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(from_lines, json);
    let csv = fields(&["-o", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        nxcdp::customer::FIELD_KEYS
    );
    assert_eq!(reader.records().count(), json.len());
    let table = fields(&[]);
    assert!(
        table.contains("multiple choice") && table.contains("customize_4_52"),
        "{table}"
    );
    let custom = json_of(&["--custom", "-o", "json"]);
    assert!(!custom.is_empty() && custom.iter().all(|f| f["is_preset"] == false));
    let preset = json_of(&["--preset", "-o", "json"]);
    assert_eq!(preset.len() + custom.len(), json.len());
}

#[test]
fn custom_fields_become_labelled_columns() {
    let sb = Sandbox::start(&["--customers", "60"]);
    let jsonl: Vec<Value> = crate::common::all_customers(&sb);
    let csv = query(&sb, &["--all", "-o", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // customize_field became one column per custom field, headed by its English label (no
    // locale is set).
    assert!(!header.contains(&"customize_field".to_string()));
    let plan = header
        .iter()
        .position(|h| h == "Plan")
        .expect("a column for the single-choice field");
    let interests = header
        .iter()
        .position(|h| h == "Interests")
        .expect("a column for the multiple-choice field");
    let company = header.iter().position(|h| h == "Company").unwrap();
    let labels = ["Free", "Pro", "Enterprise"];
    let interest_labels = ["Sports", "Music", "Travel, food"];
    for (row, c) in reader.records().map(Result::unwrap).zip(&jsonl) {
        let custom: Value = c["customize_field"]
            .as_str()
            .map_or(Value::Null, |s| serde_json::from_str(s).unwrap());
        let single = custom["customize_3_17"][0]
            .as_str()
            .map(|id| labels[id.parse::<usize>().unwrap() - 1]);
        assert_eq!(&row[plan], single.unwrap_or(""));
        let multi: Vec<&str> = custom["customize_4_52"].as_array().map_or(vec![], |ids| {
            ids.iter()
                .map(|id| interest_labels[id.as_str().unwrap().parse::<usize>().unwrap() - 1])
                .collect()
        });
        assert_eq!(&row[interests], multi.join(";"));
        assert_eq!(
            &row[company],
            custom["customize_1_1"].as_str().unwrap_or("")
        );
    }
    // --raw-custom-fields keeps the string; --columns picks custom fields by name, labelled.
    let raw = query(&sb, &["--limit", "3", "-o", "csv", "--raw-custom-fields"]);
    assert!(raw.lines().next().unwrap().contains("customize_field"));
    let picked = query(&sb, &["--limit", "60", "--columns", "id,customize_3_17"]);
    assert_eq!(picked.lines().next().unwrap(), "id\tPlan");
    // In a Chinese locale, the Chinese labels; --field-labels chooses.
    let header = |env: (&str, &str), extra: &[&str]| {
        let mut cmd = sb.nxcdp();
        cmd.env(env.0, env.1)
            .args(["customers", "query", "--columns", "id,customize_3_17"])
            .args(extra);
        run_ok(&mut cmd).lines().next().map(String::from).unwrap()
    };
    assert_eq!(header(("LANG", "zh_CN.UTF-8"), &[]), "id\t套餐");
    for (labels, shown) in [("zh", "套餐"), ("en", "Plan"), ("key", "customize_3_17")] {
        let shown = format!("id\t{shown}");
        assert_eq!(
            header(("LC_ALL", "zh_TW.UTF-8"), &["--field-labels", labels]),
            shown
        );
    }
}

#[test]
fn the_field_list_is_fetched_only_when_needed() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let count = |args: &[&str]| {
        let out = sb
            .nxcdp()
            .args(["customers", "query", "-v"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("> GET"))
            .count()
    };
    assert_eq!(count(&["-o", "csv"]), 1);
    assert_eq!(count(&["-o", "csv", "--raw-custom-fields"]), 0);
    assert_eq!(
        count(&[]),
        0,
        "the default table has no custom field column"
    );
    assert_eq!(count(&["-o", "jsonl"]), 0);
}

#[test]
fn columns_pick_and_order_and_unknown_ones_exit_2() {
    let sb = Sandbox::start(&["--customers", "20"]);
    let columns = "email,id,status,gender,source_type";
    let table = query(&sb, &["--columns", columns, "--limit", "20"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "email\tid\tstatus\tgender\tsource_type");
    assert!(lines[1..].iter().all(|l| {
        let cells: Vec<&str> = l.split('\t').collect();
        ["enabled", "disabled"].contains(&cells[2])
            && ["female", "male", ""].contains(&cells[3])
            && !cells[4].is_empty()
    }));
    let csv = query(
        &sb,
        &["--columns", "id,full_name", "-o", "csv", "--limit", "3"],
    );
    assert_eq!(csv.lines().next().unwrap(), "id,full_name");
    let out = try_query(&sb, &["--columns", "id,colour"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("colour") && stderr.contains("full_name"),
        "{stderr}"
    );
}
