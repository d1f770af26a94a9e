//! What a watch remembers between polls: the newest id it vouches for (the high-water mark), the
//! ids it has printed within the look-back, and the clock the ids encode, bounded from below and,
//! once customers arrive, from above (ARCHITECTURE.md, "Ids from the future"). Pure data with no
//! clock of its own (the caller passes the time), so its rules are tested directly.

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
    /// The newest id the clock rests on: the newest seen that the watch could vouch for.
    pub high: Option<i64>,
    /// A lower bound of the ids' clock (milliseconds in the ids' own time), read at a moment the
    /// owner keeps (`Watch` on this process's clock, a bookmark on the wall clock).
    pub clock_ms: Option<i64>,
    /// An upper bound of the ids' clock, read when `clock_ms` was: learnt from the customers
    /// that arrived while the watch looked ([`Memory::vouch`]). `None` until one has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling_ms: Option<i64>,
    /// The ids' clock when the last completed poll began: the next poll looks back from there.
    pub mark_ms: Option<i64>,
    /// No walk goes below this id any more; `seen` holds every id printed at or above it.
    pub floor: i64,
    /// The ids at or above `floor` already printed (or there before the watch began).
    pub seen: BTreeSet<i64>,
    /// Where the server's clock stood against this machine's at the last answer (its `Date`): a
    /// later run notices the server's clock stepping back by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_clock: Option<crate::transport::Offset>,
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
    /// What the first walk of a watch finds, `newest` being the newest customers it found,
    /// newest first: the clock starts at the second (one id alone, from the future perhaps, does
    /// not set it), and the look-back ends there. The customers in it are there before the watch
    /// began.
    pub fn starting_at(newest: &[i64], lookback_ms: i64) -> Option<Memory> {
        let start = *newest.get(1).or(newest.first())?;
        let now = id_ms(start);
        Some(Memory {
            high: Some(start),
            clock_ms: Some(now),
            ceiling_ms: None,
            mark_ms: Some(now),
            floor: first_id_at(now.saturating_sub(lookback_ms)),
            seen: BTreeSet::new(),
            server_clock: None,
            catch_up: None,
        })
    }

    /// The ids' clock `elapsed_ms` after `clock_ms` was read: at least that, and at least the
    /// newest id's time. `None` until a customer was seen.
    pub fn clock(&self, elapsed_ms: i64) -> Option<i64> {
        let read = self.clock_ms.map(|c| c.saturating_add(elapsed_ms.max(0)));
        read.max(self.high.map(id_ms))
    }

    /// The ids' clock at most, `elapsed_ms` after `ceiling_ms` was read.
    pub fn ceiling(&self, elapsed_ms: i64) -> Option<i64> {
        let read = self.ceiling_ms?;
        Some(read.saturating_add(elapsed_ms.max(0)))
    }

    /// Judges a customer `id` printed `elapsed_ms` after the clock was read: the clock moves to
    /// it only when its time is at most the ceiling (before there is one: at most a look-back
    /// ahead of the clock). `arrived`: it was not there when the last completed poll walked
    /// past its place, so it was made at most `lookback_ms` before that poll began (the
    /// look-back's own premise): its time plus the look-back and the time since bounds the
    /// ids' clock from above. Returns how far beyond the ceiling an id the clock did not move
    /// to is, when there is a ceiling to tell.
    pub fn vouch(
        &mut self,
        id: i64,
        arrived: bool,
        lookback_ms: i64,
        elapsed_ms: i64,
    ) -> Option<i64> {
        let at = id_ms(id);
        let clock = self.clock(elapsed_ms);
        let ceiling = self.ceiling(elapsed_ms);
        let limit = ceiling.or(clock.map(|c| c.saturating_add(lookback_ms)));
        if let (true, Some(mark), Some(clock)) = (arrived, self.mark_ms, clock) {
            let since = clock.saturating_sub(mark).max(0);
            let bound = at.saturating_add(lookback_ms).saturating_add(since);
            let read = bound.saturating_sub(elapsed_ms.max(0));
            self.ceiling_ms = Some(self.ceiling_ms.map_or(read, |c| c.min(read)));
        }
        match limit {
            Some(limit) if at > limit => ceiling.map(|c| at.saturating_sub(c)),
            _ => {
                self.high = self.high.max(Some(id));
                None
            }
        }
    }

    /// Takes back a clock that rests on an id the rest of the memory does not vouch for: one
    /// from the future, put there by hand or by an nxcdp before [`Memory::vouch`] (`legacy`: a
    /// memory it saved, with no ceiling). Vouched for is at most a look-back beyond the ceiling
    /// or, in a legacy memory, at most a look-back above another id of the look-back set. The
    /// high-water mark goes back to the newest id vouched for, the clock and the last poll's
    /// mark no further than it (a clock that lags costs requests, never customers); the floor
    /// stays, as it only rises. The id taken back, if one was.
    pub fn repair(&mut self, lookback_ms: i64, legacy: bool) -> Option<i64> {
        let vouched = |id: i64| match (self.ceiling_ms, legacy) {
            (Some(ceiling), _) => id_ms(id) <= ceiling.saturating_add(lookback_ms),
            (None, true) => self
                .seen
                .range(..id)
                .next_back()
                .is_some_and(|&below| id_ms(id).saturating_sub(id_ms(below)) <= lookback_ms),
            (None, false) => true,
        };
        let taken = self.high.filter(|&h| !vouched(h))?;
        self.high = self
            .seen
            .range(..taken)
            .rev()
            .copied()
            .find(|&id| vouched(id));
        self.clock_ms = self.high.map(id_ms);
        self.mark_ms = self.mark_ms.min(self.clock_ms);
        Some(taken)
    }

    /// The server's clock went back by `step_ms`, `elapsed_ms` after the clock was read: the
    /// customers it makes now have ids that much below those made before, under the look-back
    /// perhaps. The ids' clock, the last poll's mark and the floor go back by the step, so that
    /// the next walk starts that much lower; the high-water mark no longer bounds the clock (the
    /// ids above it are from before the step), and the ceiling comes down to the clock: the
    /// customers made before the step that the wider walk meets again must not move the clock
    /// back up (their ids are ahead of the new ones; the look-back would then start above the
    /// customers to come). The ids printed in the step's length below the old floor were
    /// forgotten: they are printed again (twice rather than lost). Returns the clock as read now.
    pub fn step_back(&mut self, step_ms: i64, elapsed_ms: i64) -> Option<i64> {
        let step = step_ms.max(0);
        self.clock_ms = self.clock(elapsed_ms).map(|c| c.saturating_sub(step));
        self.ceiling_ms = self.clock_ms;
        self.high = None;
        self.mark_ms = self.mark_ms.map(|m| m.saturating_sub(step));
        self.floor = first_id_at(id_ms(self.floor).saturating_sub(step));
        self.clock_ms
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
    /// printed before). Ids below the look-back are not kept: no poll walks there again. The
    /// clock does not move here: see [`Memory::vouch`].
    pub fn remember(&mut self, id: i64) -> bool {
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
    fn a_server_clock_set_back_widens_the_next_look_back_by_the_step() {
        let at = |ms: i64, low: i64| first_id_at(ms) + low;
        let newest = [at(100 * MINUTE, 5), at(100 * MINUTE, 2)];
        let mut m = Memory::starting_at(&newest, 2 * MINUTE).unwrap();
        m.completed(m.clock(MINUTE));
        let mut before = m.clone();
        let usual = before.begin(2 * MINUTE);
        assert!(m.remember(at(100 * MINUTE, 9)));
        m.step_back(5 * MINUTE, MINUTE);
        let from = m.begin(2 * MINUTE);
        assert_eq!(id_ms(from + 1), id_ms(usual + 1) - 5 * MINUTE);
        // Made after the step, below the old look-back: new. Printed before: not again.
        assert!(m.remember(at(97 * MINUTE, 1)));
        assert!(!m.remember(at(100 * MINUTE, 9)));
        assert_eq!(m.clock(0), Some(101 * MINUTE - 5 * MINUTE));
    }

    #[test]
    fn a_late_customer_below_the_newest_is_printed_once() {
        let at = |ms: i64, low: i64| first_id_at(ms) + low;
        let newest = [at(100 * MINUTE, 5), at(100 * MINUTE, 2)];
        let mut m = Memory::starting_at(&newest, 2 * MINUTE).unwrap();
        // There before the watch began.
        assert!(m.remember(at(100 * MINUTE - 1000, 1)));
        let from = m.begin(2 * MINUTE);
        assert_eq!(from, first_id_at(98 * MINUTE) - 1);
        assert!(m.remember(at(100 * MINUTE + 10, 0)), "a newer customer");
        assert_eq!(m.vouch(at(100 * MINUTE + 10, 0), true, 2 * MINUTE, 0), None);
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
    fn one_id_alone_never_sets_the_clock() {
        let (lookback, future) = (2 * MINUTE, first_id_at(160 * MINUTE));
        let newest = [future, first_id_at(100 * MINUTE), first_id_at(99 * MINUTE)];
        let mut m = Memory::starting_at(&newest, lookback).unwrap();
        assert_eq!(m.clock(0), Some(100 * MINUTE), "the second newest");
        // A watch with no customer arrived yet takes at most a look-back ahead of its clock.
        m.begin(lookback);
        let started = m.clock(1000);
        assert_eq!(m.vouch(future + 1, true, lookback, 1000), None, "not told");
        assert_eq!(m.clock(1000), Some(100 * MINUTE + 1000));
        assert_eq!(
            m.vouch(first_id_at(100 * MINUTE + 500), true, lookback, 1000),
            None
        );
        m.completed(started);
        // The customers that arrived bound the ids' clock: one an hour beyond is refused.
        m.begin(lookback);
        let ceiling = m.ceiling(2000).unwrap();
        assert!(ceiling < 103 * MINUTE + 2000, "{ceiling}");
        let ahead = m.vouch(first_id_at(160 * MINUTE), true, lookback, 2000);
        assert_eq!(ahead, Some(160 * MINUTE - ceiling));
        assert_eq!(
            m.vouch(i64::MAX, true, lookback, 2000).map(|a| a > 0),
            Some(true)
        );
        assert_eq!(m.high, Some(first_id_at(100 * MINUTE + 500)));
        // The customers after them move it on.
        assert_eq!(
            m.vouch(first_id_at(100 * MINUTE + 1500), true, lookback, 2000),
            None
        );
        assert_eq!(m.clock(2000), Some(100 * MINUTE + 2000));
    }

    #[test]
    fn a_clock_an_id_from_the_future_moved_is_taken_back() {
        let lookback = 2 * MINUTE;
        let (a, b) = (first_id_at(100 * MINUTE), first_id_at(100 * MINUTE + 700));
        let mut m = Memory::starting_at(&[b], lookback).unwrap();
        m.seen.extend([a, b, i64::MAX]);
        let healthy = m.clone();
        assert_eq!(
            m.clone().repair(lookback, true),
            None,
            "b is within a look-back of a"
        );
        (m.high, m.clock_ms, m.mark_ms) =
            (Some(i64::MAX), Some(id_ms(i64::MAX)), Some(id_ms(i64::MAX)));
        // As an nxcdp before the rule left it: no ceiling; the look-back set vouches for b.
        let mut legacy = m.clone();
        assert_eq!(legacy.repair(lookback, true), Some(i64::MAX));
        assert_eq!(
            (legacy.high, legacy.clock_ms),
            (healthy.high, Some(id_ms(b)))
        );
        assert!(legacy.mark_ms <= legacy.clock_ms && legacy.floor == healthy.floor);
        // With a ceiling, that decides.
        m.ceiling_ms = Some(id_ms(b) + lookback);
        assert_eq!(m.repair(lookback, false), Some(i64::MAX));
        assert_eq!(m.high, Some(b));
    }

    #[test]
    fn an_idle_tenant_s_first_customer_bounds_the_clock_for_the_next() {
        // The newest customers are days old: the clock lags behind the ids' by as much.
        let (lookback, day) = (2 * MINUTE, 24 * 60 * MINUTE);
        let newest = [first_id_at(10 * day), first_id_at(9 * day)];
        let mut m = Memory::starting_at(&newest, lookback).unwrap();
        m.begin(lookback);
        m.completed(m.clock(0));
        m.begin(lookback);
        // Far ahead of a clock that lags: taken by neither, but it tells where the clock is.
        let first = first_id_at(20 * day);
        assert_eq!(m.vouch(first, true, lookback, 5000), None);
        assert_eq!(m.clock(5000), Some(9 * day + 5000));
        // The next one is within what the first allows: the clock moves to it.
        let next = first_id_at(20 * day + 3000);
        assert_eq!(m.vouch(next, true, lookback, 8000), None);
        assert_eq!(m.clock(8000), Some(20 * day + 3000));
    }

    #[test]
    fn the_look_back_starts_from_the_last_completed_poll() {
        let mut m = Memory::starting_at(&[first_id_at(50 * MINUTE)], MINUTE).unwrap();
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
        assert_eq!(m.vouch(first_id_at(7 * MINUTE), true, MINUTE, 0), None);
        m.completed(m.clock(0));
        assert_eq!(m.begin(MINUTE), first_id_at(6 * MINUTE) - 1);
    }

    #[test]
    fn memory_stays_flat_over_days_of_arrivals() {
        // Ten customers a second for three days, polled every ten seconds with a two-minute
        // look-back, each customer late by up to four seconds.
        let mut rng = Rng::new(9);
        let (lookback, interval, day) = (2 * MINUTE, 10_000, 86_400_000);
        let mut m = Memory::starting_at(&[first_id_at(0)], lookback).unwrap();
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
                if m.remember(id) {
                    printed += 1;
                    assert_eq!(
                        m.vouch(id, true, lookback, now),
                        None,
                        "not from the future"
                    );
                }
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
