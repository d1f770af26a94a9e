//! `nxcdp doctor`'s checks: everything between the user and the API, one step at a time, each
//! with what it found or what to do, as `gh auth status`, `flutter doctor` and `brew doctor` do.
//! The steps run in the order a request travels; a step that cannot run because an earlier one
//! failed says so instead of failing again.

pub mod probe;

use crate::cli::Connection;
use crate::config::{self, Target};
use crate::error::{masked_url, shown, Error};
use crate::region::{self, REGIONS};
use crate::transport::{Client, Proxy, Settings};
use probe::Endpoint;
use std::time::Duration;

/// How a step ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Worth knowing, not in the way.
    Warn,
    Fail,
    /// Not run: an earlier step failed.
    Skipped,
}

/// One line of the report.
#[derive(Debug)]
pub struct Step {
    pub name: &'static str,
    pub outcome: Outcome,
    pub found: String,
    /// What to do, when it did not go well.
    pub hint: Option<String>,
    /// The exit code this failure maps to (README "Exit codes").
    pub code: u8,
}

impl Step {
    fn ok(name: &'static str, found: impl Into<String>) -> Step {
        Step {
            name,
            outcome: Outcome::Ok,
            found: found.into(),
            hint: None,
            code: 0,
        }
    }

    fn fail(
        name: &'static str,
        code: u8,
        found: impl Into<String>,
        hint: impl Into<String>,
    ) -> Step {
        Step {
            name,
            outcome: Outcome::Fail,
            found: found.into(),
            hint: Some(hint.into()),
            code,
        }
    }

    fn warn(name: &'static str, found: impl Into<String>, hint: impl Into<String>) -> Step {
        Step {
            outcome: Outcome::Warn,
            code: 0,
            ..Step::fail(name, 0, found, hint)
        }
    }

    fn skipped(name: &'static str, why: &str) -> Step {
        Step {
            outcome: Outcome::Skipped,
            ..Step::ok(name, format!("not checked: {why}"))
        }
    }
}

/// What the checks need: the profile named on the command line, the connection flags, and
/// how long to wait for each answer.
pub struct Inputs<'a> {
    pub profile: Option<&'a str>,
    pub connection: &'a Connection,
    pub timeout: Duration,
    /// `--sandbox`: the in-process sandbox's target, with nothing configured.
    pub sandbox: Option<Target>,
}

/// Runs every step; each is handed to `report` as soon as it is known.
pub async fn run(inputs: Inputs<'_>, report: &mut dyn FnMut(Step)) {
    let target = match &inputs.sandbox {
        Some(target) => {
            report(Step::ok("config", "not used: --sandbox"));
            report(Step::ok("profile", "the in-process sandbox's credentials"));
            Some(target.clone())
        }
        None => {
            report(config_file());
            let (step, target) = profile(&inputs);
            report(step);
            target
        }
    };
    let Some((base, from)) = base_url(&inputs, target.as_ref()) else {
        report(Step::skipped("API", "no base URL"));
        return;
    };
    report(api(&base, &from));
    let Some(endpoint) = Endpoint::of(&base) else {
        return;
    };
    let proxy = match crate::transport::route(&base) {
        Ok(route) => {
            let found = route
                .describe()
                .unwrap_or_else(|| "none: no proxy variable is set".into());
            report(Step::ok("proxy", found));
            route.proxy().cloned()
        }
        Err(e) => {
            let text = e.to_string();
            let (found, hint) = text
                .split_once("\nhint: ")
                .unwrap_or((&text, "fix or unset it"));
            report(Step::fail("proxy", 2, found, hint));
            return;
        }
    };
    let way = Way {
        to: endpoint,
        proxy,
        within: inputs.timeout,
    };
    let Some(clock) = network(&way, target.as_ref(), report).await else {
        for name in ["clock", "request"] {
            report(Step::skipped(name, "the API cannot be reached"));
        }
        return;
    };
    report(clock);
    match target {
        Some(target) => report(request(target, &inputs).await),
        None => report(Step::skipped("request", "the profile is not complete")),
    }
}

fn config_file() -> Step {
    let path = match config::path() {
        Ok(p) => p,
        Err(e) => return Step::fail("config", 2, e.to_string(), "set NXCDP_CONFIG to a file"),
    };
    let at = shown(&path);
    let file = match config::ConfigFile::load(&path) {
        Ok(file) => file,
        Err(e) => return Step::fail("config", 2, e.to_string(), format!("fix or remove {at}")),
    };
    if !file.exists {
        return Step::ok(
            "config",
            format!("no file at {at}: values come from flags and NXCDP_* variables"),
        );
    }
    let broken = file.profiles.values().filter_map(|p| p.as_ref().err());
    let broken: Vec<&String> = broken.collect();
    match (
        config::permission_warning(&path).filter(|_| file.holds_secret),
        broken.first(),
    ) {
        (Some(warning), _) => Step::warn("config", at, warning),
        (None, Some(why)) => Step::warn(
            "config",
            format!("{at}: {} profile(s) cannot be read", broken.len()),
            why.to_string(),
        ),
        (None, None) => Step::ok(
            "config",
            format!("{at}, {} profile(s){}", file.profiles.len(), mode(&path)),
        ),
    }
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map_or(String::new(), |m| {
        format!(", mode {:o}", m.permissions().mode() & 0o777)
    })
}

