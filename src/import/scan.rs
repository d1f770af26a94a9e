//! A whole input read row by row: each row made into a batch_create customer, or rejected with
//! its reason. An import reads its input twice with it: once to check all of it before anything
//! is sent (and for `--dry-run`), once to send; both times it decides the same.

use super::digest::{read_failed, Checked, Hashed};
use super::input::{self, Input};
use super::names::{Names, Target};
use super::records::{Raw, Record, Records, AFTER_QUOTE, MAX_ROW};
use super::row::{Customer, Draft, Seen};
use super::text::{Decoded, Reading};
use super::Format;
use crate::error::{escape_control, Error};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufReader, Read};

/// What a row became.
#[derive(Debug)]
pub enum Row {
    /// The customer as batch_create takes it.
    Valid {
        record: Record,
        customer: Box<RawValue>,
    },
    Rejected {
        record: Record,
        reason: String,
    },
}

/// The names of the input that are not imported.
#[derive(Debug, Default)]
pub struct Report {
    /// Names of fields batch_create cannot set (and, in a JSON row with an `id`, the other
    /// fields the API sent): dropped.
    pub dropped: BTreeSet<String>,
    /// Names nxcdp does not know, each with the first line it is on.
    pub unknown: Vec<(String, u64)>,
    /// Custom fields' keys that the field list does not name: taken by their keys.
    pub unlisted: BTreeSet<String>,
    /// The number formats of a workbook's cells that nxcdp does not render: those cells were
    /// taken as their plain values.
    pub unrendered: BTreeSet<String>,
}

pub struct Scan<'a> {
    records: Records<Decoded<Hashed<Box<dyn Read>>>>,
    format: Format,
    /// The encoding and delimiter the rows are read with.
    reading: Reading,
    /// What the check pass found of the input's encoding, or which sheet of a workbook it
    /// read when the first was hidden, to say on stderr.
    pub detected: Option<String>,
    names: Names<'a>,
    /// A CSV's columns: each one's target and name.
    columns: Vec<(Target, String)>,
    seen: Seen,
    normalize_phones: bool,
    pub report: Report,
}

impl<'a> Scan<'a> {
    /// Starts reading `input` in the format `told` (else by its first byte) and the encoding
    /// and delimiter of `reading` (else as its first bytes show: [`super::text`]), resolving a
    /// CSV's header at once. The send pass reads only what the check pass, `checked`, read,
    /// as the check pass read it ([`Scan::reading`]).
    pub fn new(
        input: &Input,
        told: Option<Format>,
        reading: Reading,
        mut names: Names<'a>,
        normalize_phones: bool,
        checked: Option<&Checked>,
    ) -> Result<Scan<'a>, Error> {
        // A workbook's bytes are a zip's, never text to decode.
        let told_encoding = reading.encoding.filter(|_| told != Some(Format::Workbook));
        // `--encoding` is held to the bytes in the check pass; the send pass reads the bytes
        // checked with the encoding settled.
        let held = checked.is_none();
        let (decoded, detected) = Decoded::open(input.reader(checked)?, told_encoding, held)
            .map_err(|e| super::records::unreadable(&e).unwrap_or_else(|| input.io("read")(e)))?;
        let detected = match &detected {
            Some(detected) => super::text::told(detected)?,
            None => None,
        };
        let encoding = Some(decoded.encoding());
        // Room for a header line to be looked at whole.
        let mut reader = BufReader::with_capacity(64 << 10, decoded);
        let format = input::start(&mut reader, told)
            .map_err(|e| super::records::unreadable(&e).unwrap_or_else(|| input.io("read")(e)))?;
        let mut records =
            Records::new(reader, format, reading.delimiter, reading.sheet.as_deref())?;
        let detected = detected.or_else(|| records.sheet_mut()?.note.take());
        let csv = format == Format::Csv;
        if let (Some(header), Some(_), true) = (records.header(), reading.delimiter, csv) {
            separated_otherwise(header, records.delimiter())?;
        }
        let reading = Reading {
            encoding,
            delimiter: records.delimiter(),
            sheet: records.sheet().map(str::to_string),
        };
        let mut report = Report::default();
        let mut columns = Vec::new();
        let header_line = records.header_line();
        for field in records.header().into_iter().flatten() {
            let name = std::str::from_utf8(field).map_err(|_| {
                Error::Usage(format!(
                    "the CSV header is not UTF-8 text: {}; save the file as UTF-8",
                    escape_control(&String::from_utf8_lossy(field))
                ))
            })?;
            let target = names.resolve(name)?.unwrap_or(Target::Unknown);
            note(&mut report, &target, name, header_line, false);
            columns.push((target, name.to_string()));
        }
        if records.header().is_some() {
            names.unused_map()?;
        }
        Ok(Scan {
            records,
            format,
            reading,
            detected,
            names,
            columns,
            seen: Seen::default(),
            normalize_phones,
            report,
        })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The encoding and delimiter read with, for the send pass.
    pub fn reading(&self) -> Reading {
        self.reading.clone()
    }

