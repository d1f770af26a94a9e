//! `POST /saas/cdp/openapi/customers/query` (API.md section 1): the body validated like the API
//! does (1002 on a bad value), every filter as a test on one customer, and the page the store
//! finds, with the faults that bend pages (`--overfill`, `--repeat-cursor`, ...).

use super::data::{Customer, TagDef};
use super::{Refusal, Sandbox};
use crate::wire::{ApiCode, Paging, TagRef, TagsLogic, TIME_FORMAT};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// The filters and cursor of one request, validated.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub tenant_id: i64,
    pub app_key: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
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
    pub before: Option<i64>,
    pub limit: usize,
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

    pub fn has_filters(&self) -> bool {
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

    /// The text `--name` looks for, lower case.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// An identity key the filters pin (in the order of `wire::IDENTITY_KEYS`) and its value.
    pub fn identity(&self) -> Option<(usize, &str)> {
        [
            (0, &self.sms_phone),
            (1, &self.whatsapp_phone),
            (2, &self.email),
            (3, &self.viber_phone),
        ]
        .into_iter()
        .find_map(|(key, value)| Some((key, value.as_deref()?)))
    }

    pub fn matches(&self, c: &dyn Facets) -> bool {
        let eq = |want: &Option<String>, have: Option<Cow<str>>| {
            want.as_ref().is_none_or(|w| have.as_deref() == Some(w))
        };
        let tags_match = |wanted: &[TagRef], have: &[&'static TagDef]| {
            self.tags_logic
                .matches(wanted, |w| have.iter().any(|t| t.matches(w)))
        };
        let given = |f: &Option<String>| f.is_some();
        self.start_time
            .as_ref()
            .is_none_or(|s| *c.created_at() >= **s)
            && self.end_time.as_ref().is_none_or(|e| *c.created_at() < **e)
            && self.source_type.is_none_or(|s| c.source_type() == s)
            && self.name.as_ref().is_none_or(|n| {
                c.full_name()
                    .is_some_and(|f| f.to_lowercase().contains(n.as_str()))
            })
            && (!given(&self.source_channel_key)
                || eq(&self.source_channel_key, c.source_channel_key()))
            && (!given(&self.sms_phone) || eq(&self.sms_phone, c.sms_phone()))
            && (!given(&self.whatsapp_phone) || eq(&self.whatsapp_phone, c.whatsapp_phone()))
            && (!given(&self.email) || eq(&self.email, c.email()))
            && (!given(&self.viber_phone) || eq(&self.viber_phone, c.viber_phone()))
            && (self.tags.is_empty() || tags_match(&self.tags, &c.tags()))
            && (self.his_tags.is_empty() || tags_match(&self.his_tags, &c.his_tags()))
    }
}

/// The fields a filter reads: of a customer held whole, or of a generated one drawn as read.
pub trait Facets {
    fn created_at(&self) -> Cow<'_, str>;
    fn source_type(&self) -> u8;
    fn full_name(&self) -> Option<Cow<'_, str>>;
    fn source_channel_key(&self) -> Option<Cow<'_, str>>;
    fn sms_phone(&self) -> Option<Cow<'_, str>>;
    fn whatsapp_phone(&self) -> Option<Cow<'_, str>>;
    fn viber_phone(&self) -> Option<Cow<'_, str>>;
    fn email(&self) -> Option<Cow<'_, str>>;
    fn tags(&self) -> Cow<'_, [&'static TagDef]>;
    fn his_tags(&self) -> Cow<'_, [&'static TagDef]>;
}

impl Facets for Customer {
    fn created_at(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.created_at)
    }

    fn source_type(&self) -> u8 {
        self.source_type
    }

    fn full_name(&self) -> Option<Cow<'_, str>> {
        self.full_name.as_deref().map(Cow::Borrowed)
    }

    fn source_channel_key(&self) -> Option<Cow<'_, str>> {
        self.source_channel_key.as_deref().map(Cow::Borrowed)
    }

    fn sms_phone(&self) -> Option<Cow<'_, str>> {
        self.sms_phone.as_deref().map(Cow::Borrowed)
    }

    fn whatsapp_phone(&self) -> Option<Cow<'_, str>> {
        self.whatsapp_phone.as_deref().map(Cow::Borrowed)
    }

    fn viber_phone(&self) -> Option<Cow<'_, str>> {
        self.viber_phone.as_deref().map(Cow::Borrowed)
    }

    fn email(&self) -> Option<Cow<'_, str>> {
        self.email.as_deref().map(Cow::Borrowed)
    }

    fn tags(&self) -> Cow<'_, [&'static TagDef]> {
        Cow::Borrowed(&self.tag_defs)
    }

    fn his_tags(&self) -> Cow<'_, [&'static TagDef]> {
        Cow::Borrowed(&self.his_tags)
    }
}

pub(super) async fn query(
    State(sb): State<Arc<Sandbox>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let n = match sb.begin().await {
        Ok(n) => n,
        Err(fault) => return fault,
    };
    // The read lock is held while the page is written out, and released before any await.
    let answer = {
        let store = sb.store.read().expect("the store is never poisoned");
        let now = sb.now_ms();
        let page = || {
            sb.authenticate(&Method::POST, &headers, &body)?;
            let q = Query::parse(&body).map_err(|m| Refusal(ApiCode::ParameterError, m))?;
            sb.check_tenant(q.tenant_id, &q.app_key)?;
            let (mut indices, mut paging) = store.page(&q, now);
            let faults = &sb.config.faults;
            if let (Some(next), true) = (paging.next, faults.overfill > 0) {
                let (more, after) = store.following(&q, next, faults.overfill as usize, now);
                indices.extend(more);
                paging.next = after.next;
                paging.after = after.after.or(paging.after);
            }
            if let (Some(cursor), true) = (q.after, faults.repeat_customers) {
                // The customer at the cursor, if it is one.
                let repeat = store.index_of(cursor).filter(|&i| store.visible(i, now));
                indices.splice(0..0, repeat);
            }
            let mut customer_list: Vec<Cow<RawValue>> =
                indices.iter().map(|&i| store.rendered(i)).collect();
            if let (Some(cursor), true) = (q.after, faults.repeat_cursor) {
                paging.next = Some(cursor);
            }
            if let (Some(cursor), true) = (q.after, faults.wrong_way_cursor) {
                paging.next = Some(cursor.saturating_add(1));
            }
            if let (Some(cursor), true) = (q.after, faults.empty_next) {
                customer_list.clear();
                paging = Paging {
                    next: Some(cursor - 1),
                    ..Default::default()
                };
            }
            Ok(PageData {
                paging,
                customer_list,
            })
        };
        sb.answer(page())
    };
    if sb.config.faults.garbage.is_none() {
        return answer;
    }
    let good = axum::body::to_bytes(answer.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    sb.injector
        .garbage(n, &good)
        .unwrap_or_else(|| ([(header::CONTENT_TYPE, "application/json")], good).into_response())
}

#[derive(Serialize)]
struct PageData<'a> {
    paging: Paging,
    customer_list: Vec<Cow<'a, RawValue>>,
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
