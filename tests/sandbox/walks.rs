//! Cursor paging by hand, and every filter.

use crate::common::Sandbox;
use crate::requests::body;
use crate::requests::code;
use crate::requests::Req;
use serde_json::{json, Value};
use std::collections::HashSet;

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

pub fn has_tag(c: &Value, key: &str, name: &str) -> bool {
    c[key]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["tag_name"] == name))
}

#[tokio::test]
async fn every_filter_narrows_the_result() {
    let sb = Sandbox::start(&["--customers", "400", "--seed", "5"]);
    let all: Vec<Value> = crate::common::all_customers(&sb);
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
