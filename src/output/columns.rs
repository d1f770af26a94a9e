//! The column model of `table` and `csv`: which cells a row has and how each is cut from an item.

use crate::customer::{self, CustomField, Fields};
use crate::error::escape_control;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A column of `table` or `csv`.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// A top-level key of the item.
    Field(String),
    /// A key inside a customer's `customize_field`, the JSON object the API sends as a string.
    Custom(CustomField),
}

impl Column {
    pub fn header(&self, terminal: bool) -> String {
        match self {
            Column::Field(name) if terminal => customer::label(name),
            Column::Field(name) => name.clone(),
            Column::Custom(f) => f.label.clone(),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Column::Field(name) => name,
            Column::Custom(f) => &f.name,
        }
    }
}

/// A custom field's cell: its value in the customer's `customize_field`, choice ids as labels.
fn custom_cell(field: &CustomField, values: Option<&Map<String, Value>>) -> String {
    let label = |id: &str| {
        let found = field.options.iter().find(|(option, _)| option == id);
        found.map_or(id.to_string(), |(_, label)| label.clone())
    };
    match values.and_then(|v| v.get(&field.name)) {
        None | Some(Value::Null) => String::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| label(&customer::value_text(v)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(v) => label(&customer::value_text(v)),
    }
}

/// One item's cells. `customize_field` is decoded once per item, only when a column needs it.
pub fn row(columns: &[Column], item: &Fields, readable: bool) -> Vec<String> {
    let custom: Option<Map<String, Value>> = columns
        .iter()
        .any(|c| matches!(c, Column::Custom(_)))
        .then(|| serde_json::from_str(&customer::text(item.get("customize_field")?)).ok())
        .flatten();
    columns
        .iter()
        .map(|c| {
            let cell = match c {
                Column::Field(name) => customer::cell(item, name, readable),
                Column::Custom(f) => Cow::Owned(custom_cell(f, custom.as_ref())),
            };
            // One allocation per cell: escaping only copies a cell that holds control characters.
            if readable {
                escape_control(&cell).into_owned()
            } else {
                cell.into_owned()
            }
        })
        .collect()
}
