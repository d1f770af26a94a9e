//! One row made into a batch_create customer: its values put under batch_create's keys, then
//! checked against the documented limits (API.md section 8). Nothing is changed silently: a
//! value that breaks a rule rejects the row with the reason; only `full_name` is made, from
//! `first_name` and `last_name`, and phones lose `+`, spaces and dashes when asked.

use super::names::{FieldDef, Target};
use crate::error::escape_control;
use crate::wire::{Text, IDENTITY_KEYS, NEW_CUSTOMER_KEYS};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// The phones `--normalize-phones` cleans.
const PHONES: [&str; 3] = ["sms_phone", "whats_app_phone", "viber_phone"];

/// A value as a reason shows it: escaped, and cut after 60 characters.
pub fn shown(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("\"{}{more}\"", escape_control(&head))
}

/// A customer being built from the values of a row.
#[derive(Default)]
pub struct Draft {
    /// String values by batch_create key.
    values: Vec<(&'static str, String)>,
    gender: Option<u8>,
    /// Tag names from the query's `tags`.
    tags: Vec<String>,
    /// `customize_field`'s keys; `Some` once any custom value or object was given.
    custom: Option<Map<String, Value>>,
}

impl Draft {
    fn set(&mut self, key: &'static str, value: String) -> Result<(), String> {
        if key == "gender" {
            let gender = match value.as_str() {
                "0" => 0,
                "1" => 1,
                _ => {
                    return Err(format!(
                        "gender must be 0 (female) or 1 (male), not {}",
                        shown(&value)
                    ))
                }
            };
            return match self.gender.replace(gender) {
                Some(other) if other != gender => Err("gender is given twice".into()),
                _ => Ok(()),
            };
        }
        match self.values.iter().find(|(k, _)| *k == key) {
            Some((_, old)) if *old != value => Err(format!(
                "{key} is given twice: {} and {}",
                shown(old),
                shown(&value)
            )),
            Some(_) => Ok(()),
            None => {
                self.values.push((key, value));
                Ok(())
            }
        }
    }

    fn custom(&mut self, key: &str, value: Value) -> Result<(), String> {
        let custom = self.custom.get_or_insert_with(Map::new);
        match custom.get(key) {
            Some(old) if *old != value => Err(format!(
                "custom field {key} is given twice, with different values"
            )),
            _ => {
                custom.insert(key.to_string(), value);
                Ok(())
            }
        }
    }

    fn object(&mut self, object: Map<String, Value>) -> Result<(), String> {
        self.custom.get_or_insert_with(Map::new);
        object.into_iter().try_for_each(|(k, v)| self.custom(&k, v))
    }

    /// A cell of a CSV (or a string of JSON) under `target`; `column` names it in reasons.
    pub fn cell(&mut self, target: &Target, column: &str, cell: &str) -> Result<(), String> {
        if cell.is_empty() {
            return Ok(());
        }
        match target {
            Target::Key(key) => self.set(key, cell.to_string()),
            Target::Tags => {
                let names = cell.split(';').map(str::trim).filter(|n| !n.is_empty());
                self.tags.extend(names.map(str::to_string));
                Ok(())
            }
            Target::CustomObject => match serde_json::from_str::<Value>(cell) {
                Ok(Value::Object(object)) => self.object(object),
                _ => Err(format!("{} is not a JSON object", shown(column))),
            },
            Target::Custom(field) => {
                let value =
                    custom_cell(field, cell).map_err(|why| format!("{}: {why}", shown(column)))?;
                self.custom(&field.key, value)
            }
            Target::Dropped | Target::Ignored | Target::Unknown => Ok(()),
        }
    }

