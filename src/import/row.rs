//! One row made into a batch_create customer: its values put under batch_create's keys, then
//! checked against the documented limits (API.md section 8). Nothing is changed silently: a
//! value that breaks a rule rejects the row with the reason; only `full_name` is made, from
//! `first_name` and `last_name`, and phones lose `+`, spaces and dashes when asked. A CSV row's
//! values are borrowed from the record, not copied: checking a row allocates little.

use super::custom::custom_cell;
use super::names::{at, Target, CUSTOMIZE_FIELD};
use crate::customer::{tag_names, unlisted_value};
use crate::error::escape_control;
use crate::wire::{Text, IDENTITY_KEYS, NEW_CUSTOMER_KEYS};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A value as a reason shows it: escaped, and cut after 60 characters.
pub fn shown(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("\"{}{more}\"", escape_control(&head))
}

/// How many keys a batch_create customer has, besides `gender`.
const KEYS: usize = NEW_CUSTOMER_KEYS.len();
const FULL_NAME: usize = at("full_name");
const FIRST_NAME: usize = at("first_name");
const LAST_NAME: usize = at("last_name");
const TAG_STR: usize = at("tagStr");
/// The phones `--normalize-phones` cleans.
const PHONES: [usize; 3] = [at("sms_phone"), at("whats_app_phone"), at("viber_phone")];
/// Where the identity keys are.
const IDENTITY: [usize; IDENTITY_KEYS.len()] = {
    let mut places = [0; IDENTITY_KEYS.len()];
    let mut i = 0;
    while i < places.len() {
        places[i] = at(IDENTITY_KEYS[i]);
        i += 1;
    }
    places
};

/// What people type in a phone number besides its digits: `--normalize-phones` strips it.
const PHONE_PUNCTUATION: [char; 6] = ['+', ' ', '-', '.', '(', ')'];

/// A customer being built from the values of a row (borrowed from it for `'r`).
#[derive(Default)]
pub struct Draft<'r> {
    /// String values, in the places of [`NEW_CUSTOMER_KEYS`].
    values: [Option<Cow<'r, str>>; KEYS],
    gender: Option<u8>,
    /// Tag names from the query's `tags`.
    tags: Vec<Cow<'r, str>>,
    /// `customize_field`'s keys; `Some` once any custom value or object was given.
    custom: Option<Map<String, Value>>,
    /// What is wrong with the row so far: every reason, so that one run names them all.
    problems: Vec<String>,
}

/// A customer as batch_create takes it.
#[derive(Debug)]
pub struct Customer<'r> {
    values: [Option<Cow<'r, str>>; KEYS],
    gender: Option<u8>,
    /// The phones as written, where `--normalize-phones` changed them: reasons quote these.
    written: [Option<Cow<'r, str>>; PHONES.len()],
}

impl Customer<'_> {
    fn get(&self, at: usize) -> Option<&str> {
        self.values[at].as_deref()
    }

    /// A value as the row wrote it.
    fn written(&self, at: usize) -> Option<&str> {
        let phone = PHONES.iter().position(|p| *p == at);
        phone
            .and_then(|i| self.written[i].as_deref())
            .or_else(|| self.get(at))
    }
}

impl Serialize for Customer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for ((key, _), value) in NEW_CUSTOMER_KEYS.iter().zip(&self.values) {
            if let Some(value) = value {
                map.serialize_entry(key, value.as_ref())?;
            }
        }
        if let Some(gender) = self.gender {
            map.serialize_entry("gender", &gender)?;
        }
        map.end()
    }
}

impl<'r> Draft<'r> {
    fn set(&mut self, at: usize, value: Cow<'r, str>) -> Result<(), String> {
        match &self.values[at] {
            Some(old) if *old != value => Err(format!(
                "{} is given twice: {} and {}",
                NEW_CUSTOMER_KEYS[at].0,
                shown(old),
                shown(&value)
            )),
            Some(_) => Ok(()),
            None => {
                self.values[at] = Some(value);
                Ok(())
            }
        }
    }

