//! `--rejects FILE`: each rejected row as it was in the input, in the input's format, with its
//! line and the reason in two more columns (CSV) or keys (JSON), `input_line` and
//! `reject_reason`. An import takes such a file back as it is (the two are left out), so rows
//! fixed in it can be imported again. Without `--rejects`, each rejected row is a line on stderr.
//!
//! The file is written as `FILE.partial` and renamed over `FILE` when the import ends (finished or
//! stopped): a file of an earlier run, or one that another name leads to, is replaced whole, never
//! cut and rewritten in place. The caller holds `FILE`'s lock.

use super::names::{REJECT_CELLS, REJECT_LINE, REJECT_REASON};
use super::records::{Raw, Record};
use super::Format;
use crate::error::{escape_control, shown, Error};
use crate::lock::with_suffix;
use crate::place::{place, Place};
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub struct Rejects {
    out: Out,
    path: Option<PathBuf>,
    /// `FILE.partial` and the file it becomes (the one `FILE`'s links lead to); `None` for a
    /// stream, written straight.
    partial: Option<(PathBuf, PathBuf)>,
    /// Rows written so far: none, and no file is left.
    written: u64,
    /// The workbook's sheet the rows are from.
    pub sheet: Option<String>,
    /// A sheet's header, when its rows are written as JSON: each cell under its column's name.
    columns: Option<csv::ByteRecord>,
}

enum Out {
    Stderr,
    Csv {
        writer: Box<csv::Writer<BufWriter<File>>>,
        /// The input's header.
        header: csv::ByteRecord,
        /// Where the header already has `input_line` and `reject_reason` (a rejects file
        /// imported again): those columns are filled rather than added.
        at: Option<(usize, usize)>,
    },
    Lines(BufWriter<File>),
    Array {
        out: BufWriter<File>,
        first: bool,
    },
}

/// Refuses a rejects file named as a workbook (`rejects.xlsx`): nxcdp writes text, and CSV
/// under that name would open in no spreadsheet.
pub fn named(path: &Path) -> Result<(), Error> {
    match super::input::by_extension(path) {
        Some(Format::Workbook) => Err(Error::Usage(format!(
            "--rejects {}: a rejects file is written as CSV, JSON lines or JSON, never as a workbook; name it .csv (which a spreadsheet opens), .jsonl or .json",
            shown(path)
        ))),
        _ => Ok(()),
    }
}

impl Rejects {
    /// Rejected rows as lines on stderr.
    pub fn stderr() -> Rejects {
        Rejects {
            out: Out::Stderr,
            path: None,
            partial: None,
            written: 0,
            sheet: None,
            columns: None,
        }
    }

    /// A new rejects file at `path` (replacing one from an earlier run), with a CSV's header. A
    /// workbook's rows are written as the file's name says: JSON lines (`.jsonl`, `.ndjson`), a
    /// JSON array (`.json`), else CSV.
    pub fn create(
        path: &Path,
        format: Format,
        header: Option<&csv::ByteRecord>,
    ) -> Result<Rejects, Error> {
        let cannot = |e| Error::Usage(format!("--rejects {}: {e}", shown(path)));
        let (file, partial) = match place(path) {
            // `/dev/stderr`, a pipe: written as it goes.
            Place::Stream => (stream(path).map_err(cannot)?, None),
            Place::Loop => return Err(cannot(std::io::Error::other("a loop of symbolic links"))),
            Place::File(real) => {
                let partial = with_suffix(&real, ".partial");
                (new_partial(&partial)?, Some((partial, real)))
            }
        };
        let out = BufWriter::new(file);
        let failed = io_error(path);
        let (format, columns) = match (format, super::input::by_extension(path)) {
            (Format::Workbook, Some(named @ (Format::Jsonl | Format::Json))) => {
                (named, Some(header.cloned().unwrap_or_default()))
            }
            (format, _) => (format, None),
        };
        let out = match format {
            Format::Csv | Format::Workbook => {
                let mut writer = csv::WriterBuilder::new().from_writer(out);
                let header = header.cloned().unwrap_or_default();
                let find = |name: &str| {
                    header.iter().position(|h| {
                        std::str::from_utf8(h).is_ok_and(|h| h.trim().eq_ignore_ascii_case(name))
                    })
                };
                let at = find(REJECT_LINE).zip(find(REJECT_REASON));
                let mut first = header.clone();
                if at.is_none() {
                    first.push_field(REJECT_LINE.as_bytes());
                    first.push_field(REJECT_REASON.as_bytes());
                }
                writer
                    .write_byte_record(&first)
                    .map_err(|e| failed(e.into()))?;
                Out::Csv {
                    writer: Box::new(writer),
                    header,
                    at,
                }
            }
            Format::Jsonl => Out::Lines(out),
            Format::Json => Out::Array { out, first: true },
        };
        Ok(Rejects {
            out,
            path: Some(path.to_path_buf()),
            partial,
            written: 0,
            sheet: None,
            columns,
        })
    }

