//! `json` and `jsonl`.

use super::columns::Column;
use super::Formatter;
use anyhow::Result;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::Write;

/// Keys holding 64-bit ids, written as strings by `--ids-as-strings`.
const ID_KEYS: &[&str] = &["id", "customer_id", "tenant_id", "user_id", "tenantId"];

fn ids_to_strings(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if ID_KEYS.contains(&key.as_str()) && v.is_number() {
                    *v = Value::String(v.to_string());
                } else {
                    ids_to_strings(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(ids_to_strings),
        _ => {}
    }
}

/// The keys `--columns` names, in its order; a custom field's value comes from inside
/// `customize_field`, the JSON object the API sends as a string. Missing keys are `null`.
fn pick(item: &mut Map<String, Value>, keys: &[Column]) -> Map<String, Value> {
    let mut custom: Option<Map<String, Value>> = None;
    if keys.iter().any(|k| matches!(k, Column::Custom(_))) {
        custom = match item.get("customize_field") {
            Some(Value::String(text)) => serde_json::from_str(text).ok(),
            Some(Value::Object(map)) => Some(map.clone()),
            _ => None,
        };
    }
    keys.iter()
        .map(|k| {
            let value = match k {
                Column::Custom(f) => custom.as_mut().and_then(|c| c.remove(&f.name)),
                other => item.remove(other.name()),
            };
            (k.name().to_string(), value.unwrap_or(Value::Null))
        })
        .collect()
}

/// Writes one JSON value on one line: the bytes as the API sent them, with any line breaks
/// between tokens removed (JSON strings cannot hold raw line breaks, so none is lost).
fn write_compact(out: &mut impl Write, json: &str) -> std::io::Result<()> {
    // A vector search of the bytes: a search for either char decodes every char, and a sixth
    // of a walk's time to JSON lines went there.
    if memchr::memchr2(b'\n', b'\r', json.as_bytes()).is_none() {
        return out.write_all(json.as_bytes());
    }
    let mut strings = crate::wire::JsonStrings::default();
    let compact: Vec<u8> = json
        .bytes()
        .filter(|&b| strings.step(b) || !b.is_ascii_whitespace())
        .collect();
    out.write_all(&compact)
}

/// `json` and `jsonl`: the API's JSON unchanged unless `--columns`, `--ids-as-strings` or `--jq`
/// ask for a change.
pub struct Json<W> {
    pub out: W,
    pub array: bool,
    pub keys: Option<Vec<Column>>,
    pub ids_as_strings: bool,
    pub jq: Option<crate::jq::Jq>,
    pub count: u64,
    /// With `--jq` and `-o json`, the filter runs once on the whole array, as gh does.
    pub collected: Vec<String>,
    /// On a terminal, what a terminal would act on is written as JSON's `\uXXXX`.
    pub terminal: bool,
}

impl<W: Write> Json<W> {
    /// The item as compact JSON text after key selection and id conversion.
    fn transform<'r>(&self, raw: &'r RawValue) -> Result<Cow<'r, str>> {
        if self.keys.is_none() && !self.ids_as_strings {
            return Ok(Cow::Borrowed(raw.get()));
        }
        let mut value: Value = serde_json::from_str(raw.get()).map_err(|e| {
            crate::error::Error::Malformed(format!(
                "a customer is not JSON nxcdp can rework ({e}): {}",
                crate::error::excerpt(raw.get().as_bytes())
            ))
        })?;
        if let (Some(keys), Value::Object(item)) = (&self.keys, &mut value) {
            value = Value::Object(pick(item, keys));
        }
        if self.ids_as_strings {
            ids_to_strings(&mut value);
        }
        Ok(Cow::Owned(value.to_string()))
    }

    fn write_item(&mut self, json: &str) -> Result<()> {
        let json = match self.terminal {
            true => crate::error::json_for_terminal(json),
            false => Cow::Borrowed(json),
        };
        let json = json.as_ref();
        if self.array {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
            write_compact(&mut self.out, json)?;
        } else {
            write_compact(&mut self.out, json)?;
            self.out.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }
}

impl<W: Write> Formatter for Json<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        for raw in items {
            let json = self.transform(raw)?;
            match &self.jq {
                Some(_) if self.array => self.collected.push(json.into_owned()),
                Some(jq) => jq.run(json.as_bytes(), &mut self.out)?,
                None => self.write_item(&json)?,
            }
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        if let (Some(jq), true) = (&self.jq, self.array) {
            let array = format!("[{}]", self.collected.join(","));
            jq.run(array.as_bytes(), &mut self.out)?;
        } else if self.array {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(self.out.flush()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_keys_come_from_inside_customize_field() {
        let plan = Column::Custom(crate::customer::CustomField {
            name: "customize_3_17".into(),
            label: "Plan".into(),
            options: vec![],
            unlisted: false,
            field_type: None,
        });
        let keys = [
            Column::Field("id".into()),
            plan,
            Column::Field("nope".into()),
        ];
        let mut item: Map<String, Value> = serde_json::from_str(
            r#"{"id":1021110718827683840,"customize_field":"{\"customize_3_17\":[\"2\"]}"}"#,
        )
        .unwrap();
        assert_eq!(
            Value::Object(pick(&mut item, &keys)).to_string(),
            r#"{"id":1021110718827683840,"customize_3_17":["2"],"nope":null}"#
        );
    }

    #[test]
    fn compacting_keeps_strings_and_numbers_exact() {
        let pretty =
            "{\n  \"id\": 1021110718827683840,\n  \"name\": \"a \\\" b  c\",\n  \"x\": 1.50\n}";
        let mut out = Vec::new();
        write_compact(&mut out, pretty).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"id":1021110718827683840,"name":"a \" b  c","x":1.50}"#
        );
    }
}
