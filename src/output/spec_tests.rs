//! Tests of `spec.rs`.

use super::*;
use crate::cli::Shape;

fn spec(output: Option<Format>, jq: Option<&str>, shape: Shape) -> Result<Spec, Error> {
    let args = OutputArgs {
        output,
        jq: jq.map(str::to_string),
        shape,
    };
    Spec::from_args(&args, &Catalog::CUSTOMERS)
}

fn columns(names: &[&str]) -> Shape {
    Shape {
        columns: names.iter().map(|s| s.to_string()).collect(),
        ..Shape::default()
    }
}

#[test]
fn formats_default_by_jq_and_refuse_what_cannot_apply() {
    assert_eq!(
        spec(None, None, Shape::default()).unwrap().format,
        Format::Table
    );
    assert_eq!(
        spec(None, Some(".id"), Shape::default()).unwrap().format,
        Format::Jsonl
    );
    assert!(spec(Some(Format::Csv), Some(".id"), Shape::default()).is_err());
    let safe = Shape {
        csv_safe: true,
        ..Shape::default()
    };
    assert!(spec(Some(Format::Json), None, safe.clone()).is_err());
    assert!(spec(Some(Format::Csv), None, safe).unwrap().csv_safe);
    let strings = Shape {
        ids_as_strings: true,
        ..Shape::default()
    };
    assert!(spec(Some(Format::Table), None, strings).is_err());
}

#[test]
fn columns_are_checked_and_custom_fields_recognized() {
    let err = spec(None, None, columns(&["id", "emial"])).err().unwrap();
    assert!(err.to_string().contains("did you mean email?"), "{err}");
    let fields = Spec::from_args(
        &OutputArgs {
            output: None,
            jq: None,
            shape: columns(&["name", "nope"]),
        },
        &Catalog::FIELDS,
    );
    assert!(fields.is_err(), "fields have no custom labels");
    let s = spec(Some(Format::Csv), None, columns(&["id", "customize_4_52"])).unwrap();
    assert_eq!(s.columns[0], Column::Field("id".into()));
    assert!(matches!(&s.columns[1], Column::Custom(f) if f.name == "customize_4_52"));
    assert_eq!(s.keys.as_deref().map(<[Column]>::len), Some(2));
    let err = spec(None, None, columns(&["id", "email", "id"]))
        .err()
        .unwrap();
    assert!(err.to_string().contains("\"id\" is given twice"), "{err}");
    let table = spec(None, None, Shape::default()).unwrap();
    assert_eq!(table.columns.len(), customer::TABLE_COLUMNS.len());
    assert!(table.keys.is_none());
}

#[test]
fn custom_fields_are_expanded_and_labelled() {
    let mut s = spec(
        Some(Format::Csv),
        None,
        columns(&["customize_field", "customize_9"]),
    )
    .unwrap();
    assert!(s.wants_field_list(false) && !s.wants_field_list(true));
    s.label_custom_fields(Some(&known()), false).unwrap();
    let labels: Vec<String> = s.columns.iter().map(|c| c.header(false)).collect();
    assert_eq!(
        labels,
        [
            "Company",
            "Plan",
            "Renewal date",
            "other_custom_fields",
            "Plan"
        ]
    );
    let json = spec(Some(Format::Json), None, columns(&["customize_field"])).unwrap();
    assert!(!json.wants_field_list(false));
}

fn known() -> [CustomField; 3] {
    let field = |name: &str, label: &str| CustomField {
        name: name.into(),
        label: label.into(),
        options: vec![],
        unlisted: false,
        field_type: None,
    };
    [
        field("customize_1", "Company"),
        field("customize_9", "Plan"),
        field("customize_7", "Renewal date"),
    ]
}

#[test]
fn custom_fields_are_named_by_their_labels_too() {
    let picked = |names: &[&str], format| {
        let mut s = spec(Some(format), None, columns(names)).unwrap();
        assert!(
            s.wants_field_list(true),
            "the field list says what a label is"
        );
        s.label_custom_fields(Some(&known()), false).map(|()| s)
    };
    let s = picked(&["id", "plan", " RENEWAL DATE"], Format::Table).unwrap();
    let headers: Vec<String> = s.columns.iter().map(|c| c.header(true)).collect();
    assert_eq!(headers, ["ID", "Plan", "Renewal date"]);
    let s = picked(&["id", "Plan"], Format::Jsonl).unwrap();
    let keys: Vec<&str> = s.keys.iter().flatten().map(Column::name).collect();
    assert_eq!(keys, ["id", "customize_9"]);
    let err = picked(&["id", "Plna"], Format::Csv)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("did you mean Plan?") && err.contains("Plan (customize_9)"),
        "{err}"
    );
    let err = picked(&["Plan", "customize_9"], Format::Csv).err().unwrap();
    assert!(err.to_string().contains("given twice"), "{err}");
    let mut s = spec(Some(Format::Csv), None, columns(&["id", "Plan"])).unwrap();
    let err = s.label_custom_fields(None, false).err().unwrap();
    assert!(err.to_string().contains("could not be fetched"), "{err}");
}
