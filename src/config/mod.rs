//! Where requests go and who signs them: flags over `NXCDP_*` environment over a profile in
//! the config file (`<config dir>/nxcdp/config.toml`, or `NXCDP_CONFIG`).

mod file;
mod profile;

pub use file::{
    check_small, permission_warning, read_small, read_stdin, save, ConfigFile, MAX_FILE_BYTES,
};
pub use profile::{key_name, region_names, ConfigKey, Profile, ALL_KEYS};

use crate::cli::Connection;
use crate::error::{shown, Error};
use crate::region::{self, Base, Level, Region};
use crate::sign::Secret;
use std::path::{Path, PathBuf};

pub const DEFAULT_PROFILE: &str = "default";

/// Everything needed to send a signed request.
#[derive(Clone, Debug)]
pub struct Target {
    pub base_url: String,
    /// Where the base URL came from (`--region hk`, `NXCDP_BASE_URL`, ...), for `-v`.
    pub base_from: String,
    /// `--ca-cert`: a CA (PEM) to trust besides the system's, and where it was set (the flag,
    /// `NXCDP_CA_CERT`, the profile), for the messages about it.
    pub ca_cert: Option<(PathBuf, &'static str)>,
    pub access_key: String,
    pub secret: Secret,
    pub tenant_id: i64,
    pub app_key: String,
}

/// The warning a secret with white space around it gets, wherever it comes from: that space is
/// signed as part of it, and is rarely meant.
pub fn spaced_secret(secret: &str, from: &str) -> Option<String> {
    (secret.trim() != secret).then(|| {
        format!(
            "the secret of {from} begins or ends with white space (a space or a line break), \
             which is used as part of the secret; check how it was set"
        )
    })
}

/// The config file's path: `NXCDP_CONFIG`, else the platform's config directory.
pub fn path() -> Result<PathBuf, Error> {
    if let Some(p) = std::env::var_os("NXCDP_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::config_dir()
        .map(|d| d.join("nxcdp").join("config.toml"))
        .ok_or_else(|| Error::Usage("no config directory on this system: set NXCDP_CONFIG".into()))
}

/// The profile name: `--profile`, `NXCDP_PROFILE`, else "default". A name with a line break or
/// a control character is refused: it could not be shown as it is.
pub fn profile_name(flag: Option<&str>) -> Result<String, Error> {
    let (name, from) = match flag {
        Some(name) => (name.to_string(), "--profile"),
        None => match env("NXCDP_PROFILE")? {
            Some(name) => (name, "NXCDP_PROFILE"),
            None => return Ok(DEFAULT_PROFILE.to_string()),
        },
    };
    check_profile_name(&name).map_err(|why| Error::Usage(format!("{from}: {why}")))?;
    Ok(name)
}

/// Why NAME cannot be a profile's name, if it cannot.
pub fn check_profile_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a profile name must not be empty".into());
    }
    if crate::error::escape_control(name) != name {
        return Err(format!(
            "the profile name {} holds a line break or a control character",
            shown(name)
        ));
    }
    Ok(())
}

/// An `NXCDP_*` variable; empty is unset, and one that is not UTF-8 is an error naming it.
fn env(name: &str) -> Result<Option<String>, Error> {
    match std::env::var(name) {
        Ok(v) => Ok(Some(v).filter(|v| !v.is_empty())),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(Error::Usage(format!("{name} is not UTF-8 text")))
        }
    }
}

/// Resolves the target, returning warnings to print (unless `--quiet`): those of the config
/// file ([`ConfigFile::warnings`]) and of the secret.
pub fn resolve(profile: Option<&str>, flags: &Connection) -> Result<(Target, Vec<String>), Error> {
    let path = path()?;
    let file = ConfigFile::load(&path)?;
    let explicit = profile.is_some() || env("NXCDP_PROFILE")?.is_some();
    let name = profile_name(profile)?;
    let mut warnings = file.warnings(&name);
    match target(&file, &name, explicit, flags, &mut warnings) {
        Ok(target) => Ok((target, warnings)),
        // What is wrong elsewhere in the file may be why: a key outside its profile, say.
        Err(Error::Usage(m)) if !warnings.is_empty() => Err(Error::Usage(format!(
            "{m}\nwarning: {}",
            warnings.join("\nwarning: ")
        ))),
        Err(e) => Err(e),
    }
}

