//! A workbook's sheet as rows (calamine reads .xlsx, .xlsm, .xls and .ods alike): the first
//! sheet or the one `--sheet` names, its header the first row that holds anything, each row
//! numbered as Excel shows it. Cells become the text a person meant: a whole number its digits
//! (a phone typed as a number is `8613912345678`, never `8.613912345678E12`), a date its
//! `yyyy-MM-dd` (and its time when it has one), a formula its cached value, a boolean `TRUE` or
//! `FALSE`. A number past what a spreadsheet holds exactly, or a cell holding an error, refuses
//! its row with the reason rather than send digits that were never typed.

use super::records::{Raw, Record};
use crate::error::{escape_control, Error};
use calamine::{open_workbook_from_rs, Data, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::collections::HashSet;
use std::io::Cursor;

/// The largest whole number a spreadsheet's double holds exactly: 2^53.
const EXACT: f64 = 9_007_199_254_740_992.0;

pub struct Sheet {
    /// Its name, as rejects say it.
    pub name: String,
    range: Range<Data>,
    /// The next row of `range` to read, from 0.
    next: usize,
    /// The row and the column of the sheet where `range` starts, from 0.
    top: u32,
    left: u32,
    /// The cells (row, column from 0) that hold a formula with no value saved: their rows are
    /// refused, not sent without the value.
    unsaved: HashSet<(u32, u32)>,
    /// The header's cells, up to its last that holds anything.
    pub header: csv::ByteRecord,
    /// The header's row, as Excel numbers it.
    pub header_line: u64,
}

/// The workbook in `bytes`, whichever kind it is: an .xls is an OLE file, the others zips
/// (an .ods names its kind in a `mimetype` part; .xlsx, .xlsm and .xlsb do not).
/// The most cells (rows × columns, empty ones included) a sheet may span: calamine holds the
/// whole rectangle, and one stray cell at XFD1048576 would ask for half a terabyte.
const MAX_CELLS: u64 = 50_000_000;

/// Refuses an xlsx sheet whose cells span more than [`MAX_CELLS`], found by a pass over its
/// cells before the sheet is read whole; the cells that hold a formula with no value saved (a
/// workbook saved by a program that does not compute them).
fn spread(xlsx: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Result<HashSet<(u32, u32)>, Error> {
    let cannot =
        |e: calamine::XlsxError| Error::Usage(format!("sheet {name:?} cannot be read: {e}"));
    let mut cells = xlsx.worksheet_cells_reader(name).map_err(cannot)?;
    let (mut rows, mut columns) = ((u32::MAX, 0), (u32::MAX, 0));
    let mut unsaved = HashSet::new();
    while let Some(cell) = cells.next_cell_with_formula().map_err(cannot)? {
        let (row, column) = cell.pos;
        if cell.formula.is_some() && matches!(cell.value, calamine::DataRef::Empty) {
            unsaved.insert(cell.pos);
        }
        rows = (rows.0.min(row), rows.1.max(row));
        columns = (columns.0.min(column), columns.1.max(column));
    }
    let height = u64::from(rows.1.saturating_sub(rows.0)) + 1;
    let width = u64::from(columns.1.saturating_sub(columns.0)) + 1;
    match height.saturating_mul(width) > MAX_CELLS {
        true => Err(Error::Usage(format!(
            "sheet {} spans {height} rows and {width} columns, more than nxcdp reads at once ({MAX_CELLS} cells): a cell far from the others? delete it, or save the rows to import as CSV",
            escape_control(name)
        ))),
        false => Ok(unsaved),
    }
}

fn book(bytes: Vec<u8>) -> Result<Sheets<Cursor<Vec<u8>>>, Error> {
    let cursor = Cursor::new(bytes);
    let cannot = |e: String| Error::Usage(format!("the workbook cannot be read: {e}"));
    if cursor.get_ref().starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let xls = open_workbook_from_rs::<Xls<_>, _>(cursor);
        return xls.map(Sheets::Xls).map_err(|e| cannot(e.to_string()));
    }
    let ods = cursor
        .get_ref()
        .windows(8)
        .take(64)
        .any(|w| w == b"mimetype");
    if ods {
        let ods = open_workbook_from_rs::<Ods<_>, _>(cursor);
        return ods.map(Sheets::Ods).map_err(|e| cannot(e.to_string()));
    }
    match open_workbook_from_rs::<Xlsx<_>, _>(cursor.clone()) {
        Ok(xlsx) => Ok(Sheets::Xlsx(xlsx)),
        Err(e) => match open_workbook_from_rs::<Xlsb<_>, _>(cursor) {
            Ok(xlsb) => Ok(Sheets::Xlsb(xlsb)),
            Err(_) => Err(cannot(e.to_string())),
        },
    }
}

/// The sheet `told` (a name, else a number from 1) of the workbook in `bytes`, or its first.
pub fn open(bytes: Vec<u8>, told: Option<&str>) -> Result<Sheet, Error> {
    let mut book = book(bytes)?;
    let names = book.sheet_names();
    let name = match told {
        None => names.first().cloned(),
        Some(told) => names.iter().find(|n| *n == told).cloned().or_else(|| {
            let n = told.trim().parse::<usize>().ok()?;
            names.get(n.checked_sub(1)?).cloned()
        }),
    };
    let Some(name) = name else {
        let listed: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
        return Err(Error::Usage(match told {
            Some(told) => format!(
                "--sheet {}: the workbook has no such sheet; its sheets: {} (by name, or by number from 1)",
                escape_control(told),
                escape_control(&listed.join(", "))
            ),
            None => "the workbook has no sheet".into(),
        }));
    };
    let unsaved = match &mut book {
        Sheets::Xlsx(xlsx) => spread(xlsx, &name)?,
        _ => HashSet::new(),
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Error::Usage(format!("sheet {name:?} cannot be read: {e}")))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut sheet = Sheet {
        name,
        range,
        next: 0,
        top,
        left,
        unsaved,
        header: csv::ByteRecord::new(),
        header_line: 1,
    };
    if let Some((line, cells, _)) = sheet.next_cells() {
        sheet.header_line = line;
        let mut header = csv::ByteRecord::new();
        for cell in &cells {
            header.push_field(cell.as_bytes());
        }
        sheet.header = header;
    }
    Ok(sheet)
}

impl Sheet {
    /// The next row that holds anything: its number as Excel shows it, its cells' text up to
    /// the last that holds anything, and why it is refused, if it is.
    fn next_cells(&mut self) -> Option<(u64, Vec<String>, Option<String>)> {
        let (height, width) = self.range.get_size();
        loop {
            let at = self.next;
            if at >= height {
                return None;
            }
            self.next += 1;
            let row: Vec<&Data> = (0..width)
                .map(|col| self.range.get((at, col)).unwrap_or(&Data::Empty))
                .collect();
            let number = u64::from(self.top) + at as u64 + 1;
            let row_at = self.top.saturating_add(at as u32);
            let left = self.left as usize;
            let mut refused: Vec<String> = (0..width)
                .filter(|&col| {
                    let column = self.left.saturating_add(col as u32);
                    self.unsaved.contains(&(row_at, column))
                })
                .map(|col| {
                    format!(
                        "cell {}{number} holds a formula with no value saved (the program that saved the workbook did not compute it): open and save it in Excel, or type the value",
                        column_name(col + left)
                    )
                })
                .collect();
            let Some(last) = row.iter().rposition(|c| !is_blank(c)) else {
                if refused.is_empty() {
                    continue;
                }
                return Some((number, Vec::new(), Some(refused.join("; "))));
            };
            let cells = row[..=last]
                .iter()
                .enumerate()
                .map(|(col, cell)| {
                    text(cell).unwrap_or_else(|why| {
                        refused.push(format!("cell {}{number} {why}", column_name(col + left)));
                        String::new()
                    })
                })
                .collect();
            let refused = (!refused.is_empty()).then(|| refused.join("; "));
            return Some((number, cells, refused));
        }
    }

    /// The next row as a record, `None` at the end. A row shorter than the header (its last
    /// cells empty) has the header's width, as a CSV row with its empty fields.
    pub fn next_record(&mut self) -> Option<Record> {
        let (line, mut cells, refused) = self.next_cells()?;
        if cells.len() < self.header.len() {
            cells.resize(self.header.len(), String::new());
        }
        let mut fields = csv::ByteRecord::new();
        for cell in &cells {
            fields.push_field(cell.as_bytes());
        }
        let raw = match refused {
            Some(why) => Raw::Refused(fields, why),
            None => Raw::Csv(fields),
        };
        Some(Record {
            line,
            raw,
            after_quote: None,
        })
    }
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A column's letters as Excel heads it: A, ..., Z, AA, ...
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// A cell's text as the person who typed it meant it, or why it has none to send.
fn text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < EXACT => format!("{f:.0}"),
        Data::Float(f) if f.fract() == 0.0 || !f.is_finite() => {
            return Err(format!(
                "holds the number {f:e}, past the 15 to 16 digits a spreadsheet keeps exactly, so its last digits were never typed; enter it as text (a ' before it) and save again"
            ))
        }
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => match b {
            true => "TRUE".into(),
            false => "FALSE".into(),
        },
        Data::DateTime(t) => {
            let (y, mo, d, h, mi, s, _) = t.to_ymd_hms_milli();
            match (h, mi, s) {
                (0, 0, 0) => format!("{y:04}-{mo:02}-{d:02}"),
                _ => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            }
        }
        // An .ods date: its date alone when it has no time.
        Data::DateTimeIso(t) => match t.strip_suffix("T00:00:00") {
            Some(date) => date.to_string(),
            None => t.replace('T', " "),
        },
        Data::DurationIso(t) => t.clone(),
        Data::Error(e) => return Err(format!("holds the error {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_the_text_a_person_meant() {
        assert_eq!(
            text(&Data::Float(8613912345678.0)).unwrap(),
            "8613912345678"
        );
        assert_eq!(text(&Data::Float(1.5)).unwrap(), "1.5");
        assert_eq!(text(&Data::Int(-7)).unwrap(), "-7");
        assert_eq!(text(&Data::Bool(true)).unwrap(), "TRUE");
        assert!(text(&Data::Float(1.0211e18))
            .unwrap_err()
            .contains("past the 15"));
        assert_eq!(
            text(&Data::DateTimeIso("1990-05-01T00:00:00".into())).unwrap(),
            "1990-05-01"
        );
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
