//! Headers no real API sends, read for what they mean: a `Retry-After` far in the future, a
//! `Location` that is not ASCII, a `Date` on 1004 that agrees with this machine's clock or that
//! cannot be right.

mod common;

use common::evil::{Evil, Reply};
use common::{stderr_of, Sandbox};

const B: i64 = 1_153_190_411_183_731_196;

/// `customers query` against the server, which must end it with exit CODE; its stderr.
fn query(evil: &Evil, code: i32) -> String {
    let out = evil
        .nxcdp()
        .args(["customers", "query", "-o", "jsonl"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

#[test]
fn a_retry_after_date_far_ahead_is_a_wait_too_long_not_ignored() {
    // Three 429s, then pages: ignoring the date would retry and succeed.
    let evil = Evil::start(|r| match r.n {
        0..3 => Reply::code(429, "null")
            .status(429)
            .header("Retry-After", b"Fri, 31 Dec 9999 23:59:59 GMT"),
        _ => Reply::page(r#"{"next":null}"#, &[B]),
    });
    let stderr = query(&evil, 5);
    assert!(
        stderr.contains("keeps asking nxcdp to slow down"),
        "{stderr}"
    );
    assert_eq!(evil.requests(), 1, "no retry");
}

#[test]
fn a_location_that_is_not_ascii_is_shown_escaped() {
    let evil = Evil::start(|_| {
        Reply::data("null")
            .status(302)
            .header("Location", b"http://127.0.0.1:9/\xe2\x80\xaeevil\xff")
    });
    let stderr = query(&evil, 5);
    assert!(
        stderr.contains("redirect to http://127.0.0.1:9/\\u{202e}evil"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{202e}'), "escaped: {stderr}");
}

#[test]
fn a_1004_from_a_server_whose_clock_agrees_is_reported_as_sent() {
    // A second ahead of this machine, at most: the Date header has whole seconds.
    let evil = Evil::start(|_| {
        let date = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(1);
        let date = date.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string();
        Reply::code(1004, "null").header("Date", date.as_bytes())
    });
    let stderr = query(&evil, 3);
    assert!(stderr.contains("API error 1004"), "{stderr}");
    assert!(
        stderr.contains("hint: check this machine's clock"),
        "{stderr}"
    );
    assert!(!stderr.contains("clock is"), "no claim of a skew: {stderr}");
    assert_eq!(evil.requests(), 1, "no retry on the same time");
}

#[test]
fn an_absurd_server_clock_is_not_signed_on() {
    for date in [
        &b"Mon, 01 Jan 0001 00:00:00 GMT"[..],
        b"Fri, 31 Dec 9999 23:59:59 GMT",
    ] {
        let evil = Evil::start(move |_| Reply::code(1004, "null").header("Date", date));
        let stderr = query(&evil, 3);
        assert!(
            stderr.contains("the server's clock looks wrong"),
            "{stderr}"
        );
        assert_eq!(evil.requests(), 1, "no retry on its time");
    }
    // The sandbox, ten years ahead: the same.
    let sb = Sandbox::start(&["--customers", "5", "--clock-skew-secs", "315360000"]);
    let out = common::try_query(&sb, &["-o", "jsonl"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    common::assert_stderr_has(&out, "the server's clock looks wrong");
}
