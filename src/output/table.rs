//! `table` on a terminal: fitted to its width.

use super::columns::{Column, Layout};
use super::{parse, Formatter};
use crate::customer;
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
}

impl<W: Write> TerminalTable<W> {
    pub fn new(out: W, layout: Layout, color: bool) -> Self {
        TerminalTable {
            out,
            layout,
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
        let names: Vec<&str> = self.layout.columns.iter().map(Column::name).collect();
        // The default columns make way on a narrow terminal; columns the user picked stay.
        let shown = if names == customer::TABLE_COLUMNS {
            fit(&names, table.width().map_or(usize::MAX, usize::from))
        } else {
            (0..names.len()).collect()
        };
        table.set_header(shown.iter().map(|&i| {
            let cell = Cell::new(escape_control(&self.layout.columns[i].header(true)));
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
                names[i],
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

    fn warnings(&mut self) -> Vec<String> {
        self.layout.take_warnings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_terminals_drop_the_least_useful_columns() {
        let all = customer::TABLE_COLUMNS;
        assert_eq!(fit(all, 200).len(), all.len());
        let names = |width| fit(all, width).iter().map(|&i| all[i]).collect::<Vec<_>>();
        assert_eq!(names(80), ["id", "full_name", "email", "created_at"]);
        assert!(!names(120).contains(&"whatsApp_phone") && names(120).contains(&"tags"));
    }
}
