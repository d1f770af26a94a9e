//! batch_create in the sandbox (API.md section 8), through `nxcdp api .../batch_create --input`:
//! the documented limits, one invalid customer refusing the whole batch, the three types against
//! existing customers, `--refuse-names`, new customers visible to the query at once, and the rate
//! limit shared with the query.

mod common;

use common::Sandbox;
use nxcdp::sandbox::planted::README_ID;
use nxcdp::wire::BATCH_CREATE_PATH;
use serde_json::{json, Value};

/// Sends `{"type": kind, tenant_id, app_key, "customers": customers}`; returns the exit code and
/// the answer.
fn create(sb: &Sandbox, kind: Value, customers: Value) -> (Option<i32>, Value) {
    let body = json!({"type": kind, "tenant_id": 1, "app_key": "sandbox", "customers": customers});
    send(sb, &body.to_string())
}

fn send(sb: &Sandbox, body: &str) -> (Option<i32>, Value) {
    let out = sb
        .nxcdp()
        .args(["api", BATCH_CREATE_PATH, "--input", "-"])
        .write_stdin(body.to_string())
        .output()
        .unwrap();
    let answer = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", common::stderr_of(&out)));
    (out.status.code(), answer)
}

/// The customers a query with these arguments (and `--all`) returns, as JSON.
fn found(sb: &Sandbox, args: &[&str]) -> Vec<Value> {
    listed(sb, &[&["--all"], args].concat())
}

fn listed(sb: &Sandbox, args: &[&str]) -> Vec<Value> {
    common::query(sb, &[&["-o", "jsonl"], args].concat())
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The one customer with this SMS phone.
fn by_phone(sb: &Sandbox, phone: &str) -> Value {
    let mut list = found(sb, &["--sms-phone", phone]);
    assert_eq!(list.len(), 1, "one customer with {phone}: {list:?}");
    list.remove(0)
}

fn tag_names(c: &Value) -> Vec<&str> {
    let tags = c["tags"].as_array().unwrap();
    tags.iter()
        .map(|t| t["tag_name"].as_str().unwrap())
        .collect()
}

#[test]
fn a_valid_batch_creates_customers_visible_at_once_with_new_ids() {
    let sb = Sandbox::start(&["--customers", "50"]);
    let newest_before = listed(&sb, &["--limit", "1"]).remove(0);
    let customers = json!([
        {"full_name": "Ana Costa", "sms_phone": "5511900000001", "tagStr": "vip, imported",
         "customize_field": "{\"customize_1_1\":\"Acme\"}", "birthday": "1990-02-28",
         "gender": 0, "country": "BR", "remark": "from the fair"},
        {"full_name": "李雷", "whats_app_phone": "8613900000002", "email": "li@example.com"},
    ]);
    let (code, answer) = create(&sb, json!(2), customers);
    assert_eq!(code, Some(0), "{answer}");
    assert_eq!(answer["code"], 0);
    assert_eq!(answer["data"], "", "the answer lists nothing");

    let ana = by_phone(&sb, "5511900000001");
    assert_eq!(ana["full_name"], "Ana Costa");
    assert_eq!(ana["source_type"], 6, "third-party API");
    assert_eq!(ana["customize_field"], "{\"customize_1_1\":\"Acme\"}");
    assert_eq!(ana["birthday"], "1990-02-28");
    assert_eq!(tag_names(&ana), ["vip", "imported"]);
    let li = found(&sb, &["--whatsapp-phone", "8613900000002"]).remove(0);
    let (ana_id, li_id) = (ana["id"].as_i64().unwrap(), li["id"].as_i64().unwrap());
    assert!(ana_id > newest_before["id"].as_i64().unwrap() && li_id > ana_id);
    assert!(ana["created_at"].as_str() >= newest_before["created_at"].as_str());
    // The new customers come first, newest first, and a tag made by tagStr filters like any.
    let newest: Vec<i64> = listed(&sb, &["--limit", "2"])
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(newest, [li_id, ana_id]);
    let imported = found(&sb, &["--tag", "imported"]);
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0]["id"], ana["id"]);
}

