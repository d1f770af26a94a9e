//! The server's clock: read from its `Date` when it answers 1004 (timestamp expired), how far
//! this machine's clock is off, or that the server's own cannot be right; and read from every
//! answer's `Date`, where the server's clock stands against this machine's (a long watch notices
//! the server's clock stepping back by it).

use crate::error::Error;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Where the server's clock stood, as far as one answer tells: its `Date` minus this machine's
/// clock lies between `lo_ms` and `hi_ms` (the `Date` has whole seconds, and the answer was
/// made somewhere between the request leaving and the answer coming back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Offset {
    pub lo_ms: i64,
    pub hi_ms: i64,
    /// The offset nxcdp signed with when the answer came (learnt from a 1004): the server's
    /// `ts` check, which a `Date` rewritten on the way (a proxy's) does not move.
    #[serde(default)]
    pub signed_ms: i64,
}

impl Offset {
    /// What an answer made at `date_ms` on the server's clock (whole seconds) says, the request
    /// sent at `sent_ms` and the answer received at `received_ms` on this machine's.
    pub fn of_answer(date_ms: i64, sent_ms: i64, received_ms: i64, signed_ms: i64) -> Offset {
        Offset {
            lo_ms: date_ms.saturating_sub(received_ms),
            hi_ms: date_ms.saturating_add(999).saturating_sub(sent_ms),
            signed_ms,
        }
    }

    /// How far the server's clock went back since `earlier` was read, if its `Date` says so by
    /// more than a second: at most this (the widest the two readings allow), so that a watch
    /// widened by it loses nothing. `Err` with the step when the `Date` went back further than
    /// the API's `ts` window while the server still took requests signed on the clock it had:
    /// its `ts` check did not move, so its clock did not (a `Date` rewritten on the way).
    pub fn stepped_back_since(&self, earlier: &Offset) -> Option<Result<i64, i64>> {
        if self.hi_ms.saturating_add(1000) >= earlier.lo_ms {
            return None;
        }
        let step = earlier.hi_ms.saturating_sub(self.lo_ms);
        let signed = earlier.signed_ms.saturating_sub(self.signed_ms);
        // The signing offset is learnt from a `Date` too: whole seconds, and a round trip.
        let window = crate::wire::TS_WINDOW_MS + 2000;
        match step <= window || signed >= step.saturating_sub(window) {
            true => Some(Ok(step)),
            false => Some(Err(step)),
        }
    }
}

/// This machine's clock (Unix ms) as it runs for this process: read once, then moved on by the
/// monotonic clock, so that the machine's own clock being set does not look like the server's
/// moving.
pub fn steady_now_ms() -> i64 {
    static START: OnceLock<(Instant, i64)> = OnceLock::new();
    let (at, wall) = START.get_or_init(|| (Instant::now(), crate::wire::now_ms()));
    let elapsed = i64::try_from(at.elapsed().as_millis()).unwrap_or(i64::MAX);
    wall.saturating_add(elapsed)
}

/// The last answer's [`Offset`], shared by every request of a client.
#[derive(Default)]
pub struct Observed(Mutex<Option<Offset>>);

impl Observed {
    pub fn record(&self, offset: Offset) {
        *self
            .0
            .lock()
            .expect("never poisoned: nothing panics holding it") = Some(offset);
    }

    pub fn last(&self) -> Option<Offset> {
        *self
            .0
            .lock()
            .expect("never poisoned: nothing panics holding it")
    }
}

/// What a 1004 and the server's `Date` say of the clocks.
#[derive(Debug, PartialEq)]
pub enum Skew {
    /// The clocks agree: the 1004 is not this machine's clock.
    None,
    /// Milliseconds to add to this machine's clock to get the server's.
    Off(i64),
    /// The server's clock is more than a year from this machine's: not a clock to sign on.
    Absurd,
}

/// Further apart than this, the server's clock is wrong rather than this machine's.
const ABSURD_MS: i64 = 365 * 24 * 3600 * 1000;

/// `Date` has whole seconds: clocks one second apart or less read the same.
pub fn judge(server_ms: i64, now_ms: i64) -> Skew {
    let offset = server_ms.saturating_sub(now_ms);
    if offset.unsigned_abs() > ABSURD_MS.unsigned_abs() {
        Skew::Absurd
    } else if (server_ms.div_euclid(1000) - now_ms.div_euclid(1000)).abs() <= 1 {
        Skew::None
    } else {
        Skew::Off(offset)
    }
}