    /// A CSV's header as read.
    pub fn header(&self) -> Option<&csv::ByteRecord> {
        self.records.header()
    }

    /// The next row, checked; `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>, Error> {
        Ok(self.next(true)?.map(|(record, built)| match built {
            Ok(customer) => Row::Valid {
                record,
                customer: customer.expect("built when asked"),
            },
            Err(reason) => Row::Rejected { record, reason },
        }))
    }

    /// The next row and what it became: the customer as JSON when `build`, or the reason it is
    /// rejected.
    #[allow(clippy::type_complexity)]
    fn next(
        &mut self,
        build: bool,
    ) -> Result<Option<(Record, Result<Option<Box<RawValue>>, String>)>, Error> {
        let record = self.records.next_record()?;
        if let Some(sheet) = self.records.sheet_mut() {
            self.report.unrendered.append(&mut sheet.unrendered);
        }
        let Some(record) = record else {
            return Ok(None);
        };
        let built = match (&record.raw, record.after_quote) {
            (Raw::TooLong(_), _) => Err(format!("the row is longer than {} MiB", MAX_ROW >> 20)),
            (Raw::Csv(_), Some(field)) => {
                let column = match self.columns.get(field) {
                    Some((_, name)) => format!("column {}", super::row::shown(name)),
                    None => format!("field {}", field + 1),
                };
                Err(format!(
                    "{column} has text after its closing quote; {AFTER_QUOTE}"
                ))
            }
            (Raw::Csv(fields), None) => self.csv_row(fields),
            (Raw::Refused(fields, why, unsent), _) => {
                // The other cells checked as well, so one run finds everything to fix.
                let checked: csv::ByteRecord = (fields.iter().enumerate())
                    .map(|(i, field)| if unsent.contains(&i) { &b""[..] } else { field })
                    .collect();
                match self.csv_row(&checked) {
                    Err(more) => Err(format!("{why}; {more}")),
                    Ok(_) => Err(why.clone()),
                }
            }
            (Raw::Json(text), _) => self.json_row(text, record.line)?,
        };
        let admitted = built.and_then(|customer| {
            self.seen.admit(record.line, &customer)?;
            let json = build.then(|| {
                serde_json::value::to_raw_value(&customer).expect("a customer serializes")
            });
            Ok(json)
        });
        Ok(Some((record, admitted)))
    }

    fn csv_row<'r>(&self, fields: &'r csv::ByteRecord) -> Result<Customer<'r>, String> {
        if fields.len() != self.columns.len() {
            return Err(format!(
                "the row has {} fields where the header has {}",
                fields.len(),
                self.columns.len()
            ));
        }
        let mut draft = Draft::default();
        // A sheet's row names its cells under no name itself, by their place in Excel.
        let sheet = self.format == Format::Workbook;
        for (field, (target, name)) in fields.iter().zip(&self.columns) {
            if matches!(target, Target::Dropped | Target::Ignored | Target::Unknown)
                || sheet && *target == Target::Nameless
            {
                continue;
            }
            let Ok(text) = std::str::from_utf8(field) else {
                draft.problem(format!("column {} is not UTF-8 text", escape_control(name)));
                continue;
            };
            if let Err(why) = draft.cell(target, name, text) {
                draft.problem(why);
            }
        }
        draft.finish(self.normalize_phones)
    }

    /// A JSON row; an error when a name of it was not seen when the input was first read (it
    /// changed meanwhile).
    fn json_row(
        &mut self,
        text: &[u8],
        line: u64,
    ) -> Result<Result<Customer<'static>, String>, Error> {
        let pairs = match pairs(text) {
            Ok(pairs) => pairs,
            Err(why) => return Ok(Err(why)),
        };
        // A customer as the query returns it: fields the API adds are the server's own.
        let exported = pairs.iter().any(|(key, _)| key == "id");
        let mut draft = Draft::default();
        // Every pair, a key given twice included: the row is rejected when its values differ,
        // as a CSV's with a column twice is.
        for (key, raw) in pairs {
            // Its fields other than the fixed ones hold no custom field (those are inside
            // `customize_field`, or named by key): they need no field list.
            let custom = |key: &str| {
                let prefix = key.trim().get(.."customize_".len());
                prefix.is_some_and(|p| p.eq_ignore_ascii_case("customize_"))
            };
            let target = match self.names.known(&key) {
                Some(known) => Some(known),
                None if exported && !custom(&key) && !self.names.mapped(&key) => {
                    Some(Target::Unknown)
                }
                None => self.names.resolve(&key)?,
            };
            let Some(target) = target else {
                return Err(Error::Usage(format!(
                    "line {line}: the input changed while it was being imported"
                )));
            };
            note(&mut self.report, &target, &key, line, exported);
            let value = match serde_json::from_str::<Value>(raw.get()) {
                Ok(value) => value,
                Err(e) => return Ok(Err(format!("the row is not JSON: {e}"))),
            };
            if let Err(why) = draft.json(&target, &key, value, raw.get()) {
                draft.problem(why);
            }
        }
        Ok(draft.finish(self.normalize_phones))
    }

    /// Reads every row: how many there were and how many were valid; each rejected row goes
    /// to `rejected`, each valid row's line to `accepted`.
    pub fn check_all(
        &mut self,
        mut rejected: impl FnMut(&Record, &str) -> Result<(), Error>,
        mut accepted: impl FnMut(u64),
    ) -> Result<(u64, u64), Error> {
        let (mut read, mut valid) = (0, 0);
        while let Some((record, built)) = self.next(false)? {
            read += 1;
            match built {
                Ok(_) => {
                    valid += 1;
                    accepted(record.line);
                }
                Err(reason) => rejected(&record, &reason)?,
            }
        }
        Ok((read, valid))
    }

    /// A `--map` column that the input does not have (after every row: JSON has no header).
    pub fn unused_map(&self) -> Result<(), Error> {
        self.names.unused_map()
    }

    /// The input's size and hashes, once every row is read; and the names, resolved.
    pub fn finish(self) -> Result<(Checked, Names<'a>), Error> {
        let checked = self
            .records
            .into_inner()
            .into_inner()
            .finish()
            .map_err(|source| read_failed("cannot read the input".into(), source))?;
        Ok((checked, self.names))
    }
}

