//! The rate a server's limit accepts, learnt from its 429s as the aws CLI's adaptive mode does:
//! from the first throttle on, requests leave at the rate the server was measured to accept (a
//! token bucket of one request, refilled at that rate), and the rate is probed upward rarely.
//!
//! **The measure.** A limit that refuses a request has (almost) nothing left to give, whatever
//! it is: a token bucket of any size, a window of any length. Between two 429s it gave what it
//! refilled, so the requests it accepted between them, over the time between them, is its rate:
//! a little under it when its bucket sat full for a while (that refill went unused), not over.
//! Requests are counted by when they were sent, so an answer that comes after the 429 (it was in
//! flight) still counts when it comes. The first 429 has no earlier one: the requests accepted in
//! the second before it stand in, at [`MARGIN`], too many when the bucket held a burst; the next
//! 429 corrects it. 429s of requests sent within a second of the one measured answer the same
//! burst (eight requests at once, three refused) and are not measured again.
//!
//! **The probes.** While the rate holds requests back and no 429 comes, every [`PROBE_AFTER`] it
//! rises: by 10%, then 20%, 40% ... so a limit that rose is found again within a minute. A 429 then
//! measures anew; the rate before the probe, which the server took for ten seconds, is a floor (at
//! [`MARGIN`]: the bucket may have paid for some of them). Each probe in a row that meets a 429
//! doubles the wait before the next, up to 80 s. A measure of fewer than [`FEW`] requests sets no
//! rate: a first 429 with one of two sent at once accepted (a gateway's early 429, a 503 with
//! `Retry-After`, or a server that holds one request), or a later one with fewer than two
//! accepted since the last (a run of early 429s, paused for one after the other). The pace
//! starts slowly again after the pause if no rate was learnt before, and the next 429 measures
//! from the last that did. Against a bucket of N refilled at N a second, the sandbox's, that is
//! one 429 in 15 to 40 s at 5 requests/s, for 97-100% of the limit; the unit tests play it.

use std::collections::VecDeque;
use std::time::Duration;
use tokio::time::Instant;

/// The share of a first measure the run sends at: a burst the server held may swell it.
pub const MARGIN: f64 = 0.95;
/// How long the learnt rate must hold requests back, without a 429, before it rises.
pub const PROBE_AFTER: Duration = Duration::from_secs(10);
/// A measure of fewer requests than this sets no rate: it tells too little.
const FEW: u64 = 2;
/// The first probe adds 10% to the rate, each next one without a 429 twice as much, up to 100%.
const PROBE_STEP: f64 = 0.1;
/// Each probe in a row that met a 429 doubles the time before the next, up to this many times.
const MOST_DOUBLINGS: u32 = 3;
/// 429s of requests sent within this of the one measured from answer the same burst.
const BURST: Duration = Duration::from_secs(1);
/// What the first 429 is measured over, having no 429 before it.
const FIRST_SPAN: Duration = Duration::from_secs(1);
/// Requests sent within this of each other were sent at once.
const TOGETHER: Duration = Duration::from_millis(2);
/// The longest span measured: the limit as it is now, not as it was.
const LONGEST: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct Limit {
    /// When each request the server accepted was sent, in the order the answers came, for the
    /// last [`LONGEST`] or so.
    accepted: VecDeque<Instant>,
    /// When the 429 that the next measure starts from was sent.
    reference: Option<Instant>,
    /// The latest measure, while answers that come after its 429 may still move the rate.
    measure: Option<Measure>,
    /// Requests per second, once the server has throttled.
    rate: Option<f64>,
    /// When the rate last changed.
    changed: Instant,
    /// Whether the rate has held a request back since it changed.
    held: bool,
    /// Probes since the last measure.
    probes: u32,
    /// Probes in a row that met a 429.
    failed: u32,
    /// The rate before the last probe, which the server took for [`PROBE_AFTER`].
    kept: Option<f64>,
}

/// The requests accepted that were sent within `span` before `to` (`to` included).
#[derive(Debug, Clone, Copy)]
struct Measure {
    to: Instant,
    span: Duration,
    count: u64,
    /// The first measure, which a burst the server held may have swollen: taken at [`MARGIN`].
    swollen: bool,
    /// A rate the server took for [`PROBE_AFTER`] before the probe that met this 429.
    kept: Option<f64>,
}

impl Measure {
    /// Whether a request sent then is of the measure: sent in the span, or with the 429's
    /// request (requests sent at once leave in any order, within a millisecond).
    fn holds(&self, sent: Instant) -> bool {
        sent <= self.to + TOGETHER && self.to.saturating_duration_since(sent) < self.span
    }

