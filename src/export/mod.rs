//! Exports that cannot lie: customers go to `PATH.partial`, and only a complete walk renames it
//! to `PATH`. After each page a small state file records how far the file is good, what shapes
//! it (the resolved request, the format, every output option, the CSV header) and, for each time
//! window being walked (one, or N with `--parallel`), the cursor that continues it, so a failed or
//! interrupted export resumes without duplicates, and only from the same server under the same
//! request and options. One process at a time writes an export: the caller holds its
//! [`crate::lock::Lock`].

mod checks;
mod files;
mod finish;

pub use finish::nothing_kept;

pub use checks::{check_names, check_path};

use crate::error::{shown, Error};
use crate::lock::{same_file, with_suffix};
use crate::paginator::Split;
use checks::{check_boundary, differs, refuse_symlink};
use files::{save_state, Counted};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The output options that shape the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// `-o`: `csv`, `jsonl` or `xlsx` (kept as CSV until the export is whole).
    pub format: String,
    /// `--columns` as given; empty for the default columns.
    pub columns: Vec<String>,
    pub raw_custom_fields: bool,
    pub ids_as_strings: bool,
    pub csv_safe: bool,
    #[serde(default)]
    pub bom: bool,
    /// The language custom fields are labelled in (`--field-labels`, else the locale's), where
    /// the file has labels (csv, xlsx, parquet; not with `--raw-custom-fields`). A state written
    /// before it was recorded has none, and any is taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_labels: Option<String>,
}

/// Where an export's customers come from; never the secret.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Masked as `crate::error::masked_url` masks it; `--sandbox` for the in-process sandbox,
    /// which listens on a new port each run.
    pub base_url: String,
    /// The region whose base URL it is, if it is one.
    pub region: Option<String>,
    pub access_key: String,
}

/// What an export asks for: a resume must ask for the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// `None` in the state of an export started before nxcdp recorded it: not resumed.
    #[serde(default)]
    pub target: Option<Target>,
    /// The request body without cursor and page size, as the first run resolved it.
    pub query: Map<String, Value>,
    /// `--since` as typed: a resume with the same text keeps the first run's time.
    pub since: Option<String>,
    pub options: Options,
}

/// The CSV header in the file: its columns (as the output module wrote them) and its length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CsvHeader {
    pub columns: Value,
    pub bytes: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
struct State {
    request: Request,
    /// Set once the first page (and with it a CSV header) is in the file.
    header: Option<CsvHeader>,
    /// Indexed as the walk numbers them. A window split off while others were still being
    /// written can be announced out of turn: until it is, its place is empty (`null`), and its
    /// range is still its parent's.
    windows: Vec<Option<Window>>,
    /// How many bytes of the partial file hold whole pages.
    bytes: u64,
    count: u64,
}

/// The customers of a window not yet written: ids in `(above, last_id)`, `created_at` in
/// `[start_time, end_time)`; `None` is unbounded.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Window {
    /// `YYYY-MM-DD HH:MM:SS`, as sent.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// The walk down continues below it: the last customer written from the window's top, or
    /// where `--parallel` cut it.
    pub last_id: Option<i64>,
    /// The walk up continues above it: the last customer written from the window's bottom, or
    /// where `--parallel` cut it. (A state written before walks up came has none.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<i64>,
}

pub struct Export {
    path: PathBuf,
    partial: PathBuf,
    state_path: PathBuf,
    state: State,
    file: File,
    written: Arc<AtomicU64>,
}

/// A failure to set up the file, before anything is sent: exit 2.
fn usage(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |e| Error::Usage(format!("cannot use {}: {e}", shown(path)))
}

/// A failure to write the file once the export runs: exit 1.
fn io_error(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |source| Error::Io {
        what: format!("cannot write {}", shown(path)),
        source,
    }
}

