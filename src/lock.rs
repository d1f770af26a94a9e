//! One writer per file: an advisory, exclusive lock that an nxcdp process holds on a file it
//! writes (an export; an import's journal or a watch's bookmark will take the same) for as long
//! as it runs, with the holder's pid for the message that refuses a second writer.
//!
//! The lock is taken on a file of its own beside the one it guards, `PATH.lock`, not on the data:
//! the data files are created, renamed and replaced as they are written (`PATH.partial` becomes
//! `PATH`, a state file is renamed over the last one), and a lock on a file that gets replaced
//! guards nothing. `PATH.lock` sits in the same directory as the data, so any way of reaching
//! the data (a symlinked directory, `dir/../dir/x`) reaches the same lock. The kernel drops the
//! lock with the process, `kill -9` included, so a pid left in a stale lock file never blocks:
//! the next writer locks the file and writes its own pid over it.
//!
//! A file that stays put while it is used (an import's input, a watch's `--file`, an export's
//! partial file until it is renamed) is also locked itself ([`hold`], Unix), so that a writer that
//! reaches it by another name, a hard link, is refused too.

use crate::error::{shown, Error};
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Held while the value lives; dropping it releases the lock (on Unix it also removes the lock
/// file, which no other process then holds).
#[derive(Debug)]
// Windows reads neither: the open file alone holds the lock there.
#[cfg_attr(not(unix), allow(dead_code))]
pub struct Lock {
    path: PathBuf,
    file: File,
    /// The locks of the file that `path` is written beside, when it has one of nxcdp's names
    /// for that (`x.jsonl.partial`: `x.jsonl`'s).
    owner: Option<Box<Lock>>,
}

/// The names nxcdp writes beside a file it writes, longest first: an export's `PATH.partial`
/// (renamed to `PATH` at the end), its state and the state's temporary copy; a rejects file's and
/// a bookmark's `PATH.partial`.
pub const BESIDE: [&str; 3] = [".partial.state.tmp", ".partial.state", ".partial"];

/// How many times a lock file that its holder was removing just then is opened anew.
const TRIES: usize = 10;

impl Lock {
    /// Locks `target` for this process, through `target.lock`. Another process holding it is a
    /// usage error (exit 2) that names its pid, as is a lock file that cannot be created (the
    /// directory is not writable, the name is too long): nothing has been sent yet.
    ///
    /// A name that nxcdp writes beside another file (`x.jsonl.partial`) also takes that file's
    /// lock, so that neither writer runs while the other writes; a lock file's name
    /// (`x.jsonl.lock`) is refused, and so is a file another nxcdp [`hold`]s.
    pub fn acquire(target: &Path) -> Result<Lock, Error> {
        let name = target.as_os_str().as_encoded_bytes();
        if name.ends_with(b".lock") {
            return Err(Error::Usage(format!(
                "{} has the name of a lock file that nxcdp keeps beside a file it writes; name another",
                shown(target)
            )));
        }
        let mut lock = Lock::take(target, false)?;
        if let Some(owner) = BESIDE.iter().find_map(|suffix| without(target, suffix)) {
            let taken = Lock::take(&owner, false).map_err(|e| {
                Error::Usage(format!(
                    "{} is a name nxcdp writes beside {}: {e}",
                    shown(target),
                    shown(&owner)
                ))
            })?;
            lock.owner = Some(Box::new(taken));
        }
        refuse_held(target)?;
        Ok(lock)
    }

    /// Locks `target` for this process, waiting while another holds it: for writes that take
    /// a moment (`config set`), where a second writer should follow the first, not fail.
    pub fn wait(target: &Path) -> Result<Lock, Error> {
        Lock::take(target, true)
    }

    fn take(target: &Path, wait: bool) -> Result<Lock, Error> {
        let path = with_suffix(target, ".lock");
        let cannot = |e: io::Error| {
            Error::Usage(format!(
                "cannot lock {}: cannot create {}: {e}",
                shown(target),
                shown(&path)
            ))
        };
        for _ in 0..TRIES {
            refuse_link(&path)?;
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(cannot)?;
            let mut lock = fd_lock::RwLock::new(file);
            // The lock lasts as long as the file stays open: it is released when `Lock` closes
            // it, or when the process ends however it ends.
            let locked = lock.try_write().map(std::mem::forget);
            match locked {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock && wait => {
                    lock.write().map(std::mem::forget).map_err(cannot)?;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Err(writing(target, &mut lock.into_inner()));
                }
                Err(e) => return Err(cannot(e)),
            }
            let mut file = lock.into_inner();
            // A holder that finished removed the file after we opened it: ours is then no longer
            // the lock file that others find.
            if !still_named(&path, &file) {
                continue;
            }
            // A file of the user's that has the lock's name is theirs: not written over, not
            // removed.
            if !is_lock_text(&mut file) {
                return Err(Error::Usage(format!(
                    "{} holds something other than an nxcdp lock; move it away: nxcdp keeps the lock of {} there",
                    shown(&path),
                    shown(target)
                )));
            }
            // Fixed width, so that a holder's pid covers all of a former one's.
            let pid = format!("{PID_AT}{:<10}\n", std::process::id());
            file.write_all(pid.as_bytes()).map_err(cannot)?;
            return Ok(Lock {
                path,
                file,
                owner: None,
            });
        }
        Err(cannot(io::Error::other(
            "other processes keep replacing it; try again",
        )))
    }
}

/// The file itself locked, for as long as it stays open (Unix: `flock` on its open file
/// description, which every clone of it shares): an import's input, a watch's `--file`, an
/// export's partial file. Whatever name another writer gives such a file (a hard link, another
/// path), [`Lock::acquire`] finds it held and refuses. Windows has no such lock that leaves the
/// file usable by the holder's other handles: there a file is guarded by its name's lock alone.
#[cfg(unix)]
pub fn hold(file: &File, path: &Path) -> Result<(), Error> {
    let clone = file
        .try_clone()
        .map_err(|e| Error::Usage(format!("cannot lock {}: {e}", shown(path))))?;
    let mut lock = fd_lock::RwLock::new(clone);
    match lock.try_write().map(std::mem::forget) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Err(in_use(path)),
        Err(e) => Err(Error::Usage(format!("cannot lock {}: {e}", shown(path)))),
    }
}