    /// Removes what was written, leaving any earlier `FILE` as it was.
    pub fn abandon(self) {
        if let Some((partial, _)) = &self.partial {
            let _ = std::fs::remove_file(partial);
        }
    }

    pub fn write(&mut self, record: &Record, reason: &str) -> Result<(), Error> {
        let failed = io_error(self.path.as_deref().unwrap_or(Path::new("-")));
        let line = record.line.to_string();
        self.written += 1;
        // A sheet's row is named as a person finds it in Excel.
        let sheet = self
            .sheet
            .as_ref()
            .map(|name| format!("sheet {name:?} row {line}: "));
        let with_sheet;
        let reason = match &sheet {
            Some(place) => {
                with_sheet = format!("{place}{reason}");
                with_sheet.as_str()
            }
            None => reason,
        };
        match &mut self.out {
            Out::Stderr if sheet.is_some() => {
                crate::say!("{}", escape_control(reason));
                Ok(())
            }
            Out::Stderr => {
                crate::say!("line {line}: {}", escape_control(reason));
                Ok(())
            }
            Out::Csv { writer, header, at } => {
                let fields = match &record.raw {
                    Raw::Csv(fields) | Raw::Refused(fields, ..) => fields.clone(),
                    Raw::Json(text) | Raw::TooLong(text) => {
                        csv::ByteRecord::from(vec![text.clone()])
                    }
                };
                let (mut row, joined) = rectangular(&fields, header, *at);
                let reason = match joined {
                    Some((first, column)) => format!(
                        "{reason} (here, fields {} to {} are one cell, {})",
                        first + 1,
                        first + 1 + fields.len() - header.len(),
                        super::row::shown(&String::from_utf8_lossy(column))
                    ),
                    None => reason.to_string(),
                };
                match *at {
                    Some((l, r)) => {
                        let mut fixed = csv::ByteRecord::new();
                        for (i, field) in row.iter().enumerate() {
                            fixed.push_field(match i {
                                i if i == l => line.as_bytes(),
                                i if i == r => reason.as_bytes(),
                                _ => field,
                            });
                        }
                        row = fixed;
                    }
                    None => {
                        row.push_field(line.as_bytes());
                        row.push_field(reason.as_bytes());
                    }
                }
                writer.write_byte_record(&row).map_err(|e| failed(e.into()))
            }
            Out::Lines(out) => {
                let object = match &self.columns {
                    Some(columns) => sheet_reject(record, reason, columns),
                    None => json_reject(record, reason),
                };
                out.write_all(object.as_bytes())
                    .and_then(|_| out.write_all(b"\n"))
                    .map_err(failed)
            }
            Out::Array { out, first } => {
                let object = match &self.columns {
                    Some(columns) => sheet_reject(record, reason, columns),
                    None => json_reject(record, reason),
                };
                let lead: &[u8] = if std::mem::replace(first, false) {
                    b"[\n"
                } else {
                    b",\n"
                };
                out.write_all(lead)
                    .and_then(|_| out.write_all(object.as_bytes()))
                    .map_err(failed)
            }
        }
    }

