//! The rows of the three formats, each with the line it starts on and its text as read: CSV
//! records (after the header), lines of JSON lines, elements of a JSON array. The array is cut
//! into elements by a scanner that holds one element at a time, so memory stays flat whatever
//! the file's size; so does a row longer than [`MAX_ROW`]: a JSON row is rejected without being
//! kept, a CSV row refuses the file (where it ends, only a CSV parser can tell), as does a quote
//! that opens a field and never closes it.

use super::csv_text::{Breaks, LineEnds, Unreadable};
use super::Format;
use crate::error::Error;
use std::io::{self, BufRead, BufReader, Read};

/// The longest row kept: a customer is a few hundred bytes, and its limits sum to a few KB.
pub const MAX_ROW: usize = 1 << 20;

/// A row as it was in the input.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// A CSV record's fields.
    Csv(csv::ByteRecord),
    /// A JSON value's text: a line of JSON lines or an element of an array.
    Json(Vec<u8>),
    /// A row longer than [`MAX_ROW`]: its first bytes.
    TooLong(Vec<u8>),
    /// A sheet's row with a cell that has no text to send (an error, a number past what a
    /// spreadsheet holds exactly, a cell under no name): its cells (those with no text to send
    /// as a rejects file keeps them), why, and those cells' places, which the checks pass over.
    Refused(csv::ByteRecord, String, Vec<usize>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The line the row starts on, counted from 1.
    pub line: u64,
    pub raw: Raw,
    /// A CSV's field, from 0, where text follows a closing quote (`"Bo"x`, which csv reads as
    /// `Box`): the row is not what was written, and is rejected.
    pub after_quote: Option<usize>,
}

pub enum Records<R: Read> {
    Csv {
        reader: Box<csv::Reader<LineEnds<BufReader<R>>>>,
        header: Option<csv::ByteRecord>,
        /// The byte between fields, told or found in the header line.
        delimiter: u8,
    },
    Lines {
        reader: BufReader<R>,
        line: u64,
    },
    Array(Array<R>),
    /// A workbook's sheet: the workbook read whole from `reader` (a zip is not read front to
    /// back), its sheet a row at a time.
    Sheet {
        reader: BufReader<R>,
        sheet: Box<super::sheet::Sheet>,
    },
}

impl<R: Read> Records<R> {
    /// Rows of `format` from `reader`, which [`super::input::start`] has positioned. A CSV's
    /// header is read here, its fields separated by `delimiter`, else by the one its line shows
    /// ([`super::text::delimiter`]).
    pub fn new(
        mut reader: BufReader<R>,
        format: Format,
        delimiter: Option<u8>,
        sheet: Option<&str>,
    ) -> Result<Records<R>, Error> {
        Ok(match format {
            Format::Workbook => {
                let mut bytes = Vec::new();
                reader.read_to_end(&mut bytes).map_err(read_error)?;
                let sheet = Box::new(super::sheet::open(bytes, sheet)?);
                Records::Sheet { reader, sheet }
            }
            Format::Csv => {
                let delimiter = match delimiter {
                    Some(d) => d,
                    None => super::text::delimiter(reader.fill_buf().map_err(read_error)?),
                };
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(delimiter)
                    .from_reader(LineEnds::new(reader, delimiter));
                let mut header = csv::ByteRecord::new();
                let read = reader.read_byte_record(&mut header);
                let header = match reader.get_ref().record_read(read)? {
                    true => {
                        let start = header.position().map_or(0, |p| p.byte());
                        reader.get_mut().line_at(start);
                        let end = reader.position().byte();
                        if let Some(field) = reader.get_mut().after_quote(start, end) {
                            return Err(Error::Usage(format!(
                                "line 1: column {} of the header has text after its closing quote; {}",
                                field + 1,
                                AFTER_QUOTE
                            )));
                        }
                        Some(header)
                    }
                    false => None,
                };
                Records::Csv {
                    reader: Box::new(reader),
                    header,
                    delimiter,
                }
            }
            Format::Jsonl => Records::Lines { reader, line: 0 },
            Format::Json => Records::Array(Array {
                reader,
                line: 1,
                breaks: Breaks::default(),
                state: State::Start,
            }),
        })
    }

