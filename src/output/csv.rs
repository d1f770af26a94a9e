//! `csv`: RFC 4180, one row per item.

use super::columns::{row, Column};
use super::{parse, Formatter};
use anyhow::Result;
use serde_json::value::RawValue;
use std::io::Write;

pub struct Csv<W: Write> {
    pub out: csv::Writer<W>,
    pub columns: Vec<Column>,
    pub safe: bool,
    pub header_written: bool,
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
}
