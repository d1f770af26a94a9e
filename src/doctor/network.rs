//! The steps on the wire: DNS and TCP to the first hop (the API or its proxy), TLS to the API
//! (through the proxy's tunnel), and the server's clock.

use super::probe::{self, Endpoint};
use super::Step;
use crate::transport::{Proxy, Skew, AUTH_REQUIRED};
use std::path::PathBuf;
use std::time::Duration;

/// How a connection reaches the API: directly, or through a proxy.
pub(super) struct Way {
    pub to: Endpoint,
    pub proxy: Option<Proxy>,
    pub within: Duration,
    /// The CA to trust besides the others, and where it was set (`--ca-cert`, ...).
    pub ca: Option<(PathBuf, &'static str)>,
}

impl Way {
    /// The first hop: the proxy, or the API itself.
    fn hop(&self) -> Endpoint {
        let proxy = self.proxy.as_ref().and_then(|p| Endpoint::of(&p.url));
        proxy.unwrap_or_else(|| self.to.clone())
    }

    /// `Proxy-Authorization` for a proxy URL with a user (and a password).
    fn auth(&self) -> Option<String> {
        use base64::Engine;
        let url = reqwest::Url::parse(&self.proxy.as_ref()?.url).ok()?;
        if url.username().is_empty() {
            return None;
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let pair = format!(
            "{}:{}",
            decode(url.username()),
            decode(url.password().unwrap_or(""))
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        Some(format!("Basic {encoded}"))
    }
}

/// DNS and TCP to the first hop, the proxy's answer when there is one, TLS to the API (through
/// the proxy's tunnel), then the API's clock. `None` when the API cannot be reached; the clock
/// step otherwise.
/// A failed step names the steps after it as not checked.
pub(super) async fn network(way: &Way, report: &mut dyn FnMut(Step)) -> Option<Step> {
    let (hop, within) = (way.hop(), way.within);
    let what = match way.proxy {
        Some(_) => "the proxy ",
        None => "",
    };
    // Where the first hop is set: what to check when it cannot be reached.
    let (dns_hint, tcp_hint) = match &way.proxy {
        Some(p) => (
            format!(
                "check {}: the proxy's host name, and this machine's DNS",
                p.var
            ),
            format!("check {}: is a proxy running there, at that port?", p.var),
        ),
        None => (
            "check the base URL (--base-url, --region) and this machine's DNS".into(),
            "is the host reachable from this network? a firewall may need a proxy (HTTPS_PROXY)"
                .into(),
        ),
    };
    let addrs = match probe::resolve(&hop.host, hop.port, within).await {
        Ok(addrs) => {
            let shown: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
            report(Step::ok(
                "DNS",
                format!("{what}{} → {}", hop.host, shown.join(", ")),
            ));
            addrs
        }
        Err(e) => {
            report(Step::fail(
                "DNS",
                5,
                format!("cannot resolve {what}{}: {e}", hop.host),
                dns_hint,
            ));
            super::skip_after(report, "DNS", false, "the API cannot be reached");
            return None;
        }
    };
    let (stream, addr, took) = match probe::connect(&addrs, within).await {
        Ok(found) => found,
        Err(e) => {
            report(Step::fail(
                "TCP",
                5,
                format!("cannot connect to {what}{e}"),
                tcp_hint,
            ));
            super::skip_after(report, "TCP", false, "the API cannot be reached");
            return None;
        }
    };
    report(Step::ok(
        "TCP",
        format!("{what}{addr} in {} ms", took.as_millis()),
    ));
    let (auth, mut stream) = (way.auth(), stream);
    // The proxy's first answer: the tunnel, or (plain http) the request for the server's clock.
    let first = match (&way.proxy, way.to.tls) {
        (None, _) => None,
        (Some(_), true) => probe::tunnel(&mut stream, &way.to, auth.as_deref())
            .await
            .err(),
        (Some(_), false) => {
            let proxied = probe::server_clock(&mut stream, &way.to, true, auth.as_deref()).await;
            match proxied {
                Err(e) if e.contains(AUTH_REQUIRED) => Some(e),
                found => {
                    report(Step::ok("TLS", "not used: the base URL is plain http://"));
                    return Some(clock(found));
                }
            }
        }
    };
    if let (Some(proxy), Some(e)) = (&way.proxy, first) {
        let (found, hint) = match e.contains(AUTH_REQUIRED) {
            true => (
                e,
                format!(
                    "put the user and password in {}: http://user:password@host:port",
                    proxy.var
                ),
            ),
            false => (
                format!("the proxy would not open a tunnel to the API: {e}"),
                format!("ask the proxy's administrators, or check {}", proxy.var),
            ),
        };
        report(Step::fail("proxy", 5, found, hint));
        super::skip_after(report, "TCP", false, "the API cannot be reached");
        return None;
    }
    if !way.to.tls {
        report(Step::ok("TLS", "not used: the base URL is plain http://"));
        return Some(clock(
            probe::server_clock(&mut stream, &way.to, false, None).await,
        ));
    }
    drop(stream);
    let ca = way.ca.as_ref().map(|(path, from)| (path.as_path(), *from));
    let stores = probe::stores(ca);
    let open = || async {
        let (mut stream, _, _) = probe::connect(&[addr], within).await?;
        if way.proxy.is_some() {
            probe::tunnel(&mut stream, &way.to, auth.as_deref()).await?;
        }
        Ok(stream)
    };
    match probe::handshake(&way.to, stores, open).await {
        Ok((found, mut tls)) => {
            report(Step::ok(
                "TLS",
                format!(
                    "{}, the certificate trusted by {}",
                    found.version, found.store
                ),
            ));
            Some(clock(
                probe::server_clock(&mut tls, &way.to, false, None).await,
            ))
        }
        Err(e) => {
            report(Step::fail(
                "TLS",
                5,
                e,
                "if your network inspects HTTPS with its own CA, trust it: --ca-cert PATH, NXCDP_CA_CERT or ca_cert in the profile",
            ));
            super::skip_after(report, "TLS", false, "the API cannot be reached");
            None
        }
    }
}

/// The server's clock against this machine's: the API refuses a `ts` more than 60 s off.
fn clock(found: Result<probe::ServerDate, String>) -> Step {
    let date = match found {
        Ok(date) => date,
        Err(e) => {
            return Step::warn(
                "clock",
                format!("cannot read the server's time: {e}"),
                "if the request below fails with 1004, check this machine's clock",
            )
        }
    };
    if crate::transport::judge_clocks(date.theirs_ms, date.ours_ms) == Skew::Absurd {
        return Step::warn(
            "clock",
            format!(
                "the server's Date, {}, is out of range: more than a year from this machine's clock",
                date.text
            ),
            "the server's clock is wrong, not this machine's: if the request below fails with 1004, tell the API's operators",
        );
    }
    let off = (date.ours_ms - date.theirs_ms) / 1000;
    let how = match off {
        0 => "on time with the server".to_string(),
        s if s > 0 => format!("{s} s ahead of the server"),
        s => format!("{} s behind the server", -s),
    };
    if off.abs() > crate::wire::TS_WINDOW_MS / 1000 {
        return Step::fail(
            "clock",
            3,
            format!("{how}: the API refuses requests more than 60 s off (code 1004)"),
            "set this machine's clock right (NTP: timedatectl set-ntp true)",
        );
    }
    Step::ok("clock", format!("{how} (the API allows 60 s)"))
}