    /// A value of a JSON row under `target`.
    pub fn json(&mut self, target: &Target, key: &str, value: Value) -> Result<(), String> {
        match (target, value) {
            (_, Value::Null) => Ok(()),
            (_, Value::String(s)) => self.cell(target, key, &s),
            (Target::Key(k), Value::Number(n)) if is_digits(k) || *k == "gender" => {
                self.set(k, n.to_string())
            }
            (Target::Key(k), _) => Err(format!("{k} must be text")),
            (Target::Tags, Value::Array(tags)) => {
                for tag in tags {
                    match tag {
                        Value::String(name) => self.tags.push(name),
                        Value::Object(mut tag) => match tag.remove("tag_name") {
                            Some(Value::String(name)) => self.tags.push(name),
                            _ => return Err("a tag has no tag_name".into()),
                        },
                        _ => return Err("tags must be tag names or tag objects".into()),
                    }
                }
                Ok(())
            }
            (Target::Tags, _) => Err("tags must be a list".into()),
            (Target::CustomObject, Value::Object(object)) => self.object(object),
            (Target::CustomObject, _) => Err(format!("{key} must be a JSON object")),
            // As the API holds it: a choice field's ids, a number.
            (Target::Custom(field), value) => self.custom(&field.key, value),
            (Target::Dropped | Target::Ignored | Target::Unknown, _) => Ok(()),
        }
    }