#[cfg(not(unix))]
pub fn hold(_: &File, _: &Path) -> Result<(), Error> {
    Ok(())
}

/// Refuses `target` while another nxcdp holds its [`Lock`] (writes it, or will rename a file
/// over it): for a reader that would otherwise see its input replaced midway.
pub fn refuse_written(target: &Path) -> Result<(), Error> {
    let path = with_suffix(target, ".lock");
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let Ok(file) = File::open(&path) else {
        return Ok(());
    };
    match held_elsewhere(file) {
        (true, mut file) => Err(writing(target, &mut file)),
        (false, _) => Ok(()),
    }
}

/// Whether another process holds the lock of the open `file` (taken and let go at once here).
fn held_elsewhere(file: File) -> (bool, File) {
    let mut lock = fd_lock::RwLock::new(file);
    let held = matches!(lock.try_write(), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
    (held, lock.into_inner())
}

/// Another nxcdp, whose pid its lock `file` holds, writes `target`.
fn writing(target: &Path, file: &mut File) -> Error {
    let pid = holder(file).map_or(String::new(), |pid| format!(" (pid {pid})"));
    Error::Usage(format!(
        "another nxcdp{pid} is writing {}; wait for it to finish or stop it",
        shown(target)
    ))
}

/// Refuses `path` when another nxcdp [`hold`]s the file there.
#[cfg(unix)]
fn refuse_held(path: &Path) -> Result<(), Error> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    match held_elsewhere(file).0 {
        true => Err(in_use(path)),
        false => Ok(()),
    }
}

#[cfg(not(unix))]
fn refuse_held(_: &Path) -> Result<(), Error> {
    Ok(())
}

#[cfg_attr(not(unix), allow(dead_code))]
fn in_use(path: &Path) -> Error {
    Error::Usage(format!(
        "another nxcdp is using {} (by this name or another: an import reading it, an export or a watch writing it); wait for it to finish or stop it",
        shown(path)
    ))
}

/// `path` with `suffix` added to its name: the names written beside a file.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `path` without `suffix` at its end, if it ends so.
#[cfg(unix)]
fn without(path: &Path, suffix: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let name = path.as_os_str().as_bytes();
    let owner = name.strip_suffix(suffix.as_bytes())?;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(owner)))
}

/// `path` without `suffix` at its end, if it ends so (a name that is not Unicode never does).
#[cfg(not(unix))]
fn without(path: &Path, suffix: &str) -> Option<PathBuf> {
    path.to_str()?.strip_suffix(suffix).map(PathBuf::from)
}

