//! Formatters: customers in, text out. They receive pages as the paginator delivers them and
//! write them at once, so memory does not grow with the number of customers.

use crate::cli::Format;
use crate::customer::{self, Fields};
use crate::error::escape_control;
use anyhow::{Context, Result};
use comfy_table::{presets, Attribute, Cell, ColumnConstraint, ContentArrangement, Table};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::Write;

pub trait Formatter {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()>;
    /// The last page came: close the output (a JSON array's `]`, a table still held).
    fn finish(&mut self) -> Result<()>;
    /// The walk failed: show what came, but add nothing that would make it look complete.
    fn abort(&mut self) -> Result<()> {
        Ok(())
    }
}

/// How stdout looks to us: a terminal gets a fitted table, colour unless `NO_COLOR` is set.
#[derive(Clone, Copy, Debug)]
pub struct Terminal {
    pub is_tty: bool,
    pub color: bool,
}

impl Terminal {
    pub fn stdout() -> Self {
        use std::io::IsTerminal;
        let is_tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Terminal {
            is_tty,
            color: is_tty && !no_color,
        }
    }
}

/// What to print and how: chosen from the flags before any request is sent.
pub struct Spec {
    pub format: Format,
    /// The columns of `table` and `csv`.
    pub columns: Vec<Column>,
    /// The keys `json`/`jsonl` keep, in this order (`--columns`); all when `None`.
    pub keys: Option<Vec<String>>,
    pub ids_as_strings: bool,
    pub jq: Option<crate::jq::Jq>,
    /// `--csv-safe`: cells a spreadsheet would run as a formula are neutralized.
    pub csv_safe: bool,
    /// Whether `csv` and piped `table` start with a header row (not when resuming an export).
    pub header: bool,
}

/// A column of `table` or `csv`.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// A top-level key of the item.
    Field(String),
    /// A key inside a customer's `customize_field`, the JSON object the API sends as a string.
    Custom(CustomField),
}

/// A custom field, labelled and with its choice ids mapped to labels when the field list is known.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomField {
    pub name: String,
    pub label: String,
    pub options: Vec<(String, String)>,
}

impl CustomField {
    /// Reads a custom field from the field list (API.md section 2); preset fields give `None`.
    pub fn from_api(json: &str) -> Option<CustomField> {
        let field: Map<String, Value> = serde_json::from_str(json).ok()?;
        if field.get("is_preset").and_then(Value::as_bool) != Some(false) {
            return None;
        }
        let name = field.get("name")?.as_str()?.to_string();
        let label = ["display_name", "display_en_name"]
            .iter()
            .find_map(|k| {
                field
                    .get(*k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            })
            .unwrap_or(&name)
            .to_string();
        // Choice fields carry their options as a JSON string: [{"id": "1", "name": "A"}, ...].
        let options = field
            .get("field_type_info")
            .and_then(Value::as_str)
            .and_then(|info| serde_json::from_str::<Vec<Map<String, Value>>>(info).ok())
            .unwrap_or_default()
            .iter()
            .filter_map(|o| {
                Some((
                    customer::value_text(o.get("id")?).into_owned(),
                    customer::value_text(o.get("name")?).into_owned(),
                ))
            })
            .collect();
        Some(CustomField {
            name,
            label,
            options,
        })
    }
}

impl Column {
    fn header(&self, terminal: bool) -> String {
        match self {
            Column::Field(name) if terminal => customer::label(name),
            Column::Field(name) => name.clone(),
            Column::Custom(f) => f.label.clone(),
        }
    }

    fn name(&self) -> &str {
        match self {
            Column::Field(name) => name,
            Column::Custom(f) => &f.name,
        }
    }
}

impl CustomField {
    fn cell(&self, values: Option<&Map<String, Value>>) -> String {
        let label = |id: &str| {
            let found = self.options.iter().find(|(option, _)| option == id);
            found.map_or(id.to_string(), |(_, label)| label.clone())
        };
        match values.and_then(|v| v.get(&self.name)) {
            None | Some(Value::Null) => String::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| label(&customer::value_text(v)))
                .collect::<Vec<_>>()
                .join(";"),
            Some(v) => label(&customer::value_text(v)),
        }
    }
}

