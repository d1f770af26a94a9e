//! The sandbox over loopback: signing and header checks, every filter, cursor paging, the fields
//! endpoint and seeded data. Requests here are built by hand so each header can be got wrong.

mod common;

use common::Sandbox;
use nxcdp::sign::{signature, Algorithm, HeaderFields, Secret};
use serde_json::{json, Value};
use std::collections::HashSet;

use nxcdp::wire::{now_ms, FIELDS_PATH as FIELDS, QUERY_PATH as QUERY};

/// A request to tamper with before sending.
struct Req {
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    secret: String,
    algorithm: Algorithm,
    ts: i64,
    content_type: &'static str,
}

impl Req {
    fn new(sb: &Sandbox, body: &Value) -> Req {
        Req {
            headers: vec![
                ("accessKey", sb.env["NXCDP_ACCESS_KEY"].clone()),
                ("bizType", "2".into()),
                ("action", "mt".into()),
            ],
            body: serde_json::to_vec(body).unwrap(),
            secret: sb.secret().to_string(),
            algorithm: Algorithm::Md5,
            ts: now_ms(),
            content_type: "application/json",
        }
    }

    fn header(mut self, name: &'static str, value: &str) -> Req {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.to_string()));
        self
    }

    fn without(mut self, name: &'static str) -> Req {
        self.headers.retain(|(n, _)| *n != name);
        self
    }

    fn get(&self, name: &str) -> String {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn signed_headers(&self) -> Vec<(&'static str, String)> {
        let ts = self.ts.to_string();
        let (key, action, biz) = (
            self.get("accessKey"),
            self.get("action"),
            self.get("bizType"),
        );
        let fields = HeaderFields {
            access_key: &key,
            action: &action,
            biz_type: &biz,
            ts: &ts,
        };
        let sign = signature(
            self.algorithm,
            &fields,
            &self.body,
            &Secret::new(self.secret.clone()),
        );
        let mut headers = self.headers.clone();
        headers.push(("ts", ts));
        headers.push(("sign", sign));
        headers.push(("algorithm", self.algorithm.header_value().into()));
        headers
    }

    async fn send(&self, sb: &Sandbox, path: &str, post: bool) -> Value {
        let client = reqwest::Client::new();
        let url = format!("{}{path}", sb.base_url);
        let mut req = if post {
            client
                .post(url)
                .body(self.body.clone())
                .header("Content-Type", self.content_type)
        } else {
            client.get(url)
        };
        for (n, v) in self.signed_headers() {
            req = req.header(n, v);
        }
        let resp = req.send().await.unwrap();
        serde_json::from_slice(&resp.bytes().await.unwrap()).expect("the sandbox answers JSON")
    }

    async fn query(&self, sb: &Sandbox) -> Value {
        self.send(sb, QUERY, true).await
    }
}

fn body(extra: Value) -> Value {
    let mut b = json!({"tenant_id": 1, "app_key": "sandbox"});
    b.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    b
}

fn code(answer: &Value) -> i64 {
    answer["code"].as_i64().unwrap()
}

#[tokio::test]
async fn signatures_and_headers_are_checked() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let b = body(json!({"limit": 5}));
    let ok = Req::new(&sb, &b).query(&sb).await;
    assert_eq!(code(&ok), 0, "{ok}");
    assert_eq!(ok["data"]["customer_list"].as_array().unwrap().len(), 5);

    let mut sha = Req::new(&sb, &b);
    sha.algorithm = Algorithm::Sha256;
    assert_eq!(code(&sha.query(&sb).await), 0);

    let mut wrong_secret = Req::new(&sb, &b);
    wrong_secret.secret = "not-the-secret".into();
    assert_eq!(code(&wrong_secret.query(&sb).await), 1003);

    let mut stale = Req::new(&sb, &b);
    stale.ts -= 61_000;
    assert_eq!(code(&stale.query(&sb).await), 1004);
    let mut seconds = Req::new(&sb, &b);
    seconds.ts /= 1000; // a timestamp in seconds, the classic mistake
    assert_eq!(code(&seconds.query(&sb).await), 1004);

    assert_eq!(
        code(&Req::new(&sb, &b).without("accessKey").query(&sb).await),
        1001
    );
    assert_eq!(
        code(&Req::new(&sb, &b).without("action").query(&sb).await),
        1001
    );
    assert_eq!(
        code(&Req::new(&sb, &b).header("bizType", "1").query(&sb).await),
        1002
    );
    assert_eq!(
        code(&Req::new(&sb, &b).header("action", "send").query(&sb).await),
        1002
    );
    assert_eq!(
        code(
            &Req::new(&sb, &b)
                .header("accessKey", "nobody")
                .query(&sb)
                .await
        ),
        1005
    );