/// The warning before the one retry on the server's time.
pub fn retrying(offset: i64) -> String {
    format!(
        "this machine's clock is {} s {} the server's (one of the two is off); retrying with the server's time (the API takes a time within 60 s of its own)",
        offset.abs() / 1000,
        if offset > 0 { "behind" } else { "ahead of" }
    )
}

/// The note when the server's clock agrees with this machine's again after nxcdp signed on the
/// server's time.
pub const AGREES_AGAIN: &str =
    "note: the server's clock agrees with this machine's again; signing on this machine's clock";

/// The 1004, saying that the server's clock looks wrong and that nxcdp did not sign on it.
pub fn absurd(error: Error, server_ms: i64) -> Error {
    let Error::Api {
        code,
        message,
        trace_id,
        status,
    } = error
    else {
        return error;
    };
    let epoch = jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0);
    let date = epoch
        .checked_add(jiff::SignedDuration::from_millis(server_ms))
        .map_or(format!("{server_ms} ms after 1970"), |d| format!("{d} UTC"));
    Error::Api {
        code,
        message: format!(
            "the server's clock looks wrong: its Date says {date}, more than a year from this \
             machine's clock, so nxcdp did not retry on it; the server said: {message}"
        ),
        trace_id,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_apart_is_no_skew_and_a_year_is_absurd() {
        let now = 1_700_000_000_500;
        assert_eq!(
            judge(1_700_000_000_000, now),
            Skew::None,
            "Date's whole second"
        );
        assert_eq!(judge(now + 1_000, now), Skew::None);
        assert_eq!(judge(now - 1_400, now), Skew::None);
        assert_eq!(judge(now + 120_000, now), Skew::Off(120_000));
        assert_eq!(judge(now - 90_000, now), Skew::Off(-90_000));
        assert_eq!(judge(-62_135_596_800_000, now), Skew::Absurd);
        assert_eq!(judge(now + 400 * 86_400_000, now), Skew::Absurd);
    }

    #[test]
    fn a_step_back_is_told_only_beyond_what_the_readings_allow() {
        // An answer dated 12:00:00 on the server, sent and received 100 ms apart here.
        let before = Offset::of_answer(1_000_000, 1_000_000, 1_000_100, 0);
        assert_eq!(
            before,
            Offset {
                lo_ms: -100,
                hi_ms: 999,
                signed_ms: 0
            }
        );
        // The same clock a second later, and a slow answer: no step.
        let same = Offset::of_answer(1_001_000, 1_000_900, 1_003_000, 0);
        assert_eq!(same.stepped_back_since(&before), None);
        // 200 s behind, learnt by a 1004: the step told is the widest the readings allow.
        let behind = Offset::of_answer(1_001_000 - 200_000, 1_001_000, 1_001_050, -200_000);
        assert_eq!(behind.stepped_back_since(&before), Some(Ok(999 + 200_050)));
        // The same Date with requests still taken on the clock before: not the server's clock.
        let rewritten = Offset::of_answer(1_001_000 - 200_000, 1_001_000, 1_001_050, 0);
        assert_eq!(
            rewritten.stepped_back_since(&before),
            Some(Err(999 + 200_050))
        );
        // 30 s back needs no 1004 to be believed: within the ts window.
        let small = Offset::of_answer(1_001_000 - 30_000, 1_001_000, 1_001_050, 0);
        assert!(matches!(small.stepped_back_since(&before), Some(Ok(_))));
        assert_eq!(
            before.stepped_back_since(&behind),
            None,
            "ahead is no step back"
        );
    }

    #[test]
    fn an_absurd_clock_keeps_the_code_and_says_why() {
        let error = Error::Api {
            code: 1004,
            message: "timestamp expired".into(),
            trace_id: None,
            status: 200,
        };
        let error = absurd(error, -62_135_596_800_000);
        assert_eq!(error.exit_code(), 3);
        let text = error.to_string();
        assert!(text.contains("the server's clock looks wrong"), "{text}");
        assert!(text.contains("0001-01-01T00:00:00 UTC"), "{text}");
        assert!(text.contains("timestamp expired"), "{text}");
    }
}
