//! Where requests go and who signs them: flags over `NXCDP_*` environment over a profile in
//! the config file (`<config dir>/nxcdp/config.toml`, or `NXCDP_CONFIG`).

use crate::cli::Connection;
use crate::error::Error;
use crate::region::{self, Base, Level, Region};
use crate::sign::Secret;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub const DEFAULT_BASE_URL: &str = "https://api.nxcloud.com";
pub const DEFAULT_PROFILE: &str = "default";

/// Everything needed to send a signed request.
#[derive(Clone, Debug)]
pub struct Target {
    pub base_url: String,
    /// Where the base URL came from (`--region hk`, `NXCDP_BASE_URL`, ...), for `-v`.
    pub base_from: String,
    /// `--ca-cert`: a CA (PEM) to trust besides the system's.
    pub ca_cert: Option<PathBuf>,
    pub access_key: String,
    pub secret: Secret,
    pub tenant_id: i64,
    pub app_key: String,
}

/// The keys of a profile, named as in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ConfigKey {
    #[value(name = "base_url")]
    BaseUrl,
    #[value(name = "access_key")]
    AccessKey,
    #[value(name = "access_secret")]
    AccessSecret,
    #[value(name = "tenant_id")]
    TenantId,
    #[value(name = "app_key")]
    AppKey,
    #[value(name = "region")]
    Region,
    #[value(name = "ca_cert")]
    CaCert,
}

/// One `[name]` table of the config file; the keys are the ones `nxcdp config` takes.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub base_url: Option<String>,
    pub access_key: Option<String>,
    pub access_secret: Option<String>,
    pub tenant_id: Option<i64>,
    pub app_key: Option<String>,
    pub region: Option<String>,
    pub ca_cert: Option<String>,
}

pub type Profiles = BTreeMap<String, Profile>;

/// The config file's path: `NXCDP_CONFIG`, else the platform's config directory.
pub fn path() -> Result<PathBuf, Error> {
    if let Some(p) = std::env::var_os("NXCDP_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::config_dir()
        .map(|d| d.join("nxcdp").join("config.toml"))
        .ok_or_else(|| Error::Usage("no config directory on this system: set NXCDP_CONFIG".into()))
}

/// Reads the profiles; a missing file has none.
pub fn load(path: &Path) -> Result<Profiles, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Profiles::new()),
        Err(e) => return Err(Error::Usage(format!("cannot read {}: {e}", path.display()))),
    };
    toml::from_str(&text).map_err(|e| not_valid(path, &text, e.message(), e.span()))
}

