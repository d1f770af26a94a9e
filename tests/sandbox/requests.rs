//! Requests built by hand so each header can be got wrong: signatures, headers, bodies, the fields
//! endpoint.

use crate::common::Sandbox;
use nxcdp::sign::{signature, Algorithm, HeaderFields, Secret};
use nxcdp::wire::{now_ms, FIELDS_PATH as FIELDS, QUERY_PATH as QUERY};
use serde_json::{json, Value};

/// A request to tamper with before sending.
pub struct Req {
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    secret: String,
    algorithm: Algorithm,
    ts: i64,
    content_type: &'static str,
}

impl Req {
    pub fn new(sb: &Sandbox, body: &Value) -> Req {
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

    pub fn header(mut self, name: &'static str, value: &str) -> Req {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.to_string()));
        self
    }

    pub fn without(mut self, name: &'static str) -> Req {
        self.headers.retain(|(n, _)| *n != name);
        self
    }

    pub fn get(&self, name: &str) -> String {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn signed_headers(&self) -> Vec<(&'static str, String)> {
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

    pub async fn send(&self, sb: &Sandbox, path: &str, post: bool) -> Value {
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

    pub async fn query(&self, sb: &Sandbox) -> Value {
        self.send(sb, QUERY, true).await
    }
}

pub fn body(extra: Value) -> Value {
    let mut b = json!({"tenant_id": 1, "app_key": "sandbox"});
    b.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    b
}

pub fn code(answer: &Value) -> i64 {
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
