//! `-v` and `-vv`: each request and response on stderr, server text escaped.

use super::Prepared;
use crate::error::{excerpt, masked_url, server_text};
use crate::wire::Envelope;
use serde_json::value::RawValue;
use std::time::Instant;

/// A request as sent; with `-vv` its headers and body.
pub fn request(level: u8, req: &Prepared) {
    if level == 0 {
        return;
    }
    crate::say!("> {} {}", req.method, masked_url(&req.url));
    if level > 1 {
        for (name, value) in &req.headers {
            crate::say!("> {name}: {value}");
        }
        if !req.body.is_empty() {
            crate::say!("> {}", String::from_utf8_lossy(&req.body));
        }
    }
}

/// An answer: status, API code, traceId, size and time; with `-vv` its headers and body.
pub fn response(
    level: u8,
    status: reqwest::StatusCode,
    headers: &reqwest::header::HeaderMap,
    bytes: &[u8],
    started: Instant,
) {
    if level == 0 {
        return;
    }
    let envelope: Option<Envelope<&RawValue>> = serde_json::from_slice(bytes).ok();
    let envelope = envelope.as_ref();
    crate::say!(
        "< HTTP {} code {} traceId {} ({} bytes, {} ms)",
        status.as_u16(),
        envelope
            .and_then(|e| e.code)
            .map_or("-".into(), |c| c.to_string()),
        envelope
            .and_then(|e| e.trace_id.as_deref())
            .map_or("-".into(), server_text),
        bytes.len(),
        started.elapsed().as_millis()
    );
    if level > 1 {
        // Server text, names included.
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            crate::say!("< {}: {}", server_text(name.as_str()), server_text(&value));
        }
        crate::say!("< {}", excerpt(bytes));
    }
}