    let mut form = Req::new(&sb, &b);
    form.content_type = "application/x-www-form-urlencoded";
    assert_eq!(code(&form.query(&sb).await), 1003);

    // The signature covers the body bytes as sent: the same JSON with a space is another body.
    let mut tampered = Req::new(&sb, &b);
    let signed = tampered.signed_headers();
    tampered.body = serde_json::to_vec_pretty(&b).unwrap();
    let client = reqwest::Client::new();
    let mut req = client
        .post(format!("{}{QUERY}", sb.base_url))
        .header("Content-Type", "application/json")
        .body(tampered.body.clone());
    for (n, v) in signed {
        req = req.header(n, v);
    }
    let answer: Value =
        serde_json::from_slice(&req.send().await.unwrap().bytes().await.unwrap()).unwrap();
    assert_eq!(code(&answer), 1003);
}

#[tokio::test]
async fn bad_bodies_are_refused_with_1002() {
    let sb = Sandbox::start(&["--customers", "10"]);
    for bad in [
        json!({"limit": 0}),
        json!({"limit": 51}),
        json!({"limit": "5"}),
        json!({"start_time": "2024-05-07"}),
        json!({"end_time": "2024-05-07T00:00:00"}),
        json!({"source_type": 16}),
        json!({"tags": "vip"}),
        json!({"tags": [{"colour": "red"}]}),
        json!({"tags_logic_type": "xor"}),
        json!({"name": 5}),
        json!({"tenant_id": 2}),
        json!({"app_key": "other"}),
    ] {
        let answer = Req::new(&sb, &body(bad.clone())).query(&sb).await;
        assert_eq!(code(&answer), 1002, "{bad} gave {answer}");
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let missing_tenant = Req::new(&sb, &json!({"app_key": "sandbox"}))
        .query(&sb)
        .await;
    assert_eq!(code(&missing_tenant), 1002);
    // Unknown keys are ignored; bare tag ids are the older form of `tags`.
    let answer = Req::new(&sb, &body(json!({"colour": "red", "tags": [27237]})))
        .query(&sb)
        .await;
    assert_eq!(code(&answer), 0, "{answer}");
}

/// Walks every page of a query by hand, in one direction, returning the pages' ids.
async fn walk(
    sb: &Sandbox,
    filters: Value,
    limit: u32,
    backward_from: Option<i64>,
) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut cursor = backward_from;
    let mut first = true;
    loop {
        let mut b = body(filters.clone());
        b["limit"] = json!(limit);
        match (backward_from.is_some(), cursor) {
            (true, Some(c)) => b["before"] = json!(c),
            (false, Some(c)) => b["after"] = json!(c),
            _ => {}
        }
        if !first && cursor.is_none() {
            break;
        }
        first = false;
        let answer = Req::new(sb, &b).query(sb).await;
        assert_eq!(code(&answer), 0, "{answer}");
        let data = &answer["data"];
        let ids: Vec<i64> = data["customer_list"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        if !ids.is_empty() {
            assert_eq!(data["paging"]["before"].as_i64(), Some(ids[0]));
            assert_eq!(data["paging"]["after"].as_i64(), Some(*ids.last().unwrap()));
            pages.push(ids);
        }
        cursor = if backward_from.is_some() {
            data["paging"]["previous"].as_i64()
        } else {
            data["paging"]["next"].as_i64()
        };
    }
    pages
}

#[tokio::test]
async fn paging_forward_then_back_visits_everyone_once() {
    let sb = Sandbox::start(&["--customers", "237"]);
    let forward = walk(&sb, json!({}), 20, None).await;
    let ids: Vec<i64> = forward.concat();
    assert_eq!(ids.len(), 237);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        237,
        "no customer twice"
    );
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    assert!(ids.iter().all(|&id| id > 1 << 53), "ids above 2^53");
    assert_eq!(forward.len(), 12);

    // From the last page, `previous` leads back through the same pages.
    let last = forward.last().unwrap();
    let mut back = walk(&sb, json!({}), 20, Some(*last.last().unwrap() - 1)).await;
    back.reverse();
    // The first backward page starts at the oldest customer, so pages align from the end.
    let flat: Vec<i64> = back.concat();
    assert_eq!(flat, ids);
    let aligned: Vec<Vec<i64>> = {
        let mut v = walk(&sb, json!({}), 20, Some(forward[10][0])).await;
        v.reverse();
        v
    };
    assert_eq!(aligned.concat(), ids[..200].to_vec());
    assert_eq!(
        aligned,
        forward[..10].to_vec(),
        "walking previous returns the same pages"
    );
}