    /// Writes out what is buffered (a JSON array gets its end) and puts the file in place.
    /// With no row rejected, no file is written: the partial one is removed. An earlier FILE,
    /// which this run would have replaced, is removed only when the import `ended` (every row
    /// sent, not a dry run, not stopped): then it is returned, to be told.
    pub fn finish(self, ended: bool) -> Result<Option<PathBuf>, Error> {
        let Some(path) = self.path else {
            return Ok(None);
        };
        if let (0, Some((partial, real))) = (self.written, &self.partial) {
            let _ = std::fs::remove_file(partial);
            return match ended.then(|| std::fs::remove_file(real)) {
                Some(Ok(())) => Ok(Some(path)),
                Some(Err(e)) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(&path)(e)),
                _ => Ok(None),
            };
        }
        let failed = io_error(&path);
        match self.out {
            Out::Stderr => Ok(()),
            Out::Csv { mut writer, .. } => writer.flush(),
            Out::Lines(mut out) => out.flush(),
            Out::Array { mut out, first } => {
                let end: &[u8] = if first { b"[]\n" } else { b"\n]\n" };
                out.write_all(end).and_then(|_| out.flush())
            }
        }
        .and_then(|()| match &self.partial {
            Some((partial, real)) => std::fs::rename(partial, real),
            None => Ok(()),
        })
        .map(|()| None)
        .map_err(failed)
    }
}

/// A stream to write rejected rows into: this process's own stdout or stderr through its
/// descriptor (a file the shell redirected it to, opened anew, would be written from its start,
/// over the summary), anything else opened to append.
fn stream(path: &Path) -> std::io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let own = match crate::place::standard_stream(path) {
            Some(1) => Some(std::io::stdout().as_fd().try_clone_to_owned()?),
            Some(_) => Some(std::io::stderr().as_fd().try_clone_to_owned()?),
            None => None,
        };
        if let Some(fd) = own {
            return Ok(File::from(fd));
        }
    }
    std::fs::OpenOptions::new().append(true).open(path)
}

/// A new `FILE.partial`, never through a link left there (a symbolic link would lead elsewhere, a
/// hard link to another file would be cut): one left by a run that died is replaced.
fn new_partial(partial: &Path) -> Result<File, Error> {
    let cannot = |e: std::io::Error| {
        Error::Usage(format!("--rejects: cannot write {}: {e}", shown(partial)))
    };
    if std::fs::symlink_metadata(partial).is_ok_and(|m| !m.is_file()) {
        return Err(cannot(std::io::Error::other(
            "it is not a regular file (a link?); remove it",
        )));
    }
    let _ = std::fs::remove_file(partial);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(partial)
        .map_err(cannot)
}

/// A row with as many fields as `header`, so that the rejects file stays rectangular: a short
/// row gets empty cells at its end; a long one has its extra fields, with the last field of the
/// header's own columns (not `at`'s), in that column's cell, written as CSV (`a,"b,c"`). The
/// field it starts at and its column, when fields were joined.
fn rectangular<'h>(
    fields: &csv::ByteRecord,
    header: &'h csv::ByteRecord,
    at: Option<(usize, usize)>,
) -> (csv::ByteRecord, Option<(usize, &'h [u8])>) {
    let n = header.len();
    let mut row = csv::ByteRecord::new();
    if fields.len() <= n {
        row.clone_from(fields);
        while row.len() < n {
            row.push_field(b"");
        }
        return (row, None);
    }
    // The last column that is the input's own; with no header at all, the first.
    let own = |i: &usize| at.is_none_or(|(l, r)| *i != l && *i != r);
    let last = (0..n).rev().find(own).unwrap_or(0);
    let extra = fields.len() - n.max(1);
    let mut joined = csv::Writer::from_writer(Vec::new());
    let tail = fields.iter().skip(last).take(extra + 1);
    joined.write_record(tail).expect("writes to memory");
    let mut cell = joined.into_inner().expect("writes to memory");
    cell.pop();
    for (i, field) in fields.iter().enumerate() {
        match i {
            i if i < last || i > last + extra => row.push_field(field),
            i if i == last => row.push_field(&cell),
            _ => {}
        }
    }
    (row, Some((last, header.get(last).unwrap_or_default())))
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        what: format!("cannot write the rejects file {}", shown(path)),
        source,
    }
}