    fn gender(&mut self, value: &str) -> Result<(), String> {
        let gender = match value {
            "0" => 0,
            "1" => 1,
            _ => {
                return Err(format!(
                    "gender must be 0 (female) or 1 (male), not {}",
                    shown(value)
                ))
            }
        };
        match self.gender.replace(gender) {
            Some(other) if other != gender => Err("gender is given twice".into()),
            _ => Ok(()),
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

    /// A cell of a CSV under `target`; `column` names it in reasons.
    pub fn cell(&mut self, target: &Target, column: &str, cell: &'r str) -> Result<(), String> {
        self.text(target, column, Cow::Borrowed(cell))
    }

    /// Text under `target`: a CSV cell, or a string of JSON, read the same way.
    fn text(&mut self, target: &Target, column: &str, text: Cow<'r, str>) -> Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        match target {
            Target::Key(at) => self.set(*at, text),
            Target::Gender => self.gender(&text),
            Target::Tags => {
                match text {
                    Cow::Borrowed(cell) => self.tags.extend(tag_names(cell)),
                    Cow::Owned(cell) => {
                        let owned = tag_names(&cell).map(|n| Cow::Owned(n.into_owned()));
                        self.tags.extend(owned)
                    }
                }
                Ok(())
            }
            Target::CustomObject => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(object)) => self.object(object),
                _ => Err(format!("{} is not a JSON object", shown(column))),
            },
            Target::Custom(field) => {
                let value =
                    custom_cell(field, &text).map_err(|why| format!("{}: {why}", shown(column)))?;
                self.custom(&field.key, value)
            }
            Target::Unlisted(key) => self.custom(key, unlisted_value(&text)),
            Target::Nameless if text.trim().is_empty() => Ok(()),
            Target::Nameless => Err(format!(
                "{} is under no name (its header is empty): name its column, or empty the cell",
                shown(&text)
            )),
            Target::Dropped | Target::Ignored | Target::Unknown => Ok(()),
        }
    }

    /// A value of a JSON row under `target`; `raw` is its text, which a number is taken as.
    pub fn json(
        &mut self,
        target: &Target,
        key: &str,
        value: Value,
        raw: &str,
    ) -> Result<(), String> {
        match (target, value) {
            (_, Value::Null) => Ok(()),
            // As the API holds it, strings too: JSON says what type it is.
            (Target::Unlisted(key), value) => self.custom(key, value),
            (_, Value::String(s)) => self.text(target, key, Cow::Owned(s)),
            // As written: serde_json writes `1.5e3` as `1.5e+3`.
            (Target::Key(at), Value::Number(_))
                if matches!(NEW_CUSTOMER_KEYS[*at].1, Text::Digits(_)) =>
            {
                self.set(*at, Cow::Owned(raw.trim().to_string()))
            }
            (Target::Gender, Value::Number(_)) => self.gender(raw.trim()),
            (Target::Key(at), _) => Err(format!("{} must be text", NEW_CUSTOMER_KEYS[*at].0)),
            (Target::Gender, _) => Err("gender must be 0 (female) or 1 (male)".into()),
            (Target::Tags, Value::Array(tags)) => {
                for tag in tags {
                    match tag {
                        Value::String(name) => self.tags.push(Cow::Owned(name)),
                        Value::Object(mut tag) => match tag.remove("tag_name") {
                            Some(Value::String(name)) => self.tags.push(Cow::Owned(name)),
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
            (Target::Nameless, value) => Err(format!(
                "{value} is under no name (its key is empty): name it, or leave it out"
            )),
            (Target::Dropped | Target::Ignored | Target::Unknown, _) => Ok(()),
        }
    }

    /// A reason the row cannot be sent; the others are still looked for.
    pub fn problem(&mut self, why: String) {
        self.problems.push(why);
    }

    /// The customer as batch_create takes it, once every rule holds; else every reason it
    /// breaks one, `; ` between them.
    pub fn finish(mut self, normalize_phones: bool) -> Result<Customer<'r>, String> {
        if self.values[FULL_NAME].is_none() {
            let parts = [&self.values[FIRST_NAME], &self.values[LAST_NAME]];
            let made: Vec<&str> = parts.into_iter().flatten().map(|v| v.as_ref()).collect();
            if !made.is_empty() {
                self.values[FULL_NAME] = Some(Cow::Owned(made.join(" ")));
            }
        }
        if !self.tags.is_empty() {
            if let Some(name) = self.tags.iter().find(|n| n.contains(',')) {
                self.problems.push(format!(
                    "tag {} holds a comma, which batch_create's tagStr cannot carry",
                    shown(name)
                ));
            }
            let mut names: Vec<Cow<str>> = self.values[TAG_STR].take().into_iter().collect();
            names.append(&mut self.tags);
            self.values[TAG_STR] = Some(Cow::Owned(names.join(",")));
        }
        if let Some(custom) = self.custom.take() {
            self.values[CUSTOMIZE_FIELD] = Some(Cow::Owned(Value::Object(custom).to_string()));
        }
        let mut written: [Option<Cow<str>>; PHONES.len()] = Default::default();
        for (at, slot) in self.values.iter_mut().enumerate() {
            let Some(value) = slot else {
                continue;
            };
            let (key, text) = NEW_CUSTOMER_KEYS[at];
            let phone = PHONES.iter().position(|p| *p == at);
            let checked = if let Some(phone) =
                phone.filter(|_| normalize_phones && value.contains(PHONE_PUNCTUATION))
            {
                let mut normalized = value.to_string();
                normalized.retain(|c| !PHONE_PUNCTUATION.contains(&c));
                // Punctuation alone is no phone: absent, as an empty cell is.
                if normalized.is_empty() {
                    *slot = None;
                    continue;
                }
                let checked = check(key, text, &normalized, value, normalize_phones);
                written[phone] = Some(std::mem::replace(value, Cow::Owned(normalized)));
                checked
            } else {
                check(key, text, value, value, normalize_phones)
            };
            if let Err(why) = checked {
                self.problems.push(why);
            }
        }
        if self.values[FULL_NAME].is_none() {
            self.problems
                .push("no full_name, nor a first_name or last_name to make it of".into());
        }
        if IDENTITY.iter().all(|at| self.values[*at].is_none()) {
            self.problems.push(format!(
                "no identity key: a customer needs one of {}",
                IDENTITY_KEYS.join(", ")
            ));
        }
        if !self.problems.is_empty() {
            return Err(self.problems.join("; "));
        }
        Ok(Customer {
            values: self.values,
            gender: self.gender,
            written,
        })
    }
}

/// Whether a value keeps its key's documented limit; the reason says which it breaks, quoting
/// the value as `written` (before `--normalize-phones`).
fn check(
    key: &str,
    text: Text,
    value: &str,
    written: &str,
    normalized: bool,
) -> Result<(), String> {
    let phone = matches!(key, "sms_phone" | "whats_app_phone" | "viber_phone");
    match text {
        // A text no longer in bytes than the limit is no longer in characters.
        Text::Chars(n) if value.len() > n => {
            let count = value.chars().count();
            if count > n {
                return Err(format!(
                    "{key} has {count} characters; at most {n} are allowed"
                ));
            }
        }
        Text::Digits(n) => {
            if !value.bytes().all(|b| b.is_ascii_digit()) {
                let hint = match phone && !normalized {
                    true => " (--normalize-phones strips +, spaces, dashes, dots and parentheses)",
                    false => "",
                };
                return Err(format!("{key} {} is not digits only{hint}", shown(written)));
            }
            if value.len() > n {
                return Err(format!(
                    "{key} has {} digits; at most {n} are allowed",
                    value.len()
                ));
            }
        }
        Text::Date if !is_date(value) => {
            return Err(format!("{key} {} is not a date yyyy-MM-dd", shown(value)));
        }
        Text::Chars(_) | Text::Date | Text::JsonObject | Text::TagNames => {}
    }
    Ok(())
}

/// `yyyy-MM-dd`, a day that exists.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0i16, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + i16::from(d - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => jiff::civil::Date::new(y, m as i8, d as i8).is_ok(),
        _ => false,
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

/// A 64-bit hash of an identity key and its value: eight bytes at a time, each multiplied in,
/// then SplitMix64's finalizer, so that every bit of the result depends on every byte.
fn key_hash(key: usize, value: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (key as u64 + 1).wrapping_mul(K) ^ value.len() as u64;
    let mut chunks = value.as_bytes().chunks_exact(8);
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        h = (h ^ word).wrapping_mul(K).rotate_left(29);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// The identity keys of the rows admitted so far, as 64-bit hashes of (key, value) with the
/// line that had them first: 16 bytes a key in a hash table, whatever the values' length.
#[derive(Default)]
pub struct Seen(HashMap<u64, u64, BuildHasherDefault<Identity>>);

impl Seen {
    /// Admits a customer whose identity keys no earlier row had; otherwise the reason names the
    /// key, as the row wrote it, and the first row's line.
    pub fn admit(&mut self, line: u64, customer: &Customer) -> Result<(), String> {
        let mut hashes = [0u64; IDENTITY_KEYS.len()];
        let mut found = 0;
        for (i, (key, at)) in IDENTITY_KEYS.iter().zip(IDENTITY).enumerate() {
            let Some(value) = customer.get(at) else {
                continue;
            };
            let hash = key_hash(i, value);
            if let Some(first) = self.0.get(&hash) {
                let written = customer.written(at).unwrap_or(value);
                return Err(format!(
                    "{key} {} is also on line {first}, which came first (batches run in parallel, so which of the two would win is chance)",
                    shown(written)
                ));
            }
            hashes[found] = hash;
            found += 1;
        }
        for hash in &hashes[..found] {
            self.0.insert(*hash, line);
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "row_tests.rs"]
mod tests;
