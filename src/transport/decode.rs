//! The answers of the API turned into data or an [`Error`]: the envelope, a page of customers,
//! a field list. Never panics, whatever the bytes, and lets through only items nxcdp can hold.

use crate::error::{excerpt, Error};
use crate::wire::{ApiCode, Envelope, Paging};
use serde::Deserialize;
use serde_json::value::RawValue;

/// One page of `customers/query`: each customer is kept as the exact JSON the API sent.
#[derive(Debug, Deserialize)]
pub struct Page {
    pub paging: Paging,
    #[serde(rename = "customer_list", deserialize_with = "null_as_empty")]
    pub customers: Vec<Box<RawValue>>,
    /// Set when an item is not a customer: `customers` then holds the ones before it, to be
    /// written before the walk stops with this error.
    #[serde(skip)]
    pub invalid: Option<Error>,
}

/// The deepest nesting of arrays and objects nxcdp reads in server data. Every parser that
/// would recurse (jq, trees for `--columns`) sees only data checked against it.
pub const MAX_DEPTH: usize = 128;

/// Why an item of a list is not one nxcdp can hold: not a JSON object, or nested too deep.
fn not_an_item(raw: &RawValue) -> Option<String> {
    let json = raw.get();
    if !json.starts_with('{') {
        return Some(format!(
            "an item is not a JSON object: {}",
            excerpt(json.as_bytes())
        ));
    }
    // Fewer opening brackets than the limit cannot nest deeper: a count of the few brackets a
    // customer has (memchr's vector search) spares most customers the scan.
    let brackets = memchr::memchr2_iter(b'[', b'{', json.as_bytes()).count();
    (brackets > MAX_DEPTH && depth(json) > MAX_DEPTH).then(|| {
        format!("an item nests arrays or objects deeper than {MAX_DEPTH} levels; refusing it")
    })
}

