//! Signed requests over one reused HTTP connection, and the API's envelope turned into data or
//! an [`Error`] that says what went wrong.

mod clock;
mod decode;
mod failed;
mod limit;
mod pace;
mod proxy;
mod request;
mod tls;
mod verbose;

use failed::Failed;
use pace::{backoff, retry_after};

pub use clock::{judge as judge_clocks, Offset, Skew};
pub use decode::{decode, decode_answer, decode_page, depth, Answer, Page, MAX_DEPTH};
pub use pace::{http_date_ms, Status as PaceStatus};
pub use proxy::{route, Proxy, Route, AUTH_REQUIRED};
pub use request::{shell_quote, url_encode, Prepared};

use crate::config::Target;
use crate::error::{server_text, Error};
use crate::query::QueryBody;
use crate::sign::{self, Algorithm, HeaderFields};
use crate::wire::{self, now_ms, ApiCode, FIELDS_PATH, QUERY_PATH};
use serde_json::value::RawValue;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

/// Responses larger than this are refused rather than buffered; a page of 50 customers is ~50 KB.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How the client behaves, from the global flags.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub algorithm: Algorithm,
    pub timeout: Duration,
    /// Retries of a request after a network error, a timeout, HTTP 429 or 5xx.
    pub retries: u32,
    pub verbose: u8,
    pub quiet: bool,
    /// How many requests may be in flight at once (`--parallel`).
    pub concurrency: usize,
    /// `--rate`: requests per second at most.
    pub rate: Option<f64>,
}

/// The longest `Retry-After` nxcdp waits; a longer one is an error that says when to try again.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);
/// How long one request may be throttled in all before nxcdp gives up on it.
pub const MAX_THROTTLED: Duration = Duration::from_secs(15 * 60);

pub struct Client {
    http: reqwest::Client,
    target: Target,
    settings: Settings,
    /// Milliseconds to add to this machine's clock, learnt from the server's `Date` on 1004.
    clock_offset_ms: AtomicI64,
    /// Where the server's clock stood at the last answer with a `Date`.
    observed: clock::Observed,
    pace: pace::Pace,
    /// Through which proxy, if any, the requests go.
    route: Route,
}

impl Client {
    pub fn new(target: Target, settings: Settings) -> Result<Self, Error> {
        // The proxy is chosen here, once, rather than by reqwest: to be named, and refused when
        // its variable is not a URL.
        let route = proxy::route(&target.base_url)?;
        let mut builder = reqwest::Client::builder()
            .no_proxy()
            .user_agent(concat!("nxcdp/", env!("CARGO_PKG_VERSION")))
            .tcp_nodelay(true)
            // The API does not redirect; a 3xx is a proxy or a wrong base URL, and following it
            // would re-send the signed request somewhere else (API.md §7).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)));
        if let Route::Proxied(p) = &route {
            let proxy = reqwest::Proxy::all(&p.url)
                .map_err(|e| Error::Usage(format!("{}: cannot use this proxy: {e}", p.shown())))?;
            builder = builder.proxy(proxy);
        }
        if let (Some(line), true) = (route.describe(), settings.verbose > 0) {
            crate::say!("* {line}");
        }
        let http = tls::trust(builder, target.ca_cert.as_ref())?
            .build()
            .map_err(|e| Error::Network(format!("cannot set up HTTP: {e}")))?;
        Ok(Client {
            http,
            target,
            settings,
            clock_offset_ms: AtomicI64::new(0),
            observed: clock::Observed::default(),
            pace: pace::Pace::new(settings.concurrency, settings.rate),
            route,
        })
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Milliseconds this client adds to this machine's clock to sign: not 0 once a 1004 made it
    /// retry on the server's time (`nxcdp doctor` says a request passed only so).
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.load(Ordering::Relaxed)
    }

    /// Where the server's clock stood against this machine's at the last answer that had a
    /// `Date`; `None` before one.
    pub fn server_clock(&self) -> Option<Offset> {
        self.observed.last()
    }

