//! Fault injection: the sandbox misbehaves the way networks, proxies and servers do, so that
//! retries, clock-skew handling and malformed-response handling are tested over loopback.

use super::data::Rng;
use super::hostile;
use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Mutex;
use std::time::Duration;

/// Ten years: a clock off by more is no longer a clock worth emulating.
const MAX_SKEW_SECS: i64 = 10 * 366 * 86_400;

#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "Fault injection")]
pub struct Faults {
    /// Answer the first N requests with --fail-status
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fail_first: u64,
    /// Answer this share of requests (0 to 1, drawn from --seed) with --fail-status
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = super::shape::share)]
    pub fail_rate: f64,
    /// HTTP status of injected failures (100 to 599)
    #[arg(long, value_name = "STATUS", default_value_t = 503,
          value_parser = super::within::<u16>(100, 599))]
    pub fail_status: u16,
    /// Send `Retry-After: SECS` with injected failures
    #[arg(long, value_name = "SECS")]
    pub retry_after: Option<u64>,
    /// Send every `Retry-After` (of --retry-after and of --rate-limit) as an HTTP date that many
    /// seconds ahead, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, instead of a number of seconds
    #[arg(long)]
    pub retry_after_date: bool,
    /// Allow at most N requests a second, shared by all connections (a token bucket of N
    /// refilled at N a second); beyond it answer HTTP 429 with `Retry-After` (whole seconds until
    /// a token is free, at least 1) and a JSON body with code 429, before reading the request
    /// (a throttled request does not count for --fail-first, --stall-first or --garbage-after)
    #[arg(long, value_name = "N", value_parser = super::within::<u32>(1, u32::MAX as i64))]
    pub rate_limit: Option<u32>,
    /// Answer every request to the API (query and fields) with `307 Temporary Redirect` and an
    /// empty body. `Location` is URL with the request's path and query appended when URL has no
    /// path (nothing or `/` after the host), else URL as given
    #[arg(long, value_name = "URL", value_parser = super::gate::redirect_target)]
    pub redirect_to: Option<String>,
    /// Drop this share of connections in the middle of the response (0 to 1)
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = super::shape::share)]
    pub drop_rate: f64,
    /// Hold the first N requests for --stall-ms before answering (to cause client timeouts)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub stall_first: u64,
    /// How long a stalled request is held (at most 600000: ten minutes)
    #[arg(long, value_name = "MS", default_value_t = 0,
          value_parser = super::within::<u64>(0, 600_000))]
    pub stall_ms: u64,
    /// Set the sandbox's clock off by this many seconds (its `ts` check and `Date` header), at
    /// most ten years either way
    #[arg(
        long,
        value_name = "SECS",
        default_value_t = 0,
        allow_hyphen_values = true,
        value_parser = super::within::<i64>(-MAX_SKEW_SECS, MAX_SKEW_SECS)
    )]
    pub clock_skew_secs: i64,
    /// Answer queries with this kind of garbage, after the first --garbage-after requests
    #[arg(long, value_enum, value_name = "KIND")]
    pub garbage: Option<Garbage>,
    /// Requests answered normally before --garbage starts
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub garbage_after: u64,
    /// Send, from the second page on, a `paging.next` equal to the cursor just used
    #[arg(long)]
    pub repeat_cursor: bool,
    /// Send, from the second page on, an empty page that claims a next one
    #[arg(long)]
    pub empty_next: bool,
    /// Send, from the second page on, a `paging.next` one above the `after` just used: a cursor
    /// that goes the wrong way (newer) and never repeats
    #[arg(long)]
    pub wrong_way_cursor: bool,
    /// Send N customers more than a query asks for, with the cursor after the last one sent
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = super::within::<u32>(0, 1000))]
    pub overfill: u32,
    /// Start every page after the first with the last customer of the page before (a repeat)
    #[arg(long)]
    pub repeat_customers: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Garbage {
    /// A proxy's HTML page, HTTP 200
    Html,
    /// Plain text
    Text,
    /// The JSON answer cut in half
    Truncated,
    /// Valid JSON of the wrong shape
    Shape,
    /// An answer of 17 MiB
    Huge,
    /// Code 1002 (HTTP 200) whose message holds terminal escapes, forged lines, U+202E and
    /// U+2028, then 2 MiB of padding; its traceId is an OSC 52 clipboard write
    EscapeMessage,
    /// The normal page, its first customer with a field of 100 000 nested arrays
    Deep,
    /// The normal page, its customer_list the first customer then `1, "str", null, []`
    NonObjects,
    /// The normal page, every customer's weight 18446744073709551617 (2^64 + 1)
    HugeNumber,
}

