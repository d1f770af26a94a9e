//! One pace for every request of a run. The API's rate limit is per account (API.md §7), so the
//! workers of `--parallel` slow down together: a 429 or a `Retry-After` pauses everyone until
//! then, and concurrency adapts as TCP's window does (AIMD): halved by each 429, grown back by
//! one for each second of answers without one. A limit counts requests per second, so a faster
//! growth would only buy more 429s. `--rate N` caps requests per second outright.

use std::sync::Mutex;
use std::time::Duration;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::Notify;
use tokio::time::Instant;

pub struct Pace {
    state: Mutex<State>,
    wake: Notify,
    /// The most requests in flight at once (`--parallel`).
    max: f64,
    /// `--rate`: requests per second at most.
    rate: Option<f64>,
}

/// How often the window may grow by one.
const GROWTH: Duration = Duration::from_secs(1);

struct State {
    /// How many requests may be in flight: the congestion window.
    window: f64,
    in_flight: usize,
    paused_until: Option<Instant>,
    /// With `--rate`, when the next request may leave.
    next_slot: Instant,
    /// When the window last grew or shrank.
    changed: Instant,
    throttled: u64,
}

/// A place among the requests in flight; the next one may go when it is dropped.
pub struct Permit<'a> {
    pace: &'a Pace,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.pace.lock().in_flight -= 1;
        self.pace.wake.notify_waiters();
    }
}

/// What the progress line shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Status {
    /// Answers that said "slow down" (HTTP 429, or a `Retry-After`).
    pub throttled: u64,
    /// How long everyone still waits, when paused.
    pub paused_for: Option<Duration>,
    /// Requests allowed in flight now.
    pub window: usize,
}

impl Pace {
    pub fn new(max: usize, rate: Option<f64>) -> Pace {
        let max = max.max(1) as f64;
        Pace {
            state: Mutex::new(State {
                window: max,
                in_flight: 0,
                paused_until: None,
                next_slot: Instant::now(),
                changed: Instant::now(),
                throttled: 0,
            }),
            wake: Notify::new(),
            max,
            rate: rate.filter(|r| *r > 0.0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for a pause to end, a place in the window and, with `--rate`, a time slot.
    pub async fn acquire(&self) -> Permit<'_> {
        loop {
            let woken = self.wake.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            let slot = {
                let mut s = self.lock();
                let now = Instant::now();
                match s.paused_until.filter(|until| *until > now) {
                    Some(until) => Err(Some(until)),
                    None if (s.in_flight as f64) < s.window => {
                        s.in_flight += 1;
                        let slot = s.next_slot.max(now);
                        if let Some(rate) = self.rate {
                            s.next_slot = slot + Duration::from_secs_f64(1.0 / rate);
                        }
                        Ok(slot)
                    }
                    None => Err(None),
                }
            };
            match slot {
                Ok(slot) => {
                    let permit = Permit { pace: self };
                    // A timer fires on the next millisecond tick at the soonest: only a rate waits.
                    if slot > Instant::now() {
                        tokio::time::sleep_until(slot).await;
                    }
                    return permit;
                }
                Err(Some(until)) => tokio::time::sleep_until(until).await,
                Err(None) => woken.await,
            }
        }
    }

    /// An answer came: the window grows by one if a second went by without a throttle.
    pub fn succeeded(&self) {
        let mut s = self.lock();
        let now = Instant::now();
        if s.window < self.max && now.duration_since(s.changed) >= GROWTH {
            s.window += 1.0;
            s.changed = now;
        }
        drop(s);
        self.wake.notify_waiters();
    }

    /// The server said "slow down": everyone waits `wait`, and the window halves.
    pub fn throttled(&self, wait: Duration) {
        let mut s = self.lock();
        s.throttled += 1;
        let now = Instant::now();
        let until = now + wait;
        s.paused_until = Some(s.paused_until.map_or(until, |u| u.max(until)));
        s.window = (s.window / 2.0).max(1.0);
        // The pause is not a second of answers.
        s.changed = until;
    }

    pub fn status(&self) -> Status {
        let s = self.lock();
        let now = Instant::now();
        Status {
            throttled: s.throttled,
            paused_for: s
                .paused_until
                .filter(|u| *u > now)
                .map(|u| u.duration_since(now)),
            window: s.window as usize,
        }
    }
}

/// Exponential backoff with jitter: about 0.2 s, 0.4 s, 0.8 s ... at most 10 s.
pub fn backoff(retried: u32) -> Duration {
    let base = 200u64.saturating_mul(1 << retried.min(6)).min(10_000);
    // Jitter from the clock's nanoseconds: enough to keep many clients from retrying in step.
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    Duration::from_millis(base / 2 + u64::from(nanos) % (base / 2 + 1))
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) in milliseconds since 1970. Any year a date
/// can be written with is read, `Fri, 31 Dec 9999 23:59:59 GMT` included, which lies past the
/// last instant jiff's timestamps hold: a server's absurd date must be seen as such, not ignored.
pub fn http_date_ms(text: &str) -> Option<i64> {
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text) {
        return Some(zoned.timestamp().as_millisecond());
    }
    let utc = jiff::fmt::strtime::parse("%a, %d %b %Y %H:%M:%S GMT", text.trim())
        .and_then(|t| t.to_datetime())
        .ok()?;
    let since = utc.duration_since(jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0));
    i64::try_from(since.as_millis()).ok()
}

