//! `nxcdp customers query` end to end: the real binary against the real sandbox over loopback.

mod common;

use common::{ids_of_jsonl, nxcdp, query, run_ok, stderr_of, try_query, Sandbox, TempDir};
use serde_json::Value;
use std::collections::HashSet;

fn ids(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .map(|c| c["id"].as_i64().unwrap().to_string())
        .collect()
}

fn has_tag(c: &Value, name: &str) -> bool {
    c["tags"]
        .as_array()
        .is_some_and(|t| t.iter().any(|t| t["tag_name"] == name))
}

#[test]
fn all_walks_every_page_and_ids_are_exactly_the_sandboxs() {
    let sb = Sandbox::start(&["--customers", "5000", "--seed", "3"]);
    let out = query(&sb, &["--all", "-o", "jsonl"]);
    let got = ids_of_jsonl(&out);
    let expected: Vec<String> = common::sandbox_ids(5000, 3);
    assert_eq!(got.len(), 5000);
    assert_eq!(
        got, expected,
        "every customer once, newest first, ids exact"
    );
    // The ids as printed, not only as parsed: the text of each line holds the exact id.
    for (line, id) in out.lines().zip(&expected) {
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{line}");
    }
}

#[test]
fn each_filter_flag_reaches_the_body_and_filters() {
    let sb = Sandbox::start(&["--customers", "300", "--seed", "11"]);
    let all: Vec<Value> = common::all_customers(&sb);
    let s = |c: &Value, k: &str| c[k].as_str().unwrap().to_string();
    let with = |k: &str| all.iter().find(|c| !c[k].is_null()).unwrap();
    let (sms, wa, viber, email, channel) = (
        s(with("sms_phone"), "sms_phone"),
        s(with("whatsApp_phone"), "whatsApp_phone"),
        s(with("viber_phone"), "viber_phone"),
        s(with("email"), "email"),
        s(with("source_channel_key"), "source_channel_key"),
    );
    let mid = s(&all[150], "created_at").replace('T', " ");
    let day = mid[..10].to_string();
    type Pred<'a> = Box<dyn Fn(&Value) -> bool + 'a>;
    let created = |c: &Value| s(c, "created_at").replace('T', " ");
    let field_is =
        |k: &'static str, v: String| -> Pred { Box::new(move |c: &Value| c[k] == v.as_str()) };
    let cases: Vec<(Vec<String>, Pred)> = vec![
        (
            vec!["--start-time".into(), mid.clone()],
            Box::new(|c: &Value| created(c) >= mid),
        ),
        (
            vec!["--end-time".into(), mid.clone()],
            Box::new(|c: &Value| created(c) < mid),
        ),
        (
            vec!["--start-time".into(), day.clone()],
            Box::new(|c: &Value| created(c) >= format!("{day} 00:00:00")),
        ),
        (
            vec!["--tag".into(), "vip".into()],
            Box::new(|c: &Value| has_tag(c, "vip")),
        ),
        (
            vec!["--tag-id".into(), "27238".into()],
            Box::new(|c: &Value| has_tag(c, "new")),
        ),
        (
            vec![
                "--tag".into(),
                "vip".into(),
                "--tag".into(),
                "retail".into(),
                "--tags-logic".into(),
                "and".into(),
            ],
            Box::new(|c: &Value| has_tag(c, "vip") && has_tag(c, "retail")),
        ),
        (
            vec![
                "--tag".into(),
                "vip".into(),
                "--tag-id".into(),
                "27241".into(),
                "--tags-logic".into(),
                "or".into(),
            ],
            Box::new(|c: &Value| has_tag(c, "vip") || has_tag(c, "retail")),
        ),
        (
            vec!["--source-type".into(), "excel-import".into()],
            Box::new(|c: &Value| c["source_type"] == 2),
        ),
        (
            vec!["--source-type".into(), "10".into()],
            Box::new(|c: &Value| c["source_type"] == 10),
        ),
        (
            vec!["--name".into(), "simon".into()],
            Box::new(|c: &Value| {
                c["full_name"]
                    .as_str()
                    .is_some_and(|n| n.to_lowercase().contains("simon"))
            }),
        ),
        (
            vec!["--sms-phone".into(), format!("+{sms}")],
            field_is("sms_phone", sms.clone()),
        ),
        (
            vec!["--whatsapp-phone".into(), wa.clone()],
            field_is("whatsApp_phone", wa.clone()),
        ),
        (
            vec!["--viber-phone".into(), viber.clone()],
            field_is("viber_phone", viber.clone()),
        ),
        (
            vec!["--email".into(), email.clone()],
            field_is("email", email.clone()),
        ),
        (
            vec!["--source-channel-key".into(), channel.clone()],
            field_is("source_channel_key", channel.clone()),
        ),
    ];
    for (flags, pred) in cases {
        let expected: Vec<Value> = all.iter().filter(|c| pred(c)).cloned().collect();
        assert!(
            !expected.is_empty() && expected.len() < all.len(),
            "{flags:?} must narrow"
        );
        let mut args = vec!["--all", "-o", "jsonl", "--page-size", "9"];
        args.extend(flags.iter().map(String::as_str));
        assert_eq!(
            ids_of_jsonl(&query(&sb, &args)),
            ids(&expected),
            "{flags:?}"
        );
    }
    // his_tags by name and by id give the same, wider set.
    let by_name = query(&sb, &["--all", "-o", "jsonl", "--his-tag", "vip"]);
    let by_id = query(&sb, &["--all", "-o", "jsonl", "--his-tag-id", "27237"]);
    assert_eq!(by_name, by_id);
    let now: HashSet<String> = ids(&all
        .iter()
        .filter(|c| has_tag(c, "vip"))
        .cloned()
        .collect::<Vec<_>>())
    .into_iter()
    .collect();
    let ever: HashSet<String> = ids_of_jsonl(&by_name).into_iter().collect();
    assert!(ever.is_superset(&now) && ever.len() > now.len());
}

