//! The column model of `table` and `csv`: which cells a row has and how each is cut from an item.
//!
//! When `customize_field` is expanded into one column per custom field, no value may be lost,
//! though a CSV header is written before later pages arrive: a key the field list does not name
//! gets its own column if the first page has it ([`Layout::settle`]); a key first seen later goes
//! into the last custom column, `other_custom_fields`, a JSON object. Either way, once per key,
//! a warning says so.

use crate::customer::{self, CustomField, Fields};
use crate::error::escape_control;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashSet;

/// The header of the column that holds custom-field keys no other column holds.
pub const OTHER_CUSTOM_FIELDS: &str = "other_custom_fields";

/// A column of `table` or `csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Column {
    /// A top-level key of the item.
    Field(String),
    /// A key inside a customer's `customize_field`, the JSON object the API sends as a string.
    Custom(CustomField),
    /// The keys of `customize_field` that no `Custom` column holds, as a JSON object; empty when
    /// there are none. Present whenever `customize_field` is expanded.
    OtherCustom,
}

impl Column {
    pub fn header(&self, terminal: bool) -> String {
        match self {
            // The names `--columns` takes, as kubectl's headers are.
            Column::Field(name) if terminal => name.to_uppercase(),
            Column::Field(name) => name.clone(),
            Column::Custom(f) => f.label.clone(),
            Column::OtherCustom => OTHER_CUSTOM_FIELDS.to_string(),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Column::Field(name) => name,
            Column::Custom(f) => &f.name,
            Column::OtherCustom => OTHER_CUSTOM_FIELDS,
        }
    }
}

