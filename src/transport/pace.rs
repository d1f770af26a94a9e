//! One pace for every request of a run. The API's rate limit is per account (API.md §7), so the
//! workers of `--parallel` slow down together: a 429 or a `Retry-After` pauses everyone until
//! then, and from the first 429 on, requests leave at the rate the server was measured to accept
//! ([`Limit`]), probing upward rarely, instead of finding the limit again with a 429 every few
//! requests. `--parallel` bounds the requests in flight; `--rate N` caps requests per second
//! outright.
//!
//! **A slow start.** Before the server has said anything of its limit, a run with several
//! requests in flight and no `--rate` sends them in rounds: [`FIRST_ROUND`] at most, then each
//! round, which leaves when the one before is wholly answered, twice as many as the one before
//! sent, up to `--parallel`; once a round of `--parallel` is answered, they go as they can. A
//! limit whose bucket holds fewer requests than `--parallel` then refuses the one or two past
//! it, where eight requests at once and those sent as their first answers came met a 429 each
//! (8 of the first 13 under 5 a second: 8% of an export of 5 000 customers). The first 429 that sets a rate ends the rounds: the learnt
//! rate paces the requests from then on; one that sets none (it told too little: [`Limit`])
//! starts them again after its pause. A run without a limit loses what the first rounds do not
//! send: a `--parallel 8` walk's first round after its two probes is four pages, not eight.
//!
//! **No request holds a time ahead.** With a rate, a request leaves an interval after the last
//! one, as the rate is when it asks: a rate that rises (a probe, late answers of a measure)
//! reaches the requests already waiting.

use super::limit::Limit;
use std::sync::Mutex;
use std::time::Duration;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::Notify;
use tokio::time::Instant;

pub struct Pace {
    state: Mutex<State>,
    wake: Notify,
    /// The most requests in flight at once (`--parallel`).
    max: usize,
    /// `--rate`: requests per second at most.
    rate: Option<f64>,
}

/// The requests of the first round (see "A slow start").
pub const FIRST_ROUND: usize = 2;

struct State {
    in_flight: usize,
    /// The slow start's round, until a 429 that sets a rate or the rounds reach `--parallel`.
    round: Option<Round>,
    /// Rounds begun so far: a permit of an earlier one does not count in this one.
    rounds: u64,
    paused_until: Option<Instant>,
    /// When the last request left: with a rate (`--rate`, or one learnt), the next one leaves
    /// an interval after it.
    last_sent: Option<Instant>,
    throttled: u64,
    limit: Limit,
}

/// A round of the slow start: the most it may send, how many it sent, and how many of those
/// are still unanswered.
struct Round {
    most: usize,
    sent: usize,
    open: usize,
    /// An answer came: what asks to be sent now goes with the next round.
    closed: bool,
}

impl Round {
    fn of(most: usize) -> Round {
        Round {
            most,
            sent: 0,
            open: 0,
            closed: false,
        }
    }
}

/// A place among the requests in flight; the next one may go when it is dropped. It says how its
/// request was answered: [`Permit::answered`] or [`Permit::throttled`].
pub struct Permit<'a> {
    pace: &'a Pace,
    /// When the request left.
    sent: Instant,
    /// The slow start's round it was sent in ([`State::rounds`]).
    round: Option<u64>,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut s = self.pace.lock();
        s.in_flight -= 1;
        let rounds = s.rounds;
        if let Some(round) = s.round.as_mut().filter(|_| self.round == Some(rounds)) {
            (round.open, round.closed) = (round.open - 1, true);
            if round.open == 0 {
                // The round is over, whatever its answers said: the next may send twice as many;
                // after a round of `--parallel`, requests go as they can.
                let most = (round.sent * 2).min(self.pace.max);
                let next = (round.most < self.pace.max).then(|| Round::of(most));
                self.pace.begin(&mut s, next);
            }
        }
        drop(s);
        self.pace.wake.notify_waiters();
    }
}

