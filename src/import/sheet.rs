//! A workbook's sheet as rows (calamine reads .xlsx, .xlsm, .xls and .ods alike): the first
//! visible sheet or the one `--sheet` names, its header the first row that holds anything, each
//! row numbered as Excel shows it, each cell the text a person meant ([`super::cells`]). An
//! .xlsx sheet is streamed a row at a time ([`super::sheet_stream`]), so memory stays flat
//! whatever its length; the other kinds are read whole by calamine (an .xls holds 65 536 rows).

use super::cells::{column_name, text, Cell};
use super::records::{Raw, Record};
use super::sheet_stream::{self, Row, Stream};
use crate::error::{escape_control, Error};
use calamine::{
    open_workbook_from_rs, Data, Ods, Range, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb,
    Xlsx,
};
use std::collections::BTreeSet;
use std::io::Cursor;

pub struct Sheet {
    /// Its name, as rejects say it.
    pub name: String,
    rows: Rows,
    /// The sheet's first column that holds anything, from 0: a row's first cell.
    left: u32,
    /// The header's cells, as wide as the sheet's cells spread (a column under no name is
    /// named `""`, and a cell in it rejects its row), so that a rejects file keeps every cell
    /// in a column of its own.
    pub header: csv::ByteRecord,
    /// Whether the header is read: the cells after it are under its names.
    header_read: bool,
    /// The header's row, as Excel numbers it.
    pub header_line: u64,
    /// Which sheet was read when the first was hidden, to say on stderr.
    pub note: Option<String>,
    /// The number formats met that nxcdp does not render: those cells were sent as their plain
    /// values. Filled as rows are read.
    pub unrendered: BTreeSet<String>,
}

enum Rows {
    /// An .xlsx sheet, streamed.
    Stream(Stream),
    /// Another kind's sheet, read whole by calamine; the next of its rows to read, from 0; the
    /// sheet's row where it starts.
    Whole {
        range: Range<Data>,
        next: usize,
        top: u32,
    },
}

/// The workbook in `bytes`, whichever kind it is: an .xls is an OLE file, the others zips
/// (an .ods names its kind in a `mimetype` part; .xlsx, .xlsm and .xlsb do not).
fn book(bytes: Vec<u8>) -> Result<Sheets<Cursor<Vec<u8>>>, Error> {
    let cursor = Cursor::new(bytes);
    let cannot = |e: String| Error::Usage(format!("the workbook cannot be read: {e}"));
    if cursor.get_ref().starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let xls = open_workbook_from_rs::<Xls<_>, _>(cursor);
        return xls.map(Sheets::Xls).map_err(|e| cannot(e.to_string()));
    }
    if !cursor.get_ref().starts_with(b"PK") {
        return Err(not_a_workbook(cursor.get_ref()));
    }
    no_long_text(cursor.get_ref())?;
    if super::text::ods(cursor.get_ref()) {
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

/// Why bytes that are neither a zip nor an OLE file are no workbook: text (a CSV named .xlsx)
/// is named for what it is, as a workbook named .csv is.
fn not_a_workbook(bytes: &[u8]) -> Error {
    let head = &bytes[..bytes.len().min(4096)];
    let text = !head.is_empty() && !head.contains(&0);
    Error::Usage(match text {
        true => "the input is not a workbook (an .xlsx or .ods is a zip, an .xls an OLE file): it is text; if it is CSV, import it with --format csv, or name it .csv".into(),
        false if head.is_empty() => "the input is not a workbook: it is empty".into(),
        false => "the input is not a workbook (an .xlsx or .ods is a zip, an .xls an OLE file), nor text".into(),
    })
}

/// The longest text in one piece a workbook's part may hold: a row's bound, as for CSV.
const MAX_TEXT: usize = super::records::MAX_ROW;

/// Refuses a zip workbook with a text of more than [`MAX_TEXT`] in one piece (a cell, a shared
/// string), read a piece at a time: calamine holds a cell's text whole, and one cell of 300 MB
/// squeezes into a workbook of 300 KB. XML text holds no `<`, so no run of bytes without one is
/// longer than the longest text. A zip that cannot be read is left to calamine to say so.
fn no_long_text(bytes: &[u8]) -> Result<(), Error> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut piece = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            return Ok(());
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        if !name.ends_with(".xml") {
            continue;
        }
        let mut run = 0usize;
        loop {
            let n = match std::io::Read::read(&mut part, &mut piece) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut rest = &piece[..n];
            while let Some(at) = rest.iter().position(|&b| b == b'<') {
                run += at;
                if run > MAX_TEXT {
                    break;
                }
                run = 0;
                rest = &rest[at + 1..];
            }
            run += rest.len();
            if run > MAX_TEXT {
                return Err(Error::Usage(format!(
                    "the workbook holds a text longer than {} MiB in one piece (in its part {}), far longer than a customer's: a cell pasted into by mistake? empty it, or save the rows to import as CSV",
                    MAX_TEXT >> 20,
                    escape_control(&name)
                )));
            }
        }
    }
    Ok(())
}

