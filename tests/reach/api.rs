//! `nxcdp api`: any signed endpoint.

use crate::common::{assert_stderr_has, sandbox_ids, scrubbed, stderr_of, Sandbox, TempDir};

fn api(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    sb.nxcdp().arg("api").args(args).output().unwrap()
}

const FIELDS: &str = "/saas/cdp/openapi/customers/fields";
const QUERY: &str = "/saas/cdp/openapi/customers/query";

#[test]
fn api_gets_with_fields_in_the_query_string_and_posts_json() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let out = api(
        &sb,
        &[
            "-X",
            "get",
            FIELDS,
            "-f",
            "tenant_id={tenant_id}",
            "-f",
            "app_key={app_key}",
            "-F",
            "is_preset=false",
            "-v",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_stderr_has(
        &out,
        &format!(
            "> GET {}{FIELDS}?tenant_id=1&app_key=sandbox&is_preset=false",
            sb.base_url
        ),
    );
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields = body["data"].as_array().unwrap();
    assert!(
        !fields.is_empty() && fields.iter().all(|f| f["is_preset"] == false),
        "{body}"
    );

    // POST by default with fields; the answer is printed as it came: ids exact.
    let out = api(
        &sb,
        &[
            QUERY,
            "-F",
            "tenant_id={tenant_id}",
            "-f",
            "app_key={app_key}",
            "-F",
            "limit=3",
            "-v",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_stderr_has(&out, "> POST");
    let text = String::from_utf8(out.stdout).unwrap();
    let ids = sandbox_ids(30, 42);
    for id in &ids[..3] {
        assert!(
            text.contains(&format!("\"id\":{id},")),
            "{id} exact in {text}"
        );
    }
    assert!(!text.contains(&format!("\"id\":{},", ids[3])));
}

#[test]
fn api_input_bytes_are_signed_and_sent_unchanged() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let body = "{ \"tenant_id\" : 1,\n  \"app_key\":\"sandbox\", \"limit\":2 , \"name\":\"牛\"}";
    let file = dir.join("body.json");
    std::fs::write(&file, body).unwrap();
    let out = api(
        &sb,
        &[QUERY, "--input", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.ends_with(&format!("\n\n{body}\n")), "{shown}");
    // The sandbox checks the signature over the bytes it received.
    let out = api(&sb, &[QUERY, "--input", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["code"], 0);
    let out = sb
        .nxcdp()
        .args(["api", QUERY, "--input", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn api_signs_other_products_and_exits_by_code_and_status() {
    use md5::{Digest, Md5};
    let sb = Sandbox::start(&["--customers", "5"]);
    let out = api(
        &sb,
        &[
            "/openapi/agent/chat",
            "--biz-type",
            "100",
            "--action",
            "nxai",
            "-f",
            "q=hi",
            "--dry-run",
        ],
    );
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    let header = |name: &str| {
        shown
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in {shown}"))
            .to_string()
    };
    assert_eq!(header("bizType"), "100");
    assert_eq!(header("action"), "nxai");
    // API.md section 3, computed here independently of nxcdp's signer.
    let signed = format!(
        "accessKey=sandbox&action=nxai&bizType=100&ts={}&body={{\"q\":\"hi\"}}&accessSecret=sandbox-secret",
        header("ts")
    );
    assert_eq!(header("sign"), hex::encode(Md5::digest(signed.as_bytes())));

    // The sandbox serves the CDP only: another bizType is a parameter error, exit 4, and the
    // answer is printed.
    let out = api(&sb, &[FIELDS, "--biz-type", "100", "--action", "nxai"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["code"], 1002);
    assert_stderr_has(&out, "API error 1002");

    let out = sb
        .nxcdp()
        .env("NXCDP_ACCESS_SECRET", "wrong")
        .args(["api", FIELDS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));

    let out = api(&sb, &["/no/such/endpoint"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert_stderr_has(&out, "HTTP 404");
}

#[test]
fn api_retries_sends_extra_headers_and_prints_curl() {
    let sb = Sandbox::start(&["--customers", "5", "--fail-first", "2"]);
    let out = api(
        &sb,
        &[
            FIELDS,
            "-f",
            "tenant_id=1",
            "-f",
            "app_key=sandbox",
            "-X",
            "GET",
            "-vv",
            "-H",
            "X-Request-Note: hello",
            "--retries",
            "3",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("retry 2 of 3"), "{stderr}");
    assert!(stderr.contains("> X-Request-Note: hello"), "{stderr}");
    // Without fields a POST sends an empty object, with its Content-Type, so the API answers
    // about the missing keys rather than about the signature.
    let out = api(&sb, &[QUERY, "-X", "POST"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("tenant_id is required"),
        "{}",
        stderr_of(&out)
    );
    let out = api(&sb, &[QUERY, "-F", "limit=1", "--curl"]);
    let curl = String::from_utf8(out.stdout).unwrap();
    assert!(
        curl.starts_with("curl -X POST ")
            && curl.contains("'bizType: 2'")
            && curl.contains("--data-raw '{\"limit\":1}'"),
        "{curl}"
    );
}

#[test]
fn api_usage_errors_are_exit_2_before_sending() {
    let cases: &[(&[&str], &str)] = &[
        (&["https://api.nxcloud.com/x"], "not a URL"),
        (&["x"], "must start with /"),
        (&["/x", "-F", "limit=abc"], "not a JSON value"),
        (&["/x", "-f", "a=1", "-F", "a=2"], "given twice"),
        (&["/x", "-H", "sign: 1"], "set by nxcdp"),
        (&["/x", "-H", "no colon"], "Name: value"),
        (&["/x", "--biz-type", "1&x=2"], "use digits"),
        (&["/x", "--biz-type", "mt"], "use digits"),
        (&["/x", "--action", "a&b"], "no spaces, & or ="),
        (
            &["/x", "-X", "GET", "--input", "-"],
            "not with --method GET",
        ),
        (&["/x", "-X", "TRACE"], "possible values"),
    ];
    for (args, says) in cases {
        let out = crate::common::nxcdp_offline()
            .arg("api")
            .args(*args)
            .arg("-v")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert_stderr_has(&out, says);
        assert!(!stderr_of(&out).contains("> "), "{args:?} sent nothing");
    }
}

#[test]
fn api_pretty_prints_on_a_terminal_with_ids_exact() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let mut cmd = scrubbed("script");
    cmd.args([
        "-qec",
        &format!(
            "{} api {QUERY} -F tenant_id=1 -f app_key=sandbox -F limit=1",
            crate::common::nxcdp_bin().display()
        ),
        "/dev/null",
    ]);
    cmd.envs(&sb.env);
    let out = cmd.output().expect("script(1) from util-linux runs");
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(text.starts_with("{\n  \"code\": 0,\n"), "{text}");
    let id = &sandbox_ids(5, 42)[0];
    assert!(
        text.contains(&format!("\n        \"id\": {id},\n")),
        "{text}"
    );
}

#[test]
fn a_placeholder_alone_is_the_configured_value_with_its_type() {
    let out = crate::common::nxcdp_offline()
        .args(["api", QUERY, "--dry-run", "-f", "tenant_id={tenant_id}"])
        .args(["-F", "app_key={app_key}", "-f", "note=t{tenant_id}"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let printed = String::from_utf8(out.stdout).unwrap();
    let body = printed.lines().last().unwrap();
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert!(body["tenant_id"].is_u64(), "a number: {body}");
    assert!(body["app_key"].is_string(), "a string: {body}");
    assert_eq!(
        body["note"],
        format!("t{}", body["tenant_id"]),
        "text inside a value"
    );
}

#[test]
fn a_parameter_error_of_nxcdp_api_hints_at_what_was_sent_not_at_filters() {
    let sb = Sandbox::start(&["--customers", "3"]);
    let out = api(&sb, &[QUERY, "-F", "tenant_id={tenant_id}"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert_stderr_has(&out, "hint: check the values sent (-v shows the request)");
    assert!(!stderr_of(&out).contains("filter"), "{}", stderr_of(&out));
}
