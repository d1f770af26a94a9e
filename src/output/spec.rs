//! What to print and how, checked from the output flags before any request is sent.

use super::Column;
use crate::cli::{Format, OutputArgs};
use crate::customer::{self, CustomField, Labels};
use crate::error::Error;
use crate::jq::Jq;

/// What to print and how: chosen from the flags before any request is sent.
pub struct Spec {
    pub format: Format,
    /// The columns of `table` and `csv`.
    pub columns: Vec<Column>,
    /// The keys `json`/`jsonl` keep, in this order (`--columns`); all when `None`. A `Custom`
    /// key is taken from inside `customize_field`.
    pub keys: Option<Vec<Column>>,
    pub ids_as_strings: bool,
    pub jq: Option<Jq>,
    /// `--csv-safe`: cells a spreadsheet would run as a formula are neutralized.
    pub csv_safe: bool,
    /// Whether `csv` and piped `table` start with a header row (not when resuming an export).
    pub header: bool,
    /// How custom-field columns are headed.
    pub labels: Labels,
    /// What the items are called ("customers"), for "no customers match".
    pub noun: &'static str,
    /// With the default columns of a terminal table: the order in which they make way on a
    /// narrow terminal. Columns the user picked all stay.
    pub drop_order: Option<Vec<&'static str>>,
}

/// The items a command prints: which columns it shows by default and which exist.
pub struct Catalog {
    pub table: &'static [&'static str],
    pub all: &'static [&'static str],
    /// Whether `customize_*` names are columns (custom fields of customers).
    pub custom_fields: bool,
    pub noun: &'static str,
    /// The default table columns that make way first on a narrow terminal.
    pub drop_order: fn(Labels) -> Vec<&'static str>,
}

impl Catalog {
    pub const CUSTOMERS: Catalog = Catalog {
        table: customer::TABLE_COLUMNS,
        all: customer::FIELDS,
        custom_fields: true,
        noun: "customers",
        drop_order: customer::customer_drop_order,
    };

    pub const FIELDS: Catalog = Catalog {
        table: customer::FIELD_TABLE_COLUMNS,
        all: customer::FIELD_KEYS,
        custom_fields: false,
        noun: "fields",
        drop_order: customer::field_drop_order,
    };

    fn is_custom(&self, name: &str) -> bool {
        self.custom_fields && name.starts_with("customize_") && name != "customize_field"
    }

    /// A name as `--columns` takes it: spaces around it and the case of a known field do not
    /// matter (`whatsapp_phone`, `FULL_NAME` as a table's header shows it).
    fn column(&self, name: &str) -> Result<String, Error> {
        let name = name.trim();
        if let Some(known) = self.all.iter().find(|k| k.eq_ignore_ascii_case(name)) {
            return Ok(known.to_string());
        }
        if self.is_custom(name) {
            return Ok(name.to_string());
        }
        let near = crate::error::near(name, self.all.iter().copied())
            .map(|k| format!(" (did you mean {k}?)"))
            .unwrap_or_default();
        let custom = match self.custom_fields {
            true => ", or a custom field (customize_...; `nxcdp customers fields` lists them)",
            false => "",
        };
        Err(Error::Usage(format!(
            "--columns: unknown column {name:?}{near}; valid columns: {}{custom}",
            self.all.join(", ")
        )))
    }
}

impl Spec {
    /// Checks the output flags against each other and the catalog's columns.
    pub fn from_args(args: &OutputArgs, catalog: &Catalog) -> Result<Spec, Error> {
        let shape = &args.shape;
        let jq = match args.jq.as_deref() {
            Some(expr) => Some(Jq::compile(expr).map_err(|e| Error::Usage(format!("--jq: {e}")))?),
            None => None,
        };
        let format = match (args.output, &jq) {
            (Some(Format::Table | Format::Csv), Some(_)) => {
                return Err(Error::Usage("--jq works with -o json or -o jsonl".into()))
            }
            (Some(format), _) => format,
            (None, Some(_)) => Format::Jsonl,
            (None, None) => Format::Table,
        };
        if shape.csv_safe && format != Format::Csv {
            return Err(Error::Usage(format!(
                "--csv-safe works with CSV output (-o csv); this output is {}",
                format.name()
            )));
        }
        if shape.ids_as_strings && !matches!(format, Format::Json | Format::Jsonl) {
            return Err(Error::Usage(
                "--ids-as-strings works with -o json or -o jsonl".into(),
            ));
        }
        let picked = shape
            .columns
            .iter()
            .map(|name| catalog.column(name))
            .collect::<Result<Vec<String>, Error>>()?;
        for (i, name) in picked.iter().enumerate() {
            if picked[..i].contains(name) {
                return Err(Error::Usage(format!(
                    "--columns: {name:?} is given twice; name each column once"
                )));
            }
        }
        let names: Vec<&str> = match (picked.is_empty(), format) {
            (false, _) => picked.iter().map(String::as_str).collect(),
            (true, Format::Table) => catalog.table.to_vec(),
            (true, _) => catalog.all.to_vec(),
        };
        let columns: Vec<Column> = names
            .into_iter()
            .map(|name| match catalog.is_custom(name) {
                true => Column::Custom(CustomField {
                    label: name.to_string(),
                    name: name.to_string(),
                    options: Vec::new(),
                    unlisted: false,
                }),
                false => Column::Field(name.to_string()),
            })
            .collect();
        let keys = (!picked.is_empty()).then(|| columns.clone());
        let labels = shape.field_labels.unwrap_or_else(Labels::from_locale);
        Ok(Spec {
            format,
            columns,
            keys,
            ids_as_strings: shape.ids_as_strings,
            jq,
            csv_safe: shape.csv_safe,
            header: true,
            labels,
            noun: catalog.noun,
            drop_order: picked.is_empty().then(|| (catalog.drop_order)(labels)),
        })
    }

