//! `nxcdp sandbox`: a local emulator of the CDP customer API, like stripe-mock for Stripe.
//!
//! It checks every header and the signature with the same [`crate::sign`] module the client uses,
//! validates bodies, applies every filter and pages by cursor as API.md's "our reading" says,
//! creates customers (batch_create, `--arrivals`) and shows some of them late (section 9).

pub mod arrivals;
mod create;
pub mod data;
mod draws;
pub mod faults;
mod fields;
mod gate;
mod hostile;
pub mod planted;
pub mod population;
pub mod query;
pub mod shape;
pub mod store;
pub mod tls;
mod words;

use crate::sign::{self, Algorithm, HeaderFields, Secret};
use crate::wire::{self, ApiCode, Envelope, BATCH_CREATE_PATH, FIELDS_PATH, QUERY_PATH};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use serde::Serialize;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

pub const DEFAULT_ACCESS_KEY: &str = "sandbox";
pub const DEFAULT_ACCESS_SECRET: &str = "sandbox-secret";
pub const DEFAULT_TENANT_ID: i64 = 1;
pub const DEFAULT_APP_KEY: &str = "sandbox";
pub const DEFAULT_CUSTOMERS: usize = 1000;
pub const DEFAULT_SEED: u64 = 42;
/// The environment variable of `--as-of`; `--sandbox` reads it too.
pub const AS_OF_ENV: &str = "NXCDP_SANDBOX_AS_OF";

#[derive(Clone, Debug, clap::Args)]
pub struct Config {
    /// Port to listen on, on 127.0.0.1; 0 picks a free one
    #[arg(long, default_value_t = 8080, value_parser = within::<u16>(0, 65_535))]
    pub port: u16,
    /// How many customers to generate (at most 10 000 000), each made when a page asks for it:
    /// any number starts at once and takes no memory
    #[arg(long, default_value_t = DEFAULT_CUSTOMERS, value_parser = customers)]
    pub customers: usize,
    /// Seed for the generated data: the same seed gives the same customers
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Generate the customers as of this RFC 3339 time (created in the two years before it)
    /// instead of as of the start: sandboxes with the same seed and --as-of serve the very same
    /// data, created_at included
    #[arg(long, value_name = "TIME", env = AS_OF_ENV, value_parser = data::parse_as_of)]
    pub as_of: Option<i64>,
    /// Access key the sandbox accepts
    #[arg(long, default_value = DEFAULT_ACCESS_KEY)]
    pub access_key: String,
    /// Access secret the sandbox verifies signatures with (not a real secret)
    #[arg(long, default_value = DEFAULT_ACCESS_SECRET)]
    pub access_secret: String,
    /// Tenant id the sandbox serves
    #[arg(long, default_value_t = DEFAULT_TENANT_ID)]
    pub tenant_id: i64,
    /// App key the sandbox serves
    #[arg(long, default_value = DEFAULT_APP_KEY)]
    pub app_key: String,
    /// Delay every response by this many milliseconds, to study paging over a slow network (at
    /// most 600000: ten minutes)
    #[arg(long, default_value_t = 0, value_name = "MS",
          value_parser = within::<u64>(0, 600_000))]
    pub latency_ms: u64,
    #[command(flatten)]
    pub new_customers: arrivals::NewCustomers,
    #[command(flatten)]
    pub shape: shape::Shape,
    #[command(flatten)]
    pub faults: faults::Faults,
    #[command(flatten)]
    pub tls: tls::TlsArgs,
}

fn customers(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n <= 10_000_000 => Ok(n),
        _ => Err(format!(
            "{text:?}: give a number of customers from 0 to 10000000"
        )),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            customers: DEFAULT_CUSTOMERS,
            seed: DEFAULT_SEED,
            as_of: None,
            access_key: DEFAULT_ACCESS_KEY.into(),
            access_secret: DEFAULT_ACCESS_SECRET.into(),
            tenant_id: DEFAULT_TENANT_ID,
            app_key: DEFAULT_APP_KEY.into(),
            latency_ms: 0,
            new_customers: arrivals::NewCustomers::default(),
            shape: shape::Shape::default(),
            faults: faults::Faults::default(),
            tls: tls::TlsArgs::default(),
        }
    }
}

/// A business error: the API's `code` and `message`.
struct Refusal(ApiCode, String);

fn refuse<T>(code: ApiCode, message: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(code, message.into()))
}

struct Sandbox {
    config: Config,
    secret: Secret,
    /// Read by queries, written by batch_create and arrivals.
    store: RwLock<store::Store>,
    /// What makes new customers; locked before the store.
    maker: Mutex<arrivals::Maker>,
    requests: AtomicU64,
    injector: faults::Injector,
    limiter: Option<gate::Limiter>,
}

