//! `xlsx`: an Excel workbook written by rust_xlsxwriter in its constant-memory mode (each row
//! goes to a temporary file as it is written). One sheet with a bold, frozen header row and an
//! autofilter; cells typed by their column: ids, phones and every other text as string cells
//! (never a formula, never a number Excel would round to 15 digits), `created_at`/`updated_at`
//! as date-times, `birthday` as a date, the documented number fields as numbers. Rows past a
//! sheet's 1 048 576 continue on another sheet under the same header.
//!
//! The cells are the CSV's ([`super::columns::Layout::row`]), so that the same export can be
//! kept as CSV while it runs and become a workbook when it is whole ([`from_csv`]).

use super::columns::{Column, Layout};
use super::{parse, Formatter};
use anyhow::{anyhow, Context, Result};
use rust_xlsxwriter::{ExcelDateTime, Format, IgnoreError, Workbook, XlsxError};
use serde_json::value::RawValue;
use std::io::{Read, Write};

/// The rows of a sheet, its header included.
pub const SHEET_ROWS: u32 = 1_048_576;

/// The largest whole number a spreadsheet's double holds exactly: 2^53.
const EXACT: i64 = 1 << 53;

/// How a column's cells are written.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Text,
    /// A number when its text is one a double holds exactly, else text.
    Number,
    DateTime,
    Date,
}

/// The documented fields whose values are numbers (codes and a weight); ids are text.
const NUMBERS: &[&str] = &["source_type", "gender", "status", "weight"];

fn kind(column: &Column) -> Kind {
    match column {
        Column::Field(name) => match name.as_str() {
            "created_at" | "updated_at" => Kind::DateTime,
            "birthday" => Kind::Date,
            n if NUMBERS.contains(&n) => Kind::Number,
            _ => Kind::Text,
        },
        Column::Custom(_) | Column::OtherCustom => Kind::Text,
    }
}

/// A workbook being written, row by row.
pub struct Book {
    workbook: Workbook,
    header: Vec<String>,
    kinds: Vec<Kind>,
    /// The rows a sheet takes, its header included ([`SHEET_ROWS`]; fewer in tests).
    sheet_rows: u32,
    /// The sheets begun, and the next row of the last one.
    sheets: usize,
    row: u32,
    bold: Format,
    date: Format,
    datetime: Format,
}

fn failed(e: XlsxError) -> anyhow::Error {
    anyhow!("cannot write the workbook: {e}")
}

impl Book {
    /// A workbook whose sheets have `header` over `columns`.
    pub fn new(columns: &[Column], header: Vec<String>) -> Book {
        Book::with_sheet_rows(columns, header, SHEET_ROWS)
    }

    fn with_sheet_rows(columns: &[Column], header: Vec<String>, sheet_rows: u32) -> Book {
        let mut kinds: Vec<Kind> = columns.iter().map(kind).collect();
        kinds.resize(header.len(), Kind::Text);
        Book {
            workbook: Workbook::new(),
            header,
            kinds,
            sheet_rows,
            sheets: 0,
            row: 0,
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        }
    }

    /// The last sheet's autofilter over its rows, and no "number stored as text" warnings on
    /// the digit strings that are text on purpose.
    fn close_sheet(&mut self) -> Result<()> {
        if self.sheets == 0 || self.header.is_empty() {
            return Ok(());
        }
        let last_col = (self.header.len() - 1) as u16;
        let last_row = self.row.saturating_sub(1);
        let sheet = self
            .workbook
            .worksheet_from_index(self.sheets - 1)
            .map_err(failed)?;
        sheet.autofilter(0, 0, last_row, last_col).map_err(failed)?;
        if last_row > 0 {
            sheet
                .ignore_error_range(1, 0, last_row, last_col, IgnoreError::NumberStoredAsText)
                .map_err(failed)?;
        }
        Ok(())
    }

