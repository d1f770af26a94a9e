//! The steps on the wire: DNS and TCP to the first hop (the API or its proxy), TLS to the API
//! (through the proxy's tunnel), and the server's clock.

use super::probe::{self, Endpoint};
use super::Step;
use crate::config::Target;
use crate::transport::Proxy;
use std::time::Duration;

/// How a connection reaches the API: directly, or through a proxy.
pub(super) struct Way {
    pub to: Endpoint,
    pub proxy: Option<Proxy>,
    pub within: Duration,
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

/// DNS and TCP to the first hop, TLS to the API (through the proxy's tunnel when there is one),
/// then the API's clock. `None` when the API cannot be reached; the clock step otherwise.
pub(super) async fn network(
    way: &Way,
    target: Option<&Target>,
    report: &mut dyn FnMut(Step),
) -> Option<Step> {
    let (hop, within) = (way.hop(), way.within);
    let what = match way.proxy {
        Some(_) => "the proxy ",
        None => "",
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
                "check the base URL (--base-url, --region), the proxy variable, and this machine's DNS",
            ));
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
                "is the host reachable from this network? a firewall may need a proxy (HTTPS_PROXY)",
            ));
            return None;
        }
    };
    report(Step::ok(
        "TCP",
        format!("{what}{addr} in {} ms", took.as_millis()),
    ));
    let auth = way.auth();
    if !way.to.tls {
        report(Step::ok("TLS", "not used: the base URL is plain http://"));
        let mut stream = stream;
        let proxied = way.proxy.is_some();
        return Some(clock(
            probe::server_clock(&mut stream, &way.to, proxied, auth.as_deref()).await,
        ));
    }
    drop(stream);
    let ca = target.and_then(|t| t.ca_cert.clone());
    let stores = probe::stores(ca.as_deref());
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
            let hint = match e.contains(crate::transport::AUTH_REQUIRED) {
                true => "put the proxy's user and password in its variable: http://user:password@host:port",
                false => "if your network inspects HTTPS with its own CA, trust it: --ca-cert PATH, NXCDP_CA_CERT or ca_cert in the profile",
            };
            report(Step::fail("TLS", 5, e, hint));
            None
        }
    }
}

/// The server's clock against this machine's: the API refuses a `ts` more than 60 s off.
fn clock(found: Result<(i64, i64), String>) -> Step {
    let (theirs, ours) =
        match found {
            Ok(times) => times,
            Err(e) if e.contains(crate::transport::AUTH_REQUIRED) => return Step::fail(
                "clock",
                5,
                e,
                "put the proxy's user and password in its variable: http://user:password@host:port",
            ),
            Err(e) => {
                return Step::warn(
                    "clock",
                    format!("cannot read the server's time: {e}"),
                    "if the request below fails with 1004, check this machine's clock",
                )
            }
        };
    let off = (ours - theirs) / 1000;
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
