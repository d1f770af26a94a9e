//! What nxcdp knows about a customer object (API.md section 1, "Response").
//!
//! Customers travel through nxcdp as the raw JSON the API sent, so unknown fields and exact
//! numbers survive. Formatters that need cells parse one customer at a time into a JSON map; ids
//! are integers above 2^53, which serde_json keeps as exact `i64`/`u64`, never as a float.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;

mod cells;
pub use cells::*;

/// Every documented customer field, in the API's order: the CSV columns.
pub const FIELDS: &[&str] = &[
    "id",
    "first_name",
    "last_name",
    "full_name",
    "sms_phone",
    "whatsApp_phone",
    "viber_phone",
    "line",
    "messenger",
    "instagram",
    "email",
    "country",
    "birthday",
    "remark",
    "source_type",
    "source_channel_key",
    "gender",
    "created_at",
    "updated_at",
    "status",
    "tags",
    "whatApp_subscribe",
    "sms_subscribe",
    "customize_field",
    "tenant_id",
    "weight",
];

/// The columns a person scans: the default of `-o table`.
pub const TABLE_COLUMNS: &[&str] = &[
    "id",
    "full_name",
    "sms_phone",
    "whatsApp_phone",
    "email",
    "country",
    "tags",
    "source_type",
    "created_at",
];

/// The keys of a field object from `customers/fields` (API.md section 2): its CSV columns.
pub const FIELD_KEYS: &[&str] = &[
    "id",
    "tenantId",
    "name",
    "display_name",
    "display_en_name",
    "is_display",
    "field_type",
    "required",
    "sequence",
    "remark",
    "field_type_info",
    "is_preset",
];

/// The columns of `customers fields -o table`.
pub const FIELD_TABLE_COLUMNS: &[&str] = &[
    "name",
    "display_name",
    "display_en_name",
    "field_type",
    "is_preset",
    "required",
];

/// Which label heads a custom field's column: the field list has a Chinese `display_name` and an
/// English `display_en_name`; `key` is the name `--columns` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Labels {
    /// display_en_name
    En,
    /// display_name
    Zh,
    /// the field's key (customize_...)
    Key,
}

impl Labels {
    /// The user's language: Chinese when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first
    /// one set) is, English otherwise.
    pub fn from_locale() -> Labels {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty());
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Labels::Zh,
            _ => Labels::En,
        }
    }

    /// The keys of a field-list entry to head its column with, the first non-empty one wins.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Labels::En => &["display_en_name", "display_name"],
            Labels::Zh => &["display_name", "display_en_name"],
            Labels::Key => &[],
        }
    }
}

/// The columns of `customers fields` from the most to the least important on a narrow terminal:
/// the key, then the label in the user's language; the label in the other language goes first.
pub fn field_importance(labels: Labels) -> Vec<&'static str> {
    let (label, other) = match labels {
        Labels::Zh => ("display_name", "display_en_name"),
        _ => ("display_en_name", "display_name"),
    };
    vec!["name", label, "field_type", "is_preset", "required", other]
}

/// The columns of a customers table from the most to the least important on a narrow terminal.
pub fn customer_importance(_: Labels) -> Vec<&'static str> {
    vec![
        "id",
        "full_name",
        "email",
        "created_at",
        "tags",
        "sms_phone",
        "source_type",
        "country",
        "whatsApp_phone",
    ]
}

/// `source_type` values: (number, flag name, description).
/// 3 and 11 have the same description in the vendor's document; the names keep them apart.
pub const SOURCE_TYPES: &[(u8, &str, &str)] = &[
    (0, "unknown", "unknown"),
    (1, "created", "created"),
    (2, "excel-import", "Excel import"),
    (3, "customer-initiated", "customer initiated"),
    (4, "sms-bulk", "SMS bulk send"),
    (5, "voice-bulk", "voice bulk send"),
    (6, "third-party-api", "third-party API"),
    (7, "callbot", "callbot"),
    (8, "call-center", "customer initiated (call center)"),
    (9, "email-channel", "email channel"),
    (10, "form", "form"),
    (11, "customer-initiated-11", "customer initiated"),
    (12, "viber", "customer initiated (Viber)"),
    (13, "messenger", "customer initiated (Messenger)"),
    (14, "instagram", "customer initiated (Instagram)"),
    (15, "line", "customer initiated (Line)"),
];