/// A warning when others can read the file that holds the secret.
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return Some(format!(
                "{} can be read by other users; run: chmod 600 {}",
                path.display(),
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

/// The profile name: `--profile`, `NXCDP_PROFILE`, else "default".
pub fn profile_name(flag: Option<&str>) -> String {
    flag.map(str::to_string)
        .or_else(|| env("NXCDP_PROFILE"))
        .unwrap_or_else(|| DEFAULT_PROFILE.to_string())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Resolves the target, returning warnings to print (unless `--quiet`).
pub fn resolve(profile: Option<&str>, flags: &Connection) -> Result<(Target, Vec<String>), Error> {
    let path = path()?;
    let profiles = load(&path)?;
    let explicit = profile.is_some() || env("NXCDP_PROFILE").is_some();
    let name = profile_name(profile);
    let profile = match profiles.get(&name) {
        Some(p) => p.clone(),
        None if explicit => {
            return Err(Error::Usage(format!(
                "profile {name:?} is not in {}; `nxcdp config profiles` lists them",
                path.display()
            )))
        }
        None => Profile::default(),
    };
    let mut warnings = Vec::new();
    if profile.access_secret.is_some() {
        warnings.extend(permission_warning(&path));
    }
    let missing = |flag: &str, var: &str, key: &str| {
        Error::Usage(format!(
            "no {}: pass --{flag}, set {var}, or set {key} in profile {name:?} of {} \
             (nxcdp config set {key} VALUE)",
            key.replace('_', " "),
            path.display()
        ))
    };
    let pick = |flag: &Option<String>, var: &str, from_profile: &Option<String>| {
        flag.clone()
            .or_else(|| env(var))
            .or_else(|| from_profile.clone())
    };

    let Base {
        url: base_url,
        from: base_from,
    } = region::pick(&base_levels(flags, &name, &profile)?);
    let base_url = check_base_url(&base_url)?;
    let access_key = pick(&flags.access_key, "NXCDP_ACCESS_KEY", &profile.access_key)
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
        Some(s.clone())
    } else if let Some(file) = &flags.access_secret_file {
        Some(read_secret_file(file)?)
    } else {
        env("NXCDP_ACCESS_SECRET").or(profile.access_secret)
    }
    .ok_or_else(|| missing("access-secret-file", "NXCDP_ACCESS_SECRET", "access_secret"))?;
    let tenant_id =
        match (flags.tenant_id, env("NXCDP_TENANT_ID")) {
            (Some(t), _) => Some(t),
            (None, Some(t)) => Some(t.trim().parse().map_err(|_| {
                Error::Usage(format!("NXCDP_TENANT_ID must be an integer, got {t:?}"))
            })?),
            (None, None) => profile.tenant_id,
        }
        .ok_or_else(|| missing("tenant-id", "NXCDP_TENANT_ID", "tenant_id"))?;
    let app_key = pick(&flags.app_key, "NXCDP_APP_KEY", &profile.app_key)
        .ok_or_else(|| missing("app-key", "NXCDP_APP_KEY", "app_key"))?;
    let ca_cert = flags
        .ca_cert
        .clone()
        .or_else(|| env("NXCDP_CA_CERT").map(PathBuf::from))
        .or_else(|| profile.ca_cert.as_deref().map(|p| profile_path(&path, p)));
    Ok((
        Target {
            base_url,
            base_from,
            ca_cert,
            access_key,
            secret: Secret::new(secret),
            tenant_id,
            app_key,
        },
        warnings,
    ))
}

/// A config file that is not valid TOML, said by line and without quoting it: the line may
/// hold the access secret.
fn not_valid(path: &Path, text: &str, message: &str, at: Option<std::ops::Range<usize>>) -> Error {
    let before = |at: usize| &text.as_bytes()[..at.min(text.len())];
    let line = at.map(|at| before(at.start).iter().filter(|b| **b == b'\n').count() + 1);
    let line = line.map_or(String::new(), |l| format!(" at line {l}"));
    // serde quotes the offending value in backticks (`invalid type: integer `7731...``): it may
    // be the secret.
    let message = message.lines().next().unwrap_or("not TOML");
    let message: String = message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("`");
    Error::Usage(format!("{} is not valid{line}: {message}", path.display()))
}

/// A base URL nxcdp can append API paths to: http or https, a host, no query or fragment.
/// Without a trailing `/`. Errors show it with any password masked.
pub fn check_base_url(text: &str) -> Result<String, Error> {
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
    let env_region = env("NXCDP_REGION")
        .map(|r| Region::parse(&r).map_err(|e| Error::Usage(format!("NXCDP_REGION: {e}"))))
        .transpose()?;
    let profile_region = profile
        .region
        .as_deref()
        .map(|r| {
            Region::parse(r).map_err(|e| Error::Usage(format!("region in profile {name:?}: {e}")))
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
            base_url: env("NXCDP_BASE_URL"),
            region: env_region,
        },
        Level {
            base_url_name: format!("base_url in profile {name:?}"),
            region_name: format!("region = {{}} in profile {name:?}"),
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

fn read_secret_file(path: &Path) -> Result<String, Error> {
    let mut text = String::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text).map(|_| ()))
    };
    result.map_err(|e| {
        Error::Usage(format!(
            "cannot read the access secret from {}: {e}",
            path.display()
        ))
    })?;
    let secret = text.trim_end_matches(['\r', '\n']).to_string();
    if secret.is_empty() {
        return Err(Error::Usage(format!(
            "{} holds no access secret",
            path.display()
        )));
    }
    Ok(secret)
}

/// Writes `keys` of one profile into the file, keeping everything else in it (comments, other
/// keys and profiles, order); atomically (a temporary file renamed over the old one), mode 0600.
pub fn save(path: &Path, name: &str, profile: &Profile, keys: &[ConfigKey]) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::Usage(format!("cannot write {}: {e}", path.display()));
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(fail(e)),
    };
    let invalid = |e: &dyn std::fmt::Display| not_valid(path, "", &e.to_string(), None);
    let mut doc: toml_edit::DocumentMut = old
        .parse()
        .map_err(|e: toml_edit::TomlError| not_valid(path, &old, e.message(), e.span()))?;
    let table = doc
        .entry(name)
        .or_insert(toml_edit::table())
        .as_table_mut()
        .ok_or_else(|| invalid(&format!("{name} is not a table")))?;
    for &key in keys {
        let value = match (key, profile.get(key)) {
            (_, None) => {
                table.remove(key_name(key));
                continue;
            }
            (ConfigKey::TenantId, Some(_)) => {
                toml_edit::value(profile.tenant_id.unwrap_or_default())
            }
            (_, Some(text)) => toml_edit::value(text),
        };
        table[key_name(key)] = value;
    }
    let text = doc.to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("toml.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp).map_err(fail)?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

impl Profile {
    pub fn get(&self, key: ConfigKey) -> Option<String> {
        match key {
            ConfigKey::BaseUrl => self.base_url.clone(),
            ConfigKey::AccessKey => self.access_key.clone(),
            ConfigKey::AccessSecret => self.access_secret.clone(),
            ConfigKey::TenantId => self.tenant_id.map(|t| t.to_string()),
            ConfigKey::AppKey => self.app_key.clone(),
            ConfigKey::Region => self.region.clone(),
            ConfigKey::CaCert => self.ca_cert.clone(),
        }
    }

    pub fn set(&mut self, key: ConfigKey, value: &str) -> Result<(), Error> {
        let value = value.trim().to_string();
        match key {
            ConfigKey::BaseUrl => self.base_url = Some(value),
            ConfigKey::AccessKey => self.access_key = Some(value),
            ConfigKey::AccessSecret => self.access_secret = Some(value),
            ConfigKey::AppKey => self.app_key = Some(value),
            ConfigKey::Region => {
                let region = Region::parse(&value).map_err(Error::Usage)?;
                self.region = Some(region.name().to_string());
            }
            ConfigKey::CaCert => self.ca_cert = Some(value),
            ConfigKey::TenantId => {
                let id = value.parse().map_err(|_| {
                    Error::Usage(format!("tenant_id must be an integer, got {value:?}"))
                })?;
                self.tenant_id = Some(id);
            }
        }
        Ok(())
    }
}

pub fn key_name(key: ConfigKey) -> &'static str {
    match key {
        ConfigKey::BaseUrl => "base_url",
        ConfigKey::AccessKey => "access_key",
        ConfigKey::AccessSecret => "access_secret",
        ConfigKey::TenantId => "tenant_id",
        ConfigKey::AppKey => "app_key",
        ConfigKey::Region => "region",
        ConfigKey::CaCert => "ca_cert",
    }
}

/// The keys `config init` asks for, in this order.
pub const KEYS: [ConfigKey; 5] = [
    ConfigKey::BaseUrl,
    ConfigKey::AccessKey,
    ConfigKey::AccessSecret,
    ConfigKey::TenantId,
    ConfigKey::AppKey,
];

/// Every key of a profile, as `config list` shows them.
pub const ALL_KEYS: [ConfigKey; 7] = [
    ConfigKey::BaseUrl,
    ConfigKey::Region,
    ConfigKey::AccessKey,
    ConfigKey::AccessSecret,
    ConfigKey::TenantId,
    ConfigKey::AppKey,
    ConfigKey::CaCert,
];