    /// The customer as batch_create takes it, once every rule holds.
    pub fn finish(mut self, normalize_phones: bool) -> Result<Map<String, Value>, String> {
        let at = |values: &[(&str, String)], key: &str| values.iter().position(|(k, _)| *k == key);
        if at(&self.values, "full_name").is_none() {
            let parts = ["first_name", "last_name"].map(|k| at(&self.values, k));
            let made: Vec<&str> = parts
                .into_iter()
                .flatten()
                .map(|i| self.values[i].1.as_str())
                .collect();
            if !made.is_empty() {
                let name = made.join(" ");
                self.values.push(("full_name", name));
            }
        }
        if !self.tags.is_empty() {
            if let Some(name) = self.tags.iter().find(|n| n.contains(',')) {
                return Err(format!(
                    "tag {} holds a comma, which batch_create's tagStr cannot carry",
                    shown(name)
                ));
            }
            let mut names: Vec<String> = at(&self.values, "tagStr")
                .map(|i| self.values.swap_remove(i).1)
                .into_iter()
                .collect();
            names.append(&mut self.tags);
            self.values.push(("tagStr", names.join(",")));
        }
        let mut customer = Map::new();
        for (key, text) in NEW_CUSTOMER_KEYS {
            if key == "customize_field" {
                if let Some(custom) = self.custom.take() {
                    let encoded = Value::Object(custom).to_string();
                    customer.insert(key.into(), Value::String(encoded));
                }
                continue;
            }
            let Some(i) = at(&self.values, key) else {
                continue;
            };
            let mut value = std::mem::take(&mut self.values[i].1);
            if normalize_phones && PHONES.contains(&key) {
                value.retain(|c| !matches!(c, '+' | ' ' | '-'));
            }
            check(key, text, &value, normalize_phones)?;
            customer.insert(key.into(), Value::String(value));
        }
        if let Some(gender) = self.gender {
            customer.insert("gender".into(), Value::from(gender));
        }
        if !customer.contains_key("full_name") {
            return Err("no full_name, nor a first_name or last_name to make it of".into());
        }
        if !IDENTITY_KEYS.iter().any(|k| customer.contains_key(*k)) {
            return Err(format!(
                "no identity key: a customer needs one of {}",
                IDENTITY_KEYS.join(", ")
            ));
        }
        Ok(customer)
    }
}

fn is_digits(key: &str) -> bool {
    NEW_CUSTOMER_KEYS
        .iter()
        .any(|(k, t)| *k == key && matches!(t, Text::Digits(_)))
}

/// Whether a value keeps its key's documented limit; the reason says which it breaks.
fn check(key: &str, text: Text, value: &str, normalized: bool) -> Result<(), String> {
    match text {
        Text::Chars(n) => {
            let count = value.chars().count();
            if count > n {
                return Err(format!(
                    "{key} has {count} characters; at most {n} are allowed"
                ));
            }
        }
        Text::Digits(n) => {
            if !value.bytes().all(|b| b.is_ascii_digit()) {
                let hint = match PHONES.contains(&key) && !normalized {
                    true => " (--normalize-phones strips +, spaces and dashes)",
                    false => "",
                };
                return Err(format!("{key} {} is not digits only{hint}", shown(value)));
            }
            if value.len() > n {
                return Err(format!(
                    "{key} has {} digits; at most {n} are allowed",
                    value.len()
                ));
            }
        }
        Text::Date => {
            let valid = value.len() == 10 && jiff::civil::Date::strptime("%Y-%m-%d", value).is_ok();
            if !valid {
                return Err(format!("{key} {} is not a date yyyy-MM-dd", shown(value)));
            }
        }
        Text::JsonObject | Text::TagNames => {}
    }
    Ok(())
}

/// A custom field's cell as `customers query -o csv` writes it, made into the API's value: a
/// choice field's labels (`;` between several) become their option ids, a number field's text a
/// number, any other field's text stays text.
fn custom_cell(field: &FieldDef, cell: &str) -> Result<Value, String> {
    match field.field_type {
        3 | 4 => {
            let option = |text: &str| {
                let text = text.trim();
                let by_label = field.options.iter().find(|(_, l)| l == text);
                let by_label = by_label.or_else(|| {
                    field
                        .options
                        .iter()
                        .find(|(_, l)| l.trim().eq_ignore_ascii_case(text))
                });
                let found = by_label.or_else(|| field.options.iter().find(|(id, _)| id == text));
                found.map(|(id, _)| Value::String(id.clone()))
            };
            // A label may hold the `;` that separates labels: the whole cell first.
            let ids: Vec<Value> = match option(cell) {
                Some(id) => vec![id],
                None => cell
                    .split(';')
                    .filter(|part| !part.trim().is_empty())
                    .map(|part| {
                        option(part).ok_or_else(|| {
                            let labels: Vec<&str> =
                                field.options.iter().map(|(_, l)| l.as_str()).collect();
                            format!(
                                "{} is not one of its options ({})",
                                shown(part.trim()),
                                labels.join(", ")
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?,
            };
            if field.field_type == 3 && ids.len() > 1 {
                return Err("a single-choice field takes one option".into());
            }
            Ok(Value::Array(ids))
        }
        2 => match serde_json::from_str::<serde_json::Number>(cell.trim()) {
            Ok(n) => Ok(Value::Number(n)),
            Err(_) => Err(format!("{} is not a number", shown(cell))),
        },
        _ => Ok(Value::String(cell.to_string())),
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The identity keys of the rows admitted so far, as 64-bit hashes of (key, value) with the
/// line that had them first: about 20 to 40 bytes per key, whatever the values' length.
#[derive(Default)]
pub struct Seen(HashMap<u64, u64, BuildHasherDefault<Identity>>);

impl Seen {
    /// Admits a customer whose identity keys no earlier row had; otherwise the reason names the
    /// key and the first row's line.
    pub fn admit(&mut self, line: u64, customer: &Map<String, Value>) -> Result<(), String> {
        let mut hashes = Vec::with_capacity(IDENTITY_KEYS.len());
        for (i, key) in IDENTITY_KEYS.iter().enumerate() {
            let Some(Value::String(value)) = customer.get(*key) else {
                continue;
            };
            let mut hasher = std::hash::DefaultHasher::new();
            (i, value).hash(&mut hasher);
            let hash = hasher.finish();
            if let Some(first) = self.0.get(&hash) {
                return Err(format!(
                    "{key} {} is also on line {first}, which came first (batches run in parallel, so which of the two would win is chance)",
                    shown(value)
                ));
            }
            hashes.push(hash);
        }
        for hash in hashes {
            self.0.insert(hash, line);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "row_tests.rs"]
mod tests;
