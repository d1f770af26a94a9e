use super::*;
use crate::import::names::FieldDef;
use std::sync::Arc;

fn plan(field_type: i64) -> Target {
    let options = [
        ("1", "Sports"),
        ("2", "Music"),
        ("3", "Travel, food"),
        ("4", "A;B"),
    ];
    Target::Custom(Arc::new(FieldDef {
        key: "customize_4_52".into(),
        field_type,
        options: options
            .iter()
            .map(|(i, l)| (i.to_string(), l.to_string()))
            .collect(),
    }))
}

/// A row of (target, cell) made into a customer, as compact JSON.
fn build(cells: &[(Target, &str)], normalize: bool) -> Result<String, String> {
    let mut draft = Draft::default();
    for (target, cell) in cells {
        draft.cell(target, "column", cell)?;
    }
    draft
        .finish(normalize)
        .map(|c| serde_json::to_string(&c).unwrap())
}

fn key(k: &'static str) -> Target {
    match k {
        "gender" => Target::Gender,
        k => crate::import::names::key(k),
    }
}

#[test]
fn full_name_is_made_of_first_and_last_names_only_when_missing() {
    let made = build(
        &[
            (key("first_name"), "Ana"),
            (key("last_name"), "Silva"),
            (key("email"), "a@b"),
        ],
        false,
    );
    assert_eq!(
        made.unwrap(),
        r#"{"full_name":"Ana Silva","first_name":"Ana","last_name":"Silva","email":"a@b"}"#
    );
    let only = build(&[(key("last_name"), "王"), (key("email"), "a@b")], false).unwrap();
    assert!(only.contains(r#""full_name":"王""#), "{only}");
    let err = build(&[(key("email"), "a@b")], false).unwrap_err();
    assert!(err.starts_with("no full_name, nor a first_name"), "{err}");
}

#[test]
fn every_documented_limit_rejects_with_its_reason() {
    let named = |k: &'static str, v: &str| {
        build(
            &[(key("full_name"), "A"), (key("email"), "a@b"), (key(k), v)],
            false,
        )
    };
    for (k, v, why) in [
        (
            "sms_phone",
            "+86 138-0000",
            "sms_phone \"+86 138-0000\" is not digits only (--normalize-phones",
        ),
        ("messenger", "h123", "messenger \"h123\" is not digits only"),
        (
            "viber_phone",
            &"1".repeat(31),
            "viber_phone has 31 digits; at most 30",
        ),
        (
            "birthday",
            "1990-2-3",
            "birthday \"1990-2-3\" is not a date yyyy-MM-dd",
        ),
        (
            "birthday",
            "1990-02-30",
            "birthday \"1990-02-30\" is not a date",
        ),
        (
            "gender",
            "male",
            "gender must be 0 (female) or 1 (male), not \"male\"",
        ),
        ("full_name", &"é".repeat(256), "full_name is given twice"),
        (
            "country",
            &"x".repeat(51),
            "country has 51 characters; at most 50",
        ),
    ] {
        let err = named(k, v).unwrap_err();
        assert!(err.starts_with(why), "{k}={v:?}: {err}");
    }
    let long = build(
        &[(key("full_name"), &"é".repeat(256)), (key("email"), "a")],
        false,
    );
    assert_eq!(
        long.unwrap_err(),
        "full_name has 256 characters; at most 255 are allowed"
    );
    assert!(named("gender", "1").unwrap().ends_with(r#""gender":1}"#));
    assert!(named("birthday", "2000-02-29").is_ok());
}

#[test]
fn phones_are_normalized_only_when_asked() {
    let phone = [
        (key("full_name"), "A"),
        (key("sms_phone"), "+86 138-0013-8000"),
    ];
    assert!(build(&phone, false).is_err());
    assert_eq!(
        build(&phone, true).unwrap(),
        r#"{"full_name":"A","sms_phone":"8613800138000"}"#
    );
    let email = [(key("full_name"), "A"), (key("email"), "+1 a-b")];
    assert!(build(&email, true).unwrap().contains(r#""email":"+1 a-b""#));
}

#[test]
fn a_customer_needs_an_identity_key() {
    let err = build(&[(key("full_name"), "A"), (key("line"), "x")], false).unwrap_err();
    assert!(
        err.starts_with("no identity key: a customer needs one of sms_phone"),
        "{err}"
    );
    assert!(build(&[(key("full_name"), "A"), (key("instagram"), "7")], false).is_ok());
}

#[test]
fn labels_become_option_ids() {
    let base = [(key("full_name"), "A"), (key("email"), "a")];
    let with = |target: Target, cell: &str| {
        let mut cells = base.to_vec();
        cells.push((target, cell));
        build(&cells, false)
    };
    let custom = |s: &str| format!(r#""customize_field":"{{\"customize_4_52\":{s}}}""#);
    assert!(with(plan(4), "Sports;Travel, food")
        .unwrap()
        .contains(&custom(r#"[\"1\",\"3\"]"#)));
    assert!(with(plan(4), "sports ; 2")
        .unwrap()
        .contains(&custom(r#"[\"1\",\"2\"]"#)));
    assert!(with(plan(4), "A;B")
        .unwrap()
        .contains(&custom(r#"[\"4\"]"#)));
    assert!(with(plan(3), "Music")
        .unwrap()
        .contains(&custom(r#"[\"2\"]"#)));
    let err = with(plan(3), "Music;Sports").unwrap_err();
    assert!(
        err.ends_with("a single-choice field takes one option"),
        "{err}"
    );
    let err = with(plan(4), "Golf").unwrap_err();
    assert!(
        err.contains("\"Golf\" is not one of its options (Sports, Music"),
        "{err}"
    );
    assert!(with(plan(2), " 12.50").unwrap().contains(&custom("12.50")));
    assert!(with(plan(2), "many").is_err());
    assert!(with(plan(1), "Sports")
        .unwrap()
        .contains(&custom(r#"\"Sports\""#)));
}

#[test]
fn custom_objects_merge_and_conflicts_are_refused() {
    let base = [(key("full_name"), "A"), (key("email"), "a")];
    let mut cells = base.to_vec();
    cells.push((Target::CustomObject, r#"{"customize_9":"x"}"#));
    cells.push((plan(4), "Music"));
    let both = build(&cells, false).unwrap();
    assert!(
        both.contains(r#"{\"customize_9\":\"x\",\"customize_4_52\":[\"2\"]}"#),
        "{both}"
    );
    cells.push((Target::CustomObject, r#"{"customize_4_52":["1"]}"#));
    assert!(build(&cells, false).unwrap_err().contains("given twice"));
    let mut empty = base.to_vec();
    empty.push((Target::CustomObject, "{}"));
    assert!(build(&empty, false)
        .unwrap()
        .ends_with(r#""customize_field":"{}"}"#));
    let mut bad = base.to_vec();
    bad.push((Target::CustomObject, "[1]"));
    assert_eq!(
        build(&bad, false).unwrap_err(),
        "\"column\" is not a JSON object"
    );
}

#[test]
fn tags_become_tag_str() {
    let mut draft = Draft::default();
    draft.cell(&key("full_name"), "", "A").unwrap();
    draft.cell(&key("email"), "", "a").unwrap();
    let raw = r#"[{"id":1,"tag_name":"vip"},{"tag_name":"营销"}]"#;
    let tags: Value = serde_json::from_str(raw).unwrap();
    draft.json(&Target::Tags, "tags", tags, raw).unwrap();
    draft
        .cell(&Target::Tags, "tags", "new; beta tester")
        .unwrap();
    let json = serde_json::to_string(&draft.finish(false).unwrap()).unwrap();
    assert!(
        json.contains(r#""tagStr":"vip,营销,new,beta tester""#),
        "{json}"
    );
    let err = build(
        &[
            (key("full_name"), "A"),
            (key("email"), "a"),
            (Target::Tags, "a,b"),
        ],
        false,
    );
    assert!(err.unwrap_err().contains("holds a comma"));
}

#[test]
fn json_values_of_other_types() {
    let mut draft = Draft::default();
    let mut json = |target: &Target, key: &str, raw: &str| {
        draft.json(target, key, serde_json::from_str(raw).unwrap(), raw)
    };
    json(&key("full_name"), "full_name", r#""A""#).unwrap();
    json(&key("sms_phone"), "sms_phone", "8613800138000").unwrap();
    json(&key("gender"), "gender", "0").unwrap();
    json(&key("remark"), "remark", "null").unwrap();
    assert_eq!(
        json(&key("country"), "country", "86").unwrap_err(),
        "country must be text"
    );
    json(&plan(4), "customize_4_52", r#"["9"]"#).unwrap();
    let json = serde_json::to_string(&draft.finish(false).unwrap()).unwrap();
    assert_eq!(
        json,
        r#"{"full_name":"A","sms_phone":"8613800138000","customize_field":"{\"customize_4_52\":[\"9\"]}","gender":0}"#
    );
}

#[test]
fn reasons_quote_values_as_written() {
    let mut draft = Draft::default();
    let raw = "1.5E3";
    let value = serde_json::from_str(raw).unwrap();
    draft
        .json(
            &key("full_name"),
            "full_name",
            serde_json::json!("A"),
            "\"A\"",
        )
        .unwrap();
    draft
        .json(&key("sms_phone"), "sms_phone", value, raw)
        .unwrap();
    let err = draft.finish(false).unwrap_err();
    assert!(
        err.starts_with("sms_phone \"1.5E3\" is not digits only"),
        "{err}"
    );
    let err = build(
        &[
            (key("full_name"), "A"),
            (key("whats_app_phone"), "Ana Lima"),
        ],
        true,
    )
    .unwrap_err();
    assert_eq!(err, "whats_app_phone \"Ana Lima\" is not digits only");
    let base = [(key("full_name"), "A"), (key("email"), "a")];
    let with = |target: Target, cell: &str| {
        let mut cells = base.to_vec();
        cells.push((target, cell));
        build(&cells, false).unwrap_err()
    };
    let err = with(plan(3), "x;y");
    assert!(err.contains("\"x;y\" is not one of its options"), "{err}");
    let err = with(plan(4), "Sports;Golf");
    assert!(
        err.contains("\"Golf\" (in \"Sports;Golf\") is not one of its options"),
        "{err}"
    );
    let err = with(plan(3), "Music;Sports");
    assert!(err.contains("\"Music;Sports\" is several options"), "{err}");
}

#[test]
fn a_label_that_several_options_have_is_ambiguous() {
    let twice = Target::Custom(Arc::new(FieldDef {
        key: "customize_3_9".into(),
        field_type: 3,
        options: vec![
            ("1".into(), "Same".into()),
            ("2".into(), "Same".into()),
            ("3".into(), "other".into()),
            ("4".into(), "OTHER".into()),
        ],
    }));
    let cells = |cell: &'static str| {
        vec![
            (key("full_name"), "A"),
            (key("email"), "a"),
            (twice.clone(), cell),
        ]
    };
    let err = build(&cells("Same"), false).unwrap_err();
    assert!(
        err.contains("\"Same\" is the label of several options (ids 1, 2): write the id"),
        "{err}"
    );
    let err = build(&cells("Other"), false).unwrap_err();
    assert!(err.contains("several options (ids 3, 4)"), "{err}");
    // Exactly as written, a label is one option; an id is always one.
    assert!(build(&cells("other"), false)
        .unwrap()
        .contains(r#"[\"3\"]"#));
    assert!(build(&cells("2"), false).unwrap().contains(r#"[\"2\"]"#));
}

#[test]
fn a_repeated_identity_key_names_the_first_line() {
    let targets: Vec<(Target, String)> = ["full_name", "email", "sms_phone", "whats_app_phone"]
        .iter()
        .map(|k| (key(k), k.to_string()))
        .collect();
    let customer = |pairs: &[(&'static str, &'static str)]| {
        let mut draft = Draft::default();
        draft.cell(&key("full_name"), "", "A").unwrap();
        for (k, v) in pairs {
            let (target, name) = targets.iter().find(|(_, n)| n == k).unwrap();
            draft.cell(target, name, v).unwrap();
        }
        draft.finish(false).unwrap()
    };
    let mut seen = Seen::default();
    seen.admit(2, &customer(&[("email", "a@b"), ("sms_phone", "1")]))
        .unwrap();
    seen.admit(3, &customer(&[("whats_app_phone", "1")]))
        .unwrap();
    let err = seen
        .admit(9, &customer(&[("sms_phone", "2"), ("email", "a@b")]))
        .unwrap_err();
    assert!(
        err.starts_with("email \"a@b\" is also on line 2, which came first"),
        "{err}"
    );
    // A refused row leaves no key behind.
    seen.admit(10, &customer(&[("sms_phone", "2")])).unwrap();
    // The same phone once normalized, quoted as the row wrote it.
    let mut draft = Draft::default();
    draft.cell(&key("full_name"), "", "B").unwrap();
    draft.cell(&key("sms_phone"), "sms_phone", "+1").unwrap();
    let err = seen.admit(11, &draft.finish(true).unwrap()).unwrap_err();
    assert!(
        err.starts_with("sms_phone \"+1\" is also on line 2"),
        "{err}"
    );
}
