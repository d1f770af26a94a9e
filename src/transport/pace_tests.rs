//! Tests of `pace.rs`.

use super::*;

/// A server's limit as the sandbox's `--rate-limit` has it: a bucket of `burst` tokens
/// refilled at `rate` a second, and `Retry-After` the whole seconds until a token (at least 1).
struct Server {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Server {
    fn take(&mut self) -> Result<(), Duration> {
        let now = Instant::now();
        let refill = now.duration_since(self.last).as_secs_f64() * self.rate;
        (self.tokens, self.last) = ((self.tokens + refill).min(self.burst), now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        let secs = ((1.0 - self.tokens) / self.rate).ceil().max(1.0);
        Err(Duration::from_secs_f64(secs))
    }
}

/// `workers` send for `secs` (virtual) seconds through one pace, each request taking
/// `latency` there and back, to a server that takes `rate` a second; returns the requests
/// accepted and throttled.
async fn run(workers: usize, latency_ms: u64, rate: f64, burst: f64, secs: u64) -> (u64, u64) {
    let pace = std::sync::Arc::new(Pace::new(workers, None));
    let server = std::sync::Arc::new(Mutex::new(Server {
        rate,
        burst,
        tokens: burst,
        last: Instant::now(),
    }));
    let end = Instant::now() + Duration::from_secs(secs);
    let half = Duration::from_millis(latency_ms) / 2;
    let tasks = (0..workers).map(|_| {
        let (pace, server) = (pace.clone(), server.clone());
        tokio::spawn(async move {
            let (mut accepted, mut throttled) = (0, 0);
            loop {
                let permit = pace.acquire().await;
                if Instant::now() >= end {
                    return (accepted, throttled);
                }
                tokio::time::sleep(half).await;
                let answer = server.lock().unwrap().take();
                tokio::time::sleep(half).await;
                match answer {
                    Ok(()) => {
                        accepted += 1;
                        permit.answered();
                    }
                    Err(wait) => {
                        throttled += 1;
                        permit.throttled(wait);
                    }
                }
            }
        })
    });
    let done = futures_util::future::join_all(tasks).await;
    done.into_iter()
        .map(|r| r.unwrap())
        .fold((0, 0), |(a, t), (a2, t2)| (a + a2, t + t2))
}

/// Item 2 of issue 26: under a limit, at least 90% of its throughput (of what the workers
/// can reach) with at most 5% of the requests answered 429, one request at a time or eight,
/// near or far, for two minutes and for twenty seconds (a run of a hundred requests, where
/// the requests sent before anything is known of the limit weigh the most).
#[tokio::test(start_paused = true)]
async fn a_learnt_rate_keeps_the_limits_pace_with_few_429s() {
    for (workers, latency_ms, rate) in [
        (8, 100, 5.0),
        (4, 100, 5.0),
        (1, 100, 5.0),
        (8, 2, 5.0),
        (4, 2, 5.0),
        (1, 2, 5.0),
        (8, 1000, 5.0),
        (1, 1000, 5.0),
        (8, 300, 2.0),
        (8, 100, 20.0),
        (8, 20, 50.0),
    ] {
        // Twenty seconds where they hold a hundred requests at least, at round trips of 100 ms
        // at most (at a second, the slow start's rounds take a tenth of them).
        let short = rate * 20.0 >= 100.0 && latency_ms <= 100;
        for secs in [120, 20].into_iter().filter(|s| *s == 120 || short) {
            let (accepted, throttled) = run(workers, latency_ms, rate, rate, secs).await;
            let case = format!(
                "{workers} workers, {latency_ms} ms, {rate}/s, {secs} s: {accepted} accepted, \
                 {throttled} x 429"
            );
            let share = throttled as f64 / (accepted + throttled) as f64;
            assert!(share <= 0.05, "{case}: {:.1}% throttled", share * 100.0);
            let reach = rate.min(workers as f64 * 1000.0 / latency_ms as f64);
            let throughput = accepted as f64 / secs as f64 / reach;
            assert!(
                throughput >= 0.9,
                "{case}: {:.0}% of the limit",
                throughput * 100.0
            );
        }
    }
}

/// Early 429s (a gateway's, or 503s with `Retry-After`), each paused for a second, from a server
/// that takes all it gets once they end, set no rate: after them the run starts slowly again, so
/// eight workers at 100 ms finish a hundred requests in the pauses and a second and a little
/// more (rounds of two, four and eight, then 80 a second), not at one or five a second.
#[tokio::test(start_paused = true)]
async fn early_429s_from_a_server_without_a_limit_cost_their_pauses() {
    for early in [1u32, 2, 3, 8] {
        let pace = std::sync::Arc::new(Pace::new(8, None));
        let started = Instant::now();
        let left = std::sync::Arc::new(Mutex::new(100u32));
        let refused = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let tasks = (0..8).map(|_| {
            let (pace, left, refused) = (pace.clone(), left.clone(), refused.clone());
            tokio::spawn(async move {
                loop {
                    let permit = pace.acquire().await;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    if refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < early {
                        permit.throttled(Duration::from_secs(1));
                        continue;
                    }
                    permit.answered();
                    let mut left = left.lock().unwrap();
                    if *left == 0 {
                        return;
                    }
                    *left -= 1;
                }
            })
        });
        futures_util::future::join_all(tasks).await;
        let took = started.elapsed();
        // One: 2.6 s; a rate from its one request (0.95 a second), doubled every half second,
        // took 8.6 s. Two or more: a rate from the one or none accepted in the pause between
        // took minutes.
        let bound = Duration::from_secs(u64::from(early) + 2);
        assert!(took < bound, "{early} early 429s: {took:?}");
    }
}

/// Before anything is known of a limit, requests go in rounds, each twice the one before,
/// each leaving when the one before is answered; the first 429 ends the rounds.
#[tokio::test(start_paused = true)]
async fn a_run_starts_slowly_until_the_server_says_something() {
    let pace = Pace::new(8, None);
    let round = |n| futures_util::future::join_all((0..n).map(|_| pace.acquire()));
    let first = round(FIRST_ROUND).await;
    let more = pace.acquire();
    tokio::pin!(more);
    assert!(futures_util::FutureExt::now_or_never(more.as_mut()).is_none());
    first.into_iter().for_each(Permit::answered);
    let second: Vec<Permit> = std::iter::once(more.await).chain(round(3).await).collect();
    assert_eq!(pace.lock().in_flight, 4);
    assert!(futures_util::FutureExt::now_or_never(pace.acquire()).is_none());
    let mut second = second.into_iter();
    second.next().unwrap().throttled(Duration::ZERO);
    second.for_each(Permit::answered);
    // The rounds are over: eight at once.
    assert_eq!(round(8).await.len(), 8);
}

/// A pace past its slow start: rounds of two, four and eight answered.
async fn started(max: usize) -> Pace {
    let pace = Pace::new(max, None);
    for n in [2, 4, 8] {
        let permits = futures_util::future::join_all((0..n).map(|_| pace.acquire())).await;
        permits.into_iter().for_each(Permit::answered);
    }
    // Long enough ago not to count in a first measure.
    tokio::time::advance(Duration::from_secs(5)).await;
    pace
}

#[tokio::test(start_paused = true)]
async fn a_throttle_pauses_everyone_and_sets_a_rate() {
    let pace = started(8).await;
    let permits: Vec<Permit> = futures_util::future::join_all((0..8).map(|_| pace.acquire())).await;
    let mut permits = permits.into_iter();
    // Five pass, three are throttled: one burst, measured once.
    for _ in 0..5 {
        permits.next().unwrap().answered();
    }
    for p in permits {
        p.throttled(Duration::from_secs(2));
    }
    let status = pace.status();
    assert_eq!(status.throttled, 3);
    assert_eq!(status.rate, Some(5.0 * super::super::limit::MARGIN));
    let started = Instant::now();
    let _p = pace.acquire().await;
    assert_eq!(started.elapsed(), Duration::from_secs(2), "everyone waits");
    drop(_p);
    // Then one request every 1 / 4.75 s.
    let _q = pace.acquire().await;
    let gap = started.elapsed() - Duration::from_secs(2);
    // (A timer's tick is a millisecond.)
    assert_eq!(gap.as_millis(), (1000.0 / 4.75_f64).ceil() as u128);
}

/// A request given a slot before a throttle does not leave at it: the pause holds it, and
/// it takes a new slot after.
#[tokio::test(start_paused = true)]
async fn a_pause_holds_a_request_waiting_for_its_slot() {
    let pace = Pace::new(4, Some(1.0));
    let started = Instant::now();
    let first = pace.acquire().await;
    let second = pace.acquire();
    tokio::pin!(second);
    // Its slot is a second away.
    assert!(futures_util::FutureExt::now_or_never(second.as_mut()).is_none());
    first.throttled(Duration::from_secs(3));
    let _second = second.await;
    assert_eq!(started.elapsed(), Duration::from_secs(3));
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

/// With `--rate` the user knows the limit: no slow start, the rate alone spaces the requests.
#[tokio::test(start_paused = true)]
async fn a_rate_given_needs_no_slow_start() {
    let pace = Pace::new(8, Some(1000.0));
    let all = futures_util::future::join_all((0..8).map(|_| pace.acquire()));
    let permits = tokio::time::timeout(Duration::from_millis(100), all).await;
    assert_eq!(permits.expect("eight requests at once").len(), 8);
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
