//! Custom fields are never dropped, and `--columns` means the same in every format.

mod common;

use common::{nxcdp, run_ok, Sandbox};
use nxcdp::cli::{Format, OutputArgs, Shape};
use nxcdp::customer::CustomField;
use nxcdp::output::{self, Catalog, Spec, Terminal};
use serde_json::value::RawValue;
use serde_json::Value;

#[test]
fn columns_named_twice_are_refused() {
    for args in [
        &[
            "customers",
            "query",
            "--sandbox",
            "--columns",
            "id,email,id",
        ][..],
        &[
            "customers",
            "query",
            "--sandbox",
            "-o",
            "jsonl",
            "--columns",
            "id,customize_1_1,customize_1_1",
        ],
        &[
            "customers",
            "export",
            "--sandbox",
            "--file",
            "-",
            "--columns",
            "email,email",
        ],
    ] {
        let out = nxcdp().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("is given twice"), "{args:?}: {stderr}");
        let named = args.last().unwrap().split(',').next_back().unwrap();
        assert!(
            stderr.contains(&format!("{named:?}")),
            "{args:?} names it: {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn json_custom_columns_come_from_inside_customize_field() {
    let all: Vec<Value> =
        run_ok(nxcdp().args(["customers", "query", "--sandbox", "--all", "-o", "jsonl"]))
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let custom = |c: &Value, key: &str| -> Value {
        c["customize_field"]
            .as_str()
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
            .map_or(Value::Null, |m| m[key].clone())
    };
    assert!(all.iter().any(|c| !custom(c, "customize_3_17").is_null()));
    for format in ["jsonl", "json"] {
        let out = run_ok(nxcdp().args([
            "customers",
            "query",
            "--sandbox",
            "--all",
            "-o",
            format,
            "--columns",
            "id,customize_3_17,customize_1_1",
        ]));
        let got: Vec<Value> = match format {
            "json" => serde_json::from_str(&out).unwrap(),
            _ => out
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        };
        assert_eq!(got.len(), all.len());
        for (g, c) in got.iter().zip(&all) {
            let keys: Vec<&String> = g.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["id", "customize_3_17", "customize_1_1"]);
            assert_eq!(g["id"], c["id"]);
            assert_eq!(g["customize_3_17"], custom(c, "customize_3_17"), "{format}");
            assert_eq!(g["customize_1_1"], custom(c, "customize_1_1"), "{format}");
        }
    }
}

fn customer(id: u64, custom: &str) -> Box<RawValue> {
    let field = serde_json::to_string(custom).unwrap();
    RawValue::from_string(format!(r#"{{"id":{id},"customize_field":{field}}}"#)).unwrap()
}

/// Feeds pages to a CSV or table formatter whose custom fields are `known`; returns the text and
/// the warnings after each page.
fn render(
    format: Format,
    known: &[CustomField],
    pages: &[Vec<Box<RawValue>>],
) -> (String, Vec<Vec<String>>) {
    let args = OutputArgs {
        output: Some(format),
        jq: None,
        shape: Shape {
            columns: vec!["id".into(), "customize_field".into()],
            ..Shape::default()
        },
    };
    let mut spec = Spec::from_args(&args, &Catalog::CUSTOMERS).unwrap();
    spec.label_custom_fields(Some(known), false).unwrap();
    let mut text = Vec::new();
    let mut warnings = Vec::new();
    {
        let mut out = output::formatter(spec, &mut text, Terminal::PLAIN);
        for page in pages {
            out.page(page).unwrap();
            warnings.push(out.messages());
        }
        out.finish().unwrap();
    }
    (String::from_utf8(text).unwrap(), warnings)
}

#[test]
fn custom_keys_the_field_list_does_not_name_are_kept() {
    let company = CustomField {
        name: "customize_1_1".into(),
        label: "Company".into(),
        options: vec![],
        unlisted: false,
        field_type: None,
    };
    let pages = vec![
        vec![
            customer(1, r#"{"customize_1_1":"Acme","customize_9_9":"x"}"#),
            customer(2, "{}"),
        ],
        vec![customer(
            3,
            r#"{"customize_7_7":[1,2],"customize_9_9":"y"}"#,
        )],
        vec![customer(4, r#"{"customize_7_7":"z","customize_1_1":"B"}"#)],
    ];
    let (csv, warnings) = render(Format::Csv, std::slice::from_ref(&company), &pages);
    assert_eq!(
        csv,
        "id,Company,customize_9_9,other_custom_fields\n\
         1,Acme,x,\n\
         2,,,\n\
         3,,y,\"{\"\"customize_7_7\"\":[1,2]}\"\n\
         4,B,,\"{\"\"customize_7_7\"\":\"\"z\"\"}\"\n"
    );
    // Once per key: the first page's key gets a column, the later one goes to the last column.
    assert_eq!(warnings.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 0]);
    assert!(warnings[0][0].contains("customize_9_9") && warnings[0][0].contains("column headed"));
    assert!(
        warnings[1][0].contains("customize_7_7") && warnings[1][0].contains("other_custom_fields")
    );

    // Piped tables follow the same columns.
    let (table, _) = render(Format::Table, std::slice::from_ref(&company), &pages[..1]);
    assert_eq!(
        table,
        "id\tCompany\tcustomize_9_9\tother_custom_fields\n1\tAcme\tx\t\n2\t\t\t\n"
    );

    // An empty field list: every key is headed by itself.
    let (csv, warnings) = render(Format::Csv, &[], &pages[..1]);
    assert_eq!(
        csv,
        "id,customize_1_1,customize_9_9,other_custom_fields\n1,Acme,x,\n2,,,\n"
    );
    assert_eq!(warnings[0].len(), 2);
}

#[test]
fn a_field_list_that_cannot_be_fetched_degrades_to_keys() {
    // The first request, the field list, fails; the walk does not.
    let sb = Sandbox::start(&["--customers", "60", "--fail-first", "1"]);
    let out = sb
        .nxcdp()
        .args(["customers", "query", "--all", "-o", "csv", "--retries", "0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: cannot fetch the field list"),
        "{stderr}"
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains(",customize_1_1,") && header.contains(",other_custom_fields,"),
        "{header}"
    );
    let all = common::all_customers(&sb);
    let companies = all
        .iter()
        .filter(|c| {
            c["customize_field"]
                .as_str()
                .is_some_and(|s| s.contains("Company "))
        })
        .count();
    assert!(companies > 0);
    assert_eq!(csv.matches(",Company ").count(), companies, "{csv}");
}
