//! The custom fields `--columns` names by label, found in the field list, and the rule that
//! names each column once.

use super::spec::Catalog;
use crate::customer::CustomField;
use crate::error::Error;

/// A column named twice is a usage error.
pub(super) fn once_each<'a>(names: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(Error::Usage(format!(
                "--columns: {name:?} is given twice; name each column once"
            )));
        }
    }
    Ok(())
}

/// The custom field whose key or label (any case) is `name`, as the field list has it.
pub(super) fn by_label<'a>(name: &str, known: &'a [CustomField]) -> Result<&'a CustomField, Error> {
    let lower = name.to_lowercase();
    let found: Vec<&CustomField> = known
        .iter()
        .filter(|f| f.label.to_lowercase() == lower || f.name.to_lowercase() == lower)
        .collect();
    match found[..] {
        [field] => Ok(field),
        [] => {
            let fields: Vec<String> = known
                .iter()
                .map(|f| format!("{} ({})", f.label, f.name))
                .collect();
            let near = known
                .iter()
                .find(|f| strsim::jaro_winkler(&f.label.to_lowercase(), &lower) > 0.85)
                .map(|f| format!(" (did you mean {}?)", f.label))
                .unwrap_or_default();
            Err(Error::Usage(format!(
                "--columns: unknown column {name:?}{near}: neither a documented field nor a custom field's key or label; valid columns: {}, and the tenant's custom fields by label or key: {}\nhint: `nxcdp customers fields` lists the fields",
                Catalog::CUSTOMERS.all.join(", "),
                match fields.is_empty() {
                    true => "none".to_string(),
                    false => fields.join(", "),
                }
            )))
        }
        _ => {
            let keys: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
            Err(Error::Usage(format!(
                "--columns: {name:?} is the label of several custom fields ({}); name the one you mean by its key",
                keys.join(", ")
            )))
        }
    }
}
