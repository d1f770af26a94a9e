//! The query body of `POST /customers/query` (API.md section 1), built from the parsed flags.
//!
//! Only keys with a value are serialized. The paginator fills in `after`/`before`/`limit` per page
//! and serializes the body once per request; those exact bytes are signed and sent.

use crate::cli::Filters;
use crate::wire::{TagRef, TagsLogic};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueryBody {
    pub tenant_id: i64,
    pub app_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<TagRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub his_tags: Vec<TagRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags_logic_type: Option<TagsLogic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_channel_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_phone: Option<String>,
    /// The API spells this key with a capital A.
    #[serde(rename = "whatsApp_phone", skip_serializing_if = "Option::is_none")]
    pub whatsapp_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub viber_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl QueryBody {
    /// The body for a tenant and the user's filters; cursor and page size are the paginator's.
    pub fn new(tenant_id: i64, app_key: &str, f: &Filters) -> Self {
        let tags = |names: &[String], ids: &[i64]| -> Vec<TagRef> {
            let names = names.iter().map(|n| TagRef::Name {
                tag_name: n.clone(),
            });
            names
                .chain(ids.iter().map(|&id| TagRef::Id { id }))
                .collect()
        };
        QueryBody {
            tenant_id,
            app_key: app_key.to_string(),
            start_time: f
                .start_time
                .clone()
                .or_else(|| f.since.as_ref().map(|s| s.time.clone())),
            end_time: f.end_time.clone(),
            tags: tags(&f.tag, &f.tag_id),
            his_tags: tags(&f.his_tag, &f.his_tag_id),
            tags_logic_type: f.tags_logic,
            source_type: f.source_type,
            name: f.name.clone(),
            source_channel_key: f.source_channel_key.clone(),
            sms_phone: f.sms_phone.clone(),
            whatsapp_phone: f.whatsapp_phone.clone(),
            email: f.email.clone(),
            viber_phone: f.viber_phone.clone(),
            after: None,
            before: None,
            limit: None,
        }
    }

    /// The filters alone, as sent: no tenant, no cursor, no page size. What a watch's bookmark
    /// belongs to.
    pub fn filters(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut body = self.clone();
        (body.after, body.before, body.limit) = (None, None, None);
        let mut map = match serde_json::to_value(body).expect("a QueryBody serializes") {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("a QueryBody is a JSON object"),
        };
        map.remove("tenant_id");
        map.remove("app_key");
        map
    }

    /// The bytes to sign and send.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a QueryBody always serializes")
    }
}

/// The flags that set a key of the body, for messages about it.
pub fn flag_of(key: &str) -> String {
    match key {
        "start_time" => "--start-time".into(),
        "tags" => "--tag/--tag-id".into(),
        "his_tags" => "--his-tag/--his-tag-id".into(),
        "tags_logic_type" => "--tags-logic".into(),
        "whatsApp_phone" => "--whatsapp-phone".into(),
        "tenant_id" => "the tenant id".into(),
        "app_key" => "the app key".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keys_with_values_are_sent() {
        let body = QueryBody {
            tenant_id: 123,
            app_key: "8eos".into(),
            ..Default::default()
        };
        assert_eq!(body.to_bytes(), br#"{"tenant_id":123,"app_key":"8eos"}"#);
    }

    #[test]
    fn exact_key_spelling_and_large_ids() {
        let body = QueryBody {
            tenant_id: 1,
            app_key: "k".into(),
            whatsapp_phone: Some("861360301975912".into()),
            tags: vec![
                TagRef::Name {
                    tag_name: "vip".into(),
                },
                TagRef::Id { id: 7 },
            ],
            tags_logic_type: Some(TagsLogic::And),
            after: Some(1022100838976413697),
            limit: Some(5),
            ..Default::default()
        };
        let text = String::from_utf8(body.to_bytes()).unwrap();
        assert!(
            text.contains(r#""whatsApp_phone":"861360301975912""#),
            "{text}"
        );
        assert!(
            text.contains(r#""tags":[{"tag_name":"vip"},{"id":7}]"#),
            "{text}"
        );
        assert!(text.contains(r#""tags_logic_type":"and""#), "{text}");
        assert!(text.contains(r#""after":1022100838976413697"#), "{text}");
    }
}
