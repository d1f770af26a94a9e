//! How many customers a window has left, and where to cut it, from the densities its walkers'
//! pages found.

use super::{End, Span, State};

/// One end this many times as dense as the other is a bulk import seen from one end.
const UNEVEN: f64 = 8.0;
/// How many pages past its dense end an uneven window is cut.
const REACH: f64 = 8.0;

impl State {
    /// The customers a window has left, by the densities its ends found, and where to cut it;
    /// `None` when not known. Ends about as dense as each other: the density is taken to change
    /// exponentially between them, and the cut splits what is left in halves. One end far
    /// denser (a bulk import seen from one end, a trickle at the other): how far the import goes
    /// is not known, and the cut falls [`REACH`] pages past the dense end, inside the import if
    /// it is that long; the walker at the other end comes to it meanwhile.
    pub(super) fn left(&self, span: &Span, page: f64) -> Option<(f64, i64, f64)> {
        let low = span.above.or(self.oldest.map(|o| o - 1))?;
        let high = span.below.or(self.newest.map(|n| n + 1))?;
        let [top, bottom] = span.density;
        let (top, bottom) = (top.or(bottom)?, bottom.or(top)?);
        if high - low < 3 {
            return None;
        }
        let ids = (high - low - 1) as f64;
        let ratio = top / bottom;
        let (mean, half) = if (ratio - 1.0).abs() < 1e-3 {
            ((top + bottom) / 2.0, 0.5)
        } else {
            let mean = (top - bottom) / ratio.ln();
            (mean, ((ratio + 1.0) / 2.0).ln() / ratio.ln())
        };
        // Where to cut, and the density taken there until pages come from it.
        let (at, there) = if ratio > UNEVEN {
            (high - (REACH * page / top) as i64, top)
        } else if ratio * UNEVEN < 1.0 {
            (low + (REACH * page / bottom) as i64, bottom)
        } else {
            let there = bottom.powf(1.0 - half) * top.powf(half);
            (low + (ids * half) as i64, there)
        };
        Some((ids * mean, at.clamp(low + 2, high - 1), there))
    }
}

/// How many of a page's customers, those the walk meets last, tell the density ahead of it.
const LEADING: usize = 10;

/// Customers per id where the walk from `end` goes on: over the [`LEADING`] customers of the
/// page furthest along it. A page that ran from a trickle into a bulk import says so at once,
/// where the density of the whole page would still be the trickle's.
pub(super) fn leading_density(ids: &mut [i64], end: End) -> Option<f64> {
    ids.sort_unstable();
    let n = ids.len().min(LEADING);
    let leading = match end {
        End::Top => &ids[..n],
        End::Bottom => &ids[ids.len() - n..],
    };
    let (low, high) = (*leading.first()?, *leading.last()?);
    (n > 1 && high > low).then(|| (n - 1) as f64 / (high - low) as f64)
}
