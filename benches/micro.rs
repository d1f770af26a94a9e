//! Micro-benchmarks that print figures: signing, decoding one page, and each formatter.
//! Run with `cargo bench --bench micro`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use nxcdp::cli::Format;
use nxcdp::output::{self, Column, Spec, Terminal};
use nxcdp::sign::{signature, Algorithm, HeaderFields, Secret};
use nxcdp::transport::{decode, decode_page};

/// A page of 50 sandbox customers, as the sandbox sends it.
fn page_bytes() -> Vec<u8> {
    let customers = nxcdp::sandbox::data::generate(50, 42, 1);
    let answer = serde_json::json!({
        "code": 0, "message": null, "traceId": "t",
        "data": {"paging": {"after": 1, "before": 2, "next": 1, "previous": null}, "customer_list": customers},
    });
    serde_json::to_vec(&answer).unwrap()
}

fn signing(c: &mut Criterion) {
    let body = br#"{"tenant_id":123,"app_key":"8eos","tags":[{"tag_name":"vip"}],"limit":50,"after":1022100838976413697}"#;
    let headers = HeaderFields {
        access_key: "fme2na3kdi3ki",
        action: "mt",
        biz_type: "2",
        ts: "1655710885431",
    };
    let secret = Secret::new("abciiiko2k3");
    let mut group = c.benchmark_group("sign");
    group.throughput(Throughput::Elements(1));
    for algorithm in [Algorithm::Md5, Algorithm::Sha256] {
        group.bench_function(format!("{algorithm:?}"), |b| {
            b.iter(|| signature(algorithm, &headers, body, &secret))
        });
    }
    group.finish();
}

fn decoding(c: &mut Criterion) {
    let bytes = page_bytes();
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Elements(50));
    group.bench_function("page of 50", |b| {
        b.iter(|| decode_page(&decode(reqwest::StatusCode::OK, &bytes).unwrap()).unwrap())
    });
    group.finish();
}

fn formatters(c: &mut Criterion) {
    let page = decode_page(&decode(reqwest::StatusCode::OK, &page_bytes()).unwrap())
        .unwrap()
        .customers;
    let mut group = c.benchmark_group("format");
    group.throughput(Throughput::Elements(page.len() as u64));
    for (name, format) in [
        ("jsonl", Format::Jsonl),
        ("json", Format::Json),
        ("csv", Format::Csv),
        ("table piped", Format::Table),
    ] {
        let columns = match format {
            Format::Table => nxcdp::customer::TABLE_COLUMNS,
            _ => nxcdp::customer::FIELDS,
        };
        group.bench_function(name, |b| {
            b.iter_batched(
                || Vec::with_capacity(64 * 1024),
                |mut out| {
                    let spec = Spec {
                        format,
                        columns: columns
                            .iter()
                            .map(|c| Column::Field(c.to_string()))
                            .collect(),
                        keys: None,
                        ids_as_strings: false,
                        jq: None,
                        csv_safe: false,
                        bom: false,
                        header: true,
                        labels: nxcdp::customer::Labels::En,
                        by_label: Vec::new(),
                        noun: "customers",
                        priority: nxcdp::output::Priority::all(),
                    };
                    let mut f = output::formatter(spec, &mut out, Terminal::PLAIN);
                    f.page(&page).unwrap();
                    f.finish().unwrap();
                    drop(f);
                    out
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, signing, decoding, formatters);
criterion_main!(benches);