fn target(
    file: &ConfigFile,
    name: &str,
    explicit: bool,
    flags: &Connection,
    warnings: &mut Vec<String>,
) -> Result<Target, Error> {
    let path = &file.path;
    let profile = match file.profile(name)? {
        Some(p) => p.clone(),
        None if explicit => return Err(file.no_profile(name)),
        None => Profile::default(),
    };
    let missing = |flag: &str, var: &str, key: &str| {
        let what = key.replace('_', " ");
        let file_says = match (file.exists, file.profiles.contains_key(name)) {
            (false, _) => format!("there is no config file ({} does not exist)", shown(path)),
            (true, false) => format!("{} has no profile {}", shown(path), shown(name)),
            (true, true) => format!("profile {} of {} has no {key}", shown(name), shown(path)),
        };
        let hint = match file.exists && file.profiles.contains_key(name) {
            true => format!("nxcdp config set {key} VALUE, or pass --{flag}, or set {var}"),
            false => format!(
                "run `nxcdp config init` to create it with {key} and the rest (or pass --{flag}, \
                 or set {var}); to try nxcdp without an account, add --sandbox: nxcdp customers \
                 query --sandbox"
            ),
        };
        Error::Usage(format!("no {what}: {file_says}\nhint: {hint}"))
    };
    let pick = |flag: &Option<String>, var: &str, from_profile: &Option<String>| {
        Ok::<_, Error>(flag.clone().or(env(var)?).or_else(|| from_profile.clone()))
    };

    let Base {
        url: base_url,
        from: base_from,
    } = region::pick(&base_levels(flags, name, &profile)?);
    let base_url = check_base_url(&base_url)?;
    let access_key = pick(&flags.access_key, "NXCDP_ACCESS_KEY", &profile.access_key)?
        .ok_or_else(|| missing("access-key", "NXCDP_ACCESS_KEY", "access_key"))?;
    // It travels as a header: a line break or a control character there cannot be sent.
    if !access_key.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(Error::Usage(
            "the access key holds a character a header cannot carry (a line break, a control \
             character or non-ASCII); check how it was copied"
                .into(),
        ));
    }
    let secret = if let Some(s) = &flags.access_secret {
        warnings.push(
            "--access-secret is visible to other processes; prefer NXCDP_ACCESS_SECRET or --access-secret-file"
                .into(),
        );
        Some((s.clone(), "--access-secret"))
    } else if let Some(file) = &flags.access_secret_file {
        Some((read_secret_file(file)?, "the file of --access-secret-file"))
    } else if let Some(s) = env("NXCDP_ACCESS_SECRET")? {
        Some((s, "NXCDP_ACCESS_SECRET"))
    } else {
        profile
            .access_secret
            .map(|s| (s, "access_secret in the profile"))
    };
    let (secret, from) = secret
        .ok_or_else(|| missing("access-secret-file", "NXCDP_ACCESS_SECRET", "access_secret"))?;
    warnings.extend(spaced_secret(&secret, from));
    let tenant_id = match (flags.tenant_id, env("NXCDP_TENANT_ID")?) {
        (Some(t), _) => Some(t),
        (None, Some(t)) => Some(
            t.trim()
                .parse()
                .map_err(|_| Error::Usage("NXCDP_TENANT_ID must be an integer".into()))?,
        ),
        (None, None) => profile.tenant_id,
    }
    .ok_or_else(|| missing("tenant-id", "NXCDP_TENANT_ID", "tenant_id"))?;
    let app_key = pick(&flags.app_key, "NXCDP_APP_KEY", &profile.app_key)?
        .ok_or_else(|| missing("app-key", "NXCDP_APP_KEY", "app_key"))?;
    let ca_cert = match (&flags.ca_cert, env("NXCDP_CA_CERT")?) {
        (Some(flag), _) => Some((flag.clone(), "--ca-cert")),
        (None, Some(var)) => Some((PathBuf::from(var), "NXCDP_CA_CERT")),
        (None, None) => {
            (profile.ca_cert.as_deref()).map(|p| (profile_path(path, p), "ca_cert in the profile"))
        }
    };
    Ok(Target {
        base_url,
        base_from,
        ca_cert,
        access_key,
        secret: Secret::new(secret),
        tenant_id,
        app_key,
    })
}