/// The sheet to read: the one `told` names (a name, else a number from 1; a hidden one too),
/// else the first visible worksheet; and, when that is not the first sheet, a note saying so.
fn pick(
    book: &Sheets<Cursor<Vec<u8>>>,
    told: Option<&str>,
) -> Result<(String, Option<String>), Error> {
    let sheets = book.sheets_metadata();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let found = match told {
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
            .or(sheets.first())
            .map(|s| s.name.clone()),
        // Whatever its case, as Excel matches names (it allows no two that differ in case).
        Some(told) => (names.iter().find(|n| **n == told))
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.to_lowercase() == told.to_lowercase())
            })
            .map(|n| n.to_string())
            .or_else(|| {
                let n = told.trim().parse::<usize>().ok()?;
                names.get(n.checked_sub(1)?).map(|n| n.to_string())
            }),
    };
    let Some(name) = found else {
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
    let skipped: Vec<String> = sheets
        .iter()
        .take_while(|s| s.name != name)
        .filter(|s| s.visible != SheetVisible::Visible)
        .map(|s| format!("{:?}", s.name))
        .collect();
    let visible = |s: &&calamine::Sheet| s.visible == SheetVisible::Visible;
    let none_visible = !sheets
        .iter()
        .any(|s| visible(&s) && s.typ == SheetType::WorkSheet);
    let note = match (told, none_visible) {
        (Some(_), _) => None,
        (None, true) => Some(format!(
            "every sheet is hidden: read the first, {name:?} (--sheet NAME reads another)"
        )),
        (None, false) => (!skipped.is_empty()).then(|| {
            format!(
                "read sheet {name:?}, the first visible one; hidden before it: {} (--sheet NAME reads one)",
                skipped.join(", ")
            )
        }),
    };
    let note = note.map(|n| escape_control(&n).into_owned());
    Ok((name, note))
}

/// The sheet `told` (a name, else a number from 1) of the workbook in `bytes`, or its first
/// visible one.
pub fn open(bytes: Vec<u8>, told: Option<&str>) -> Result<Sheet, Error> {
    let book = book(bytes)?;
    let (name, note) = pick(&book, told)?;
    let (rows, left, width) = match book {
        Sheets::Xlsx(xlsx) => {
            let stream = sheet_stream::start(xlsx, &name)?;
            let (left, width) = (stream.left, stream.width);
            (Rows::Stream(stream), left, width)
        }
        mut book => {
            let range = book
                .worksheet_range(&name)
                .map_err(|e| Error::Usage(format!("sheet {name:?} cannot be read: {e}")))?;
            let (top, left) = range.start().unwrap_or((0, 0));
            let width = range.width() as u32;
            (
                Rows::Whole {
                    range,
                    next: 0,
                    top,
                },
                left,
                width,
            )
        }
    };
    let mut sheet = Sheet {
        name,
        rows,
        left,
        header: csv::ByteRecord::new(),
        header_read: false,
        header_line: 1,
        note,
        unrendered: BTreeSet::new(),
    };
    if let Some((line, mut cells, _)) = sheet.next_cells()? {
        sheet.header_line = line;
        cells.resize(cells.len().max(width as usize), String::new());
        let mut header = csv::ByteRecord::new();
        for cell in &cells {
            header.push_field(cell.as_bytes());
        }
        sheet.header = header;
    }
    sheet.header_read = true;
    Ok(sheet)
}

