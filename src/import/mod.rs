//! `customers import`: rows of a file made into batch_create customers and sent in batches,
//! every row ending accepted or rejected with its line and reason.
//!
//! The stages, each in its file: [`input`] (the file or stdin; a pipe or a device refused),
//! [`digest`] (what the check pass read, its size and hashes, and the send pass held to those
//! bytes), [`paths`] (the files written beside the input: never the input, never a pipe),
//! [`records`] (rows of CSV, JSON lines or a JSON array, with their lines; [`csv_text`] watches
//! a CSV's line ends, quotes and row lengths), [`names`] (which batch_create key each column or
//! key is; [`sheet`] a workbook's rows, [`sheet_stream`] an .xlsx's streamed, [`cells`] their text), [`row`] (a row made into a customer and checked against the documented limits,
//! duplicates included; [`custom`] a custom field's cell), [`scan`] (the two together over a
//! whole input; [`text`] its encoding and delimiter), [`send`] (batches in flight, a refused
//! batch split until the refused rows are found), [`journal`] (the batches acknowledged, for
//! `--resume`; [`batches`] holds each of its lines against the batches the input makes),
//! [`rejects`] (the rejected rows as they were).

pub mod batches;
pub mod cells;
pub mod csv_text;
pub mod custom;
pub mod digest;
pub mod input;
pub mod journal;
pub mod map;
pub mod names;
pub mod paths;
pub mod records;
pub mod rejects;
pub mod row;
pub mod scan;
pub mod send;
pub mod sheet;
pub mod sheet_stream;
mod sniff;
pub mod text;

use serde::{Deserialize, Serialize};

/// The formats read; `customers query` and `export` write each of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CSV with a header row, in any encoding and with , ; tab or | between fields
    Csv,
    /// One JSON object per line
    Jsonl,
    /// One JSON array of objects
    Json,
    /// A workbook's sheet: .xlsx, .xlsm, .xls or .ods
    #[value(aliases = ["xlsx", "xlsm", "xls", "ods"])]
    Workbook,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Workbook => "workbook",
        }
    }
}
