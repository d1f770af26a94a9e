//! What an export checks before it writes: the output path, a link at `PATH.partial`, and on
//! `--resume`, the request against the one it was started with and the state against the file.

use super::{Request, State};
use crate::error::Error;
use serde_json::Value;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Refuses an output path that cannot work, before anything is sent: an empty path, one ending
/// in `/`, a directory, or one whose directory does not exist. (Whether it is writable is known
/// when `PATH.partial` is created, also before anything is sent.)
pub fn check_path(path: &Path) -> Result<(), Error> {
    let shown = path.display();
    let refuse = |why: String| Err(Error::Usage(format!("--file {shown}: {why}")));
    if path.as_os_str().is_empty() {
        return refuse("the path is empty".into());
    }
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        return refuse("ends with /; name a file, not a directory".into());
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return refuse("is a directory; name a file in it".into()),
        // The finished file is renamed over PATH: a device or a pipe there would be replaced.
        Ok(m) if !m.is_file() => {
            return refuse(
                "is not a regular file (a device or a pipe); to stream, use --file - and redirect"
                    .into(),
            )
        }
        _ => {}
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match std::fs::metadata(parent) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => refuse(format!("{} is not a directory", parent.display())),
        Err(_) => refuse(format!("the directory {} does not exist", parent.display())),
    }
}

/// Refuses a symbolic link at `partial`: an export never writes through one.
pub(super) fn refuse_symlink(partial: &Path) -> Result<Option<std::fs::Metadata>, Error> {
    match std::fs::symlink_metadata(partial) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::Usage(format!(
            "{} is a symbolic link; an export does not write through one: remove it",
            partial.display()
        ))),
        Ok(m) => Ok(Some(m)),
        Err(_) => Ok(None),
    }
}

#[cfg(unix)]
pub(super) fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
pub(super) fn same_file(_: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    b.is_file()
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

/// Which part of the request differs from the one the export was started with, if any.
pub(super) fn differs(started: &Request, now: &Request) -> Option<String> {
    let with = |flag: &str, value: Option<String>| match value {
        Some(v) => format!("{flag} differs: the export was started with {v}"),
        None => format!("{flag} differs: the export was started without it"),
    };
    if started.since != now.since {
        return Some(with("--since", started.since.clone()));
    }
    let (a, b) = (&started.options, &now.options);
    if a.format != b.format {
        return Some(with("-o", Some(a.format.clone())));
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
    ] {
        if x != y {
            let how = if x { "with" } else { "without" };
            return Some(format!("{name} differs: the export was started {how} it"));
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
            return Some(with(&filter_flag(key), shown));
        }
    }
    None
}

/// The flags that set a key of the request body.
fn filter_flag(key: &str) -> String {
    match key {
        "start_time" => "--start-time".into(),
        "tags" => "--tag/--tag-id".into(),
        "his_tags" => "--his-tag/--his-tag-id".into(),
        "tags_logic_type" => "--tags-logic".into(),
        "whatsApp_phone" => "--whatsapp-phone".into(),
        "tenant_id" => "the tenant id".into(),
        "app_key" => "the app key".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}
