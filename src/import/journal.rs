//! The journal of an import: which batches the server acknowledged, so that `--resume` sends
//! only the others. Its first line records the input (size and SHA-256) and every option that
//! decides what is sent; each further line is one batch done, appended once its answer came,
//! with the lines of its first and last rows and the rows the server refused in it. Appending a
//! line is all a batch costs, and a line cut short by `kill -9` is dropped when the journal is
//! read again: at most the batches in flight are sent twice, which API.md section 8 makes
//! harmless. A journal is read before the input is checked, so that each of its lines is held
//! against the batches the check makes ([`super::batches`]): one that does not fit them (edited
//! by hand) is refused, never taken for rows sent.

use super::digest::Digested;
use super::map::pair_text;
use super::Format;
use crate::error::{shown, Error};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What decides the batches and what they ask the server to do: a resume must have the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Options {
    pub format: Format,
    pub on_conflict: String,
    pub batch_size: usize,
    /// The encoding the rows were read with (told or detected), and a CSV's delimiter: a resume
    /// told otherwise would read other customers from the same bytes.
    #[serde(default)]
    pub encoding: Option<String>,
    #[serde(default)]
    pub delimiter: Option<char>,
    /// A workbook's sheet, by name.
    #[serde(default)]
    pub sheet: Option<String>,
    pub map: Vec<(String, String)>,
    pub ignore_unknown: bool,
    pub normalize_phones: bool,
    /// Masked as it is printed: a password in it is not written down.
    pub base_url: String,
    pub tenant_id: i64,
    pub app_key: String,
    /// `--rejects`, as the path it leads to: a resume writes the same file, so that nothing the
    /// first run left beside another is forgotten.
    #[serde(default)]
    pub rejects: Option<String>,
}

impl Options {
    /// The first option that differs from `then`'s, as the flag that sets it and its old value.
    fn differs(&self, then: &Options) -> Option<String> {
        let was = |flag: &str, value: String| {
            Some(format!(
                "{flag} differs: the import was started with {value}"
            ))
        };
        let flag = |on: bool| if on { "it" } else { "without it" };
        if self.format != then.format {
            return was("--format", then.format.name().into());
        }
        if self.on_conflict != then.on_conflict {
            return was("--on-conflict", then.on_conflict.clone());
        }
        if self.batch_size != then.batch_size {
            return was("--batch-size", then.batch_size.to_string());
        }
        if self.encoding != then.encoding && then.encoding.is_some() {
            return was("--encoding", then.encoding.clone().unwrap_or_default());
        }
        if self.delimiter != then.delimiter && then.delimiter.is_some() {
            let d = then.delimiter.map_or(b',', |d| d as u8);
            return was("--delimiter", crate::import::text::delimiter_name(d));
        }
        if self.sheet != then.sheet {
            return was(
                "--sheet",
                format!("{:?}", then.sheet.clone().unwrap_or_default()),
            );
        }
        if self.map != then.map {
            let pairs: Vec<String> = then.map.iter().map(|(a, b)| pair_text(a, b)).collect();
            return was("--map", format!("'{}'", pairs.join(",")));
        }
        if self.ignore_unknown != then.ignore_unknown {
            return was("--ignore-unknown", flag(then.ignore_unknown).into());
        }
        if self.normalize_phones != then.normalize_phones {
            return was("--normalize-phones", flag(then.normalize_phones).into());
        }
        if self.rejects != then.rejects {
            return match &then.rejects {
                Some(path) => was("--rejects", path.clone()),
                None => was("--rejects", "none (rejected rows on stderr)".into()),
            };
        }
        if (&self.base_url, self.tenant_id, &self.app_key)
            != (&then.base_url, then.tenant_id, &then.app_key)
        {
            return Some(format!(
                "the API differs: the import was started against tenant {} at {}",
                then.tenant_id, then.base_url
            ));
        }
        None
    }
}

#[derive(Serialize, Deserialize)]
struct Head {
    nxcdp_import: u32,
    input: Digested,
    options: Options,
}

/// The journal's version, its head's `nxcdp_import`: 2 since each batch records its lines.
const VERSION: u32 = 2;

/// A batch done: the lines of its first and last rows, how many of its rows the server
/// accepted, and those it refused (by line).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub batch: u64,
    pub lines: [u64; 2],
    pub accepted: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<(u64, String)>,
}

pub struct Journal {
    path: PathBuf,
    file: File,
    done: HashMap<u64, Entry>,
}

