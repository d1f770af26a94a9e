//! The config file: read safely (a regular file of a few MiB, each profile checked on its own),
//! and edited in place (comments kept, through a symbolic link, atomically, mode 0600).

use super::profile::{key_name, line_of, ConfigKey, Profile, ALL_KEYS};
use crate::error::{shown, Error};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most nxcdp reads of a local file it is given (the config, a secret, a CA, a request
/// body): a device such as /dev/zero would never end.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file nxcdp was pointed at: it must be a regular file (a pipe would block, a device
/// never end) of at most [`MAX_FILE_BYTES`]. `what` names it in errors (`--input`, ...).
pub fn read_small(path: &Path, what: &str) -> Result<Vec<u8>, Error> {
    let fail = |why: String| Error::Usage(format!("{what} {}: {why}", shown(path)));
    let unreadable = |e: std::io::Error| fail(format!("cannot read it: {e}"));
    // Checked before opening: opening a pipe blocks until a writer comes.
    check_small(path, what)?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // And what was opened, in case the path changed in between.
    small(&file.metadata().map_err(unreadable)?).map_err(fail)?;
    read_capped(file)
        .map_err(|e| fail(e.map_or_else(too_large, |e| format!("cannot read it: {e}"))))
}

/// Whether PATH is a regular file of at most [`MAX_FILE_BYTES`], for a file others read
/// (`SSL_CERT_FILE`) as for those nxcdp reads.
pub fn check_small(path: &Path, what: &str) -> Result<(), Error> {
    let fail = |why: String| Error::Usage(format!("{what} {}: {why}", shown(path)));
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
    small(&meta).map_err(fail)
}

fn small(meta: &std::fs::Metadata) -> Result<(), String> {
    match (meta.is_file(), meta.len() > MAX_FILE_BYTES) {
        (false, _) => {
            Err("not a regular file (a directory, a pipe or a device); give a file".into())
        }
        (true, true) => Err(too_large()),
        (true, false) => Ok(()),
    }
}

/// Reads stdin for `what` (`--input -`, ...), up to [`MAX_FILE_BYTES`].
pub fn read_stdin(what: &str) -> Result<Vec<u8>, Error> {
    read_capped(std::io::stdin().lock())
        .map_err(|e| Error::Usage(format!("{what} -: {}", e.unwrap_or_else(too_large))))
}

/// The bytes, or why not: an I/O error's text, `None` when there were too many.
fn read_capped(reader: impl Read) -> Result<Vec<u8>, Option<String>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Some(e.to_string()))?;
    match bytes.len() as u64 > MAX_FILE_BYTES {
        true => Err(None),
        false => Ok(bytes),
    }
}

fn too_large() -> String {
    format!("larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024)
}

/// The config file as read: each profile checked on its own, so that a broken profile fails
/// only the commands that use it.
#[derive(Clone, Debug, Default)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// Whether a file is there at all.
    pub exists: bool,
    /// Each profile, or what is wrong with it, said whole (naming the key, never quoting a
    /// value).
    pub profiles: BTreeMap<String, Result<Profile, String>>,
    /// Whether any profile, broken or not, has an `access_secret`.
    pub holds_secret: bool,
}

impl ConfigFile {
    /// Reads the file; a missing file has no profiles. A file that is not TOML is an error for
    /// every command; a profile that is wrong is one only for the commands that use it.
    pub fn load(path: &Path) -> Result<ConfigFile, Error> {
        let mut file = ConfigFile {
            path: path.to_path_buf(),
            ..ConfigFile::default()
        };
        let Some(text) = read_config(path)? else {
            return Ok(file);
        };
        file.exists = true;
        let doc = toml_edit::ImDocument::parse(text.as_str())
            .map_err(|e| not_valid(path, &text, e.message(), e.span()))?;
        for (name, item) in doc.iter() {
            file.holds_secret |= name == key_name(ConfigKey::AccessSecret)
                || item
                    .as_table_like()
                    .is_some_and(|t| t.contains_key(key_name(ConfigKey::AccessSecret)));
            let line = doc
                .get_key_value(name)
                .and_then(|(k, _)| k.span())
                .map_or(0, |at| line_of(&text, at.start));
            let profile = match item.as_table_like() {
                _ if super::check_profile_name(name).is_err() => Err(format!(
                    "its name (line {line}) holds a control character or a line break; rename it"
                )),
                Some(table) => Profile::from_table(table, &text),
                None => Err(format!(
                    "{} (line {line}) in {} is outside any [profile]: put it under a [name] line",
                    shown(name),
                    shown(path)
                )),
            };
            let profile = profile.map_err(|why| match item.is_table_like() {
                true => format!("profile {} in {}: {why}", shown(name), shown(path)),
                false => why,
            });
            file.profiles.insert(name.to_string(), profile);
        }
        Ok(file)
    }

