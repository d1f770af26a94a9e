//! Which proxy requests go through, read from the environment as curl reads it, so that `-v`,
//! errors and `nxcdp doctor` can name it and the variable it came from; a variable that is not a
//! proxy URL is refused instead of being ignored.

use crate::error::{masked_url, Error};

/// The proxy in use and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proxy {
    /// As set, password included: [`Proxy::shown`] masks it.
    pub url: String,
    /// `HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, ...
    pub var: String,
}

impl Proxy {
    /// `http://user:***@proxy:3128 (from HTTPS_PROXY)`.
    pub fn shown(&self) -> String {
        format!("{} (from {})", masked_url(&self.url), self.var)
    }
}

/// How requests to a base URL travel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// No proxy variable applies.
    Direct,
    /// A proxy variable applies, but `NO_PROXY` (named) lists the host.
    Bypassed {
        proxy: Proxy,
        no_proxy_var: String,
    },
    Proxied(Proxy),
}

impl Route {
    pub fn proxy(&self) -> Option<&Proxy> {
        match self {
            Route::Proxied(p) => Some(p),
            _ => None,
        }
    }

    /// What `-v` says of it (and `nxcdp doctor` may): nothing when no proxy variable is set.
    pub fn describe(&self) -> Option<String> {
        match self {
            Route::Direct => None,
            Route::Proxied(p) => Some(format!("proxy {}", p.shown())),
            Route::Bypassed {
                proxy,
                no_proxy_var,
            } => Some(format!(
                "no proxy: {no_proxy_var} lists the host ({} is not used)",
                proxy.shown()
            )),
        }
    }
}

/// The variables curl reads for a URL of SCHEME, in curl's order (lower case first). Under CGI
/// (`REQUEST_METHOD` set), `HTTP_PROXY` can be set by whoever sends the request ("httpoxy"): it
/// is not read there.
fn variables(scheme: &str) -> Vec<&'static str> {
    let mut names = match scheme {
        "https" => vec!["https_proxy", "HTTPS_PROXY"],
        _ if std::env::var_os("REQUEST_METHOD").is_some() => vec!["http_proxy"],
        _ => vec!["http_proxy", "HTTP_PROXY"],
    };
    names.extend(["all_proxy", "ALL_PROXY"]);
    names
}

/// The first of NAMES that is set and not empty, with its value.
fn first_set(names: &[&'static str]) -> Result<Option<(&'static str, String)>, Error> {
    for &name in names {
        match std::env::var(name) {
            Ok(v) if !v.trim().is_empty() => return Ok(Some((name, v.trim().to_string()))),
            Ok(_) | Err(std::env::VarError::NotPresent) => {}
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(Error::Usage(format!("{name} is not UTF-8 text")))
            }
        }
    }
    Ok(None)
}

/// How requests to BASE_URL travel: through the proxy its scheme's variable names, unless
/// `NO_PROXY` lists its host (curl's rules: `*`, host names and their subdomains, IP addresses
/// and ranges). A proxy variable that is not an http(s) URL is a usage error naming it.
pub fn route(base_url: &str) -> Result<Route, Error> {
    let Ok(base) = reqwest::Url::parse(base_url) else {
        return Ok(Route::Direct);
    };
    let Some((var, value)) = first_set(&variables(base.scheme()))? else {
        return Ok(Route::Direct);
    };
    let proxy = Proxy {
        url: check(var, &value)?,
        var: var.to_string(),
    };
    let Some((no_proxy_var, list)) = first_set(&["no_proxy", "NO_PROXY"])? else {
        return Ok(Route::Proxied(proxy));
    };
    let matcher = hyper_util::client::proxy::matcher::Matcher::builder()
        .http(proxy.url.clone())
        .https(proxy.url.clone())
        .no(list)
        .build();
    let uri = base_url.parse::<http::Uri>();
    match uri.map(|uri| matcher.intercept(&uri).is_none()) {
        Ok(true) => Ok(Route::Bypassed {
            proxy,
            no_proxy_var: no_proxy_var.to_string(),
        }),
        _ => Ok(Route::Proxied(proxy)),
    }
}

/// A proxy URL: `http://` or `https://`, a host and maybe a port; without a scheme, `http://`
/// (as curl reads `proxy.example:3128`).
fn check(var: &str, value: &str) -> Result<String, Error> {
    let url = match value.contains("://") {
        true => value.to_string(),
        false => format!("http://{value}"),
    };
    let bad = |why: &str| {
        Error::Usage(format!(
            "{var} is not a proxy URL ({why}): {}\nhint: set it to http://[user:password@]host:port, or unset it",
            masked_url(value)
        ))
    };
    let parsed = reqwest::Url::parse(&url).map_err(|e| bad(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("nxcdp speaks to http:// and https:// proxies"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    Ok(url)
}

pub const AUTH_REQUIRED: &str = "proxy authentication required";

/// The text of a failed connection that a proxy is behind: the proxy asked for credentials
/// (HTTP 407 to the tunnel's `CONNECT`), or would not open the tunnel.
pub fn tunnel_refusal(cause: &str) -> Option<&'static str> {
    if cause.contains("proxy authorization required") {
        Some(AUTH_REQUIRED)
    } else if cause.contains("unsuccessful tunnel") {
        Some("the proxy would not open a tunnel to the API")
    } else {
        None
    }
}

/// What to say about a 407, or a refused tunnel.
pub fn auth_required(proxy: Option<&Proxy>) -> String {
    match proxy {
        Some(p) => format!(
            "proxy authentication required: the proxy {} answered HTTP 407; put the user and \
             password in {}: http://user:password@host:port",
            p.shown(),
            p.var
        ),
        None => "proxy authentication required: a proxy between nxcdp and the API answered HTTP \
                 407; set HTTPS_PROXY to http://user:password@host:port"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls_are_checked_and_a_bare_host_is_http() {
        assert_eq!(
            check("V", "proxy.example:3128").unwrap(),
            "http://proxy.example:3128"
        );
        assert_eq!(check("V", "https://p:1").unwrap(), "https://p:1");
        let err = check("HTTPS_PROXY", "http://u:PW9@[bad")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("HTTPS_PROXY is not a proxy URL"), "{err}");
        assert!(!err.contains("PW9"), "{err}");
        assert!(check("V", "socks5://p:1080").is_err());
        assert_eq!(
            tunnel_refusal("error trying to connect: proxy authorization required"),
            Some("proxy authentication required")
        );
    }
}