/// Why a sandbox could not start, for the command to explain.
#[derive(Debug)]
pub enum StartError {
    /// 127.0.0.1:port cannot be listened on: taken, or not allowed.
    Listen { port: u16, source: std::io::Error },
    /// The `--log` file cannot be created.
    Log {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Listen { port, source } => {
                write!(f, "cannot listen on 127.0.0.1:{port}: {source}")
            }
            StartError::Log { path, source } => {
                write!(f, "cannot create the log file {path:?}: {source}")
            }
        }
    }
}

impl std::error::Error for StartError {}

/// Binds the listener and returns its address and the server future. The server answers as soon
/// as the future is polled (and `--arrivals` start then); the socket already accepts connections
/// when this returns.
pub async fn bind(
    config: Config,
) -> anyhow::Result<(SocketAddr, impl Future<Output = std::io::Result<()>>)> {
    let port = config.port;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|source| StartError::Listen { port, source })?;
    let addr = listener.local_addr()?;
    let acceptor = config
        .tls
        .acceptor()
        .map_err(|e| anyhow::anyhow!("sandbox: {e}"))?;
    let maker = arrivals::Maker::new(&config)?;
    let origin = config.as_of.unwrap_or_else(data::anchor_ms) - shape::SPAN_MS;
    let customers = data::Population::new(
        config.customers,
        config.seed,
        config.tenant_id,
        &config.shape,
        origin,
    );
    let state = Arc::new(Sandbox {
        secret: Secret::new(config.access_secret.clone()),
        store: RwLock::new(store::Store::new(customers, origin)),
        maker: Mutex::new(maker),
        injector: faults::Injector::new(config.faults.clone(), config.seed),
        limiter: config.faults.rate_limit.map(gate::Limiter::new),
        config,
        requests: AtomicU64::new(0),
    });
    let app = Router::new()
        .route(QUERY_PATH, post(query::query))
        .route(FIELDS_PATH, get(fields::fields))
        .route(BATCH_CREATE_PATH, post(create::batch_create))
        .fallback(elsewhere)
        // Every request meets the gate, another product's and an unknown path's too: the rate
        // limit is the account's.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gate::gate,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), latency))
        .with_state(state.clone());
    Ok((addr, async move {
        let serve = async move {
            match acceptor {
                Some(acceptor) => {
                    axum::serve(tls::TlsListener::new(listener, acceptor)?, app).await
                }
                None => {
                    // No Nagle delay: a page's last segment leaves at once instead of waiting
                    // for an ACK.
                    let listener = listener.tap_io(|tcp| {
                        let _ = tcp.set_nodelay(true);
                    });
                    axum::serve(listener, app).await
                }
            }
        };
        tokio::select! {
            result = serve => result,
            never = arrivals::run(state) => match never {},
        }
    }))
}

/// A path the sandbox does not serve. Signed for another product (`bizType` other than the
/// CDP's), it is refused as the API refuses it: 1002 (or 1001 without every header). Otherwise
/// it is a wrong URL: HTTP 404.
async fn elsewhere(
    State(sb): State<Arc<Sandbox>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let biz_type = headers.get(wire::BIZ_TYPE).and_then(|v| v.to_str().ok());
    if biz_type.is_some_and(|b| b != wire::CDP_BIZ_TYPE) {
        if let Err(fault) = sb.begin().await {
            return fault;
        }
        if let Err(refusal) = sb.authenticate(&method, &headers, &body) {
            return sb.answer::<()>(Err(refusal));
        }
    }
    (
        StatusCode::NOT_FOUND,
        "no such endpoint in the nxcdp sandbox\n",
    )
        .into_response()
}

/// `--latency-ms`: every answer leaves that long after its request arrived, however long the
/// sandbox took to prepare it, so pages x latency is the true floor of a sequential walk. Every
/// answer's `Date` is the sandbox's clock (`--clock-skew-secs`), whatever the route.
async fn latency(
    State(sb): State<Arc<Sandbox>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let deadline = std::time::Instant::now() + Duration::from_millis(sb.config.latency_ms);
    let mut response = next.run(request).await;
    // Every answer's `Date` follows the sandbox's (possibly skewed) clock, as a server's would.
    if let Ok(date) = header::HeaderValue::from_str(&gate::http_date(sb.now_ms())) {
        response.headers_mut().insert(header::DATE, date);
    }
    // tokio's timer has millisecond ticks and wakes up to a tick late: 5% of 20 ms. A thread
    // sleeps most of the wait and spins the last fraction of a millisecond, to be on time.
    let wait = deadline.saturating_duration_since(std::time::Instant::now());
    if !wait.is_zero() {
        let _ = tokio::task::spawn_blocking(move || {
            std::thread::sleep(wait.saturating_sub(Duration::from_micros(300)));
            while std::time::Instant::now() < deadline {
                std::hint::spin_loop();
            }
        })
        .await;
    }
    response
}

