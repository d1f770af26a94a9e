//! What stands in front of the API on a real deployment: a rate limiter shared by all
//! connections (`--rate-limit`), and a misconfigured proxy that redirects (`--redirect-to`).
//! Both answer before the sandbox counts the request, reads its body or looks at the data.

use super::Sandbox;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A token bucket: `rate` tokens at most, refilled at `rate` a second; one a request.
#[derive(Debug)]
pub struct Bucket {
    rate: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(per_second: u32, now: Instant) -> Bucket {
        Bucket {
            rate: f64::from(per_second),
            tokens: f64::from(per_second),
            last: now,
        }
    }

    /// Takes a token, or says how long until one is free (a refused request takes none).
    pub fn take(&mut self, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.rate);
        self.last = self.last.max(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.rate))
        }
    }
}

/// `--rate-limit N`: the bucket all connections share.
pub struct Limiter {
    per_second: u32,
    bucket: Mutex<Bucket>,
}

impl Limiter {
    pub fn new(per_second: u32) -> Limiter {
        Limiter {
            per_second,
            bucket: Mutex::new(Bucket::new(per_second, Instant::now())),
        }
    }
}

/// An HTTP date (IMF-fixdate) for Unix milliseconds, rounded down to the second.
pub fn http_date(unix_ms: i64) -> String {
    jiff::Timestamp::from_millisecond(unix_ms)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// `Retry-After`: `secs` as a number, or (`--retry-after-date`) as the HTTP date `secs` after
/// `now_ms`, rounded up to the second so that it is never earlier than that.
pub fn retry_after(secs: u64, as_date: bool, now_ms: i64) -> HeaderValue {
    if !as_date {
        return secs.into();
    }
    let at_ms = now_ms.saturating_add((secs as i64).saturating_mul(1000));
    let at_ms = at_ms
        .saturating_add(999)
        .div_euclid(1000)
        .saturating_mul(1000);
    HeaderValue::from_str(&http_date(at_ms)).expect("an HTTP date is a valid header value")
}

/// `--redirect-to URL`: an absolute `http://` or `https://` URL, usable as a header value.
pub fn redirect_target(s: &str) -> Result<String, String> {
    let host = s
        .strip_prefix("http://")
        .or_else(|| s.strip_prefix("https://"))
        .ok_or_else(|| format!("expected an http:// or https:// URL, got {s:?}"))?;
    if host.is_empty() || host.starts_with('/') || HeaderValue::from_str(s).is_err() {
        return Err(format!("expected an absolute URL with a host, got {s:?}"));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(format!("a URL has no spaces: {s:?}"));
    }
    Ok(s.to_string())
}

/// The `Location` of a redirect: `target` as given when it has a path, else `target` followed
/// by the request's path and query (a trailing `/` alone counts as no path).
pub fn location(target: &str, uri: &Uri) -> String {
    let rest = target.split_once("://").map_or(target, |(_, r)| r);
    let has_path = rest.find('/').is_some_and(|p| &rest[p..] != "/");
    if has_path {
        return target.to_string();
    }
    let path = uri.path_and_query().map_or("/", |pq| pq.as_str());
    format!("{}{path}", target.trim_end_matches('/'))
}

/// The middleware on the API's routes: redirect, else throttle, else pass the request on.
pub async fn gate(State(sb): State<Arc<Sandbox>>, request: Request, next: Next) -> Response {
    let faults = &sb.config.faults;
    if let Some(target) = &faults.redirect_to {
        let to = location(target, request.uri());
        return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response();
    }
    if let Some(limiter) = &sb.limiter {
        let taken = limiter
            .bucket
            .lock()
            .expect("the bucket is never poisoned")
            .take(Instant::now());
        if let Err(wait) = taken {
            // Whole seconds, rounded up, and at least 1: a client that waits that long finds a
            // token.
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let secs = secs.max(1);
            let message = format!(
                "too many requests: this account may send {} requests per second; retry in {secs} s",
                limiter.per_second
            );
            let mut response = sb.reply::<()>(429, Some(message), None);
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            let value = retry_after(secs, faults.retry_after_date, sb.now_ms());
            response.headers_mut().insert(header::RETRY_AFTER, value);
            return response;
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_holds_n_and_refills_n_a_second() {
        let t0 = Instant::now();
        let mut bucket = Bucket::new(4, t0);
        for _ in 0..4 {
            assert_eq!(bucket.take(t0), Ok(()));
        }
        let wait = bucket.take(t0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(250));
        // A refused request takes no token: a quarter second later there is one.
        assert_eq!(bucket.take(t0 + Duration::from_millis(250)), Ok(()));
        assert!(bucket.take(t0 + Duration::from_millis(250)).is_err());
        // Never more than N, however long it waited.
        let later = t0 + Duration::from_secs(60);
        assert_eq!((0..10).filter(|_| bucket.take(later).is_ok()).count(), 4);
    }

    #[test]
    fn retry_after_is_seconds_or_a_date_not_earlier_than_them() {
        assert_eq!(retry_after(7, false, 0), "7");
        // 1994-11-06 08:49:36.500 plus one second, rounded up.
        let ms = 784_111_776_500;
        assert_eq!(retry_after(1, true, ms), "Sun, 06 Nov 1994 08:49:38 GMT");
        assert_eq!(http_date(784_111_777_000), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn location_appends_the_request_only_to_a_bare_origin() {
        let uri: Uri = "/saas/cdp/openapi/customers/fields?tenant_id=1&app_key=k"
            .parse()
            .unwrap();
        let full = "/saas/cdp/openapi/customers/fields?tenant_id=1&app_key=k";
        assert_eq!(location("http://h:9", &uri), format!("http://h:9{full}"));
        assert_eq!(location("https://h/", &uri), format!("https://h{full}"));
        assert_eq!(location("https://h/login?x=1", &uri), "https://h/login?x=1");
        assert!(redirect_target("ftp://h").is_err());
        assert!(redirect_target("http://").is_err());
        assert!(redirect_target("http://h/a b").is_err());
        assert_eq!(redirect_target("http://h:1").unwrap(), "http://h:1");
    }
}
