//! What a watch remembers between polls: the newest id seen (the high-water mark), the ids it has
//! printed within the look-back, and the clock the ids encode. Pure data with no clock of its
//! own (the caller passes the time), so its rules are tested directly.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Ids hold a timestamp in milliseconds in their high bits, shifted left by this (API.md
/// section 9).
pub const ID_TIME_SHIFT: u32 = 22;

/// The millisecond an id was made in, on its generator's clock, whatever that clock's epoch.
pub fn id_ms(id: i64) -> i64 {
    id >> ID_TIME_SHIFT
}

/// The smallest id made at or after millisecond `ms`.
pub fn first_id_at(ms: i64) -> i64 {
    ms.clamp(0, i64::MAX >> ID_TIME_SHIFT) << ID_TIME_SHIFT
}

/// The look-back set and the marks that bound it. Ids only ever enter `seen` at or above
/// `floor`, and `floor` only rises, so the set holds the ids of one look-back span.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// The newest id seen.
    pub high: Option<i64>,
    /// A lower bound of the ids' clock (milliseconds in the ids' own time), read at a moment the
    /// owner keeps (`Watch` on this process's clock, a bookmark on the wall clock).
    pub clock_ms: Option<i64>,
    /// The ids' clock when the last completed poll began: the next poll looks back from there.
    pub mark_ms: Option<i64>,
    /// No walk goes below this id any more; `seen` holds every id printed at or above it.
    pub floor: i64,
    /// The ids at or above `floor` already printed (or there before the watch began).
    pub seen: BTreeSet<i64>,
    /// A `--since` walk not finished yet: it goes on from here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch_up: Option<CatchUp>,
}

/// How far the `--since` walk of a new watch got: customers created from `start_time` on, up
/// to the id `before` (printed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatchUp {
    /// `YYYY-MM-DD HH:MM:SS`, as sent.
    pub start_time: String,
    /// The walk goes on with the customers newer than this id.
    pub before: i64,
}

impl Memory {
    /// What the first walk of a watch finds, `newest` being the newest customer: the look-back
    /// ends there, and the customers in it are there before the watch began.
    pub fn starting_at(newest: i64, lookback_ms: i64) -> Memory {
        let now = id_ms(newest);
        Memory {
            high: Some(newest),
            clock_ms: Some(now),
            mark_ms: Some(now),
            floor: first_id_at(now.saturating_sub(lookback_ms)),
            seen: BTreeSet::new(),
            catch_up: None,
        }
    }

    /// The ids' clock `elapsed_ms` after `clock_ms` was read: at least that, and at least the
    /// newest id's time. `None` until a customer was seen.
    pub fn clock(&self, elapsed_ms: i64) -> Option<i64> {
        let read = self.clock_ms.map(|c| c.saturating_add(elapsed_ms.max(0)));
        read.max(self.high.map(id_ms))
    }

    /// Begins a poll: the cursor to walk up from (`before`), which is the look-back before the
    /// last completed poll began. The ids below it are forgotten: no walk reaches them again.
    pub fn begin(&mut self, lookback_ms: i64) -> i64 {
        let from = self
            .mark_ms
            .map_or(0, |m| first_id_at(m.saturating_sub(lookback_ms)));
        let bottom = from.max(self.floor);
        self.seen = self.seen.split_off(&bottom);
        self.floor = bottom;
        // `before: X` answers ids above X; the look-back starts at `bottom` itself.
        (bottom - 1).max(0)
    }

    /// A poll that began at clock `started_ms` walked to the newest customer.
    pub fn completed(&mut self, started_ms: Option<i64>) {
        if started_ms.is_some() {
            self.mark_ms = started_ms.max(self.mark_ms);
        }
    }

