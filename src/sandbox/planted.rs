//! The customers the README's examples name, planted in the generated data so that each example
//! prints something, whatever `--customers` (from 1) and `--seed`: two customers created a year
//! before the sandbox started, with the README's ids, and (from 3 customers) one created on the
//! day of the vendor's example time range, 2024-05-07, older than every other. They take the
//! place of generated customers, so `--customers N` still gives N customers and ids still grow
//! with creation time.

use super::data::{tag_objects, Customer, TagDef, ID_BASE, TAGS};
use super::shape::SPAN_MS;
use std::borrow::Cow;

/// The README's customer (`customers get`, `--after`, `--before`): every value the README's
/// filter examples use.
pub const README_ID: i64 = 1_021_110_718_827_683_840;
/// Its neighbour, created in the same millisecond (`customers get ID ID+1`).
pub const README_NEIGHBOUR_ID: i64 = README_ID + 1;
/// When both were created, in ms after the data's origin: a year before the anchor.
const PLANTED_AT: i64 = SPAN_MS / 2;
/// The customer of the vendor's example time range (`start_time` 2024-05-07 00:00:00, which the
/// README's `--start-time` example uses): a fixed time and an id just below every generated one,
/// so that the example never goes stale as the data follows the clock.
pub const VENDOR_DAY_ID: i64 = ID_BASE - (1 << 22);
#[cfg(test)]
const VENDOR_DAY: &str = "2024-05-07T10:30:00";

/// `VENDOR_DAY` as Unix ms.
const VENDOR_DAY_MS: i64 = 1_715_077_800_000;

/// Where the README's customers are among the generated ones (by index, oldest first).
#[derive(Clone, Copy, Debug, Default)]
pub struct Planted {
    readme: Option<usize>,
    neighbour: Option<usize>,
    vendor_day: Option<usize>,
}

impl Planted {
    /// The places of the README's customers among `count` customers, `below` of whose drawn ids
    /// are below [`README_ID`]: the README's customer takes the first above it and its neighbour
    /// the next (the last two when there are none), so that ids still grow with the index and
    /// creation times with them; the vendor's day takes the oldest, if it is neither.
    pub fn new(count: usize, below: usize) -> Planted {
        let readme = (count > 0).then(|| below.min(count.saturating_sub(2)));
        let neighbour = readme.map(|r| r + 1).filter(|&n| n < count);
        let vendor_day = readme.filter(|&r| r > 0 && count > 2).map(|_| 0);
        Planted {
            readme,
            neighbour,
            vendor_day,
        }
    }

    /// The indices of the README's customers.
    pub fn indices(&self) -> impl Iterator<Item = usize> {
        [self.readme, self.neighbour, self.vendor_day]
            .into_iter()
            .flatten()
    }

    /// Whether customer `i` is one of the README's.
    pub fn holds(&self, i: usize) -> bool {
        [self.readme, self.neighbour, self.vendor_day].contains(&Some(i))
    }

    /// The id and creation time (Unix ms) of customer `i` when it is one of the README's.
    pub fn place(&self, i: usize, origin: i64) -> Option<(i64, i64)> {
        let i = Some(i);
        if i == self.readme {
            Some((README_ID, origin + PLANTED_AT))
        } else if i == self.neighbour {
            Some((README_NEIGHBOUR_ID, origin + PLANTED_AT))
        } else if i == self.vendor_day {
            Some((VENDOR_DAY_ID, VENDOR_DAY_MS))
        } else {
            None
        }
    }

    /// Makes the generated customer `i` the README's, when it is one of them (its id and
    /// creation time already set by [`Planted::place`]).
    pub fn finish(&self, i: usize, c: &mut Customer) {
        if !self.holds(i) {
            return;
        }
        c.updated_at = c.created_at.clone();
        if Some(i) == self.readme {
            readme_values(c);
        }
        c.tags = tag_objects(&c.tag_defs, c.id, c.tenant_id);
    }
}

fn tag(name: &str) -> &'static TagDef {
    TAGS.iter()
        .find(|t| t.name == name)
        .expect("the README's tags are among TAGS")
}

/// The values of the README's examples of `customers query`: its phones, email, name, channel
/// key, source type, tags by name and id, tags ever held, and a custom field.
fn readme_values(c: &mut Customer) {
    let some = |s: &str| Some(s.to_string());
    c.first_name = some("Simon");
    c.last_name = some("Kang");
    c.full_name = some("Simon Kang");
    c.sms_phone = some("8618593272678");
    c.whatsapp_phone = some("8613603019759");
    c.viber_phone = some("8618593272678");
    c.email = some("someone@example.com");
    c.country = Some(Cow::Borrowed("CN"));
    c.source_type = 2;
    c.source_channel_key = some("18506008399");
    c.status = 1;
    c.tag_defs = vec![tag("vip"), tag("retail")];
    c.his_tags = vec![
        tag("vip"),
        tag("retail"),
        tag("churn-risk"),
        tag("wholesale"),
    ];
    c.tags = tag_objects(&c.tag_defs, c.id, c.tenant_id);
    c.customize_field =
        some(r#"{"customize_1_1":"Company 7","customize_3_17":["2"],"customize_4_52":["1","3"]}"#);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::data::generate;

    #[test]
    fn every_count_holds_the_readme_customers_and_ids_follow_time() {
        for count in [1, 2, 3, 17, 1000] {
            let data = generate(count, 42, 1);
            assert_eq!(data.len(), count);
            assert!(data.iter().any(|c| c.id == README_ID));
            assert_eq!(data.iter().any(|c| c.id == README_NEIGHBOUR_ID), count >= 2);
            let vendor_day = data.iter().find(|c| c.id == VENDOR_DAY_ID);
            assert_eq!(vendor_day.is_some(), count >= 3, "{count}");
            assert!(vendor_day.is_none_or(|c| c.created_at == VENDOR_DAY));
            assert!(data
                .windows(2)
                .all(|w| w[0].id > w[1].id && w[0].created_at >= w[1].created_at));
        }
        assert!(generate(0, 42, 1).is_empty());
    }
}
