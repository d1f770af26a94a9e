//! A customer's values as the Parquet columns type them, cut from the raw JSON. A value that
//! does not fit its column (a date that is not one, an id that is not an integer, a choice the
//! field list does not have) is null there, and kept as sent in `other_fields`: never a wrong
//! value, never a lost one.

use super::schema::{Col, Kind, Source};
use crate::customer::{self, CustomField, Fields, FIELDS, SOURCE_TYPES};
use crate::output::columns::custom_values;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// One column's value in one row.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell {
    Null,
    /// INT64, INT32, a date's days or a timestamp's milliseconds.
    Int(i64),
    Double(f64),
    Text(String),
    Texts(Vec<String>),
    Tags(Vec<Tag>),
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub(super) struct Tag {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default, rename = "tag_name")]
    pub name: Option<String>,
}

/// What a row did not fit into its typed columns, for the messages: a column whose value went
/// to `other_fields`, or a custom-field key the field list does not name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Moved {
    Misfit(String),
    Unlisted(String),
    Undecoded,
}

/// How the columns read a customer: which top-level keys are known, whether the custom fields
/// the field list does not name belong in `other_fields`.
pub(super) struct Reader {
    pub cols: Vec<Col>,
    /// `--columns` chose the columns: keys nxcdp does not know are not among them.
    pub picked: bool,
    /// `customize_field` is expanded into its fields (not `--raw-custom-fields`).
    pub expanded: bool,
}

/// The API's value as JSON, numbers exact.
fn value(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or_else(|_| Value::String(raw.get().to_string()))
}

impl Reader {
    /// The row's cells, one per column, and what moved to `other_fields`.
    pub fn cells(&self, item: &Fields) -> (Vec<Cell>, Vec<Moved>) {
        let mut other = Map::new();
        let mut moved = Vec::new();
        let needs_custom = self.expanded
            || self
                .cols
                .iter()
                .any(|c| matches!(c.source, Source::Custom(_)));
        let custom = match item.get("customize_field") {
            Some(raw) if needs_custom && raw.get() != "null" => {
                let values = custom_values(item);
                if values.is_none() {
                    other.insert("customize_field".into(), value(raw));
                    moved.push(Moved::Undecoded);
                }
                values
            }
            _ => None,
        };
        let mut unfit = Map::new();
        let mut cells = Vec::with_capacity(self.cols.len());
        for col in &self.cols {
            cells.push(match &col.source {
                Source::Field(name) => match item.get(name) {
                    None => Cell::Null,
                    Some(raw) => field(col.kind, raw).unwrap_or_else(|| {
                        other.insert(name.clone(), value(raw));
                        moved.push(Moved::Misfit(col.name.clone()));
                        Cell::Null
                    }),
                },
                Source::NameOfSourceType => item
                    .get("source_type")
                    .and_then(|raw| raw.get().parse::<i64>().ok())
                    .and_then(|n| SOURCE_TYPES.iter().find(|(v, _, _)| i64::from(*v) == n))
                    .map_or(Cell::Null, |(_, name, _)| Cell::Text(name.to_string())),
                Source::Custom(f) => match custom.as_ref().and_then(|c| c.get(&f.name)) {
                    None => Cell::Null,
                    Some(v) => custom_field(col.kind, f, v).unwrap_or_else(|| {
                        unfit.insert(f.name.clone(), v.clone());
                        moved.push(Moved::Misfit(col.name.clone()));
                        Cell::Null
                    }),
                },
                // Filled in below, once every other column has taken its value.
                Source::Other => Cell::Null,
            });
        }
        if self.expanded {
            for (key, v) in custom.iter().flatten() {
                let held = self.cols.iter().any(|c| match &c.source {
                    Source::Custom(f) => f.name == *key,
                    _ => false,
                });
                if !held {
                    unfit.insert(key.clone(), v.clone());
                    moved.push(Moved::Unlisted(key.clone()));
                }
            }
        }
        if !self.picked {
            let mut unknown: Vec<(&str, &RawValue)> = item
                .iter()
                .filter(|(k, _)| !FIELDS.contains(k) && *k != "his_tags")
                .collect();
            unknown.sort_by_key(|(k, _)| *k);
            for (key, raw) in unknown {
                other.insert(key.to_string(), value(raw));
            }
        }
        if !unfit.is_empty() {
            other.insert("customize_field".into(), Value::Object(unfit));
        }
        if !other.is_empty() {
            let at = self
                .cols
                .iter()
                .position(|c| matches!(c.source, Source::Other));
            if let Some(at) = at {
                cells[at] = Cell::Text(Value::Object(other).to_string());
            }
        }
        (cells, moved)
    }
}