/// A JSON row's keys and values in their order, a key given twice kept twice (a map would keep
/// one of them); or why the row is not a JSON object.
fn pairs(text: &[u8]) -> Result<Vec<(String, &RawValue)>, String> {
    struct Pairs<'r>(Vec<(String, &'r RawValue)>);
    impl<'de> serde::Deserialize<'de> for Pairs<'de> {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visit;
            impl<'de> serde::de::Visitor<'de> for Visit {
                type Value = Pairs<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Pairs<'de>, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(pair) = map.next_entry()? {
                        pairs.push(pair);
                    }
                    Ok(Pairs(pairs))
                }
            }
            d.deserialize_map(Visit)
        }
    }
    let starts = text.iter().find(|b| !b.is_ascii_whitespace());
    match serde_json::from_slice::<Pairs>(text) {
        Ok(Pairs(pairs)) => Ok(pairs),
        Err(e) if starts == Some(&b'{') => Err(format!("the row is not JSON: {e}")),
        Err(_) => match serde_json::from_slice::<&RawValue>(text) {
            Ok(_) => Err("the row is not a JSON object".into()),
            Err(e) => Err(format!("the row is not JSON: {e}")),
        },
    }
}

/// A CSV header of one column that holds another delimiter than the one `--delimiter` gave:
/// the file is separated otherwise.
fn separated_otherwise(header: &csv::ByteRecord, told: Option<u8>) -> Result<(), Error> {
    let [cell] = header.iter().collect::<Vec<_>>()[..] else {
        return Ok(());
    };
    let Some(&by) = super::text::DELIMITERS
        .iter()
        .find(|&&d| Some(d) != told && cell.contains(&d))
    else {
        return Ok(());
    };
    Err(Error::Usage(format!(
        "the CSV header {} is one column: the file looks separated by {}, not the --delimiter given; leave --delimiter out (the header line tells it) or give --delimiter {}",
        super::row::shown(&String::from_utf8_lossy(cell)),
        super::text::delimiter_name(by),
        match by { b'\t' => "tab".to_string(), d => format!("'{}'", d as char) }
    )))
}

/// Notes a name that is not imported, once.
fn note(report: &mut Report, target: &Target, name: &str, line: u64, exported: bool) {
    match target {
        Target::Unlisted(key) => {
            if !report.unlisted.contains(&**key) {
                report.unlisted.insert(key.to_string());
            }
            return;
        }
        Target::Dropped => {}
        Target::Unknown if exported => {}
        Target::Unknown => {
            if !report.unknown.iter().any(|(n, _)| n == name) {
                report.unknown.push((name.to_string(), line));
            }
            return;
        }
        _ => return,
    }
    if !report.dropped.contains(name) {
        report.dropped.insert(name.to_string());
    }
}
