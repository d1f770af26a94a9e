//! The sandbox's query engine: validates a request body like the API does (1002 on a bad value),
//! applies every filter of API.md section 1 and pages by cursor, newest first.

use super::data::{Customer, TagDef};
use crate::wire::{Paging, TagRef, TagsLogic, TIME_FORMAT};
use serde_json::{Map, Value};

/// The customers, newest first (descending id), and two indices that bound a time range by
/// binary search even when `created_at` does not sort like `id` (`--time-jitter`). Without jitter
/// both are `0, 1, 2, ...` and the bounds are those of a plain binary search on `created_at`.
pub struct Store {
    pub customers: Vec<Customer>,
    /// `earliest_up_to[i]`: the customer with the earliest `created_at` among `0..=i`. Its
    /// `created_at` never grows with `i`, so no customer before the first `i` where it is under
    /// `end_time` can be.
    earliest_up_to: Vec<usize>,
    /// `latest_from[i]`: the customer with the latest `created_at` among `i..`. Its `created_at`
    /// never grows with `i`, so no customer from the first `i` where it is under `start_time` on
    /// can be at or after it.
    latest_from: Vec<usize>,
}

impl Store {
    pub fn new(customers: Vec<Customer>) -> Store {
        let n = customers.len();
        let at = |i: usize| &customers[i].created_at;
        let mut earliest_up_to: Vec<usize> = Vec::with_capacity(n);
        for i in 0..n {
            let prev = earliest_up_to.last().copied();
            earliest_up_to.push(prev.filter(|&p| at(p) <= at(i)).unwrap_or(i));
        }
        let mut latest_from = vec![0; n];
        for i in (0..n).rev() {
            let next = (i + 1 < n).then(|| latest_from[i + 1]);
            latest_from[i] = next.filter(|&p| at(p) >= at(i)).unwrap_or(i);
        }
        Store {
            customers,
            earliest_up_to,
            latest_from,
        }
    }
}

/// The filters and cursor of one request, validated.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub tenant_id: i64,
    pub app_key: String,
    start_time: Option<String>,
    end_time: Option<String>,
    tags: Vec<TagRef>,
    his_tags: Vec<TagRef>,
    tags_logic: TagsLogic,
    source_type: Option<u8>,
    name: Option<String>,
    source_channel_key: Option<String>,
    sms_phone: Option<String>,
    whatsapp_phone: Option<String>,
    email: Option<String>,
    viber_phone: Option<String>,
    pub after: Option<i64>,
    before: Option<i64>,
    limit: usize,
}

/// Page size when the body has no `limit` (our reading; the document gives none).
pub const DEFAULT_LIMIT: usize = 20;