fn has_tag(c: &Value, key: &str, name: &str) -> bool {
    c[key]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["tag_name"] == name))
}

#[tokio::test]
async fn every_filter_narrows_the_result() {
    let sb = Sandbox::start(&["--customers", "400", "--seed", "5"]);
    let all: Vec<Value> = common::all_customers(&sb);
    assert_eq!(all.len(), 400);
    let sample = all
        .iter()
        .find(|c| {
            !c["sms_phone"].is_null()
                && !c["email"].is_null()
                && !c["whatsApp_phone"].is_null()
                && !c["source_channel_key"].is_null()
        })
        .unwrap();
    let viber = all.iter().find(|c| !c["viber_phone"].is_null()).unwrap();
    let mid = all[200]["created_at"].as_str().unwrap().replace('T', " ");
    let late = all[50]["created_at"].as_str().unwrap().replace('T', " ");
    type Pred = Box<dyn Fn(&Value) -> bool>;
    let s = |v: &Value| v.as_str().unwrap().to_string();
    let (sms, wa, email, channel, vib) = (
        s(&sample["sms_phone"]),
        s(&sample["whatsApp_phone"]),
        s(&sample["email"]),
        s(&sample["source_channel_key"]),
        s(&viber["viber_phone"]),
    );
    let created = |c: &Value| c["created_at"].as_str().unwrap().replace('T', " ");
    // Created in [from, to); an empty bound is no bound.
    let created_in = |from: &str, to: &str| -> Pred {
        let (from, to) = (from.to_string(), to.to_string());
        Box::new(move |c| created(c) >= from && (to.is_empty() || created(c) < to))
    };
    // The body `{key: value}`, and customers whose `key` is exactly `value`.
    let exact = |key: &'static str, value: &str| -> (Value, Pred) {
        let v = value.to_string();
        (
            json!({ key: value }),
            Box::new(move |c| c[key] == v.as_str()),
        )
    };
    let mut cases: Vec<(Value, Pred)> = vec![
        (json!({"start_time": mid}), created_in(&mid, "")),
        (json!({"end_time": mid}), created_in("", &mid)),
        (
            json!({"start_time": mid, "end_time": late}),
            created_in(&mid, &late),
        ),
        (
            json!({"tags": [{"tag_name": "vip"}]}),
            Box::new(|c| has_tag(c, "tags", "vip")),
        ),
        (
            json!({"tags": [{"id": 27238}]}),
            Box::new(|c| has_tag(c, "tags", "new")),
        ),
        (
            json!({"tags": [{"tag_name": "vip"}, {"tag_name": "new"}], "tags_logic_type": "and"}),
            Box::new(|c| has_tag(c, "tags", "vip") && has_tag(c, "tags", "new")),
        ),
        (
            json!({"tags": [{"tag_name": "vip"}, {"tag_name": "new"}], "tags_logic_type": "or"}),
            Box::new(|c| has_tag(c, "tags", "vip") || has_tag(c, "tags", "new")),
        ),
        (
            json!({"tags": [{"tag_name": "vip"}, {"id": 27238}], "tags_logic_type": ""}),
            Box::new(|c| has_tag(c, "tags", "vip") || has_tag(c, "tags", "new")),
        ),
        (
            json!({"source_type": 2}),
            Box::new(|c| c["source_type"] == 2),
        ),
        (
            json!({"name": "SIMON"}),
            Box::new(|c| {
                c["full_name"]
                    .as_str()
                    .is_some_and(|n| n.to_lowercase().contains("simon"))
            }),
        ),
        (
            json!({"name": "牛"}),
            Box::new(|c| c["full_name"].as_str().is_some_and(|n| n.contains('牛'))),
        ),
    ];
    cases.extend(
        [
            ("source_channel_key", &channel),
            ("sms_phone", &sms),
            ("whatsApp_phone", &wa),
            ("email", &email),
            ("viber_phone", &vib),
        ]
        .map(|(key, value)| exact(key, value)),
    );
    for (filters, pred) in cases {
        let expected: Vec<i64> = all
            .iter()
            .filter(|c| pred(c))
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{filters} must narrow: {}",
            expected.len()
        );
        let got = walk(&sb, filters.clone(), 7, None).await.concat();
        assert_eq!(got, expected, "filter {filters}");
    }
    // his_tags: customers who ever had a tag include those who have it now.
    let now_vip: HashSet<i64> = all
        .iter()
        .filter(|c| has_tag(c, "tags", "vip"))
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let ever_vip: HashSet<i64> = walk(&sb, json!({"his_tags": [{"tag_name": "vip"}]}), 50, None)
        .await
        .concat()
        .into_iter()
        .collect();
    assert!(
        ever_vip.is_superset(&now_vip)
            && ever_vip.len() > now_vip.len()
            && ever_vip.len() < all.len()
    );
    let by_id: HashSet<i64> = walk(&sb, json!({"his_tags": [{"id": 27237}]}), 50, None)
        .await
        .concat()
        .into_iter()
        .collect();
    assert_eq!(by_id, ever_vip);
}

