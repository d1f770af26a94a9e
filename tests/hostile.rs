//! A hostile or broken server can't hurt the user: the sandbox plays each such server
//! (`--garbage escape-message|deep|non-objects|huge-number`, `--redirect-to`), and nxcdp keeps
//! the terminal safe, sends nothing elsewhere, never crashes and keeps every number exact.

mod common;

use common::{stderr_of, try_query, Sandbox};
use std::io::ErrorKind;
use std::net::TcpListener;

/// What must never reach a terminal from a server: ESC, BEL, CR, bidi overrides and isolates,
/// line and paragraph separators.
fn assert_terminal_safe(stderr: &str) {
    for bad in [
        '\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{2066}', '\u{2028}', '\u{2029}',
    ] {
        assert!(
            !stderr.contains(bad),
            "{:?} reached stderr: {}",
            bad,
            stderr.escape_debug()
        );
    }
}

#[test]
fn server_messages_and_trace_ids_are_escaped_and_capped() {
    let sb = Sandbox::start(&["--customers", "10", "--garbage", "escape-message"]);
    for verbose in [&[][..], &["-v"], &["-vv"]] {
        let out = try_query(&sb, verbose);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(4), "{verbose:?}: {stderr}");
        assert_terminal_safe(&stderr);
        assert!(
            stderr.contains("\\u{1b}"),
            "the escape is shown, not run: {stderr}"
        );
        assert!(
            stderr.len() < 8 * 1024,
            "{verbose:?}: a 2 MB message is cut, not printed: {} bytes",
            stderr.len()
        );
        assert!(stderr.contains("more characters"), "{stderr}");
    }
}

#[test]
fn a_redirect_is_an_error_and_its_target_receives_nothing() {
    let target = TcpListener::bind("127.0.0.1:0").unwrap();
    let location = format!("http://{}/steal", target.local_addr().unwrap());
    let sb = Sandbox::start(&["--customers", "10", "--redirect-to", &location]);
    for args in [&["-o", "jsonl"][..], &["--all", "--parallel", "4"]] {
        let out = try_query(&sb, args);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        assert!(
            stderr.contains("307") && stderr.contains(&location),
            "{stderr}"
        );
        assert!(stderr.contains("--base-url"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let fields = sb.nxcdp().args(["customers", "fields"]).output().unwrap();
    assert_eq!(fields.status.code(), Some(5));
    target.set_nonblocking(true).unwrap();
    let nobody = target.accept().map(|_| ()).map_err(|e| e.kind());
    assert_eq!(
        nobody,
        Err(ErrorKind::WouldBlock),
        "the target got a connection"
    );
}

#[test]
fn no_depth_of_nesting_crashes_nxcdp() {
    let sb = Sandbox::start(&["--customers", "10", "--garbage", "deep"]);
    for args in [
        &["-o", "jsonl"][..],
        &["--jq", ".id"],
        &["-o", "json", "--jq", "length"],
        &["-o", "jsonl", "--columns", "id,email"],
        &["-o", "jsonl", "--ids-as-strings"],
        &["-o", "csv"],
        &[],
    ] {
        let out = try_query(&sb, args);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(5), "{args:?}: {stderr}");
        assert!(stderr.contains("deeper than 128"), "{args:?}: {stderr}");
    }
}

#[test]
fn items_that_are_not_customers_stop_the_walk_after_the_ones_before() {
    let sb = Sandbox::start(&["--customers", "10", "--garbage", "non-objects"]);
    let first = common::sandbox_ids(10, nxcdp::sandbox::DEFAULT_SEED)[0].clone();
    // The first customer, then nothing more: a header and one row, or one JSON item.
    for (format, lines) in [("jsonl", 1), ("json", 2), ("csv", 2), ("table", 2)] {
        let out = try_query(&sb, &["-o", format]);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(5), "{format}: {stderr}");
        assert!(stderr.contains("not a JSON object"), "{format}: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout.lines().count(), lines, "{format}: {stdout}");
        assert!(
            stdout.contains(&first),
            "{format}: the customer before is written"
        );
        assert!(
            !stdout.trim_end().ends_with(']'),
            "{format}: does not look complete"
        );
    }
}

#[test]
fn integers_past_64_bits_stay_exact_in_every_format() {
    let sb = Sandbox::start(&["--customers", "3", "--garbage", "huge-number"]);
    let formats = [
        "-o jsonl",
        "-o jsonl --columns id,weight",
        "-o json --ids-as-strings",
    ];
    let more = [
        "-o csv --columns id,weight",
        "--columns id,weight",
        "--jq .weight",
    ];
    for args in formats.into_iter().chain(more) {
        let args: Vec<&str> = args.split(' ').collect();
        let out = common::query(&sb, &args);
        assert_eq!(
            out.matches("18446744073709551617").count(),
            3,
            "{args:?}: {out}"
        );
        assert!(!out.contains("e+19"), "{args:?}: {out}");
    }
}

#[test]
fn base_urls_with_a_query_or_fragment_are_refused_and_passwords_masked() {
    let dead = common::dead_url();
    for url in [format!("{dead}/gw?x=1"), format!("{dead}/gw#frag")] {
        let out = common::nxcdp()
            .args(["customers", "query", "--base-url", &url])
            .args(["--access-key", "k", "--tenant-id", "1", "--app-key", "a"])
            .env("NXCDP_ACCESS_SECRET", "s")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}: {}", stderr_of(&out));
    }
    let sb = Sandbox::start(&["--customers", "3"]);
    let with_password = sb.env["NXCDP_BASE_URL"].replace("http://", "http://me:hunter2@");
    let dead_with_password = dead.replace("http://", "http://me:hunter2@");
    for (url, args) in [
        (&with_password, &["--dry-run"][..]),
        (&with_password, &["--curl"]),
        (&with_password, &["-vv", "--limit", "1"]),
        (&dead_with_password, &["--retries", "0"]),
    ] {
        let out = sb
            .nxcdp()
            .args(["customers", "query", "--base-url", url])
            .args(args)
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr_of(&out)
        );
        assert!(!all.contains("hunter2"), "{args:?}: {all}");
        assert!(all.contains("me:***@"), "{args:?}: {all}");
    }
}