impl Export {
    /// Makes way for a new export at `path`, before anything is sent; the caller holds the lock,
    /// so no other nxcdp is writing it. An unfinished export that holds customers is refused (it
    /// can be resumed); one that holds nothing, as a process killed before its first page leaves
    /// it, is removed.
    pub fn check_new(path: &Path) -> Result<(), Error> {
        let partial = with_suffix(path, ".partial");
        let state_path = with_suffix(&partial, ".state");
        let Some(meta) = refuse_symlink(&partial)? else {
            return Ok(());
        };
        let state = std::fs::read_to_string(&state_path).ok();
        let state = state.and_then(|text| serde_json::from_str::<State>(&text).ok());
        let empty = match &state {
            Some(state) => state.bytes == 0,
            None => meta.is_file() && meta.len() == 0,
        };
        if empty {
            let _ = std::fs::remove_file(&state_path);
            return std::fs::remove_file(&partial).map_err(usage(&partial));
        }
        Err(Error::Usage(match state_path.exists() {
            true => format!(
                "{} holds an unfinished export: add --resume to continue it, or delete it to start again",
                shown(&partial)
            ),
            false => orphan(&partial),
        }))
    }

    /// Starts a new export of `windows`: creates `PATH.partial`, which must not exist (not even
    /// as a link), and its state. From now on it can be resumed.
    pub fn create(path: &Path, request: Request, windows: Vec<Window>) -> Result<Export, Error> {
        let partial = with_suffix(path, ".partial");
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&partial)
            .map_err(usage(&partial))?;
        crate::lock::hold(&file, &partial)?;
        let state = State {
            request,
            header: None,
            windows: windows.into_iter().map(Some).collect(),
            bytes: 0,
            count: 0,
        };
        let export = Export::new(path, partial, state, file);
        if let Err(e) = save_state(&export.state_path, &export.state) {
            export.discard();
            return Err(e);
        }
        Ok(export)
    }

    /// An export that stopped before anything was written: nothing of it stays.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.partial);
        let _ = std::fs::remove_file(&self.state_path);
    }

    /// Continues an export from its partial file, after checking that `now` asks for what the
    /// export was started with and that the state matches the file. Nothing is written here.
    pub fn resume(path: &Path, now: &Request) -> Result<Export, Error> {
        let partial = with_suffix(path, ".partial");
        let state_path = with_suffix(&partial, ".state");
        let damaged = |why: String| {
            Error::Usage(format!(
                "cannot resume {}: {why}; delete it and {} to start again",
                shown(&partial),
                shown(&state_path)
            ))
        };
        let meta = refuse_symlink(&partial)?;
        let text = match std::fs::read_to_string(&state_path) {
            Ok(text) => text,
            Err(_) if meta.is_some() => return Err(Error::Usage(orphan(&partial))),
            Err(_) => {
                return Err(Error::Usage(format!(
                    "there is no unfinished export of {} to resume",
                    shown(path)
                )))
            }
        };
        let mut state: State = serde_json::from_str(&text)
            .map_err(|e| damaged(format!("{} is damaged ({e})", shown(&state_path))))?;
        // The walk numbers the windows anew: the ones never announced are covered by parents.
        state.windows.retain(Option::is_some);
        if state.windows.is_empty() {
            return Err(damaged(format!(
                "{} names no window to walk",
                shown(&state_path)
            )));
        }
        if let Some(diff) = differs(&state.request, now) {
            return Err(Error::Usage(format!(
                "cannot resume {}: {diff}; resume with the same options, or delete it and {} to start again",
                shown(&partial),
                shown(&state_path)
            )));
        }
        let meta = meta.ok_or_else(|| damaged("it is missing".into()))?;
        if !meta.is_file() {
            return Err(damaged("it is not a regular file".into()));
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&partial)
            .map_err(usage(&partial))?;
        let opened = file.metadata().map_err(usage(&partial))?;
        if !same_file(&meta, &opened) {
            return Err(damaged("it was replaced while being opened".into()));
        }
        crate::lock::hold(&file, &partial)?;
        check_boundary(&mut file, &state).map_err(damaged)?;
        Ok(Export::new(path, partial, state, file))
    }

    fn new(path: &Path, partial: PathBuf, state: State, file: File) -> Export {
        Export {
            path: path.to_path_buf(),
            state_path: with_suffix(&partial, ".state"),
            partial,
            written: Arc::new(AtomicU64::new(state.bytes)),
            state,
            file,
        }
    }

    /// Where the formatter writes; it counts the bytes that reach the file. A half-written page
    /// after the last checkpoint is dropped first.
    pub fn writer(&self) -> Result<impl Write, Error> {
        let mut file = self.file.try_clone().map_err(io_error(&self.partial))?;
        file.set_len(self.state.bytes)
            .map_err(io_error(&self.partial))?;
        file.seek(SeekFrom::End(0))
            .map_err(io_error(&self.partial))?;
        Ok(Counted {
            inner: io::BufWriter::new(file),
            written: self.written.clone(),
            path: self.partial.clone(),
        })
    }

    /// The windows to walk, each from where it stopped, numbered as the walk numbers them.
    pub fn windows(&self) -> impl Iterator<Item = &Window> {
        self.state.windows.iter().flatten()
    }

    /// The start time the export was started with (`--since` resolved at the first run).
    pub fn start_time(&self) -> Option<String> {
        let start = self.state.request.query.get("start_time");
        start.and_then(Value::as_str).map(str::to_string)
    }

    /// The CSV header in the file, if one is.
    pub fn header(&self) -> Option<&CsvHeader> {
        self.state.header.as_ref()
    }

    /// Records the header the first page wrote; the next checkpoint saves it.
    pub fn set_header(&mut self, header: CsvHeader) {
        self.state.header.get_or_insert(header);
    }

    /// Nothing is written yet, not even a header.
    pub fn is_empty(&self) -> bool {
        self.state.bytes == 0
    }

    pub fn count(&self) -> u64 {
        self.state.count
    }

    /// Records a page the formatter has written and flushed: `customers` more from `window`,
    /// whose walk continues below `reached` (above it when `rising`: a walk up).
    pub fn checkpoint(
        &mut self,
        window: usize,
        customers: u64,
        reached: Option<i64>,
        rising: bool,
    ) -> Result<(), Error> {
        let written = self.written.load(Ordering::Relaxed);
        self.change(|state| {
            state.bytes = written;
            state.count += customers;
            if let (Some(Some(w)), Some(id)) = (state.windows.get_mut(window), reached) {
                match rising {
                    false => w.last_id = Some(id),
                    true => w.above = Some(id),
                }
            }
            Ok(())
        })
    }

    /// Records a split of a window by `--parallel` (see [`Split`]).
    pub fn split(&mut self, split: &Split) -> Result<(), Error> {
        self.change(|state| {
            let windows = &mut state.windows;
            let Some(Some(from)) = windows.get_mut(split.from) else {
                return Err(Error::Malformed(format!(
                    "window {} split before it was known",
                    split.from
                )));
            };
            let older = Window {
                start_time: from.start_time.clone(),
                end_time: from.end_time.clone(),
                last_id: Some(split.at),
                above: from.above.replace(split.at - 1),
            };
            if windows.len() <= split.window {
                windows.resize(split.window + 1, None);
            }
            windows[split.window] = Some(older);
            Ok(())
        })
    }

    /// Changes the state and saves it; a state that cannot be saved is not taken, so what this
    /// export says it holds (when it stops) is what its state file says.
    fn change(&mut self, edit: impl FnOnce(&mut State) -> Result<(), Error>) -> Result<(), Error> {
        let mut state = self.state.clone();
        edit(&mut state)?;
        save_state(&self.state_path, &state)?;
        self.state = state;
        Ok(())
    }
}

fn orphan(partial: &Path) -> String {
    format!(
        "{} exists but has no state file, so nxcdp cannot tell what it holds; delete it or move it away to start again",
        shown(partial)
    )
}

#[cfg(test)]
mod tests;