    /// A new sheet, its header written and frozen.
    fn open_sheet(&mut self) -> Result<()> {
        self.close_sheet()?;
        self.sheets += 1;
        let name = match self.sheets {
            1 => "customers".to_string(),
            n => format!("customers {n}"),
        };
        let sheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(failed)?;
        sheet.set_name(name).map_err(failed)?;
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        for (col, text) in self.header.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, text, &self.bold)
                .map_err(failed)?;
        }
        self.row = 1;
        Ok(())
    }

    /// One row of cells, as the CSV has them.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        if self.sheets == 0 || self.row == self.sheet_rows {
            self.open_sheet()?;
        }
        let row = self.row;
        let sheet = self
            .workbook
            .worksheet_from_index(self.sheets - 1)
            .map_err(failed)?;
        for (col, cell) in cells.iter().enumerate() {
            let text = cell.as_ref();
            if text.is_empty() {
                continue;
            }
            let at = col as u16;
            let kind = self.kinds.get(col).copied().unwrap_or(Kind::Text);
            let written = match (kind, typed(kind, text)) {
                (Kind::Number, Typed::Number(n)) => sheet.write_number(row, at, n).map(|_| ()),
                (Kind::Date, Typed::Time(t)) => sheet
                    .write_datetime_with_format(row, at, t, &self.date)
                    .map(|_| ()),
                (_, Typed::Time(t)) => sheet
                    .write_datetime_with_format(row, at, t, &self.datetime)
                    .map(|_| ()),
                _ => sheet.write_string(row, at, text).map(|_| ()),
            };
            written.map_err(|e| match e {
                XlsxError::MaxStringLengthExceeded => anyhow!(
                    "a cell of column {:?} is longer than the 32 767 characters an Excel cell holds; export it as CSV or JSON lines",
                    self.header.get(col).map_or("", String::as_str)
                ),
                e => failed(e),
            })?;
        }
        self.row += 1;
        Ok(())
    }

    /// The workbook, whole, into `out`: a sheet with its header when there was no row.
    pub fn save(mut self, out: impl Write + Send) -> Result<()> {
        if self.sheets == 0 {
            self.open_sheet()?;
        }
        self.close_sheet()?;
        self.workbook.save_to_writer(out).map_err(failed)
    }
}

/// A cell's value as its column types it.
enum Typed {
    Text,
    Number(f64),
    Time(ExcelDateTime),
}

fn typed(kind: Kind, text: &str) -> Typed {
    match kind {
        Kind::Text => Typed::Text,
        Kind::Number => match text.parse::<i64>() {
            Ok(n) if n.abs() <= EXACT => Typed::Number(n as f64),
            Ok(_) => Typed::Text,
            // A decimal that reads back as written.
            Err(_) => match text.parse::<f64>() {
                Ok(n) if n.is_finite() && n.to_string() == text => Typed::Number(n),
                _ => Typed::Text,
            },
        },
        Kind::DateTime | Kind::Date => match time(text) {
            Some(t) => Typed::Time(t),
            None => Typed::Text,
        },
    }
}

/// `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss` or `yyyy-MM-ddTHH:mm:ss` as the API writes times; any
/// other text stays text.
fn time(text: &str) -> Option<ExcelDateTime> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = text.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = ExcelDateTime::from_ymd(digits(0..4)?, digits(5..7)? as u8, digits(8..10)? as u8);
    let date = date.ok()?;
    match b.len() {
        10 => Some(date),
        19 if matches!(b[10], b' ' | b'T') && b[13] == b':' && b[16] == b':' => {
            let (h, m, s) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
            date.and_hms(h, m as u8, s as u8).ok()
        }
        _ => None,
    }
}

/// The formatter of `-o xlsx` to a stream: rows go into the workbook as pages come, and the
/// workbook is written to `out` when the walk is over (a zip file is whole or nothing).
pub struct Xlsx<W: Write> {
    pub out: W,
    pub layout: Layout,
    pub book: Option<Book>,
}

impl<W: Write> Xlsx<W> {
    fn book(&mut self) -> &mut Book {
        let layout = &self.layout;
        self.book.get_or_insert_with(|| {
            let header = layout.columns.iter().map(|c| c.header(false)).collect();
            Book::new(&layout.columns, header)
        })
    }
}