    /// Through which proxy, if any, the requests go (and which variable said so).
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// How the run is being throttled, for the progress line.
    pub fn pace(&self) -> PaceStatus {
        self.pace.status()
    }

    /// Signs a CDP request now. The body bytes given are the ones hashed and the ones sent.
    pub fn prepare(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        body: Vec<u8>,
    ) -> Prepared {
        let cdp = (wire::CDP_BIZ_TYPE, wire::CDP_ACTION);
        self.prepare_with(cdp, method, path_and_query, body)
    }

    /// Signs a request to any NXCloud endpoint now (API.md section 6): the same signature, with
    /// the product's `bizType` and `action`.
    pub fn prepare_with(
        &self,
        (biz_type, action): (&str, &str),
        method: reqwest::Method,
        path_and_query: &str,
        body: Vec<u8>,
    ) -> Prepared {
        let ts = (now_ms() + self.clock_offset_ms.load(Ordering::Relaxed)).to_string();
        let fields = HeaderFields {
            access_key: &self.target.access_key,
            action,
            biz_type,
            ts: &ts,
        };
        let sign = sign::signature(self.settings.algorithm, &fields, &body, &self.target.secret);
        let mut headers = vec![
            (wire::ACCESS_KEY.into(), self.target.access_key.clone()),
            (wire::TS.into(), ts.clone()),
            (wire::BIZ_TYPE.into(), biz_type.to_string()),
            (wire::ACTION.into(), action.to_string()),
            (wire::SIGN.into(), sign),
            (
                wire::ALGORITHM.into(),
                self.settings.algorithm.header_value().to_string(),
            ),
        ];
        if !body.is_empty() {
            headers.push(("Content-Type".into(), "application/json".to_string()));
        }
        Prepared {
            method,
            url: format!("{}{path_and_query}", self.target.base_url),
            headers,
            body,
        }
    }

    pub fn prepare_query(&self, body: &QueryBody) -> Prepared {
        self.prepare(reqwest::Method::POST, QUERY_PATH, body.to_bytes())
    }

    pub fn prepare_fields(&self, is_preset: Option<bool>) -> Prepared {
        let mut path = format!(
            "{FIELDS_PATH}?tenant_id={}&app_key={}",
            self.target.tenant_id,
            request::url_encode(&self.target.app_key)
        );
        if let Some(p) = is_preset {
            path.push_str(&format!("&is_preset={p}"));
        }
        self.prepare(reqwest::Method::GET, &path, Vec::new())
    }

    pub async fn query_page(&self, body: &QueryBody) -> Result<Page, Error> {
        self.send_with(|| self.prepare_query(body), decode::decode_query)
            .await
    }

    pub async fn fields(&self, is_preset: Option<bool>) -> Result<Vec<Box<RawValue>>, Error> {
        let data = self.send(|| self.prepare_fields(is_preset)).await?;
        decode::decode_fields(&data)
    }

    /// `nxcdp api`: sends as [`Client::send`] does (retries, pace, clock) and returns the whole
    /// answer with what its `code` and status say.
    pub async fn send_raw(&self, prepare: impl Fn() -> Prepared) -> Result<Answer, Error> {
        self.send_with(prepare, decode_answer).await
    }

    async fn send(&self, prepare: impl Fn() -> Prepared) -> Result<Box<RawValue>, Error> {
        self.send_with(prepare, decode).await
    }

