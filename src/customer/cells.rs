//! A customer's cells: its fields read from the raw JSON without building a tree, each as the
//! text a table or a CSV shows, and the cells that must read back the same (tags, custom fields
//! the field list does not name).

use super::SOURCE_TYPES;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;

/// One item's top-level fields, each still the raw JSON the API sent: cells are cut from it
/// without building a tree, and numbers keep their exact digits. Kept sorted by name, each name
/// borrowed from the JSON unless it holds an escape: no map to hash into, nothing allocated for
/// most fields (a CSV row spent a fifth of its time hashing and allocating names).
pub struct Fields<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'a> Fields<'a> {
    pub fn parse(json: &'a str) -> serde_json::Result<Self> {
        let Pairs(mut fields) = serde_json::from_str(json)?;
        // A name given twice has its last value, as a map reads it: reversed, a stable sort
        // puts the last first, and `dedup_by` keeps the first of each run.
        fields.reverse();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        fields.dedup_by(|later, first| later.0 == first.0);
        Ok(Fields(fields))
    }

    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        let at = self.0.binary_search_by(|(name, _)| name.as_ref().cmp(key));
        at.ok().map(|i| self.0[i].1)
    }

    /// Every field, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &'a RawValue)> + '_ {
        self.0.iter().map(|(k, v)| (k.as_ref(), *v))
    }
}

/// A JSON object's members in the order sent, names borrowed where they can be.
struct Pairs<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Pairs<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Pairs<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(32));
                while let Some((Name(name), value)) = map.next_entry()? {
                    pairs.push((name, value));
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(Members)
    }
}

/// A member's name: borrowed from the JSON text, owned when it holds an escape.
struct Name<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name")
            }
            fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Self::Value, E> {
                Ok(Name(Cow::Borrowed(name)))
            }
            fn visit_str<E>(self, name: &str) -> Result<Self::Value, E> {
                Ok(Name(Cow::Owned(name.to_owned())))
            }
        }
        d.deserialize_str(Text)
    }
}

/// The text of one cell. `readable` turns codes into names (tables); otherwise values are as sent
/// (CSV). Strings are raw, null and missing are empty, tags are their names joined by `;`
/// ([`tags_cell`]).
pub fn cell<'a>(item: &Fields<'a>, column: &str, readable: bool) -> Cow<'a, str> {
    let Some(raw) = item.get(column) else {
        return Cow::Borrowed("");
    };
    if column == "tags" {
        #[derive(Deserialize)]
        struct Tag<'t> {
            #[serde(borrow)]
            tag_name: Option<Cow<'t, str>>,
        }
        if let Ok(tags) = serde_json::from_str::<Vec<Tag>>(raw.get()) {
            let names = tags.into_iter().filter_map(|t| t.tag_name);
            return Cow::Owned(tags_cell(names));
        }
    }
    if readable {
        if let Some(name) = raw
            .get()
            .parse()
            .ok()
            .and_then(|n| readable_code(column, n))
        {
            return Cow::Borrowed(name);
        }
    }
    text(raw)
}

/// Tag names in one cell, `;` between them; a `;` or `\` inside a name is written `\;` or
/// `\\`, so that every name reads back whole ([`tag_names`]): `a;b` and `plain` are
/// `a\;b;plain`.
pub fn tags_cell<'t>(names: impl IntoIterator<Item = Cow<'t, str>>) -> String {
    let mut cell = String::new();
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            cell.push(';');
        }
        for c in name.chars() {
            if matches!(c, ';' | '\\') {
                cell.push('\\');
            }
            cell.push(c);
        }
    }
    cell
}

/// The tag names of a cell as [`tags_cell`] writes it: split at each `;` that no `\` escapes,
/// `\;` and `\\` read as `;` and `\` (a `\` before anything else stays), spaces around a name
/// dropped, empty names skipped.
pub fn tag_names(cell: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = Some(cell);
    std::iter::from_fn(move || loop {
        let text = rest?;
        let (mut end, mut escaped, mut escapes) = (text.len(), false, false);
        for (i, b) in text.bytes().enumerate() {
            match b {
                _ if escaped => escaped = false,
                b'\\' => (escaped, escapes) = (true, true),
                b';' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        rest = text.get(end + 1..);
        let name = text[..end].trim();
        if name.is_empty() {
            continue;
        }
        if !escapes {
            return Some(Cow::Borrowed(name));
        }
        let mut unescaped = String::with_capacity(name.len());
        let mut chars = name.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('\\', Some(&next @ (';' | '\\'))) => {
                    unescaped.push(next);
                    chars.next();
                }
                _ => unescaped.push(c),
            }
        }
        return Some(Cow::Owned(unescaped));
    })
}

/// A raw JSON value as text: strings unescaped, null empty, anything else as sent.
pub fn text(raw: &RawValue) -> Cow<'_, str> {
    #[derive(Deserialize)]
    struct Text<'t>(#[serde(borrow)] Cow<'t, str>);
    match raw.get() {
        "null" => Cow::Borrowed(""),
        json if json.starts_with('"') => {
            serde_json::from_str::<Text>(json).map_or(Cow::Borrowed(json), |t| t.0)
        }
        json => Cow::Borrowed(json),
    }
}

fn readable_code(column: &str, n: i64) -> Option<&'static str> {
    match (column, n) {
        // By the names `--source-type` takes.
        ("source_type", _) => SOURCE_TYPES
            .iter()
            .find(|(v, _, _)| i64::from(*v) == n)
            .map(|(_, name, _)| *name),
        ("gender", 0) => Some("female"),
        ("gender", 1) => Some("male"),
        ("status", 0) => Some("disabled"),
        ("status", 1) => Some("enabled"),
        ("field_type", 1) => Some("text"),
        ("field_type", 2) => Some("number"),
        ("field_type", 3) => Some("single choice"),
        ("field_type", 4) => Some("multiple choice"),
        ("field_type", 5) => Some("date"),
        ("field_type", 6) => Some("date-time"),
        ("field_type", 7) => Some("tags"),
        _ => None,
    }
}

/// A parsed JSON value as text: strings raw, everything else as compact JSON (numbers exact).
pub fn value_text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.to_string()),
    }
}

/// A value of a custom field that the field list does not name, as a cell that reads back the
/// same ([`unlisted_value`]), whatever its type, which nxcdp cannot know: text as it is, unless
/// it would read as JSON (`5`, `["1"]`, or empty), which is written as a JSON string (`"5"`);
/// any other value as its JSON (`["1","2"]`, `5`).
pub fn unlisted_cell(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) if !s.is_empty() && serde_json::from_str::<Value>(s).is_err() => {
            Cow::Borrowed(s)
        }
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.to_string()),
    }
}

/// The value of a cell [`unlisted_cell`] wrote: its JSON when it reads as JSON, else its text.
pub fn unlisted_value(cell: &str) -> Value {
    serde_json::from_str(cell).unwrap_or_else(|_| Value::String(cell.to_string()))
}
