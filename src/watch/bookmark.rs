//! `--bookmark FILE`: a watch's memory on disk, with what it belongs to (the server, the tenant,
//! the filters) and, with `--file`, how much of that file it covers. Written whole to a new file
//! beside it and renamed over it, so that a crash leaves the last one intact.

use super::memory::Memory;
use crate::error::{shown, Error};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a bookmark belongs to: it is refused for anything else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    /// The base URL, a password in it masked.
    pub base_url: String,
    pub tenant_id: i64,
    pub app_key: String,
    /// The request body's filters, without tenant, cursor and page size.
    pub filters: Map<String, Value>,
}

/// `--file`: how much of the file the bookmark covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Covered {
    /// The file's absolute path, as [`shown`] writes it.
    pub path: String,
    /// Its first `bytes` hold the customers this bookmark covers; what follows, a crashed run
    /// wrote after its last save.
    pub bytes: u64,
    /// The output options that shaped it (`-o csv --columns id,email`).
    pub output: String,
    /// The columns of its CSV header, once written.
    pub columns: Option<Value>,
    /// A run of this bookmark may be writing past `bytes`: saved before each write, cleared once
    /// what it wrote is covered. A tail past `bytes` is this bookmark's to cut only then.
    #[serde(default)]
    pub writing: bool,
    /// SHA-256 of the last bytes it covers (64 KiB at most): the same file, not another one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail_sha256: Option<String>,
}

/// The file's format version. Version 1 (no ceiling, no write in progress) is read too; an
/// nxcdp that knows only it refuses version 2, whose `--file` it would cut unsafely.
const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Saved {
    nxcdp_watch_bookmark: u32,
    owner: Owner,
    /// This machine's clock (Unix ms) when `memory.clock_ms` was read.
    clock_at_ms: i64,
    memory: Memory,
    file: Option<Covered>,
}

pub struct Bookmark {
    path: PathBuf,
    owner: Owner,
    pub file: Option<Covered>,
    /// Read from a version 1 file, which an id from the future could have moved the clock of.
    pub legacy: bool,
}

impl Bookmark {
    /// Reads the bookmark at `path` if there is one, refusing one of another server, tenant or
    /// query, and returns its memory, the clock moved on by the time since it was saved. A
    /// missing file is a new bookmark: no memory. Nothing is written here.
    pub fn open(
        path: &Path,
        owner: Owner,
        now_ms: i64,
    ) -> Result<(Bookmark, Option<Memory>), Error> {
        let bad = |why: String| Error::Usage(format!("--bookmark {}: {why}", shown(path)));
        let mut bookmark = Bookmark {
            path: path.to_path_buf(),
            owner,
            file: None,
            legacy: false,
        };
        if !check_path(path)? {
            return Ok((bookmark, None));
        }
        let text = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
        let saved: Saved = serde_json::from_slice(&text).map_err(|e| {
            bad(format!(
                "is not a watch bookmark, or is damaged ({e}); delete it to start anew (from now)"
            ))
        })?;
        if !(1..=VERSION).contains(&saved.nxcdp_watch_bookmark) {
            return Err(bad(format!(
                "is a bookmark of version {}, which this nxcdp does not read",
                saved.nxcdp_watch_bookmark
            )));
        }
        if let Some(why) = differs(&saved.owner, &bookmark.owner) {
            return Err(bad(format!(
                "{why}; a bookmark follows one query: use another bookmark file"
            )));
        }
        let mut memory = saved.memory;
        // Time went by since it was saved: the ids' clock went on as far (never back).
        let since = now_ms.saturating_sub(saved.clock_at_ms).max(0);
        memory.clock_ms = memory.clock_ms.map(|c| c.saturating_add(since));
        memory.ceiling_ms = memory.ceiling_ms.map(|c| c.saturating_add(since));
        (bookmark.file, bookmark.legacy) = (saved.file, saved.nxcdp_watch_bookmark == 1);
        Ok((bookmark, Some(memory)))
    }

