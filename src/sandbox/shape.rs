//! The shapes of `created_at` a real tenant has (API.md section 7): bulk imports that create
//! many customers within an hour, and a `created_at` that does not follow the id order.

/// Customers are created over the two years (in ms) before the sandbox starts.
pub const SPAN_MS: i64 = 2 * 365 * 86_400_000;
/// A bulk import (`--burst`) lasts one hour.
const BURST_MS: i64 = 3_600_000;

/// How creation times are laid out: the realistic shapes of API.md section 7.
#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "Fault injection")]
pub struct Shape {
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

pub fn share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("expected a share from 0 to 1, got {s:?}")),
    }
}

/// Where each customer's creation time falls: slots of equal length over the span, except the
/// burst's, which share one hour.
pub struct Timeline {
    slot: i64,
    burst_from: usize,
    burst_len: usize,
    burst_slot: i64,
    /// The hour of the burst, pushed in between the trickle's slots (0 without a burst).
    gap: i64,
}

impl Timeline {
    pub fn new(count: usize, burst: f64) -> Timeline {
        let burst_len = ((burst * count as f64).round() as usize).min(count);
        let trickle = count - burst_len;
        let gap = if burst_len > 0 { BURST_MS } else { 0 };
        Timeline {
            slot: (SPAN_MS - gap) / trickle.max(1) as i64,
            burst_from: trickle * 2 / 3,
            burst_len,
            burst_slot: BURST_MS / burst_len.max(1) as i64,
            gap,
        }
    }

    pub fn in_burst(&self, i: usize) -> bool {
        (self.burst_from..self.burst_from + self.burst_len).contains(&i)
    }

    /// The start (ms after the data's origin) and length (ms) of the `i`th customer's slot, in
    /// creation order.
    pub fn slot(&self, i: usize) -> (i64, i64) {
        if i < self.burst_from {
            (self.slot * i as i64, self.slot)
        } else if self.in_burst(i) {
            let burst_start = self.slot * self.burst_from as i64;
            let k = (i - self.burst_from) as i64;
            (burst_start + self.burst_slot * k, self.burst_slot)
        } else {
            let j = (i - self.burst_len) as i64;
            (self.slot * j + self.gap, self.slot)
        }
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
        let shape = Shape { burst, time_jitter };
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