/// Short forms accepted by `--source-type` besides the names above.
const SOURCE_TYPE_ALIASES: &[(&str, u8)] = &[("excel", 2), ("api", 6), ("email", 9)];

/// Parses `--source-type`: a number 0..15 or a name from [`SOURCE_TYPES`].
pub fn parse_source_type(text: &str) -> Result<u8, String> {
    let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
    if let Ok(n) = wanted.parse::<u8>() {
        if SOURCE_TYPES.iter().any(|(v, _, _)| *v == n) {
            return Ok(n);
        }
    }
    SOURCE_TYPES
        .iter()
        .map(|(v, name, _)| (*name, *v))
        .chain(SOURCE_TYPE_ALIASES.iter().copied())
        .find(|(name, _)| *name == wanted)
        .map(|(_, v)| v)
        .ok_or_else(|| {
            let names: Vec<&str> = SOURCE_TYPES.iter().map(|(_, n, _)| *n).collect();
            format!(
                "expected a number from 0 to 15 or one of: {}",
                names.join(", ")
            )
        })
}

/// What identifies a customer and places it in time: its `id` (the cursor) and `created_at`.
#[derive(Deserialize)]
pub struct Key<'a> {
    pub id: i64,
    #[serde(borrow, default)]
    pub created_at: Option<Cow<'a, str>>,
}

/// A customer's key, read without parsing the rest.
pub fn key(raw: &RawValue) -> Option<Key<'_>> {
    serde_json::from_str(raw.get()).ok()
}

/// A customer's `id`. The API writes it first (`{"id":1021...,`): then it is read from there,
/// without a pass over the rest of the customer; otherwise the object is searched.
pub fn id(raw: &RawValue) -> Option<i64> {
    let first = raw.get().strip_prefix("{\"id\":").and_then(|rest| {
        let digits = rest.find([',', '}']).map(|end| &rest[..end])?;
        digits.trim().parse().ok()
    });
    first.or_else(|| key(raw).map(|k| k.id))
}

/// A custom field, labelled and with its choice ids mapped to labels when the field list is known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomField {
    pub name: String,
    pub label: String,
    pub options: Vec<(String, String)>,
    /// A key of customers' `customize_field` that the field list does not name: its cells are
    /// [`unlisted_cell`]s.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlisted: bool,
    /// The field list's `field_type` (API.md section 2), which types its column in `-o parquet`;
    /// `None` for a key the list does not name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_type: Option<i64>,
}

