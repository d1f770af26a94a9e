//! `table` on a terminal: fitted to its width.

use super::columns::{Column, Layout};
use super::{parse, Formatter};
use crate::error::escape_control;
use anyhow::Result;
use comfy_table::{presets, Attribute, Cell, ColumnConstraint, ContentArrangement, Table};
use serde_json::value::RawValue;
use std::io::Write;

/// Rows a terminal table holds before it prints them; bounds memory on `--all`.
const TABLE_ROWS: usize = 1000;

/// Tables on a terminal: fitted to its width, one line per row, long cells cut with `...`.
pub struct TerminalTable<W> {
    out: W,
    layout: Layout,
    color: bool,
    rows: Vec<Vec<String>>,
    printed: bool,
    /// The default columns' order of making way on a narrow terminal; `None` keeps them all.
    drop_order: Option<Vec<&'static str>>,
    noun: &'static str,
    notes: Vec<String>,
}

/// Columns whose cells are useless cut short: they keep their width, the others share the rest.
const WHOLE: &[&str] = &[
    "id",
    "name",
    "created_at",
    "updated_at",
    "country",
    "tenant_id",
];
/// The width a column that may be cut is given at least when the table is fitted.
const CUT_WIDTH: usize = 14;

impl<W: Write> TerminalTable<W> {
    pub fn new(
        out: W,
        layout: Layout,
        color: bool,
        drop_order: Option<Vec<&'static str>>,
        noun: &'static str,
    ) -> Self {
        TerminalTable {
            out,
            layout,
            color,
            rows: Vec::new(),
            printed: false,
            drop_order,
            noun,
            notes: Vec::new(),
        }
    }

    fn print(&mut self) -> Result<()> {
        if self.rows.is_empty() {
            if !self.printed {
                self.notes.push(format!("note: no {} match", self.noun));
            }
            return Ok(());
        }
        let mut table = Table::new();
        table
            .load_preset(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic);
        let names: Vec<&str> = self.layout.columns.iter().map(Column::name).collect();
        let headers: Vec<String> = self.layout.columns.iter().map(|c| c.header(true)).collect();
        let shown = match &self.drop_order {
            Some(order) => {
                let width = table.width().map_or(usize::MAX, usize::from);
                let needs: Vec<usize> = (0..names.len())
                    .map(|i| self.needs(i, &headers[i], WHOLE.contains(&names[i])))
                    .collect();
                fit(&names, &needs, order, width)
            }
            None => (0..names.len()).collect(),
        };
        if !self.printed && shown.len() < names.len() {
            let left: Vec<&str> = (0..names.len())
                .filter(|i| !shown.contains(i))
                .map(|i| names[i])
                .collect();
            self.notes.push(format!(
                "note: left out to fit {} columns: {}; choose columns with --columns, or see every field with -o csv",
                table.width().unwrap_or_default(),
                left.join(", ")
            ));
        }
        table.set_header(shown.iter().map(|&i| {
            let cell = Cell::new(escape_control(&headers[i]));
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
        for (column, &i) in table.column_iter_mut().zip(&shown) {
            if WHOLE.contains(&names[i]) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        writeln!(self.out, "{}", table.trim_fmt())?;
        self.printed = true;
        Ok(self.out.flush()?)
    }

    /// The width column `i` needs with its padding: its widest cell, cut to [`CUT_WIDTH`] unless
    /// it is kept `whole`.
    fn needs(&self, i: usize, header: &str, whole: bool) -> usize {
        let widest = self.rows.iter().map(|r| display_width(&r[i]));
        let widest = widest.chain([display_width(header)]).max().unwrap_or(0);
        2 + if whole { widest } else { widest.min(CUT_WIDTH) }
    }
}

/// Columns of a terminal: CJK characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// The columns (by index) that fit a terminal `width` wide, each needing `needs[i]`, dropping
/// them in `order` until the rest fit.
fn fit(columns: &[&str], needs: &[usize], order: &[&str], width: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    for drop in order {
        if shown.iter().map(|&i| needs[i]).sum::<usize>() <= width {
            break;
        }
        shown.retain(|&i| columns[i] != *drop);
    }
    shown
}

impl<W: Write> Formatter for TerminalTable<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        self.layout.settle(items);
        for raw in items {
            let row = self.layout.row(&parse(raw)?, true);
            self.rows.push(row);
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

    fn messages(&mut self) -> Vec<String> {
        let mut lines = self.layout.take_warnings();
        lines.append(&mut self.notes);
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer;

    #[test]
    fn narrow_terminals_drop_columns_in_order_until_the_rest_fit() {
        let all = customer::TABLE_COLUMNS;
        let order = customer::customer_drop_order(customer::Labels::En);
        let needs: Vec<usize> = all
            .iter()
            .map(|c| if WHOLE.contains(c) { 21 } else { 16 })
            .collect();
        assert_eq!(fit(all, &needs, &order, 200).len(), all.len());
        let names = |width| {
            let shown = fit(all, &needs, &order, width);
            shown.iter().map(|&i| all[i]).collect::<Vec<_>>()
        };
        assert_eq!(names(80), ["id", "full_name", "email", "created_at"]);
        assert!(!names(120).contains(&"whatsApp_phone") && names(120).contains(&"tags"));
        assert_eq!(display_width("牛小信 a"), 8);
    }
}
