//! What an export checks before it writes: the output path and the names of the files it will
//! write beside it, a link at `PATH.partial`, and on `--resume`, the server and the request
//! against the ones it was started with and the state against the file.

use super::{Request, State, Target};
use crate::error::{shown, Error};
use crate::lock::with_suffix;
use crate::place::{place, Place};
use serde_json::Value;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Refuses an output path that cannot work, before anything is sent: an empty path, one ending
/// in `/`, a directory, or one whose directory does not exist. (Whether it is writable is known
/// when its lock file is created, and [`check_names`] checks the rest, also before anything is
/// sent.)
pub fn check_path(path: &Path) -> Result<(), Error> {
    let refuse = |why: String| Err(Error::Usage(format!("--file {}: {why}", shown(path))));
    if path.as_os_str().is_empty() {
        return refuse("the path is empty".into());
    }
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        return refuse("ends with /; name a file, not a directory".into());
    }
    // Written to a new name and renamed into place, or appended and cut back: a device or a
    // pipe there would be replaced, a loop of links has no file.
    match place(path) {
        Place::Stream => {
            return refuse(
                "is not a regular file but a device, a pipe or a descriptor (such as /dev/stdout): to stream, give --file - and redirect"
                    .into(),
            )
        }
        Place::Loop => return refuse("is a loop of symbolic links".into()),
        Place::File(_) => {}
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return refuse("is a directory; name a file in it".into());
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match std::fs::metadata(parent) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => refuse(format!("{} is not a directory", shown(parent))),
        Err(_) => refuse(format!("the directory {} does not exist", shown(parent))),
    }
}

/// Refuses, before anything is sent, the names the export writes beside `path` that cannot be
/// written: a directory at one of them, or a name the file system refuses (too long, most
/// often). The longest, `PATH.partial.state.tmp`, is created and removed again: whatever length
/// the file system allows, the shorter names then pass too. The caller holds the export's lock,
/// so that name is nobody else's.
pub fn check_names(path: &Path) -> Result<(), Error> {
    for suffix in crate::lock::BESIDE {
        let name = with_suffix(path, suffix);
        if std::fs::symlink_metadata(&name).is_ok_and(|m| m.is_dir()) {
            return Err(Error::Usage(format!(
                "--file {}: {} is a directory, where the export keeps a file: remove it",
                shown(path),
                shown(&name)
            )));
        }
    }
    let longest = with_suffix(path, crate::lock::BESIDE[0]);
    // A leftover of a run that was killed: the export removes it before each save anyway.
    let _ = std::fs::remove_file(&longest);
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&longest);
    match created {
        Ok(_) => std::fs::remove_file(&longest)
            .map_err(|e| Error::Usage(format!("cannot remove {}: {e}", shown(&longest)))),
        Err(e) => {
            let bytes = longest.file_name().map_or(0, |n| n.len());
            Err(Error::Usage(format!(
                "--file {}: the export also writes {} beside it (a name of {bytes} bytes), which cannot be created: {e}; choose a shorter name or another directory",
                shown(path),
                shown(&longest),
            )))
        }
    }
}

/// Refuses a symbolic link at `partial`: an export never writes through one.
pub(super) fn refuse_symlink(partial: &Path) -> Result<Option<std::fs::Metadata>, Error> {
    match std::fs::symlink_metadata(partial) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::Usage(format!(
            "{} is a symbolic link; an export does not write through one: remove it",
            shown(partial)
        ))),
        Ok(m) => Ok(Some(m)),
        Err(_) => Ok(None),
    }
}