#[test]
fn one_invalid_customer_refuses_the_whole_batch_with_1002() {
    let sb = Sandbox::start(&["--customers", "20"]);
    let generated = found(&sb, &[]).len();
    let long = |n: usize| "x".repeat(n);
    let digits = |n: usize| "1".repeat(n);
    let valid = json!({"full_name": "Kept Out", "sms_phone": "4915100000009"});
    // (the second customer of the batch, what the message says about it)
    let cases = [
        (
            json!({"sms_phone": "4915100000001"}),
            "full_name is required",
        ),
        (
            json!({"full_name": "", "sms_phone": "4915100000001"}),
            "full_name",
        ),
        (json!({"full_name": long(256), "sms_phone": "1"}), "255"),
        (
            json!({"full_name": "a", "first_name": long(129), "sms_phone": "1"}),
            "128",
        ),
        (
            json!({"full_name": "a", "sms_phone": "+4915100000001"}),
            "digits",
        ),
        (json!({"full_name": "a", "viber_phone": digits(31)}), "30"),
        (json!({"full_name": "a", "messenger": digits(33)}), "32"),
        (json!({"full_name": "a", "instagram": "h123"}), "digits"),
        (
            json!({"full_name": "a", "email": format!("{}@example.com", long(39))}),
            "50",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "remark": long(101)}),
            "100",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "address": long(101)}),
            "100",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "birthday": "1990-13-01"}),
            "yyyy-MM-dd",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "birthday": "01/02/1990"}),
            "yyyy-MM-dd",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "gender": 2}),
            "gender",
        ),
        (
            json!({"full_name": "a", "sms_phone": 4915100000001_i64}),
            "string",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "customize_field": {"customize_1_1": "x"}}),
            "string",
        ),
        (
            json!({"full_name": "a", "sms_phone": "1", "customize_field": "[1]"}),
            "JSON object",
        ),
        (
            json!({"full_name": "a", "line": "no identity key"}),
            "needs one of",
        ),
        (json!("not an object"), "object"),
    ];
    for (invalid, said) in cases {
        let (code, answer) = create(&sb, json!(1), json!([valid, invalid]));
        assert_eq!(code, Some(4), "{invalid}: {answer}");
        assert_eq!(answer["code"], 1002, "{invalid}");
        let message = answer["message"].as_str().unwrap();
        assert!(
            message.contains("customers[1]") && message.contains(said),
            "{invalid}: {message}"
        );
    }
    let whole = |kind: Value, customers: Value| create(&sb, kind, customers).1["code"].clone();
    assert_eq!(whole(json!(null), json!([valid])), 1002, "type is required");
    assert_eq!(whole(json!(3), json!([valid])), 1002);
    assert_eq!(whole(json!("1"), json!([valid])), 1002);
    assert_eq!(whole(json!(0), json!([])), 1002, "at least one customer");
    let many: Vec<Value> = (0..101)
        .map(|i| json!({"full_name": "n", "sms_phone": format!("4915200{i:06}")}))
        .collect();
    assert_eq!(whole(json!(0), json!(many)), 1002, "at most 100");
    let (_, other_tenant) = send(
        &sb,
        &json!({"type": 0, "tenant_id": 2, "app_key": "sandbox", "customers": [valid]}).to_string(),
    );
    assert_eq!(other_tenant["code"], 1002);
    // Nothing of any refused batch was applied.
    assert!(found(&sb, &["--sms-phone", "4915100000009"]).is_empty());
    assert!(found(&sb, &["--sms-phone", "4915200000000"]).is_empty());
    // The limits are inclusive: the longest values pass, and 100 customers make a batch.
    let longest = json!({"full_name": long(255), "messenger": digits(32),
        "email": format!("{}@example.com", long(38)), "remark": long(100)});
    assert_eq!(whole(json!(0), json!([longest])), 0);
    assert_eq!(whole(json!(0), json!(many[..100])), 0);
    assert_eq!(found(&sb, &[]).len(), generated + 101);
}

