//! The sandbox answers the README: every value its examples use exists in the default data
//! (1000 customers, seed 42), the data is relative to the time the sandbox starts, another
//! product's `bizType` gets the promised 1002, and a taken port says what to do.

mod common;

use common::{nxcdp, run_ok, stderr_of, Sandbox, TempDir};
use nxcdp::sandbox::planted::{README_ID, README_NEIGHBOUR_ID};
use serde_json::Value;
use std::time::Duration;

/// A sandbox with the defaults, which the README's examples run against.
fn readme_sandbox() -> Sandbox {
    Sandbox::start(&[])
}

/// The ids `nxcdp customers query ARGS` prints (one page of up to 50 unless ARGS say more).
fn ids(sb: &Sandbox, args: &[&str]) -> Vec<i64> {
    let out = common::query(sb, &[&["--jq", ".id"], args].concat());
    out.lines().map(|l| l.parse().unwrap()).collect()
}

#[test]
fn the_readme_filters_each_find_customers() {
    let sb = readme_sandbox();
    for example in [
        &["--tag", "vip"][..],
        &["--tag", "vip", "--tag", "retail", "--tags-logic", "and"],
        &["--tag-id", "27237"],
        &["--his-tag", "churn-risk", "--his-tag-id", "27240"],
        &["--source-type", "excel-import"],
        &["--source-type", "2"],
        &["--name", "simon"],
        &["--since", "7d"],
    ] {
        assert!(
            !ids(&sb, example).is_empty(),
            "{example:?} finds no customer"
        );
    }
    // The phones, email and channel key are the README's customer's.
    for example in [
        &["--source-channel-key", "18506008399"][..],
        &[
            "--sms-phone",
            "8618593272678",
            "--whatsapp-phone",
            "+8613603019759",
        ],
        &[
            "--email",
            "someone@example.com",
            "--viber-phone",
            "8618593272678",
        ],
    ] {
        assert_eq!(ids(&sb, example), [README_ID], "{example:?}");
    }
}

#[test]
fn the_readme_ids_exist_and_have_customers_on_both_sides() {
    let sb = readme_sandbox();
    let got = run_ok(sb.nxcdp().args([
        "customers",
        "get",
        &README_ID.to_string(),
        &README_NEIGHBOUR_ID.to_string(),
        "--jq",
        ".id",
    ]));
    assert_eq!(got, format!("{README_ID}\n{README_NEIGHBOUR_ID}\n"));
    let older = ids(&sb, &["--after", &README_ID.to_string()]);
    assert_eq!(older.len(), 50);
    assert!(older.iter().all(|&id| id < README_ID));
    let newer = ids(&sb, &["--before", &README_ID.to_string(), "--all"]);
    assert!(newer.len() > 100 && newer.iter().all(|&id| id > README_ID));
    // The README's message for a listing cut short names a real cursor.
    let out = common::try_query(
        &sb,
        &["--limit", "1", "--after", &README_NEIGHBOUR_ID.to_string()],
    );
    common::assert_stderr_has(&out, &format!("continue with --after {README_ID}"));
}

#[test]
fn the_readme_customers_are_planted_whatever_the_count_and_seed() {
    for (customers, seed) in [("2", "7"), ("5", "1"), ("3000", "99")] {
        let sb = Sandbox::start(&["--customers", customers, "--seed", seed]);
        let found = common::query(&sb, &["--sms-phone", "8618593272678", "--jq", ".id"]);
        assert_eq!(found, format!("{README_ID}\n"), "--customers {customers}");
        let all = common::query(&sb, &["--all", "--jq", ".id"]);
        assert_eq!(all.lines().count().to_string(), customers);
        assert!(all.contains(&README_NEIGHBOUR_ID.to_string()));
    }
}