pub struct Injector {
    pub faults: Faults,
    rng: Mutex<Rng>,
}

impl Injector {
    pub fn new(faults: Faults, seed: u64) -> Self {
        Injector {
            faults,
            rng: Mutex::new(Rng::new(seed ^ 0xFA17)),
        }
    }

    fn draw(&self, share: f64) -> bool {
        share > 0.0 && {
            let mut rng = self
                .rng
                .lock()
                .expect("the fault generator is never poisoned");
            (rng.below(1_000_000) as f64) < share * 1_000_000.0
        }
    }

    /// Faults that hit any request before the API sees it: stalls, failures, dropped connections.
    pub async fn before(&self, n: u64) -> Option<Response> {
        let f = &self.faults;
        if n < f.stall_first {
            tokio::time::sleep(Duration::from_millis(f.stall_ms)).await;
        }
        if n < f.fail_first || self.draw(f.fail_rate) {
            let status =
                StatusCode::from_u16(f.fail_status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut response =
                (status, format!("injected failure: HTTP {status}\n")).into_response();
            if let Some(secs) = f.retry_after {
                let now_ms = crate::wire::now_ms() + f.clock_skew_secs * 1000;
                let value = super::gate::retry_after(secs, f.retry_after_date, now_ms);
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            return Some(response);
        }
        if self.draw(f.drop_rate) {
            // Part of a body, then an error: the server closes the connection mid-response.
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(Bytes::from_static(
                    b"{\"code\":0,\"data\":{\"customer_list\":[",
                )),
                Err(std::io::Error::other("injected connection drop")),
            ];
            let body = Body::from_stream(futures_util::stream::iter(chunks));
            return Some(([(header::CONTENT_TYPE, "application/json")], body).into_response());
        }
        None
    }

    /// Garbage in place of a query's answer; `good` is the answer it replaces.
    pub fn garbage(&self, n: u64, good: &[u8]) -> Option<Response> {
        let kind = self
            .faults
            .garbage
            .filter(|_| n >= self.faults.garbage_after)?;
        let json =
            |body: Vec<u8>| ([(header::CONTENT_TYPE, "application/json")], body).into_response();
        Some(match kind {
            Garbage::Html => (
                [(header::CONTENT_TYPE, "text/html")],
                "<html><head><title>502 Bad Gateway</title></head><body>\x1b[2J<h1>Bad Gateway</h1></body></html>",
            )
                .into_response(),
            Garbage::Text => "OK".into_response(),
            Garbage::Truncated => json(good[..good.len() / 2].to_vec()),
            Garbage::Shape => json(br#"{"code":0,"data":{"items":[{"id":1}]}}"#.to_vec()),
            Garbage::Huge => {
                let mut body = b"{\"code\":0,\"data\":".to_vec();
                body.resize(body.len() + 17 * 1024 * 1024, b' ');
                body.extend_from_slice(b"null}");
                json(body)
            }
            Garbage::EscapeMessage => json(hostile::escape_message()),
            Garbage::Deep | Garbage::NonObjects | Garbage::HugeNumber => {
                // Only a normal page can be spliced; anything else goes out as it is.
                json(hostile::splice(kind, good)?)
            }
        })
    }
}
