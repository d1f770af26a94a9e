//! The customers the README's examples name, planted in the generated data so that each example
//! prints something, whatever `--customers` (from 1) and `--seed`: two customers created a year
//! before the sandbox started, with the README's ids, and (from 3 customers) one created on the
//! day of the vendor's example time range, 2024-05-07, older than every other. They take the
//! place of generated customers, so `--customers N` still gives N customers and ids still grow
//! with creation time.

use super::data::{datetime, id_at, tag_objects, Customer, TagDef, ID_BASE, TAGS};
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
const VENDOR_DAY: &str = "2024-05-07T10:30:00";

const LOW_BITS: i64 = (1 << 22) - 1;

/// Plants the README's customers among `customers` (in any order), created after `origin`.
pub fn plant(customers: &mut [Customer], origin: i64) {
    debug_assert_eq!(id_at(PLANTED_AT, README_ID & LOW_BITS), README_ID);
    let since_origin = |c: &Customer| (c.id - ID_BASE) >> 22;
    let mut order: Vec<usize> = (0..customers.len()).collect();
    order.sort_by_key(|&i| customers[i].id);
    let Some(k) =
        (0..order.len()).min_by_key(|&k| (since_origin(&customers[order[k]]) - PLANTED_AT).abs())
    else {
        return;
    };
    // The closest customer and the next (or the one before, at the end): replacing both keeps
    // the order of creation times, since none lies between them and the planted time.
    let (first, second) = if k + 1 < order.len() {
        (k, Some(k + 1))
    } else {
        (k, k.checked_sub(1))
    };
    let created_ms = origin + PLANTED_AT;
    if let Some(second) = second {
        move_to(
            &mut customers[order[second]],
            README_NEIGHBOUR_ID,
            created_ms,
        );
    }
    let readme = &mut customers[order[first]];
    move_to(readme, README_ID, created_ms);
    readme_values(readme);
    // The oldest generated customer, if it is neither of the README's.
    if let Some(&oldest) = order.first().filter(|_| k > 0 && order.len() > 2) {
        let c = &mut customers[oldest];
        c.id = VENDOR_DAY_ID;
        c.created_at = VENDOR_DAY.to_string();
        c.updated_at = VENDOR_DAY.to_string();
        c.tags = tag_objects(&c.tag_defs, c.id, c.tenant_id);
    }
}

/// Gives `c` another id and creation time (and its `updated_at` the same time).
fn move_to(c: &mut Customer, id: i64, created_ms: i64) {
    c.id = id;
    c.created_at = datetime(created_ms);
    c.updated_at = c.created_at.clone();
    c.tags = tag_objects(&c.tag_defs, id, c.tenant_id);
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
