//! The columns of `-o parquet`: the value each holds, its name and its Parquet type. The schema
//! is fixed before the first row (by the output's columns and the field list) and documented in
//! the README ("-o parquet"): a change there is a change of what users' queries read.

use crate::customer::CustomField;
use crate::output::Column;
use anyhow::Result;
use parquet::basic::{LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::schema::types::{Type, TypePtr};
use std::sync::Arc;

/// The column of what no typed column holds, as a JSON object.
pub const OTHER_FIELDS: &str = "other_fields";

/// How a column's values are stored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    /// INT64: ids, `tenant_id`, `weight`.
    Int64,
    /// INT32: the codes `source_type`, `gender`, `status`.
    Int32,
    /// DOUBLE: a custom number field.
    Double,
    /// A UTF-8 string.
    Text,
    /// JSON text in a UTF-8 string.
    Json,
    /// A timestamp in milliseconds, not adjusted to UTC: the wall clock the API wrote.
    Timestamp,
    /// A date: days since 1970-01-01.
    Date,
    /// LIST<STRING>: a multiple choice, by its labels.
    Texts,
    /// LIST<STRUCT<id INT64, name STRING>>: tags.
    Tags,
}

/// Where a column's value comes from.
#[derive(Clone, Debug)]
pub(super) enum Source {
    /// A top-level key of the customer.
    Field(String),
    /// The name of the customer's `source_type`, as `--source-type` takes it.
    NameOfSourceType,
    /// A key inside `customize_field`, typed by its `field_type`.
    Custom(CustomField),
    /// [`OTHER_FIELDS`].
    Other,
}

#[derive(Clone, Debug)]
pub(super) struct Col {
    pub name: String,
    pub source: Source,
    pub kind: Kind,
}

fn field_kind(name: &str) -> Kind {
    match name {
        "id" | "tenant_id" | "weight" => Kind::Int64,
        "source_type" | "gender" | "status" => Kind::Int32,
        "created_at" | "updated_at" => Kind::Timestamp,
        "birthday" => Kind::Date,
        "tags" | "his_tags" => Kind::Tags,
        _ => Kind::Text,
    }
}

/// A custom field's column type by its `field_type` (API.md section 2); one nxcdp does not
/// know (or a key the field list does not name) is JSON text.
fn custom_kind(field: &CustomField) -> Kind {
    match field.field_type {
        // Text, and a single choice by its label.
        Some(1 | 3) => Kind::Text,
        Some(2) => Kind::Double,
        // A multiple choice by its labels; tags.
        Some(4 | 7) => Kind::Texts,
        Some(5) => Kind::Date,
        Some(6) => Kind::Timestamp,
        _ => Kind::Json,
    }
}

/// The Parquet columns of an output's `columns` (as `Spec::label_custom_fields` left them):
/// `source` beside `source_type`; `his_tags` after `tags` unless `picked` (`--columns`); a
/// custom field named by its label; `other_fields` last. Names are unique whatever their case
/// (DuckDB's are not case-sensitive): a label that a documented column has (in a file of all of
/// them, whether picked or not) or that a custom field before it has is followed by its key,
/// `Email (customize_1_2)`; should that be taken too, by a number, `Email (customize_1_2) 2`.
pub(super) fn columns(columns: &[Column], picked: bool) -> Vec<Col> {
    let mut cols = Vec::new();
    let field = |name: &str| Col {
        name: name.to_string(),
        source: Source::Field(name.to_string()),
        kind: field_kind(name),
    };
    for column in columns {
        match column {
            Column::Field(name) => {
                cols.push(field(name));
                match name.as_str() {
                    "source_type" => cols.push(Col {
                        name: "source".into(),
                        source: Source::NameOfSourceType,
                        kind: Kind::Text,
                    }),
                    "tags" if !picked => cols.push(field("his_tags")),
                    _ => {}
                }
            }
            Column::Custom(f) => cols.push(Col {
                name: f.label.clone(),
                source: Source::Custom(f.clone()),
                kind: custom_kind(f),
            }),
            // Its keys are in other_fields.
            Column::OtherCustom => {}
        }
    }
    cols.push(Col {
        name: OTHER_FIELDS.into(),
        source: Source::Other,
        kind: Kind::Json,
    });
    // Every name a documented column has in a file of all of them, picked or not: a custom
    // field's column is named the same whatever `--columns` chose (issue 28, item 7).
    let documented = crate::customer::FIELDS.iter().copied();
    let mut taken: Vec<String> = documented
        .chain(["source", "his_tags", OTHER_FIELDS])
        .map(str::to_lowercase)
        .collect();
    for col in &mut cols {
        let Source::Custom(f) = &col.source else {
            continue;
        };
        let mut name = col.name.clone();
        let mut n = 1;
        while taken.contains(&name.to_lowercase()) {
            name = match n {
                1 => format!("{} ({})", col.name, f.name),
                n => format!("{} ({}) {n}", col.name, f.name),
            };
            n += 1;
        }
        taken.push(name.to_lowercase());
        col.name = name;
    }
    cols
}