/// A custom field's cell: its value in the customer's `customize_field`, choice ids as labels;
/// one the field list does not name, so that it reads back as it was.
fn custom_cell(field: &CustomField, values: Option<&Map<String, Value>>) -> String {
    let label = |id: &str| {
        let found = field.options.iter().find(|(option, _)| option == id);
        found.map_or(id.to_string(), |(_, label)| label.clone())
    };
    match values.and_then(|v| v.get(&field.name)) {
        None | Some(Value::Null) => String::new(),
        Some(v) if field.unlisted => customer::unlisted_cell(v).into_owned(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| label(&customer::value_text(v)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(v) => label(&customer::value_text(v)),
    }
}

/// A customer's `customize_field`, decoded from the JSON string the API sends.
pub fn custom_values(item: &Fields) -> Option<Map<String, Value>> {
    serde_json::from_str(&customer::text(item.get("customize_field")?)).ok()
}

/// The columns of a table or CSV, and the custom-field keys seen so far that none of them names.
pub struct Layout {
    pub columns: Vec<Column>,
    /// Whether the columns are final: after the first page, or resumed from an export's state.
    settled: bool,
    /// The keys `Custom` columns hold.
    held: HashSet<String>,
    /// Whether `customize_field` was expanded: `other_custom_fields` is a column.
    expanded: bool,
    /// Keys already warned about.
    warned: HashSet<String>,
    warnings: Vec<String>,
}

impl Layout {
    pub fn new(columns: Vec<Column>, settled: bool) -> Layout {
        let mut layout = Layout {
            columns,
            settled,
            held: HashSet::new(),
            expanded: false,
            warned: HashSet::new(),
            warnings: Vec::new(),
        };
        layout.index();
        layout
    }

    fn index(&mut self) {
        self.expanded = self.columns.contains(&Column::OtherCustom);
        self.held = self
            .columns
            .iter()
            .filter_map(|c| match c {
                Column::Custom(f) => Some(f.name.clone()),
                _ => None,
            })
            .collect();
    }

    /// Before the header, on the first page: each custom-field key of the page that no column
    /// holds gets a column headed by the key, just before `other_custom_fields`.
    pub fn settle(&mut self, items: &[Box<RawValue>]) {
        if std::mem::replace(&mut self.settled, true) || !self.expanded {
            return;
        }
        let mut found: Vec<String> = Vec::new();
        for raw in items {
            let values = super::parse(raw).ok().and_then(|f| custom_values(&f));
            for key in values
                .into_iter()
                .flat_map(|v| v.into_iter().map(|(k, _)| k))
            {
                if !self.held.contains(&key) && !found.contains(&key) {
                    found.push(key);
                }
            }
        }
        let at = self
            .columns
            .iter()
            .position(|c| *c == Column::OtherCustom)
            .expect("expanded layouts have other_custom_fields");
        for (i, key) in found.into_iter().enumerate() {
            self.warnings.push(format!(
                "custom field {key:?} is not in the tenant's field list; it gets a column headed {key:?}"
            ));
            self.warned.insert(key.clone());
            let field = CustomField {
                name: key.clone(),
                label: key,
                options: Vec::new(),
                unlisted: true,
                field_type: None,
            };
            self.columns.insert(at + i, Column::Custom(field));
        }
        self.index();
    }

    /// One item's cells. `customize_field` is decoded once per item, only when a column needs it.
    pub fn row(&mut self, item: &Fields, readable: bool) -> Vec<String> {
        let needs_custom = self
            .columns
            .iter()
            .any(|c| matches!(c, Column::Custom(_) | Column::OtherCustom));
        let custom = needs_custom.then(|| custom_values(item)).flatten();
        let other = match (self.expanded, &custom) {
            (false, _) => String::new(),
            (true, Some(_)) => self.other(custom.as_ref()),
            (true, None) => self.undecoded(item),
        };
        self.columns
            .iter()
            .map(|c| {
                let cell = match c {
                    Column::Field(name) => customer::cell(item, name, readable),
                    Column::Custom(f) => Cow::Owned(custom_cell(f, custom.as_ref())),
                    Column::OtherCustom => Cow::Borrowed(other.as_str()),
                };
                // One allocation per cell: escaping only copies a cell that holds control
                // characters.
                if readable {
                    escape_control(&cell).into_owned()
                } else {
                    cell.into_owned()
                }
            })
            .collect()
    }

    /// The `other_custom_fields` cell of a `customize_field` that is not a JSON object in a
    /// string: its text as sent, so that nothing is dropped. Warns once.
    fn undecoded(&mut self, item: &Fields) -> String {
        let text = item.get("customize_field").map(customer::text);
        let text = text.unwrap_or_default().into_owned();
        if !text.is_empty() && self.warned.insert(String::new()) {
            self.warnings.push(format!(
                "a customer's customize_field is not a JSON object; its text is in the {OTHER_CUSTOM_FIELDS} column"
            ));
        }
        text
    }

    /// The `other_custom_fields` cell: the keys no column holds, as a JSON object (empty when
    /// there are none). Warns once about each such key.
    fn other(&mut self, values: Option<&Map<String, Value>>) -> String {
        let mut other = Map::new();
        for (key, value) in values.into_iter().flatten() {
            if self.held.contains(key) {
                continue;
            }
            if self.warned.insert(key.clone()) {
                self.warnings.push(format!(
                    "custom field {key:?} is not in the tenant's field list and first came after the header was written; its values are in the {OTHER_CUSTOM_FIELDS} column"
                ));
            }
            other.insert(key.clone(), value.clone());
        }
        if other.is_empty() {
            return String::new();
        }
        Value::Object(other).to_string()
    }

    /// The warnings gathered since the last call, as lines for stderr.
    pub fn take_warnings(&mut self) -> Vec<String> {
        let warnings = std::mem::take(&mut self.warnings).into_iter();
        warnings.map(|w| format!("warning: {w}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_field_that_is_not_an_object_keeps_its_text() {
        let mut layout = Layout::new(vec![Column::Field("id".into()), Column::OtherCustom], true);
        for (customize, cell) in [
            (r#""not json""#, "not json"),
            (r#""[1,2]""#, "[1,2]"),
            (r#""{\"customize_9\":[\"1\"]}""#, r#"{"customize_9":["1"]}"#),
            ("null", ""),
        ] {
            let json = format!(r#"{{"id":7,"customize_field":{customize}}}"#);
            let item = Fields::parse(&json).unwrap();
            assert_eq!(layout.row(&item, false), ["7", cell], "{customize}");
        }
        assert_eq!(layout.take_warnings().len(), 2, "one warning of each kind");
    }
}