/// A top-level field's value as its column types it; `None` when it does not fit.
fn field(kind: Kind, raw: &RawValue) -> Option<Cell> {
    let json = raw.get();
    if json == "null" {
        return Some(Cell::Null);
    }
    let string = || json.starts_with('"').then(|| customer::text(raw));
    match kind {
        Kind::Int64 => json.parse::<i64>().ok().map(Cell::Int),
        Kind::Int32 => json.parse::<i32>().ok().map(|n| Cell::Int(n.into())),
        Kind::Text => match json.as_bytes().first() {
            Some(b'[' | b'{') => None,
            // A string that is no Unicode (a lone surrogate, `"\ud800x"`) does not fit: its
            // JSON text is no value of it (issue 28, item 6).
            Some(b'"') => serde_json::from_str::<String>(json).ok().map(Cell::Text),
            _ => Some(Cell::Text(json.to_string())),
        },
        Kind::Json => Some(Cell::Text(value(raw).to_string())),
        Kind::Timestamp => string().and_then(|s| datetime(&s)).map(Cell::Int),
        Kind::Date => string().and_then(|s| date(&s)).map(Cell::Int),
        Kind::Tags => serde_json::from_str::<Vec<Tag>>(json).ok().map(Cell::Tags),
        Kind::Double | Kind::Texts => None,
    }
}

/// A choice's option id as text: `"2"`, `2`.
fn option_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A custom field's value as its column types it; `None` when it does not fit: a choice the
/// field list does not have, a number a double does not hold exactly, a date that is not one.
fn custom_field(kind: Kind, field: &CustomField, v: &Value) -> Option<Cell> {
    let label = |v: &Value| {
        let id = option_id(v)?;
        let found = field.options.iter().find(|(option, _)| *option == id);
        found.map(|(_, label)| label.clone())
    };
    let choice = field.field_type == Some(3) || field.field_type == Some(4);
    if v.is_null() {
        return Some(Cell::Null);
    }
    match (kind, v) {
        (Kind::Text, Value::Array(items)) if choice => match items.as_slice() {
            [] => Some(Cell::Null),
            [one] => label(one).map(Cell::Text),
            _ => None,
        },
        (Kind::Text, v) if choice => label(v).map(Cell::Text),
        (Kind::Text, Value::String(s)) => Some(Cell::Text(s.clone())),
        (Kind::Text, Value::Number(_) | Value::Bool(_)) => Some(Cell::Text(v.to_string())),
        (Kind::Texts, Value::Array(items)) => items
            .iter()
            .map(|v| match choice {
                true => label(v),
                false => option_id(v),
            })
            .collect::<Option<Vec<_>>>()
            .map(Cell::Texts),
        (Kind::Texts, v) if choice => label(v).map(|l| Cell::Texts(vec![l])),
        (Kind::Texts, v) => option_id(v).map(|s| Cell::Texts(vec![s])),
        (Kind::Double, Value::Number(n)) => number(&n.to_string()).map(Cell::Double),
        (Kind::Double, Value::String(s)) => number(s.trim()).map(Cell::Double),
        (Kind::Date, Value::String(s)) => date(s).map(Cell::Int),
        (Kind::Timestamp, Value::String(s)) => datetime(s).map(Cell::Int),
        (Kind::Json, v) => Some(Cell::Text(v.to_string())),
        _ => None,
    }
}

/// A number as a double, when the double is that number: a whole number past 2^53 is not.
fn number(text: &str) -> Option<f64> {
    let n: f64 = text.parse().ok().filter(|n: &f64| n.is_finite())?;
    match text.contains(['.', 'e', 'E']) {
        // A decimal is as near as a double comes, which is what a reader of it expects.
        true => Some(n),
        false => {
            let whole: i128 = text.parse().ok()?;
            (whole.unsigned_abs() <= 1 << 53).then_some(n)
        }
    }
}

/// The number in `text[range]`, all of it ASCII digits.
fn digits(text: &str, range: std::ops::Range<usize>) -> Option<i64> {
    let part = text.get(range)?;
    part.bytes()
        .all(|c| c.is_ascii_digit())
        .then(|| part.parse().ok())?
}

/// Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar (H. Hinnant's
/// `days_from_civil`).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` as days since 1970-01-01; any other text, or a day the calendar does not have
/// (`2026-02-30`), is `None`.
pub(super) fn date(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (
        digits(text, 0..4)?,
        digits(text, 5..7)?,
        digits(text, 8..10)?,
    );
    jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
    Some(days(y, m, d))
}

/// `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD HH:MM:SS`, with a fraction of 1 to 9 digits or none, as
/// milliseconds since 1970-01-01 00:00:00 on the same wall clock (no time zone: the API's times
/// have none). A fraction finer than a millisecond (`.123456789`) is `None`: cut to the column's
/// milliseconds it would be another time, so it stays whole in `other_fields`; zeros past the
/// millisecond (`.123000`) lose nothing and are read.
pub(super) fn datetime(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 19 || !matches!(b[10], b' ' | b'T') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let day = date(&text[..10])?;
    let (h, m, s) = (
        digits(text, 11..13)?,
        digits(text, 14..16)?,
        digits(text, 17..19)?,
    );
    let ms = match &text[19..] {
        "" => 0,
        fraction => {
            let figures = fraction.strip_prefix('.')?;
            let ok =
                (1..=9).contains(&figures.len()) && figures.bytes().all(|c| c.is_ascii_digit());
            let (kept, past) = figures.split_at(figures.len().min(3));
            if !ok || past.bytes().any(|c| c != b'0') {
                return None;
            }
            format!("{kept:0<3}").parse::<i64>().ok()?
        }
    };
    (h < 24 && m < 60 && s < 60).then(|| ((day * 24 + h) * 60 + m) * 60_000 + s * 1000 + ms)
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