    /// Records the customer `id` as printed: whether it is new (in the look-back and not
    /// printed before). Ids below the look-back are not kept: no poll walks there again.
    pub fn remember(&mut self, id: i64) -> bool {
        self.high = self.high.max(Some(id));
        id >= self.floor && self.seen.insert(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::data::Rng;

    const MINUTE: i64 = 60_000;

    #[test]
    fn ids_tell_their_millisecond_whatever_the_epoch() {
        let id = 1_021_110_718_827_683_840;
        assert_eq!(first_id_at(id_ms(id)) >> ID_TIME_SHIFT, id_ms(id));
        assert!(first_id_at(id_ms(id)) <= id && id < first_id_at(id_ms(id) + 1));
        assert_eq!(first_id_at(-5), 0);
        assert!(first_id_at(i64::MAX) > 0, "no overflow");
    }

    #[test]
    fn a_late_customer_below_the_newest_is_printed_once() {
        let at = |ms: i64, low: i64| first_id_at(ms) + low;
        let mut m = Memory::starting_at(at(100 * MINUTE, 5), 2 * MINUTE);
        // There before the watch began.
        assert!(m.remember(at(100 * MINUTE - 1000, 1)));
        let from = m.begin(2 * MINUTE);
        assert_eq!(from, first_id_at(98 * MINUTE) - 1);
        assert!(m.remember(at(100 * MINUTE + 10, 0)), "a newer customer");
        // Visible only now, with an id below the newest one seen.
        assert!(m.remember(at(100 * MINUTE - 3000, 7)), "a late one");
        assert!(!m.remember(at(100 * MINUTE - 3000, 7)), "once");
        assert!(
            !m.remember(at(100 * MINUTE - 1000, 1)),
            "seen before the watch"
        );
        assert_eq!(m.high, Some(at(100 * MINUTE + 10, 0)));
    }

    #[test]
    fn the_look_back_starts_from_the_last_completed_poll() {
        let mut m = Memory::starting_at(first_id_at(50 * MINUTE), MINUTE);
        let first = m.begin(MINUTE);
        // A poll that failed half-way does not move the look-back: its retry walks as far.
        assert_eq!(m.begin(MINUTE), first);
        m.completed(m.clock(10 * MINUTE));
        let later = m.begin(MINUTE);
        assert_eq!(later, first_id_at(59 * MINUTE) - 1);
        // A longer look-back asked for later cannot go below what was forgotten.
        m.completed(m.clock(10 * MINUTE));
        assert_eq!(m.begin(60 * MINUTE), later);
    }

    #[test]
    fn a_watch_of_nothing_looks_at_every_customer_until_one_comes() {
        let mut m = Memory::default();
        assert_eq!(m.begin(MINUTE), 0);
        m.completed(m.clock(5000));
        assert_eq!((m.mark_ms, m.begin(MINUTE)), (None, 0));
        assert!(m.remember(first_id_at(7 * MINUTE)));
        m.completed(m.clock(0));
        assert_eq!(m.begin(MINUTE), first_id_at(6 * MINUTE) - 1);
    }

    #[test]
    fn memory_stays_flat_over_days_of_arrivals() {
        // Ten customers a second for three days, polled every ten seconds with a two-minute
        // look-back, each customer late by up to four seconds.
        let mut rng = Rng::new(9);
        let (lookback, interval, day) = (2 * MINUTE, 10_000, 86_400_000);
        let mut m = Memory::starting_at(first_id_at(0), lookback);
        let mut pending: Vec<(i64, i64)> = Vec::new();
        let (mut created, mut printed, mut largest) = (0, 0, 0);
        let mut now = 0;
        while now < 3 * day {
            now += interval;
            while created < now * 10 / 1000 {
                created += 1;
                let made = created * 100;
                let id = first_id_at(made) + rng.below(1 << 20) as i64;
                pending.push((id, made + rng.below(4001) as i64));
            }
            let from = m.begin(lookback);
            let started = m.clock(now);
            let (visible, rest): (Vec<_>, Vec<_>) =
                pending.iter().partition(|(_, seen_at)| *seen_at <= now);
            pending = rest;
            for (id, _) in visible {
                assert!(id > from, "a customer below the look-back would be lost");
                printed += usize::from(m.remember(id));
            }
            m.completed(started);
            largest = largest.max(m.seen.len());
        }
        assert_eq!(printed as i64, created - pending.len() as i64, "each once");
        // At most the customers of a look-back and a poll, not of three days.
        assert!(
            largest <= ((lookback + 2 * interval) / 100) as usize,
            "{largest}"
        );
    }
}