/// The sandbox's base URL: `https://` with `--tls`.
pub fn base_url(addr: SocketAddr, config: &Config) -> String {
    let scheme = if config.tls.enabled() {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{addr}")
}

/// The lines `nxcdp sandbox` prints: the base URL, then environment lines to paste.
pub fn env_lines(addr: SocketAddr, config: &Config) -> Vec<String> {
    let base = base_url(addr, config);
    vec![
        base.clone(),
        format!("export NXCDP_BASE_URL={base}"),
        format!("export NXCDP_ACCESS_KEY={}", config.access_key),
        format!("export NXCDP_ACCESS_SECRET={}", config.access_secret),
        format!("export NXCDP_TENANT_ID={}", config.tenant_id),
        format!("export NXCDP_APP_KEY={}", config.app_key),
    ]
}

impl Sandbox {
    /// Starts a request: counts it, and injects the faults that come before the API (stalls,
    /// failures, dropped connections).
    async fn begin(&self) -> Result<u64, Response> {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        match self.injector.before(n).await {
            Some(fault) => Err(fault),
            None => Ok(n),
        }
    }

    fn now_ms(&self) -> i64 {
        wire::now_ms() + self.config.faults.clock_skew_secs * 1000
    }

    fn reply<T: Serialize>(&self, code: i64, message: Option<String>, data: Option<T>) -> Response {
        let body = Envelope {
            code: Some(code),
            message,
            trace_id: Some(format!("{:016x}{:016x}", self.config.seed, self.now_ms())),
            data,
        };
        // The `Date` header follows the sandbox's (possibly skewed) clock, as a server's would.
        let date = gate::http_date(self.now_ms());
        (
            [
                (header::CONTENT_TYPE, "application/json".to_string()),
                (header::DATE, date),
            ],
            serde_json::to_vec(&body).expect("sandbox replies always serialize"),
        )
            .into_response()
    }

    fn answer<T: Serialize>(&self, result: Result<T, Refusal>) -> Response {
        match result {
            Ok(data) => self.reply(0, None, Some(data)),
            Err(Refusal(code, message)) => self.reply::<()>(code.code(), Some(message), None),
        }
    }

    /// Checks the headers and the signature, in the order 1001, 1002, 1005, 1004, 1003.
    fn authenticate(
        &self,
        method: &Method,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Refusal> {
        let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let mut missing = wire::REQUIRED_HEADERS
            .into_iter()
            .filter(|h| value(h).is_none_or(str::is_empty));
        if let Some(h) = missing.next() {
            return refuse(ApiCode::MissingParameters, format!("missing header: {h}"));
        }
        let [access_key, ts, biz_type, action, sign] =
            wire::REQUIRED_HEADERS.map(|h| value(h).unwrap_or_default());
        if biz_type != wire::CDP_BIZ_TYPE {
            return refuse(
                ApiCode::ParameterError,
                format!("bizType must be \"2\", got {biz_type:?}"),
            );
        }
        if action != wire::CDP_ACTION {
            return refuse(
                ApiCode::ParameterError,
                format!("action must be \"mt\", got {action:?}"),
            );
        }
        let Some(algorithm) = Algorithm::from_header(value(wire::ALGORITHM)) else {
            return refuse(ApiCode::ParameterError, "algorithm must be md5 or sha256");
        };
        if access_key != self.config.access_key {
            return refuse(ApiCode::InsufficientPermissions, "unknown accessKey");
        }
        let now = self.now_ms();
        match ts.parse::<i64>() {
            Ok(t) if (t - now).abs() <= wire::TS_WINDOW_MS => {}
            _ => {
                return refuse(
                    ApiCode::TimestampExpired,
                    format!("ts {ts} is not within 60 s of {now} (ms)"),
                )
            }
        }
        if method == Method::POST {
            let json = value("content-type").is_some_and(|c| c.starts_with("application/json"));
            if !json {
                return refuse(
                    ApiCode::InvalidSignature,
                    "invalid signature: Content-Type must be application/json",
                );
            }
        }
        let fields = HeaderFields {
            access_key,
            action,
            biz_type,
            ts,
        };
        let expected = sign::signature(algorithm, &fields, body, &self.secret);
        if !sign::verify(&expected, sign) {
            return refuse(ApiCode::InvalidSignature, "invalid signature");
        }
        Ok(())
    }

    fn check_tenant(&self, tenant_id: i64, app_key: &str) -> Result<(), Refusal> {
        if tenant_id != self.config.tenant_id || app_key != self.config.app_key {
            return refuse(
                ApiCode::ParameterError,
                "tenant_id and app_key do not name a tenant of this account",
            );
        }
        Ok(())
    }
}

/// A whole number from `least` to `most` for the sandbox's flags, refused in words (clap's own
/// ranges print Rust's `0..=600000`).
pub fn within<T: TryFrom<i64> + Clone + Send + Sync + 'static>(
    least: i64,
    most: i64,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let n = text.trim().parse::<i64>().ok();
        n.filter(|n| (least..=most).contains(n))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| format!("expected a whole number from {least} to {most}, got {text:?}"))
    }
}
