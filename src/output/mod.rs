//! Formatters: items in, text out. They receive pages as the paginator delivers them and write
//! them at once, so memory does not grow with the number of items. One file per format; the
//! column model of `table` and `csv` is in [`columns`], and [`spec`] checks the output flags.

mod columns;
mod csv;
mod json;
mod spec;
mod table;

pub use columns::{Column, OTHER_CUSTOM_FIELDS};
pub use spec::{Catalog, Spec};

use crate::cli::Format;
use crate::customer::Fields;
use anyhow::{Context, Result};
use serde_json::value::RawValue;
use std::io::Write;

pub trait Formatter {
    fn page(&mut self, customers: &[Box<RawValue>]) -> Result<()>;
    /// The last page came: close the output (a JSON array's `]`, a table still held).
    fn finish(&mut self) -> Result<()>;
    /// The walk failed: show what came, but add nothing that would make it look complete.
    fn abort(&mut self) -> Result<()> {
        Ok(())
    }
    /// Lines for stderr gathered since the last call, each whole (`warning: ...`, `note: ...`):
    /// custom-field keys the field list does not name, columns a narrow terminal left out.
    fn messages(&mut self) -> Vec<String> {
        Vec::new()
    }
    /// Once a CSV header is written: what it fixed, for an export to resume under it.
    fn header(&self) -> Option<Header> {
        None
    }
}

/// A written CSV header: its columns and its length in bytes.
#[derive(Clone, Debug)]
pub struct Header {
    pub columns: Vec<Column>,
    pub bytes: u64,
}

/// How stdout looks to us: a terminal gets a fitted table, colour unless `NO_COLOR` is set.
#[derive(Clone, Copy, Debug)]
pub struct Terminal {
    pub is_tty: bool,
    pub color: bool,
}

impl Terminal {
    /// A file or a pipe.
    pub const PLAIN: Terminal = Terminal {
        is_tty: false,
        color: false,
    };

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
        noun,
        drop_order,
        labels: _,
    } = spec;
    // A header still to write settles the columns on the first page; a resumed file has its own.
    let layout = columns::Layout::new(columns, !header);
    match format {
        Format::Jsonl | Format::Json => Box::new(json::Json {
            out,
            array: format == Format::Json,
            keys,
            ids_as_strings,
            jq: jq.map(|mut jq| {
                jq.escape = terminal.is_tty;
                jq
            }),
            count: 0,
            collected: Vec::new(),
            terminal: terminal.is_tty,
        }),
        Format::Csv => Box::new(csv::Csv {
            out: ::csv::Writer::from_writer(out),
            layout,
            safe: csv_safe,
            readable: false,
            terminal: terminal.is_tty,
            header_written: !header,
            header: None,
        }),
        Format::Table if terminal.is_tty => Box::new(table::TerminalTable::new(
            out,
            layout,
            terminal.color,
            drop_order,
            noun,
        )),
        // Tables piped elsewhere: a header and tab-separated rows, nothing truncated. Control
        // characters (tabs and line breaks included) are escaped, so no cell needs quotes and
        // every row stays one line.
        Format::Table => Box::new(csv::Csv {
            out: ::csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(::csv::QuoteStyle::Never)
                .from_writer(out),
            layout,
            safe: false,
            readable: true,
            terminal: false,
            header_written: !header,
            header: None,
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
