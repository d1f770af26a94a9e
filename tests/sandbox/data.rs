//! Seeded data: the same seed gives the same customers, varied like real data; an independent
//! client signing per API.md.

use crate::common::Sandbox;
use std::collections::HashSet;

#[test]
fn same_seed_same_data() {
    let first = |args: &[&str]| {
        let sb = Sandbox::start(args);
        crate::common::run_ok(sb.nxcdp().args([
            "customers",
            "query",
            "--limit",
            "60",
            "-o",
            "jsonl",
        ]))
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
    let all = crate::common::all_customers(&sb);
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
    let out = crate::common::scrubbed("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/baseline.py"))
        .envs(&sb.env)
        .output()
        .expect("python3 is installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = crate::common::ids_of_jsonl(&String::from_utf8(out.stdout).unwrap());
    let expected: Vec<String> = crate::common::sandbox_ids(120, nxcdp::sandbox::DEFAULT_SEED);
    assert_eq!(ids, expected);
}