    /// The profile NAME: `None` when the file has no such profile, an error naming the key
    /// when it is broken.
    pub fn profile(&self, name: &str) -> Result<Option<&Profile>, Error> {
        match self.profiles.get(name) {
            None => Ok(None),
            Some(Ok(profile)) => Ok(Some(profile)),
            Some(Err(why)) => Err(Error::Usage(why.clone())),
        }
    }

    /// The error of a profile that is not in the file, or of a file that is not there.
    pub fn no_profile(&self, name: &str) -> Error {
        let (name, path) = (shown(name), shown(&self.path));
        let what = match self.exists {
            true => format!("profile {name} is not in {path}"),
            false => {
                format!("there is no config file ({path} does not exist), so no profile {name}")
            }
        };
        Error::Usage(format!(
            "{what}\nhint: `nxcdp config init --profile {name}` creates it; `nxcdp config profiles` lists those there are"
        ))
    }

    /// What to warn about when profile USING is read: the other profiles that are broken, and
    /// a file others can read while any profile in it holds a secret.
    pub fn warnings(&self, using: &str) -> Vec<String> {
        let mut warnings: Vec<String> = self
            .profiles
            .iter()
            .filter(|(name, _)| name.as_str() != using)
            .filter_map(|(_, p)| p.as_ref().err())
            .map(|why| format!("{why} (ignored)"))
            .collect();
        if self.holds_secret {
            warnings.extend(permission_warning(&self.path));
        }
        warnings
    }
}

/// The file's text; `None` when there is no file.
fn read_config(path: &Path) -> Result<Option<String>, Error> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let bytes = read_small(path, "the config file")?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Error::Usage(format!("the config file {} is not UTF-8 text", shown(path))))
}

/// A warning when others can read the file that holds the secret.
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            let path = shown(path);
            return Some(format!(
                "{path} holds an access secret and can be read by other users; run: chmod 600 {path}"
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

/// A config file that is not valid TOML, said by line and without quoting it: the line may
/// hold the access secret. The parser quotes in backticks; only key names stay.
fn not_valid(path: &Path, text: &str, message: &str, at: Option<std::ops::Range<usize>>) -> Error {
    let line = at.map_or(String::new(), |at| {
        format!(" at line {}", line_of(text, at.start))
    });
    let message = message.lines().next().unwrap_or("not TOML");
    let message: String = message
        .split('`')
        .enumerate()
        .map(
            |(i, part)| match i % 2 == 1 && !ALL_KEYS.map(key_name).contains(&part) {
                true => "…",
                false => part,
            },
        )
        .collect::<Vec<_>>()
        .join("`");
    Error::Usage(format!(
        "{} is not valid TOML{line}: {message}",
        shown(path)
    ))
}

/// Where the file really is: a symbolic link is followed (to its end, even if that does not
/// exist yet), so that saving replaces the file it points to, not the link.
fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                }
            }
            Err(_) => break,
        }
    }
    path
}

