//! Tests of `values.rs`.

use super::super::schema::columns;
use super::*;
use crate::output::Column;

#[test]
fn dates_and_times_are_read_exactly_or_not_at_all() {
    assert_eq!(date("1970-01-01"), Some(0));
    assert_eq!(date("1969-12-31"), Some(-1));
    assert_eq!(date("2000-03-01"), Some(11_017));
    assert_eq!(date("2024-02-29"), Some(19_782));
    for bad in [
        "2023-02-29",
        "2026-13-01",
        "2026-1-01",
        "26-01-01",
        "2026-01-01 ",
        "",
    ] {
        assert_eq!(date(bad), None, "{bad:?}");
    }
    assert_eq!(datetime("1970-01-02T00:00:01"), Some(86_401_000));
    assert_eq!(
        datetime("2026-12-07 03:07:08"),
        datetime("2026-12-07T03:07:08")
    );
    assert_eq!(datetime("1969-12-31T23:59:59"), Some(-1000));
    // Issue 28, item 5: a fraction down to the millisecond is read, a finer one is not cut.
    let second = datetime("2026-12-07T06:16:43").unwrap();
    for (text, ms) in [
        ("2026-12-07T06:16:43.123", 123),
        ("2026-12-07 06:16:43.5", 500),
        ("2026-12-07T06:16:43.12", 120),
        ("2026-12-07T06:16:43.123000000", 123),
        ("2026-12-07T06:16:43.000", 0),
    ] {
        assert_eq!(datetime(text), Some(second + ms), "{text:?}");
    }
    assert_eq!(datetime("1969-12-31T23:59:59.250"), Some(-750));
    for bad in [
        "2026-12-07T24:00:00",
        "2026-12-07T03:07",
        "2026-12-07T03:07:60",
        "2026-12-07T06:16:43.123456789",
        "2026-12-07T06:16:43.1234",
        "2026-12-07T06:16:43.",
        "2026-12-07T06:16:43.1234567890",
        "2026-12-07T06:16:43.12a",
        "2026-12-07T06:16:43Z",
        "2026-12-07T06:16:43.+12",
    ] {
        assert_eq!(datetime(bad), None, "{bad:?}");
    }
    assert_eq!(number("9007199254740992"), Some(9_007_199_254_740_992.0));
    assert_eq!(number("9007199254740993"), None, "past 2^53");
    assert_eq!(number("2.5"), Some(2.5));
    assert_eq!(number("x"), None);
}

fn plan(field_type: i64) -> CustomField {
    CustomField {
        name: "customize_3_17".into(),
        label: "Plan".into(),
        options: vec![("1".into(), "Free".into()), ("2".into(), "Pro".into())],
        unlisted: false,
        field_type: Some(field_type),
    }
}

#[test]
fn what_does_not_fit_is_null_and_kept_in_other_fields() {
    let reader = Reader {
        cols: columns(
            &[
                Column::Field("id".into()),
                Column::Field("birthday".into()),
                Column::Field("source_type".into()),
                Column::Custom(plan(3)),
                Column::OtherCustom,
            ],
            false,
        ),
        picked: false,
        expanded: true,
    };
    let json = r#"{"id":1021110718827683840,"birthday":"1990-02-30","source_type":2,
        "customize_field":"{\"customize_3_17\":[\"9\"],\"customize_9\":1.50}","x":{"a":1}}"#;
    let (cells, moved) = reader.cells(&Fields::parse(json).unwrap());
    assert_eq!(cells[0], Cell::Int(1_021_110_718_827_683_840));
    assert_eq!(cells[1], Cell::Null);
    assert_eq!(cells[3], Cell::Text("excel-import".into()));
    assert_eq!(cells[4], Cell::Null, "option 9 is not in the field list");
    assert_eq!(
        cells[5],
        Cell::Text(
            r#"{"birthday":"1990-02-30","x":{"a":1},"customize_field":{"customize_3_17":["9"],"customize_9":1.50}}"#
                .into()
        )
    );
    assert_eq!(
        moved,
        [
            Moved::Misfit("birthday".into()),
            Moved::Misfit("Plan".into()),
            Moved::Unlisted("customize_9".into())
        ]
    );
    // A string that is no Unicode: null, kept as sent (issue 28, item 6).
    let text = Reader {
        cols: columns(&[Column::Field("email".into())], true),
        picked: true,
        expanded: true,
    };
    for (json, wanted) in [
        (r#"{"email":"a\u00e9"}"#, Cell::Text("a\u{e9}".into())),
        (r#"{"email":12}"#, Cell::Text("12".into())),
        (r#"{"email":"\ud800x"}"#, Cell::Null),
    ] {
        let (cells, _) = text.cells(&Fields::parse(json).unwrap());
        assert_eq!(cells[0], wanted, "{json}");
    }
    let (cells, moved) = text.cells(&Fields::parse(r#"{"email":"\ud800x"}"#).unwrap());
    assert_eq!(cells[1], Cell::Text(r#"{"email":"\"\\ud800x\""}"#.into()));
    assert_eq!(moved, [Moved::Misfit("email".into())]);
    let json = r#"{"id":7,"customize_field":"{\"customize_3_17\":[\"2\"]}"}"#;
    let (cells, moved) = reader.cells(&Fields::parse(json).unwrap());
    assert_eq!(cells[4], Cell::Text("Pro".into()));
    assert_eq!(cells[5], Cell::Null, "nothing left over");
    assert!(moved.is_empty());
}

#[test]
fn custom_fields_are_typed_by_their_field_type() {
    let v = |json: &str| serde_json::from_str::<Value>(json).unwrap();
    let multi = plan(4);
    assert_eq!(
        custom_field(Kind::Texts, &multi, &v(r#"["2","1"]"#)),
        Some(Cell::Texts(vec!["Pro".into(), "Free".into()]))
    );
    assert_eq!(custom_field(Kind::Texts, &multi, &v(r#"["3"]"#)), None);
    let number = CustomField {
        field_type: Some(2),
        options: vec![],
        ..plan(2)
    };
    assert_eq!(
        custom_field(Kind::Double, &number, &v(r#""12.5""#)),
        Some(Cell::Double(12.5))
    );
    assert_eq!(custom_field(Kind::Double, &number, &v("[1]")), None);
    let when = CustomField {
        field_type: Some(5),
        ..number.clone()
    };
    assert_eq!(
        custom_field(Kind::Date, &when, &v(r#""1970-01-03""#)),
        Some(Cell::Int(2))
    );
    assert_eq!(custom_field(Kind::Date, &when, &v(r#""soon""#)), None);
    assert_eq!(
        custom_field(Kind::Json, &number, &v(r#"{"a":[1]}"#)),
        Some(Cell::Text(r#"{"a":[1]}"#.into()))
    );
}
