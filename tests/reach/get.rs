//! `customers get`: customers by id.

use crate::common::{assert_stderr_has, nxcdp, sandbox_ids, stderr_of, Sandbox};

#[test]
fn get_prints_the_customers_found_in_every_format_and_exits_4_for_the_others() {
    let sb = Sandbox::start(&["--customers", "40"]);
    let ids = sandbox_ids(40, 42);
    let (newest, middle, oldest) = (&ids[0], &ids[17], &ids[39]);
    let unknown = (ids[17].parse::<i64>().unwrap() - 1).to_string();
    let get = |args: &[&str]| {
        sb.nxcdp()
            .args(["customers", "get"])
            .args(args)
            .output()
            .unwrap()
    };

    let out = get(&[middle, &unknown, oldest, newest, middle, "-o", "jsonl"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(
        crate::common::ids_of_jsonl(&stdout),
        [&**middle, oldest, newest]
    );
    assert_stderr_has(&out, &format!("not found: customer {unknown}"));

    let all = get(&[newest, oldest, "-o", "json"]);
    assert!(all.status.success());
    let array: Vec<serde_json::Value> = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(array.len(), 2);
    for format in ["csv", "table"] {
        let out = get(&[oldest, "-o", format, "--columns", "id,full_name"]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(
            text.lines().nth(1).unwrap().starts_with(oldest.as_str()),
            "{text}"
        );
    }
    let out = get(&[newest, "--jq", ".id"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{newest}\n")
    );

    let out = sb
        .nxcdp()
        .args(["customers", "get", "-", "-o", "jsonl"])
        .write_stdin(format!("{oldest}\n{newest} {oldest}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        crate::common::ids_of_jsonl(&String::from_utf8(out.stdout).unwrap()),
        [&**oldest, newest]
    );

    let out = get(&[&unknown]);
    assert_eq!(out.status.code(), Some(4));
    assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains(&unknown));
}

#[test]
fn get_refuses_what_is_not_an_id_before_sending() {
    for bad in ["abc", "0", "-5", "1.5", "99999999999999999999"] {
        let out = crate::common::nxcdp_offline()
            .args(["customers", "get", "-v", "1", "--", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr_of(&out));
        assert_stderr_has(&out, "not a customer id");
    }
    let out = nxcdp()
        .args(["customers", "get", "--sandbox", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