    /// A CSV's header; `None` for JSON, or an empty CSV.
    pub fn header(&self) -> Option<&csv::ByteRecord> {
        match self {
            Records::Csv { header, .. } => header.as_ref(),
            Records::Sheet { sheet, .. } => Some(&sheet.header),
            _ => None,
        }
    }

    /// The line of the header: 1, or a sheet's first row that holds anything.
    pub fn header_line(&self) -> u64 {
        match self {
            Records::Sheet { sheet, .. } => sheet.header_line,
            _ => 1,
        }
    }

    /// A workbook's sheet: the one read.
    pub fn sheet(&self) -> Option<&str> {
        match self {
            Records::Sheet { sheet, .. } => Some(&sheet.name),
            _ => None,
        }
    }

    /// A workbook's sheet, as read so far.
    pub fn sheet_mut(&mut self) -> Option<&mut super::sheet::Sheet> {
        match self {
            Records::Sheet { sheet, .. } => Some(sheet),
            _ => None,
        }
    }

    /// A CSV's delimiter.
    pub fn delimiter(&self) -> Option<u8> {
        match self {
            Records::Csv { delimiter, .. } => Some(*delimiter),
            _ => None,
        }
    }

    /// The next row, `None` at the end. An error is one that ends the reading: the file cannot
    /// be read, or a JSON array is broken so that no further element can be found.
    pub fn next_record(&mut self) -> Result<Option<Record>, Error> {
        match self {
            Records::Csv { reader, header, .. } => {
                // Room for a row like the header: a record grown field by field costs more.
                let room = header
                    .as_ref()
                    .map_or((0, 0), |h| (h.as_slice().len() * 4, h.len()));
                let mut record = csv::ByteRecord::with_capacity(room.0, room.1);
                let read = reader.read_byte_record(&mut record);
                if !reader.get_ref().record_read(read)? {
                    return Ok(None);
                }
                let start = record.position().map_or(0, |p| p.byte());
                let line = reader.get_mut().line_at(start);
                let end = reader.position().byte();
                Ok(Some(Record {
                    line,
                    raw: Raw::Csv(record),
                    after_quote: reader.get_mut().after_quote(start, end),
                }))
            }
            Records::Lines { reader, line } => loop {
                *line += 1;
                let mut buf = Vec::new();
                let n = reader
                    .by_ref()
                    .take(MAX_ROW as u64 + 1)
                    .read_until(b'\n', &mut buf)
                    .map_err(read_error)?;
                if n == 0 {
                    return Ok(None);
                }
                let raw = if buf.len() > MAX_ROW && buf.last() != Some(&b'\n') {
                    reader.skip_until(b'\n').map_err(read_error)?;
                    buf.truncate(1024);
                    Raw::TooLong(buf)
                } else {
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    Raw::Json(buf)
                };
                return Ok(Some(Record {
                    line: *line,
                    raw,
                    after_quote: None,
                }));
            },
            Records::Array(array) => array.next_element(),
            Records::Sheet { sheet, .. } => sheet.next_record(),
        }
    }

    /// The reader, after the last row.
    pub fn into_inner(self) -> R {
        match self {
            Records::Csv { reader, .. } => reader.into_inner().into_inner().into_inner(),
            Records::Lines { reader, .. } => reader.into_inner(),
            Records::Array(array) => array.reader.into_inner(),
            Records::Sheet { reader, .. } => reader.into_inner(),
        }
    }
}

/// What to do about text after a closing quote.
pub const AFTER_QUOTE: &str = "CSV allows none (csv would join it to the field, as \"Bo\"x to Box): quote the whole cell, with each quote inside it doubled (\"\"\"Bo\"\"x\")";