#[test]
fn jq_cannot_read_the_environment() {
    let sb = Sandbox::start(&["--customers", "3"]);
    for expr in ["env.NXCDP_ACCESS_SECRET", "$ENV.NXCDP_ACCESS_SECRET", "env"] {
        let out = try_query(&sb, &["--jq", expr]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr_of(&out)
        );
        assert_eq!(out.status.code(), Some(2), "{expr}: {all}");
        assert!(!all.contains(sb.secret()), "{expr}: {all}");
    }
}

#[test]
fn fromjson_refuses_text_nested_deeper_than_items_and_deep_jq_values_print() {
    let jq = |program: String| {
        let mut cmd = common::nxcdp();
        cmd.args(["customers", "get", "--sandbox", "1021110718827683840"])
            .arg("--jq")
            .arg(program);
        cmd
    };
    let nested = format!(
        "\"{}1{}\" | fromjson",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let out = jq(nested).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr_of(&out));
    common::assert_stderr_has(&out, "10000 levels deep");
    // A program's own deep value is printed whole, not a crash.
    let out = common::run_ok(&mut jq(
        "reduce range(50000) as $i (.; [.]) | tojson | length".into(),
    ));
    assert!(out.trim().parse::<usize>().unwrap() > 100_000, "{out}");
}

/// What a terminal would act on (ESC in a CSV cell; C1 controls, bidi overrides and line
/// separators that JSON may carry raw) never reaches one, in any format; the same output
/// redirected stays byte-exact.
#[test]
fn every_format_escapes_on_a_terminal_what_a_terminal_would_run() {
    use nxcdp::cli::{Format, OutputArgs, Shape};
    use nxcdp::output::{self, Catalog, Spec, Terminal};
    let customer =
        "{\"id\":7,\"full_name\":\"a\u{9b}31m\u{9d}0;T\u{9c}\u{202e}b\u{2028}c\\u001b[2J\"}";
    let raw = serde_json::value::RawValue::from_string(customer.to_string()).unwrap();
    let render = |format: Format, jq: Option<&str>, tty: bool| {
        let args = OutputArgs {
            output: Some(format),
            jq: jq.map(String::from),
            shape: Shape {
                columns: vec!["id".into(), "full_name".into()],
                ..Shape::default()
            },
        };
        let spec = Spec::from_args(&args, &Catalog::CUSTOMERS).unwrap();
        let mut text = Vec::new();
        let terminal = Terminal {
            is_tty: tty,
            ..Terminal::PLAIN
        };
        let mut out = output::formatter(spec, &mut text, terminal);
        out.page(std::slice::from_ref(&raw)).unwrap();
        out.finish().unwrap();
        drop(out);
        String::from_utf8(text).unwrap()
    };
    let unsafe_char = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\r'))
            || matches!(c, '\u{202e}' | '\u{2028}' | '\u{9b}')
    };
    for (format, jq) in [
        (Format::Jsonl, None),
        (Format::Json, None),
        (Format::Csv, None),
        (Format::Jsonl, Some(".")),
        (Format::Jsonl, Some(".full_name")),
    ] {
        let shown = render(format, jq, true);
        assert!(
            !shown.chars().any(unsafe_char),
            "{format:?} {jq:?}: {shown:?}"
        );
        if format != Format::Csv && jq != Some(".full_name") {
            // Still the same JSON.
            let line = shown
                .trim()
                .trim_start_matches("[\n")
                .trim_end_matches("\n]");
            let back: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(
                back["full_name"],
                serde_json::from_str::<serde_json::Value>(customer).unwrap()["full_name"]
            );
        }
        let redirected = render(format, jq, false);
        assert!(
            redirected.contains('\u{202e}'),
            "{format:?}: byte-exact when redirected"
        );
    }
}
