//! A failed attempt: the error, and what it says about trying again.

use super::{proxy, tls, Route};
use crate::error::{masked_url, server_text, Error};
use std::time::Duration;

/// Why an attempt failed, and what the answer said about trying again.
pub struct Failed {
    pub error: Error,
    /// The HTTP status; 0 when no answer came.
    pub status: u16,
    pub transient: bool,
    pub retry_after: Option<Duration>,
    pub server_time_ms: Option<i64>,
}

impl From<Error> for Failed {
    fn from(error: Error) -> Self {
        Failed {
            error,
            status: 0,
            transient: false,
            retry_after: None,
            server_time_ms: None,
        }
    }
}

/// A request without an answer, said with what to check: the certificate, the proxy (by
/// the variable that named it), the base URL. Only what may pass on its own is transient.
pub fn network(e: reqwest::Error, base_url: &str, route: &Route, timeout: Duration) -> Failed {
    if let Some(problem) = tls::certificate_problem(&e) {
        return Failed::from(Error::Network(tls::explain(base_url, &problem)));
    }
    // The cause chain names DNS, TLS, refused connections and tunnels; never the secret.
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        causes.push(server_text(&s.to_string()));
        source = s.source();
    }
    let cause = causes.last().map_or(String::new(), |c| format!(" ({c})"));
    if e.is_builder() {
        let length = e.url().map_or(0, |u| u.as_str().len());
        return Failed::from(Error::Usage(format!(
            "cannot make a request of this URL{cause}: it is {length} characters long (at \
             most 65534); check --base-url and the path"
        )));
    }
    let proxy = route.proxy();
    let refusal = causes.iter().find_map(|c| proxy::tunnel_refusal(c));
    if let (Some(p), Some(refusal)) = (proxy, refusal) {
        return Failed::from(Error::Network(match refusal {
            proxy::AUTH_REQUIRED => proxy::auth_required(Some(p)),
            _ => format!(
                "{refusal}: {} refused to reach {}",
                p.shown(),
                masked_url(base_url)
            ),
        }));
    }
    let base = masked_url(base_url);
    let message = match (proxy, e.is_timeout(), e.is_connect()) {
        (_, true, _) => format!(
            "no response within {} s from {base}{} (raise --timeout)",
            timeout.as_secs(),
            proxy.map_or(String::new(), |p| format!(
                " through the proxy {}",
                p.shown()
            ))
        ),
        (Some(p), _, true) => format!(
            "cannot connect through the proxy {}{cause}; check {} and the network",
            p.shown(),
            p.var
        ),
        (Some(p), _, false) => format!(
            "the request to {base} through the proxy {} failed{cause}; check {} and the network",
            p.shown(),
            p.var
        ),
        (None, _, true) => {
            format!("cannot connect to {base}{cause}; check --base-url and the network")
        }
        (None, _, false) => {
            format!("the request failed to {base}{cause}; check --base-url and the network")
        }
    };
    Failed {
        transient: true,
        ..Failed::from(Error::Network(message))
    }
}