/// One item's cells. `customize_field` is decoded once per item, only when a column needs it.
fn row(columns: &[Column], item: &Fields, readable: bool) -> Vec<String> {
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
                Column::Custom(f) => Cow::Owned(f.cell(custom.as_ref())),
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

pub fn formatter<'a, W: Write + 'a>(
    spec: Spec,
    out: W,
    terminal: Terminal,
) -> Box<dyn Formatter + 'a> {
    let Spec {
        format,
        columns,
        keys,
        ids_as_strings,
        jq,
        csv_safe,
        header,
    } = spec;
    match format {
        Format::Jsonl | Format::Json => Box::new(Json {
            out,
            array: format == Format::Json,
            keys,
            ids_as_strings,
            jq,
            count: 0,
            collected: Vec::new(),
        }),
        Format::Csv => Box::new(Csv {
            out: csv::Writer::from_writer(out),
            columns,
            safe: csv_safe,
            header_written: !header,
        }),
        Format::Table if terminal.is_tty => {
            Box::new(TerminalTable::new(out, columns, terminal.color))
        }
        Format::Table => Box::new(Tsv {
            out,
            columns,
            header_written: !header,
        }),
    }
}

fn parse(raw: &RawValue) -> Result<Fields<'_>> {
    Fields::parse(raw.get()).with_context(|| {
        format!(
            "an item is not a JSON object: {}",
            crate::error::excerpt(raw.get().as_bytes())
        )
    })
}

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

/// Writes one JSON value on one line: the bytes as the API sent them, with any line breaks
/// between tokens removed (JSON strings cannot hold raw line breaks, so none is lost).
fn write_compact(out: &mut impl Write, json: &str) -> std::io::Result<()> {
    if !json.contains(['\n', '\r']) {
        return out.write_all(json.as_bytes());
    }
    let (mut in_string, mut escaped) = (false, false);
    let compact: Vec<u8> = json
        .bytes()
        .filter(|&b| {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                true
            } else {
                in_string = b == b'"';
                !b.is_ascii_whitespace()
            }
        })
        .collect();
    out.write_all(&compact)
}

/// `json` and `jsonl`: the API's JSON unchanged unless `--columns`, `--ids-as-strings` or `--jq`
/// ask for a change.
struct Json<W> {
    out: W,
    array: bool,
    keys: Option<Vec<String>>,
    ids_as_strings: bool,
    jq: Option<crate::jq::Jq>,
    count: u64,
    /// With `--jq` and `-o json`, the filter runs once on the whole array, as gh does.
    collected: Vec<String>,
}

impl<W: Write> Json<W> {
    /// The item as compact JSON text after key selection and id conversion.
    fn transform<'r>(&self, raw: &'r RawValue) -> Result<Cow<'r, str>> {
        if self.keys.is_none() && !self.ids_as_strings {
            return Ok(Cow::Borrowed(raw.get()));
        }
        let mut value: Value = serde_json::from_str(raw.get())?;
        if let (Some(keys), Value::Object(item)) = (&self.keys, &mut value) {
            let picked = keys
                .iter()
                .map(|k| (k.clone(), item.remove(k).unwrap_or(Value::Null)));
            value = Value::Object(picked.collect());
        }
        if self.ids_as_strings {
            ids_to_strings(&mut value);
        }
        Ok(Cow::Owned(value.to_string()))
    }

    fn write_item(&mut self, json: &str) -> Result<()> {
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

struct Csv<W: Write> {
    out: csv::Writer<W>,
    columns: Vec<Column>,
    safe: bool,
    header_written: bool,
}

impl<W: Write> Csv<W> {
    fn header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            self.out
                .write_record(self.columns.iter().map(|c| c.header(false)))?;
        }
        Ok(())
    }
}

impl<W: Write> Formatter for Csv<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        self.header()?;
        for raw in items {
            let mut cells = row(&self.columns, &parse(raw)?, false);
            if self.safe {
                cells.iter_mut().for_each(neutralize_formula);
            }
            self.out.write_record(cells)?;
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        self.header()?;
        Ok(self.out.flush()?)
    }
}

/// Tables piped elsewhere: a header and tab-separated rows, nothing truncated. Control
/// characters (tabs and line breaks included) are escaped so every row stays one line.
struct Tsv<W> {
    out: W,
    columns: Vec<Column>,
    header_written: bool,
}