/// A row that holds anything: its number as Excel shows it, its cells' text up to the last that
/// holds anything, and why it is refused, if it is.
type Cells = (u64, Vec<String>, Option<(String, Vec<usize>)>);

/// Said of the numbers of a sheet whose formats calamine does not give.
const FORMATS_UNREAD: &str = "any of an .xls, .xlsb or .ods sheet (not read)";

impl Rows {
    /// The next row of the sheet that has cells, `None` at the end.
    fn next_row(&mut self) -> Result<Option<Row>, Error> {
        match self {
            Rows::Stream(stream) => stream.next_row(),
            Rows::Whole { range, next, top } => {
                let (height, width) = range.get_size();
                if *next >= height {
                    return Ok(None);
                }
                let at = *next;
                *next += 1;
                let mut row = Row {
                    at: *top + at as u32,
                    cells: Vec::new(),
                    unrendered: Vec::new(),
                };
                for col in 0..width {
                    let cell = range.get((at, col)).unwrap_or(&Data::Empty);
                    if matches!(cell, Data::Empty) {
                        continue;
                    }
                    if matches!(cell, Data::Float(_) | Data::Int(_)) && row.unrendered.is_empty() {
                        row.unrendered.push(FORMATS_UNREAD.into());
                    }
                    row.cells.push((col as u32, text(cell, None).0));
                }
                Ok(Some(row))
            }
        }
    }
}

impl Sheet {
    /// The next row that holds anything: its number as Excel shows it, its cells' text up to
    /// the last that holds anything, and why it is refused, if it is.
    fn next_cells(&mut self) -> Result<Option<Cells>, Error> {
        loop {
            let Some(row) = self.rows.next_row()? else {
                return Ok(None);
            };
            self.unrendered.extend(row.unrendered);
            let number = u64::from(row.at) + 1;
            let holds = |cell: &Cell| match cell {
                Ok(text) => !text.trim().is_empty(),
                Err(_) => true,
            };
            let Some(last) = row
                .cells
                .iter()
                .filter(|(_, c)| holds(c))
                .map(|(col, _)| *col)
                .max()
            else {
                continue;
            };
            let mut cells = vec![String::new(); last as usize + 1];
            let (mut refused, mut unsent) = (Vec::new(), Vec::new());
            let named = |col: u32| {
                let name = self.header.get(col as usize).unwrap_or_default();
                !self.header_read || !name.trim_ascii().is_empty()
            };
            for (col, cell) in row.cells {
                let at = || format!("{}{number}", column_name((col + self.left) as usize));
                if !named(col) && holds(&cell) {
                    refused.push(format!(
                        "cell {} has no header (row {} has no name above it): name its column, or empty the cell",
                        at(),
                        self.header_line
                    ));
                }
                match cell {
                    Ok(text) if col <= last => cells[col as usize] = text,
                    Ok(_) => {}
                    Err(cell) => {
                        refused.push(format!("cell {} {}", at(), cell.why));
                        cells[col as usize] = cell.kept;
                        unsent.push(col as usize);
                    }
                }
            }
            let refused = (!refused.is_empty()).then(|| (refused.join("; "), unsent));
            return Ok(Some((number, cells, refused)));
        }
    }

    /// The next row as a record, `None` at the end. A row shorter than the header (its last
    /// cells empty) has the header's width, as a CSV row with its empty fields.
    pub fn next_record(&mut self) -> Result<Option<Record>, Error> {
        let Some((line, mut cells, refused)) = self.next_cells()? else {
            return Ok(None);
        };
        if cells.len() < self.header.len() {
            cells.resize(self.header.len(), String::new());
        }
        let mut fields = csv::ByteRecord::new();
        for cell in &cells {
            fields.push_field(cell.as_bytes());
        }
        let raw = match refused {
            Some((why, unsent)) => Raw::Refused(fields, why, unsent),
            None => Raw::Csv(fields),
        };
        Ok(Some(Record {
            line,
            raw,
            after_quote: None,
        }))
    }
}
