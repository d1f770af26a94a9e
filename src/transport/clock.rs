//! The server's clock, read from its `Date` when it answers 1004 (timestamp expired): how far
//! this machine's clock is off, or that the server's own cannot be right.

use crate::error::Error;

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
        "this machine's clock is {} s {} the server's; retrying with the server's time (fix the clock: it must be within 60 s)",
        offset.abs() / 1000,
        if offset > 0 { "behind" } else { "ahead of" }
    )
}

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
