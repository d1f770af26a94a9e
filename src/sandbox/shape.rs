//! The shapes of `created_at` a real tenant has (API.md section 7): evenly spread, one or three
//! bulk imports that create most customers within an hour, a tenant that grows, one whose last
//! month holds most of its customers, and a `created_at` that does not follow the id order. Ids
//! follow the creation time whatever the shape (API.md section 9).

/// Customers are created over the two years (in ms) before the sandbox starts.
pub const SPAN_MS: i64 = 2 * 365 * 86_400_000;
/// A bulk import (`--burst`, `--shape burst|bursts`) lasts one hour.
const BURST_MS: i64 = 3_600_000;
/// A month, for `--shape growth|tail`: the span in 24 of them.
const MONTH_MS: i64 = SPAN_MS / 24;

/// How creation times are laid out: the realistic shapes of API.md section 7.
#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "Fault injection")]
pub struct Shape {
    /// Where the customers' creation times fall: even (spread over the two years), burst (90% in
    /// one bulk import of an hour, two thirds of the way), bursts (90% in three bulk imports of an
    /// hour, at a quarter, half and three quarters of the way), growth (each month 19% more than
    /// the month before: the last year holds 89%), tail (90% in the last month). Imported
    /// customers have source_type 2 (excel import)
    #[arg(
        long = "shape",
        value_name = "SHAPE",
        value_enum,
        default_value_t,
        conflicts_with = "burst"
    )]
    pub layout: Layout,
    /// Create this share of the customers (0 to 1) within one hour, as a bulk import two thirds
    /// of the way through the two years; the rest trickle in over the two years. Imported
    /// customers have source_type 2 (excel import)
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = share)]
    pub burst: f64,
    /// Move each customer's created_at off its id's time by a random amount of up to SECS, either
    /// way (drawn from --seed), so that created_at no longer sorts like id
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub time_jitter: u64,
}

/// `--shape`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    #[default]
    Even,
    Burst,
    Bursts,
    Growth,
    Tail,
}

impl Shape {
    /// A shape of `layout`, `created_at` in id order.
    pub fn of(layout: Layout) -> Shape {
        Shape {
            layout,
            ..Shape::default()
        }
    }
}

pub fn share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("expected a share from 0 to 1, got {s:?}")),
    }
}

/// Where each customer's creation time falls, in creation order: runs of customers that follow
/// each other in time, each run's stretch of ids cut into equal slots, one a customer, so that a
/// later customer never has a smaller id (nor, jitter aside, an earlier creation time).
pub struct Timeline {
    runs: Vec<Run>,
}

#[derive(Clone, Copy, Debug)]
struct Run {
    /// The first customer of the run.
    from: usize,
    /// How many customers it has (at least one).
    count: usize,
    /// Where it starts, ms after the data's origin.
    start: i64,
    /// How long it lasts, ms.
    len: i64,
    /// A bulk import: its customers have source_type 2.
    imported: bool,
}

/// A stretch of time and the share of the customers created in it.
struct Piece {
    ms: i64,
    share: f64,
    imported: bool,
}

impl Timeline {
    pub fn new(count: usize, shape: &Shape) -> Timeline {
        let trickle = |ms, share| Piece {
            ms,
            share,
            imported: false,
        };
        let import = |share| Piece {
            ms: BURST_MS,
            share,
            imported: true,
        };
        let quarter = (SPAN_MS - 3 * BURST_MS) / 4;
        let pieces = match shape.layout {
            Layout::Even => return Timeline::bunched(count, shape.burst),
            Layout::Burst => return Timeline::bunched(count, 0.9),
            Layout::Bursts => vec![
                trickle(quarter, 0.025),
                import(0.3),
                trickle(quarter, 0.025),
                import(0.3),
                trickle(quarter, 0.025),
                import(0.3),
                trickle(quarter, 0.025),
            ],
            Layout::Growth => {
                // 1.19^12 is about 8: each year eight times the one before.
                let weights: Vec<f64> = (0..24).map(|m| 1.19f64.powi(m)).collect();
                let total: f64 = weights.iter().sum();
                weights
                    .iter()
                    .map(|w| trickle(MONTH_MS, w / total))
                    .collect()
            }
            Layout::Tail => vec![trickle(SPAN_MS - MONTH_MS, 0.1), trickle(MONTH_MS, 0.9)],
        };
        Timeline::of_pieces(count, &pieces)
    }

