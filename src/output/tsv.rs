//! `table` when stdout is not a terminal: plain tab-separated text.

use super::columns::Layout;
use super::{parse, Formatter};
use crate::error::escape_control;
use anyhow::Result;
use serde_json::value::RawValue;
use std::io::Write;

/// Tables piped elsewhere: a header and tab-separated rows, nothing truncated. Control
/// characters (tabs and line breaks included) are escaped so every row stays one line.
pub struct Tsv<W> {
    pub out: W,
    pub layout: Layout,
    pub header_written: bool,
}

impl<W: Write> Tsv<W> {
    fn header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            let names: Vec<String> = self
                .layout
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
        self.layout.settle(items);
        self.header()?;
        for raw in items {
            let row = self.layout.row(&parse(raw)?, true);
            writeln!(self.out, "{}", row.join("\t"))?;
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        self.header()?;
        Ok(self.out.flush()?)
    }

    fn warnings(&mut self) -> Vec<String> {
        self.layout.take_warnings()
    }
}