/// A rejected JSON row with `input_line` and `reject_reason` in front of its own keys, its text
/// kept byte for byte; a row that is not a JSON object is kept as a string, under `text`.
fn json_reject(record: &Record, reason: &str) -> String {
    let head = format!(
        "{{\"{REJECT_LINE}\":{},\"{REJECT_REASON}\":{}",
        record.line,
        Value::String(reason.to_string())
    );
    let text = match &record.raw {
        Raw::Json(text) => text.as_slice(),
        Raw::TooLong(text) => text.as_slice(),
        Raw::Csv(fields) | Raw::Refused(fields, ..) => fields.as_slice(),
    };
    let object = match (&record.raw, std::str::from_utf8(text)) {
        (Raw::Json(_), Ok(text)) => serde_json::from_str::<Map<String, Value>>(text)
            .ok()
            .map(|o| (text, o)),
        _ => None,
    };
    match object {
        // Rejected before (a rejects file imported again): its old line and reason go.
        Some((_, mut object))
            if object.contains_key(REJECT_LINE) || object.contains_key(REJECT_REASON) =>
        {
            object.shift_remove(REJECT_LINE);
            object.shift_remove(REJECT_REASON);
            let rest = Value::Object(object).to_string();
            splice(&head, &rest)
        }
        Some((text, _)) => splice(&head, text.trim()),
        None => {
            let text = Value::String(String::from_utf8_lossy(text).into_owned());
            format!("{head},\"text\":{text}}}")
        }
    }
}

/// A rejected row of a sheet as a JSON object: `input_line` (its row in Excel) and
/// `reject_reason`, then each cell that holds anything under its column's name, as an import
/// takes it back; the cells under no name (the reason names them) in a list under
/// [`REJECT_CELLS`], which an import leaves out with a note.
fn sheet_reject(record: &Record, reason: &str, columns: &csv::ByteRecord) -> String {
    let mut object = Map::new();
    object.insert(REJECT_LINE.into(), record.line.into());
    object.insert(REJECT_REASON.into(), reason.into());
    let mut nameless = Vec::new();
    if let Raw::Csv(fields) | Raw::Refused(fields, ..) = &record.raw {
        for (i, field) in fields.iter().enumerate() {
            let text = Value::from(String::from_utf8_lossy(field).into_owned());
            match columns.get(i).map(<[u8]>::trim_ascii) {
                _ if field.trim_ascii().is_empty() => {}
                Some(name) if !name.is_empty() => {
                    let name = String::from_utf8_lossy(name).into_owned();
                    object.entry(name).or_insert(text);
                }
                _ => nameless.push(text),
            }
        }
    }
    if !nameless.is_empty() {
        object.insert(REJECT_CELLS.into(), nameless.into());
    }
    Value::Object(object).to_string()
}

/// `head` (an unclosed object) followed by the keys of the object `rest`.
fn splice(head: &str, rest: &str) -> String {
    let inner = rest[1..].trim_start();
    match inner.starts_with('}') {
        true => format!("{head}}}"),
        false => format!("{head},{inner}"),
    }
}

#[cfg(test)]
#[path = "rejects_tests.rs"]
mod tests;
