//! An .xlsx sheet read a row at a time, so memory stays flat whatever its length (a sheet read
//! whole as calamine's `Range` held 114 MiB at 100 000 rows). calamine's cell reader borrows
//! the workbook, so a thread owns the workbook and streams its rows through a short channel;
//! the rows are taken in order, and the thread ends when they are, or when the sheet is dropped.
//!
//! A first pass over the cells, before any row is read, finds where they are (the sheet's first
//! column, and a sheet spread over more than [`MAX_CELLS`] refused) and the formulas saved
//! without a value, whose rows are refused rather than sent without it.

use super::cells::{text, Cell, Unsent};
use crate::error::{escape_control, Error};
use calamine::{Data, Xlsx, XlsxError};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// The most cells (rows × columns, empty ones included) a sheet may span: one stray cell at
/// XFD1048576 makes every row as wide as the sheet (16 384 cells each, a million of them
/// between the data and it), far from a list of customers.
const MAX_CELLS: u64 = 50_000_000;

/// The rows read ahead of the one taken.
const AHEAD: usize = 64;

/// A sheet's row that has cells: its row from 0, each cell's column from the sheet's first that
/// holds anything with its text or why it has none, and the number formats first met in it that
/// nxcdp does not render.
pub struct Row {
    pub at: u32,
    pub cells: Vec<(u32, Cell)>,
    pub unrendered: Vec<String>,
}

enum Message {
    Row(Row),
    End,
    Failed(String),
}

pub struct Stream {
    rows: Receiver<Message>,
    /// The sheet's first column that holds anything, from 0.
    pub left: u32,
    /// How many columns its cells span, from `left` to its last that holds anything.
    pub width: u32,
    name: String,
    ended: bool,
}

/// Streams sheet `name` of `xlsx`, after a first pass over its cells.
pub fn start(mut xlsx: Xlsx<Cursor<Vec<u8>>>, name: &str) -> Result<Stream, Error> {
    let Spread {
        left,
        width,
        unsaved,
    } = spread(&mut xlsx, name)?;
    let (send, rows) = sync_channel(AHEAD);
    let owned = name.to_string();
    std::thread::Builder::new()
        .name("sheet".into())
        .spawn(move || {
            if let Err(e) = produce(&mut xlsx, &owned, left, &unsaved, &send) {
                let _ = send.send(Message::Failed(e.to_string()));
            }
        })
        .map_err(|source| Error::Io {
            what: "cannot start reading the sheet".into(),
            source,
        })?;
    Ok(Stream {
        rows,
        left,
        width,
        name: name.to_string(),
        ended: false,
    })
}

impl Stream {
    /// The next row that has cells, `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>, Error> {
        if self.ended {
            return Ok(None);
        }
        let cannot = |why: String| {
            let name = escape_control(&self.name);
            Error::Usage(format!("sheet \"{name}\" cannot be read: {why}"))
        };
        match self.rows.recv() {
            Ok(Message::Row(row)) => Ok(Some(row)),
            Ok(Message::End) => {
                self.ended = true;
                Ok(None)
            }
            Ok(Message::Failed(why)) => Err(cannot(why)),
            // The reader ended without saying so: it panicked, a bug; never the rows so far
            // taken for the whole sheet.
            Err(_) => Err(cannot("its reader stopped".into())),
        }
    }
}

/// Reads the sheet's cells into rows, each sent when the next starts; `Ok` when the sheet is
/// dropped before its end.
fn produce(
    xlsx: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    left: u32,
    unsaved: &HashMap<(u32, u32), String>,
    send: &SyncSender<Message>,
) -> Result<(), XlsxError> {
    let mut cells = xlsx.worksheet_cells_reader(name)?;
    // Each style's number format, by style id.
    let formats: Vec<Option<String>> = cells
        .styles()
        .iter()
        .map(|s| s.number_format.as_ref().map(|f| f.format_code.clone()))
        .collect();
    let mut met = HashSet::new();
    let mut row: Option<Row> = None;
    while let Some((cell, style)) = cells.next_cell_with_style_id()? {
        let (at, column) = cell.get_position();
        if row.as_ref().is_some_and(|r| r.at != at) {
            let done = row.take().expect("a row begun");
            if send.send(Message::Row(done)).is_err() {
                return Ok(());
            }
        }
        let row = row.get_or_insert_with(|| Row {
            at,
            cells: Vec::new(),
            unrendered: Vec::new(),
        });
        let value = Data::from(cell.get_value().clone());
        let text = match unsaved.get(&(at, column)) {
            Some(formula) => Err(Unsent {
                why: "holds a formula with no value saved (the program that saved the workbook did not compute it): open and save it in Excel, or type the value".into(),
                kept: format!("={formula}"),
            }),
            None if matches!(value, Data::Empty) => continue,
            None => {
                let format = formats.get(style).and_then(Option::as_deref);
                let (text, unrendered) = text(&value, format);
                if let Some(format) = unrendered.filter(|f| met.insert(f.clone())) {
                    row.unrendered.push(format!("`{format}`"));
                }
                text
            }
        };
        row.cells.push((column.saturating_sub(left), text));
    }
    if let Some(row) = row {
        if send.send(Message::Row(row)).is_err() {
            return Ok(());
        }
    }
    let _ = send.send(Message::End);
    Ok(())
}

/// Where a sheet's cells are.
struct Spread {
    /// Its first column that holds anything, from 0.
    left: u32,
    /// The columns from it to its last that holds anything.
    width: u32,
    /// The cells (row, column from 0) that hold a formula with no value saved (a workbook saved
    /// by a program that does not compute them), with their formulas.
    unsaved: HashMap<(u32, u32), String>,
}

/// Where the sheet's cells are; a sheet whose cells span more than [`MAX_CELLS`] is refused.
fn spread(xlsx: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Result<Spread, Error> {
    let cannot = |e: XlsxError| Error::Usage(format!("sheet {name:?} cannot be read: {e}"));
    let mut cells = xlsx.worksheet_cells_reader(name).map_err(cannot)?;
    let (mut rows, mut columns) = ((u32::MAX, 0), (u32::MAX, 0));
    let mut unsaved = HashMap::new();
    while let Some(cell) = cells.next_cell_with_formula().map_err(cannot)? {
        let (row, column) = cell.pos;
        // A formatted cell that holds nothing is no cell of the data.
        match (cell.formula, &cell.value) {
            (Some(formula), calamine::DataRef::Empty) => {
                unsaved.insert(cell.pos, formula);
            }
            (None, calamine::DataRef::Empty) => continue,
            _ => {}
        }
        rows = (rows.0.min(row), rows.1.max(row));
        columns = (columns.0.min(column), columns.1.max(column));
    }
    let height = u64::from(rows.1.saturating_sub(rows.0)) + 1;
    let width = u64::from(columns.1.saturating_sub(columns.0)) + 1;
    match height.saturating_mul(width) > MAX_CELLS {
        true => Err(Error::Usage(format!(
            "sheet {} spans {height} rows and {width} columns, more than {MAX_CELLS} cells, far more than a list of customers: a cell far from the others? delete it, or save the rows to import as CSV",
            escape_control(name)
        ))),
        false => Ok(Spread {
            left: columns.0.min(columns.1),
            width: width as u32,
            unsaved,
        }),
    }
}
