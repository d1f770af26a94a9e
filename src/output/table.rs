//! `table` and `wide` on a terminal: one table, its columns and widths fixed on the first rows.

use super::columns::Layout;
use super::fit::{self, Fitted, Priority, GAP};
use super::width::{cut, width, wrap};
use super::{parse, Formatter};
use crate::error::escape_control;
use anyhow::Result;
use serde_json::value::RawValue;
use std::io::Write;

/// Rows a terminal table holds before it prints them; bounds memory on `--all`.
const TABLE_ROWS: usize = 1000;

/// A table on a terminal: the columns that fit its width by importance, one line per row, a cell
/// longer than its column cut with `…`. The columns and widths are chosen on the first rows (all
/// of them, up to [`TABLE_ROWS`], or a watch's first batch) and hold for the rows after, under
/// the one header.
pub struct TerminalTable<W> {
    out: W,
    layout: Layout,
    priority: Priority,
    /// The terminal's width; `None` for `-o wide`: every column, nothing cut.
    room: Option<usize>,
    color: bool,
    header: bool,
    noun: &'static str,
    /// Rows not printed yet.
    rows: Vec<Vec<String>>,
    /// Once the first rows are printed: the columns shown (by index) and their widths.
    fixed: Option<Vec<(usize, usize)>>,
    notes: Vec<String>,
}

impl<W: Write> TerminalTable<W> {
    pub fn new(
        out: W,
        layout: Layout,
        priority: Priority,
        room: Option<usize>,
        color: bool,
        header: bool,
        noun: &'static str,
    ) -> Self {
        TerminalTable {
            out,
            layout,
            priority,
            room,
            color,
            header,
            noun,
            rows: Vec::new(),
            fixed: None,
            notes: Vec::new(),
        }
    }

    /// Prints the rows held; the first time, chooses the columns and their widths from them
    /// (`more`: rows not among them will come) and prints the header.
    fn print(&mut self, more: bool) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        if self.fixed.is_none() {
            let headers: Vec<String> = self
                .layout
                .columns
                .iter()
                .map(|c| escape_control(&c.header(true)).into_owned())
                .collect();
            let fitted = self.fit(&headers, more);
            self.note(&fitted);
            let fixed = fitted.shown;
            if self.header {
                let line = self.line(&headers, &fixed, self.color);
                writeln!(self.out, "{line}")?;
            }
            self.fixed = Some(fixed);
        }
        let fixed = self.fixed.take().unwrap_or_default();
        for row in std::mem::take(&mut self.rows) {
            let line = self.line(&row, &fixed, false);
            writeln!(self.out, "{line}")?;
        }
        self.fixed = Some(fixed);
        Ok(self.out.flush()?)
    }

    fn fit(&self, headers: &[String], more: bool) -> Fitted {
        let columns: Vec<fit::Column> = self
            .layout
            .columns
            .iter()
            .zip(headers)
            .enumerate()
            .map(|(i, (column, header))| {
                let header = width(header);
                let cells = self.rows.iter().map(|r| width(&r[i]));
                fit::Column {
                    name: column.name(),
                    header,
                    widest: cells.fold(header, usize::max),
                }
            })
            .collect();
        fit::fit(&columns, &self.priority, self.room, more)
    }

    /// Says which columns were left out, and how to see them, wrapped to the terminal's width.
    fn note(&mut self, fitted: &Fitted) {
        let (Some(room), Some(&first)) = (self.room, fitted.left_out.first()) else {
            return;
        };
        let names: Vec<&str> = fitted
            .left_out
            .iter()
            .map(|&i| self.layout.columns[i].name())
            .collect();
        let shown = fitted.shown.iter().take(2);
        let example: Vec<&str> = shown
            .map(|&(i, _)| self.layout.columns[i].name())
            .chain([self.layout.columns[first].name()])
            .collect();
        let note = format!(
            "note: left out to fit {room} columns: {}; see every column with -o wide, or choose them with --columns (as the header names them: --columns {})",
            names.join(", "),
            example.join(","),
        );
        self.notes.push(wrap(&note, room));
    }

    /// One line of the table: each shown cell cut to its column and padded, two cells apart.
    fn line(&self, cells: &[String], shown: &[(usize, usize)], bold: bool) -> String {
        let mut line = String::new();
        for (n, &(i, cells_wide)) in shown.iter().enumerate() {
            if n > 0 {
                line.push_str(&" ".repeat(GAP));
            }
            let (text, used) = cut(&cells[i], cells_wide);
            match bold && !text.is_empty() {
                true => line.push_str(&format!("\u{1b}[1m{text}\u{1b}[0m")),
                false => line.push_str(&text),
            }
            if n + 1 < shown.len() {
                line.push_str(&" ".repeat(cells_wide - used));
            }
        }
        line.trim_end().to_string()
    }
}

impl<W: Write> Formatter for TerminalTable<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        self.layout.settle(items);
        for raw in items {
            let row = self.layout.row(&parse(raw)?, true);
            self.rows.push(row);
        }
        if self.fixed.is_some() || self.rows.len() >= TABLE_ROWS {
            self.print(true)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        if self.fixed.is_none() && self.rows.is_empty() {
            self.notes.push(format!("note: no {} match", self.noun));
        }
        self.print(false)
    }

    fn flush(&mut self) -> Result<()> {
        self.print(true)
    }

    fn abort(&mut self) -> Result<()> {
        self.print(false)
    }

    fn messages(&mut self) -> Vec<String> {
        let mut lines = self.layout.take_warnings();
        lines.append(&mut self.notes);
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Column;

    fn customer(id: u64, name: &str, email: &str) -> Box<RawValue> {
        let json = serde_json::json!({"id": id, "full_name": name, "email": email});
        RawValue::from_string(json.to_string()).unwrap()
    }

    #[test]
    fn later_rows_keep_the_first_rows_columns_under_one_header() {
        let columns = ["id", "full_name", "email"].map(|c| Column::Field(c.into()));
        let layout = Layout::new(columns.to_vec(), true);
        let mut out = Vec::new();
        let mut table = TerminalTable::new(
            &mut out,
            layout,
            Priority::all(),
            Some(80),
            false,
            true,
            "x",
        );
        table
            .page(&[customer(1, "牛小信 Иванов", "a@b.c")])
            .unwrap();
        table.flush().unwrap();
        let long = "a-much-longer-address-than-any-before@example.com";
        table.page(&[customer(2, "Ana", long)]).unwrap();
        table.finish().unwrap();
        drop(table);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("ID") && lines[0].contains("FULL_NAME"));
        // The name column is as wide as the first rows and the header need, in cells.
        let at = |line: &str, text: &str| width(&line[..line.find(text).unwrap()]);
        assert_eq!(at(lines[1], "a@b.c"), at(lines[0], "EMAIL"), "{text}");
        assert_eq!(at(lines[2], "a-much"), at(lines[0], "EMAIL"), "{text}");
        assert!(lines[2].ends_with('…') && width(lines[2]) <= 80, "{text}");
    }
}