#[test]
fn the_exact_body_keys_are_sent() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let out = sb
        .nxcdp()
        .args([
            "customers",
            "query",
            "-vv",
            "--whatsapp-phone",
            "8613600000000",
            "--tag",
            "vip",
            "--tag-id",
            "5",
        ])
        .args([
            "--his-tag",
            "x",
            "--tags-logic",
            "and",
            "--start-time",
            "2024-05-07",
            "--limit",
            "3",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let body = stderr
        .lines()
        .find(|l| l.starts_with("> {"))
        .expect("-vv prints the body");
    let body: Value = serde_json::from_str(&body[2..]).unwrap();
    assert_eq!(body["whatsApp_phone"], "8613600000000");
    assert_eq!(
        body["tags"],
        serde_json::json!([{"tag_name": "vip"}, {"id": 5}])
    );
    assert_eq!(body["his_tags"], serde_json::json!([{"tag_name": "x"}]));
    assert_eq!(body["tags_logic_type"], "and");
    assert_eq!(body["start_time"], "2024-05-07 00:00:00");
    assert_eq!(body["limit"], 3);
    assert_eq!(body["tenant_id"], 1);
    assert!(
        body.get("email").is_none() && body.get("after").is_none(),
        "keys without value are not sent"
    );
}

#[test]
fn limit_counts_customers_and_says_how_to_continue() {
    let sb = Sandbox::start(&["--customers", "500"]);
    let out = try_query(&sb, &["-v", "--limit", "120", "-o", "jsonl"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let got = ids_of_jsonl(&stdout);
    assert_eq!(got.len(), 120);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("> POST")).count(),
        3,
        "{stderr}"
    );
    let all = ids(&common::all_customers(&sb));
    assert_eq!(got, all[..120]);
    // The hint continues exactly where the listing stopped.
    let hint = stderr
        .lines()
        .find(|l| l.contains("--after"))
        .expect("a continuation hint");
    let after = hint
        .split_whitespace()
        .skip_while(|w| *w != "--after")
        .nth(1)
        .unwrap()
        .trim_end_matches(',');
    assert_eq!(after, all[119]);
    let rest = ids_of_jsonl(&query(
        &sb,
        &["--limit", "30", "--after", after, "-o", "jsonl"],
    ));
    assert_eq!(rest, all[120..150]);
    // Page size never asks for more than is still needed.
    let small = try_query(&sb, &["-vv", "--limit", "7", "-o", "jsonl"]);
    assert!(String::from_utf8_lossy(&small.stderr).contains("\"limit\":7"));
}

#[test]
fn before_walks_backwards() {
    let sb = Sandbox::start(&["--customers", "200"]);
    let all = ids(&common::all_customers(&sb));
    let got = ids_of_jsonl(&query(
        &sb,
        &[
            "--before",
            &all[150],
            "--all",
            "--page-size",
            "50",
            "-o",
            "jsonl",
        ],
    ));
    // Pages come newest-last: [100..150], then [50..100], then [0..50], each newest first.
    let expected: Vec<String> = [&all[100..150], &all[50..100], &all[0..50]].concat();
    assert_eq!(got, expected);
}

#[test]
fn every_format_parses_back_to_the_same_customers() {
    let sb = Sandbox::start(&["--customers", "400", "--seed", "8"]);
    let jsonl: Vec<Value> = common::all_customers(&sb);
    let expected = ids(&jsonl);

    let json: Vec<Value> = serde_json::from_str(&query(&sb, &["--all", "-o", "json"])).unwrap();
    assert_eq!(json, jsonl);
    let empty = query(&sb, &["--name", "no such name anywhere", "-o", "json"]);
    assert_eq!(
        serde_json::from_str::<Vec<Value>>(&empty).unwrap(),
        Vec::<Value>::new()
    );

    let csv_text = query(&sb, &["--all", "-o", "csv", "--raw-custom-fields"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, nxcdp::customer::FIELDS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.iter().map(|r| r[0].to_string()).collect::<Vec<_>>(),
        expected
    );
    for (row, c) in rows.iter().zip(&jsonl) {
        // Commas, quotes, newlines and a leading '=' all survive, byte for byte.
        assert_eq!(&row[3], c["full_name"].as_str().unwrap_or(""));
        assert_eq!(&row[13], c["remark"].as_str().unwrap_or(""));
        assert_eq!(&row[23], c["customize_field"].as_str().unwrap_or(""));
        let tags: Vec<&str> = c["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tag_name"].as_str().unwrap())
            .collect();
        assert_eq!(&row[20], tags.join(";"));
    }
    assert!(rows.iter().any(|r| r[3].contains('\n')) && rows.iter().any(|r| r[3].starts_with('=')));

    // Piped, a table is tab-separated text with a header, nothing truncated, one line per row.
    let table = query(&sb, &["--all"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], nxcdp::customer::TABLE_COLUMNS.join("\t"));
    assert_eq!(lines.len(), 401);
    assert_eq!(
        lines[1..]
            .iter()
            .map(|l| l.split('\t').next().unwrap())
            .collect::<Vec<_>>(),
        expected
    );
    assert!(!table.contains('\u{1b}'), "control characters are escaped");
}

#[test]
fn unknown_fields_and_exact_numbers_survive_json_output() {
    let sb = Sandbox::start(&["--customers", "20"]);
    let out = query(&sb, &["--limit", "20", "-o", "jsonl"]);
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(
            v["lifecycle"]["stage"].is_string(),
            "a field not in API.md is kept: {line}"
        );
        let reserialized = serde_json::to_string(&v).unwrap();
        assert_eq!(line, reserialized, "the line is the API's JSON unchanged");
    }
}