#[test]
fn the_type_decides_what_becomes_of_an_existing_customer() {
    let sb = Sandbox::start(&["--customers", "20"]);
    let original = json!({"full_name": "Mei Tran", "sms_phone": "8490000001",
        "email": "mei@example.com", "remark": "first", "tagStr": "vip",
        "customize_field": "{\"customize_1_1\":\"Acme\",\"customize_3_17\":[\"1\"]}"});
    assert_eq!(create(&sb, json!(2), json!([original])).0, Some(0));
    let before = by_phone(&sb, "8490000001");
    let count = found(&sb, &[]).len();
    // Found by its email alone, whatever the other keys say.
    let incoming = json!({"full_name": "Mei T.", "email": "mei@example.com",
        "whats_app_phone": "8490000002", "tagStr": "retail",
        "customize_field": "{\"customize_3_17\":[\"2\"]}"});

    // 2: the old data stays, the new is dropped.
    assert_eq!(create(&sb, json!(2), json!([incoming])).0, Some(0));
    assert_eq!(by_phone(&sb, "8490000001"), before);

    // 1: the new fields on top of the old: given ones replaced, others kept, tags added.
    assert_eq!(create(&sb, json!(1), json!([incoming])).0, Some(0));
    let merged = by_phone(&sb, "8490000001");
    assert_eq!(merged["id"], before["id"]);
    assert_eq!(merged["created_at"], before["created_at"]);
    assert_eq!(merged["full_name"], "Mei T.");
    assert_eq!(merged["whatsApp_phone"], "8490000002");
    assert_eq!(merged["remark"], "first");
    assert_eq!(tag_names(&merged), ["vip", "retail"]);
    let fields: Value = serde_json::from_str(merged["customize_field"].as_str().unwrap()).unwrap();
    assert_eq!(
        fields,
        json!({"customize_1_1": "Acme", "customize_3_17": ["2"]})
    );

    // 0: the old data dropped: what the new customer does not give is gone, the SMS phone too.
    assert_eq!(create(&sb, json!(0), json!([incoming])).0, Some(0));
    assert!(found(&sb, &["--sms-phone", "8490000001"]).is_empty());
    let replaced = found(&sb, &["--email", "mei@example.com"]).remove(0);
    assert_eq!(replaced["id"], before["id"]);
    assert_eq!(replaced["created_at"], before["created_at"]);
    assert_eq!(replaced["remark"], Value::Null);
    assert_eq!(tag_names(&replaced), ["retail"]);
    assert_eq!(replaced["customize_field"], "{\"customize_3_17\":[\"2\"]}");
    // The tags it ever held are kept: his_tags still find it by vip.
    let ever_vip = found(&sb, &["--his-tag", "vip", "--email", "mei@example.com"]);
    assert_eq!(ever_vip.len(), 1);
    assert_eq!(found(&sb, &[]).len(), count, "no customer was added");
}

#[test]
fn sending_the_same_batch_twice_is_harmless_under_every_type() {
    let sb = Sandbox::start(&["--customers", "20"]);
    for kind in 0..3 {
        let batch = json!([
            {"full_name": "Twice", "sms_phone": format!("{kind}7700000001"), "tagStr": "vip"},
            // The same customer twice in one batch: the second is the first, now existing.
            {"full_name": "Twice", "sms_phone": format!("{kind}7700000001")},
            {"full_name": "README", "viber_phone": "8618593272678"},
        ]);
        let (code, _) = create(&sb, json!(kind), batch.clone());
        assert_eq!(code, Some(0));
        let first = found(&sb, &[]);
        let (code, _) = create(&sb, json!(kind), batch);
        assert_eq!(code, Some(0));
        let again = found(&sb, &[]);
        let ids = |list: &[Value]| list.iter().map(|c| c["id"].clone()).collect::<Vec<_>>();
        assert_eq!(ids(&again), ids(&first), "type {kind}: no new customer");
        assert_eq!(
            found(&sb, &["--sms-phone", &format!("{kind}7700000001")]).len(),
            1
        );
    }
    // The README's customer was found by its Viber phone each time, never duplicated.
    let readme = found(&sb, &["--viber-phone", "8618593272678"]);
    assert_eq!(readme.len(), 1);
    assert_eq!(readme[0]["id"].as_i64(), Some(README_ID));
}

