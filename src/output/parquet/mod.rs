//! `parquet`: Apache Parquet, the columnar format DuckDB, Polars, pandas and Spark read with its
//! types. One column per documented field, typed (ids INT64 exact, codes INT32, times as
//! timestamps, `birthday` a date, tags LIST<STRUCT<id, name>>), one per custom field of the field
//! list, typed by its `field_type` and named by its label, and `other_fields`: a JSON object of
//! everything no typed column holds, so that nothing the API sent is lost ([`schema`], the
//! README's "-o parquet"). Rows go out in row groups of at most 65 536 rows or 16 MiB of JSON,
//! snappy-compressed ([`writer`]); memory holds one row group.
//!
//! An export keeps its customers as JSON lines while it runs, as the API sent them, and makes
//! the file from them when it is whole ([`from_jsonl`]; ARCHITECTURE.md, "A parquet export").

mod schema;
mod values;
mod writer;

pub use schema::OTHER_FIELDS;
pub use writer::{GROUP_BYTES, GROUP_ROWS};

use super::{parse, Column, Formatter};
use crate::customer::Fields;
use crate::error::Error;
use anyhow::{Context, Result};
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::io::{BufRead, Write};
use values::{Moved, Reader};
use writer::Writer;

/// Rows converted between two looks at whether a stop signal came: well under a second's work.
pub const STOP_ROWS: usize = 1024;

/// Customers into a Parquet file: each row's cells, the file's bytes as row groups are made,
/// and what to say on stderr of values that went to `other_fields`.
pub struct Table {
    reader: Reader,
    writer: Writer,
    said: HashSet<Moved>,
    warnings: Vec<String>,
}

impl Table {
    /// A file of `columns` (the output's, custom fields labelled); `picked` when `--columns`
    /// chose them.
    pub fn new(columns: &[Column], picked: bool) -> Result<Table> {
        let cols = schema::columns(columns, picked);
        let writer =
            Writer::new(schema::schema(&cols)?, &cols).context("cannot begin the parquet file")?;
        Ok(Table {
            reader: Reader {
                cols,
                picked,
                expanded: columns.contains(&Column::OtherCustom),
            },
            writer,
            said: HashSet::new(),
            warnings: Vec::new(),
        })
    }

    /// One customer; `size` is the length of its JSON.
    pub fn row(&mut self, item: &Fields, size: usize) -> Result<()> {
        let (cells, moved) = self.reader.cells(item);
        for m in moved {
            if self.said.contains(&m) {
                continue;
            }
            self.warnings.push(match &m {
                Moved::Misfit(column) => format!(
                    "warning: a value of column {column:?} is not what the column holds; the column has null there, and {OTHER_FIELDS} the value as sent"
                ),
                Moved::Unlisted(key) => format!(
                    "warning: custom field {key:?} is not in the tenant's field list; its values are in the {OTHER_FIELDS} column"
                ),
                Moved::Undecoded => format!(
                    "warning: a customer's customize_field is not a JSON object; its text is in the {OTHER_FIELDS} column"
                ),
            });
            self.said.insert(m);
        }
        self.writer
            .row(cells, size)
            .context("cannot write the parquet file")
    }

    /// The file's bytes made since the last call: whole row groups.
    pub fn ready(&mut self) -> Vec<u8> {
        self.writer.ready()
    }

    /// The rest of the file: the last row group and the footer.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.writer
            .finish()
            .context("cannot write the parquet file")
    }

    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

/// The formatter of `-o parquet` to a stream: row groups are written as they are made, the
/// footer when the walk is over. A walk that fails leaves the file without its footer, which no
/// reader takes for a whole file.
pub struct Parquet<W: Write> {
    pub out: W,
    pub columns: Vec<Column>,
    pub picked: bool,
    pub table: Option<Table>,
}

impl<W: Write> Parquet<W> {
    fn table(&mut self) -> Result<&mut Table> {
        if self.table.is_none() {
            self.table = Some(Table::new(&self.columns, self.picked)?);
        }
        Ok(self.table.as_mut().expect("made above"))
    }
}

impl<W: Write> Formatter for Parquet<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        let table = self.table()?;
        for raw in items {
            table.row(&parse(raw)?, raw.get().len())?;
        }
        let ready = table.ready();
        self.out.write_all(&ready)?;
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        self.table()?;
        let table = self.table.take().expect("made above");
        self.out.write_all(&table.finish()?)?;
        Ok(self.out.flush()?)
    }

    fn messages(&mut self) -> Vec<String> {
        self.table
            .as_mut()
            .map(Table::take_warnings)
            .unwrap_or_default()
    }
}

/// The Parquet file of the JSON lines an export kept (one customer a line, as the API sent it)
/// into `out`, a row group at a time; returns the warnings to print. `stopped` is asked every
/// [`STOP_ROWS`] lines: when it says so, the conversion ends with [`Error::Interrupted`].
pub fn from_jsonl(
    jsonl: impl BufRead,
    columns: &[Column],
    picked: bool,
    mut out: impl Write,
    stopped: &dyn Fn() -> bool,
) -> Result<Vec<String>> {
    let mut table = Table::new(columns, picked)?;
    let mut warnings = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if n.is_multiple_of(STOP_ROWS) && stopped() {
            return Err(Error::Interrupted.into());
        }
        let line = line.context("cannot read the export's partial file")?;
        if line.trim().is_empty() {
            continue;
        }
        let item = Fields::parse(&line).with_context(|| {
            format!(
                "the export's partial file holds a line that is not a customer: {}",
                crate::error::excerpt(line.as_bytes())
            )
        })?;
        table.row(&item, line.len())?;
        out.write_all(&table.ready())?;
        warnings.append(&mut table.take_warnings());
    }
    if stopped() {
        return Err(Error::Interrupted.into());
    }
    out.write_all(&table.finish()?)?;
    out.flush()?;
    Ok(warnings)
}