#[test]
fn api_errors_map_to_exit_codes_with_a_clear_message() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let proxy = format!("{}/proxy", sb.base_url);
    let dead = common::dead_url();
    // (NXCDP_ variable, arguments, exit code, words in stderr)
    for (env, args, code, said) in [
        (
            Some(("NXCDP_ACCESS_SECRET", "wrong-secret-value")),
            vec![],
            3,
            vec!["1003", "traceId", "secret"],
        ),
        (
            Some(("NXCDP_ACCESS_KEY", "nobody")),
            vec![],
            3,
            vec!["1005"],
        ),
        (None, vec!["--tenant-id", "99"], 4, vec!["1002"]),
        // Not the API's JSON: the sandbox's 404 page for an unknown path.
        (None, vec!["--base-url", &proxy], 5, vec!["404"]),
        // Nothing listens: a network error.
        (None, vec!["--base-url", &dead], 5, vec!["cannot connect"]),
    ] {
        let mut cmd = sb.nxcdp();
        cmd.envs(env).args(["customers", "query"]).args(&args);
        let out = cmd.output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            said.iter().all(|w| stderr.contains(w)),
            "{said:?}: {stderr}"
        );
        assert!(!stderr.contains("wrong-secret-value"));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn sha256_signing_is_accepted() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let out = query(&sb, &["--sign-algorithm", "sha256", "-o", "jsonl"]);
    assert_eq!(out.lines().count(), 10);
}