/// `Retry-After` as seconds or as an HTTP date, measured against the server's clock `now_ms`.
pub fn retry_after(value: &str, now_ms: i64) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still a number of seconds: a very long one.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = http_date_ms(value)?;
    Some(Duration::from_millis(
        at.saturating_sub(now_ms).max(0) as u64
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_throttle_halves_the_window_and_pauses_everyone() {
        let pace = Pace::new(8, None);
        let permits: Vec<Permit> =
            futures_util::future::join_all((0..8).map(|_| pace.acquire())).await;
        assert_eq!(pace.status().window, 8);
        // Three answers say 429: 8, 4, 2, 1.
        for _ in 0..3 {
            pace.throttled(Duration::from_secs(2));
        }
        assert_eq!(pace.status().window, 1);
        assert_eq!(pace.status().throttled, 3);
        drop(permits);
        let started = Instant::now();
        let _p = pace.acquire().await;
        assert!(
            started.elapsed() >= Duration::from_secs(2),
            "everyone waits"
        );
        // Answers grow it back by one a second, not faster.
        pace.succeeded();
        assert_eq!(pace.status().window, 1);
        for _ in 0..3 {
            tokio::time::advance(Duration::from_secs(1)).await;
            pace.succeeded();
            pace.succeeded();
        }
        assert_eq!(pace.status().window, 4);
    }

    #[tokio::test(start_paused = true)]
    async fn the_window_bounds_requests_in_flight() {
        let pace = Pace::new(2, None);
        let a = pace.acquire().await;
        let _b = pace.acquire().await;
        let third = pace.acquire();
        tokio::pin!(third);
        assert!(futures_util::FutureExt::now_or_never(third.as_mut()).is_none());
        drop(a);
        let _c = third.await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_rate_spaces_requests() {
        let pace = Pace::new(4, Some(5.0));
        let started = Instant::now();
        for _ in 0..6 {
            drop(pace.acquire().await);
        }
        // Six requests at 5/s: the sixth leaves a second after the first.
        assert_eq!(started.elapsed(), Duration::from_secs(1));
    }

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        assert_eq!(retry_after(" 3 ", 0), Some(Duration::from_secs(3)));
        let now = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT
        let later = retry_after("Sun, 06 Nov 1994 08:49:45 GMT", now);
        assert_eq!(later, Some(Duration::from_secs(8)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        // Past the last instant jiff's timestamps hold: still a date, and a far one.
        let far = retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now).unwrap();
        assert!(far > Duration::from_secs(250_000_000_000), "{far:?}");
        assert_eq!(
            http_date_ms("Mon, 01 Jan 0001 00:00:00 GMT"),
            Some(-62_135_596_800_000)
        );
        assert_eq!(
            retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }
}
