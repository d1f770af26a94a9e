//! The input: a file (a regular one: a pipe or a device is refused), or stdin (kept in a
//! temporary file when it must be read twice), and its format. Its readers count and hash what
//! they read ([`super::digest`]).

use super::digest::{read_failed, Checked, Hashed, Verified};
use super::Format;
use crate::error::{shown, Error};
use std::fs::{File, Metadata};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Where rows come from.
pub struct Input {
    /// The path as given (`-` for stdin).
    pub path: PathBuf,
    source: Source,
    /// Whether readers hash what they read (for a journal; a check alone needs no hash).
    digest: bool,
    /// Set when the send pass found the input changed since the check pass.
    changed: Arc<AtomicBool>,
}

enum Source {
    File(File),
    /// Stdin read once, as it comes.
    Stdin,
    /// Stdin copied into a temporary file: unlinked as soon as it is open where the system
    /// allows it, else (`Some`) removed on drop.
    Spooled(File, Option<PathBuf>),
}

/// Why `path` cannot be read as an input, before it is opened (opening a pipe would wait for
/// a writer): a directory, a pipe, a device. Its metadata when it can; `None` for stdin.
pub fn check(path: &Path) -> Result<Option<Metadata>, Error> {
    if path.as_os_str() == "-" {
        return Ok(None);
    }
    let meta = std::fs::metadata(path).map_err(|e| refused(path, e.to_string()))?;
    regular(path, &meta)?;
    Ok(Some(meta))
}

fn refused(path: &Path, why: String) -> Error {
    Error::Usage(format!("cannot read {}: {why}", shown(path)))
}

/// A regular file, or why it is not one an import can read twice.
fn regular(path: &Path, meta: &Metadata) -> Result<(), Error> {
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
    #[cfg(not(unix))]
    let pipe = false;
    let why = match () {
        _ if meta.is_file() => return Ok(()),
        _ if meta.is_dir() => "it is a directory",
        _ if pipe => {
            "it is a pipe; to read one, use - (stdin), as in: COMMAND | nxcdp customers import -"
        }
        _ => "it is not a regular file (a device or a socket); give a file, or - for stdin",
    };
    Err(refused(path, why.into()))
}

impl Input {
    /// Opens `path` (`-` for stdin). Stdin is copied into a temporary file first when it will be
    /// read `twice` (once to check it whole, once to send it); its hash is then taken too. A file
    /// read twice (an import that sends) is locked itself for as long as it is open, the file
    /// opened here and no other: no other nxcdp writes it meanwhile, by any name, and none is
    /// writing it now.
    pub fn open(path: &Path, twice: bool) -> Result<Input, Error> {
        let source = match (check(path)?, twice) {
            (None, false) => Source::Stdin,
            (None, true) => spool()?,
            (Some(_), _) => {
                let file = File::open(path).map_err(|e| refused(path, e.to_string()))?;
                // What was opened, in case the path changed since it was checked.
                let meta = file.metadata().map_err(|e| refused(path, e.to_string()))?;
                regular(path, &meta)?;
                if twice {
                    crate::lock::refuse_written(path)?;
                    crate::lock::hold(&file, path)?;
                }
                Source::File(file)
            }
        };
        Ok(Input {
            path: path.to_path_buf(),
            source,
            digest: twice,
            changed: Arc::default(),
        })
    }

    /// Whether the send pass found the input changed since it was checked.
    pub fn changed(&self) -> bool {
        self.changed.load(Ordering::Relaxed)
    }

    /// A reader from the first byte, counting what it reads. For the check pass (`checked`
    /// `None`) of an import that sends, it also hashes it; the send pass reads only bytes that
    /// match the check pass's [`Checked`].
    pub fn reader(&self, checked: Option<&Checked>) -> Result<Hashed<Box<dyn Read>>, Error> {
        let inner: Box<dyn Read> = match &self.source {
            Source::File(f) | Source::Spooled(f, _) => {
                let mut f = f.try_clone().map_err(self.io("read"))?;
                f.seek(SeekFrom::Start(0)).map_err(self.io("read"))?;
                match checked {
                    Some(checked) => Box::new(Verified::new(
                        f,
                        shown(&self.path),
                        checked,
                        self.changed.clone(),
                    )),
                    None => Box::new(f),
                }
            }
            Source::Stdin => Box::new(io::stdin()),
        };
        Ok(Hashed::new(inner, self.digest && checked.is_none()))
    }