/// Writes `keys` of one profile into the file, keeping everything else in it (comments, other
/// keys and profiles, order); `region` set in place of `base_url` (or the other way) takes its
/// place and its comments. Atomic (a temporary file renamed over the old
/// one), mode 0600, through a symbolic link. Returns the keys it removed.
pub fn save(
    path: &Path,
    name: &str,
    profile: &Profile,
    keys: &[ConfigKey],
) -> Result<Vec<ConfigKey>, Error> {
    let path = &through_links(path);
    let fail = |e: std::io::Error| Error::Usage(format!("cannot write {}: {e}", shown(path)));
    let old = read_config(path)?.unwrap_or_default();
    let mut doc: toml_edit::DocumentMut = old
        .parse()
        .map_err(|e: toml_edit::TomlError| not_valid(path, &old, e.message(), e.span()))?;
    let table = doc
        .entry(name)
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or_else(|| {
            Error::Usage(format!(
                "profile {} in {} is not a [table]: edit it by hand",
                shown(name),
                shown(path)
            ))
        })?;
    let removed: Vec<ConfigKey> = keys
        .iter()
        .copied()
        .filter(|k| profile.get(*k).is_none() && table.contains_key(key_name(*k)))
        .collect();
    for &key in keys {
        let value = match (key, profile.get(key)) {
            (_, None) => continue,
            (ConfigKey::TenantId, Some(_)) => {
                toml_edit::value(profile.tenant_id.unwrap_or_default())
            }
            (_, Some(text)) => toml_edit::value(text),
        };
        // A profile names its API by base_url or by region: one taking the other's place.
        let other = match key {
            ConfigKey::Region => Some(ConfigKey::BaseUrl),
            ConfigKey::BaseUrl => Some(ConfigKey::Region),
            _ => None,
        };
        match other.filter(|o| keys.contains(o) && profile.get(*o).is_none()) {
            Some(old) if table.get(key_name(key)).is_none() => {
                replace(table, key_name(old), key_name(key), value)
            }
            _ => table[key_name(key)] = value,
        }
    }
    for &key in keys.iter().filter(|k| profile.get(**k).is_none()) {
        table.remove(key_name(key));
    }
    let text = doc.to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp).map_err(fail)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)?;
    Ok(removed)
}

/// Puts NEW where OLD is, with OLD's comments (the lines above it and the one after it); OLD
/// goes. When OLD is not there, NEW is added at the end.
fn replace(table: &mut toml_edit::Table, old: &str, new: &str, value: toml_edit::Item) {
    let order: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let Some(at) = order.iter().position(|k| k == old) else {
        table[new] = value;
        return;
    };
    let decor = table.key(old).map(|k| k.leaf_decor().clone());
    let suffix = table
        .get(old)
        .and_then(|i| i.as_value())
        .and_then(|v| v.decor().suffix().cloned());
    table.remove(old);
    table[new] = value;
    if let (Some(decor), Some(mut key)) = (decor, table.key_mut(new)) {
        *key.leaf_decor_mut() = decor;
    }
    if let (Some(suffix), Some(v)) = (suffix, table.get_mut(new).and_then(|i| i.as_value_mut())) {
        v.decor_mut().set_suffix(suffix);
    }
    let position = |k: &toml_edit::Key| match k.get() {
        k if k == new => at,
        k => order.iter().position(|o| o == k).unwrap_or(usize::MAX),
    };
    table.sort_values_by(|a, _, b, _| position(a).cmp(&position(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_key_leaves_its_place_and_comments_to_the_new_one() {
        let text = "[p]\naccess_key = \"k\"\n# the office gateway\nbase_url = \"http://g\" # old\napp_key = \"a\"\n";
        let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
        let table = doc["p"].as_table_mut().unwrap();
        replace(table, "base_url", "region", toml_edit::value("hk"));
        assert_eq!(
            doc.to_string(),
            "[p]\naccess_key = \"k\"\n# the office gateway\nregion = \"hk\" # old\napp_key = \"a\"\n"
        );
    }

    #[test]
    fn not_toml_is_said_by_line_without_values_but_with_key_names() {
        let err = not_valid(
            Path::new("c.toml"),
            "a\nb\n",
            "duplicate key `access_secret` and `MYSECRET`\nmore",
            Some(2..3),
        );
        assert_eq!(
            err.to_string(),
            "c.toml is not valid TOML at line 2: duplicate key `access_secret` and `…`"
        );
    }
}