impl<W: Write> Formatter for Xlsx<W> {
    fn page(&mut self, items: &[Box<RawValue>]) -> Result<()> {
        self.layout.settle(items);
        self.book();
        for raw in items {
            let cells = self.layout.row(&parse(raw)?, false);
            self.book().row(&cells)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.book();
        let book = self.book.take().expect("made above");
        let mut bytes = Vec::new();
        book.save(&mut bytes)?;
        self.out.write_all(&bytes)?;
        Ok(self.out.flush()?)
    }

    fn messages(&mut self) -> Vec<String> {
        self.layout.take_warnings()
    }
}

/// The workbook of a CSV that `-o csv` wrote over `columns` (an export's partial file, its
/// header first), into `out`.
/// `stopped` is asked every [`STOP_ROWS`](super::parquet::STOP_ROWS) rows and before the
/// workbook is saved: when it says so, the conversion ends with [`Error::Interrupted`].
pub fn from_csv(
    csv: impl Read,
    columns: &[Column],
    out: impl Write + Send,
    stopped: &dyn Fn() -> bool,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut record = csv::StringRecord::new();
    let mut book = None;
    let mut rows = 0usize;
    while reader
        .read_record(&mut record)
        .context("cannot read the export's partial file")?
    {
        if rows.is_multiple_of(super::parquet::STOP_ROWS) && stopped() {
            return Err(crate::error::Error::Interrupted.into());
        }
        rows += 1;
        match &mut book {
            None => {
                book = Some(Book::new(
                    columns,
                    record.iter().map(String::from).collect(),
                ))
            }
            Some(book) => book.row(&record.iter().collect::<Vec<_>>())?,
        }
    }
    if stopped() {
        return Err(crate::error::Error::Interrupted.into());
    }
    book.unwrap_or_else(|| Book::new(columns, Vec::new()))
        .save(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx as Read};

    fn read(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
        let mut book: Read<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        names
            .into_iter()
            .map(|name| {
                let range = book.worksheet_range(&name).unwrap();
                let rows = range.rows().map(|r| r.to_vec()).collect();
                (name, rows)
            })
            .collect()
    }

    #[test]
    fn cells_are_typed_by_their_column_and_rows_go_on_to_another_sheet() {
        let columns: Vec<Column> = [
            "id",
            "sms_phone",
            "gender",
            "birthday",
            "created_at",
            "remark",
        ]
        .iter()
        .map(|n| Column::Field(n.to_string()))
        .collect();
        let header = columns.iter().map(|c| c.header(false)).collect();
        let mut book = Book::with_sheet_rows(&columns, header, 3);
        let rows = [
            [
                "1153190411183731196",
                "8613912345678",
                "1",
                "1971-10-07",
                "2026-12-07T03:07:08",
                "=1+1",
            ],
            ["2", "007", "", "not a date", "2026-12-07 03:07:08", "x"],
            ["3", "1", "9007199254740993", "", "", ""],
        ];
        for row in &rows {
            book.row(row).unwrap();
        }
        let mut bytes = Vec::new();
        book.save(&mut bytes).unwrap();
        let sheets = read(bytes);
        assert_eq!(sheets.len(), 2, "two rows a sheet: the third on the second");
        assert_eq!(sheets[0].0, "customers");
        assert_eq!(sheets[1].0, "customers 2");
        let first = &sheets[0].1;
        assert_eq!(first[0][0], Data::String("id".into()));
        assert_eq!(first[1][0], Data::String("1153190411183731196".into()));
        assert_eq!(first[1][1], Data::String("8613912345678".into()));
        assert_eq!(first[1][2], Data::Float(1.0));
        assert!(
            matches!(first[1][3], Data::DateTime(_)),
            "{:?}",
            first[1][3]
        );
        assert!(
            matches!(first[1][4], Data::DateTime(_)),
            "{:?}",
            first[1][4]
        );
        assert_eq!(
            first[1][5],
            Data::String("=1+1".into()),
            "text, never a formula"
        );
        assert_eq!(first[2][1], Data::String("007".into()));
        assert_eq!(first[2][3], Data::String("not a date".into()));
        let second = &sheets[1].1;
        assert_eq!(second[0][0], Data::String("id".into()), "the header again");
        assert_eq!(
            second[1][2],
            Data::String("9007199254740993".into()),
            "past 2^53: text"
        );
    }
}