    pub fn io(&self, what: &'static str) -> impl Fn(io::Error) -> Error + '_ {
        move |source| read_failed(format!("cannot {what} {}", shown(&self.path)), source)
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        if let Source::Spooled(_, Some(path)) = &self.source {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Stdin into a new file in the temp directory, readable by this user alone. On Unix its name
/// goes at once (the open file is all that is read), so no way of ending leaves it behind.
fn spool() -> Result<Source, Error> {
    let failed = |source| Error::Io {
        what: "cannot keep stdin in a temporary file".into(),
        source,
    };
    let mut n = 0u32;
    let (mut file, path) = loop {
        let path = std::env::temp_dir().join(format!("nxcdp-import-{}-{n}", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(file) => break (file, path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(failed(e)),
        }
    };
    #[cfg(unix)]
    let path = std::fs::remove_file(&path).err().map(|_| path);
    #[cfg(not(unix))]
    let path = Some(path);
    let copied = io::copy(&mut io::stdin().lock(), &mut file).and_then(|_| file.flush());
    if let Err(e) = copied {
        if let Some(path) = &path {
            let _ = std::fs::remove_file(path);
        }
        return Err(failed(e));
    }
    Ok(Source::Spooled(file, path))
}

/// The format of a file by its name: `.csv`, `.jsonl`/`.ndjson`, `.json`, a workbook's.
pub fn by_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(Format::Csv),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "json" => Some(Format::Json),
        "xlsx" | "xlsm" | "xls" | "ods" => Some(Format::Workbook),
        _ => None,
    }
}

/// Skips a UTF-8 byte order mark (spreadsheets write one), then tells the format by the first
/// byte that is not white space when neither `--format` nor the extension did: `[` a JSON array,
/// `{` JSON lines, anything else CSV. A `.json` file that holds objects rather than an array is
/// read as JSON lines.
pub fn start<R: Read>(reader: &mut BufReader<R>, told: Option<Format>) -> io::Result<Format> {
    if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    // A workbook named or told as text (an .xlsx renamed .csv): what it is, not CSV errors.
    if let (Some(told), Some(kind)) = (told, super::text::binary_kind(reader.fill_buf()?)) {
        if told != Format::Workbook {
            let why = format!(
                "the input is not {} text: it is {kind}",
                told.name().to_ascii_uppercase()
            );
            let why = super::csv_text::Unreadable::new(why);
            return Err(io::Error::new(io::ErrorKind::InvalidData, why));
        }
    }
    if let Some(told @ (Format::Csv | Format::Workbook)) = told {
        return Ok(told);
    }
    if super::text::binary(reader.fill_buf()?) {
        return Ok(Format::Workbook);
    }
    // The first buffer decides: a file that starts with more white space than that is CSV.
    let buf = reader.fill_buf()?;
    let first = buf.iter().find(|b| !b.is_ascii_whitespace()).copied();
    Ok(match (told, first) {
        (Some(Format::Json), Some(b'{')) => Format::Jsonl,
        (Some(told), _) => told,
        (None, Some(b'[')) => Format::Json,
        (None, Some(b'{')) => Format::Jsonl,
        (None, _) => Format::Csv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(text: &str, told: Option<Format>) -> (Format, String) {
        let mut reader = BufReader::new(text.as_bytes());
        let format = start(&mut reader, told).unwrap();
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        (format, rest)
    }

    #[test]
    fn the_format_by_flag_extension_or_first_byte() {
        assert_eq!(by_extension(Path::new("a/b.CSV")), Some(Format::Csv));
        assert_eq!(by_extension(Path::new("b.ndjson")), Some(Format::Jsonl));
        assert_eq!(by_extension(Path::new("b.txt")), None);
        assert_eq!(
            format("\u{feff}id,x\r\n", None),
            (Format::Csv, "id,x\r\n".into())
        );
        assert_eq!(format(" \n[{}]", None).0, Format::Json);
        assert_eq!(format("{}\n{}", Some(Format::Json)).0, Format::Jsonl);
        assert_eq!(format("{}", None).0, Format::Jsonl);
        assert_eq!(format("[1]", Some(Format::Csv)).0, Format::Csv);
        assert_eq!(format("", None).0, Format::Csv);
    }
}