/// The pid follows one byte that only the lock covers: on Unix the lock (flock) is advisory and
/// hides nothing, but on Windows the range a lock covers (LockFileEx) cannot be read by others,
/// and fd-lock locks the first byte alone. So whoever finds the file locked can read the pid.
const PID_AT: &str = "\n";

/// Whether `file` is empty or holds what a lock holds: a line break, then a pid.
fn is_lock_text(file: &mut File) -> bool {
    let mut text = Vec::new();
    let read = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.take(64).read_to_end(&mut text))
        .and_then(|_| file.seek(SeekFrom::Start(0)));
    let pid = text.strip_prefix(PID_AT.as_bytes()).map(<[u8]>::trim_ascii);
    read.is_ok() && (text.is_empty() || pid.is_some_and(|p| p.iter().all(u8::is_ascii_digit)))
}

/// The pid the holder wrote, if it has written it yet.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(PID_AT.len() as u64)).ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// A lock file is never written through a link: that would write the pid into whatever the link
/// points at.
fn refuse_link(path: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.is_file() => Err(Error::Usage(format!(
            "{} is not a regular file (a link, a directory?); nxcdp keeps its lock there: remove it",
            shown(path)
        ))),
        _ => Ok(()),
    }
}

/// Whether `path` still names the open `file` (not a link, not a newer file).
fn still_named(path: &Path, file: &File) -> bool {
    match (std::fs::symlink_metadata(path), file.metadata()) {
        (Ok(named), Ok(open)) => named.is_file() && same_file(&named, &open),
        _ => false,
    }
}

impl Drop for Lock {
    /// On Unix the lock file goes while still locked, so that whoever opened it meanwhile finds
    /// it unnamed once it gets the lock, and tries again. Windows keeps it: no stable API tells
    /// there whether an open file still has its name, which that retry needs.
    fn drop(&mut self) {
        #[cfg(unix)]
        if still_named(&self.path, &self.file) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Whether two metadata describe the same file. Without device and inode numbers (Windows, on
/// stable Rust), only that the second is a regular file.
#[cfg(unix)]
pub fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
pub fn same_file(_: &Metadata, b: &Metadata) -> bool {
    b.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nxcdp-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).unwrap();
        dir
    }

    #[test]
    fn a_second_lock_is_refused_with_the_holders_pid_and_freed_on_drop() {
        let dir = temp_dir("twice");
        let target = dir.join("out.jsonl");
        let lock = Lock::acquire(&target).unwrap();
        // Another open file description: flock refuses it as it would another process.
        let err = Lock::acquire(&target).unwrap_err().to_string();
        let pid = std::process::id();
        assert!(
            err.contains(&format!("another nxcdp (pid {pid}) is writing")),
            "{err}"
        );
        assert_eq!(Error::Usage(String::new()).exit_code(), 2);
        drop(lock);
        #[cfg(unix)]
        assert!(!dir.join("out.jsonl.lock").exists(), "removed on release");
        drop(Lock::acquire(&target).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_stale_pid_does_not_block() {
        let dir = temp_dir("stale");
        let target = dir.join("out.csv");
        // What a holder killed with -9 leaves: the file and its pid, but no lock.
        std::fs::write(dir.join("out.csv.lock"), "\n4000000000\n").unwrap();
        let lock = Lock::acquire(&target).unwrap();
        let text = std::fs::read_to_string(dir.join("out.csv.lock")).unwrap();
        assert_eq!(text.trim(), std::process::id().to_string());
        drop(lock);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_of_the_users_at_the_lock_path_is_neither_written_nor_removed() {
        let dir = temp_dir("theirs");
        std::fs::write(dir.join("out.csv.lock"), "MY NOTES\n").unwrap();
        let err = Lock::acquire(&dir.join("out.csv")).unwrap_err().to_string();
        assert!(
            err.contains("holds something other than an nxcdp lock"),
            "{err}"
        );
        let kept = std::fs::read_to_string(dir.join("out.csv.lock")).unwrap();
        assert_eq!(kept, "MY NOTES\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_lock_path_is_refused() {
        let dir = temp_dir("link");
        let victim = dir.join("victim");
        std::fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("out.csv.lock")).unwrap();
        let err = Lock::acquire(&dir.join("out.csv")).unwrap_err().to_string();
        assert!(err.contains("not a regular file"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
