//! What an import's two passes read: the check pass counts and hashes the input (its size and
//! SHA-256 go into the journal) and keeps the hash of every prefix of whole [`BLOCK`]s; the send
//! pass reads a block ahead and hands out its bytes only when they are the ones checked, so a
//! file rewritten between the two stops the import before any row that was not checked is sent.

use crate::error::Error;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The bytes the check pass hashes a prefix at: a hash every 64 KiB costs nothing beside the
/// SHA-256 of the whole, and keeps 16 bytes a block (256 KiB for 1 GiB).
pub const BLOCK: u64 = 64 << 10;

/// A reader that counts and hashes every byte it hands out.
pub struct Hashed<R> {
    inner: R,
    hash: Option<Sha256>,
    /// The first half of the hash of each prefix of whole blocks read so far.
    marks: Vec<[u8; 16]>,
    bytes: u64,
}

impl<R> Hashed<R> {
    /// Counts what `inner` hands out, and hashes it when asked (an import that sends).
    pub fn new(inner: R, hash: bool) -> Hashed<R> {
        Hashed {
            inner,
            hash: hash.then(Sha256::new),
            marks: Vec::new(),
            bytes: 0,
        }
    }
}

/// The size and SHA-256 of an input as read (the hash empty when not taken).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Digested {
    pub bytes: u64,
    pub sha256: String,
}

/// What the check pass read: the whole input's size and hash, and the hash at each block.
#[derive(Clone, Debug)]
pub struct Checked {
    pub digest: Digested,
    marks: Vec<[u8; 16]>,
}

fn mark(hash: &Sha256) -> [u8; 16] {
    let mut mark = [0; 16];
    mark.copy_from_slice(&hash.clone().finalize()[..16]);
    mark
}

impl<R: Read> Hashed<R> {
    /// Reads what is left, then the size and hash of all of it.
    pub fn finish(mut self) -> io::Result<Checked> {
        io::copy(&mut self, &mut io::sink())?;
        let digest = Digested {
            bytes: self.bytes,
            sha256: self
                .hash
                .map(|h| hex::encode(h.finalize()))
                .unwrap_or_default(),
        };
        Ok(Checked {
            digest,
            marks: self.marks,
        })
    }
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(hash) = &mut self.hash {
            let mut rest = &buf[..n];
            let mut at = self.bytes;
            while !rest.is_empty() {
                let room = (BLOCK - at % BLOCK).min(rest.len() as u64) as usize;
                let (now, later) = rest.split_at(room);
                hash.update(now);
                at += room as u64;
                if at.is_multiple_of(BLOCK) {
                    self.marks.push(mark(hash));
                }
                rest = later;
            }
        }
        self.bytes += n as u64;
        Ok(n)
    }
}

/// The send pass's reader: it reads a block ahead and hands out its bytes only once the hash
/// of everything up to its end is the one the check pass saw there.
pub struct Verified {
    inner: File,
    path: String,
    checked: Checked,
    changed: Arc<AtomicBool>,
    hash: Sha256,
    block: Vec<u8>,
    /// The next byte of `block` to hand out.
    at: usize,
    /// Bytes read from the file.
    read: u64,
}

/// The input is not what the check pass read, from byte `from` on.
#[derive(Debug)]
pub struct Changed {
    path: String,
    from: u64,
}

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} changed while it was being imported: from byte {} on, it is not what was checked; nxcdp sent none of its rows from there",
            self.path, self.from
        )
    }
}

impl std::error::Error for Changed {}

impl Verified {
    /// Reads `inner` (the input `path`, from its start) as `checked` read it; a difference sets
    /// `changed`.
    pub fn new(inner: File, path: String, checked: &Checked, changed: Arc<AtomicBool>) -> Verified {
        Verified {
            inner,
            path,
            checked: checked.clone(),
            changed,
            hash: Sha256::new(),
            block: Vec::new(),
            at: 0,
            read: 0,
        }
    }

    fn next_block(&mut self) -> io::Result<()> {
        let from = self.read;
        self.block.clear();
        self.at = 0;
        (&mut self.inner).take(BLOCK).read_to_end(&mut self.block)?;
        self.read += self.block.len() as u64;
        self.hash.update(&self.block);
        let index = (from / BLOCK) as usize;
        let same = match self.block.len() as u64 {
            BLOCK => self.checked.marks.get(index) == Some(&mark(&self.hash)),
            // The end: the same size and hash as the whole input checked.
            _ => {
                self.read == self.checked.digest.bytes
                    && hex::encode(self.hash.clone().finalize()) == self.checked.digest.sha256
            }
        };
        self.changed.store(!same, Ordering::Relaxed);
        match same {
            true => Ok(()),
            false => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                Changed {
                    path: self.path.clone(),
                    from,
                },
            )),
        }
    }
}

impl Read for Verified {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.block.len() {
            self.next_block()?;
        }
        let n = buf.len().min(self.block.len() - self.at);
        buf[..n].copy_from_slice(&self.block[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// A failed read as an error: an input that changed since it was checked is its own message
/// (exit 2), any other failure an I/O error about `what`.
pub fn read_failed(what: String, source: io::Error) -> Error {
    match source.get_ref().and_then(|e| e.downcast_ref::<Changed>()) {
        Some(changed) => Error::Usage(changed.to_string()),
        None => Error::Io { what, source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::input::Input;

    #[test]
    fn what_is_read_is_counted_and_hashed() {
        let mut hashed = Hashed::new(&b"abc"[..], true);
        let mut first = [0u8; 1];
        hashed.read_exact(&mut first).unwrap();
        let digested = hashed.finish().unwrap().digest;
        assert_eq!(digested.bytes, 3);
        assert_eq!(
            digested.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_send_pass_reads_only_blocks_the_check_pass_read() {
        let dir = std::env::temp_dir().join(format!("nxcdp-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("in.csv");
        let block = BLOCK as usize;
        let text: Vec<u8> = (0..block * 3 + 100)
            .map(|i| b'a' + (i % 26) as u8)
            .collect();
        std::fs::write(&path, &text).unwrap();
        let input = Input::open(&path, true).unwrap();
        let mut first = input.reader(None).unwrap();
        let mut head = vec![0; 1000];
        first.read_exact(&mut head).unwrap();
        let checked = first.finish().unwrap();
        assert_eq!(checked.marks.len(), 3);
        let mut again = Vec::new();
        let mut second = input.reader(Some(&checked)).unwrap();
        second.read_to_end(&mut again).unwrap();
        assert_eq!(again, text);
        assert!(!input.changed());
        for (at, change) in [(block * 2 + 7, &b"Z"[..]), (text.len(), b"more")] {
            let mut changed = text.clone();
            changed.splice(
                at..(at + change.len()).min(text.len()),
                change.iter().copied(),
            );
            std::fs::write(&path, &changed).unwrap();
            let mut reader = input.reader(Some(&checked)).unwrap();
            let mut read = Vec::new();
            let err = reader.read_to_end(&mut read).unwrap_err();
            let from = at / block * block;
            assert_eq!(
                read,
                text[..from],
                "every byte before the block, none of it"
            );
            let err = read_failed(String::new(), err).to_string();
            assert!(
                err.contains(&format!(
                    "changed while it was being imported: from byte {from} on"
                )),
                "{err}"
            );
            assert!(input.changed());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