/// Flags for every credential but the secret.
const ALL_BUT_THE_SECRET: [&str; 6] = ["--access-key", "k", "--tenant-id", "1", "--app-key", "a"];

#[test]
fn invalid_flags_exit_2_before_any_request() {
    // Nothing listens at this address: a request would end in exit 5, not 2.
    let dead = common::dead_url();
    for (args, names) in [
        (vec!["--page-size", "51"], "--page-size"),
        (vec!["--page-size", "0"], "--page-size"),
        (vec!["--limit", "0"], "--limit"),
        (vec!["--start-time", "yesterday"], "--start-time"),
        (vec!["--end-time", "2024-02-30"], "--end-time"),
        (vec!["--source-type", "16"], "--source-type"),
        (vec!["--source-type", "fax"], "--source-type"),
        (vec!["--tags-logic", "xor"], "--tags-logic"),
        (vec!["--sms-phone", "phone"], "--sms-phone"),
        (vec!["--tag-id", "abc"], "--tag-id"),
        (vec!["--after", "1", "--before", "2"], "--before"),
        (vec!["--all", "--limit", "5"], "--limit"),
        (vec!["--name", ""], "--name"),
        (vec!["-o", "xml"], "--output"),
        (vec!["--since", "7y"], "--since"),
    ] {
        let out = nxcdp()
            .args(["customers", "query", "--base-url", &dead])
            .args(ALL_BUT_THE_SECRET)
            .env("NXCDP_ACCESS_SECRET", "s")
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(names), "{args:?} names the flag: {stderr}");
    }
}

#[test]
fn missing_credentials_name_every_way_to_give_them() {
    let out = nxcdp().args(["customers", "query"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--access-key")
            && stderr.contains("NXCDP_ACCESS_KEY")
            && stderr.contains("access_key"),
        "{stderr}"
    );
    let out = nxcdp()
        .args(["customers", "query"])
        .args(ALL_BUT_THE_SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NXCDP_ACCESS_SECRET"));
}

#[test]
fn flags_beat_environment_beat_profile() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let dir = TempDir::new();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[default]\nbase_url = \"{}\"\naccess_key = \"sandbox\"\naccess_secret = \"sandbox-secret\"\ntenant_id = 1\napp_key = \"sandbox\"\n\n[broken]\nbase_url = \"{}\"\naccess_key = \"wrong\"\naccess_secret = \"wrong\"\ntenant_id = 1\napp_key = \"sandbox\"\n",
            sb.base_url, sb.base_url
        ),
    )
    .unwrap();
    set_private(&config);
    // (what it shows, NXCDP_ variables, arguments, exit code, stdout lines, a word in stderr)
    let cases = [
        (
            "the profile alone is enough",
            "",
            "customers query -o jsonl",
            0,
            10,
            "",
        ),
        (
            "a profile with a wrong key fails ...",
            "",
            "--profile broken customers query",
            3,
            0,
            "",
        ),
        (
            "... the environment beats it ...",
            "PROFILE=broken ACCESS_KEY=sandbox ACCESS_SECRET=sandbox-secret",
            "customers query -o jsonl",
            0,
            10,
            "",
        ),
        (
            "... a flag beats the environment",
            "ACCESS_KEY=wrong",
            "customers query --access-key sandbox",
            0,
            11,
            "",
        ),
        (
            "an unknown profile is named",
            "",
            "--profile nope customers query",
            2,
            0,
            "nope",
        ),
    ];
    for (what, env, args, code, lines, said) in cases {
        let out = nxcdp()
            .env("NXCDP_CONFIG", &config)
            .envs(env.split_whitespace().map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (format!("NXCDP_{k}"), v)
            }))
            .args(args.split_whitespace())
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{what}: {stderr}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            lines,
            "{what}"
        );
        assert!(stderr.contains(said), "{what}: {stderr}");
    }
}

#[test]
fn built_in_sandbox_needs_nothing_configured() {
    let out = run_ok(nxcdp().args([
        "customers",
        "query",
        "--sandbox",
        "--tag",
        "vip",
        "--limit",
        "5",
        "-o",
        "jsonl",
    ]));
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|c| has_tag(c, "vip")));
}

fn set_private(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}