#[test]
fn another_products_biz_type_gets_the_sandboxs_1002() {
    let sb = readme_sandbox();
    let chat = || {
        let mut cmd = sb.nxcdp();
        cmd.args(["api", "/openapi/agent/chat"])
            .args(["--biz-type", "100", "--action", "nxai"]);
        cmd
    };
    let out = chat().args(["-f", "question=hello"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["code"], 1002);
    common::assert_stderr_has(&out, "API error 1002");
    // Wrongly signed, it is still refused for its bizType first, as the API checks it first.
    let out = chat().env("NXCDP_ACCESS_SECRET", "wrong").output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
}

/// `created_at` as Unix seconds.
fn seconds(created_at: &str) -> i64 {
    jiff::civil::DateTime::strptime(nxcdp::wire::CREATED_AT_FORMAT, created_at)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second()
}

/// The `created_at` of every customer of `--sandbox` (1000, seed 42) without
/// `NXCDP_SANDBOX_AS_OF`, newest first, and the clock around the run; the customer planted on
/// the vendor's example day is left out (its date does not follow the clock).
fn created_now() -> (i64, Vec<(i64, i64)>, i64) {
    let before = nxcdp::wire::now_ms() / 1000;
    let out = run_ok(
        nxcdp()
            .env_remove(nxcdp::sandbox::AS_OF_ENV)
            .args(["customers", "query", "--sandbox", "--all", "-o", "jsonl"])
            .args(["--columns", "id,created_at"]),
    );
    let after = nxcdp::wire::now_ms() / 1000;
    // Of all but the vendor's example day's customer, whose date is fixed.
    let vendor_day = nxcdp::sandbox::planted::VENDOR_DAY_ID.to_string();
    let lines = out.lines().filter(|l| !l.contains(&vendor_day));
    let customers = lines.map(|l| {
        let c: Value = serde_json::from_str(l).unwrap();
        (
            c["id"].as_i64().unwrap(),
            seconds(c["created_at"].as_str().unwrap()),
        )
    });
    (before, customers.collect(), after)
}

#[test]
fn the_data_is_relative_to_the_start_and_the_ids_are_not() {
    let (before, first, after) = created_now();
    let (newest, oldest) = (first[0].1, first.last().unwrap().1);
    let day = 86_400;
    assert!(
        newest <= after && newest >= before - day,
        "the newest within the last day"
    );
    assert!((before - oldest) > 700 * day && (after - oldest) <= 731 * day);
    // Started again later, the same customers: the same ids, created as long before the start.
    let (before_2, second, after_2) = created_now();
    assert_eq!(first.len(), second.len());
    for ((id_1, at_1), (id_2, at_2)) in first.iter().zip(&second) {
        assert_eq!(id_1, id_2);
        let shift = at_2 - at_1;
        assert!(
            shift >= before_2 - after - 1 && shift <= after_2 - before + 1,
            "{shift}"
        );
    }
}

#[test]
fn as_of_fixes_the_time_the_data_is_relative_to() {
    let run = |as_of: &str| {
        let sb = Sandbox::start(&["--customers", "30", "--as-of", as_of]);
        common::query(&sb, &["--all", "-o", "jsonl", "--columns", "id,created_at"])
    };
    let a = run("2020-03-01T12:00:00Z");
    assert_eq!(a, run("2020-03-01T12:00:00Z"), "the very same data");
    let newest: Value = serde_json::from_str(a.lines().next().unwrap()).unwrap();
    assert!(newest["created_at"].as_str().unwrap() < "2020-03-01T12:00:00");
    let other = run("2020-03-02T12:00:00+08:00");
    let id = |text: &str| {
        text.lines()
            .map(|l| l[..l.find(',').unwrap()].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(id(&a), id(&other), "ids do not depend on it");
    assert_ne!(a, other);
    let out = nxcdp()
        .args(["sandbox", "--port", "0", "--as-of", "yesterday"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    common::assert_stderr_has(&out, "RFC 3339");
}

#[test]
fn a_taken_port_or_an_unusable_log_is_a_usage_error() {
    let sb = readme_sandbox();
    let port = sb.base_url.rsplit(':').next().unwrap();
    let out = nxcdp()
        .args(["sandbox", "--port", port])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    common::assert_stderr_has(&out, &format!("port {port} is taken"));
    common::assert_stderr_has(&out, "--port 0");
    assert!(out.stdout.is_empty());

    let dir = TempDir::new();
    let missing = dir.join("no/such/dir/created.jsonl");
    let out = nxcdp()
        .args(["sandbox", "--port", "0", "--log", missing.to_str().unwrap()])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    common::assert_stderr_has(&out, "cannot create the --log file");
    assert!(
        out.stdout.is_empty(),
        "nothing listens, so no address is printed"
    );
}