    fn of(runs: impl IntoIterator<Item = Run>) -> Timeline {
        Timeline {
            runs: runs.into_iter().filter(|r| r.count > 0).collect(),
        }
    }

    /// The customers shared out among the pieces by their shares (rounded so that they add up).
    fn of_pieces(count: usize, pieces: &[Piece]) -> Timeline {
        let (mut runs, mut start, mut before, mut share) = (Vec::new(), 0, 0, 0.0);
        for piece in pieces {
            share += piece.share;
            let upto = ((share * count as f64).round() as usize).min(count);
            let n = upto.saturating_sub(before);
            runs.push(Run {
                from: before,
                count: n,
                start,
                len: piece.ms,
                imported: piece.imported,
            });
            (start, before) = (start + piece.ms, before + n);
        }
        Timeline::of(runs)
    }

    /// `--burst SHARE`: that share within one hour, two thirds of the way through the trickle's
    /// customers.
    fn bunched(count: usize, burst: f64) -> Timeline {
        let burst_len = ((burst * count as f64).round() as usize).min(count);
        let trickle = count - burst_len;
        let gap = if burst_len > 0 { BURST_MS } else { 0 };
        let slot = (SPAN_MS - gap) / trickle.max(1) as i64;
        let burst_from = trickle * 2 / 3;
        let run = |from, count, start, len, imported| Run {
            from,
            count,
            start,
            len,
            imported,
        };
        let before = slot * burst_from as i64;
        let after = trickle - burst_from;
        Timeline::of([
            run(0, burst_from, 0, before, false),
            run(burst_from, burst_len, before, BURST_MS, true),
            run(
                burst_from + burst_len,
                after,
                before + gap,
                slot * after as i64,
                false,
            ),
        ])
    }

    fn run(&self, i: usize) -> Run {
        let k = self.runs.partition_point(|r| r.from <= i);
        self.runs[k.saturating_sub(1)]
    }

    /// Whether the `i`th customer came in a bulk import.
    pub fn imported(&self, i: usize) -> bool {
        self.run(i).imported
    }

