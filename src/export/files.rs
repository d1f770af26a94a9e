//! The export's bytes on disk: the writer that counts what reaches the partial file, and the
//! state, saved whole by a rename.

use super::{io_error, State};
use crate::error::{shown, Error};
use crate::lock::with_suffix;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Writes the state to a new file beside it, then renames it over the old one; a link left at
/// the temporary name is removed, never followed, and so is the temporary file of a save that
/// failed (a full disk).
pub(super) fn save_state(path: &Path, state: &State) -> Result<(), Error> {
    let tmp = with_suffix(path, ".tmp");
    let text = serde_json::to_string(state).expect("the state always serializes");
    let _ = std::fs::remove_file(&tmp);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(io_error(&tmp))?;
    let saved = file
        .write_all(text.as_bytes())
        .map_err(io_error(&tmp))
        .and_then(|()| std::fs::rename(&tmp, path).map_err(io_error(path)));
    if saved.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    saved
}

pub(super) struct Counted<W> {
    pub(super) inner: W,
    pub(super) written: Arc<AtomicU64>,
    /// Named in its errors: whatever writes through it (csv, a formatter) does not know it.
    pub(super) path: PathBuf,
}

impl<W> Counted<W> {
    fn named(&self, e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("cannot write {}: {e}", shown(&self.path)))
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf).map_err(|e| self.named(e))?;
        self.written.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.named(e))
    }
}
