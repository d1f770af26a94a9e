//! The bytes of a CSV on their way to the csv reader, watched as it reads them: where each line
//! ends (for the line a row starts on; CR, LF and CRLF alike), which quotes open and close
//! fields (a quote that never closes would make the rest of the file one field; text after a
//! closing quote, which csv would join to the field, rejects its row), and how long the row
//! being read is (a row longer than [`MAX_ROW`] stops the reading before csv holds it whole).

use super::records::{csv_error, MAX_ROW};
use crate::error::Error;
use std::collections::VecDeque;
use std::io::{self, Read};

/// Line ends as an editor counts them: a CR, an LF, or the two together, each one line.
#[derive(Default)]
pub struct Breaks {
    /// Whether the byte before was a CR.
    cr: bool,
}

impl Breaks {
    /// Whether byte `b` ends a line: a CR, or an LF that does not follow one.
    pub fn step(&mut self, b: u8) -> bool {
        let after_cr = std::mem::replace(&mut self.cr, b == b'\r');
        b == b'\r' || (b == b'\n' && !after_cr)
    }
}

/// The bytes of a CSV as the csv reader takes them, with the places of the line ends it has not
/// yet passed: csv's own line count leaves out blank lines and CRLF's, so each record's line is
/// counted here, from the byte where csv says the record starts. It also follows the quotes as
/// csv reads them, to tell a quote that never closes and text after a closing quote, and stops
/// a row longer than [`MAX_ROW`] before csv holds it whole.
pub struct LineEnds<R> {
    inner: R,
    /// Bytes handed out.
    offset: u64,
    /// Where each `\r` and `\n` handed out and not yet passed is, and whether it ends a line
    /// (the `\n` of a CRLF does not).
    ends: VecDeque<(u64, bool)>,
    breaks: Breaks,
    /// The line ends passed.
    passed: u64,
    /// The line ends handed out.
    lines: u64,
    quote: Quote,
    /// The field of its row being read, from 0.
    field: usize,
    /// Where text follows a closing quote (csv joins it to the field: `"Bo"x` is `Box`), and in
    /// which field of its row, for the places not yet passed.
    after_quote: VecDeque<(u64, usize)>,
    /// The line where the quoted field being read opened.
    opened: u64,
    /// Where the row being read starts, and its line.
    row: (u64, u64),
    /// Whether the input has ended.
    end: bool,
    /// The byte between fields: `,` `;` tab or `|`.
    delimiter: u8,
}

/// Where in a field the bytes handed out end, as csv's parser sees it (RFC 4180 quotes, `""`
/// inside them a quote; a quote inside an unquoted field is text).
#[derive(Clone, Copy, PartialEq)]
enum Quote {
    /// At the start of a field.
    Start,
    /// In a field that did not start with a quote.
    Plain,
    /// In a quoted field.
    Quoted,
    /// Just after a quote inside a quoted field: its end, or the first of `""`.
    Closing,
}

/// A CSV that cannot be read row by row: why, on the line it names.
#[derive(Debug)]
pub struct Unreadable(String);

impl Unreadable {
    pub fn new(why: String) -> Unreadable {
        Unreadable(why)
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreadable {}

impl<R> LineEnds<R> {
    /// What `inner` hands out, from the first byte, its fields separated by `delimiter`.
    pub fn new(inner: R, delimiter: u8) -> LineEnds<R> {
        LineEnds {
            inner,
            offset: 0,
            ends: VecDeque::new(),
            breaks: Breaks::default(),
            passed: 0,
            lines: 0,
            quote: Quote::Start,
            field: 0,
            after_quote: VecDeque::new(),
            opened: 0,
            row: (0, 1),
            end: false,
            delimiter,
        }
    }

    /// The reader it reads.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// The line of a record that csv says starts at byte `start`. csv counts from the end of the
    /// record before: the line ends (and blank lines) there are passed first.
    pub fn line_at(&mut self, mut start: u64) -> u64 {
        while let Some(&(at, ends_line)) = self.ends.front() {
            if at > start {
                break;
            }
            self.passed += u64::from(ends_line);
            self.ends.pop_front();
            if at == start {
                start += 1;
            }
        }
        self.passed + 1
    }

    /// The field, from 0, of the record between bytes `start` and `end` where text follows a
    /// closing quote, if any: csv took it into the field, so the field is not what was written.
    pub fn after_quote(&mut self, start: u64, end: u64) -> Option<usize> {
        let mut found = None;
        while let Some(&(at, field)) = self.after_quote.front() {
            if at >= end {
                break;
            }
            self.after_quote.pop_front();
            if at >= start {
                found = found.or(Some(field));
            }
        }
        found
    }

    /// Whether csv read a record (`true`) or came to the end, once it is sure that the record
    /// does not end in a quoted field that never closed (the rest of the file in one field).
    pub fn record_read(&self, read: csv::Result<bool>) -> Result<bool, Error> {
        let read = read.map_err(csv_error)?;
        if self.end && self.quote == Quote::Quoted {
            return Err(Error::Usage(format!(
                "line {}: a quoted field opens here and never closes (a \" without the \" that ends it), so the rest of the file would be one field; fix that quote",
                self.opened
            )));
        }
        Ok(read)
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.end = n == 0;
        // The line of a row that ended longer than the limit.
        let mut long = None;
        for (i, &b) in buf[..n].iter().enumerate() {
            let at = self.offset + i as u64;
            let ends_line = self.breaks.step(b);
            let line_end = b <= b'\r' && (b == b'\r' || b == b'\n');
            if line_end {
                self.ends.push_back((at, ends_line));
                self.lines += u64::from(ends_line);
            }
            self.quote = match (self.quote, b) {
                (Quote::Quoted, b'"') => Quote::Closing,
                (Quote::Quoted, _) => Quote::Quoted,
                (Quote::Start, b'"') => {
                    self.opened = self.lines + 1;
                    Quote::Quoted
                }
                (Quote::Closing, b'"') => Quote::Quoted,
                (_, b) if b == self.delimiter => {
                    self.field += 1;
                    Quote::Start
                }
                _ if line_end => {
                    if at - self.row.0 > MAX_ROW as u64 {
                        long = long.or(Some(self.row.1));
                    }
                    self.row = (at + 1, self.lines + 1);
                    self.field = 0;
                    Quote::Start
                }
                (Quote::Closing, _) => {
                    self.after_quote.push_back((at, self.field));
                    Quote::Plain
                }
                _ => Quote::Plain,
            };
        }
        self.offset += n as u64;
        if self.offset - self.row.0 > MAX_ROW as u64 {
            long = long.or(Some(self.row.1));
        }
        if let Some(line) = long {
            let why = format!(
                "line {line}: a row is longer than {} MiB; no customer is that long{}",
                MAX_ROW >> 20,
                match self.quote {
                    Quote::Quoted => format!(
                        " (a quoted field opens on line {} and has not closed: a \" without the \" that ends it?)",
                        self.opened
                    ),
                    _ => String::new(),
                }
            );
            return Err(io::Error::new(io::ErrorKind::InvalidData, Unreadable(why)));
        }
        Ok(n)
    }
}
