//! `table` when stdout is not a terminal: plain tab-separated text.

use super::columns::{row, Column};
use super::{parse, Formatter};
use crate::error::escape_control;
use anyhow::Result;
use serde_json::value::RawValue;
use std::io::Write;

/// Tables piped elsewhere: a header and tab-separated rows, nothing truncated. Control
/// characters (tabs and line breaks included) are escaped so every row stays one line.
pub struct Tsv<W> {
    pub out: W,
    pub columns: Vec<Column>,
    pub header_written: bool,
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