impl<W: Write> Tsv<W> {
    fn header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            let names: Vec<String> = self
                .columns
                .iter()
                .map(|c| escape_control(&c.header(false)).into_owned())
                .collect();
            writeln!(self.out, "{}", names.join("\t"))?;
        }
        Ok(())
    }
}

impl<W: Write> Formatter for Tsv<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        self.header()?;
        for raw in items {
            writeln!(
                self.out,
                "{}",
                row(&self.columns, &parse(raw)?, true).join("\t")
            )?;
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        self.header()?;
        Ok(self.out.flush()?)
    }
}

/// Rows a terminal table holds before it prints them; bounds memory on `--all`.
const TABLE_ROWS: usize = 1000;

/// Tables on a terminal: fitted to its width, one line per row, long cells cut with `...`.
struct TerminalTable<W> {
    out: W,
    columns: Vec<Column>,
    color: bool,
    rows: Vec<Vec<String>>,
    printed: bool,
}

impl<W: Write> TerminalTable<W> {
    fn new(out: W, columns: Vec<Column>, color: bool) -> Self {
        TerminalTable {
            out,
            columns,
            color,
            rows: Vec::new(),
            printed: false,
        }
    }

    fn print(&mut self) -> Result<()> {
        if self.rows.is_empty() && self.printed {
            return Ok(());
        }
        let mut table = Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic);
        let names: Vec<&str> = self.columns.iter().map(Column::name).collect();
        // The default columns make way on a narrow terminal; columns the user picked stay.
        let shown = if names == customer::TABLE_COLUMNS {
            fit(&names, table.width().map_or(usize::MAX, usize::from))
        } else {
            (0..names.len()).collect()
        };
        table.set_header(shown.iter().map(|&i| {
            let cell = Cell::new(escape_control(&self.columns[i].header(true)));
            if self.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        for row in self.rows.drain(..) {
            table.add_row(shown.iter().map(|&i| row[i].as_str()));
        }
        for row in table.row_iter_mut() {
            row.max_height(1);
        }
        // Ids and times are useless cut short: they keep their width, the others share the rest.
        for (column, &i) in table.column_iter_mut().zip(&shown) {
            if matches!(
                names[i],
                "id" | "created_at" | "updated_at" | "country" | "tenant_id"
            ) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        writeln!(self.out, "{}", table.trim_fmt())?;
        self.printed = true;
        Ok(self.out.flush()?)
    }
}

/// The columns (by index) that fit a terminal `width` wide, dropping the least useful first.
fn fit(columns: &[&str], width: usize) -> Vec<usize> {
    const DROP_ORDER: &[&str] = &[
        "whatsApp_phone",
        "country",
        "source_type",
        "sms_phone",
        "tags",
        "full_name",
        "email",
    ];
    let min_width = |c: &str| match c {
        "id" | "created_at" | "updated_at" => 21,
        "country" => 9,
        _ => 14,
    };
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    for drop in DROP_ORDER {
        if shown.iter().map(|&i| min_width(columns[i])).sum::<usize>() <= width {
            break;
        }
        shown.retain(|&i| columns[i] != *drop);
    }
    shown
}

impl<W: Write> Formatter for TerminalTable<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        for raw in items {
            self.rows.push(row(&self.columns, &parse(raw)?, true));
        }
        if self.rows.len() >= TABLE_ROWS {
            self.print()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.print()
    }

    fn abort(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        self.print()
    }
}

/// OWASP's advice against CSV injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so a spreadsheet shows it as text instead of running it.
fn neutralize_formula(cell: &mut String) {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.insert(0, '\'');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn narrow_terminals_drop_the_least_useful_columns() {
        let all = customer::TABLE_COLUMNS;
        assert_eq!(fit(all, 200).len(), all.len());
        let names = |width| fit(all, width).iter().map(|&i| all[i]).collect::<Vec<_>>();
        assert_eq!(names(80), ["id", "full_name", "email", "created_at"]);
        assert!(!names(120).contains(&"whatsApp_phone") && names(120).contains(&"tags"));
    }

    #[test]
    fn formulas_are_neutralized() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("+44 1", "'+44 1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
        ] {
            let mut c = cell.to_string();
            neutralize_formula(&mut c);
            assert_eq!(c, safe);
        }
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_control("\u{1b}[31mRed\u{7}\nx\ty"),
            "\\u{1b}[31mRed\\u{7}\\nx\\ty"
        );
        assert_eq!(escape_control("牛小信"), "牛小信");
    }
}