/// How deeply arrays and objects nest in valid JSON text, counted without recursion. It runs
/// on every customer: strings are skipped in a tight loop, since only brackets outside them count.
pub fn depth(json: &str) -> usize {
    let bytes = json.as_bytes();
    let (mut i, mut depth, mut deepest) = (0, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// Keeps the items before the first that is not one nxcdp can hold, and says why it stopped.
fn keep_valid(items: &mut Vec<Box<RawValue>>) -> Option<Error> {
    let (at, why) = items
        .iter()
        .enumerate()
        .find_map(|(i, raw)| not_an_item(raw).map(|why| (i, why)))?;
    items.truncate(at);
    Some(Error::Malformed(why))
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Box<RawValue>>, D::Error> {
    Ok(Option::<Vec<Box<RawValue>>>::deserialize(d)?.unwrap_or_default())
}

/// An answer's body turned into the envelope's `data`, or the error it tells of. Never panics,
/// whatever the bytes.
pub fn decode(status: reqwest::StatusCode, bytes: &[u8]) -> Result<Box<RawValue>, Error> {
    let envelope: Envelope<&RawValue> = serde_json::from_slice(bytes).map_err(|_| {
        credentials_refused(status).unwrap_or_else(|| {
            Error::Malformed(format!(
                "HTTP {status}, not the API's JSON: {}",
                excerpt(bytes)
            ))
        })
    })?;
    match (envelope.code, envelope.data) {
        (Some(0), Some(data)) if status.is_success() => Ok(data.to_owned()),
        (Some(code), _) if code != 0 => Err(Error::Api {
            code,
            message: envelope.message.unwrap_or_else(|| "(no message)".into()),
            trace_id: envelope.trace_id,
            status: status.as_u16(),
        }),
        _ => Err(credentials_refused(status).unwrap_or_else(|| {
            let what = match status.is_success() {
                true => "no code and data in the answer",
                false => "an error status with no API error code in the answer",
            };
            Error::Malformed(format!("HTTP {status}, {what}: {}", excerpt(bytes)))
        })),
    }
}

/// HTTP 401 or 403 with no API code: the server, or a gateway in front of it, refused the
/// credentials. The status stands for the code (exit 3, with a hint about the key).
fn credentials_refused(status: reqwest::StatusCode) -> Option<Error> {
    matches!(status.as_u16(), 401 | 403).then(|| Error::Api {
        code: i64::from(status.as_u16()),
        message: format!(
            "HTTP {status} without an API code: the server, or a gateway in front of it, refused the credentials"
        ),
        trace_id: None,
        status: status.as_u16(),
    })
}

/// A query's answer made into a page in one pass over its bytes when it is one (`code` 0, a
/// page in `data`); any other answer goes through [`decode`] and [`decode_page`], whose errors
/// say what it is. Two passes and a copy of `data` were a third of a walk's time to JSON lines.
pub fn decode_query(status: reqwest::StatusCode, bytes: &[u8]) -> Result<Page, Error> {
    if status.is_success() {
        if let Ok(Envelope {
            code: Some(0),
            data: Some(mut page),
            ..
        }) = serde_json::from_slice::<Envelope<Page>>(bytes)
        {
            page.invalid = keep_valid(&mut page.customers);
            return Ok(page);
        }
    }
    decode_page(&decode(status, bytes)?)
}

/// A page from the envelope's `data`.
pub fn decode_page(data: &RawValue) -> Result<Page, Error> {
    let mut page: Page = serde_json::from_str(data.get()).map_err(|e| {
        let why = bad_cursor(data).unwrap_or_else(|| e.to_string());
        Error::Malformed(format!(
            "data is not a page of customers ({why}): {}",
            excerpt(data.get().as_bytes())
        ))
    })?;
    page.invalid = keep_valid(&mut page.customers);
    Ok(page)
}

/// Which cursor of `paging` is not a 64-bit integer, said in words: serde's own message names
/// the type it read instead (`floating point 1.8446744073709552e19` for 2^64 + 1).
fn bad_cursor(data: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct Loose<'a> {
        #[serde(borrow)]
        paging: std::collections::BTreeMap<String, &'a RawValue>,
    }
    let loose: Loose = serde_json::from_str(data.get()).ok()?;
    ["next", "previous", "after", "before"]
        .iter()
        .find_map(|key| {
            let raw = loose.paging.get(*key)?.get();
            (raw != "null" && raw.parse::<i64>().is_err()).then(|| {
                format!(
                    "the cursor paging.{key} is not a 64-bit integer: {}",
                    excerpt(raw.as_bytes())
                )
            })
        })
}

/// What `nxcdp api` prints and how it ends: the answer's status and body, and the error its
/// `code` or status tells of (`None` for success).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    pub verdict: Option<Error>,
}

/// An answer for `nxcdp api`. Errors are what the retry loop acts on: throttling and server
/// errors (retried), and 1004 (retried once on the server's clock); every other answer is
/// returned whole, with its verdict: a non-zero `code` (exit 3 or 4), else a status other than
/// 2xx (exit 4; 3 for 401 and 403, about the credentials), else a body that is not JSON (exit 5).
pub fn decode_answer(status: reqwest::StatusCode, bytes: &[u8]) -> Result<Answer, Error> {
    if status.as_u16() == 429 || status.is_server_error() {
        return Err(decode(status, bytes)
            .err()
            .unwrap_or_else(|| Error::Malformed(format!("HTTP {status}: {}", excerpt(bytes)))));
    }
    let envelope = serde_json::from_slice::<Envelope<&RawValue>>(bytes);
    let is_json = serde_json::from_slice::<&RawValue>(bytes).is_ok();
    let (code, trace_id, message, odd) = match envelope {
        Ok(e) => (e.code, e.trace_id, e.message, None),
        // A code written as a string ("1003") is still that code.
        Err(e) => match loose_envelope(bytes) {
            Some((code, message, trace_id)) => (Some(code), trace_id, message, None),
            None if is_json => {
                let why = match bytes.trim_ascii_start().first() {
                    Some(b'{') => e.to_string(),
                    Some(b'[') => "an array, not an object".into(),
                    _ => "not an object".into(),
                };
                let odd = Error::Malformed(format!(
                    "HTTP {status}, JSON but not the API's envelope ({why}): {}",
                    excerpt(bytes)
                ));
                (None, None, None, Some(odd))
            }
            None => (None, None, None, None),
        },
    };
    let verdict = match code {
        Some(code) if code != 0 => Some(Error::Api {
            code,
            message: message.unwrap_or_else(|| "(no message)".into()),
            trace_id,
            status: status.as_u16(),
        }),
        _ if !status.is_success() => Some(credentials_refused(status).unwrap_or(Error::Api {
            code: i64::from(status.as_u16()),
            message: format!("HTTP {status} without an API code; check the path and the method"),
            trace_id,
            status: status.as_u16(),
        })),
        _ if odd.is_some() => odd,
        _ if !is_json => Some(Error::Malformed(format!(
            "HTTP {status}, not JSON: {}",
            excerpt(bytes)
        ))),
        _ => None,
    };
    match verdict {
        Some(e @ Error::Api { code, .. }) if code == ApiCode::TimestampExpired.code() => Err(e),
        verdict => Ok(Answer {
            status: status.as_u16(),
            body: bytes.to_vec(),
            verdict,
        }),
    }
}

/// `code` written as a string of digits, where the envelope wants a number, with the message
/// and trace id that came with it.
fn loose_envelope(bytes: &[u8]) -> Option<(i64, Option<String>, Option<String>)> {
    #[derive(Deserialize)]
    struct Loose<'a> {
        #[serde(borrow)]
        code: Option<std::borrow::Cow<'a, str>>,
        message: Option<String>,
        #[serde(rename = "traceId")]
        trace_id: Option<String>,
    }
    let loose: Loose = serde_json::from_slice(bytes).ok()?;
    let code = loose.code?.trim().parse().ok()?;
    Some((code, loose.message, loose.trace_id))
}