    /// The `i`th customer's slot of ids, in creation order: its first id above the origin's
    /// (`id - ID_BASE`), and how many ids it holds (at least one: a run lasts at least an hour,
    /// 2^22 ids a millisecond, and holds at most ten million customers).
    pub fn ids(&self, i: usize) -> (i64, i64) {
        let run = self.run(i);
        let (k, n) = ((i - run.from) as i128, run.count as i128);
        let ids = (run.len as i128) << 22;
        let at = |k: i128| ((run.start as i128) << 22) + k * ids / n;
        (at(k) as i64, (at(k + 1) - at(k)).max(1) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::data::{generate, generate_shaped, Customer};

    fn seconds(c: &Customer) -> i64 {
        jiff::civil::DateTime::strptime(crate::wire::CREATED_AT_FORMAT, &c.created_at)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp()
            .as_second()
    }

    fn shaped(count: usize, burst: f64, time_jitter: u64) -> Vec<Customer> {
        let shape = Shape {
            burst,
            time_jitter,
            ..Shape::default()
        };
        generate_shaped(count, 7, 1, &shape)
    }

    #[test]
    fn burst_puts_its_share_within_one_hour_and_ids_still_follow_time() {
        let json = |v: &[Customer]| serde_json::to_string(v).unwrap();
        assert_eq!(json(&shaped(500, 0.0, 0)), json(&generate(500, 7, 1)));
        let a = shaped(1000, 0.9, 0);
        assert_eq!(
            json(&a),
            json(&shaped(1000, 0.9, 0)),
            "same seed, same data"
        );
        assert_eq!(a.len(), 1000);
        assert!(a
            .windows(2)
            .all(|w| w[0].id > w[1].id && w[0].created_at >= w[1].created_at));
        let mut times: Vec<i64> = a.iter().map(seconds).collect();
        times.sort();
        let most = (0..times.len())
            .map(|i| times[i..].partition_point(|t| t - times[i] < 3600))
            .max()
            .unwrap();
        assert!(most >= 900, "{most} customers within an hour");
        let first = times[0];
        assert!(
            times.iter().any(|t| t - first > 365 * 86_400),
            "the rest still span years"
        );
        let imported = a.iter().filter(|c| c.source_type == 2).count();
        assert!(imported >= 880, "{imported} imported");
    }

    /// The most customers within `secs` of each other.
    fn densest(times: &[i64], secs: i64) -> usize {
        (0..times.len())
            // `<=`: created_at has whole seconds, so an hour's customers may span 3600 of them.
            .map(|i| times[i..].partition_point(|t| t - times[i] <= secs))
            .max()
            .unwrap_or(0)
    }

    /// Item 3 of issue 26: each shape puts its customers where it says, and ids agree with
    /// created_at in all of them.
    #[test]
    fn every_shape_has_its_customers_where_it_says_with_ids_in_time_order() {
        let n = 4000;
        let day = 86_400;
        for layout in [
            Layout::Even,
            Layout::Burst,
            Layout::Bursts,
            Layout::Growth,
            Layout::Tail,
        ] {
            let data = generate_shaped(n, 5, 1, &Shape::of(layout));
            assert_eq!(data.len(), n, "{layout:?}");
            assert!(
                data.windows(2)
                    .all(|w| w[0].id > w[1].id && w[0].created_at >= w[1].created_at),
                "{layout:?}: ids agree with created_at"
            );
            let mut times: Vec<i64> = data.iter().map(seconds).collect();
            times.sort();
            let newest = *times.last().unwrap();
            let share = |secs: i64| densest(&times, secs) as f64 / n as f64;
            let last = |secs: i64| times.iter().filter(|t| newest - **t < secs).count() as f64;
            let imported = data.iter().filter(|c| c.source_type == 2).count() as f64 / n as f64;
            match layout {
                Layout::Even => assert!(share(31 * day) < 0.06, "{layout:?}"),
                Layout::Burst => assert!(share(3601) >= 0.89 && imported >= 0.89, "{layout:?}"),
                Layout::Bursts => {
                    assert!(share(3601) >= 0.29 && share(3601) < 0.32, "{layout:?}");
                    assert!(imported >= 0.89, "{layout:?}");
                }
                Layout::Growth => {
                    assert!(last(365 * day) / n as f64 > 0.85, "{layout:?}");
                    assert!(share(31 * day) < 0.2, "{layout:?}: no burst");
                }
                Layout::Tail => assert!(last(31 * day) / n as f64 >= 0.89, "{layout:?}"),
            }
        }
        // Bursts: three hours, each of 30%.
        let bursts = generate_shaped(n, 5, 1, &Shape::of(Layout::Bursts));
        let mut times: Vec<i64> = bursts.iter().map(seconds).collect();
        times.sort();
        let hours: std::collections::BTreeSet<i64> = times.iter().map(|t| t / 3600).collect();
        let full = hours
            .iter()
            .filter(|h| times.iter().filter(|t| *t / 3600 == **h).count() > n / 10)
            .count();
        assert!((3..=6).contains(&full), "{full} busy hours");
    }

    #[test]
    fn jitter_moves_created_at_by_at_most_its_amount() {
        let plain = shaped(3000, 0.0, 0);
        let jittered = shaped(3000, 0.0, 7200);
        let mut out_of_order = 0;
        for (p, j) in plain.iter().zip(&jittered) {
            assert_eq!(p.id, j.id);
            assert!((seconds(p) - seconds(j)).abs() <= 7200);
        }
        for w in jittered.windows(2) {
            out_of_order += usize::from(w[0].created_at < w[1].created_at);
        }
        assert!(out_of_order > 30, "{out_of_order} pairs out of order");
    }
}