    /// Whether the tenant's field list is needed: to label custom fields in table and CSV
    /// cells, and to check the custom fields `--columns` names, in every format.
    pub fn wants_field_list(&self) -> bool {
        let labelled = matches!(self.format, Format::Table | Format::Csv)
            && self
                .columns
                .contains(&Column::Field("customize_field".into()));
        labelled || self.columns.iter().any(|c| matches!(c, Column::Custom(_)))
    }

    /// Replaces `customize_field` with one column per known custom field and the
    /// `other_custom_fields` column, and labels the `customize_*` columns. `known` is `None` when
    /// the field list could not be fetched: custom fields are then headed by their keys. A
    /// `customize_*` column that a fetched field list does not name is a usage error.
    pub fn label_custom_fields(&mut self, known: Option<&[CustomField]>) -> Result<(), Error> {
        let fetched = known.is_some();
        let known = known.unwrap_or_default();
        if let Some(Column::Custom(f)) = self.columns.iter().find(|c| match c {
            Column::Custom(f) => fetched && !known.iter().any(|k| k.name == f.name),
            _ => false,
        }) {
            let names: Vec<&str> = known.iter().map(|k| k.name.as_str()).collect();
            return Err(Error::Usage(format!(
                "--columns: the tenant has no custom field {:?}; its custom fields are {}",
                f.name,
                if names.is_empty() {
                    "none".into()
                } else {
                    names.join(", ")
                }
            )));
        }
        self.columns = std::mem::take(&mut self.columns)
            .into_iter()
            .flat_map(|c| match c {
                Column::Field(name) if name == "customize_field" => known
                    .iter()
                    .cloned()
                    .map(Column::Custom)
                    .chain([Column::OtherCustom])
                    .collect(),
                Column::Custom(f) => vec![Column::Custom(
                    known
                        .iter()
                        .find(|k| k.name == f.name)
                        .cloned()
                        .unwrap_or(f),
                )],
                other => vec![other],
            })
            .collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Shape;

    fn spec(output: Option<Format>, jq: Option<&str>, shape: Shape) -> Result<Spec, Error> {
        let args = OutputArgs {
            output,
            jq: jq.map(str::to_string),
            shape,
        };
        Spec::from_args(&args, &Catalog::CUSTOMERS)
    }

    fn columns(names: &[&str]) -> Shape {
        Shape {
            columns: names.iter().map(|s| s.to_string()).collect(),
            ..Shape::default()
        }
    }

    #[test]
    fn formats_default_by_jq_and_refuse_what_cannot_apply() {
        assert_eq!(
            spec(None, None, Shape::default()).unwrap().format,
            Format::Table
        );
        assert_eq!(
            spec(None, Some(".id"), Shape::default()).unwrap().format,
            Format::Jsonl
        );
        assert!(spec(Some(Format::Csv), Some(".id"), Shape::default()).is_err());
        let safe = Shape {
            csv_safe: true,
            ..Shape::default()
        };
        assert!(spec(Some(Format::Json), None, safe.clone()).is_err());
        assert!(spec(Some(Format::Csv), None, safe).unwrap().csv_safe);
        let strings = Shape {
            ids_as_strings: true,
            ..Shape::default()
        };
        assert!(spec(Some(Format::Table), None, strings).is_err());
    }

    #[test]
    fn columns_are_checked_and_custom_fields_recognized() {
        let err = spec(None, None, columns(&["id", "nope"])).err().unwrap();
        assert!(err.to_string().contains("unknown column \"nope\""), "{err}");
        let s = spec(Some(Format::Csv), None, columns(&["id", "customize_4_52"])).unwrap();
        assert_eq!(s.columns[0], Column::Field("id".into()));
        assert!(matches!(&s.columns[1], Column::Custom(f) if f.name == "customize_4_52"));
        assert_eq!(s.keys.as_deref().map(<[Column]>::len), Some(2));
        let err = spec(None, None, columns(&["id", "email", "id"]))
            .err()
            .unwrap();
        assert!(err.to_string().contains("\"id\" is given twice"), "{err}");
        let table = spec(None, None, Shape::default()).unwrap();
        assert_eq!(table.columns.len(), customer::TABLE_COLUMNS.len());
        assert!(table.keys.is_none());
    }

    #[test]
    fn custom_fields_are_expanded_and_labelled() {
        let mut s = spec(
            Some(Format::Csv),
            None,
            columns(&["customize_field", "customize_9"]),
        )
        .unwrap();
        assert!(s.wants_field_list());
        let field = |name: &str, label: &str| CustomField {
            name: name.into(),
            label: label.into(),
            options: vec![],
            unlisted: false,
        };
        let known = [
            field("customize_1", "Company"),
            field("customize_9", "Plan"),
        ];
        s.label_custom_fields(Some(&known)).unwrap();
        let labels: Vec<String> = s.columns.iter().map(|c| c.header(false)).collect();
        assert_eq!(labels, ["Company", "Plan", "other_custom_fields", "Plan"]);
        let json = spec(Some(Format::Json), None, columns(&["customize_field"])).unwrap();
        assert!(!json.wants_field_list());
    }
}
