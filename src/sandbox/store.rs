//! The sandbox's query engine: validates a request body like the API does (1002 on a bad value),
//! applies every filter of API.md section 1 and pages by cursor, newest first.

use super::data::{Customer, TagDef};
use crate::wire::{Paging, TagRef, TagsLogic, TIME_FORMAT};
use serde_json::{Map, Value};

/// The filters and cursor of one request, validated.
#[derive(Debug, Default)]
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

    /// The page this query asks for from `customers` (sorted by descending id, and so by
    /// descending `created_at`): the indices of its customers, and its paging.
    pub fn page(&self, customers: &[Customer]) -> (Vec<usize>, Paging) {
        let filtered = self.has_filters();
        let matching = |i: &usize| !filtered || self.matches(&customers[*i]);
        // Binary searches, not scans: the time range bounds the indices, the cursor starts them.
        let lo = self
            .end_time
            .as_ref()
            .map_or(0, |e| customers.partition_point(|c| c.created_at >= *e));
        let hi = self.start_time.as_ref().map_or(customers.len(), |s| {
            customers.partition_point(|c| c.created_at >= *s)
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
