//! Formatters: items in, text out. They receive pages as the paginator delivers them and write
//! them at once, so memory does not grow with the number of items. One file per format; the
//! column model of `table` and `csv` is in [`columns`], and [`spec`] checks the output flags.

mod columns;
mod csv;
mod fit;
mod json;
mod names;
pub mod parquet;
mod spec;
mod table;
mod width;
pub mod xlsx;

pub use columns::{Column, OTHER_CUSTOM_FIELDS};
pub use fit::Priority;
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
    /// Show what is held now, more pages to come: a terminal table fixes its columns and their
    /// widths on the rows it holds, and prints every later row to them (a watch is one table).
    fn flush(&mut self) -> Result<()> {
        Ok(())
    }
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

/// How stdout looks to us: a terminal gets a table fitted to its width, colour unless `NO_COLOR`
/// is set.
#[derive(Clone, Copy, Debug)]
pub struct Terminal {
    pub is_tty: bool,
    pub color: bool,
    /// The terminal's columns (80 when it does not say).
    pub width: usize,
    /// A regular file that already holds bytes: a run appends to it (`>> file`), and a header
    /// there would repeat the one before.
    pub appending: bool,
}

impl Terminal {
    /// A file or a pipe.
    pub const PLAIN: Terminal = Terminal {
        is_tty: false,
        color: false,
        width: 80,
        appending: false,
    };

    pub fn stdout() -> Self {
        use std::io::IsTerminal;
        let is_tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let width = terminal_size::terminal_size_of(std::io::stdout())
            .map(|(w, _)| usize::from(w.0))
            .filter(|&w| w > 0);
        Terminal {
            is_tty,
            color: is_tty && !no_color,
            width: width.unwrap_or(80),
            appending: !is_tty && stdout_holds_bytes(),
        }
    }
}

/// Whether stdout is a regular file with something in it.
fn stdout_holds_bytes() -> bool {
    #[cfg(unix)]
    let file = {
        use std::os::fd::AsFd;
        std::io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map(std::fs::File::from)
    };
    #[cfg(windows)]
    let file = {
        use std::os::windows::io::AsHandle;
        std::io::stdout()
            .as_handle()
            .try_clone_to_owned()
            .map(std::fs::File::from)
    };
    #[cfg(not(any(unix, windows)))]
    let file: std::io::Result<std::fs::File> = Err(std::io::ErrorKind::Unsupported.into());
    let metadata = file.and_then(|f| f.metadata());
    metadata.is_ok_and(|m| m.is_file() && m.len() > 0)
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
        bom,
        header,
        noun,
        priority,
        labels: _,
        by_label: _,
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
            out: ::csv::Writer::from_writer(csv::Bom {
                inner: out,
                pending: bom && header,
            }),
            layout,
            safe: csv_safe,
            bom: bom && header,
            readable: false,
            terminal: terminal.is_tty,
            header_written: !header,
            header: None,
        }),
        Format::Xlsx => Box::new(xlsx::Xlsx {
            out,
            layout,
            book: None,
        }),
        Format::Parquet => Box::new(parquet::Parquet {
            out,
            columns: layout.columns,
            picked: keys.is_some(),
            table: None,
        }),
        Format::Table | Format::Wide if terminal.is_tty => Box::new(table::TerminalTable::new(
            out,
            layout,
            priority,
            (format == Format::Table).then_some(terminal.width),
            terminal.color,
            header,
            noun,
        )),
        // Tables piped elsewhere: a header and tab-separated rows, nothing truncated. Control
        // characters (tabs and line breaks included) are escaped, so no cell needs quotes and
        // every row stays one line.
        Format::Table | Format::Wide => Box::new(csv::Csv {
            out: ::csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(::csv::QuoteStyle::Never)
                .from_writer(out),
            layout,
            safe: false,
            bom: false,
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
