//! The files an import writes beside its input: where the journal goes by default, and the
//! checks made before anything is read or written: neither the rejects file nor the journal is
//! the input (by any name: a link, another path) or the other, and each is a regular file or
//! none yet (a pipe would block, a device or a directory cannot hold it).

use crate::error::{shown, Error};
use std::path::{Path, PathBuf};

/// `FILE.journal`, beside the file itself: through a symbolic link, beside the file it leads to,
/// so that every name of one input finds the same journal, and the same lock.
pub fn default_journal(file: &Path) -> PathBuf {
    let linked = std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink());
    let real = match linked {
        true => std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf()),
        false => file.to_path_buf(),
    };
    crate::lock::with_suffix(&real, ".journal")
}

/// Refuses (exit 2) a rejects file or journal that is the `input` (`None` for stdin) or the
/// other, or that exists and is not a regular file.
pub fn check(
    input: Option<&Path>,
    rejects: Option<&Path>,
    journal: Option<&Path>,
) -> Result<(), Error> {
    for (flag, path) in [("--rejects", rejects), ("--journal", journal)] {
        let Some(path) = path else { continue };
        let is_input = match input {
            Some(input) => same(input, path),
            None => is_stdin(path),
        };
        if is_input {
            return Err(Error::Usage(format!(
                "{flag} {} is the input file; name another",
                shown(path)
            )));
        }
        let stream = !matches!(crate::place::place(path), crate::place::Place::File(_));
        if stream || std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(Error::Usage(format!(
                "{flag} {} is not a regular file (a pipe, a device or a directory); name a file",
                shown(path)
            )));
        }
    }
    if let (Some(rejects), Some(journal)) = (rejects, journal) {
        if same(rejects, journal) {
            return Err(Error::Usage(format!(
                "--rejects {} is the journal; name another",
                shown(rejects)
            )));
        }
    }
    Ok(())
}

/// Whether two paths name one file: the same file when both exist (a hard link, a symbolic
/// link, another path to it), else the same name in the same directory.
fn same(a: &Path, b: &Path) -> bool {
    if let Some(same) = same_existing(a, b) {
        return same;
    }
    let full = |p: &Path| {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        parent
            .canonicalize()
            .ok()
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    a == b || (full(a).is_some() && full(a) == full(b))
}

/// Whether `path` is the file stdin reads (`import - --rejects in.csv < in.csv`).
#[cfg(unix)]
fn is_stdin(path: &Path) -> bool {
    use std::os::fd::AsFd;
    let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    match (std::fs::File::from(fd).metadata(), std::fs::metadata(path)) {
        (Ok(stdin), Ok(file)) => stdin.is_file() && crate::lock::same_file(&stdin, &file),
        _ => false,
    }
}

/// Windows: stdin's file is not compared.
#[cfg(not(unix))]
fn is_stdin(_: &Path) -> bool {
    false
}

/// By device and inode, when both exist.
#[cfg(unix)]
fn same_existing(a: &Path, b: &Path) -> Option<bool> {
    let (a, b) = (std::fs::metadata(a).ok()?, std::fs::metadata(b).ok()?);
    Some(crate::lock::same_file(&a, &b))
}

/// Windows (stable Rust has no file ids there): by the paths the links lead to; a hard link is
/// not found.
#[cfg(not(unix))]
fn same_existing(a: &Path, b: &Path) -> Option<bool> {
    Some(std::fs::canonicalize(a).ok()? == std::fs::canonicalize(b).ok()?)
}