fn read_error(e: io::Error) -> Error {
    match unreadable(&e) {
        Some(why) => why,
        None => super::digest::read_failed("cannot read the input".into(), e),
    }
}

/// Why the text read cannot be read as rows (a bad row, a byte not of the encoding), when that
/// is what `e` is rather than a failure to read.
pub(super) fn unreadable(e: &io::Error) -> Option<Error> {
    let why = e.get_ref()?.downcast_ref::<Unreadable>()?;
    Some(Error::Usage(why.to_string()))
}

pub(super) fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => read_error(e),
        other => Error::Usage(format!("the CSV cannot be read: {other:?}")),
    }
}

/// Where the array scanner is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    /// Before the `[`.
    Start,
    /// After `[`: an element or `]`.
    First,
    /// After `,`: an element.
    Next,
    /// After an element: `,` or `]`.
    After,
    /// After `]`: only white space.
    End,
}

pub struct Array<R: Read> {
    reader: BufReader<R>,
    line: u64,
    breaks: Breaks,
    state: State,
}

impl<R: Read> Array<R> {
    fn broken(&self, why: &str) -> Error {
        Error::Usage(format!("line {}: {why}", self.line))
    }

    /// The next element's text. Outside strings, an element ends where its brackets balance and
    /// a `,` or `]` follows; what it holds is for the JSON parser to judge.
    fn next_element(&mut self) -> Result<Option<Record>, Error> {
        loop {
            let buf = self.reader.fill_buf().map_err(read_error)?;
            let Some(&b) = buf.first() else {
                return match self.state {
                    State::Start | State::End => Ok(None),
                    _ => Err(self.broken("the JSON array ends without its closing ]")),
                };
            };
            if b.is_ascii_whitespace() {
                self.line += u64::from(self.breaks.step(b));
                self.reader.consume(1);
                continue;
            }
            match (self.state, b) {
                (State::Start, b'[') => self.state = State::First,
                (State::Start, _) => return Err(self.broken("the input is not a JSON array")),
                (State::First | State::After, b']') => self.state = State::End,
                (State::After, b',') => self.state = State::Next,
                (State::Next, b']') => {
                    return Err(self.broken("a comma before the ] that ends the JSON array"))
                }
                (State::First | State::Next, _) => return self.element().map(Some),
                (State::After, _) => {
                    return Err(self.broken("elements of the JSON array need a comma between them"))
                }
                (State::End, _) => return Err(self.broken("text after the JSON array's end")),
            }
            self.breaks.step(b);
            self.reader.consume(1);
        }
    }

    fn element(&mut self) -> Result<Record, Error> {
        let line = self.line;
        let mut text = Vec::new();
        let (mut depth, mut long) = (0usize, false);
        let mut strings = crate::wire::JsonStrings::default();
        loop {
            let buf = self.reader.fill_buf().map_err(read_error)?;
            if buf.is_empty() {
                return Err(self.broken("the JSON array ends without its closing ]"));
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                // Before the element's end too: a byte after a CR resets it (stepped again,
                // a `,` or `]` left for the next call changes nothing).
                self.line += u64::from(self.breaks.step(b));
                if !strings.step(b) {
                    match b {
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' if depth > 1 => depth -= 1,
                        // The bracket that closes the element is part of it.
                        b'}' | b']' if depth == 1 => {
                            end = Some(i + 1);
                            break;
                        }
                        b',' | b']' if depth == 0 => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
            }
            let taken = end.unwrap_or(buf.len());
            if !long {
                text.extend_from_slice(&buf[..taken]);
                if text.len() > MAX_ROW {
                    text.truncate(1024);
                    long = true;
                }
            }
            self.reader.consume(taken);
            if end.is_some() {
                self.state = State::After;
                while text.last().is_some_and(u8::is_ascii_whitespace) {
                    text.pop();
                }
                let raw = if long {
                    Raw::TooLong(text)
                } else {
                    Raw::Json(text)
                };
                return Ok(Record {
                    line,
                    raw,
                    after_quote: None,
                });
            }
        }
    }
}

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;
