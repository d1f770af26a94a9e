//! A custom field's cell made into the value `customize_field` holds: a choice field's labels
//! become their option ids (a label that several options share names none), a number field's
//! text a number, any other field's text stays text.

use super::names::FieldDef;
use super::row::shown;
use serde_json::Value;

/// A custom field's cell as `customers query -o csv` writes it, made into the API's value: a
/// choice field's labels (`;` between several) become their option ids, a number field's text a
/// number, any other field's text stays text.
pub fn custom_cell(field: &FieldDef, cell: &str) -> Result<Value, String> {
    match field.field_type {
        3 | 4 => {
            let labels = || {
                let labels: Vec<&str> = field.options.iter().map(|(_, l)| l.as_str()).collect();
                labels.join(", ")
            };
            // A label that several options have names none of them.
            let option = |text: &str| -> Result<Option<Value>, String> {
                let text = text.trim();
                let exact: Vec<&(String, String)> =
                    field.options.iter().filter(|(_, l)| l == text).collect();
                let found = match exact.is_empty() {
                    true => field
                        .options
                        .iter()
                        .filter(|(_, l)| l.trim().eq_ignore_ascii_case(text))
                        .collect(),
                    false => exact,
                };
                match found[..] {
                    [(id, _)] => Ok(Some(Value::String(id.clone()))),
                    [] => Ok(field
                        .options
                        .iter()
                        .find(|(id, _)| id == text)
                        .map(|(id, _)| Value::String(id.clone()))),
                    _ => {
                        let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
                        Err(format!(
                            "{} is the label of several options (ids {}): write the id",
                            shown(text),
                            ids.join(", ")
                        ))
                    }
                }
            };
            // A label may hold the `;` that separates labels: the whole cell first.
            let ids: Vec<Value> = match option(cell)? {
                Some(id) => vec![id],
                None => {
                    let parts: Vec<&str> =
                        cell.split(';').filter(|p| !p.trim().is_empty()).collect();
                    let mut ids = Vec::with_capacity(parts.len());
                    for part in &parts {
                        match option(part)? {
                            Some(id) => ids.push(id),
                            None if parts.len() > 1 && field.field_type == 4 => {
                                return Err(format!(
                                    "{} (in {}) is not one of its options ({})",
                                    shown(part.trim()),
                                    shown(cell),
                                    labels()
                                ))
                            }
                            None => {
                                return Err(format!(
                                    "{} is not one of its options ({})",
                                    shown(cell),
                                    labels()
                                ))
                            }
                        }
                    }
                    ids
                }
            };
            if field.field_type == 3 && ids.len() > 1 {
                return Err(format!(
                    "{} is several options; a single-choice field takes one option",
                    shown(cell)
                ));
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