#[cfg(not(unix))]
fn mode(_: &std::path::Path) -> String {
    String::new()
}

fn profile(inputs: &Inputs) -> (Step, Option<Target>) {
    let failed = |e: Error| {
        let text = e.to_string();
        let (found, hint) = text.split_once("\nhint: ").unwrap_or((&text, ""));
        let hint = match hint.is_empty() {
            true => "nxcdp config init, or try without an account: --sandbox".to_string(),
            false => hint.to_string(),
        };
        (Step::fail("profile", 2, found, hint), None)
    };
    let name = match config::profile_name(inputs.profile) {
        Ok(name) => name,
        Err(e) => return failed(e),
    };
    match config::resolve(inputs.profile, inputs.connection) {
        Ok((target, _)) => {
            let found = format!(
                "{}: access key {}, tenant {}, app key {}, access secret set",
                shown(&name),
                target.access_key,
                target.tenant_id,
                shown(&target.app_key)
            );
            (Step::ok("profile", found), Some(target))
        }
        Err(e) => failed(e),
    }
}

/// The base URL in use and where it came from, even when the profile is not complete.
fn base_url(inputs: &Inputs, target: Option<&Target>) -> Option<(String, String)> {
    if let Some(t) = target {
        return Some((t.base_url.clone(), t.base_from.clone()));
    }
    let name = config::profile_name(inputs.profile).ok()?;
    let file = config::path()
        .and_then(|p| config::ConfigFile::load(&p))
        .ok();
    let profile = file.as_ref().and_then(|f| f.profile(&name).ok().flatten());
    let profile = profile.cloned().unwrap_or_default();
    let levels = config::base_levels(inputs.connection, &name, &profile).ok()?;
    let base = region::pick(&levels);
    Some((base.url, base.from))
}

fn api(base: &str, from: &str) -> Step {
    let region = REGIONS
        .iter()
        .find(|r| r.base_url() == base)
        .map_or(String::new(), |r| format!(", region {r}"));
    Step::ok("API", format!("{} (from {from}{region})", masked_url(base)))
}

/// How a connection reaches the API: directly, or through a proxy.
struct Way {
    to: Endpoint,
    proxy: Option<Proxy>,
    within: Duration,
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
async fn network(way: &Way, target: Option<&Target>, report: &mut dyn FnMut(Step)) -> Option<Step> {
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

/// One signed query for one customer: the signature, the timestamp and the permissions.
async fn request(target: Target, inputs: &Inputs<'_>) -> Step {
    let settings = Settings {
        algorithm: crate::sign::Algorithm::Md5,
        timeout: inputs.timeout,
        retries: 0,
        verbose: 0,
        quiet: true,
        concurrency: 1,
        rate: None,
    };
    let body = crate::query::QueryBody {
        tenant_id: target.tenant_id,
        app_key: target.app_key.clone(),
        limit: Some(1),
        ..Default::default()
    };
    let base = target.base_url.clone();
    let client = match Client::new(target, settings) {
        Ok(c) => c,
        Err(e) => return Step::fail("request", e.exit_code(), e.to_string(), "see above"),
    };
    match client.query_page(&body).await {
        Ok(page) => Step::ok(
            "request",
            format!(
                "a signed query was answered ({} customer on a page of 1): signature, time and permissions accepted",
                page.customers.len()
            ),
        ),
        Err(e) => request_failed(&e, &base),
    }
}

fn request_failed(e: &Error, base: &str) -> Step {
    let text = e.to_string();
    let (found, hint) = text.split_once("\nhint: ").unwrap_or((&text, ""));
    let hint = match e {
        Error::Api { code: 1005, .. } => {
            let others: Vec<&str> = REGIONS
                .iter()
                .filter(|r| r.base_url() != base)
                .map(|r| r.name())
                .collect();
            format!(
                "{hint}; an account lives in one region: try --region {}",
                others.join(", --region ")
            )
        }
        _ if hint.is_empty() => "see the message".to_string(),
        _ => hint.to_string(),
    };
    Step::fail("request", e.exit_code(), found, hint)
}