#[test]
fn refuse_names_is_a_rule_only_the_server_knows() {
    let sb = Sandbox::start(&["--customers", "10", "--refuse-names", "BLOCKED"]);
    let generated = found(&sb, &[]).len();
    let batch = |name: &str| {
        json!([
            {"full_name": "Fine", "sms_phone": "3312000001"},
            {"full_name": name, "sms_phone": "3312000002"},
        ])
    };
    let (code, answer) = create(&sb, json!(1), batch("Jo BLOCKED Doe"));
    assert_eq!(
        (code, answer["code"].clone()),
        (Some(4), json!(1002)),
        "{answer}"
    );
    assert!(found(&sb, &["--sms-phone", "3312000001"]).is_empty());
    // Split off, the rest goes through; names that merely look alike are not refused.
    let (code, _) = create(&sb, json!(1), json!([batch("x")[0]]));
    assert_eq!(code, Some(0));
    let (code, _) = create(&sb, json!(1), batch("Jo Blocked Doe"));
    assert_eq!(code, Some(0));
    assert_eq!(found(&sb, &[]).len(), generated + 2);
}

/// Sends a signed POST of `body` to `path`; returns the HTTP status and `Retry-After`.
async fn post(sb: &Sandbox, path: &str, body: &str) -> (u16, Option<String>) {
    let ts = nxcdp::wire::now_ms().to_string();
    let fields = nxcdp::sign::HeaderFields {
        access_key: "sandbox",
        action: "mt",
        biz_type: "2",
        ts: &ts,
    };
    let secret = nxcdp::sign::Secret::new(sb.secret().to_string());
    let sign = nxcdp::sign::signature(
        nxcdp::sign::Algorithm::Md5,
        &fields,
        body.as_bytes(),
        &secret,
    );
    let answer = reqwest::Client::new()
        .post(format!("{}{path}", sb.base_url))
        .header("Content-Type", "application/json")
        .header("accessKey", "sandbox")
        .header("action", "mt")
        .header("bizType", "2")
        .header("ts", ts)
        .header("sign", sign)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let retry_after = answer.headers().get("retry-after");
    let retry_after = retry_after.map(|v| v.to_str().unwrap().to_string());
    (answer.status().as_u16(), retry_after)
}

#[tokio::test]
async fn creates_and_queries_share_the_rate_limit() {
    let create = json!({"type": 2, "tenant_id": 1, "app_key": "sandbox",
        "customers": [{"full_name": "Rate", "sms_phone": "100"}]})
    .to_string();
    let query = r#"{"tenant_id":1,"app_key":"sandbox","limit":1}"#;
    // One token a second for the account. Within a second of a create, neither a query nor a
    // second create finds one. A run slower than that proves nothing and is made again.
    for _ in 0..5 {
        let sb = Sandbox::start(&["--customers", "10", "--rate-limit", "1"]);
        let started = std::time::Instant::now();
        let first = post(&sb, BATCH_CREATE_PATH, &create).await;
        let second = post(&sb, nxcdp::wire::QUERY_PATH, query).await;
        let third = post(&sb, BATCH_CREATE_PATH, &create).await;
        if started.elapsed() < std::time::Duration::from_millis(900) {
            assert_eq!(first, (200, None));
            assert_eq!(second, (429, Some("1".into())));
            assert_eq!(third, (429, Some("1".into())));
            return;
        }
    }
    panic!("five runs of three requests over loopback each took more than 0.9 s");
}

#[test]
fn a_generated_customer_changed_by_batch_create_is_found_by_its_new_email_only() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let all = found(&sb, &[]);
    let generated = all
        .iter()
        .find(|c| c["sms_phone"].is_string() && c["email"].is_string() && c["id"] != README_ID)
        .expect("a generated customer with a phone and an email");
    let (phone, old) = (
        generated["sms_phone"].as_str().unwrap(),
        &generated["email"],
    );
    let incoming = json!({"full_name": "Changed", "sms_phone": phone, "email": "new@example.com"});
    assert_eq!(create(&sb, json!(1), json!([incoming])).0, Some(0));
    let by_new = found(&sb, &["--email", "new@example.com"]);
    assert_eq!(by_new.len(), 1);
    assert_eq!(by_new[0]["id"], generated["id"]);
    assert!(found(&sb, &["--email", old.as_str().unwrap()]).is_empty());
}
