//! What to print and how, checked from the output flags before any request is sent.

use super::fit::Priority;
use super::names::{by_label, once_each};
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
    /// `--bom`: a CSV starts with the UTF-8 byte order mark.
    pub bom: bool,
    /// Whether `csv` and piped `table` start with a header row (not when resuming an export).
    pub header: bool,
    /// How custom-field columns are headed.
    pub labels: Labels,
    /// Names `--columns` gave that are neither a documented field nor a custom field's key:
    /// custom fields' labels, to find in the field list (a `Custom` column by that name until
    /// then).
    pub by_label: Vec<String>,
    /// What the items are called ("customers"), for "no customers match".
    pub noun: &'static str,
    /// The order in which the columns of a terminal table claim its width (with the default
    /// columns; those the user picked all stay, and so do all with `-o wide`).
    pub priority: Priority,
}

/// The items a command prints: which columns it shows by default and which exist.
pub struct Catalog {
    pub table: &'static [&'static str],
    pub all: &'static [&'static str],
    /// Whether `customize_*` names are columns (custom fields of customers).
    pub custom_fields: bool,
    pub noun: &'static str,
    /// The default table columns from the most to the least important on a narrow terminal.
    pub importance: fn(Labels) -> Vec<&'static str>,
    /// How many of them stay however narrow it is.
    pub keep: usize,
}

impl Catalog {
    pub const CUSTOMERS: Catalog = Catalog {
        table: customer::TABLE_COLUMNS,
        all: customer::FIELDS,
        custom_fields: true,
        noun: "customers",
        importance: customer::customer_importance,
        keep: 2,
    };

    pub const FIELDS: Catalog = Catalog {
        table: customer::FIELD_TABLE_COLUMNS,
        all: customer::FIELD_KEYS,
        custom_fields: false,
        noun: "fields",
        importance: customer::field_importance,
        keep: 1,
    };

    fn is_custom(&self, name: &str) -> bool {
        self.custom_fields && name.starts_with("customize_") && name != "customize_field"
    }

    /// A name as `--columns` takes it: spaces around it and the case of a known field do not
    /// matter (`whatsapp_phone`, `FULL_NAME` as a table's header shows it). Any other name may
    /// be a custom field's label, looked up in the field list later (`None`), unless it is so
    /// close to a documented field's name that it is taken for a typo of it.
    fn column(&self, name: &str) -> Result<Option<String>, Error> {
        let name = name.trim();
        if let Some(known) = self.all.iter().find(|k| k.eq_ignore_ascii_case(name)) {
            return Ok(Some(known.to_string()));
        }
        if self.is_custom(name) {
            return Ok(Some(name.to_string()));
        }
        let near = crate::error::near(name, self.all.iter().copied());
        if self.custom_fields && near.is_none() && !name.is_empty() {
            return Ok(None);
        }
        let near = near.map(|k| format!(" (did you mean {k}?)"));
        let custom = match self.custom_fields {
            true => ", or a custom field by its key (customize_...) or its label; a label this close to a documented field's name is taken for a typo: name that field by its key (`nxcdp customers fields` lists them)",
            false => "",
        };
        Err(Error::Usage(format!(
            "--columns: unknown column {name:?}{}; valid columns: {}{custom}",
            near.unwrap_or_default(),
            self.all.join(", ")
        )))
    }
}

impl Spec {
    /// Refuses what a stream cannot take: a workbook or a Parquet file on a terminal, or
    /// appended to a file that already holds bytes (`>>`), where it would be unreadable.
    pub fn check_stream(&self, terminal: crate::output::Terminal) -> Result<(), Error> {
        let (name, what) = match self.format {
            Format::Xlsx => ("xlsx", "a binary workbook"),
            Format::Parquet => ("parquet", "a binary Parquet file"),
            _ => return Ok(()),
        };
        let why = match (terminal.is_tty, terminal.appending) {
            (true, _) => "is not for a terminal",
            (_, true) => "cannot be appended to a file that holds bytes (>>)",
            _ => return Ok(()),
        };
        Err(Error::Usage(format!(
            "-o {name} writes {what}, which {why}: redirect it to a new file (> customers.{name}), or use customers export --file customers.{name}"
        )))
    }

