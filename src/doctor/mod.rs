//! `nxcdp doctor`'s checks: everything between the user and the API, one step at a time, each
//! with what it found or what to do, as `gh auth status`, `flutter doctor` and `brew doctor` do.
//! The steps run in the order a request travels; a step that cannot run because an earlier one
//! failed says so instead of failing again.

mod network;
pub mod probe;

use crate::cli::Connection;
use crate::config::{self, Target};
use crate::error::{masked_url, shown, Error};
use crate::region::{self, Region, REGIONS};
use crate::transport::{Client, Settings};
use network::{network, Way};
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

/// The steps after the profile, in the order they run: a step that stops the checks names the
/// ones after it as not checked, so the report always has every line.
const STEPS: [&str; 7] = ["API", "proxy", "DNS", "TCP", "TLS", "clock", "request"];

/// Every step after `name` (or from it, `with`), not checked for `why`.
fn skip_after(report: &mut dyn FnMut(Step), name: &str, with: bool, why: &str) {
    let at = STEPS.iter().position(|s| *s == name).unwrap_or(0);
    let from = if with { at } else { at + 1 };
    for step in &STEPS[from..] {
        report(Step::skipped(step, why));
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
            let broken = step.outcome == Outcome::Fail && profile_unreadable(&inputs);
            report(step);
            // Its own base URL is in it, unread: the default one would be checked instead.
            if broken {
                skip_after(report, "API", true, "the profile cannot be read");
                return;
            }
            target
        }
    };
    let Some((base, from)) = base_url(&inputs, target.as_ref()) else {
        skip_after(report, "API", true, "no base URL");
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
            skip_after(report, "proxy", false, "no proxy to reach the API through");
            return;
        }
    };
    let way = Way {
        to: endpoint,
        proxy,
        within: inputs.timeout,
        ca: target.as_ref().and_then(|t| t.ca_cert.clone()),
    };
    let Some(clock) = network(&way, report).await else {
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

/// The profile named cannot be read: the config file cannot (not TOML, not a file), or the
/// profile in it (an unknown key, a bad value).
fn profile_unreadable(inputs: &Inputs) -> bool {
    let Ok(path) = config::path() else {
        return false;
    };
    let name = config::profile_name(inputs.profile);
    match (config::ConfigFile::load(&path), name) {
        (Ok(file), Ok(name)) => file.profile(&name).is_err(),
        (Err(_), _) => true,
        (Ok(_), Err(_)) => false,
    }
}

fn profile(inputs: &Inputs) -> (Step, Option<Target>) {
    let unreadable = profile_unreadable(inputs);
    let failed = |e: Error| {
        let text = e.to_string();
        // The config file's warnings are the config step's, above.
        let text = text.split("\nwarning: ").next().unwrap_or_default();
        let (found, hint) = text.split_once("\nhint: ").unwrap_or((text, ""));
        let hint = match (hint.is_empty(), unreadable) {
            (_, true) => "fix the profile in the config file (the line named), or write it anew: nxcdp config init".to_string(),
            (true, false) => "nxcdp config init, or try without an account: --sandbox".to_string(),
            (false, false) => hint.to_string(),
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
    let region = Region::of_base_url(base).map_or(String::new(), |r| format!(", region {r}"));
    Step::ok("API", format!("{} (from {from}{region})", masked_url(base)))
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
        Err(e) => return request_failed(&e, &base),
    };
    let page = match client.query_page(&body).await {
        Ok(page) => page,
        Err(e) => return request_failed(&e, &base),
    };
    let answered = format!(
        "a signed query was answered ({} customer on a page of 1)",
        page.customers.len()
    );
    // Refused with 1004 first, then sent again on the server's time, as every command does.
    let offset = client.clock_offset_ms() / 1000;
    if offset == 0 {
        return Step::ok(
            "request",
            format!("{answered}: signature, time and permissions accepted"),
        );
    }
    let how = match offset > 0 {
        true => format!("{offset} s behind"),
        false => format!("{} s ahead of", -offset),
    };
    Step::warn(
        "request",
        format!(
            "{answered} only on the server's time: refused with 1004 (timestamp) on this machine's, which is {how} the server's; signature and permissions accepted"
        ),
        "set this machine's clock right: until then every command is refused once and sent again",
    )
}

/// The request step's failure, with the error's own hint, one for its kind, or none: the
/// message then says all there is.
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
            Some(format!(
                "{hint}; an account lives in one region: try --region {}",
                others.join(", --region ")
            ))
        }
        _ if !hint.is_empty() => Some(hint.to_string()),
        Error::Malformed(_) => Some(
            "a server answered, but not as the CDP API does: check the base URL (--base-url, --region) and any proxy on the way"
                .into(),
        ),
        Error::Api { status, .. } if *status == 429 || *status >= 500 => {
            Some("the API is failing or busy: try again later".into())
        }
        _ => None,
    };
    Step {
        hint,
        ..Step::fail("request", e.exit_code(), found, "")
    }
}