/// A journal as read for `--resume`, before the input is checked: its head, and each batch
/// with the journal line that records it.
pub struct Earlier {
    path: PathBuf,
    head: Head,
    pub done: HashMap<u64, (usize, Entry)>,
    /// The length of its whole lines: a line cut short goes when the journal is opened.
    whole: usize,
}

fn entry(line: &[u8]) -> serde_json::Result<Entry> {
    serde_json::from_slice(line)
}

/// Why a journal cannot be resumed from, as an error.
fn refusal(path: &Path) -> impl Fn(String) -> Error + '_ {
    move |why| {
        Error::Usage(format!(
            "cannot resume from {}: {why}; delete it to import the file anew",
            shown(path)
        ))
    }
}

impl Earlier {
    /// The journal at `path`, every line read: its head, and each batch once. A last line that
    /// does not read was cut short (a crash): it is left out, and that batch sent again.
    pub fn read(path: &Path) -> Result<Earlier, Error> {
        let refuse = refusal(path);
        let text = match std::fs::read(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Usage(format!(
                    "there is no journal {} to resume from (an import that finished removes its journal)",
                    shown(path)
                )))
            }
            Err(e) => return Err(refuse(e.to_string())),
        };
        // Whole lines only: one without its line break was being written when nxcdp stopped.
        let mut whole = text.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let mut lines: Vec<&[u8]> = text[..whole]
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        // A last line that does not read is one cut short too (a crash can leave a line's end
        // or zeros after it): that batch is sent again, every earlier one is kept.
        if lines.len() > 1 && lines.last().is_some_and(|l| entry(l).is_err()) {
            let last = lines.pop().expect("more than one line");
            whole = last.as_ptr() as usize - text.as_ptr() as usize;
        }
        let mut lines = lines.into_iter();
        let head: Head = lines
            .next()
            .and_then(|l| serde_json::from_slice(l).ok())
            .ok_or_else(|| refuse("it is not an import's journal".into()))?;
        if head.nxcdp_import != VERSION {
            return Err(refuse(format!(
                "it was written by another version of nxcdp (journal version {}, this one writes {VERSION})",
                head.nxcdp_import
            )));
        }
        let mut done = HashMap::new();
        for (i, line) in lines.enumerate() {
            let at = i + 2;
            let entry =
                entry(line).map_err(|e| refuse(format!("its line {at} is damaged ({e})")))?;
            let batch = entry.batch;
            if done.insert(batch, (at, entry)).is_some() {
                return Err(refuse(format!(
                    "its line {at} records batch {batch} again; nxcdp records each batch once"
                )));
            }
        }
        Ok(Earlier {
            path: path.to_path_buf(),
            head,
            done,
            whole,
        })
    }
}

fn failed(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        what: format!("cannot write the journal {}", shown(path)),
        source,
    }
}

