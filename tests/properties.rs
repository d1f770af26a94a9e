//! Property tests: for random data, page sizes, filters and injected failures, the customers
//! nxcdp returns are exactly the filtered data set; and the response decoder never panics.

mod common;

use nxcdp::paginator::{self, Cursor, Event, Walk};
use nxcdp::query::QueryBody;
use nxcdp::sandbox::{self, data};
use nxcdp::transport::{decode, decode_page};
use nxcdp::wire::TagRef;
use proptest::prelude::*;

struct Case {
    customers: usize,
    seed: u64,
    page_size: u32,
    fail_rate: f64,
    source_type: Option<u8>,
    tag: Option<&'static str>,
    name: Option<&'static str>,
}

fn run(case: &Case) -> Result<Vec<i64>, nxcdp::Error> {
    let mut config = sandbox::Config {
        customers: case.customers,
        seed: case.seed,
        ..Default::default()
    };
    config.faults.fail_rate = case.fail_rate;
    let (runtime, client) = common::in_process(config, 30);
    let mut body = QueryBody {
        tenant_id: 1,
        app_key: "sandbox".into(),
        ..Default::default()
    };
    body.source_type = case.source_type;
    body.tags = case
        .tag
        .map(|t| vec![TagRef::Name { tag_name: t.into() }])
        .unwrap_or_default();
    body.name = case.name.map(String::from);
    let walk = Walk {
        body,
        start: Cursor::First,
        limit: None,
        page_size: case.page_size,
    };
    let mut events = paginator::spawn(client, walk, runtime.handle());
    let mut ids = Vec::new();
    while let Some(event) = events.blocking_recv() {
        if let Event::Page {
            customers: page, ..
        } = event?
        {
            ids.extend(page.iter().map(|c| nxcdp::customer::id(c).unwrap()));
        }
    }
    runtime.shutdown_background();
    Ok(ids)
}

fn expected(case: &Case) -> Vec<i64> {
    data::generate(case.customers, case.seed, 1)
        .iter()
        .filter(|c| case.source_type.is_none_or(|s| c.source_type == s))
        .filter(|c| {
            case.tag
                .is_none_or(|t| c.tags.iter().any(|tag| tag.tag_name == t))
        })
        .filter(|c| {
            case.name.is_none_or(|n| {
                c.full_name
                    .as_ref()
                    .is_some_and(|f| f.to_lowercase().contains(&n.to_lowercase()))
            })
        })
        .map(|c| c.id)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn walks_return_exactly_the_filtered_data(
        customers in 0usize..400,
        seed in any::<u64>(),
        page_size in 1u32..=50,
        fail_rate in prop_oneof![Just(0.0), 0.0..0.25],
        source_type in proptest::option::of(0u8..16),
        tag in proptest::option::of(prop_oneof![Just("vip"), Just("new"), Just("营销")]),
        name in proptest::option::of(prop_oneof![Just("an"), Just("SIMON"), Just("牛"), Just(",")]),
    ) {
        let case = Case { customers, seed, page_size, fail_rate, source_type, tag, name };
        let got = run(&case).expect("the walk succeeds");
        prop_assert_eq!(got, expected(&case));
    }

    #[test]
    fn the_decoder_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300), status in 100u16..600) {
        let status = reqwest::StatusCode::from_u16(status).unwrap();
        if let Ok(data) = decode(status, &bytes) {
            let _ = decode_page(&data);
        }
    }

    #[test]
    fn the_decoder_never_panics_on_damaged_answers(cut in 0usize..400, flip in 0usize..400, byte in any::<u8>()) {
        let good = br#"{"code":0,"message":null,"traceId":"t","data":{"paging":{"after":1021110718827683840,"before":1021110718827683841,"next":1021110718827683840,"previous":null},"customer_list":[{"id":1021110718827683841,"full_name":"a"},{"id":1021110718827683840}]}}"#;
        let mut damaged = good.to_vec();
        if flip < damaged.len() {
            damaged[flip] = byte;
        }
        damaged.truncate(cut.max(1));
        for status in [200u16, 404, 500] {
            let status = reqwest::StatusCode::from_u16(status).unwrap();
            if let Ok(data) = decode(status, &damaged) {
                let _ = decode_page(&data);
            }
        }
    }
}

#[test]
fn a_good_answer_decodes_with_exact_ids() {
    let good = br#"{"code":0,"message":null,"traceId":"t","data":{"paging":{"after":1021110718827683840,"before":null,"next":null,"previous":null},"customer_list":[{"id":1021110718827683840}]}}"#;
    let page = decode_page(&decode(reqwest::StatusCode::OK, good).unwrap()).unwrap();
    assert_eq!(page.paging.after, Some(1021110718827683840));
    assert_eq!(page.customers[0].get(), r#"{"id":1021110718827683840}"#);
}