impl Query {
    /// Reads a request body; the error is the 1002 message.
    pub fn parse(body: &[u8]) -> Result<Query, String> {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| format!("body is not valid JSON: {e}"))?;
        let Value::Object(map) = value else {
            return Err("body must be a JSON object".into());
        };
        let get = |key: &str| map.get(key).filter(|v| !v.is_null());
        let string = |key: &str| -> Result<Option<String>, String> {
            match get(key) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("{key} must be a string")),
            }
        };
        let integer = |key: &str| -> Result<Option<i64>, String> {
            match get(key) {
                None => Ok(None),
                Some(v) => v
                    .as_i64()
                    .map(Some)
                    .ok_or(format!("{key} must be an integer")),
            }
        };
        let time = |key: &str| -> Result<Option<String>, String> {
            let Some(s) = string(key)? else {
                return Ok(None);
            };
            jiff::civil::DateTime::strptime(TIME_FORMAT, &s)
                .map_err(|_| format!("{key} must be formatted YYYY-MM-DD HH:MM:SS, got {s:?}"))?;
            // Compared as text with `created_at`, which uses a `T`.
            Ok(Some(s.replacen(' ', "T", 1)))
        };
        let limit = match integer("limit")? {
            None => DEFAULT_LIMIT,
            Some(n @ 1..=50) => n as usize,
            Some(n) => return Err(format!("limit must be between 1 and 50, got {n}")),
        };
        let source_type = match integer("source_type")? {
            None => None,
            Some(n @ 0..=15) => Some(n as u8),
            Some(n) => return Err(format!("source_type must be between 0 and 15, got {n}")),
        };
        let tags_logic = match string("tags_logic_type")?.as_deref() {
            None | Some("") | Some("or") => TagsLogic::Or,
            Some("and") => TagsLogic::And,
            Some(other) => {
                return Err(format!(
                    "tags_logic_type must be \"and\", \"or\" or \"\", got {other:?}"
                ))
            }
        };
        let query = Query {
            tenant_id: integer("tenant_id")?.ok_or("tenant_id is required")?,
            app_key: string("app_key")?.ok_or("app_key is required")?,
            start_time: time("start_time")?,
            end_time: time("end_time")?,
            tags: tag_list(&map, "tags")?,
            his_tags: tag_list(&map, "his_tags")?,
            tags_logic,
            source_type,
            name: string("name")?.map(|n| n.to_lowercase()),
            source_channel_key: string("source_channel_key")?,
            sms_phone: string("sms_phone")?,
            whatsapp_phone: string("whatsApp_phone")?,
            email: string("email")?,
            viber_phone: string("viber_phone")?,
            after: integer("after")?,
            before: integer("before")?,
            limit,
        };
        if query.after.is_some() && query.before.is_some() {
            return Err("after and before cannot be used together".into());
        }
        Ok(query)
    }

    fn has_filters(&self) -> bool {
        self.start_time.is_some()
            || self.end_time.is_some()
            || !self.tags.is_empty()
            || !self.his_tags.is_empty()
            || self.source_type.is_some()
            || self.name.is_some()
            || self.source_channel_key.is_some()
            || self.sms_phone.is_some()
            || self.whatsapp_phone.is_some()
            || self.email.is_some()
            || self.viber_phone.is_some()
    }

    pub fn matches(&self, c: &Customer) -> bool {
        let eq = |want: &Option<String>, have: &Option<String>| {
            want.as_ref().is_none_or(|w| have.as_ref() == Some(w))
        };
        let tags_match = |wanted: &[TagRef], have: &mut dyn Iterator<Item = &TagDef>| {
            let have: Vec<&TagDef> = have.collect();
            self.tags_logic
                .matches(wanted, |w| have.iter().any(|t| t.matches(w)))
        };
        self.start_time.as_ref().is_none_or(|s| c.created_at >= *s)
            && self.end_time.as_ref().is_none_or(|e| c.created_at < *e)
            && self.source_type.is_none_or(|s| c.source_type == s)
            && self.name.as_ref().is_none_or(|n| {
                c.full_name
                    .as_ref()
                    .is_some_and(|f| f.to_lowercase().contains(n.as_str()))
            })
            && eq(&self.source_channel_key, &c.source_channel_key)
            && eq(&self.sms_phone, &c.sms_phone)
            && eq(&self.whatsapp_phone, &c.whatsapp_phone)
            && eq(&self.email, &c.email)
            && eq(&self.viber_phone, &c.viber_phone)
            && tags_match(&self.tags, &mut c.tag_defs.iter().copied())
            && tags_match(&self.his_tags, &mut c.his_tags.iter().copied())
    }

    /// The page this query asks for from the store (customers by descending id): the indices
    /// of its customers, and its paging.
    /// The `extra` customers after `next`, and the paging after them: what `--overfill` adds
    /// to a page.
    pub fn following(&self, store: &Store, next: i64, extra: usize) -> (Vec<usize>, Paging) {
        let mut more = self.clone();
        (more.after, more.before, more.limit) = (Some(next), None, extra);
        more.page(store)
    }

    pub fn page(&self, store: &Store) -> (Vec<usize>, Paging) {
        let customers = &store.customers;
        let filtered = self.has_filters();
        // Exact: the time range is a filter like the others; the bounds below only narrow the
        // indices to look at.
        let matching = |i: &usize| !filtered || self.matches(&customers[*i]);
        // Binary searches, not scans: the time range bounds the indices, the cursor starts them.
        let lo = self.end_time.as_ref().map_or(0, |e| {
            store
                .earliest_up_to
                .partition_point(|&j| customers[j].created_at >= *e)
        });
        let hi = self.start_time.as_ref().map_or(customers.len(), |s| {
            store
                .latest_from
                .partition_point(|&j| customers[j].created_at >= *s)
        });
        let indices: Vec<usize> = match self.before {
            Some(b) => {
                let end = customers.partition_point(|c| c.id > b).min(hi);
                let mut found: Vec<usize> = (lo..end.max(lo))
                    .rev()
                    .filter(matching)
                    .take(self.limit)
                    .collect();
                found.reverse();
                found
            }
            None => {
                let start = self
                    .after
                    .map_or(0, |a| customers.partition_point(|c| c.id >= a))
                    .max(lo);
                (start..hi.max(start))
                    .filter(matching)
                    .take(self.limit)
                    .collect()
            }
        };
        let (Some(&first), Some(&last)) = (indices.first(), indices.last()) else {
            return (indices, Paging::default());
        };
        let newer_exists = (lo..first).rev().any(|i| matching(&i));
        let older_exists = (last + 1..hi).any(|i| matching(&i));
        let paging = Paging {
            after: Some(customers[last].id),
            before: Some(customers[first].id),
            next: older_exists.then_some(customers[last].id),
            previous: newer_exists.then_some(customers[first].id),
        };
        (indices, paging)
    }
}