/// The field list from the envelope's `data`.
pub fn decode_fields(data: &RawValue) -> Result<Vec<Box<RawValue>>, Error> {
    let mut fields = serde_json::from_str(data.get()).map_err(|e| {
        Error::Malformed(format!(
            "data is not a list of fields ({e}): {}",
            excerpt(data.get().as_bytes())
        ))
    })?;
    match keep_valid(&mut fields) {
        Some(e) => Err(e),
        None => Ok(fields),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_must_be_objects_of_bounded_depth() {
        let raw = |s: &str| RawValue::from_string(s.to_string()).unwrap();
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(depth(r#"{"a":"[[[[","b":[{"c":1}]}"#), 3);
        let mut items = vec![raw(r#"{"id":1}"#), raw(&deep), raw(r#"{"id":2}"#)];
        let error = keep_valid(&mut items).unwrap();
        assert_eq!(items.len(), 1);
        assert!(error.to_string().contains("deeper than 128"), "{error}");
        let mut items = vec![raw(r#"{"id":1}"#), raw("1"), raw("null")];
        assert!(keep_valid(&mut items)
            .unwrap()
            .to_string()
            .contains("not a JSON object"));
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn a_cursor_that_is_not_a_64_bit_integer_is_named() {
        for next in ["18446744073709551617", "1.5", "\"12\""] {
            let data = format!(r#"{{"paging":{{"next":{next}}},"customer_list":[]}}"#);
            let data = RawValue::from_string(data).unwrap();
            let error = decode_page(&data).unwrap_err().to_string();
            assert!(
                error.contains("the cursor paging.next is not a 64-bit integer"),
                "{error}"
            );
            assert!(!error.contains("floating point"), "{error}");
        }
    }

    #[test]
    fn api_answers_judged_by_their_code_whatever_its_form() {
        let ok = reqwest::StatusCode::OK;
        let verdict = |body: &str| decode_answer(ok, body.as_bytes()).map(|a| a.verdict);
        let code = |body: &str| match verdict(body) {
            Ok(Some(Error::Api { code, .. })) => Some(code),
            _ => None,
        };
        assert_eq!(code(r#"{"code":"1003","message":"x"}"#), Some(1003));
        assert_eq!(code(r#"{"code":1002}"#), Some(1002));
        for odd in [
            r#"{"code":1e3}"#,
            r#"{"code":true}"#,
            r#"{"code":0,"code":1003}"#,
        ] {
            assert!(
                matches!(verdict(odd), Ok(Some(Error::Malformed(_)))),
                "{odd}"
            );
        }
        assert!(matches!(verdict(r#"{"code":0,"data":[1]}"#), Ok(None)));
        // A code as a string keeps the message and trace id that came with it.
        let said = verdict(r#"{"code":"1003","message":"m","traceId":"t"}"#);
        let Ok(Some(Error::Api {
            message, trace_id, ..
        })) = said
        else {
            panic!("{said:?}")
        };
        assert_eq!((message.as_str(), trace_id.as_deref()), ("m", Some("t")));
        // An error status whose body claims success is named as the error status it is.
        let said = decode(reqwest::StatusCode::INTERNAL_SERVER_ERROR, br#"{"code":0}"#);
        let Err(Error::Malformed(why)) = said else {
            panic!("{said:?}")
        };
        assert!(
            why.contains("an error status with no API error code"),
            "{why}"
        );
        // JSON that is no object is said so, not in the parser's words.
        let said = verdict("[1,2,3]");
        let Ok(Some(Error::Malformed(why))) = said else {
            panic!("{said:?}")
        };
        assert!(why.contains("(an array, not an object)"), "{why}");
    }

    #[test]
    fn a_401_or_403_without_a_code_is_about_the_credentials() {
        for status in [401, 403] {
            let status = reqwest::StatusCode::from_u16(status).unwrap();
            for body in [&b"<html>no</html>"[..], br#"{"error":"Unauthorized"}"#] {
                let error = decode(status, body).unwrap_err();
                assert_eq!(error.exit_code(), 3, "{error}");
                let verdict = decode_answer(status, body).unwrap().verdict.unwrap();
                assert_eq!(verdict.exit_code(), 3, "{verdict}");
                assert!(
                    verdict.to_string().contains("check the access key"),
                    "{verdict}"
                );
            }
            // An API code says more than the status.
            let coded = decode(status, br#"{"code":1002,"message":"x"}"#).unwrap_err();
            assert_eq!(coded.exit_code(), 4);
        }
        let not_found = reqwest::StatusCode::NOT_FOUND;
        let verdict = decode_answer(not_found, b"{}").unwrap().verdict.unwrap();
        assert_eq!(verdict.exit_code(), 4);
    }

    /// The one pass over a query's answer gives what the two did, for pages and for every
    /// answer that is not one.
    #[test]
    fn a_query_answer_decodes_as_in_two_passes() {
        let two = |status, bytes: &[u8]| decode(status, bytes).and_then(|d| decode_page(&d));
        let shown = |page: Result<Page, Error>| match page {
            Ok(p) => format!(
                "{:?} {:?} {:?}",
                p.paging,
                p.customers.iter().map(|c| c.get()).collect::<Vec<_>>(),
                p.invalid.map(|e| e.to_string())
            ),
            Err(e) => format!("error {} {e}", e.exit_code()),
        };
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        let page = |list: &str| {
            format!(
                r#"{{"code":0,"message":null,"traceId":"t","data":{{"paging":{{"next":7,"after":7}},"customer_list":{list}}}}}"#
            )
        };
        let bodies = [
            page(r#"[{"id":9, "a" : [1,{"b":"]"}]},{"id":8}]"#),
            page("null"),
            page(&format!(r#"[{{"id":9}},{deep},{{"id":7}}]"#)),
            page(r#"[{"id":9},1]"#),
            page("{}"),
            r#"{"code":0,"data":{"paging":{"next":1.5},"customer_list":[]}}"#.into(),
            r#"{"code":1003,"message":"bad sign","data":null}"#.into(),
            r#"{"code":0}"#.into(),
            r#"{"code":0,"data":{"paging":{},"customer_list":[]},"code":0}"#.into(),
            "<html>".into(),
        ];
        for status in [200, 500, 401] {
            let status = reqwest::StatusCode::from_u16(status).unwrap();
            for body in &bodies {
                let one = shown(decode_query(status, body.as_bytes()));
                assert_eq!(one, shown(two(status, body.as_bytes())), "{status} {body}");
            }
        }
    }
}
