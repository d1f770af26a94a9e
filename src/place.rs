//! Where a path given for writing leads: to a file, through any symbolic links, or to a stream.
//! A file written to a new name and renamed over `PATH` replaces what is at `PATH`: were that a
//! link, the link itself (and `/dev/stdout`, as root, is one). So a writer resolves the path
//! first and writes beside the file the links lead to; and a path that is (or leads to) a
//! device, a pipe or a descriptor is a stream, written straight or refused, never renamed over.

use std::path::{Component, Path, PathBuf};

#[derive(Debug, PartialEq, Eq)]
pub enum Place {
    /// A regular file (or nothing yet, or a directory), with every link on the way followed.
    File(PathBuf),
    /// A device, a pipe, a socket, or a descriptor by name (`/dev/stdout`, `/dev/fd/N`,
    /// `/proc/self/fd/N`): what is written goes straight there.
    Stream,
    /// Links that lead to each other: nothing to write to (a rename would replace the link).
    Loop,
}

/// More links in a row than this is a loop: left to the open, which says so.
const MAX_LINKS: usize = 40;

/// Where `path` leads for writing.
pub fn place(path: &Path) -> Place {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_descriptor(&at) {
            return Place::Stream;
        }
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&at) {
                Ok(to) => at = beside(&at, &to),
                Err(_) => return Place::File(at),
            },
            Ok(m) if m.is_file() || m.is_dir() => return Place::File(at),
            Ok(_) => return Place::Stream,
            Err(_) => return Place::File(at),
        }
    }
    Place::Loop
}

/// Standard output (1) or standard error (2), when `path` names one of this process's: what is
/// written there goes through the descriptor itself (opened anew, a file the shell redirected it
/// to would be written from its start, over what the process writes there).
pub fn standard_stream(path: &Path) -> Option<u8> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let parts: Vec<&str> = at
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect();
        let own = |pid: &str| pid == "self" || pid == std::process::id().to_string();
        match parts.as_slice() {
            ["dev", "stdout"] | ["dev", "fd", "1"] => return Some(1),
            ["dev", "stderr"] | ["dev", "fd", "2"] => return Some(2),
            ["proc", pid, "fd", "1"] if own(pid) => return Some(1),
            ["proc", pid, "fd", "2"] if own(pid) => return Some(2),
            _ => {}
        }
        match std::fs::read_link(&at) {
            Ok(to) => at = beside(&at, &to),
            Err(_) => return None,
        }
    }
    None
}

/// The file `path` leads to, for a writer that refused a stream already (or `path` itself).
pub fn followed(path: &Path) -> PathBuf {
    match place(path) {
        Place::File(file) => file,
        Place::Stream | Place::Loop => path.to_path_buf(),
    }
}

/// A link's target `to`, read at `link`: relative to the link's directory.
fn beside(link: &Path, to: &Path) -> PathBuf {
    match link.parent() {
        Some(dir) if to.is_relative() => dir.join(to),
        _ => to.to_path_buf(),
    }
}

/// `/dev/stdin`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/…`, `/proc/<pid>/fd/…`: names of a
/// process's descriptors, whatever their links say (`/proc/self/fd/1` leads to `pipe:[…]`).
fn is_descriptor(path: &Path) -> bool {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    path.is_absolute()
        && matches!(
            parts.as_slice(),
            ["dev", "stdin" | "stdout" | "stderr"]
                | ["dev", "fd", _, ..]
                | ["proc", _, "fd", _, ..]
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_are_streams_by_name() {
        for name in ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/2"] {
            assert!(is_descriptor(Path::new(name)), "{name}");
        }
        for name in [
            "dev/stdout",
            "/dev/null.csv/x",
            "/home/proc/1/fd/2",
            "/tmp/x",
        ] {
            assert!(!is_descriptor(Path::new(name)), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_the_file_or_the_stream() {
        let dir = std::env::temp_dir().join(format!("nxcdp-place-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let link = |name: &str, to: &str| {
            let path = dir.join(name);
            let _ = std::fs::remove_file(&path);
            std::os::unix::fs::symlink(to, &path).unwrap();
            path
        };
        let file = dir.join("real.csv");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(
            place(&link("a", "real.csv")),
            Place::File(dir.join("real.csv"))
        );
        assert_eq!(place(&link("b", "a")), Place::File(dir.join("real.csv")));
        assert_eq!(
            place(&link("c", "new.csv")),
            Place::File(dir.join("new.csv"))
        );
        assert_eq!(place(&link("d", "/proc/self/fd/1")), Place::Stream);
        assert_eq!(place(&link("e", "/dev/null")), Place::Stream);
        assert_eq!(place(&file), Place::File(file.clone()));
        link("loop1", "loop2");
        assert_eq!(place(&link("loop2", "loop1")), Place::Loop);
        assert_eq!(standard_stream(&link("f", "/proc/self/fd/2")), Some(2));
        assert_eq!(standard_stream(&link("g", "/dev/stdout")), Some(1));
        assert_eq!(standard_stream(&dir.join("real.csv")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