    /// Sends until an answer, a final error, or the retries are spent. Every attempt is signed
    /// anew, so its `ts` is fresh, and waits for its turn in the run's [`pace::Pace`].
    /// Throttling (a 429, or a `Retry-After`) is not a failure: it spends no retry, up to
    /// [`MAX_THROTTLED`] of waiting. `decode` turns an answer into the result or its error.
    async fn send_with<T>(
        &self,
        prepare: impl Fn() -> Prepared,
        decode: impl Fn(reqwest::StatusCode, &[u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut retried = 0;
        let mut clock_fixed = false;
        // When this request was first throttled, and how often since.
        let mut throttled: Option<(Instant, u32)> = None;
        loop {
            let permit = self.pace.acquire().await;
            // The clock this attempt is signed on (an answer may change it before its 1004 is read).
            let signed_with = self.clock_offset_ms.load(Ordering::Relaxed);
            let failed = match self.attempt(prepare(), &decode).await {
                Ok(data) => {
                    permit.answered();
                    return Ok(data);
                }
                Err(failed) => failed,
            };
            if failed.transient && (failed.status == 429 || failed.retry_after.is_some()) {
                let (since, times) = throttled.get_or_insert((Instant::now(), 0));
                *times += 1;
                // A wait of nothing (`Retry-After: 0`, a date gone by) would be a storm of
                // requests: such an answer gets the backoff of an ordinary retry.
                let wait = failed
                    .retry_after
                    .filter(|w| *w >= Duration::from_millis(100))
                    .unwrap_or_else(|| backoff(*times - 1));
                let waited = since.elapsed();
                if wait > MAX_RETRY_AFTER || waited + wait > MAX_THROTTLED {
                    return Err(Error::Network(format!(
                        "the server keeps asking nxcdp to slow down (HTTP {}, next attempt in {} s); \
                         gave up after {} s of being throttled: try again later, or lower --parallel or --rate",
                        failed.status,
                        wait.as_secs(),
                        waited.as_secs()
                    )));
                }
                permit.throttled(wait);
                if self.settings.verbose > 0 {
                    crate::say!(
                        "! {}; throttled, every request waits: next attempt in {} ms at the soonest",
                        first_line(&failed.error.to_string()),
                        wait.as_millis()
                    );
                }
                continue;
            }
            // Any other answer passed the server's limit; no answer says nothing of it.
            if failed.status != 0 {
                permit.answered();
            } else {
                drop(permit);
            }
            let expired = matches!(failed.error, Error::Api { code, .. }
                if code == ApiCode::TimestampExpired.code());
            if let (true, Some(server), false) = (expired, failed.server_time_ms, clock_fixed) {
                // The offset follows the server both ways, learnt anew on each 1004: a long run
                // outlives a server's clock being set, forward or back.
                let offset = match clock::judge(server, now_ms()) {
                    clock::Skew::Absurd => return Err(clock::absurd(failed.error, server)),
                    clock::Skew::Off(offset) => offset,
                    clock::Skew::None => 0,
                };
                // Signed on that clock already: the 1004 is not the clock, it stands.
                if (offset - signed_with).abs() > 1000 {
                    // Said once, whoever learnt it first (this answer's `Date` may have).
                    let was = self.clock_offset_ms.swap(offset, Ordering::Relaxed);
                    clock_fixed = true;
                    if was != offset && !self.settings.quiet {
                        match offset {
                            0 => crate::say!("{}", clock::AGREES_AGAIN),
                            _ => crate::say!("warning: {}", clock::retrying(offset)),
                        }
                    }
                    continue;
                }
            }
            if !failed.transient || retried >= self.settings.retries {
                return Err(match failed.error {
                    Error::Network(m) if retried > 0 => {
                        Error::Network(format!("{m} (gave up after {} attempts)", retried + 1))
                    }
                    other => other,
                });
            }
            let delay = failed.retry_after.unwrap_or_else(|| backoff(retried));
            retried += 1;
            if self.settings.verbose > 0 {
                crate::say!(
                    "! {}; retry {retried} of {} in {} ms",
                    first_line(&failed.error.to_string()),
                    self.settings.retries,
                    delay.as_millis()
                );
            }
            tokio::time::sleep(delay).await;
        }
    }

    /// One request and its answer, decoded: the envelope's `data` when `code` is 0 for
    /// [`decode`].
    async fn attempt<T>(
        &self,
        req: Prepared,
        decode: &impl Fn(reqwest::StatusCode, &[u8]) -> Result<T, Error>,
    ) -> Result<T, Failed> {
        let started = Instant::now();
        verbose::request(self.settings.verbose, &req);
        let mut builder = self.http.request(req.method.clone(), &req.url);
        for (name, value) in &req.headers {
            builder = builder.header(name.as_ref(), value);
        }
        // A certificate that is not trusted stays so, a proxy that wants credentials still does,
        // and a request the client cannot even build (a URL too long) fails again: none of them
        // is retried.
        let network =
            |e| failed::network(e, &self.target.base_url, &self.route, self.settings.timeout);
        let sent_ms = clock::steady_now_ms();
        let mut response = builder.body(req.body).send().await.map_err(network)?;
        let status = response.status();
        let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok());
        if status.is_redirection() || status == reqwest::StatusCode::PROXY_AUTHENTICATION_REQUIRED {
            verbose::response(
                self.settings.verbose,
                status,
                response.headers(),
                b"",
                started,
            );
            if !status.is_redirection() {
                let message = proxy::auth_required(self.route.proxy());
                return Err(Failed::from(Error::Network(message)));
            }
            // Bytes that are not ASCII are still the Location the server sent: shown, escaped.
            let location = response.headers().get(reqwest::header::LOCATION);
            let location = location.map_or("(no Location)".into(), |v| {
                server_text(&String::from_utf8_lossy(v.as_bytes()))
            });
            return Err(Failed::from(Error::Network(format!(
                "the server answered HTTP {status} with a redirect to {location}; the API does \
                 not redirect, so nxcdp sent nothing there: check --base-url or --region"
            ))));
        }
        let server_time_ms = header(reqwest::header::DATE).and_then(http_date_ms);
        if let Some(date) = server_time_ms {
            self.server_dated(date, sent_ms);
        }
        let retry_after = header(reqwest::header::RETRY_AFTER)
            .and_then(|v| retry_after(v, server_time_ms.unwrap_or_else(now_ms)));
        // 429 and 5xx say "try again later", whatever the body holds.
        let transient = status.as_u16() == 429 || status.is_server_error();
        let fail = |error| Failed {
            error,
            status: status.as_u16(),
            transient,
            retry_after,
            server_time_ms,
        };
        let headers = response.headers().clone();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(fail(Error::Malformed(format!(
                    "the response is larger than {MAX_RESPONSE_BYTES} bytes; refusing it"
                ))));
            }
            bytes.extend_from_slice(&chunk);
        }
        verbose::response(self.settings.verbose, status, &headers, &bytes, started);
        decode(status, &bytes).map_err(|error| Failed {
            // Errors in the request or the credentials repeat on every attempt.
            transient: transient
                && !matches!(error, Error::Api { code, .. }
                    if ApiCode::from_code(code).is_some_and(|c| c != ApiCode::TimestampExpired)),
            ..fail(error)
        })
    }
}

impl Client {
    /// Every answer's `Date` says where the server's clock stands; once it agrees with this
    /// machine's again, signing on the server's time learnt from a 1004 stops.
    fn server_dated(&self, date_ms: i64, sent_ms: i64) {
        let received_ms = clock::steady_now_ms();
        let signed_with = self.clock_offset_ms.load(Ordering::Relaxed);
        self.observed.record(Offset::of_answer(
            date_ms,
            sent_ms,
            received_ms,
            signed_with,
        ));
        let agrees = signed_with != 0 && clock::judge(date_ms, now_ms()) == clock::Skew::None;
        // Once, however many answers in flight say so.
        let dropped = agrees
            && (self.clock_offset_ms)
                .compare_exchange(signed_with, 0, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok();
        if dropped && !self.settings.quiet {
            crate::say!("{}", clock::AGREES_AGAIN);
        }
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}
