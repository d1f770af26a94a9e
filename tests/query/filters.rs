//! Each filter flag reaches the body, by its exact key, and filters.

use crate::common::{ids_of_jsonl, query, Sandbox};
use crate::walks::ids;
use serde_json::Value;
use std::collections::HashSet;

pub fn has_tag(c: &Value, name: &str) -> bool {
    c["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["tag_name"] == name))
}

#[test]
fn each_filter_flag_reaches_the_body_and_filters() {
    let sb = Sandbox::start(&["--customers", "300", "--seed", "11"]);
    let all: Vec<Value> = crate::common::all_customers(&sb);
    let s = |c: &Value, k: &str| c[k].as_str().unwrap().to_string();
    let with = |k: &str| all.iter().find(|c| !c[k].is_null()).unwrap();
    let (sms, wa, viber, email, channel) = (
        s(with("sms_phone"), "sms_phone"),
        s(with("whatsApp_phone"), "whatsApp_phone"),
        s(with("viber_phone"), "viber_phone"),
        s(with("email"), "email"),
        s(with("source_channel_key"), "source_channel_key"),
    );
    let mid = s(&all[150], "created_at").replace('T', " ");
    let day = mid[..10].to_string();
    type Pred<'a> = Box<dyn Fn(&Value) -> bool + 'a>;
    let created = |c: &Value| s(c, "created_at").replace('T', " ");
    let field_is =
        |k: &'static str, v: String| -> Pred { Box::new(move |c: &Value| c[k] == v.as_str()) };
    let cases: Vec<(Vec<String>, Pred)> = vec![
        (
            vec!["--start-time".into(), mid.clone()],
            Box::new(|c: &Value| created(c) >= mid),
        ),
        (
            vec!["--end-time".into(), mid.clone()],
            Box::new(|c: &Value| created(c) < mid),
        ),
        (
            vec!["--start-time".into(), day.clone()],
            Box::new(|c: &Value| created(c) >= format!("{day} 00:00:00")),
        ),
        (
            vec!["--tag".into(), "vip".into()],
            Box::new(|c: &Value| has_tag(c, "vip")),
        ),
        (
            vec!["--tag-id".into(), "27238".into()],
            Box::new(|c: &Value| has_tag(c, "new")),
        ),
        (
            vec![
                "--tag".into(),
                "vip".into(),
                "--tag".into(),
                "retail".into(),
                "--tags-logic".into(),
                "and".into(),
            ],
            Box::new(|c: &Value| has_tag(c, "vip") && has_tag(c, "retail")),
        ),
        (
            vec![
                "--tag".into(),
                "vip".into(),
                "--tag-id".into(),
                "27241".into(),
                "--tags-logic".into(),
                "or".into(),
            ],
            Box::new(|c: &Value| has_tag(c, "vip") || has_tag(c, "retail")),
        ),
        (
            vec!["--source-type".into(), "excel-import".into()],
            Box::new(|c: &Value| c["source_type"] == 2),
        ),
        (
            vec!["--source-type".into(), "10".into()],
            Box::new(|c: &Value| c["source_type"] == 10),
        ),
        (
            vec!["--name".into(), "simon".into()],
            Box::new(|c: &Value| {
                c["full_name"]
                    .as_str()
                    .is_some_and(|n| n.to_lowercase().contains("simon"))
            }),
        ),
        (
            vec!["--sms-phone".into(), format!("+{sms}")],
            field_is("sms_phone", sms.clone()),
        ),
        (
            vec!["--whatsapp-phone".into(), wa.clone()],
            field_is("whatsApp_phone", wa.clone()),
        ),
        (
            vec!["--viber-phone".into(), viber.clone()],
            field_is("viber_phone", viber.clone()),
        ),
        (
            vec!["--email".into(), email.clone()],
            field_is("email", email.clone()),
        ),
        (
            vec!["--source-channel-key".into(), channel.clone()],
            field_is("source_channel_key", channel.clone()),
        ),
    ];
    for (flags, pred) in cases {
        let expected: Vec<Value> = all.iter().filter(|c| pred(c)).cloned().collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{flags:?} must narrow"
        );
        let mut args = vec!["--all", "-o", "jsonl", "--page-size", "9"];
        args.extend(flags.iter().map(String::as_str));
        assert_eq!(
            ids_of_jsonl(&query(&sb, &args)),
            ids(&expected),
            "{flags:?}"
        );
    }
    // his_tags by name and by id give the same, wider set.
    let by_name = query(&sb, &["--all", "-o", "jsonl", "--his-tag", "vip"]);
    let by_id = query(&sb, &["--all", "-o", "jsonl", "--his-tag-id", "27237"]);
    assert_eq!(by_name, by_id);
    let now: HashSet<String> = ids(&all
        .iter()
        .filter(|c| has_tag(c, "vip"))
        .cloned()
        .collect::<Vec<_>>())
    .into_iter()
    .collect();
    let ever: HashSet<String> = ids_of_jsonl(&by_name).into_iter().collect();
    assert!(ever.is_superset(&now) && ever.len() > now.len());
}

#[test]
fn the_exact_body_keys_are_sent() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let out = sb
        .nxcdp()
        .args([
            "customers",
            "query",
            "-vv",
            "--whatsapp-phone",
            "8613600000000",
            "--tag",
            "vip",
            "--tag-id",
            "5",
        ])
        .args([
            "--his-tag",
            "x",
            "--tags-logic",
            "and",
            "--start-time",
            "2024-05-07",
            "--limit",
            "3",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let body = stderr
        .lines()
        .find(|l| l.starts_with("> {"))
        .expect("-vv prints the body");
    let body: Value = serde_json::from_str(&body[2..]).unwrap();
    assert_eq!(body["whatsApp_phone"], "8613600000000");
    assert_eq!(
        body["tags"],
        serde_json::json!([{"tag_name": "vip"}, {"id": 5}])
    );
    assert_eq!(body["his_tags"], serde_json::json!([{"tag_name": "x"}]));
    assert_eq!(body["tags_logic_type"], "and");
    assert_eq!(body["start_time"], "2024-05-07 00:00:00");
    assert_eq!(body["limit"], 3);
    assert_eq!(body["tenant_id"], 1);
    assert!(
        body.get("email").is_none() && body.get("after").is_none(),
        "keys without value are not sent"
    );
}
