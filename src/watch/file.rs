//! `--file PATH` with a bookmark: the customers appended to PATH, each exactly once. The bookmark
//! records how many bytes of PATH it covers, saved only once they are on disk; a run first cuts
//! PATH back to that length, dropping what a crashed run wrote after its last save, and writes
//! those customers again.

use super::bookmark::Covered;
use crate::error::{shown, Error};
use std::fs::{File, OpenOptions};
use std::path::Path;

/// Opens PATH to append to, as `covered` (the bookmark's record of it, if any) says: cut back to
/// the bytes the bookmark covers, or new. `output` names the output options; a file started with
/// others is refused, as is one this bookmark did not start. Checked before anything is sent.
pub fn open(
    path: &Path,
    covered: Option<&Covered>,
    output: &str,
) -> Result<(File, Covered), Error> {
    let absolute = std::path::absolute(path)
        .map_err(|e| Error::Usage(format!("--file {}: {e}", shown(path))))?;
    let name = shown(&absolute);
    let refuse = |why: String| Error::Usage(format!("--file {}: {why}", shown(path)));
    crate::export::check_path(path)?;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(refuse(
                "is a symbolic link; nxcdp does not write through one".into(),
            ))
        }
        Ok(m) => Some(m),
        Err(_) => None,
    };
    let len = meta.as_ref().map_or(0, |m| m.len());
    let bytes = match covered.filter(|c| c.path == name) {
        Some(c) if c.output != output => {
            return Err(refuse(format!(
                "was started with `{}`; use the same output options, or another file",
                shown(&c.output)
            )))
        }
        // Moved away since (taken by whoever reads it): a new file starts.
        Some(_) if meta.is_none() => 0,
        Some(c) if len < c.bytes => {
            return Err(refuse(format!(
                "holds {len} bytes, fewer than the {} the bookmark covers: something else changed it; move it away to start a new file",
                c.bytes
            )))
        }
        Some(c) => c.bytes,
        None if len > 0 => {
            return Err(refuse(
                "exists and was not written by this bookmark; name a new file, or move it away"
                    .into(),
            ))
        }
        None => 0,
    };
    let failed = |e| Error::Usage(format!("cannot write {}: {e}", shown(path)));
    // Appending: every write goes to the end, after the bytes kept.
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(failed)?;
    file.set_len(bytes).map_err(failed)?;
    let columns = covered.filter(|c| c.path == name && bytes > 0);
    let record = Covered {
        path: name,
        bytes,
        output: output.to_string(),
        columns: columns.and_then(|c| c.columns.clone()),
    };
    Ok((file, record))
}

/// After a page: the file's bytes on disk, for the bookmark to cover.
pub fn settle(file: &File, path: &Path) -> Result<u64, Error> {
    let failed = |source| Error::Io {
        what: format!("cannot write {}", shown(path)),
        source,
    };
    file.sync_data().map_err(failed)?;
    Ok(file.metadata().map_err(failed)?.len())
}