/// `tags` / `his_tags`: objects with `id` or `tag_name`, or bare ids (the older form).
fn tag_list(map: &Map<String, Value>, key: &str) -> Result<Vec<TagRef>, String> {
    let items = match map.get(key) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(format!("{key} must be an array")),
    };
    items
        .iter()
        .map(|item| {
            if let Some(id) = item.as_i64() {
                return Ok(TagRef::Id { id });
            }
            match (
                item.get("id").filter(|v| !v.is_null()),
                item.get("tag_name"),
            ) {
                (Some(id), _) => id
                    .as_i64()
                    .map(|id| TagRef::Id { id })
                    .ok_or(format!("{key}[].id must be an integer")),
                (None, Some(Value::String(name))) => Ok(TagRef::Name {
                    tag_name: name.clone(),
                }),
                _ => Err(format!(
                    "{key} entries must be {{\"id\": n}} or {{\"tag_name\": s}}"
                )),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::data::{generate_shaped, Rng};
    use crate::sandbox::shape::Shape;

    /// Every id a forward walk (`after = next`) returns.
    fn walk(store: &Store, filters: &str) -> Vec<i64> {
        let mut ids = Vec::new();
        let mut after: Option<i64> = None;
        loop {
            let cursor = after.map(|a| format!(",\"after\":{a}")).unwrap_or_default();
            let body = format!(r#"{{"tenant_id":1,"app_key":"k","limit":7{filters}{cursor}}}"#);
            let (indices, paging) = Query::parse(body.as_bytes()).unwrap().page(store);
            ids.extend(indices.iter().map(|&i| store.customers[i].id));
            match paging.next {
                Some(next) => after = Some(next),
                None => return ids,
            }
        }
    }

    #[test]
    fn time_filters_are_exact_when_created_at_does_not_follow_id() {
        for time_jitter in [0, 7200, 200_000] {
            let shape = Shape {
                burst: 0.3,
                time_jitter,
            };
            let store = Store::new(generate_shaped(600, 3, 1, &shape));
            let mut rng = Rng::new(time_jitter);
            for _ in 0..20 {
                let a = &store.customers[rng.below(600) as usize].created_at;
                let b = &store.customers[rng.below(600) as usize].created_at;
                let (start, end) = if a <= b { (a, b) } else { (b, a) };
                let expected: Vec<i64> = store
                    .customers
                    .iter()
                    .filter(|c| c.created_at >= *start && c.created_at < *end)
                    .map(|c| c.id)
                    .collect();
                let text = |t: &str| t.replacen('T', " ", 1);
                let filters = format!(
                    r#","start_time":"{}","end_time":"{}""#,
                    text(start),
                    text(end)
                );
                assert_eq!(walk(&store, &filters), expected, "jitter {time_jitter}");
                let only_start = format!(r#","start_time":"{}""#, text(start));
                let later = store.customers.iter().filter(|c| c.created_at >= *start);
                let later: Vec<i64> = later.map(|c| c.id).collect();
                assert_eq!(walk(&store, &only_start), later);
            }
        }
    }
}