impl Journal {
    /// A new journal at `path`, which must not exist: one there belongs to an import that did
    /// not finish.
    pub fn create(path: &Path, input: Digested, options: Options) -> Result<Journal, Error> {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(Error::Usage(format!(
                "{} holds an import that did not finish: add --resume to continue it, or delete it to start again",
                shown(path)
            )));
        }
        let mut file = OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(path)
            .map_err(|e| {
                Error::Usage(format!(
                    "cannot create the journal {}: {e}; name another place with --journal",
                    shown(path)
                ))
            })?;
        let head = Head {
            nxcdp_import: VERSION,
            input,
            options,
        };
        let line = serde_json::to_string(&head).expect("a journal's head serializes") + "\n";
        file.write_all(line.as_bytes()).map_err(failed(path))?;
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            done: HashMap::new(),
        })
    }

    /// The journal at `path`, after checking that it records the same input and options and
    /// that each batch fits the input (`misfit` says which line does not). A last line cut short
    /// is dropped.
    pub fn resume(
        earlier: Earlier,
        input: &Digested,
        options: &Options,
        misfit: Option<String>,
    ) -> Result<Journal, Error> {
        let Earlier {
            path,
            head,
            done,
            whole,
        } = earlier;
        let refuse = |why: String| refusal(&path)(why);
        if head.input != *input {
            return Err(refuse(format!(
                "the input changed since the import started ({} bytes then, {} now, or other content)",
                head.input.bytes, input.bytes
            )));
        }
        if let Some(diff) = options.differs(&head.options) {
            // An option differs: giving the first run's value goes on, which deleting does not.
            return Err(Error::Usage(format!(
                "cannot resume from {}: {diff}: give the same to go on, or delete it to import the file anew",
                shown(&path)
            )));
        }
        if let Some(why) = misfit {
            return Err(refuse(format!(
                "{why}, which is not what nxcdp wrote (was it edited?)"
            )));
        }
        let file = OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(failed(&path))?;
        file.set_len(whole as u64).map_err(failed(&path))?;
        let file = OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(failed(&path))?;
        Ok(Journal {
            path,
            file,
            done: done.into_iter().map(|(n, (_, entry))| (n, entry)).collect(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What an earlier run recorded of batch `n`.
    pub fn done(&self, n: u64) -> Option<&Entry> {
        self.done.get(&n)
    }

    /// How many batches are done.
    pub fn count(&self) -> usize {
        self.done.len()
    }

    /// Records a batch done, in one write.
    pub fn record(&mut self, entry: Entry) -> Result<(), Error> {
        let line = serde_json::to_string(&entry).expect("an entry serializes") + "\n";
        self.file
            .write_all(line.as_bytes())
            .map_err(failed(&self.path))?;
        self.done.insert(entry.batch, entry);
        Ok(())
    }

    /// Every batch is done: the journal goes.
    pub fn remove(self) -> Result<(), Error> {
        drop(self.file);
        std::fs::remove_file(&self.path).map_err(failed(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            encoding: None,
            delimiter: None,
            sheet: None,
            format: Format::Csv,
            on_conflict: "keep".into(),
            batch_size: 100,
            map: vec![("Phone".into(), "sms_phone".into())],
            ignore_unknown: false,
            normalize_phones: false,
            base_url: "http://127.0.0.1:1".into(),
            tenant_id: 1,
            app_key: "k".into(),
            rejects: None,
        }
    }

    /// The journal at `path` resumed, its lines taken as fitting the input.
    fn resume(path: &Path, input: &Digested, options: &Options) -> Result<Journal, Error> {
        Journal::resume(Earlier::read(path)?, input, options, None)
    }

    #[test]
    fn a_journal_resumes_with_its_entries_and_drops_a_torn_line() {
        let dir = std::env::temp_dir().join(format!("nxcdp-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("j");
        let input = Digested {
            bytes: 10,
            sha256: "ab".into(),
        };
        let mut journal = Journal::create(&path, input.clone(), options()).unwrap();
        journal
            .record(Entry {
                batch: 3,
                lines: [300, 400],
                accepted: 99,
                rejected: vec![(7, "no".into())],
            })
            .unwrap();
        drop(journal);
        let again = Journal::create(&path, input.clone(), options())
            .err()
            .unwrap();
        assert!(again.to_string().contains("add --resume"));
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(br#"{"batch":4,"acc"#).unwrap();
        let journal = resume(&path, &input, &options()).unwrap();
        assert_eq!(journal.done(3).unwrap().rejected, [(7, "no".to_string())]);
        assert!(journal.done(4).is_none());
        drop(journal);
        // Cut short, then a line end (or zeros): the last line alone is dropped.
        for torn in [&b"{\"batch\":4,\"acc\n"[..], b"\0\0\0\0\n"] {
            let mut file = OpenOptions::new().append(true).open(&path).unwrap();
            file.write_all(torn).unwrap();
            let journal = resume(&path, &input, &options()).unwrap();
            assert_eq!(journal.count(), 1);
            assert!(journal.done(3).is_some());
        }
        let mut journal = resume(&path, &input, &options()).unwrap();
        journal
            .record(Entry {
                batch: 4,
                lines: [401, 500],
                accepted: 100,
                rejected: vec![],
            })
            .unwrap();
        drop(journal);
        let journal = resume(&path, &input, &options()).unwrap();
        assert_eq!(journal.count(), 2);
        let other = Digested {
            bytes: 11,
            ..input.clone()
        };
        let err = resume(&path, &other, &options()).err().unwrap().to_string();
        assert!(
            err.contains("the input changed since the import started"),
            "{err}"
        );
        let mut bigger = options();
        bigger.batch_size = 50;
        let err = resume(&path, &input, &bigger).err().unwrap().to_string();
        assert!(
            err.contains("--batch-size differs: the import was started with 100"),
            "{err}"
        );
        // A batch recorded twice is not nxcdp's writing: which line holds?
        let twice = std::fs::read(&path).unwrap();
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"batch\":3,\"lines\":[1,2],\"accepted\":1,\"rejected\":[]}\n")
            .unwrap();
        file.write_all(b"{\"batch\":5,\"lines\":[1,2],\"accepted\":1,\"rejected\":[]}\n")
            .unwrap();
        let err = resume(&path, &input, &options()).err().unwrap().to_string();
        assert!(err.contains("its line 4 records batch 3 again"), "{err}");
        std::fs::write(&path, twice).unwrap();
        journal.remove().unwrap();
        assert!(!path.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