/// A base URL nxcdp can append API paths to: http or https, a host, no query or fragment.
/// Without a trailing `/`. Errors show it with any password masked.
pub fn check_base_url(text: &str) -> Result<String, Error> {
    // Paths are appended to it: a base URL this long is a mistake, and too long to quote.
    const MAX_CHARS: usize = 2048;
    if text.chars().count() > MAX_CHARS {
        return Err(Error::Usage(format!(
            "the base URL is {} characters long; at most {MAX_CHARS}",
            text.chars().count()
        )));
    }
    let shown = crate::error::masked_url(text);
    let bad = |why: &str| Error::Usage(format!("base URL {shown:?} {why}"));
    let url = reqwest::Url::parse(text).map_err(|e| bad(&format!("is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad(
            "has a query (?...) or a fragment (#...); give only scheme, host, port and path",
        ));
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// What the flags, the environment and the profile say about the base URL, highest first (the
/// rule is [`region::pick`]'s). An unknown region is a usage error that lists the valid ones.
pub fn base_levels(flags: &Connection, name: &str, profile: &Profile) -> Result<Vec<Level>, Error> {
    let env_region = env("NXCDP_REGION")?
        .map(|r| Region::parse(&r).map_err(|e| Error::Usage(format!("NXCDP_REGION: {e}"))))
        .transpose()?;
    let profile_region = profile
        .region
        .as_deref()
        .map(|r| {
            Region::parse(r)
                .map_err(|e| Error::Usage(format!("region in profile {}: {e}", shown(name))))
        })
        .transpose()?;
    Ok(vec![
        Level {
            base_url_name: "--base-url".into(),
            region_name: "--region {}".into(),
            base_url: flags.base_url.clone(),
            region: flags.region,
        },
        Level {
            base_url_name: "NXCDP_BASE_URL".into(),
            region_name: "NXCDP_REGION={}".into(),
            base_url: env("NXCDP_BASE_URL")?,
            region: env_region,
        },
        Level {
            base_url_name: format!("base_url in profile {}", shown(name)),
            region_name: format!("region = {{}} in profile {}", shown(name)),
            base_url: profile.base_url.clone(),
            region: profile_region,
        },
    ])
}

/// A path in the profile: `~/` is the home directory; a relative path is relative to the
/// config file's directory.
fn profile_path(config: &Path, value: &str) -> PathBuf {
    let value = Path::new(value);
    if let (Ok(rest), Some(home)) = (value.strip_prefix("~"), dirs::home_dir()) {
        return home.join(rest);
    }
    match config.parent() {
        Some(dir) if value.is_relative() => dir.join(value),
        _ => value.to_path_buf(),
    }
}

/// `--access-secret-file`: the secret, without the final line break.
fn read_secret_file(path: &Path) -> Result<String, Error> {
    let what = "--access-secret-file";
    // A path that names nothing may be the secret itself, typed after the wrong flag: it is not
    // repeated.
    if path.as_os_str() != "-" && std::fs::symlink_metadata(path).is_err() {
        return Err(Error::Usage(format!(
            "{what}: no such file (the path is not shown: it may be the secret itself, typed after --access-secret-file instead of --access-secret)"
        )));
    }
    let bytes = match path.as_os_str() == "-" {
        true => read_stdin(what)?,
        false => read_small(path, what)?,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("{what} {}: not UTF-8 text", shown(path))))?;
    let secret = text.trim_end_matches(['\r', '\n']).to_string();
    if secret.is_empty() {
        return Err(Error::Usage(format!(
            "{what} {}: holds no access secret",
            shown(path)
        )));
    }
    Ok(secret)
}

/// What reads stdin in one command (`customers get -`, `--access-secret-file -`, `--input -`,
/// the secret of `config set`): two readers would split it between them, and what one of them
/// read (the secret, say) would be shown as the other's bad input. Two is a usage error, before
/// anything is read.
pub fn one_stdin_reader(readers: &[(&str, bool)]) -> Result<(), Error> {
    let reading: Vec<&str> = readers.iter().filter(|r| r.1).map(|r| r.0).collect();
    match reading.as_slice() {
        [first, second, ..] => Err(Error::Usage(format!(
            "{first} and {second} both read stdin; give one of them a file"
        ))),
        _ => Ok(()),
    }
}

/// Whether a path flag means stdin.
pub fn is_stdin(path: Option<&Path>) -> bool {
    path.is_some_and(|p| p.as_os_str() == "-")
}