impl CustomField {
    /// Reads a custom field from the field list (API.md section 2), headed by `labels`; preset
    /// fields give `None`.
    pub fn from_api(json: &str, labels: Labels) -> Option<CustomField> {
        let field: Map<String, Value> = serde_json::from_str(json).ok()?;
        if field.get("is_preset").and_then(Value::as_bool) != Some(false) {
            return None;
        }
        let name = field.get("name")?.as_str()?.to_string();
        let label = labels
            .keys()
            .iter()
            .find_map(|k| {
                field
                    .get(*k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            })
            .unwrap_or(&name)
            .to_string();
        // Choice fields carry their options as a JSON string: [{"id": "1", "name": "A"}, ...].
        let options = field
            .get("field_type_info")
            .and_then(Value::as_str)
            .and_then(|info| serde_json::from_str::<Vec<Map<String, Value>>>(info).ok())
            .unwrap_or_default()
            .iter()
            .filter_map(|o| {
                Some((
                    value_text(o.get("id")?).into_owned(),
                    value_text(o.get("name")?).into_owned(),
                ))
            })
            .collect();
        Some(CustomField {
            name,
            label,
            options,
            unlisted: false,
            field_type: field.get("field_type").and_then(Value::as_i64),
        })
    }
}

/// The custom fields of a field list; preset fields and items that are not fields are skipped.
pub fn custom_fields(list: &[Box<RawValue>], labels: Labels) -> Vec<CustomField> {
    list.iter()
        .filter_map(|raw| CustomField::from_api(raw.get(), labels))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_first_or_found() {
        let raw = |s: &str| RawValue::from_string(s.to_string()).unwrap();
        assert_eq!(
            id(&raw(r#"{"id":1021110718827683840,"a":1}"#)),
            Some(1021110718827683840)
        );
        assert_eq!(id(&raw(r#"{"id":7}"#)), Some(7));
        assert_eq!(id(&raw(r#"{"a":{"id":1},"id":-3}"#)), Some(-3));
        assert_eq!(id(&raw(r#"{"id":"x"}"#)), None);
        assert_eq!(id(&raw(r#"{"id":1.5,"b":2}"#)), None);
    }

    #[test]
    fn source_type_by_number_name_or_alias() {
        assert_eq!(parse_source_type("2"), Ok(2));
        assert_eq!(parse_source_type("excel-import"), Ok(2));
        assert_eq!(parse_source_type("Excel"), Ok(2));
        assert_eq!(parse_source_type("third_party_api"), Ok(6));
        assert!(parse_source_type("16")
            .unwrap_err()
            .contains("excel-import"));
        assert!(parse_source_type("fax").is_err());
    }

    /// A name given twice has its last value, as a map reads it; a name with an escape is read
    /// as the name it spells; what is not an object is refused.
    #[test]
    fn fields_by_name() {
        let f = Fields::parse(r#"{"b":1,"a":2,"b":3,"\u0063":4,"b":5,"a":6}"#).unwrap();
        let got = |k| f.get(k).map(|v| v.get());
        assert_eq!(
            (got("a"), got("b"), got("c"), got("d")),
            (Some("6"), Some("5"), Some("4"), None)
        );
        assert_eq!(
            f.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert!(Fields::parse("[1]").is_err() && Fields::parse(r#"{"a":}"#).is_err());
    }

    #[test]
    fn cells() {
        let c = Fields::parse(
            r#"{"id":1021110718827683840,"tags":[{"id":1,"tag_name":"vip"},{"id":2,"tag_name":"new"}],
                "source_type":2,"gender":null,"status":1,"email":"a\"@b\u00e9","x":1.50}"#,
        )
        .unwrap();
        assert_eq!(cell(&c, "id", false), "1021110718827683840");
        assert_eq!(cell(&c, "tags", false), "vip;new");
        let odd = r#"{"tags":[{"tag_name":"a;b"},{"tag_name":"c\\"},{"tag_name":"\\;"},{"tag_name":"plain"}]}"#;
        let written = cell(&Fields::parse(odd).unwrap(), "tags", false).into_owned();
        assert_eq!(written, r"a\;b;c\\;\\\;;plain");
        let read: Vec<Cow<str>> = tag_names(&written).collect();
        assert_eq!(read, ["a;b", "c\\", "\\;", "plain"]);
        let by_hand: Vec<Cow<str>> = tag_names(r" a\b ; ;x\;\").collect();
        assert_eq!(by_hand, [r"a\b", r"x;\"]);
        assert_eq!(cell(&c, "source_type", false), "2");
        assert_eq!(cell(&c, "source_type", true), "excel-import");
        assert_eq!(cell(&c, "status", true), "enabled");
        assert_eq!(cell(&c, "gender", true), "");
        assert_eq!(cell(&c, "missing", true), "");
        assert_eq!(cell(&c, "email", true), "a\"@bé");
        assert_eq!(cell(&c, "x", false), "1.50");
    }
}