impl Permit<'_> {
    /// The server answered (whatever it said) without throttling: its limit took the request.
    pub fn answered(self) {
        self.pace.lock().limit.accepted(self.sent);
    }

    /// The server said "slow down": everyone waits `wait`, and the rate is measured anew. Until
    /// a 429 sets a rate, the run starts slowly again after the pause.
    pub fn throttled(self, wait: Duration) {
        let mut s = self.pace.lock();
        s.throttled += 1;
        let now = Instant::now();
        let until = now + wait;
        s.paused_until = Some(s.paused_until.map_or(until, |u| u.max(until)));
        s.limit.throttled(self.sent, now);
        let again = match s.limit.rate() {
            None => self.pace.slow_start(),
            Some(_) => None,
        };
        self.pace.begin(&mut s, again);
    }
}

/// What the progress line shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Status {
    /// Answers that said "slow down" (HTTP 429, or a `Retry-After`).
    pub throttled: u64,
    /// How long everyone still waits, when paused.
    pub paused_for: Option<Duration>,
    /// The rate learnt from the server's 429s, requests per second.
    pub rate: Option<f64>,
}

/// When a request may leave.
enum Turn {
    Now,
    At(Instant),
    /// When a request in flight is answered.
    Answer,
}

impl Pace {
    pub fn new(max: usize, rate: Option<f64>) -> Pace {
        let pace = Pace {
            state: Mutex::new(State {
                in_flight: 0,
                round: None,
                rounds: 0,
                paused_until: None,
                last_sent: None,
                throttled: 0,
                limit: Limit::new(Instant::now()),
            }),
            wake: Notify::new(),
            max: max.max(1),
            rate: rate.filter(|r| *r > 0.0),
        };
        pace.begin(&mut pace.lock(), pace.slow_start());
        pace
    }

    /// The first round of a slow start: none with one or two requests in flight at most, or
    /// with `--rate`, whose user knows the limit.
    fn slow_start(&self) -> Option<Round> {
        (self.max > FIRST_ROUND && self.rate.is_none()).then(|| Round::of(FIRST_ROUND))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn begin(&self, s: &mut State, round: Option<Round>) {
        s.round = round;
        s.rounds += 1;
    }

    /// Waits for a pause to end, a place among the requests in flight and, with a rate (`--rate`
    /// or one learnt), an interval since the last request left. No request holds a time ahead:
    /// one waiting sees a rate that rose, or a pause that began, as it comes.
    pub async fn acquire(&self) -> Permit<'_> {
        loop {
            let woken = self.wake.notified();
            tokio::pin!(woken);
            woken.as_mut().enable();
            let turn = {
                let mut s = self.lock();
                let now = Instant::now();
                match self.turn(&mut s, now) {
                    Turn::Now => {
                        s.in_flight += 1;
                        s.last_sent = Some(now);
                        let round = s.round.as_mut().map(|round| {
                            (round.sent, round.open) = (round.sent + 1, round.open + 1);
                        });
                        return Permit {
                            pace: self,
                            sent: now,
                            round: round.map(|()| s.rounds),
                        };
                    }
                    turn => turn,
                }
            };
            match turn {
                // A timer fires on the next millisecond tick at the soonest.
                Turn::At(at) => drop(tokio::time::timeout_at(at, woken).await),
                _ => woken.await,
            }
        }
    }

    fn turn(&self, s: &mut State, now: Instant) -> Turn {
        if let Some(until) = s.paused_until.filter(|until| *until > now) {
            return Turn::At(until);
        }
        let round_open = s
            .round
            .as_ref()
            .is_none_or(|r| !r.closed && r.sent < r.most);
        if s.in_flight >= self.max || !round_open {
            return Turn::Answer;
        }
        let learnt = s.limit.interval(now);
        let given = self.rate.map(|r| Duration::from_secs_f64(1.0 / r));
        match (learnt.max(given), s.last_sent) {
            (Some(interval), Some(last)) if last + interval > now => {
                if learnt >= given {
                    s.limit.held_back();
                }
                Turn::At(last + interval)
            }
            _ => Turn::Now,
        }
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
            rate: s.limit.rate(),
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
#[path = "pace_tests.rs"]
mod tests;
