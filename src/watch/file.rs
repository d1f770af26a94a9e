//! `--file PATH` with a bookmark: the customers appended to PATH, each exactly once. The bookmark
//! records how many bytes of PATH it covers and a hash of their end, saved only once they are on
//! disk, and says before each write that one is in progress. A run first cuts PATH back to what
//! the bookmark covers when a run of it was writing (a crash left the rest), and writes those
//! customers again; anything else it refuses: a tail another writer added, another file at PATH.

use super::bookmark::Covered;
use crate::error::{shown, Error};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// How much of the covered bytes' end the hash reads: enough to tell another file, without
/// reading a file of months at every run.
const TAIL: u64 = 64 * 1024;

/// Opens PATH to append to, as `covered` (the bookmark's record of it, if any) says: cut back to
/// the bytes the bookmark covers, or new. `output` names the output options; a file started with
/// others is refused, as is one this bookmark did not start, another file at PATH, and one that
/// grew while no run of it was writing. Checked before anything is sent.
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
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse(
            "is a symbolic link; nxcdp does not write through one".into(),
        ));
    }
    let mine = covered.filter(|c| c.path == name);
    if let Some(c) = mine.filter(|c| c.output != output) {
        return Err(refuse(format!(
            "was started with `{}`; use the same output options, or another file",
            shown(&c.output)
        )));
    }
    let failed = |e| Error::Usage(format!("cannot write {}: {e}", shown(path)));
    // Appending: every write goes to the end, after the bytes kept. Read: their hash.
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(failed)?;
    // Held while the watch runs: another nxcdp writing this file by another name is refused.
    crate::lock::hold(&file, path)?;
    let len = file.metadata().map_err(failed)?.len();
    let keep = match mine {
        // Moved away since (taken by whoever reads it), or emptied: a new file starts.
        Some(_) if len == 0 => 0,
        Some(c) if len < c.bytes => {
            return Err(refuse(format!(
                "holds {len} bytes, fewer than the {} the bookmark covers: something else changed it; move it away to start a new file",
                c.bytes
            )))
        }
        Some(c) if c.tail_sha256.is_some() && tail_sha256(&file, c.bytes).ok() != c.tail_sha256 => {
            return Err(refuse(format!(
                "its first {} bytes are not the ones this bookmark wrote: it is another file; move it away to start a new one, or name another file",
                c.bytes
            )))
        }
        Some(c) if len > c.bytes && !c.writing => {
            return Err(refuse(format!(
                "holds {len} bytes, more than the {} this bookmark wrote, and no run of it was writing: another writer added to it (two bookmarks on one file?); give each bookmark a file of its own, or move this one away to start a new one",
                c.bytes
            )))
        }
        // What a run that died while writing left past what it covered is cut: written again.
        Some(c) => c.bytes,
        None if len > 0 => {
            return Err(refuse(
                "exists and was not written by this bookmark; name a new file, or move it away"
                    .into(),
            ))
        }
        None => 0,
    };
    file.set_len(keep).map_err(failed)?;
    let columns = mine.filter(|_| keep > 0).and_then(|c| c.columns.clone());
    let record = Covered {
        path: name,
        bytes: keep,
        output: output.to_string(),
        columns,
        writing: false,
        tail_sha256: Some(tail_sha256(&file, keep).map_err(failed)?),
    };
    Ok((file, record))
}

/// After a page: the file's bytes on disk, and the hash of their end, for the bookmark to cover.
pub fn settle(file: &File, path: &Path) -> Result<(u64, String), Error> {
    let failed = |source| Error::Io {
        what: format!("cannot write {}", shown(path)),
        source,
    };
    file.sync_data().map_err(failed)?;
    let len = file.metadata().map_err(failed)?.len();
    Ok((len, tail_sha256(file, len).map_err(failed)?))
}

/// SHA-256 of the last [`TAIL`] bytes (or fewer) of the first `bytes` of `file`, in hex.
fn tail_sha256(file: &File, bytes: u64) -> std::io::Result<String> {
    let start = bytes.saturating_sub(TAIL);
    let mut end = vec![0; (bytes - start) as usize];
    let mut reader = file;
    reader.seek(SeekFrom::Start(start))?;
    reader.read_exact(&mut end)?;
    Ok(hex::encode(Sha256::digest(&end)))
}
