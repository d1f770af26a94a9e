//! Exports that cannot lie: customers go to `PATH.partial`, and only a complete walk renames it
//! to `PATH`. After each page a small state file records how far the file is good and which
//! cursor continues it, so a failed or interrupted export resumes without duplicates.

use crate::error::Error;
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
    /// The id of the last customer written: the walk continues after it.
    last_id: Option<i64>,
    /// How many bytes of the partial file hold whole pages.
    bytes: u64,
    count: u64,
    /// A single cursor's export resumes; one of several windows (`--parallel`) does not.
    resumable: bool,
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
        resumable: bool,
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
            last_id: None,
            bytes: 0,
            count: 0,
            resumable,
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
        let state: State = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{} is damaged ({e}); delete it and start again",
                state_path.display()
            ))
        })?;
        if !state.resumable {
            return Err(Error::Usage(format!(
                "{} was written by several windows at once (--parallel) and cannot be resumed; delete it and export again",
                partial.display()
            )));
        }
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

    pub fn last_id(&self) -> Option<i64> {
        self.state.last_id
    }

    /// Nothing is written yet, not even a header.
    pub fn is_empty(&self) -> bool {
        self.state.bytes == 0
    }

    pub fn count(&self) -> u64 {
        self.state.count
    }

    /// Records a page the formatter has written and flushed.
    pub fn checkpoint(&mut self, customers: u64, last_id: Option<i64>) -> Result<(), Error> {
        self.state.bytes = self.written.get();
        self.state.count += customers;
        self.state.last_id = last_id.or(self.state.last_id);
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
        if !self.state.resumable {
            return format!(
                "export stopped: {} customers are in {}; an export with --parallel cannot resume: delete it and export again",
                self.state.count,
                self.partial.display()
            );
        }
        format!(
            "export stopped: {} customers are in {}{}; run the same command with --resume to continue",
            self.state.count,
            self.partial.display(),
            self.state.last_id.map_or(String::new(), |id| format!(" (up to id {id}, cursor --after {id})")),
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
