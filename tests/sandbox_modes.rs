//! The sandbox's realistic and hostile modes, over loopback: rate limits, bulk imports,
//! `created_at` out of id order, wrong-way cursors, HTTP-date `Retry-After`, redirects and
//! hostile bodies. Requests are signed by hand, so each answer is seen as the server sent it.

mod common;

use common::Sandbox;
use nxcdp::sign::{signature, Algorithm, HeaderFields, Secret};
use reqwest::header::HeaderMap;
use serde_json::{json, Value};

use nxcdp::wire::{now_ms, FIELDS_PATH as FIELDS, QUERY_PATH as QUERY};

/// A client that shows redirects instead of following them.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// The signed headers for `body` (empty for a GET).
fn signed(sb: &Sandbox, body: &[u8]) -> Vec<(&'static str, String)> {
    let (key, ts) = (sb.env["NXCDP_ACCESS_KEY"].clone(), now_ms().to_string());
    let fields = HeaderFields {
        access_key: &key,
        action: "mt",
        biz_type: "2",
        ts: &ts,
    };
    let secret = Secret::new(sb.secret().to_string());
    let sign = signature(Algorithm::Md5, &fields, body, &secret);
    vec![
        ("accessKey", key.clone()),
        ("bizType", "2".into()),
        ("action", "mt".into()),
        ("ts", ts),
        ("sign", sign),
    ]
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

/// A signed query with these keys besides the tenant's.
async fn query(sb: &Sandbox, client: &reqwest::Client, extra: Value) -> Answer {
    let mut body = json!({"tenant_id": 1, "app_key": "sandbox"});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let body = serde_json::to_vec(&body).unwrap();
    let mut request = client
        .post(format!("{}{QUERY}", sb.base_url))
        .header("Content-Type", "application/json");
    for (name, value) in signed(sb, &body) {
        request = request.header(name, value);
    }
    send(request.body(body)).await
}

/// Every customer the filters select, walking `after = paging.next` 50 at a time.
async fn walk(sb: &Sandbox, filters: Value) -> Vec<Value> {
    let client = client();
    let mut customers = Vec::new();
    let mut after: Option<i64> = None;
    for _ in 0..10_000 {
        let mut body = filters.clone();
        body["limit"] = json!(50);
        if let Some(a) = after {
            body["after"] = json!(a);
        }
        let answer = query(sb, &client, body).await.json();
        assert_eq!(answer["code"], 0, "{answer}");
        let data = &answer["data"];
        customers.extend(data["customer_list"].as_array().unwrap().iter().cloned());
        match data["paging"]["next"].as_i64() {
            Some(next) => after = Some(next),
            None => return customers,
        }
    }
    panic!("the walk does not end");
}

fn id(c: &Value) -> i64 {
    c["id"].as_i64().unwrap()
}

fn created(c: &Value) -> &str {
    c["created_at"].as_str().unwrap()
}

/// `created_at` in Unix seconds.
fn created_secs(c: &Value) -> i64 {
    jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%S", created(c))
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second()
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) in Unix seconds.
fn http_date(s: &str) -> i64 {
    assert_eq!(s.len(), 29, "{s:?} is not an IMF-fixdate");
    jiff::civil::DateTime::strptime("%a, %d %b %Y %H:%M:%S GMT", s)
        .unwrap_or_else(|e| panic!("{s:?} is not an HTTP date: {e}"))
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second()
}

#[tokio::test]
async fn rate_limit_answers_429_beyond_n_a_second_across_connections() {
    let sb = Sandbox::start(&["--customers", "30", "--rate-limit", "2"]);
    let mut answers = Vec::new();
    for _ in 0..20 {
        // A new client, so a new connection, each time: the limit is the sandbox's.
        answers.push(query(&sb, &client(), json!({"limit": 5})).await);
    }
    for ok in &answers[..2] {
        assert_eq!(ok.status, 200);
        assert_eq!(ok.json()["code"], 0);
    }
    let throttled: Vec<&Answer> = answers.iter().filter(|a| a.status == 429).collect();
    assert!(!throttled.is_empty(), "20 requests at once, none throttled");
    for a in &throttled {
        let secs: u64 = a.header("retry-after").unwrap().parse().unwrap();
        assert!(secs >= 1);
        assert_eq!(a.json()["code"], 429);
        assert!(a.json()["message"].as_str().unwrap().contains("too many"));
    }
    assert!(answers.iter().all(|a| a.status == 200 || a.status == 429));
}

#[tokio::test]
async fn burst_creates_its_share_within_one_hour() {
    let sb = Sandbox::start(&["--customers", "1000", "--burst", "0.9"]);
    let all = walk(&sb, json!({})).await;
    assert_eq!(all.len(), 1000);
    assert!(all.windows(2).all(|w| id(&w[0]) > id(&w[1])));
    assert!(
        all.windows(2).all(|w| created(&w[0]) >= created(&w[1])),
        "without jitter created_at follows id"
    );
    let mut times: Vec<i64> = all.iter().map(created_secs).collect();
    times.sort();
    let most = (0..times.len())
        .map(|i| times[i..].partition_point(|t| t - times[i] < 3600))
        .max()
        .unwrap();
    assert!(most >= 899, "only {most} of 1000 within one hour");
}

#[tokio::test]
async fn time_filters_are_exact_when_created_at_is_out_of_id_order() {
    let sb = Sandbox::start(&["--customers", "3000", "--time-jitter", "7200"]);
    let all = walk(&sb, json!({})).await;
    assert_eq!(all.len(), 3000);
    assert!(all.windows(2).all(|w| id(&w[0]) > id(&w[1])));
    let out_of_order = all
        .windows(2)
        .filter(|w| created(&w[0]) < created(&w[1]))
        .count();
    assert!(
        out_of_order > 10,
        "{out_of_order} customers out of id order"
    );
    // The time bounds sit where created_at turns against id order: where a binary search on
    // created_at (right only if it sorted like id) would cut in the wrong place.
    let text = |c: &Value| created(c).replacen('T', " ", 1);
    let turns: Vec<String> = (0..all.len() - 1)
        .filter(|&i| created(&all[i]) < created(&all[i + 1]))
        .flat_map(|i| [text(&all[i]), text(&all[i + 1])])
        .collect();
    let mut failures = Vec::new();
    for three in turns.chunks_exact(3).take(40) {
        let mut bounds = three.to_vec();
        bounds.sort();
        let (start, end) = (&bounds[0], &bounds[2]);
        let cases = [
            (
                json!({"start_time": start, "end_time": end}),
                Some(start),
                Some(end),
            ),
            (
                json!({"start_time": bounds[1], "end_time": end}),
                Some(&bounds[1]),
                Some(end),
            ),
            (
                json!({"start_time": start, "end_time": bounds[1]}),
                Some(start),
                Some(&bounds[1]),
            ),
        ];
        for (filters, from, to) in cases {
            let expected: Vec<i64> = all
                .iter()
                .filter(|c| from.is_none_or(|s| text(c) >= *s) && to.is_none_or(|e| text(c) < *e))
                .map(id)
                .collect();
            let got: Vec<i64> = walk(&sb, filters.clone()).await.iter().map(id).collect();
            if got != expected {
                failures.push(format!(
                    "{filters}: {} customers, expected {}",
                    got.len(),
                    expected.len()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // And an open-ended range on each side.
    let middle = text(&all[1500]);
    for (filters, later) in [
        (json!({"start_time": middle}), true),
        (json!({"end_time": middle}), false),
    ] {
        let expected: Vec<i64> = all
            .iter()
            .filter(|c| (text(c) >= middle) == later)
            .map(id)
            .collect();
        let got: Vec<i64> = walk(&sb, filters.clone()).await.iter().map(id).collect();
        assert_eq!(got, expected, "{filters}");
    }
}

#[tokio::test]
async fn wrong_way_cursor_points_one_above_the_cursor_sent() {
    let sb = Sandbox::start(&["--customers", "100", "--wrong-way-cursor"]);
    let client = client();
    let first = query(&sb, &client, json!({"limit": 10})).await.json();
    let list = first["data"]["customer_list"].as_array().unwrap();
    let next = first["data"]["paging"]["next"].as_i64().unwrap();
    assert_eq!(next, id(&list[9]), "the first page is normal");
    let second = query(&sb, &client, json!({"limit": 10, "after": next})).await;
    let second = second.json();
    assert_eq!(second["code"], 0);
    assert_eq!(second["data"]["paging"]["next"].as_i64(), Some(next + 1));
}

#[tokio::test]
async fn retry_after_date_is_an_http_date_ahead() {
    let sb = Sandbox::start(&[
        "--fail-first",
        "1",
        "--retry-after",
        "30",
        "--retry-after-date",
    ]);
    let failed = query(&sb, &client(), json!({})).await;
    assert_eq!(failed.status, 503);
    let at = http_date(failed.header("retry-after").unwrap());
    assert!(at > now_ms() / 1000, "{at} is not in the future");

    let sb = Sandbox::start(&["--rate-limit", "1", "--retry-after-date"]);
    let client = client();
    for _ in 0..20 {
        let answer = query(&sb, &client, json!({})).await;
        if answer.status == 429 {
            let at = http_date(answer.header("retry-after").unwrap());
            let date = http_date(answer.header("date").unwrap());
            assert!(at > date, "Retry-After {at} is not after Date {date}");
            return;
        }
        assert_eq!(answer.status, 200);
    }
    panic!("20 requests at once, none throttled at one a second");
}

#[tokio::test]
async fn escape_message_carries_terminal_escapes_and_padding() {
    let sb = Sandbox::start(&["--garbage", "escape-message", "--garbage-after", "1"]);
    let client = client();
    assert_eq!(query(&sb, &client, json!({})).await.json()["code"], 0);
    let answer = query(&sb, &client, json!({})).await;
    assert_eq!(answer.status, 200);
    assert!(answer.body.len() > 1 << 20, "{} bytes", answer.body.len());
    let raw = String::from_utf8(answer.body.clone()).unwrap();
    assert!(raw.contains(r"\u001b[2J") && raw.contains(r"\u0007"));
    assert!(raw.contains('\u{202e}') && raw.contains('\u{2028}'));
    let json = answer.json();
    assert_eq!(json["code"], 1002);
    let message = json["message"].as_str().unwrap();
    for needle in [
        "\u{1b}[2J",
        "\u{1b}]0;",
        "\u{7}",
        "\r\nfake: ok",
        "\u{202e}",
    ] {
        assert!(message.contains(needle), "{needle:?} missing");
    }
    assert!(json["traceId"].as_str().unwrap().starts_with("\u{1b}]52;"));
}

#[tokio::test]
async fn redirect_to_sends_307_with_the_documented_location() {
    let sb = Sandbox::start(&["--redirect-to", "http://127.0.0.1:9"]);
    let client = client();
    let answer = query(&sb, &client, json!({})).await;
    assert_eq!(answer.status, 307);
    assert_eq!(
        answer.header("location"),
        Some(format!("http://127.0.0.1:9{QUERY}").as_str())
    );
    let path = format!("{FIELDS}?tenant_id=1&app_key=sandbox");
    let mut request = client.get(format!("{}{path}", sb.base_url));
    for (name, value) in signed(&sb, b"") {
        request = request.header(name, value);
    }
    let answer = send(request).await;
    assert_eq!(answer.status, 307);
    let location = format!("http://127.0.0.1:9{path}");
    assert_eq!(answer.header("location"), Some(location.as_str()));

    let elsewhere = "https://proxy.invalid/login?next=1";
    let sb = Sandbox::start(&["--redirect-to", elsewhere]);
    let answer = query(&sb, &client, json!({})).await;
    assert_eq!(answer.status, 307);
    assert_eq!(answer.header("location"), Some(elsewhere));
}

#[tokio::test]
async fn deep_nests_one_field_100_000_arrays_deep() {
    let sb = Sandbox::start(&["--customers", "30", "--garbage", "deep"]);
    let body = query(&sb, &client(), json!({})).await.body;
    let (mut run, mut longest, mut end) = (0, 0, 0);
    for (i, &b) in body.iter().enumerate() {
        run = if b == b'[' { run + 1 } else { 0 };
        if run > longest {
            (longest, end) = (run, i + 1);
        }
    }
    assert!(longest >= 100_000, "{longest} consecutive [");
    // Flattened, the rest is the normal page.
    let closing = body[end..].iter().take_while(|&&b| b == b']').count();
    assert_eq!(closing, longest);
    let mut flat = body[..end - longest].to_vec();
    flat.extend_from_slice(b"[]");
    flat.extend_from_slice(&body[end + closing..]);
    let page: Value = serde_json::from_slice(&flat).unwrap();
    assert_eq!(page["code"], 0);
    let list = page["data"]["customer_list"].as_array().unwrap();
    assert_eq!(list.len(), 20);
    assert!(list.iter().all(|c| c["id"].as_i64().is_some()));
}

#[tokio::test]
async fn non_objects_follow_the_first_customer() {
    let sb = Sandbox::start(&["--customers", "30", "--garbage", "non-objects"]);
    let page = query(&sb, &client(), json!({})).await.json();
    assert_eq!(page["code"], 0);
    let list = page["data"]["customer_list"].as_array().unwrap();
    assert!(list[0]["id"].as_i64().is_some());
    assert_eq!(list[1..], [json!(1), json!("str"), json!(null), json!([])]);
    assert!(list[1..].iter().all(|v| !v.is_object()));
    assert!(page["data"]["paging"]["next"].as_i64().is_some());
}

#[tokio::test]
async fn huge_number_is_a_bare_2_pow_64_plus_1() {
    let sb = Sandbox::start(&["--customers", "30", "--garbage", "huge-number"]);
    let answer = query(&sb, &client(), json!({})).await;
    let raw = String::from_utf8(answer.body.clone()).unwrap();
    assert_eq!(raw.matches("\"weight\":18446744073709551617").count(), 20);
    let page = answer.json();
    let list = page["data"]["customer_list"].as_array().unwrap();
    assert_eq!(list.len(), 20);
    assert!(list.iter().all(|c| c["id"].as_i64().is_some()));
}

#[test]
fn a_stopped_sandbox_does_not_wait_for_the_answers_it_holds() {
    use std::io::BufRead;
    let mut sb = Sandbox::start(&["--customers", "5", "--latency-ms", "600000"]);
    let mut query = sb.command();
    let mut held = query
        .args([
            "customers",
            "query",
            "--limit",
            "1",
            "-v",
            "--timeout",
            "900",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(held.stderr.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("> POST") {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "the query sends");
    }
    common::signal(sb.pid(), "TERM");
    common::wait_until("the sandbox to stop", || sb.exited().is_some());
    let _ = held.kill();
    let _ = held.wait();
}

#[test]
fn values_no_sandbox_can_keep_are_refused() {
    for args in [
        &["--arrivals", "1e-20"][..],
        &["--clock-skew-secs", "9223372036854775807"],
        &["--latency-ms", "18446744073709551615"],
        &["--stall-ms", "18446744073709551615"],
        &["--fail-status", "0"],
        &["--fail-status", "1000"],
        &["--shape", "spiky"],
        &["--shape", "burst", "--burst", "0.5"],
    ] {
        let out = common::nxcdp().arg("sandbox").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
