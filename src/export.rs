//! Exports that cannot lie: customers go to `PATH.partial`, and only a complete walk renames it
//! to `PATH`. After each page a small state file records how far the file is good and, for each
//! time window being walked (one, or N with `--parallel`), the cursor that continues it, so a
//! failed or interrupted export resumes without duplicates.

use crate::error::Error;
use crate::paginator::Split;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct State {
    /// The query body without cursor and page size: a resume must ask the same question.
    query: String,
    format: String,
    /// Indexed as the walk numbers them. A window split off while others were still being
    /// written can be announced out of turn: until it is, its place is empty (`null`), and its
    /// range is still its parent's.
    windows: Vec<Option<Window>>,
    /// How many bytes of the partial file hold whole pages.
    bytes: u64,
    count: u64,
}

/// A `created_at` range walked by one cursor, and how far it got.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Window {
    /// `YYYY-MM-DD HH:MM:SS`, as sent; `None` is unbounded.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// The id of the last customer of this window written: its walk continues after it.
    pub last_id: Option<i64>,
}

pub struct Export {
    path: PathBuf,
    partial: PathBuf,
    state_path: PathBuf,
    state: State,
    file: File,
    written: Rc<Cell<u64>>,
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |e| Error::Usage(format!("{}: {e}", path.display()))
}

impl Export {
    /// Starts a new export; refuses when an interrupted one is waiting to be resumed.
    pub fn create(
        path: &Path,
        query: String,
        format: &str,
        windows: Vec<Window>,
    ) -> Result<Export, Error> {
        let partial = with_suffix(path, ".partial");
        if partial.exists() {
            return Err(Error::Usage(format!(
                "{} holds an unfinished export: add --resume to continue it, or delete it to start again",
                partial.display()
            )));
        }
        let file = File::create(&partial).map_err(io_error(&partial))?;
        let state = State {
            query,
            format: format.to_string(),
            windows: windows.into_iter().map(Some).collect(),
            bytes: 0,
            count: 0,
        };
        let export = Export::new(path, partial, state, file);
        export.save_state()?;
        Ok(export)
    }

    /// Continues an export from its partial file, dropping any half-written page.
    pub fn resume(path: &Path, query: String, format: &str) -> Result<Export, Error> {
        let partial = with_suffix(path, ".partial");
        let state_path = with_suffix(&partial, ".state");
        let text = std::fs::read_to_string(&state_path).map_err(|_| {
            Error::Usage(format!(
                "there is no unfinished export of {} to resume",
                path.display()
            ))
        })?;
        let mut state: State = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{} is damaged ({e}); delete it and start again",
                state_path.display()
            ))
        })?;
        // The walk numbers the windows anew: the ones never announced are covered by parents.
        state.windows.retain(Option::is_some);
        if state.query != query || state.format != format {
            return Err(Error::Usage(format!(
                "{} was started with other filters or another format; resume it with the same ones, or delete it",
                partial.display()
            )));
        }
        let mut file = OpenOptions::new()
            .write(true)
            .open(&partial)
            .map_err(io_error(&partial))?;
        file.set_len(state.bytes).map_err(io_error(&partial))?;
        file.seek(SeekFrom::End(0)).map_err(io_error(&partial))?;
        Ok(Export::new(path, partial, state, file))
    }

    fn new(path: &Path, partial: PathBuf, state: State, file: File) -> Export {
        Export {
            path: path.to_path_buf(),
            state_path: with_suffix(&partial, ".state"),
            partial,
            written: Rc::new(Cell::new(state.bytes)),
            state,
            file,
        }
    }

    /// Where the formatter writes; it counts the bytes that reach the file.
    pub fn writer(&self) -> Result<impl Write, Error> {
        let file = self.file.try_clone().map_err(io_error(&self.partial))?;
        Ok(Counted {
            inner: io::BufWriter::new(file),
            written: self.written.clone(),
        })
    }

    /// The windows to walk, each from where it stopped, numbered as the walk numbers them.
    pub fn windows(&self) -> impl Iterator<Item = &Window> {
        self.state.windows.iter().flatten()
    }

    /// Nothing is written yet, not even a header.
    pub fn is_empty(&self) -> bool {
        self.state.bytes == 0
    }

    pub fn count(&self) -> u64 {
        self.state.count
    }

    /// Records a page the formatter has written and flushed: `customers` more from `window`,
    /// whose walk continues after `last_id`.
    pub fn checkpoint(
        &mut self,
        window: usize,
        customers: u64,
        last_id: Option<i64>,
    ) -> Result<(), Error> {
        self.state.bytes = self.written.get();
        self.state.count += customers;
        if let (Some(Some(w)), Some(id)) = (self.state.windows.get_mut(window), last_id) {
            w.last_id = Some(id);
        }
        self.save_state()
    }

    /// Records a split of a window by `--parallel` (see [`Split`]).
    pub fn split(&mut self, split: &Split) -> Result<(), Error> {
        let windows = &mut self.state.windows;
        let Some(Some(from)) = windows.get_mut(split.from) else {
            return Err(Error::Malformed(format!(
                "window {} split before it was known",
                split.from
            )));
        };
        let older = Window {
            start_time: from.start_time.replace(split.at.clone()),
            end_time: Some(split.at.clone()),
            last_id: Some(split.cursor),
        };
        if windows.len() <= split.window {
            windows.resize(split.window + 1, None);
        }
        windows[split.window] = Some(older);
        self.save_state()
    }

    fn save_state(&self) -> Result<(), Error> {
        let tmp = with_suffix(&self.state_path, ".tmp");
        let text = serde_json::to_string(&self.state).expect("the state always serializes");
        std::fs::write(&tmp, text).map_err(io_error(&tmp))?;
        std::fs::rename(&tmp, &self.state_path).map_err(io_error(&self.state_path))
    }

    /// The walk is complete: the file appears under its name, whole.
    pub fn commit(self) -> Result<PathBuf, Error> {
        self.file.sync_all().map_err(io_error(&self.partial))?;
        std::fs::rename(&self.partial, &self.path).map_err(io_error(&self.path))?;
        let _ = std::fs::remove_file(&self.state_path);
        Ok(self.path)
    }

    /// What to tell the user when the export stops short.
    pub fn stopped_message(&self) -> String {
        let windows: Vec<&Window> = self.windows().collect();
        let cursor = match windows.as_slice() {
            [Window {
                last_id: Some(id), ..
            }] => format!(" (up to id {id}, cursor --after {id})"),
            [_] => String::new(),
            many => format!(" ({} time windows, each with its cursor)", many.len()),
        };
        format!(
            "export stopped: {} customers are in {}{cursor}; run the same command with --resume to continue",
            self.state.count,
            self.partial.display(),
        )
    }
}

struct Counted<W> {
    inner: W,
    written: Rc<Cell<u64>>,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written.set(self.written.get() + n as u64);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
