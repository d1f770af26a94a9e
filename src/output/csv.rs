//! `csv`: RFC 4180, one row per item; and, with tabs, readable cells and no quotes, the `table`
//! of a pipe.

use super::columns::Layout;
use super::{parse, Formatter, Header};
use crate::error::escape_control;
use anyhow::Result;
use serde_json::value::RawValue;
use std::io::Write;

pub struct Csv<W: Write> {
    pub out: csv::Writer<W>,
    pub layout: Layout,
    pub safe: bool,
    /// Whether `out` puts the UTF-8 byte order mark ([`Bom`]) before the header.
    pub bom: bool,
    /// Cells as a table shows them: codes as names, control characters escaped.
    pub readable: bool,
    /// On a terminal, the values as sent but with control characters escaped: a cell cannot
    /// repaint the screen. Redirected to a file, CSV stays byte-exact.
    pub terminal: bool,
    pub header_written: bool,
    /// The header this run wrote.
    pub header: Option<Header>,
}

impl<W: Write> Csv<W> {
    fn write_header(&mut self) -> Result<()> {
        if !self.header_written {
            self.header_written = true;
            let mut cells: Vec<String> = self
                .layout
                .columns
                .iter()
                .map(|c| match self.readable || self.terminal {
                    true => escape_control(&c.header(false)).into_owned(),
                    false => c.header(false),
                })
                .collect();
            if self.safe {
                cells.iter_mut().for_each(neutralize_formula);
            }
            // Its length, for a resume to check the file by: the same record rendered apart.
            let mut line = csv::Writer::from_writer(Vec::new());
            line.write_record(&cells)?;
            let line = line.into_inner().map_err(|e| e.into_error())?;
            let bom = if self.bom { BOM.len() as u64 } else { 0 };
            self.out.write_record(&cells)?;
            self.header = Some(Header {
                columns: self.layout.columns.clone(),
                bytes: bom + line.len() as u64,
            });
        }
        Ok(())
    }
}

impl<W: Write> Formatter for Csv<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        self.layout.settle(items);
        self.write_header()?;
        for raw in items {
            let mut cells = self.layout.row(&parse(raw)?, self.readable);
            if self.terminal && !self.readable {
                for cell in cells.iter_mut() {
                    if let std::borrow::Cow::Owned(escaped) = escape_control(cell) {
                        *cell = escaped;
                    }
                }
            }
            if self.safe {
                cells.iter_mut().for_each(neutralize_formula);
            }
            self.out.write_record(cells)?;
        }
        Ok(self.out.flush()?)
    }

    fn finish(&mut self) -> Result<()> {
        self.write_header()?;
        Ok(self.out.flush()?)
    }

    fn messages(&mut self) -> Vec<String> {
        self.layout.take_warnings()
    }

    fn header(&self) -> Option<Header> {
        self.header.clone()
    }
}

/// The UTF-8 byte order mark, which Excel needs to read a CSV as UTF-8 (without it, CJK text
/// shows as mojibake).
pub const BOM: &[u8] = "\u{feff}".as_bytes();

/// A writer that puts [`BOM`] before the first bytes written, when `pending`.
pub struct Bom<W> {
    pub inner: W,
    pub pending: bool,
}

impl<W: Write> Write for Bom<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending && !buf.is_empty() {
            self.inner.write_all(BOM)?;
            self.pending = false;
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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
    use crate::customer::CustomField;
    use crate::output::Column;

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

    fn csv_of(safe: bool) -> String {
        let evil = CustomField {
            name: "customize_1_1".into(),
            label: "=HYPERLINK(\"http://evil\")".into(),
            options: vec![],
            unlisted: false,
            field_type: None,
        };
        let columns = vec![Column::Field("id".into()), Column::Custom(evil)];
        let mut csv = Csv {
            out: csv::Writer::from_writer(Vec::new()),
            layout: Layout::new(columns, false),
            safe,
            bom: false,
            readable: false,
            terminal: false,
            header_written: false,
            header: None,
        };
        let item = RawValue::from_string(
            r#"{"id":1,"customize_field":"{\"customize_1_1\":\"-1\"}"}"#.into(),
        )
        .unwrap();
        csv.page(&[item]).unwrap();
        let header = csv.header().unwrap();
        let text = String::from_utf8(csv.out.into_inner().unwrap()).unwrap();
        assert_eq!(header.bytes as usize, text.find('\n').unwrap() + 1);
        text
    }

    #[test]
    fn csv_safe_neutralizes_header_cells_too() {
        assert_eq!(
            csv_of(true),
            "id,\"'=HYPERLINK(\"\"http://evil\"\")\"\n1,'-1\n"
        );
        assert_eq!(
            csv_of(false),
            "id,\"=HYPERLINK(\"\"http://evil\"\")\"\n1,-1\n"
        );
    }
}