#[tokio::test]
async fn fields_endpoint_answers_signed_without_body() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let req = Req::new(&sb, &json!({}));
    let mut get = Req {
        body: Vec::new(),
        ..req
    };
    get.content_type = "";
    let all = get
        .send(&sb, &format!("{FIELDS}?tenant_id=1&app_key=sandbox"), false)
        .await;
    assert_eq!(code(&all), 0, "{all}");
    let list = all["data"].as_array().unwrap();
    for t in [1, 3, 4] {
        assert!(
            list.iter()
                .any(|f| f["field_type"] == t && f["is_preset"] == false),
            "custom field of type {t}"
        );
    }
    let multi = list.iter().find(|f| f["field_type"] == 4).unwrap();
    let options: Value = serde_json::from_str(multi["field_type_info"].as_str().unwrap()).unwrap();
    assert!(options[0]["id"].is_string() && options[0]["name"].is_string());
    let custom = get
        .send(
            &sb,
            &format!("{FIELDS}?tenant_id=1&app_key=sandbox&is_preset=false"),
            false,
        )
        .await;
    assert!(custom["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["is_preset"] == false));

    let mut wrong = get;
    wrong.secret = "nope".into();
    assert_eq!(
        code(
            &wrong
                .send(&sb, &format!("{FIELDS}?tenant_id=1&app_key=sandbox"), false)
                .await
        ),
        1003
    );
}

#[test]
fn same_seed_same_data() {
    let first = |args: &[&str]| {
        let sb = Sandbox::start(args);
        common::run_ok(
            sb.nxcdp()
                .args(["customers", "query", "--limit", "60", "-o", "jsonl"]),
        )
    };
    let a = first(&["--customers", "100", "--seed", "9"]);
    let b = first(&["--customers", "100", "--seed", "9"]);
    let c = first(&["--customers", "100", "--seed", "10"]);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn customers_are_varied_like_real_data() {
    let sb = Sandbox::start(&["--customers", "500"]);
    let all = common::all_customers(&sb);
    let names: Vec<&str> = all.iter().filter_map(|c| c["full_name"].as_str()).collect();
    for nasty in [",", "\"", "\n", "=", "牛"] {
        assert!(
            names.iter().any(|n| n.contains(nasty)),
            "a name with {nasty:?}"
        );
    }
    let sources: HashSet<i64> = all
        .iter()
        .map(|c| c["source_type"].as_i64().unwrap())
        .collect();
    assert_eq!(sources.len(), 16);
    assert!(all.iter().any(|c| c["tags"].as_array().unwrap().len() >= 2));
    assert!(all.iter().any(|c| c["customize_field"]
        .as_str()
        .is_some_and(|f| f.contains("customize_"))));
    assert!(all.iter().any(|c| c["email"].is_null()));
    let first_year = &all.last().unwrap()["created_at"].as_str().unwrap()[..4];
    let last_year = &all[0]["created_at"].as_str().unwrap()[..4];
    assert!(last_year.parse::<i32>().unwrap() - first_year.parse::<i32>().unwrap() >= 1);
    for field in nxcdp::customer::FIELDS {
        assert!(all[0].get(*field).is_some(), "field {field}");
    }
}

/// An independent client, written from API.md alone, is accepted and sees every customer.
#[test]
fn a_python_client_signing_per_api_md_is_accepted() {
    let sb = Sandbox::start(&["--customers", "120"]);
    let out = common::scrubbed("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/baseline.py"))
        .envs(&sb.env)
        .output()
        .expect("python3 is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = common::ids_of_jsonl(&String::from_utf8(out.stdout).unwrap());
    let expected: Vec<String> = common::sandbox_ids(120, nxcdp::sandbox::DEFAULT_SEED);
    assert_eq!(ids, expected);
}