    /// The rate measured; none from a first measure of fewer than [`FEW`] requests.
    fn rate(&self) -> Option<f64> {
        if self.swollen && self.count < FEW {
            return None;
        }
        // One request at least: the 429 may come before the answers sent with it.
        let measured = self.count.max(1) as f64 / self.span.as_secs_f64();
        let measured = if self.swollen {
            MARGIN * measured
        } else {
            measured
        };
        // The rate kept before the probe, a little under: the server's bucket may have paid
        // for part of those seconds.
        Some(measured.max(MARGIN * self.kept.unwrap_or(0.0)))
    }
}

impl Limit {
    pub fn new(now: Instant) -> Limit {
        Limit {
            accepted: VecDeque::new(),
            reference: None,
            measure: None,
            rate: None,
            changed: now,
            held: false,
            probes: 0,
            failed: 0,
            kept: None,
        }
    }

    /// The rate learnt, requests per second; `None` until the server throttles.
    pub fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// A request sent at `sent` was answered, not throttled.
    pub fn accepted(&mut self, sent: Instant) {
        self.accepted.push_back(sent);
        // Roughly oldest first: late answers are a few round trips out of order at most.
        while self
            .accepted
            .front()
            .is_some_and(|t| sent.saturating_duration_since(*t) > LONGEST + BURST)
        {
            self.accepted.pop_front();
        }
        if let Some(m) = self.measure.as_mut().filter(|m| m.holds(sent)) {
            m.count += 1;
            self.rate = m.rate().or(self.rate);
        }
    }

    /// A request sent at `sent` was answered 429 (or with `Retry-After`).
    pub fn throttled(&mut self, sent: Instant, now: Instant) {
        let (span, swollen) = match self.reference {
            Some(earlier) if sent.saturating_duration_since(earlier) < BURST => return,
            Some(earlier) => (sent.duration_since(earlier).min(LONGEST), false),
            None => (FIRST_SPAN, true),
        };
        let mut measure = Measure {
            to: sent,
            span,
            count: 0,
            swollen,
            kept: None,
        };
        measure.count = self.accepted.iter().filter(|t| measure.holds(**t)).count() as u64;
        // Fewer than `FEW` accepted since the last 429 (a run of early 429s or 503s, each paused
        // for, from a server that takes all it gets once they end): the pauses, not the server's
        // rate, kept the count low. The rate stands (none: the slow start begins again), and
        // the next 429 measures from the same one, over both spans.
        if !swollen && measure.count < FEW {
            return;
        }
        measure.kept = self.kept.take();
        if self.probes > 0 {
            self.failed = (self.failed + 1).min(MOST_DOUBLINGS);
        }
        self.reference = Some(sent);
        self.measure = Some(measure);
        self.rate = measure.rate();
        (self.changed, self.held, self.probes) = (now, false, 0);
    }

    /// The time between two requests now, probing upward when it is due.
    pub fn interval(&mut self, now: Instant) -> Option<Duration> {
        let rate = self.rate.as_mut()?;
        if self.held && now.duration_since(self.changed) >= PROBE_AFTER * (1 << self.failed) {
            if self.probes > 0 {
                // The last probe's rate held: the next ones come sooner again.
                self.failed = 0;
            }
            self.probes += 1;
            self.kept = Some(*rate);
            let step = PROBE_STEP * f64::from(1u32 << (self.probes - 1).min(5));
            *rate *= 1.0 + step.min(1.0);
            (self.changed, self.held) = (now, false);
            // Late answers of the last measure no longer move the rate a probe has set.
            self.measure = None;
        }
        Some(Duration::from_secs_f64(1.0 / *rate))
    }

    /// The learnt rate made a request wait for its turn.
    pub fn held_back(&mut self) {
        self.held = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight requests sent at once, three refused: the 429 may come first, and the requests
    /// accepted may have left a little after the refused one. All five count.
    #[test]
    fn requests_sent_with_the_refused_one_count_whenever_they_are_answered() {
        let t0 = Instant::now();
        let mut limit = Limit::new(t0);
        let refused = t0 + Duration::from_secs(1);
        limit.throttled(refused, refused);
        for k in 0..5 {
            limit.accepted(refused + Duration::from_micros(100 * k));
        }
        assert_eq!(limit.rate(), Some(5.0 * MARGIN));
        // Then a second 429 ten seconds on: what was accepted since (the four sent just after
        // the first refused one among them), over the ten seconds.
        for k in 1..=40 {
            limit.accepted(refused + Duration::from_millis(250 * k));
        }
        limit.throttled(
            refused + Duration::from_secs(10),
            refused + Duration::from_secs(10),
        );
        assert_eq!(limit.rate(), Some(4.4));
    }
}