    /// Checks the output flags against each other and the catalog's columns.
    pub fn from_args(args: &OutputArgs, catalog: &Catalog) -> Result<Spec, Error> {
        let shape = &args.shape;
        let jq = match args.jq.as_deref() {
            Some(expr) => Some(Jq::compile(expr).map_err(|e| Error::Usage(format!("--jq: {e}")))?),
            None => None,
        };
        let format = match (args.output, &jq) {
            (Some(f), Some(_)) if !matches!(f, Format::Json | Format::Jsonl) => {
                return Err(Error::Usage("--jq works with -o json or -o jsonl".into()))
            }
            (Some(format), _) => format,
            (None, Some(_)) => Format::Jsonl,
            (None, None) => Format::Table,
        };
        if shape.csv_safe && format == Format::Xlsx {
            return Err(Error::Usage(
                "--csv-safe works with -o csv; -o xlsx writes every text as a text cell, never a formula, so it needs none".into(),
            ));
        }
        if format == Format::Parquet && !catalog.custom_fields {
            return Err(Error::Usage(format!(
                "-o parquet writes customers; {} print as table, wide, csv, xlsx, json or jsonl",
                catalog.noun
            )));
        }
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
        let mut by_label = Vec::new();
        let mut picked = Vec::new();
        for name in &shape.columns {
            // The tags a customer ever had: a column of parquet's alone (issue 28, item 7).
            let his_tags = name.trim().eq_ignore_ascii_case("his_tags");
            if his_tags && format == Format::Parquet && catalog.custom_fields {
                picked.push("his_tags".to_string());
                continue;
            }
            picked.push(match catalog.column(name)? {
                Some(known) => known,
                None => {
                    by_label.push(name.trim().to_string());
                    name.trim().to_string()
                }
            });
        }
        once_each(picked.iter().map(String::as_str))?;
        if shape.bom && format != Format::Csv {
            return Err(Error::Usage(format!(
                "--bom works with CSV output (-o csv); this output is {}",
                format.name()
            )));
        }
        let names: Vec<&str> = match (picked.is_empty(), format) {
            (false, _) => picked.iter().map(String::as_str).collect(),
            (true, Format::Table | Format::Wide) => catalog.table.to_vec(),
            (true, _) => catalog.all.to_vec(),
        };
        let columns: Vec<Column> = names
            .into_iter()
            .map(
                |name| match catalog.is_custom(name) || by_label.iter().any(|l| l == name) {
                    true => Column::Custom(CustomField {
                        label: name.to_string(),
                        name: name.to_string(),
                        options: Vec::new(),
                        unlisted: false,
                        field_type: None,
                    }),
                    false => Column::Field(name.to_string()),
                },
            )
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
            bom: shape.bom,
            header: true,
            labels,
            by_label,
            noun: catalog.noun,
            priority: match picked.is_empty() && format == Format::Table {
                true => Priority {
                    order: (catalog.importance)(labels),
                    keep: catalog.keep,
                },
                false => Priority::all(),
            },
        })
    }

    /// Whether the tenant's field list is needed: to find the custom fields `--columns` names
    /// by label; unless `raw` (`--raw-custom-fields`), to label custom fields in table and CSV
    /// cells, and to check the custom fields `--columns` names by key, in every format.
    pub fn wants_field_list(&self, raw: bool) -> bool {
        let labelled = matches!(
            self.format,
            Format::Table | Format::Wide | Format::Csv | Format::Xlsx | Format::Parquet
        ) && self
            .columns
            .contains(&Column::Field("customize_field".into()));
        let custom = self.columns.iter().any(|c| matches!(c, Column::Custom(_)));
        !self.by_label.is_empty() || (!raw && (labelled || custom))
    }

    /// The columns `--columns` named by a custom field's label become that field's, in `keys`
    /// too. `known` is `None` when the field list could not be fetched: then they are unknown.
    fn find_labels(&mut self, known: Option<&[CustomField]>) -> Result<(), Error> {
        for label in std::mem::take(&mut self.by_label) {
            let Some(known) = known else {
                return Err(Error::Usage(format!(
                    "--columns: {label:?} is not a documented field, and the field list that may name it a custom field's label could not be fetched"
                )));
            };
            let field = by_label(&label, known)?;
            let keys = self.keys.iter_mut().flatten();
            for column in self.columns.iter_mut().chain(keys) {
                if matches!(column, Column::Custom(f) if f.name == label) {
                    *column = Column::Custom(field.clone());
                }
            }
        }
        once_each(self.columns.iter().map(Column::name))
    }

    /// Replaces `customize_field` with one column per known custom field and the
    /// `other_custom_fields` column, and labels the `customize_*` columns. `known` is `None` when
    /// the field list could not be fetched: custom fields are then headed by their keys. A
    /// `customize_*` column that a fetched field list does not name is a usage error.
    pub fn label_custom_fields(
        &mut self,
        known: Option<&[CustomField]>,
        raw: bool,
    ) -> Result<(), Error> {
        self.find_labels(known)?;
        if raw {
            return Ok(());
        }
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
#[path = "spec_tests.rs"]
mod tests;