fn leaf(name: &str, physical: Physical, logical: Option<LogicalType>) -> Result<TypePtr> {
    let leaf = Type::primitive_type_builder(name, physical)
        .with_repetition(Repetition::OPTIONAL)
        .with_logical_type(logical)
        .build()?;
    Ok(Arc::new(leaf))
}

/// The three levels of a Parquet LIST (`name` LIST { repeated `list` { `element` } }).
fn list(name: &str, element: TypePtr) -> Result<TypePtr> {
    let repeated = Type::group_type_builder("list")
        .with_repetition(Repetition::REPEATED)
        .with_fields(vec![element])
        .build()?;
    let list = Type::group_type_builder(name)
        .with_repetition(Repetition::OPTIONAL)
        .with_logical_type(Some(LogicalType::List))
        .with_fields(vec![Arc::new(repeated)])
        .build()?;
    Ok(Arc::new(list))
}

fn column_type(col: &Col) -> Result<TypePtr> {
    let name = col.name.as_str();
    match col.kind {
        Kind::Int64 => leaf(name, Physical::INT64, None),
        Kind::Int32 => leaf(name, Physical::INT32, None),
        Kind::Double => leaf(name, Physical::DOUBLE, None),
        Kind::Text | Kind::Json => leaf(name, Physical::BYTE_ARRAY, Some(LogicalType::String)),
        Kind::Timestamp => leaf(
            name,
            Physical::INT64,
            Some(LogicalType::timestamp(false, TimeUnit::MILLIS)),
        ),
        Kind::Date => leaf(name, Physical::INT32, Some(LogicalType::Date)),
        Kind::Texts => list(
            name,
            leaf("element", Physical::BYTE_ARRAY, Some(LogicalType::String))?,
        ),
        Kind::Tags => {
            let element = Type::group_type_builder("element")
                .with_repetition(Repetition::OPTIONAL)
                .with_fields(vec![
                    leaf("id", Physical::INT64, None)?,
                    leaf("name", Physical::BYTE_ARRAY, Some(LogicalType::String))?,
                ])
                .build()?;
            list(name, Arc::new(element))
        }
    }
}

/// The file's schema: every column optional (a value the API did not send is null).
pub(super) fn schema(cols: &[Col]) -> Result<TypePtr> {
    let fields = cols.iter().map(column_type).collect::<Result<Vec<_>>>()?;
    let root = Type::group_type_builder("customer")
        .with_fields(fields)
        .build()?;
    Ok(Arc::new(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_output_and_names_are_unique() {
        let custom = |name: &str, label: &str, field_type| {
            Column::Custom(CustomField {
                name: name.into(),
                label: label.into(),
                options: vec![],
                unlisted: false,
                field_type,
            })
        };
        let output = [
            Column::Field("id".into()),
            Column::Field("source_type".into()),
            Column::Field("tags".into()),
            custom("customize_1", "Source", Some(1)),
            custom("customize_2", "Plan", Some(3)),
            custom("customize_3", "plan", Some(4)),
            custom("customize_4", "Renewal", None),
            Column::OtherCustom,
        ];
        let cols = columns(&output, false);
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "source_type",
                "source",
                "tags",
                "his_tags",
                "Source (customize_1)",
                "Plan",
                "plan (customize_3)",
                "Renewal",
                "other_fields"
            ]
        );
        let kinds: Vec<Kind> = cols.iter().map(|c| c.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [Int64, Int32, Text, Tags, Tags, Text, Text, Texts, Json, Json]
        );
        let picked = columns_of(&output[..3]);
        assert_eq!(
            picked,
            ["id", "source_type", "source", "tags", "other_fields"]
        );
        schema(&cols).unwrap();
        // Issue 28, item 7: the same name whatever `--columns` picked; a third of one name.
        let email = custom("customize_1_2", "EMAIL", Some(1));
        assert_eq!(
            columns_of(std::slice::from_ref(&email)),
            ["EMAIL (customize_1_2)", "other_fields"]
        );
        let third = custom("customize_1_3", "Email (customize_1_2)", Some(1));
        assert_eq!(
            columns_of(&[Column::Field("email".into()), email, third]),
            [
                "email",
                "EMAIL (customize_1_2)",
                "Email (customize_1_2) (customize_1_3)",
                "other_fields"
            ]
        );
        let first = custom("customize_1_3", "Email (customize_1_2)", Some(1));
        let second = custom("customize_1_2", "email", Some(1));
        assert_eq!(
            columns_of(&[first, second]),
            [
                "Email (customize_1_2)",
                "email (customize_1_2) 2",
                "other_fields"
            ]
        );
    }

    fn columns_of(picked: &[Column]) -> Vec<String> {
        columns(picked, true).into_iter().map(|c| c.name).collect()
    }
}
