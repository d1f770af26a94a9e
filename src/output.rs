//! Formatters: customers in, text out. They receive pages as the paginator delivers them and
//! write them at once, so memory does not grow with the number of customers.

use crate::cli::Format;
use crate::customer::{self, Fields};
use anyhow::{Context, Result};
use comfy_table::{presets, Attribute, Cell, ColumnConstraint, ContentArrangement, Table};
use serde_json::value::RawValue;
use std::io::Write;

pub trait Formatter {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
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

pub fn formatter<'a, W: Write + 'a>(
    format: Format,
    out: W,
    terminal: Terminal,
) -> Box<dyn Formatter + 'a> {
    match format {
        Format::Jsonl => Box::new(JsonLines { out }),
        Format::Json => Box::new(JsonArray { out, count: 0 }),
        Format::Csv => Box::new(Csv::new(out, customer::FIELDS)),
        Format::Table if terminal.is_tty => Box::new(TerminalTable::new(
            out,
            customer::TABLE_COLUMNS,
            terminal.color,
        )),
        Format::Table => Box::new(Tsv::new(out, customer::TABLE_COLUMNS)),
    }
}

fn parse(raw: &RawValue) -> Result<Fields> {
    serde_json::from_str(raw.get()).with_context(|| {
        format!(
            "a customer is not a JSON object: {}",
            crate::error::excerpt(raw.get().as_bytes())
        )
    })
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

struct JsonLines<W> {
    out: W,
}

impl<W: Write> Formatter for JsonLines<W> {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()> {
        for c in customers {
            write_compact(&mut self.out, c.get())?;
            self.out.write_all(b"\n")?;
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        Ok(self.out.flush()?)
    }
}

struct JsonArray<W> {
    out: W,
    count: u64,
}

impl<W: Write> Formatter for JsonArray<W> {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()> {
        for c in customers {
            self.out
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
            write_compact(&mut self.out, c.get())?;
            self.count += 1;
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        self.out
            .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(self.out.flush()?)
    }
}

struct Csv<W: Write> {
    out: csv::Writer<W>,
    columns: &'static [&'static str],
    header_written: bool,
}

impl<W: Write> Csv<W> {
    fn new(out: W, columns: &'static [&'static str]) -> Self {
        let out = csv::WriterBuilder::new().from_writer(out);
        Csv {
            out,
            columns,
            header_written: false,
        }
    }

    fn header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            self.out.write_record(self.columns)?;
        }
        Ok(())
    }
}

impl<W: Write> Formatter for Csv<W> {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()> {
        self.header()?;
        for c in customers {
            let fields = parse(c)?;
            let row = self
                .columns
                .iter()
                .map(|col| customer::cell(&fields, col, false));
            self.out.write_record(row.map(|cell| cell.into_owned()))?;
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
    columns: &'static [&'static str],
    header_written: bool,
}

impl<W: Write> Tsv<W> {
    fn new(out: W, columns: &'static [&'static str]) -> Self {
        Tsv {
            out,
            columns,
            header_written: false,
        }
    }

    fn header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            writeln!(self.out, "{}", self.columns.join("\t"))?;
        }
        Ok(())
    }
}

impl<W: Write> Formatter for Tsv<W> {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()> {
        self.header()?;
        for c in customers {
            let fields = parse(c)?;
            let row: Vec<String> = self
                .columns
                .iter()
                .map(|col| escape_control(&customer::cell(&fields, col, true)))
                .collect();
            writeln!(self.out, "{}", row.join("\t"))?;
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
    columns: &'static [&'static str],
    color: bool,
    rows: Vec<Vec<String>>,
    printed: bool,
}

impl<W: Write> TerminalTable<W> {
    fn new(out: W, columns: &'static [&'static str], color: bool) -> Self {
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
        let shown = fit(self.columns, table.width().map_or(usize::MAX, usize::from));
        table.set_header(shown.iter().map(|&i| {
            let cell = Cell::new(customer::label(self.columns[i]));
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
                self.columns[i],
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
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()> {
        for c in customers {
            let fields = parse(c)?;
            self.rows.push(
                self.columns
                    .iter()
                    .map(|col| escape_control(&customer::cell(&fields, col, true)))
                    .collect(),
            );
        }
        if self.rows.len() >= TABLE_ROWS {
            self.print()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.print()
    }
}

/// Customer data is never terminal commands: control characters become visible escapes.
pub fn escape_control(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
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
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_control("\u{1b}[31mRed\u{7}\nx\ty"),
            "\\u{1b}[31mRed\\u{7}\\nx\\ty"
        );
        assert_eq!(escape_control("牛小信"), "牛小信");
    }
}