    /// Writes the memory (its clock read at `now_ms`) to a new file beside the bookmark, then
    /// renames it over the bookmark. A link left at the temporary name is removed, never
    /// followed.
    pub fn save(&self, memory: &Memory, now_ms: i64) -> Result<(), Error> {
        let saved = Saved {
            nxcdp_watch_bookmark: VERSION,
            owner: self.owner.clone(),
            clock_at_ms: now_ms,
            memory: memory.clone(),
            file: self.file.clone(),
        };
        let text = serde_json::to_vec(&saved).expect("a bookmark always serializes");
        let tmp = crate::lock::with_suffix(&self.path, ".partial");
        let failed = |path: &Path| {
            let what = format!("cannot save the bookmark {}", shown(path));
            move |source| Error::Io { what, source }
        };
        let _ = std::fs::remove_file(&tmp);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(failed(&tmp))?;
        file.write_all(&text).map_err(failed(&tmp))?;
        file.sync_all().map_err(failed(&tmp))?;
        std::fs::rename(&tmp, &self.path).map_err(failed(&self.path))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Refuses a bookmark path that cannot work (no directory, not a regular file), before anything
/// is sent or locked; whether a bookmark is there.
pub fn check_path(path: &Path) -> Result<bool, Error> {
    let bad = |why: String| Error::Usage(format!("--bookmark {}: {why}", shown(path)));
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if !parent.unwrap_or(Path::new(".")).is_dir() {
        return Err(bad("its directory does not exist".into()));
    }
    // A pipe or a device would block or never hold what was saved (and a descriptor's name,
    // `/dev/stdout`, is a link that a rename would replace).
    if !matches!(crate::place::place(path), crate::place::Place::File(_)) {
        return Err(bad("is not a regular file".into()));
    }
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(bad(e.to_string())),
        Ok(m) if !m.is_file() => Err(bad("is not a regular file".into())),
        Ok(_) => Ok(true),
    }
}

/// What differs between the owner a bookmark was made for and this run's, in words.
fn differs(saved: &Owner, now: &Owner) -> Option<String> {
    if saved.base_url != now.base_url {
        return Some(format!(
            "it was made against {}, not {}",
            shown(&saved.base_url),
            shown(&now.base_url)
        ));
    }
    if (saved.tenant_id, &saved.app_key) != (now.tenant_id, &now.app_key) {
        return Some(format!(
            "it was made for tenant {} (app key {}), not tenant {} (app key {})",
            saved.tenant_id,
            shown(&saved.app_key),
            now.tenant_id,
            shown(&now.app_key)
        ));
    }
    let keys = saved.filters.keys().chain(now.filters.keys());
    for key in keys {
        let (was, is) = (saved.filters.get(key), now.filters.get(key));
        if was != is {
            let shown = |v: Option<&Value>| match v {
                None => "none".to_string(),
                Some(Value::String(s)) => shown(s),
                Some(other) => shown(other.to_string()),
            };
            return Some(format!(
                "it was made with other filters: {} {}, not {}",
                crate::query::flag_of(key),
                shown(was),
                shown(is)
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(filters: Value) -> Owner {
        Owner {
            base_url: "http://127.0.0.1:1".into(),
            tenant_id: 1,
            app_key: "k".into(),
            filters: filters.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn a_bookmark_of_another_server_tenant_or_query_is_refused_naming_it() {
        let a = owner(serde_json::json!({"tags": [{"tag_name": "vip"}]}));
        assert_eq!(differs(&a, &a.clone()), None);
        let mut b = a.clone();
        b.filters.clear();
        let why = differs(&a, &b).unwrap();
        assert!(why.contains("--tag/--tag-id"), "{why}");
        assert!(why.ends_with("not none"), "{why}");
        b = a.clone();
        b.base_url = "https://api.nxcloud.com".into();
        assert!(differs(&a, &b).unwrap().contains("api.nxcloud.com"));
        b = a.clone();
        b.tenant_id = 2;
        assert!(differs(&a, &b).unwrap().contains("tenant 2"));
    }

    #[test]
    fn saved_and_opened_again_the_clock_has_moved_on() {
        let dir = std::env::temp_dir().join(format!("nxcdp-bookmark-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("b.json");
        let _ = std::fs::remove_file(&path);
        let o = owner(serde_json::json!({}));
        let (bookmark, memory) = Bookmark::open(&path, o.clone(), 1000).unwrap();
        assert!(memory.is_none() && !path.exists(), "opening writes nothing");
        let mut m = Memory::starting_at(&[5 << 22], 100).unwrap();
        m.remember(5 << 22);
        bookmark.save(&m, 1000).unwrap();
        let (_, again) = Bookmark::open(&path, o.clone(), 4000).unwrap();
        let again = again.unwrap();
        assert_eq!(again.seen, m.seen);
        assert_eq!(again.clock_ms, Some(5 + 3000));
        // A clock that went back does not move it back.
        let (_, early) = Bookmark::open(&path, o.clone(), 10).unwrap();
        assert_eq!(early.unwrap().clock_ms, Some(5));
        let mut other = o;
        other.app_key = "x".into();
        assert!(Bookmark::open(&path, other, 0).is_err());
        std::fs::write(&path, "{").unwrap();
        let err = Bookmark::open(&path, owner(serde_json::json!({})), 0).err();
        assert!(err.unwrap().to_string().contains("damaged"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
