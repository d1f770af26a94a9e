//! The input: a file, or stdin (kept in a temporary file when it must be read twice), its
//! format, and its size and SHA-256 as read, which a journal records.

use super::Format;
use crate::error::{shown, Error};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Where rows come from.
pub struct Input {
    /// The path as given (`-` for stdin).
    pub path: PathBuf,
    source: Source,
    /// Whether readers hash what they read (for a journal; a check alone needs no hash).
    digest: bool,
}

enum Source {
    File(File),
    /// Stdin read once, as it comes.
    Stdin,
    /// Stdin copied into a temporary file, removed on drop.
    Spooled(File, PathBuf),
}

impl Input {
    /// Opens `path` (`-` for stdin). Stdin is copied into a temporary file first when it will be
    /// read `twice` (once to check it whole, once to send it); its hash is then taken too.
    pub fn open(path: &Path, twice: bool) -> Result<Input, Error> {
        let source = match (path.as_os_str() == "-", twice) {
            (true, false) => Source::Stdin,
            (true, true) => spool()?,
            (false, _) => {
                let refuse =
                    |why: String| Error::Usage(format!("cannot read {}: {why}", shown(path)));
                let file = File::open(path).map_err(|e| refuse(e.to_string()))?;
                let meta = file.metadata().map_err(|e| refuse(e.to_string()))?;
                if meta.is_dir() {
                    return Err(refuse("it is a directory".into()));
                }
                Source::File(file)
            }
        };
        Ok(Input {
            path: path.to_path_buf(),
            source,
            digest: twice,
        })
    }

    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The file behind the input, to compare with the paths of files nxcdp writes.
    pub fn file(&self) -> Option<&File> {
        match &self.source {
            Source::File(f) | Source::Spooled(f, _) => Some(f),
            Source::Stdin => None,
        }
    }

    /// A reader from the first byte, counting (and, for an import that sends, hashing) what it
    /// reads.
    pub fn reader(&self) -> Result<Hashed<Box<dyn Read>>, Error> {
        let inner: Box<dyn Read> = match &self.source {
            Source::File(f) | Source::Spooled(f, _) => {
                let mut f = f.try_clone().map_err(self.io("read"))?;
                f.seek(SeekFrom::Start(0)).map_err(self.io("read"))?;
                Box::new(f)
            }
            Source::Stdin => Box::new(io::stdin()),
        };
        Ok(Hashed {
            inner,
            hash: self.digest.then(Sha256::new),
            bytes: 0,
        })
    }

    pub fn io(&self, what: &'static str) -> impl Fn(io::Error) -> Error + '_ {
        move |source| Error::Io {
            what: format!("cannot {what} {}", shown(&self.path)),
            source,
        }
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        if let Source::Spooled(_, path) = &self.source {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Stdin into a new file in the temp directory, readable by this user alone.
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
    let copied = io::copy(&mut io::stdin().lock(), &mut file).and_then(|_| file.flush());
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&path);
        return Err(failed(e));
    }
    Ok(Source::Spooled(file, path))
}

/// A reader that counts and hashes every byte it hands out.
pub struct Hashed<R> {
    inner: R,
    hash: Option<Sha256>,
    bytes: u64,
}

/// The size and SHA-256 of an input as read (the hash empty when not taken).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Digested {
    pub bytes: u64,
    pub sha256: String,
}

impl<R: Read> Hashed<R> {
    /// Reads what is left, then the size and hash of all of it.
    pub fn finish(mut self) -> io::Result<Digested> {
        io::copy(&mut self, &mut io::sink())?;
        Ok(Digested {
            bytes: self.bytes,
            sha256: self
                .hash
                .map(|h| hex::encode(h.finalize()))
                .unwrap_or_default(),
        })
    }
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(hash) = &mut self.hash {
            hash.update(&buf[..n]);
        }
        self.bytes += n as u64;
        Ok(n)
    }
}

/// The format of a file by its name: `.csv`, `.jsonl`/`.ndjson`, `.json`.
pub fn by_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(Format::Csv),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "json" => Some(Format::Json),
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
    if told == Some(Format::Csv) {
        return Ok(Format::Csv);
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

    #[test]
    fn what_is_read_is_counted_and_hashed() {
        let mut hashed = Hashed {
            inner: &b"abc"[..],
            hash: Some(Sha256::new()),
            bytes: 0,
        };
        let mut first = [0u8; 1];
        hashed.read_exact(&mut first).unwrap();
        let digested = hashed.finish().unwrap();
        assert_eq!(digested.bytes, 3);
        assert_eq!(
            digested.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