/// The state must describe the file: it holds at least `bytes`, which end a record (`\n`) and,
/// in a CSV, include the whole header.
pub(super) fn check_boundary(file: &mut File, state: &State) -> Result<(), String> {
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let bytes = state.bytes;
    if bytes > len {
        return Err(format!(
            "its state says {bytes} bytes were written, but it holds {len}"
        ));
    }
    if bytes == 0 {
        return Ok(());
    }
    let mut last = [0u8];
    file.seek(SeekFrom::Start(bytes - 1))
        .and_then(|_| file.read_exact(&mut last))
        .map_err(|e| e.to_string())?;
    if last != *b"\n" {
        return Err(format!(
            "its state says {bytes} bytes were written, which is not the end of a record"
        ));
    }
    if state.request.options.format == "csv" {
        let header = state.header.as_ref().map_or(u64::MAX, |h| h.bytes);
        if bytes < header {
            return Err(format!(
                "its state says {bytes} bytes were written, fewer than the CSV header holds"
            ));
        }
    }
    Ok(())
}

/// Which part of the request differs from the one the export was started with, if any; the
/// server first: a resume from another one would mix its customers into the file.
pub(super) fn differs(started: &Request, now: &Request) -> Option<String> {
    if let Some(diff) = other_server(started.target.as_ref(), now.target.as_ref()) {
        return Some(diff);
    }
    let with = |flag: &str, value: Option<String>| match value {
        Some(v) => format!("{flag} differs: the export was started with {v}"),
        None => format!("{flag} differs: the export was started without it"),
    };
    if started.since != now.since {
        return Some(with("--since", started.since.clone()));
    }
    let (a, b) = (&started.options, &now.options);
    if a.format != b.format {
        return Some(with("-o", Some(format!("-o {}", a.format))));
    }
    if a.columns != b.columns {
        let columns = (!a.columns.is_empty()).then(|| a.columns.join(","));
        return Some(with("--columns", columns));
    }
    for (name, x, y) in [
        (
            "--raw-custom-fields",
            a.raw_custom_fields,
            b.raw_custom_fields,
        ),
        ("--ids-as-strings", a.ids_as_strings, b.ids_as_strings),
        ("--csv-safe", a.csv_safe, b.csv_safe),
        ("--bom", a.bom, b.bom),
    ] {
        if x != y {
            let how = if x { "with" } else { "without" };
            return Some(format!("{name} differs: the export was started {how} it"));
        }
    }
    if let Some(labels) = &a.field_labels {
        if b.field_labels.as_ref() != Some(labels) {
            let how = "(or by the locale, which is used without it)";
            return Some(format!(
                "--field-labels differs: the export was started with --field-labels {labels} {how}"
            ));
        }
    }
    // With the same `--since`, the first run's time stands.
    let mut query = now.query.clone();
    if now.since.is_some() {
        match started.query.get("start_time") {
            Some(t) => query.insert("start_time".into(), t.clone()),
            None => query.remove("start_time"),
        };
    }
    let keys = started
        .query
        .keys()
        .chain(query.keys().filter(|k| !started.query.contains_key(*k)));
    for key in keys {
        let (was, is) = (started.query.get(key), query.get(key));
        if was != is {
            let shown = was.map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            return Some(with(&crate::query::flag_of(key), shown));
        }
    }
    None
}

/// How the server of this run differs from the export's, if it does.
fn other_server(started: Option<&Target>, now: Option<&Target>) -> Option<String> {
    let (Some(a), Some(b)) = (started, now) else {
        return (started != now).then(|| {
            "its state does not say which server it came from (an older nxcdp started it)".into()
        });
    };
    let region = |r: &Option<String>| match r {
        Some(name) => format!("region {name}"),
        None => "no region (a base URL of its own)".into(),
    };
    if a.access_key != b.access_key {
        return Some(format!(
            "the access key differs: the export was started with {}, this run uses {}",
            a.access_key, b.access_key
        ));
    }
    if a.region != b.region {
        return Some(format!(
            "the region differs: the export was started in {}, this run is in {}",
            region(&a.region),
            region(&b.region)
        ));
    }
    (a.base_url != b.base_url).then(|| {
        format!(
            "the server differs: the export was started against {}, this run goes to {}",
            a.base_url, b.base_url
        )
    })
}
